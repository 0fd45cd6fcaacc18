//! Turning the field flags shared by `add` and `edit` into checked values.

use crate::cli::FieldArgs;
use crate::error::Result;
use crate::vault::{CustomerData, Validator};

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
