//! The interactive form of `sealbook edit CUSTOMER` (no field flags, on a terminal):
//! every field prefilled, Enter keeps it, an emptied field is cleared, a bad value is
//! asked again. Values never leave the process: no editor, no temporary file.

use dialoguer::Input;

use crate::audit::Event;
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::field::{CATALOGUE, Field, Shape};
use crate::output;
use crate::vault::{Customer, Validator, Vault};

/// How a field's value is typed in the form: notes keep their line breaks as `\n`.
fn typed_form(field: Field, value: &str) -> String {
    if field == Field::Notes {
        value.replace('\n', "\\n")
    } else {
        value.to_owned()
    }
}

fn stored_form(field: Field, typed: &str) -> String {
    if field == Field::Notes {
        typed.replace("\\n", "\n")
    } else {
        typed.to_owned()
    }
}

/// What the form changed: each one-value field's new value (`None`: cleared), and the
/// new tags if they changed.
struct Answers {
    values: Vec<(Field, Option<String>)>,
    tags: Option<Vec<String>>,
}

fn ask(customer: &Customer, v: &Validator) -> Result<Answers> {
    let fail = |e: dialoguer::Error| match e {
        dialoguer::Error::IO(e) => Error::io("reading the form", e),
    };
    let mut values = Vec::new();
    for spec in CATALOGUE
        .iter()
        .filter(|s| matches!(s.shape, Shape::Required | Shape::Optional))
    {
        let field = spec.field;
        let current = customer.data.text(field);
        let required = spec.shape == Shape::Required;
        let shown = match (field, current) {
            (Field::Phone, Some(phone)) => crate::privacy::phone::display(phone),
            (_, Some(value)) => typed_form(field, value),
            (_, None) => String::new(),
        };
        let answer: String = Input::new()
            .with_prompt(spec.label)
            .with_initial_text(shown)
            .allow_empty(true)
            .validate_with(|typed: &String| -> std::result::Result<(), String> {
                match typed.trim() {
                    "" if required => Err(format!("the {} cannot be empty", spec.label)),
                    "" => Ok(()),
                    text => v
                        .value(field, &stored_form(field, text))
                        .map(|_| ())
                        .map_err(|e| e.to_string()),
                }
            })
            .interact_text()
            .map_err(fail)?;
        let answer = stored_form(field, answer.trim());
        let value = if answer.is_empty() {
            None
        } else {
            Some(v.value(field, &answer)?)
        };
        if value.as_deref() != current {
            values.push((field, value));
        }
    }
    let current_tags = customer.data.tags.join(", ");
    let typed: String = Input::new()
        .with_prompt("tags (comma-separated)")
        .with_initial_text(current_tags.clone())
        .allow_empty(true)
        .validate_with(|typed: &String| -> std::result::Result<(), String> {
            tag_list(typed, v).map(|_| ()).map_err(|e| e.to_string())
        })
        .interact_text()
        .map_err(fail)?;
    let tags = (typed.trim() != current_tags)
        .then(|| tag_list(&typed, v))
        .transpose()?;
    Ok(Answers { values, tags })
}

fn tag_list(typed: &str, v: &Validator) -> Result<Vec<String>> {
    typed
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| v.tag(t))
        .collect()
}

/// Runs the form for `code` and saves what changed.
pub fn edit(cx: &Context, vault: &mut Vault, code: &str) -> Result<()> {
    let v = cx.validator()?;
    let customer = vault.customer(code)?;
    // The form shows every field: a read, logged before it is shown.
    vault.record(Event::new("show").codes([customer.code.as_str()]))?;
    let answers = ask(&customer, &v)?;
    if answers.values.is_empty() && answers.tags.is_none() {
        output::status(cx.global.quiet, "Nothing changed.");
        return Ok(());
    }
    let saved = vault.update_customer(&customer.code, |data| {
        for (field, value) in &answers.values {
            match value {
                Some(value) => data.set_text(*field, value.clone()),
                None => data.clear(*field),
            }
        }
        if let Some(tags) = &answers.tags {
            data.tags.clear();
            for tag in tags {
                data.add_tag(tag.clone());
            }
        }
        Ok(())
    })?;
    output::status(cx.global.quiet, &format!("Updated {}.", saved.code));
    Ok(())
}
