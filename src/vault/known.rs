//! The vault's customers as the known-customer matcher and token reversal need them.

use super::{ExportFilter, Vault};
use crate::error::Result;
use crate::privacy::known::{Field, KnownCustomer};

/// Customers decrypted per batch: memory stays bounded however large the vault.
const BATCH: usize = 2_000;

impl Vault {
    /// Every customer's matchable values, decrypted.
    pub fn known_customers(&self) -> Result<Vec<KnownCustomer>> {
        let mut out = Vec::new();
        self.export(&ExportFilter::default(), BATCH, |customers| {
            out.extend(customers.drain(..).map(|c| KnownCustomer {
                code: c.code,
                name: c.data.name,
                email: c.data.email,
                phone: c.data.phone,
                national_id: c.data.national_id,
                account: c.data.account,
            }));
            Ok(())
        })?;
        Ok(out)
    }

    /// The current value of every field a token can name, by customer code.
    pub fn token_values(&self) -> Result<Vec<(String, Field, String)>> {
        let mut out = Vec::new();
        for customer in self.known_customers()? {
            let KnownCustomer {
                code,
                name,
                email,
                phone,
                national_id,
                account,
            } = customer;
            out.push((code.clone(), Field::Name, name));
            for (field, value) in [
                (Field::Email, email),
                (Field::Phone, phone),
                (Field::NationalId, national_id),
                (Field::Account, account),
            ] {
                if let Some(value) = value {
                    out.push((code.clone(), field, value));
                }
            }
        }
        Ok(out)
    }
}
