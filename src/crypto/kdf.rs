//! Argon2id: turning a passphrase into key material, and choosing its cost for this machine.

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Params, Version};
use zeroize::Zeroizing;

/// The cost of one Argon2id derivation, stored with each keyslot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

/// RFC 9106's second recommended option: the least that `init` calibrates to.
pub const FLOOR: KdfParams = KdfParams {
    memory_kib: 64 * 1024,
    iterations: 3,
    parallelism: 4,
};

/// OWASP's minimum for Argon2id (19 MiB, t=2); cheaper explicit parameters get a warning.
pub const OWASP_MINIMUM_MEMORY_KIB: u32 = 19 * 1024;
pub const OWASP_MINIMUM_ITERATIONS: u32 = 2;

/// The most a keyslot may ask for. Larger values in a file are tampering, and `init`
/// refuses them, since a vault that needs more memory than a machine has cannot open.
pub const MAX_MEMORY_KIB: u32 = 4 * 1024 * 1024;
pub const MAX_ITERATIONS: u32 = 64;
pub const MAX_PARALLELISM: u32 = 64;
/// The most work (memory in KiB times iterations) a keyslot may ask for: 8 GiB passes,
/// e.g. 1 GiB with 8 iterations, some ten seconds here. A slot is authenticated only
/// after its derivation has run, so this bounds what a slot planted in the file can make
/// a wrong passphrase cost.
pub const MAX_WORK_KIB: u64 = 8 * 1024 * 1024;

/// Upper bound for calibration: more memory than this would make `init` fail on small
/// machines for little gain.
const CALIBRATION_CEILING_KIB: u32 = 1024 * 1024;

impl KdfParams {
    /// True when these parameters are below OWASP's published minimum.
    pub fn below_owasp_minimum(&self) -> bool {
        self.memory_kib < OWASP_MINIMUM_MEMORY_KIB || self.iterations < OWASP_MINIMUM_ITERATIONS
    }

    fn argon2(&self) -> Result<Argon2<'static>, argon2::Error> {
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    /// Checks that Argon2 accepts these values and that they are within sealbook's
    /// limits, so a bad `--kdf-*` flag fails before any file is written.
    pub fn validate(&self) -> Result<(), String> {
        if self.memory_kib > MAX_MEMORY_KIB {
            return Err(format!("memory above {} MiB", MAX_MEMORY_KIB / 1024));
        }
        if u64::from(self.memory_kib) * u64::from(self.iterations) > MAX_WORK_KIB {
            return Err(format!(
                "memory times iterations above {} MiB (e.g. 1024 MiB with 8 iterations)",
                MAX_WORK_KIB / 1024
            ));
        }
        if self.iterations > MAX_ITERATIONS || self.parallelism > MAX_PARALLELISM {
            return Err(format!(
                "at most {MAX_ITERATIONS} iterations and {MAX_PARALLELISM} lanes"
            ));
        }
        self.argon2().map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Derives 32 bytes from `secret` and `salt`.
pub fn derive(
    params: &KdfParams,
    secret: &[u8],
    salt: &[u8],
) -> Result<Zeroizing<[u8; 32]>, String> {
    let mut out = Zeroizing::new([0u8; 32]);
    params
        .argon2()
        .and_then(|a| a.hash_password_into(secret, salt, out.as_mut_slice()))
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Times one derivation with `params` (used by calibration and the benchmark).
pub fn time_derivation(params: &KdfParams) -> Result<Duration, String> {
    let start = Instant::now();
    derive(params, b"calibration passphrase", &[0u8; 16])?;
    Ok(start.elapsed())
}

/// Chooses parameters that take about `target` on this machine, never below [`FLOOR`].
///
/// Argon2id's time grows about linearly with memory, so the memory cost is scaled from
/// a timed run at the floor, then corrected once from a timed run at the first guess
/// (the first run also pays for the allocator's warm-up). Iterations and lanes stay at
/// the floor's values.
pub fn calibrate(target: Duration) -> Result<KdfParams, String> {
    let mut params = FLOOR;
    for _ in 0..2 {
        let took = time_derivation(&params)?;
        let scale = target.as_secs_f64() / took.as_secs_f64().max(1e-6);
        params.memory_kib = scaled_memory(params.memory_kib, scale);
    }
    Ok(params)
}

/// `memory_kib` times `scale`, in whole MiB, between the floor and the ceiling.
fn scaled_memory(memory_kib: u32, scale: f64) -> u32 {
    // The clamp keeps the product within u32 before the cast.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let scaled = (f64::from(memory_kib) * scale.clamp(0.0, 16.0)) as u32 / 1024 * 1024;
    scaled.clamp(FLOOR.memory_kib, CALIBRATION_CEILING_KIB)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: KdfParams = KdfParams {
        memory_kib: 8 * 1024,
        iterations: 1,
        parallelism: 1,
    };

    #[test]
    fn derivation_depends_on_secret_salt_and_cost() -> Result<(), String> {
        let a = derive(&CHEAP, b"secret", &[1; 16])?;
        assert_eq!(*a, *derive(&CHEAP, b"secret", &[1; 16])?);
        assert_ne!(*a, *derive(&CHEAP, b"secreT", &[1; 16])?);
        assert_ne!(*a, *derive(&CHEAP, b"secret", &[2; 16])?);
        let costlier = KdfParams {
            iterations: 2,
            ..CHEAP
        };
        assert_ne!(*a, *derive(&costlier, b"secret", &[1; 16])?);
        Ok(())
    }

    #[test]
    fn invalid_parameters_are_rejected_before_use() {
        let zero_lanes = KdfParams {
            parallelism: 0,
            ..CHEAP
        };
        assert!(zero_lanes.validate().is_err());
        let huge = KdfParams {
            memory_kib: MAX_MEMORY_KIB + 1024,
            ..CHEAP
        };
        assert!(huge.validate().is_err());
        assert!(CHEAP.validate().is_ok());
        assert!(CHEAP.below_owasp_minimum());
        assert!(!FLOOR.below_owasp_minimum());
    }
}
