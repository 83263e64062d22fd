//! HTML building blocks: escaping, URL parts and the page frame every preview page
//! shares (Danish, `lang="da"`).

use std::fmt::Write;

/// Escapes text for HTML content and quoted attribute values.
pub fn escape(tekst: &str) -> String {
    let mut ud = String::with_capacity(tekst.len());
    for c in tekst.chars() {
        match c {
            '&' => ud.push_str("&amp;"),
            '<' => ud.push_str("&lt;"),
            '>' => ud.push_str("&gt;"),
            '"' => ud.push_str("&quot;"),
            '\'' => ud.push_str("&#39;"),
            c => ud.push(c),
        }
    }
    ud
}

/// Percent-encodes a URL path segment (everything but unreserved characters).
pub fn url_del(tekst: &str) -> String {
    let mut ud = String::with_capacity(tekst.len());
    for b in tekst.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            ud.push(b as char);
        } else {
            let _ = write!(ud, "%{b:02X}");
        }
    }
    ud
}

/// Decodes a percent-encoded URL path segment; `None` when it is not valid UTF-8.
pub fn url_afkod(tekst: &str) -> Option<String> {
    let b = tekst.as_bytes();
    let mut ud = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                ud.push(v);
                i += 3;
            }
            (c, _) => {
                ud.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(ud).ok()
}

/// The URL of a document's page.
pub fn dok_url(id: &str) -> String {
    format!("/dok/{}/", url_del(id))
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
    pub fragment: &'a str,
    /// Set on a form page: the form, shown beside the live part.
    pub formular: Option<&'a str>,
}

impl Ramme<'_> {
    pub fn html(&self) -> String {
        let tilbage = match self.dok {
            Some(_) => r#"<a class="tilbage" href="/">← Alle dokumenter</a>"#,
            None => "",
        };
        let (css, main, js) = match self.formular {
            None => (
                "",
                format!(r#"<main id="indhold">{}</main>"#, self.fragment),
                "",
            ),
            Some(formular) => (
                "\n<link rel=\"stylesheet\" href=\"/formular.css\">",
                format!(
                    r#"<main class="udfyld"><div class="formular-kolonne">{formular}</div><section class="bilag-kolonne" aria-labelledby="bilag-overskrift" tabindex="0"><h2 id="bilag-overskrift">Bilaget</h2><div id="indhold">{}</div></section></main>"#,
                    self.fragment
                ),
                "\n<script src=\"/formular.js\"></script>",
            ),
        };
        format!(
            r#"<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titel} – udkast – fremdrift</title>
<link rel="stylesheet" href="/preview.css">{css}
</head>
<body data-fragment="{fragment_url}" data-dok="{dok}">
<header class="top">{tilbage}<h1>{titel}</h1>{handlinger}<span id="forbindelse" role="status" hidden>Forbindelsen til fremdrift er afbrudt – prøver igen …</span></header>
{main}
<script src="/preview.js"></script>{js}
</body>
</html>
"#,
            titel = escape(self.titel),
            fragment_url = escape(self.fragment_url),
            dok = escape(self.dok.unwrap_or_default()),
            handlinger = self.handlinger,
        )
    }
}

/// A small standalone page, for errors.
pub fn enkel_side(titel: &str, indhold: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>{titel} – fremdrift</title><link rel="stylesheet" href="/preview.css"></head>
<body><header class="top"><a class="tilbage" href="/">← Alle dokumenter</a><h1>{titel}</h1></header>
<main>{indhold}</main></body>
</html>
"#,
        titel = escape(titel)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert('x') & "y"</script>"#),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("Æblø – å"), "Æblø – å");
    }

    #[test]
    fn url_segment_round_trips_danish_letters_and_slashes() {
        for s in ["bilag-albertslund", "bilag-ærø", "a/b?c#d e"] {
            let kodet = url_del(s);
            assert!(!kodet.contains(['/', '?', '#', ' ']), "{kodet}");
            assert_eq!(url_afkod(&kodet).as_deref(), Some(s));
        }
    }

    #[test]
    fn broken_percent_escapes_are_kept_as_text() {
        assert_eq!(url_afkod("100%").as_deref(), Some("100%"));
        assert_eq!(url_afkod("%zz").as_deref(), Some("%zz"));
        assert_eq!(url_afkod("%ff"), None);
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
}
