//! Diagnostics: Danish messages that say where a problem is (file:line:column, a
//! spreadsheet's sheet and cell, or a form field) and give a hint.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Alvor {
    /// Stops every command that writes output.
    Fejl,
    /// Reported, but output is still written.
    Advarsel,
}

/// A position in a text file, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Pos {
    pub linje: u64,
    pub kolonne: u64,
}

impl Pos {
    pub fn new(linje: u64, kolonne: u64) -> Self {
        Self { linje, kolonne }
    }

    /// The position of a serde-saphyr location (unknown becomes 1:1).
    pub fn fra(loc: serde_saphyr::Location) -> Self {
        Self::new(loc.line().max(1), loc.column().max(1))
    }
}

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Sted {
    /// A line and column of a text file.
    Linje(Pos),
    /// A cell of a spreadsheet.
    Celle(Box<Celle>),
    /// A field of a form, by its label.
    Felt(String),
    /// A place in a Word document as a person finds it: «tabel 2, anbefaling v3,
    /// feltet «Status»».
    Dokument(String),
}

/// A spreadsheet cell: sheet «Fremdriftsskema», cell `E7`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Celle {
    pub ark: String,
    pub celle: String,
}

impl Sted {
    /// A cell of a sheet, e.g. `Sted::celle("Fremdriftsskema", "E7")`.
    pub fn celle(ark: impl Into<String>, celle: impl Into<String>) -> Self {
        Sted::Celle(Box::new(Celle {
            ark: ark.into(),
            celle: celle.into(),
        }))
    }
}

/// One problem found in the project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnose {
    pub alvor: Alvor,
    /// Path relative to the project directory (or the file as the user named it).
    pub fil: PathBuf,
    pub sted: Option<Sted>,
    pub besked: String,
    pub hint: Option<String>,
}

impl Diagnose {
    pub fn ny(
        alvor: Alvor,
        fil: impl AsRef<Path>,
        sted: Option<Sted>,
        besked: impl Into<String>,
    ) -> Self {
        Self {
            alvor,
            fil: fil.as_ref().to_path_buf(),
            sted,
            besked: besked.into(),
            hint: None,
        }
    }

    pub fn fejl(fil: impl AsRef<Path>, pos: Option<Pos>, besked: impl Into<String>) -> Self {
        Self::ny(Alvor::Fejl, fil, pos.map(Sted::Linje), besked)
    }

    pub fn advarsel(fil: impl AsRef<Path>, pos: Option<Pos>, besked: impl Into<String>) -> Self {
        Self::ny(Alvor::Advarsel, fil, pos.map(Sted::Linje), besked)
    }

    pub fn med_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem at another place (a cell, a form field).
    pub fn med_sted(mut self, sted: Sted) -> Self {
        self.sted = Some(sted);
        self
    }

    pub fn er_fejl(&self) -> bool {
        self.alvor == Alvor::Fejl
    }

    /// The line position, when the problem is in a text file.
    pub fn pos(&self) -> Option<Pos> {
        match self.sted {
            Some(Sted::Linje(p)) => Some(p),
            _ => None,
        }
    }

    /// `file:line:column`, `file, ark «X», celle E7` or `file, feltet «X»`.
    pub fn sted(&self) -> String {
        let fil = self.fil.display().to_string().replace('\\', "/");
        match &self.sted {
            Some(Sted::Linje(p)) => format!("{fil}:{}:{}", p.linje, p.kolonne),
            Some(Sted::Celle(c)) => format!("{fil}, ark «{}», celle {}", c.ark, c.celle),
            Some(Sted::Felt(navn)) => format!("{fil}, feltet «{navn}»"),
            Some(Sted::Dokument(hvor)) => format!("{fil}, {hvor}"),
            None => fil,
        }
    }
}

impl fmt::Display for Diagnose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let art = match self.alvor {
            Alvor::Fejl => "fejl",
            Alvor::Advarsel => "advarsel",
        };
        write!(f, "{}: {art}: {}", self.sted(), self.besked)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A list of diagnostics, sorted for stable output.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnoser(pub Vec<Diagnose>);

impl Diagnoser {
    pub fn push(&mut self, d: Diagnose) {
        self.0.push(d);
    }

    /// Adds a diagnostic unless the same one is already there.
    pub fn tilfoej_ny(&mut self, d: Diagnose) {
        if !self.0.contains(&d) {
            self.0.push(d);
        }
    }

    pub fn antal_fejl(&self) -> usize {
        self.0.iter().filter(|d| d.er_fejl()).count()
    }

    pub fn antal_advarsler(&self) -> usize {
        self.0.len() - self.antal_fejl()
    }

    pub fn har_fejl(&self) -> bool {
        self.0.iter().any(Diagnose::er_fejl)
    }

    pub fn sorter(&mut self) {
        self.0
            .sort_by(|a, b| (&a.fil, &a.sted, a.alvor).cmp(&(&b.fil, &b.sted, b.alvor)));
    }

    /// A Danish one-line summary such as "2 fejl og 1 advarsel".
    pub fn opsummering(&self) -> String {
        let fejl = self.antal_fejl();
        let adv = self.antal_advarsler();
        let adv_ord = if adv == 1 { "advarsel" } else { "advarsler" };
        format!("{fejl} fejl og {adv} {adv_ord}")
    }
}

impl fmt::Display for Diagnoser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The nearest of `kandidater` to `ord`, if it is close enough to be a likely typo.
/// Letters are compared with æ, ø and å written as ae, oe and aa, so `roed` finds
/// `rød`; similarity is Jaro-Winkler, which favours a shared start (`alpha` → `alfa`,
/// `v11` → `v1`) and leaves unrelated short words alone (`delta` ↛ `beta`); at most
/// two edits (a quarter of a long word) keep `kommentar` from suggesting `kommune`.
pub fn naermeste<'a>(ord: &str, kandidater: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let ord = translitterer(ord);
    kandidater
        .into_iter()
        .map(|k| (translitterer(k), k))
        .filter(|(t, _)| strsim::damerau_levenshtein(&ord, t) <= (t.chars().count() / 4).max(2))
        .map(|(t, k)| (strsim::jaro_winkler(&ord, &t), k))
        .filter(|(lighed, _)| *lighed >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// «mente du «x»? {resten}» when a candidate is near, otherwise `ellers`.
pub fn mente_du<'a>(
    ord: &str,
    kandidater: impl IntoIterator<Item = &'a str>,
    resten: &str,
    ellers: &str,
) -> String {
    match naermeste(ord, kandidater) {
        Some(n) if resten.is_empty() => format!("mente du «{n}»?"),
        Some(n) => format!("mente du «{n}»? {resten}"),
        None => ellers.to_string(),
    }
}

/// Lower case with æ, ø, å as ae, oe, aa.
fn translitterer(s: &str) -> String {
    s.to_lowercase()
        .replace('æ', "ae")
        .replace('ø', "oe")
        .replace('å', "aa")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_status_is_suggested_for_typo() {
        assert_eq!(naermeste("grønn", ["grøn", "gul", "rød"]), Some("grøn"));
        assert_eq!(naermeste("roed", ["grøn", "gul", "rød"]), Some("rød"));
        assert_eq!(naermeste("blå", ["grøn", "gul", "rød"]), None);
        assert_eq!(naermeste("groen", ["grøn", "gul", "rød"]), Some("grøn"));
        assert_eq!(naermeste("delta", ["alfa", "beta", "gamma"]), None);
        assert_eq!(naermeste("alpha", ["alfa", "beta", "gamma"]), Some("alfa"));
        assert_eq!(
            naermeste("bemaerkning", ["status", "bemærkning"]),
            Some("bemærkning")
        );
        assert_eq!(naermeste("v11", ["v1", "v2", "b1"]), Some("v1"));
        assert_eq!(naermeste("v9", ["v1", "v2", "b1"]), None);
        assert_eq!(naermeste("kommentar", ["kommune", "svar"]), None);
    }

    #[test]
    fn diagnostic_prints_location_and_hint() {
        let d = Diagnose::fejl("content/a.yaml", Some(Pos::new(3, 7)), "ugyldig status")
            .med_hint("mente du «grøn»?");
        assert_eq!(
            d.to_string(),
            "content/a.yaml:3:7: fejl: ugyldig status\n  hint: mente du «grøn»?"
        );
    }

    #[test]
    fn spreadsheet_and_form_places_are_named_in_danish() {
        let celle = Diagnose::fejl("albertslund.xlsx", None, "«grønn» er ikke en status")
            .med_sted(Sted::celle("Fremdriftsskema", "E7"));
        assert_eq!(
            celle.to_string(),
            "albertslund.xlsx, ark «Fremdriftsskema», celle E7: fejl: «grønn» er ikke en status"
        );
        let felt = Diagnose::fejl("formular", None, "x").med_sted(Sted::Felt("E-mail".into()));
        assert_eq!(felt.sted(), "formular, feltet «E-mail»");
    }
}
