//! A status file's version (its SHA-256) and its answers, validated as `check` does.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::diagnose::Diagnoser;
use crate::indhold::model::{Kkr, KommuneStatus, Runde};
use crate::indhold::raa::RawStatus;
use crate::indhold::{valider, yaml};

/// The version of a file: its SHA-256 in hex, or `ny` when there is none.
pub fn version(data: Option<&[u8]>) -> String {
    match data {
        None => "ny".into(),
        Some(d) => Sha256::digest(d)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    }
}

/// The answers in a status file's bytes (`fil` relative to the project), validated
/// with the rules of `check`; the diagnostics when there are errors.
pub fn status(
    data: &[u8],
    fil: &Path,
    kkr: &Kkr,
    runde: &Runde,
) -> Result<KommuneStatus, Diagnoser> {
    let mut d = Diagnoser::default();
    let tekst = yaml::utf8(data, fil).map_err(|e| Diagnoser(vec![e]))?;
    let raw: RawStatus = yaml::fortolk(tekst, fil).map_err(|e| Diagnoser(vec![e]))?;
    match valider::valider_status(raw, kkr, runde, fil, &mut d) {
        Some(s) if !d.har_fejl() => Ok(s),
        _ => Err(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_is_the_sha256_or_ny() {
        assert_eq!(version(None), "ny");
        assert_eq!(
            version(Some(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
