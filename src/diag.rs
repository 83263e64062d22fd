//! Diagnostics: Danish messages with file:line:column and a hint.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Alvor {
    /// Stops every command that writes output.
    Fejl,
    /// Reported, but output is still written.
    Advarsel,
}

/// A position in a file, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
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

/// One problem found in the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnose {
    pub alvor: Alvor,
    /// Path relative to the project directory.
    pub fil: PathBuf,
    pub pos: Option<Pos>,
    pub besked: String,
    pub hint: Option<String>,
}

impl Diagnose {
    pub fn fejl(fil: impl AsRef<Path>, pos: Option<Pos>, besked: impl Into<String>) -> Self {
        Self {
            alvor: Alvor::Fejl,
            fil: fil.as_ref().to_path_buf(),
            pos,
            besked: besked.into(),
            hint: None,
        }
    }

    pub fn advarsel(fil: impl AsRef<Path>, pos: Option<Pos>, besked: impl Into<String>) -> Self {
        Self {
            alvor: Alvor::Advarsel,
            ..Self::fejl(fil, pos, besked)
        }
    }

    pub fn med_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn er_fejl(&self) -> bool {
        self.alvor == Alvor::Fejl
    }

    /// `file:line:column` (or just the file when the position is unknown).
    pub fn sted(&self) -> String {
        let fil = self.fil.display().to_string().replace('\\', "/");
        match self.pos {
            Some(p) => format!("{fil}:{}:{}", p.linje, p.kolonne),
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
#[derive(Clone, Debug, Default)]
pub struct Diagnoser(pub Vec<Diagnose>);

impl Diagnoser {
    pub fn push(&mut self, d: Diagnose) {
        self.0.push(d);
    }

    pub fn antal_fejl(&self) -> usize {
        self.0.iter().filter(|d| d.er_fejl()).count()
    }

    pub fn antal_advarsler(&self) -> usize {
        self.0.len() - self.antal_fejl()
    }

    pub fn har_fejl(&self) -> bool {
        self.antal_fejl() > 0
    }

    pub fn sorter(&mut self) {
        self.0
            .sort_by(|a, b| (&a.fil, a.pos, a.alvor).cmp(&(&b.fil, b.pos, b.alvor)));
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

/// The error returned when content has errors: carries every diagnostic.
#[derive(Debug)]
pub struct Indholdsfejl(pub Diagnoser);

impl fmt::Display for Indholdsfejl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        write!(
            f,
            "indholdet har {}; der er ikke skrevet nogen filer",
            self.0.opsummering()
        )
    }
}

impl std::error::Error for Indholdsfejl {}

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

/// Lower case with æ, ø, å as ae, oe, aa.
fn translitterer(s: &str) -> String {
    s.to_lowercase()
        .replace('æ', "ae")
        .replace('ø', "oe")
        .replace('å', "aa")
}

/// Joins words as a Danish list: "a, b og c".
pub fn liste(ord: &[impl AsRef<str>]) -> String {
    match ord {
        [] => String::new(),
        [a] => a.as_ref().to_string(),
        [rest @ .., sidste] => {
            let rest: Vec<&str> = rest.iter().map(|s| s.as_ref()).collect();
            format!("{} og {}", rest.join(", "), sidste.as_ref())
        }
    }
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
    fn danish_list_joins_with_og() {
        assert_eq!(liste(&["grøn", "gul", "rød"]), "grøn, gul og rød");
        assert_eq!(liste(&["grøn"]), "grøn");
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
}
