//! A `mailto:` URL (RFC 6068) that opens a letter in the user's own mail program, for a
//! service without `--smtp`: subject and body percent-encoded as UTF-8, lines as CRLF.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::brev_linjer;
use super::breve::Brev;

/// Everything but RFC 3986's unreserved characters is encoded in a header value.
const VAERDI: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// In the address, `@` stays as it is.
const ADRESSE: &AsciiSet = &VAERDI.remove(b'@');

/// `mailto:til?subject=…&body=…`.
pub fn mailto(brev: &Brev) -> String {
    format!(
        "mailto:{}?subject={}&body={}",
        utf8_percent_encode(brev.til.trim(), ADRESSE),
        utf8_percent_encode(&brev.emne, VAERDI),
        utf8_percent_encode(&brev_linjer(&brev.tekst), VAERDI)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;

    fn afkod(s: &str) -> String {
        percent_decode_str(s).decode_utf8().unwrap().into_owned()
    }

    fn brev() -> Brev {
        Brev {
            til: "jobcenter+kkr@albertslund.dk".into(),
            emne: "Status på KKR Hovedstadens anbefalinger: Æble & pære?".into(),
            tekst:
                "Kære Ærø Kommune\n\nJeres link:\nhttps://x.dk/k/a?b=c&d=e#f\n\n100% «klar» = ja\n"
                    .into(),
        }
    }

    #[test]
    fn a_mailto_link_decodes_back_to_the_letter() {
        let m = mailto(&brev());
        let rest = m.strip_prefix("mailto:").unwrap();
        let (til, felter) = rest.split_once('?').unwrap();
        let felter: Vec<&str> = felter.split('&').collect();
        assert_eq!(felter.len(), 2, "{m}");
        let emne = felter[0].strip_prefix("subject=").unwrap();
        let tekst = felter[1].strip_prefix("body=").unwrap();
        assert_eq!(afkod(til), brev().til);
        assert_eq!(afkod(emne), brev().emne);
        assert_eq!(afkod(tekst).replace("\r\n", "\n"), brev().tekst);
    }

    #[test]
    fn line_breaks_are_crlf_and_nothing_unsafe_is_left_bare() {
        let m = mailto(&brev());
        assert!(m.contains("Kære".replace('æ', "%C3%A6").as_str()), "{m}");
        assert!(m.contains("%0D%0A%0D%0AJeres"), "{m}");
        assert!(!m.contains("%0A%0A"), "{m}");
        let efter_skema = &m["mailto:".len()..];
        for tegn in [' ', '#', '\n', '\r', '"', '<', '>', '+'] {
            assert!(!efter_skema.contains(tegn), "{tegn:?} in {m}");
        }
        assert_eq!(m.matches('&').count(), 1, "{m}");
        assert_eq!(m.matches('?').count(), 1, "{m}");
    }
}
