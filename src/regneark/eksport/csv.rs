//! The «Svar» table as CSV for Danish Excel: UTF-8 with BOM, `;` between fields,
//! CRLF between rows, quoted as RFC 4180 needs (the `csv` crate). A field that Excel
//! would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
//! return) gets a leading `'` first, so user text stays text.

use crate::indhold::projekt::Projekt;

/// The CSV file's bytes.
pub fn csv(p: &Projekt) -> Vec<u8> {
    let mut ud = skriver();
    skriv(&mut ud, super::SVAR_KOLONNER.iter().map(|s| s.to_string()));
    for r in super::svar(p) {
        skriv(&mut ud, r.iter().map(super::Felt::tekst));
    }
    ud.into_inner().expect("a CSV file in memory is flushed")
}

/// A writer into memory that starts with the byte order mark Excel needs to read UTF-8.
fn skriver() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer("\u{feff}".as_bytes().to_vec())
}

fn skriv(ud: &mut ::csv::Writer<Vec<u8>>, felter: impl Iterator<Item = String>) {
    ud.write_record(felter.map(|f| som_tekst(&f)))
        .expect("a row of the table is written to memory");
}

/// A field Excel would run as a formula, with a leading `'` so it shows as text.
fn som_tekst(t: &str) -> String {
    if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{t}")
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{skriv, skriver};

    /// One row as the file holds it, without the byte order mark.
    fn linje(felter: &[&str]) -> String {
        let mut ud = skriver();
        skriv(&mut ud, felter.iter().map(|f| f.to_string()));
        let bytes = ud.into_inner().unwrap();
        String::from_utf8(bytes)
            .unwrap()
            .trim_start_matches('\u{feff}')
            .to_string()
    }

    #[test]
    fn fields_are_quoted_for_excel() {
        assert_eq!(linje(&["grøn", "a;b"]), "grøn;\"a;b\"\r\n");
        assert_eq!(linje(&["sagde \"ja\""]), "\"sagde \"\"ja\"\"\"\r\n");
        assert_eq!(
            linje(&["linje 1\nlinje 2", ""]),
            "\"linje 1\nlinje 2\";\r\n"
        );
    }

    #[test]
    fn text_that_excel_would_run_as_a_formula_stays_text() {
        assert_eq!(
            linje(&["=HYPERLINK(\"x\")"]),
            "\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
        assert_eq!(linje(&["-1+1", "@SUM(A1)"]), "'-1+1;'@SUM(A1)\r\n");
        assert_eq!(linje(&["\tA1"]), "'\tA1\r\n");
    }

    #[test]
    fn a_csv_reader_gets_every_field_back_as_written() {
        let felter = [" indrykket ", "a;b", "\"", "æøå\r\nny linje", "", "3.2"];
        let tekst = linje(&felter);
        let mut laeser = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(tekst.as_bytes());
        let raekke = laeser.records().next().unwrap().unwrap();
        assert_eq!(raekke.iter().collect::<Vec<_>>(), felter);
    }
}
