//! Link and session tokens: 256 bits from the operating system's random source,
//! written base64url; a token is looked up by its SHA-256, compared in constant time.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// The bytes of randomness in a token (256 bits; the W3C TAG asks for at least 120).
const BYTES: usize = 32;

/// A new token, or an error when the system gives no random numbers.
pub(crate) fn nyt() -> anyhow::Result<String> {
    let mut b = [0u8; BYTES];
    getrandom::fill(&mut b)
        .map_err(|e| anyhow::anyhow!("ingen tilfældige tal fra systemet: {e}"))?;
    Ok(URL_SAFE_NO_PAD.encode(b))
}

/// Whether `s` has the shape of a token (before it is looked up at all).
pub(crate) fn ligner_token(s: &str) -> bool {
    s.len() == 43
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The SHA-256 of a token, as kept in `links.json`.
pub(crate) fn aftryk(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Hex of 32 bytes.
pub(crate) fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// 32 bytes from 64 hex digits.
pub(crate) fn fra_hex(s: &str) -> Option<[u8; 32]> {
    let s = s.trim();
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut ud = [0u8; 32];
    for (i, b) in ud.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(ud)
}

/// Constant-time equality of two digests.
pub(crate) fn ens(a: &[u8; 32], b: &[u8; 32]) -> bool {
    constant_time_eq::constant_time_eq_32(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_token_has_256_bits_and_the_shape_a_lookup_accepts() {
        let t = nyt().unwrap();
        assert!(ligner_token(&t), "{t}");
        assert_ne!(t, nyt().unwrap());
    }

    #[test]
    fn shapes_that_are_not_tokens_are_refused_before_a_lookup() {
        for s in ["", "abc", &"a".repeat(44), &format!("{}/", "a".repeat(42))] {
            assert!(!ligner_token(s), "{s}");
        }
    }

    #[test]
    fn hex_round_trips_and_refuses_other_lengths() {
        let a = aftryk("x");
        assert_eq!(fra_hex(&hex(&a)), Some(a));
        assert_eq!(fra_hex("00"), None);
        assert!(ens(&a, &a));
        assert!(!ens(&a, &aftryk("y")));
    }
}
