//! Calendar dates from content, and their Danish spelling ("9. marts 2015").

use std::fmt;

use serde::{Deserialize, Serialize};

const MAANEDER: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// A valid calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dato {
    pub aar: i32,
    pub maaned: u8,
    pub dag: u8,
}

/// Why a text is not a date.
#[derive(Debug, PartialEq, Eq)]
pub enum DatoFejl {
    /// Not of the form ÅÅÅÅ-MM-DD.
    Form,
    /// The form is right but the day does not exist.
    FindesIkke,
}

impl Dato {
    /// Parses `ÅÅÅÅ-MM-DD` (a YAML date), checking that the day exists.
    pub fn parse(tekst: &str) -> Result<Self, DatoFejl> {
        let dele: Vec<&str> = tekst.trim().split('-').collect();
        let [a, m, d] = dele.as_slice() else {
            return Err(DatoFejl::Form);
        };
        let tal = |s: &str, n: usize| {
            (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let (Some(aar), Some(maaned), Some(dag)) = (tal(a, 4), tal(m, 2), tal(d, 2)) else {
            return Err(DatoFejl::Form);
        };
        if !(1..=12).contains(&maaned) || dag == 0 || dag > dage_i_maaned(aar as i32, maaned) {
            return Err(DatoFejl::FindesIkke);
        }
        Ok(Self {
            aar: aar as i32,
            maaned: maaned as u8,
            dag: dag as u8,
        })
    }

    /// "marts".
    pub fn maanedsnavn(&self) -> &'static str {
        MAANEDER[usize::from(self.maaned) - 1]
    }

    /// "9. marts 2015".
    pub fn dansk(&self) -> String {
        format!(
            "{}. {} {}",
            self.dag,
            MAANEDER[usize::from(self.maaned) - 1],
            self.aar
        )
    }

    /// Days since 1970-01-01, for distances between dates.
    pub fn dagnummer(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.maaned), i64::from(self.dag));
        let a = i64::from(self.aar) - i64::from(m <= 2);
        let era = a.div_euclid(400);
        let yoe = a - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// "09-03-2015", as Danes type a date in a spreadsheet.
    pub fn dansk_tal(&self) -> String {
        format!("{:02}-{:02}-{:04}", self.dag, self.maaned, self.aar)
    }

    /// "2015-03-09".
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.aar, self.maaned, self.dag)
    }
}

impl fmt::Display for Dato {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Dato {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Dato {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Dato::parse(&s).map_err(|_| serde::de::Error::custom(format!("«{s}» er ikke en dato")))
    }
}

fn dage_i_maaned(aar: i32, maaned: u32) -> u32 {
    match maaned {
        2 if (aar % 4 == 0 && aar % 100 != 0) || aar % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_spelling_has_no_leading_zero() {
        assert_eq!(Dato::parse("2015-03-09").unwrap().dansk(), "9. marts 2015");
        assert_eq!(
            Dato::parse("2016-01-26").unwrap().dansk(),
            "26. januar 2016"
        );
    }

    #[test]
    fn impossible_days_are_refused() {
        assert_eq!(Dato::parse("2015-02-29"), Err(DatoFejl::FindesIkke));
        assert!(Dato::parse("2016-02-29").is_ok());
        assert_eq!(Dato::parse("2015-13-01"), Err(DatoFejl::FindesIkke));
        assert_eq!(Dato::parse("1900-02-29"), Err(DatoFejl::FindesIkke));
    }

    #[test]
    fn day_numbers_count_days() {
        let d = |s: &str| Dato::parse(s).unwrap().dagnummer();
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("2016-03-01") - d("2016-02-28"), 2);
        assert_eq!(d("2026-01-26") - d("2025-01-26"), 365);
    }

    #[test]
    fn other_forms_are_refused() {
        for s in [
            "26-01-2016",
            "2016/01/26",
            "2016-1-26",
            "i går",
            "",
            "2016-01-26x",
        ] {
            assert_eq!(Dato::parse(s), Err(DatoFejl::Form), "{s}");
        }
    }
}
