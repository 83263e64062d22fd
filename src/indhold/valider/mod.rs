//! Checks raw content and turns it into the validated model, collecting every problem.
//! Each validator reads as a list of rules; [`Regler`] says where and with which hint.

mod erstatter;
mod hoved;
mod kkr;
mod kommunekoder;
mod runde;
mod status;
mod tilbagemelding;

use std::path::Path;

use super::dato::{Dato, DatoFejl};
use super::datotekst::{dele, findes_ikke};
use super::raa::{Placeret, Tekst};
use crate::diagnose::{Alvor, Diagnose, Diagnoser, Sted, mente_du};

pub use erstatter::Forgaenger;
pub use hoved::PLADSHOLDERE;
pub use kkr::valider_kkr;
pub use runde::valider_runde;
pub use status::{tjek_filnavn, valider_status};
pub use tilbagemelding::valider_tilbagemelding;

/// The checks of one file: every problem goes to the same list, with the file's name.
pub(crate) struct Regler<'a> {
    fil: &'a Path,
    d: &'a mut Diagnoser,
    start: usize,
    /// The date the hints show as an example: the round's own, never a fixed year.
    eksempel: Option<Dato>,
}

impl<'a> Regler<'a> {
    pub fn ny(fil: &'a Path, d: &'a mut Diagnoser) -> Self {
        let start = d.antal_fejl();
        Self {
            fil,
            d,
            start,
            eksempel: None,
        }
    }

    /// The same checks with `dato` (the round's) as the example in date hints.
    pub fn med_eksempel(mut self, dato: Dato) -> Self {
        self.eksempel = Some(dato);
        self
    }

    /// The example date for hints: the round's date, or a January date of the year.
    pub fn eksempeldato(&self) -> Dato {
        self.eksempel.unwrap_or(Dato {
            aar: 2016,
            maaned: 1,
            dag: 26,
        })
    }

    /// An error at `sted` (or the whole file) with a hint (none when empty).
    pub fn fejl(
        &mut self,
        sted: Option<&Sted>,
        besked: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.meld(Alvor::Fejl, sted, besked.into(), hint.into());
    }

    pub fn advarsel(
        &mut self,
        sted: Option<&Sted>,
        besked: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.meld(Alvor::Advarsel, sted, besked.into(), hint.into());
    }

    fn meld(&mut self, alvor: Alvor, sted: Option<&Sted>, besked: String, hint: String) {
        let d = Diagnose::ny(alvor, self.fil, sted.cloned(), besked);
        self.d
            .push(if hint.is_empty() { d } else { d.med_hint(hint) });
    }

    /// True while this file has no errors.
    pub fn uden_fejl(&self) -> bool {
        self.d.antal_fejl() == self.start
    }

    /// `Some(v)` when this file has no errors, for building the validated value.
    pub fn resultat<T>(&self, v: impl FnOnce() -> T) -> Option<T> {
        self.uden_fejl().then(v)
    }

    /// A date written as ÅÅÅÅ-MM-DD, for the field `felt`. A date in another form that
    /// does not exist either gets both messages at once.
    pub fn dato(&mut self, s: &Placeret<Tekst>, felt: &str) -> Option<Dato> {
        let t = s.vaerdi.as_str().trim();
        if let Sted::Felt(_) = s.sted {
            return self.dato_i_felt(s);
        }
        let (besked, hint) = match Dato::parse(t) {
            Ok(dato) => return Some(dato),
            Err(DatoFejl::FindesIkke) => {
                let (grund, _) =
                    dele(t).map_or((String::new(), None), |(a, m, d)| findes_ikke(a, m, d));
                (
                    format!("datoen {t} findes ikke ({felt})"),
                    format!("{grund}; ret datoen"),
                )
            }
            Err(DatoFejl::Form) => match dele(t) {
                Some((a, m, d)) => match Dato::parse(&format!("{a:04}-{m:02}-{d:02}")) {
                    Ok(ment) => (
                        format!("«{t}» er ikke skrevet som ÅÅÅÅ-MM-DD ({felt})"),
                        format!("skriv {}", ment.iso()),
                    ),
                    Err(_) => {
                        let (grund, forslag) = findes_ikke(a, m, d);
                        let fx = forslag.map_or(String::new(), |f| format!(", fx {}", f.iso()));
                        (
                            format!(
                                "«{t}» er ikke en dato ({felt}): den findes ikke og er ikke skrevet som ÅÅÅÅ-MM-DD"
                            ),
                            format!("{grund}; skriv datoen som ÅÅÅÅ-MM-DD{fx}"),
                        )
                    }
                },
                None => (
                    format!("«{t}» er ikke en dato ({felt})"),
                    format!(
                        "skriv datoen som ÅÅÅÅ-MM-DD, fx {}",
                        self.eksempeldato().iso()
                    ),
                ),
            },
        };
        self.fejl(Some(&s.sted), besked, hint);
        None
    }

    /// A date from a form's date field: the message speaks of the field (named by the
    /// place) and of choosing a day, not of YAML fields and ÅÅÅÅ-MM-DD.
    fn dato_i_felt(&mut self, s: &Placeret<Tekst>) -> Option<Dato> {
        let t = s.vaerdi.as_str().trim();
        let fx = self.eksempeldato();
        let (besked, hint) = match Dato::parse(t).or_else(|_| super::datotekst::dato_fra_tekst(t)) {
            Ok(dato) => return Some(dato),
            Err(DatoFejl::FindesIkke) => {
                let grund = dele(t).map(|(a, m, d)| findes_ikke(a, m, d).0);
                (
                    format!("datoen «{t}» findes ikke"),
                    format!(
                        "{}; vælg dagen i kalenderen",
                        grund.unwrap_or_else(|| "tjek dag og måned".into())
                    ),
                )
            }
            Err(DatoFejl::Form) => (
                format!("«{t}» er ikke en dato"),
                format!(
                    "vælg dagen i kalenderen, eller skriv den som {} eller {}",
                    fx.dansk_tal(),
                    fx.dansk()
                ),
            ),
        };
        self.fejl(Some(&s.sted), besked, hint);
        None
    }

    /// An error at `tekst`'s place when it holds an invisible control character:
    /// anything but tab and line breaks. Such a character is never shown in the bilag,
    /// but stays in the file, the workbooks and the export. `felt` names the text,
    /// except in a form, where the field's label does.
    pub fn styretegn<T: AsRef<str>>(&mut self, felt: &str, tekst: Option<&Placeret<T>>) {
        let Some(t) = tekst else { return };
        let felt = match t.sted {
            Sted::Felt(_) => "teksten",
            _ => felt,
        };
        if let Some((besked, hint)) = styretegn_besked(felt, t.vaerdi.as_ref()) {
            self.fejl(Some(&t.sted), besked, hint);
        }
    }

    /// An unknown word: an error with «mente du …?» when one of `gyldige` is near.
    pub fn ukendt<'k>(
        &mut self,
        sted: &Sted,
        besked: String,
        ord: &str,
        gyldige: impl IntoIterator<Item = &'k str>,
        efter_forslag: &str,
        ellers: &str,
    ) {
        let hint = mente_du(ord, gyldige, efter_forslag, ellers);
        self.fejl(Some(sted), besked, hint);
    }
}

/// The message and hint when `tekst` (called `felt`) holds a control character.
fn styretegn_besked(felt: &str, tekst: &str) -> Option<(String, String)> {
    let tegn = tekst.chars().find(|c| er_styretegn(*c))?;
    let kode = format!("U+{:04X}", u32::from(tegn));
    let hint = match tegn {
        '\u{b}' | '\u{c}' => {
            format!("{kode} er et linjeskift fra Word: skriv et almindeligt linjeskift i stedet")
        }
        _ => "slet tegnet; det kommer ofte med, når tekst kopieres fra et andet program".into(),
    };
    Some((
        format!("{felt} indeholder et usynligt styretegn ({kode})"),
        hint,
    ))
}

/// A control character other than tab, line feed and carriage return (C0, DEL, C1).
pub(crate) fn er_styretegn(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Trimmed text, or `None` when empty.
pub(crate) fn ikke_tom(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// True for kommune ids such as `albertslund` or `hoeje-taastrup`: they name files.
pub(crate) fn er_kommune_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The letters an anbefaling id may hold, as the ranges of a regular expression's
/// class: a-z, A-Z and the letters of Latin-1 (æ ø å, ä ö ü, é è ð þ ß …, but not `×` and
/// `÷`). The JSON Schemas spell the id pattern with these ranges, which every common
/// validator compiles (ECMA-262 with or without the `u` flag, Python's `re`, Rust's
/// `regex`); [`er_anbefalings_id`] accepts the same letters.
pub(crate) const ID_BOGSTAVER: &str = "A-Za-zÀ-ÖØ-öø-ÿ";

/// True for anbefaling ids as secretariats write them: `v1`, `A1`, `3.2`, `1b`, `P7`,
/// `virk-2`, `b_3`, `Æ1` — the letters of [`ID_BOGSTAVER`] in either case, digits 0-9,
/// `.`, `-` and `_`, starting with a letter or a digit, no spaces.
pub(crate) fn er_anbefalings_id(s: &str) -> bool {
    let bogstav_eller_ciffer =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ');
    s.chars().next().is_some_and(bogstav_eller_ciffer)
        && s.chars()
            .all(|c| bogstav_eller_ciffer(c) || ".-_".contains(c))
}

/// An id as compared for «did you mean»: lower case, without `.`, `-`, `_` and spaces.
fn id_noegle(s: &str) -> String {
    s.chars()
        .filter(|c| !".-_ ".contains(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The id among `ids` that `ord` differs from only in case or punctuation (`a1` for
/// `A1`, `3-2` for `3.2`), or else the nearest likely typo.
pub(crate) fn naermeste_id<'a>(
    ord: &str,
    ids: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let ids: Vec<&str> = ids.into_iter().collect();
    let noegle = id_noegle(ord);
    ids.iter()
        .find(|id| id_noegle(id) == noegle)
        .copied()
        .or_else(|| crate::diagnose::naermeste(ord, ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anbefaling_ids_are_written_as_secretariats_write_them() {
        for id in [
            "v1", "A1", "3.2", "1b", "P7", "virk-2", "b_3", "Æ1", "3.10", "é2", "ÿ",
        ] {
            assert!(er_anbefalings_id(id), "{id}");
        }
        for id in [
            "", "a 1", "-a", ".5", "v1!", "a/b", "v1\t", "×1", "a÷b", "α1", "²", "ª1",
        ] {
            assert!(!er_anbefalings_id(id), "{id:?}");
        }
    }

    #[test]
    fn control_characters_are_all_but_tab_and_line_breaks() {
        for c in [
            '\0', '\u{7}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}',
        ] {
            assert!(er_styretegn(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', 'æ', '\u{a0}', '\u{2028}'] {
            assert!(!er_styretegn(c), "{c:?}");
        }
    }

    #[test]
    fn a_case_or_punctuation_slip_finds_the_exact_id() {
        let ids = ["A1", "A2", "3.2", "virk-2"];
        assert_eq!(naermeste_id("a1", ids), Some("A1"));
        assert_eq!(naermeste_id("3-2", ids), Some("3.2"));
        assert_eq!(naermeste_id("VIRK2", ids), Some("virk-2"));
        assert_eq!(naermeste_id("B7", ids), None);
    }
}
