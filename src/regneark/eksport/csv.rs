//! The «Svar» table as CSV for Danish Excel: UTF-8 with BOM, `;` between fields,
//! CRLF between rows. A field that Excel would run as a formula (it begins with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so user text stays
//! text.

use crate::indhold::projekt::Projekt;

/// The CSV file's bytes.
pub fn csv(p: &Projekt) -> Vec<u8> {
    let mut ud = String::from("\u{feff}");
    linje(&mut ud, super::SVAR_KOLONNER.iter().map(|s| s.to_string()));
    for r in super::svar(p) {
        linje(&mut ud, r.iter().map(super::Felt::tekst));
    }
    ud.into_bytes()
}

fn linje(ud: &mut String, felter: impl Iterator<Item = String>) {
    let felter: Vec<String> = felter.map(|f| felt(&f)).collect();
    ud.push_str(&felter.join(";"));
    ud.push_str("\r\n");
}

/// One field, quoted when it holds `;`, `"`, a line break or surrounding spaces.
fn felt(t: &str) -> String {
    let t = if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{t}")
    } else {
        t.to_string()
    };
    if t.contains([';', '"', '\n', '\r']) || t.starts_with(' ') || t.ends_with(' ') {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::felt;

    #[test]
    fn fields_are_quoted_for_excel() {
        assert_eq!(felt("grøn"), "grøn");
        assert_eq!(felt("a;b"), "\"a;b\"");
        assert_eq!(felt("sagde \"ja\""), "\"sagde \"\"ja\"\"\"");
        assert_eq!(felt("linje 1\nlinje 2"), "\"linje 1\nlinje 2\"");
    }

    #[test]
    fn text_that_excel_would_run_as_a_formula_stays_text() {
        assert_eq!(felt("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(felt("-1+1"), "'-1+1");
        assert_eq!(felt("@SUM(A1)"), "'@SUM(A1)");
    }
}
