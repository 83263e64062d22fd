//! Web and e-mail addresses in text: found so that they become real links (`https://`,
//! `mailto:`) — a reader can follow them and a screen reader announces them as links.

use std::sync::LazyLock;

use regex::Regex;

/// A run of text: plain, or an address with where it leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Del<'a> {
    Tekst(&'a str),
    Lenke { maal: String, tekst: &'a str },
}

/// `https://…` and `http://…`, `www.…` and e-mail addresses. Non-ASCII is allowed in a
/// web address's path (it is percent-encoded in the link), not in host names.
static ADRESSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"(?i)(?P<url>(?-u:\b)https?://[^\s<>"«»]+)"#,
        r#"|(?P<www>(?-u:\b)www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][^\s<>"«»]*)?)"#,
        r"|(?P<mail>(?-u:\b)[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?-u:\b))",
    ))
    .expect("a valid pattern")
});

/// Longer addresses stay plain text (Typst refuses links over 8 000 bytes).
const MAKS_LAENGDE: usize = 2_000;

/// Splits a text into plain runs and addresses.
pub fn dele(tekst: &str) -> Vec<Del<'_>> {
    let mut ud = Vec::new();
    let mut fra = 0;
    for fund in ADRESSE.captures_iter(tekst) {
        let hel = fund.get(0).expect("group 0");
        let adresse = uden_tegnsaetning(hel.as_str());
        if adresse.is_empty() {
            continue;
        }
        let maal = if fund.name("mail").is_some() {
            format!("mailto:{adresse}")
        } else if fund.name("www").is_some() {
            format!("https://{}", procentkod(adresse))
        } else {
            procentkod(adresse)
        };
        if maal.len() > MAKS_LAENGDE {
            continue;
        }
        if hel.start() > fra {
            ud.push(Del::Tekst(&tekst[fra..hel.start()]));
        }
        ud.push(Del::Lenke {
            maal,
            tekst: adresse,
        });
        fra = hel.start() + adresse.len();
    }
    if fra < tekst.len() {
        ud.push(Del::Tekst(&tekst[fra..]));
    }
    ud
}

/// An address without the punctuation that ends the sentence around it: «se
/// www.kl.dk.» links `www.kl.dk`; a closing parenthesis stays only when the address
/// opened one.
fn uden_tegnsaetning(s: &str) -> &str {
    let mut s = s;
    while let Some(sidste) = s.chars().last() {
        let ubalanceret = s.matches(')').count() > s.matches('(').count();
        if !(matches!(sidste, '.' | ',' | ';' | ':' | '!' | '?' | '\'')
            || sidste == ')' && ubalanceret)
        {
            break;
        }
        s = &s[..s.len() - sidste.len_utf8()];
    }
    s
}

/// Percent-encodes what a PDF link may not hold (non-ASCII, spaces, quotes).
fn procentkod(s: &str) -> String {
    let mut ud = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_graphic() && b != b'"' && b != b'\\' {
            ud.push(b as char);
        } else {
            ud.push_str(&format!("%{b:02X}"));
        }
    }
    ud
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lenke<'a>(maal: &str, tekst: &'a str) -> Del<'a> {
        Del::Lenke {
            maal: maal.into(),
            tekst,
        }
    }

    #[test]
    fn finds_web_and_mail_addresses_in_text() {
        assert_eq!(
            dele("Se www.kl.dk/kkr-hovedstaden eller skriv til HGB@kl.dk."),
            [
                Del::Tekst("Se "),
                lenke(
                    "https://www.kl.dk/kkr-hovedstaden",
                    "www.kl.dk/kkr-hovedstaden"
                ),
                Del::Tekst(" eller skriv til "),
                lenke("mailto:HGB@kl.dk", "HGB@kl.dk"),
                Del::Tekst("."),
            ]
        );
        assert_eq!(
            dele("https://www.jobnet.dk"),
            [lenke("https://www.jobnet.dk", "https://www.jobnet.dk")]
        );
    }

    #[test]
    fn sentence_punctuation_is_not_part_of_the_address() {
        assert_eq!(
            dele("(se https://www.star.dk/tal), og"),
            [
                Del::Tekst("(se "),
                lenke("https://www.star.dk/tal", "https://www.star.dk/tal"),
                Del::Tekst("), og"),
            ]
        );
        assert_eq!(
            dele("https://da.wikipedia.org/wiki/Jobcenter_(Danmark)."),
            [
                lenke(
                    "https://da.wikipedia.org/wiki/Jobcenter_(Danmark)",
                    "https://da.wikipedia.org/wiki/Jobcenter_(Danmark)"
                ),
                Del::Tekst("."),
            ]
        );
    }

    #[test]
    fn non_ascii_in_a_path_is_percent_encoded_in_the_link_only() {
        assert_eq!(
            dele("www.kl.dk/beskæftigelse"),
            [lenke(
                "https://www.kl.dk/besk%C3%A6ftigelse",
                "www.kl.dk/beskæftigelse"
            )]
        );
    }

    #[test]
    fn text_without_addresses_is_one_run() {
        assert_eq!(
            dele("Ingen adresser her."),
            [Del::Tekst("Ingen adresser her.")]
        );
        assert_eq!(dele("kl.dk og a@b"), [Del::Tekst("kl.dk og a@b")]);
        assert!(dele("").is_empty());
        let lang = format!("https://www.kl.dk/{}", "x".repeat(MAKS_LAENGDE));
        assert_eq!(dele(&lang), [Del::Tekst(&lang)]);
    }
}
