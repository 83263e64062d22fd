//! Secrets a request carries (the form's token, later a link's token), compared in
//! constant time so the answer's timing tells nothing about the right one.

/// Whether `sendt` is exactly `rigtigt`, in time that depends only on the lengths (the
/// length of a token is no secret).
pub(crate) fn samme_token(sendt: &str, rigtigt: &str) -> bool {
    constant_time_eq::constant_time_eq(sendt.as_bytes(), rigtigt.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::samme_token;

    #[test]
    fn only_the_exact_token_is_the_same() {
        let t = "0123456789abcdef0123456789abcdef";
        assert!(samme_token(t, t));
        assert!(!samme_token("", t));
        assert!(!samme_token(&t[..31], t));
        assert!(!samme_token(&format!("{t}0"), t));
        assert!(!samme_token("0123456789abcdef0123456789abcdeF", t));
        assert!(samme_token("", ""));
    }
}
