//! Escaping user text for Typst, so that every value prints literally.
//!
//! A value becomes one Typst string literal per paragraph, embedded in markup as
//! `#"…";`. Inside a string literal only `\`, `"` and control characters are special,
//! so no user text can become markup, code, math, a comment or a label. The trailing
//! `;` ends the embedded expression, so text that follows in the template (`.`, `(`,
//! `[`) is never read as a field access or a call. A web or e-mail address becomes
//! `#link("https://…", "…");`: its destination and text are string literals too.

use super::lenker::Del;

/// Typst markup that shows `tekst` literally. Blank lines separate paragraphs; web
/// and e-mail addresses become links (see [`super::lenker`]).
pub fn markup(tekst: &str) -> String {
    let tekst = tekst.replace("\r\n", "\n").replace('\r', "\n");
    let mut ud = String::with_capacity(tekst.len() + 8);
    for (i, afsnit) in afsnit(&tekst).enumerate() {
        if i > 0 {
            ud.push_str("\n\n");
        }
        for del in super::lenker::dele(afsnit) {
            match del {
                Del::Tekst(t) => {
                    ud.push('#');
                    ud.push_str(&streng(t));
                }
                Del::Lenke { maal, tekst } => {
                    let (m, t) = (streng(&maal), streng(tekst));
                    ud.push_str(&format!("#link({m}, {t})"));
                }
            }
            ud.push(';');
        }
    }
    ud
}

/// The paragraphs of a text: runs of lines separated by blank lines.
pub fn afsnit(tekst: &str) -> impl Iterator<Item = &str> {
    tekst
        .split("\n\n")
        .flat_map(|del| del.split("\n \n"))
        .map(|a| a.trim_matches('\n'))
        .filter(|a| !a.trim().is_empty())
}

/// A Typst string literal (with quotes) holding `tekst` exactly.
pub fn streng(tekst: &str) -> String {
    let mut ud = String::with_capacity(tekst.len() + 2);
    ud.push('"');
    for c in tekst.chars() {
        match c {
            '\\' => ud.push_str("\\\\"),
            '"' => ud.push_str("\\\""),
            '\n' => ud.push_str("\\n"),
            '\t' => ud.push_str("\\t"),
            '\r' => {}
            // Invisible, and forbidden in text by PDF/A (with U+0000, a control
            // character): a byte-order mark pasted from Word must not stop the export.
            '\u{feff}' | '\u{fffe}' => {}
            c if c.is_control() => {}
            c => ud.push(c),
        }
    }
    ud.push('"');
    ud
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_becomes_a_string_literal() {
        assert_eq!(
            markup("#read(\"/etc/passwd\")"),
            r##"#"#read(\"/etc/passwd\")";"##
        );
        assert_eq!(markup("$x$ *fed* _kursiv_"), r##"#"$x$ *fed* _kursiv_";"##);
    }

    #[test]
    fn backslashes_and_quotes_are_escaped() {
        assert_eq!(streng(r#"a\"b"#), r#""a\\\"b""#);
    }

    #[test]
    fn blank_lines_make_paragraphs() {
        assert_eq!(markup("første\n\nanden"), "#\"første\";\n\n#\"anden\";");
        assert_eq!(markup("linje 1\nlinje 2"), "#\"linje 1\\nlinje 2\";");
    }

    #[test]
    fn addresses_become_links_with_literal_text() {
        assert_eq!(
            markup("Skriv til HGB@kl.dk."),
            r#"#"Skriv til ";#link("mailto:HGB@kl.dk", "HGB@kl.dk");#".";"#
        );
        assert_eq!(
            markup("www.kl.dk/\"#x"),
            r##"#link("https://www.kl.dk/", "www.kl.dk/");#"\"#x";"##
        );
    }

    #[test]
    fn empty_text_gives_no_markup() {
        assert_eq!(markup(""), "");
        assert_eq!(markup("\n \n"), "");
    }

    #[test]
    fn characters_pdf_a_forbids_in_text_are_dropped() {
        assert_eq!(streng("\u{feff}Byrådet\u{fffe}\u{0}"), "\"Byrådet\"");
    }

    #[test]
    fn crlf_is_normalised() {
        assert_eq!(markup("a\r\n\r\nb"), "#\"a\";\n\n#\"b\";");
    }
}
