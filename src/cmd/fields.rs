//! Turning the field flags shared by `add` and `edit` into checked values.

use crate::cli::FieldArgs;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::field::Field;
use crate::output;
use crate::vault::{Customer, CustomerData, Validator, Vault};

/// Values from the field flags, each already validated and canonical.
#[derive(Default)]
pub struct FieldPatch {
    values: Vec<(Field, String)>,
    custom: Vec<(String, String)>,
}

impl FieldPatch {
    /// Validates every flag given; the first bad one is the error, named by its flag
    /// (`note`, `national_id`) as typed.
    pub fn from_args(args: &FieldArgs, v: &Validator) -> Result<Self> {
        let mut values = Vec::new();
        for (field, typed) in args.given() {
            let checked = if args.force {
                v.forced_value(field, typed)
            } else {
                v.value(field, typed)
            };
            match checked {
                Ok(value) => values.push((field, value)),
                Err(Error::InvalidField { reason, .. }) => {
                    return Err(Error::InvalidField {
                        field: field.spec().flag.replace('-', "_"),
                        reason,
                    });
                }
                Err(other) => return Err(other),
            }
        }
        Ok(Self {
            values,
            custom: args
                .fields
                .iter()
                .map(|f| v.field_assignment(f))
                .collect::<Result<_>>()?,
        })
    }

    /// Writes the given values over `data`, leaving the others as they are.
    pub fn apply(self, data: &mut CustomerData) {
        for (field, value) in self.values {
            data.set_text(field, value);
        }
        data.fields.extend(self.custom);
    }
}

/// The contact fields `add` and `edit` check for sharing: those the command set.
pub fn contact_fields(args: &FieldArgs) -> Vec<Field> {
    args.given()
        .into_iter()
        .map(|(field, _)| field)
        .filter(|field| field.spec().contact)
        .collect()
}

/// Prints `customer` (its code, or with `--json` the record) after `add` or `edit`, and
/// warns about other customers holding the same e-mail or phone. Nothing is refused:
/// two people can share a phone; the warning catches the typo and the duplicate.
pub fn print_saved(
    cx: &Context,
    vault: &Vault,
    customer: &Customer,
    contacts: &[Field],
    line: Option<&str>,
) -> Result<()> {
    let shared = vault.sharing_contacts(customer, contacts)?;
    if !cx.global.json {
        for (field, other) in &shared {
            output::warning(&format!(
                "{} has the same {} as {other}",
                customer.code,
                field.name()
            ));
        }
        return match line {
            Some(text) => output::line(text),
            None => Ok(()),
        };
    }
    let mut record = serde_json::to_value(customer)
        .map_err(|e| crate::error::Error::io("writing JSON", e.into()))?;
    if !shared.is_empty() {
        record["shared_with"] = shared
            .iter()
            .map(|(field, code)| serde_json::json!({"field": field.name(), "code": code}))
            .collect();
    }
    output::json(&record)
}
