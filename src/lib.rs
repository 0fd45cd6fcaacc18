//! sealbook: a customer book whose personal fields are sealed at rest, searchable
//! through blind indexes without decrypting everything.
//!
//! The binary (`src/main.rs`) is a thin shell over this library; benchmarks use the
//! library directly.

pub mod agent;
pub mod audit;
pub mod backup;
pub mod cli;
pub mod cmd;
pub mod code;
pub mod crypto;
pub mod error;
pub mod field;
pub mod files;
pub mod output;
pub mod passphrase;
pub mod pool;
pub mod privacy;
pub mod process;
pub mod transfer;
pub mod vault;
