//! Turning the field flags shared by `add` and `edit` into checked values.

use crate::cli::FieldArgs;
use crate::cmd::Context;
use crate::error::Result;
use crate::output;
use crate::vault::{Customer, CustomerData, ExactField, Validator, Vault};

/// Values from the field flags, each already validated and canonical.
#[derive(Default)]
pub struct FieldPatch {
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    company: Option<String>,
    national_id: Option<String>,
    account: Option<String>,
    notes: Option<String>,
    owner: Option<String>,
    retain_until: Option<String>,
    fields: Vec<(String, String)>,
}

fn check(value: Option<&String>, f: impl Fn(&str) -> Result<String>) -> Result<Option<String>> {
    value.map(|v| f(v)).transpose()
}

impl FieldPatch {
    /// Validates every flag given; the first bad one is the error.
    pub fn from_args(args: &FieldArgs, v: &Validator) -> Result<Self> {
        Ok(Self {
            email: check(args.email.as_ref(), |x| v.email(x))?,
            phone: check(args.phone.as_ref(), |x| v.phone(x))?,
            address: check(args.address.as_ref(), |x| v.text("address", x))?,
            company: check(args.company.as_ref(), |x| v.text("company", x))?,
            national_id: check(args.national_id.as_ref(), |x| v.national_id(x))?,
            account: check(args.account.as_ref(), |x| v.account(x))?,
            notes: check(args.note.as_ref(), |x| v.text("note", x))?,
            owner: check(args.owner.as_ref(), |x| v.text("owner", x))?,
            retain_until: check(args.retain_until.as_ref(), |x| v.date(x))?,
            fields: args
                .fields
                .iter()
                .map(|f| v.field_assignment(f))
                .collect::<Result<_>>()?,
        })
    }

    /// Writes the given values over `data`, leaving the others as they are.
    pub fn apply(self, data: &mut CustomerData) {
        let set = |slot: &mut Option<String>, value: Option<String>| {
            if value.is_some() {
                *slot = value;
            }
        };
        set(&mut data.email, self.email);
        set(&mut data.phone, self.phone);
        set(&mut data.address, self.address);
        set(&mut data.company, self.company);
        set(&mut data.national_id, self.national_id);
        set(&mut data.account, self.account);
        set(&mut data.notes, self.notes);
        set(&mut data.owner, self.owner);
        set(&mut data.retain_until, self.retain_until);
        data.fields.extend(self.fields);
    }
}

/// The contact fields `add` and `edit` check for sharing: those the command set.
pub fn contact_fields(args: &FieldArgs) -> Vec<ExactField> {
    let mut fields = Vec::new();
    if args.email.is_some() {
        fields.push(ExactField::Email);
    }
    if args.phone.is_some() {
        fields.push(ExactField::Phone);
    }
    fields
}

/// Prints `customer` (its code, or with `--json` the record) after `add` or `edit`, and
/// warns about other customers holding the same e-mail or phone. Nothing is refused:
/// two people can share a phone; the warning catches the typo and the duplicate.
pub fn print_saved(
    cx: &Context,
    vault: &Vault,
    customer: &Customer,
    contacts: &[ExactField],
    line: Option<&str>,
) -> Result<()> {
    let shared = vault.sharing_contacts(customer, contacts)?;
    if !cx.global.json {
        for (field, other) in &shared {
            output::warning(&format!(
                "{} has the same {} as {other}",
                customer.code,
                field.label()
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
            .map(|(field, code)| serde_json::json!({"field": field.label(), "code": code}))
            .collect();
    }
    output::json(&record)
}
