//! Recognising and normalising personal data in text: e-mail addresses, phone numbers,
//! account numbers and the folding that makes search and matching insensitive to case,
//! accents and digit script. Nothing here knows about the vault, so redaction works
//! without one.

pub mod checksum;
pub mod code_token;
pub mod detect;
pub mod email;
pub mod iban;
pub mod kind;
pub mod known;
pub mod national_id;
pub mod normalize;
mod numbers;
pub mod phone;
mod phone_plan;
pub mod rewrite;
pub mod text;
mod words;

pub use detect::Detectors;
pub use kind::{Finding, Kind};
