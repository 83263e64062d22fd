//! E-mail addresses from the user: no line breaks (header injection) and valid syntax.

use lettre::message::Mailbox;

/// `tekst` as a mailbox ("navn@kommune.dk" or "Navn <navn@kommune.dk>"), or why not
/// (a Danish phrase to follow the address).
pub(super) fn postkasse(tekst: &str) -> Result<Mailbox, &'static str> {
    if tekst.chars().any(char::is_control) {
        return Err("indeholder linjeskift eller andre styretegn");
    }
    tekst
        .trim()
        .parse::<Mailbox>()
        .map_err(|_| "er ikke en gyldig e-mailadresse")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_address_and_one_with_a_name_are_mailboxes() {
        assert_eq!(
            postkasse("hgb@kl.dk").unwrap().email.to_string(),
            "hgb@kl.dk"
        );
        let m = postkasse("KKR Hovedstaden <hgb@kl.dk>").unwrap();
        assert_eq!(m.name.as_deref(), Some("KKR Hovedstaden"));
    }

    #[test]
    fn an_address_with_a_line_break_is_refused() {
        let e = postkasse("a@b.dk\r\nBcc: alle@x.dk").unwrap_err();
        assert!(e.contains("linjeskift"), "{e}");
        assert!(postkasse("a@b.dk\n").is_err());
    }

    #[test]
    fn an_address_without_at_is_refused() {
        assert_eq!(
            postkasse("hgb.kl.dk").unwrap_err(),
            "er ikke en gyldig e-mailadresse"
        );
        assert!(postkasse("").is_err());
    }
}
