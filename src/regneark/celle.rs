//! A cell's value as read from a workbook, the cell names users see («E7»), and the
//! Danish date forms people type into a cell.

use calamine::Data;

use crate::indhold::dato::Dato;

/// A non-empty cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Vaerdi {
    Tekst(String),
    Tal(f64),
    /// A real date cell (a number with a date format).
    Dato(Dato),
    Bool(bool),
    /// A formula, with its text (`=A1&B1`): formulas are never evaluated or trusted.
    Formel(String),
    /// An error value such as `#DIV/0!`.
    Fejl(String),
}

impl Vaerdi {
    /// The value as text, when it is one a user can mean as text: a number as its
    /// digits (`4368 6000` typed as 43686000), a date as 21-01-2016, a yes/no as
    /// Ja/Nej. Line breaks typed in a cell become `\n`. `None` for a formula or an
    /// error value.
    pub fn tekst(&self) -> Option<String> {
        match self {
            Vaerdi::Tekst(s) => Some(linjeskift(s)),
            Vaerdi::Tal(t) => Some(tal(*t)),
            Vaerdi::Dato(d) => Some(format!("{:02}-{:02}-{}", d.dag, d.maaned, d.aar)),
            Vaerdi::Bool(b) => Some(super::ja_nej(*b).to_string()),
            Vaerdi::Formel(_) | Vaerdi::Fejl(_) => None,
        }
    }

    /// What the cell holds, for a message: «tallet 3», «formlen =A1».
    pub fn beskriv(&self) -> String {
        match self {
            Vaerdi::Tekst(s) => format!("«{}»", s.trim()),
            Vaerdi::Tal(t) => format!("tallet {}", tal(*t)),
            Vaerdi::Dato(d) => format!("datoen {}", d.dansk()),
            Vaerdi::Bool(b) => format!("sandhedsværdien {}", if *b { "SAND" } else { "FALSK" }),
            Vaerdi::Formel(f) => format!("formlen «={}»", f.trim_start_matches('=')),
            Vaerdi::Fejl(f) => format!("fejlværdien {f}"),
        }
    }

    /// True for a cell holding only spaces.
    pub fn er_blank(&self) -> bool {
        matches!(self, Vaerdi::Tekst(s) if s.trim().is_empty())
    }
}

/// A number as people write it: whole numbers without decimals.
fn tal(t: f64) -> String {
    if t.fract() == 0.0 && t.abs() < 1e15 {
        format!("{}", t as i64)
    } else {
        format!("{t}")
    }
}

/// `\r\n` and lone `\r` (from some spreadsheet programs) as `\n`.
fn linjeskift(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

/// The name of a cell from 0-based row and column: (6, 4) → «E7».
pub fn celle_navn(raekke: u32, kolonne: u32) -> String {
    format!("{}{}", kolonne_navn(kolonne), u64::from(raekke) + 1)
}

/// 0 → A, 25 → Z, 26 → AA.
pub fn kolonne_navn(kolonne: u32) -> String {
    let mut n = u64::from(kolonne) + 1;
    let mut ud = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        ud.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    ud.reverse();
    String::from_utf8(ud).expect("ASCII")
}

pub use crate::indhold::datotekst::dato_fra_tekst;

/// A calamine value as ours; `None` for an empty cell.
pub(super) fn vaerdi(d: Data) -> Option<Vaerdi> {
    Some(match d {
        Data::Empty => return None,
        Data::String(s) => Vaerdi::Tekst(s),
        Data::Int(i) => Vaerdi::Tal(i as f64),
        Data::Float(f) => Vaerdi::Tal(f),
        Data::Bool(b) => Vaerdi::Bool(b),
        Data::DateTime(t) if t.is_datetime() => {
            let (aar, maaned, dag, ..) = t.to_ymd_hms_milli();
            match Dato::parse(&format!("{aar:04}-{maaned:02}-{dag:02}")) {
                Ok(d) => Vaerdi::Dato(d),
                Err(_) => Vaerdi::Tal(t.as_f64()),
            }
        }
        Data::DateTime(t) => Vaerdi::Tal(t.as_f64()),
        Data::DateTimeIso(s) => match s.get(..10).map(Dato::parse) {
            Some(Ok(d)) => Vaerdi::Dato(d),
            _ => Vaerdi::Tekst(s),
        },
        Data::DurationIso(s) => Vaerdi::Tekst(s),
        Data::Error(e) => Vaerdi::Fejl(e.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indhold::dato::DatoFejl;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(celle_navn(6, 4), "E7");
        assert_eq!(celle_navn(0, 25), "Z1");
        assert_eq!(celle_navn(0, 26), "AA1");
        assert_eq!(celle_navn(1_048_575, 16_383), "XFD1048576");
        assert_eq!(celle_navn(u32::MAX, u32::MAX), "MWLQKWV4294967296");
    }

    #[test]
    fn every_usual_danish_date_form_is_read() {
        for t in [
            "21-01-2016",
            "21.1.2016",
            "21/1/2016",
            "21. januar 2016",
            "21 Januar 2016",
            "21. jan. 2016",
            "2016-01-21",
            " 2016-1-21 ",
        ] {
            assert_eq!(
                dato_fra_tekst(t).map(|d| d.iso()),
                Ok("2016-01-21".into()),
                "{t}"
            );
        }
    }

    #[test]
    fn other_texts_are_not_dates() {
        for t in [
            "21-01-16",
            "i går",
            "21. jaunar 2016",
            "2016",
            "21-01-2016 kl. 10",
        ] {
            assert_eq!(dato_fra_tekst(t), Err(DatoFejl::Form), "{t}");
        }
        assert_eq!(dato_fra_tekst("30-02-2016"), Err(DatoFejl::FindesIkke));
    }

    #[test]
    fn numbers_read_as_text_keep_their_digits() {
        assert_eq!(Vaerdi::Tal(43686000.0).tekst().unwrap(), "43686000");
        assert_eq!(Vaerdi::Tal(3.5).tekst().unwrap(), "3.5");
        assert_eq!(
            Vaerdi::Tekst("a\r\nb\rc".into()).tekst().unwrap(),
            "a\nb\nc"
        );
        assert_eq!(Vaerdi::Formel("=A1".into()).tekst(), None);
    }
}
