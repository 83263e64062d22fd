//! Escaping text for HTML content and quoted attribute values (the five characters
//! `& < > " '`): how the pages' templates print every value ([`super::sider`]).

use std::fmt::Write;

/// Escapes text for HTML content and quoted attribute values: how the pages' templates
/// print every value (see [`super::sider`]).
pub fn escape_til(ud: &mut impl Write, tekst: &str) -> std::fmt::Result {
    let mut fra = 0;
    for (i, b) in tekst.bytes().enumerate() {
        let erstatning = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        ud.write_str(&tekst[fra..i])?;
        ud.write_str(erstatning)?;
        fra = i + 1;
    }
    ud.write_str(&tekst[fra..])
}

/// [`escape_til`] into a new string.
#[cfg(any(test, feature = "sider-foer"))]
pub fn escape(tekst: &str) -> String {
    let mut ud = String::with_capacity(tekst.len());
    let _ = escape_til(&mut ud, tekst);
    ud
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
}
