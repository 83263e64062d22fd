//! HTML building blocks: URL parts and the page frame every preview page shares
//! (Danish, `lang="da"`); escaping is in [`super::escape`].

use serde::Serialize;

use super::sider::{self, Html};

/// Everything but the unreserved characters of RFC 3986 (letters, digits, `-._~`).
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a URL path segment (everything but unreserved characters).
pub fn url_del(tekst: &str) -> String {
    percent_encoding::utf8_percent_encode(tekst, SEGMENT).to_string()
}

/// A whole page: the header, the live part (`fragment`, refreshed from
/// `fragment_url` on every server-sent event) and the script.
pub struct Ramme<'a> {
    pub titel: &'a str,
    /// Set on a document's page: the script then updates only for that document.
    pub dok: Option<&'a str>,
    pub fragment_url: &'a str,
    /// Links and buttons in the header, already HTML.
    pub handlinger: &'a str,
    /// Already HTML.
    pub fragment: &'a str,
    /// Set on a form page: the form (already HTML), shown beside the live part.
    pub formular: Option<&'a str>,
}

#[derive(Serialize)]
struct RammeKontekst<'a> {
    titel: &'a str,
    dok: &'a str,
    tilbage: bool,
    fragment_url: &'a str,
    handlinger: Html,
    fragment: Html,
    formular: Option<Html>,
}

impl Ramme<'_> {
    pub fn html(&self) -> String {
        sider::gengiv(
            "ramme.html",
            RammeKontekst {
                titel: self.titel,
                dok: self.dok.unwrap_or_default(),
                tilbage: self.dok.is_some(),
                fragment_url: self.fragment_url,
                handlinger: Html::af(self.handlinger),
                fragment: Html::af(self.fragment),
                formular: self.formular.map(Html::af),
            },
        )
    }
}

/// A small standalone page, for errors; `indhold` is HTML.
pub fn enkel_side(titel: &str, indhold: &str) -> String {
    #[derive(Serialize)]
    struct Kontekst<'a> {
        titel: &'a str,
        indhold: Html,
    }
    sider::gengiv(
        "enkel.html",
        Kontekst {
            titel,
            indhold: Html::af(indhold),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_segment_round_trips_danish_letters_and_slashes() {
        for s in ["bilag-albertslund", "bilag-ærø", "a/b?c#d e"] {
            let kodet = url_del(s);
            assert!(!kodet.contains(['/', '?', '#', ' ']), "{kodet}");
            let afkodet = percent_encoding::percent_decode_str(&kodet).decode_utf8();
            assert_eq!(afkodet.unwrap(), s);
        }
    }

    #[test]
    fn page_frame_is_danish_and_escapes_the_title() {
        let html = Ramme {
            titel: "Bilag: <Alfa>",
            dok: Some("bilag-alfa"),
            fragment_url: "/dok/bilag-alfa/fragment",
            handlinger: "",
            fragment: "",
            formular: None,
        }
        .html();
        assert!(html.contains(r#"<html lang="da">"#));
        assert!(html.contains("Bilag: &lt;Alfa&gt;"));
        assert!(html.contains(r#"data-dok="bilag-alfa""#));
    }

    /// The templates give the bytes of the `format!` code they replaced.
    #[test]
    fn the_templates_give_the_frame_of_before_byte_for_byte() {
        for (dok, formular) in [
            (None, None),
            (Some("bilag-<ærø>"), None),
            (Some("bilag-x"), Some("<form>…</form>")),
        ] {
            let nu = Ramme {
                titel: "Bilag: <Alfa> & 'Beta'",
                dok,
                fragment_url: "/dok/x\"/fragment",
                handlinger: "<a href=\"/\">x</a>",
                fragment: "<div>&amp;</div>",
                formular,
            };
            let foer = super::super::foer::Ramme {
                titel: nu.titel,
                dok,
                fragment_url: nu.fragment_url,
                handlinger: nu.handlinger,
                fragment: nu.fragment,
                formular,
            };
            assert_eq!(nu.html(), foer.html());
        }
        assert_eq!(
            enkel_side("Fejl <x>", "<p>Hej</p>"),
            super::super::foer::enkel_side("Fejl <x>", "<p>Hej</p>")
        );
    }
}
