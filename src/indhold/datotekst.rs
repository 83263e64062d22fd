//! Dates as people type them: 21-01-2016, 21.1.2016, 21/1/2016, 21. januar 2016 and
//! 2016-01-21 — read from workbook cells, and used to say what a mistyped date in YAML
//! or a form meant.

use super::dato::{Dato, DatoFejl};

const MAANEDER: [&[&str]; 12] = [
    &["januar", "jan"],
    &["februar", "feb"],
    &["marts", "mar"],
    &["april", "apr"],
    &["maj"],
    &["juni", "jun"],
    &["juli", "jul"],
    &["august", "aug"],
    &["september", "sep", "sept"],
    &["oktober", "okt"],
    &["november", "nov"],
    &["december", "dec"],
];

/// A date in one of the forms Danes type: 21-01-2016, 21.1.2016, 21/1/2016,
/// 21. januar 2016 (or «21. jan. 2016») and 2016-01-21.
pub fn dato_fra_tekst(tekst: &str) -> Result<Dato, DatoFejl> {
    let (aar, maaned, dag) = dele(tekst).ok_or(DatoFejl::Form)?;
    Dato::parse(&format!("{aar:04}-{maaned:02}-{dag:02}"))
}

/// The (year, month, day) a text means in one of those forms, whether or not the day
/// exists.
pub fn dele(tekst: &str) -> Option<(u32, u32, u32)> {
    let t = tekst.trim().to_lowercase();
    tal_form(&t).or_else(|| ord_form(&t))
}

/// Why the day `dag` of `maaned` in `aar` does not exist, in a few words, and the
/// nearest day that does (the month's last day), when the month exists.
pub fn findes_ikke(aar: u32, maaned: u32, dag: u32) -> (String, Option<Dato>) {
    if !(1..=12).contains(&maaned) {
        return (format!("der er ingen måned {maaned}"), None);
    }
    let navn = Dato {
        aar: aar as i32,
        maaned: maaned as u8,
        dag: 1,
    }
    .maanedsnavn();
    let sidste = (28..=31u8)
        .rev()
        .find_map(|d| Dato::parse(&format!("{aar:04}-{maaned:02}-{d:02}")).ok());
    match sidste {
        Some(s) if dag > 0 => (format!("{navn} {aar} har {} dage", s.dag), Some(s)),
        _ => ("dag 0 findes ikke".to_string(), None),
    }
}

/// 21-01-2016, 21.1.2016, 21/1/2016 or 2016-01-21 → (year, month, day).
fn tal_form(t: &str) -> Option<(u32, u32, u32)> {
    let sep = ['-', '.', '/'].into_iter().find(|s| t.contains(*s))?;
    let dele: Vec<&str> = t.split(sep).map(str::trim).collect();
    let [a, b, c] = dele.as_slice() else {
        return None;
    };
    let cifre = |s: &str, n: std::ops::RangeInclusive<usize>| {
        (n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if sep == '-' && a.len() == 4 {
        return Some((cifre(a, 4..=4)?, cifre(b, 1..=2)?, cifre(c, 1..=2)?));
    }
    Some((cifre(c, 4..=4)?, cifre(b, 1..=2)?, cifre(a, 1..=2)?))
}

/// «21. januar 2016», «21 jan. 2016» → (year, month, day).
fn ord_form(t: &str) -> Option<(u32, u32, u32)> {
    let dele: Vec<&str> = t.split_whitespace().collect();
    let [dag, maaned, aar] = dele.as_slice() else {
        return None;
    };
    let dag = dag.trim_end_matches('.');
    let maaned = maaned.trim_end_matches('.');
    let nr = MAANEDER.iter().position(|navne| navne.contains(&maaned))? as u32 + 1;
    let tal = |s: &str, n: usize| {
        (s.len() <= n && !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    Some(((aar.len() == 4).then(|| tal(aar, 4))??, nr, tal(dag, 2)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_impossible_day_says_how_long_the_month_is() {
        assert_eq!(dele("31-02-2025"), Some((2025, 2, 31)));
        let (grund, forslag) = findes_ikke(2025, 2, 31);
        assert_eq!(grund, "februar 2025 har 28 dage");
        assert_eq!(forslag.map(|d| d.iso()), Some("2025-02-28".into()));
        assert_eq!(findes_ikke(2024, 2, 30).0, "februar 2024 har 29 dage");
        assert_eq!(findes_ikke(2016, 13, 1).0, "der er ingen måned 13");
    }
}
