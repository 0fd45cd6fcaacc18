//! Tests of the field catalogue and the record accessors it drives.

use super::*;

#[test]
fn the_catalogue_is_in_field_order() {
    for (i, spec) in CATALOGUE.iter().enumerate() {
        assert_eq!(spec.field as usize, i, "{}", spec.name);
    }
}

#[test]
fn every_sealed_field_has_a_class_and_no_clear_one_has() {
    for spec in &CATALOGUE {
        assert_eq!(spec.sealed, spec.class.is_some(), "{}", spec.name);
    }
}

#[test]
fn one_value_fields_read_back_what_is_set() {
    let mut data = CustomerData::default();
    for field in Field::those(|s| s.shape == Shape::Optional) {
        data.set_text(field, format!("{field:?}"));
        assert_eq!(data.text(field), Some(format!("{field:?}").as_str()));
        data.clear(field);
        assert_eq!(data.text(field), None);
    }
}

#[test]
fn sealed_forms_round_trip() -> serde_json::Result<()> {
    let data = CustomerData {
        name: "Jan Novák".into(),
        phone: Some("+420601234567".into()),
        tags: vec!["vip".into()],
        fields: [("vat".to_owned(), "CZ1".to_owned())].into(),
        ..CustomerData::default()
    };
    let mut back = CustomerData::default();
    for field in Field::those(|s| s.sealed) {
        if let Some(value) = data.sealed_form(field) {
            back.set_sealed_form(field, value.into_owned())?;
        }
    }
    assert_eq!(back, data);
    Ok(())
}
