//! Sources kept between plans: a kommune's bilag reads the KKR, the round, the earlier
//! periods and its own status file — never another kommune's. While only the period's
//! status files change (kommuner saving), every other bilag keeps its source instead of
//! being rendered again; any other change renders everything.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnose::Diagnose;
use crate::dokument::Dokument;
use crate::markup::Kilde;

/// Rendered sources of the documents that read only their own file.
#[derive(Default)]
pub struct Genbrug {
    kilder: HashMap<String, (Dokument, Vec<Diagnose>, Kilde)>,
}

impl Genbrug {
    /// Forgets what a change of `stier` (absolute, as the watcher gives them) can have
    /// changed: the bilag of changed status files of `periode`, or everything when
    /// anything else changed that matters to a source.
    pub fn efter_aendring(&mut self, rod: &Path, periode: &str, stier: &[PathBuf]) {
        match statusfiler(rod, periode, stier) {
            Some(filer) => self.kilder.retain(|_, (dok, _, _)| {
                dok.egen_fil()
                    .is_some_and(|f| !filer.iter().any(|x| x == f))
            }),
            None => self.kilder.clear(),
        }
    }

    /// Forgets everything (the first plan, an asset, the fonts).
    pub fn glem(&mut self) {
        self.kilder.clear();
    }

    /// The kept source, when the document and its diagnostics are as when it was kept.
    pub fn hent(&self, dok: &Dokument, diagnoser: &[Diagnose]) -> Option<Kilde> {
        let (d, diag, kilde) = self.kilder.get(&dok.id)?;
        (d == dok && diag == diagnoser).then(|| kilde.clone())
    }

    /// Keeps a rendered source of a document that reads only its own file (a source
    /// just taken from here is kept already).
    pub fn husk(&mut self, dok: &Dokument, diagnoser: &[Diagnose], kilde: &Kilde) {
        let kendt = self
            .kilder
            .get(&dok.id)
            .is_some_and(|(d, diag, k)| d == dok && diag == diagnoser && k == kilde);
        if dok.egen_fil().is_some() && !kendt {
            self.kilder.insert(
                dok.id.clone(),
                (dok.clone(), diagnoser.to_vec(), kilde.clone()),
            );
        }
    }
}

/// The changed status files of `periode` (relative to the project), or `None` when
/// something else that matters changed too. Editors' temporary files do not count.
fn statusfiler(rod: &Path, periode: &str, stier: &[PathBuf]) -> Option<Vec<PathBuf>> {
    let status = Path::new("content").join(periode).join("status");
    let mut filer = Vec::new();
    for sti in stier {
        if super::aendring::omfang(rod, [sti.as_path()]).is_none() {
            continue;
        }
        let rel = sti.strip_prefix(rod).ok()?;
        let er_status = rel.parent() == Some(status.as_path())
            && rel.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if !er_status {
            return None;
        }
        filer.push(rel.to_path_buf());
    }
    Some(filer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stier(rod: &Path, rel: &[&str]) -> Vec<PathBuf> {
        rel.iter().map(|r| rod.join(r)).collect()
    }

    #[test]
    fn only_status_files_of_the_period_keep_the_other_sources() {
        let rod = Path::new("/p");
        let s = |rel: &[&str]| statusfiler(rod, "2016", &stier(rod, rel));
        assert_eq!(
            s(&[
                "content/2016/status/alfa.yaml",
                "content/2016/status/.alfa.yaml.swp"
            ]),
            Some(vec![PathBuf::from("content/2016/status/alfa.yaml")])
        );
        assert_eq!(
            s(&["content/2016/status/alfa.yaml", "content/kkr.yaml"]),
            None
        );
        // An earlier period's answers are part of every bilag's comparison.
        assert_eq!(s(&["content/2015/status/alfa.yaml"]), None);
        assert_eq!(s(&["templates/bilag.typ.j2"]), None);
        assert_eq!(s(&["content/2016/status"]), None);
        assert_eq!(s(&["content/2016/runde.yaml"]), None);
    }

    #[test]
    fn documents_that_read_every_status_are_never_kept() {
        let dok = Dokument {
            id: "tilbagemelding".into(),
            titel: "Samlet tilbagemelding".into(),
            art: crate::dokument::Art::Tilbagemelding,
            ud: "t.pdf".into(),
        };
        let kilde = Kilde {
            navn: "2015/tilbagemelding".into(),
            markup: "x".into(),
            dato: crate::indhold::dato::Dato::parse("2015-03-09").unwrap(),
        };
        let mut g = Genbrug::default();
        g.husk(&dok, &[], &kilde);
        assert_eq!(g.hent(&dok, &[]), None);
    }

    #[test]
    fn a_saved_status_file_renders_only_its_own_bilag_again() {
        let rod = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let p = crate::indhold::projekt::indlaes(&rod, "2015")
            .projekt
            .unwrap();
        let kilde = |id: &str| Kilde {
            navn: id.into(),
            markup: id.into(),
            dato: p.runde.dato,
        };
        let mut g = Genbrug::default();
        let bilag: Vec<Dokument> = crate::dokument::bilag(&p).collect();
        for d in &bilag {
            g.husk(d, &[], &kilde(&d.id));
        }
        let hent = |g: &Genbrug, id: &str| {
            let d = bilag.iter().find(|d| d.id == id).unwrap();
            g.hent(d, &[]).map(|k| k.markup)
        };
        g.efter_aendring(&rod, "2015", &[rod.join("content/2015/status/alfa.yaml")]);
        assert_eq!(hent(&g, "bilag-alfa"), None);
        assert_eq!(hent(&g, "bilag-beta"), Some("bilag-beta".into()));
        // Other diagnostics than when it was kept: rendered again.
        let d = &bilag[1];
        assert_eq!(
            g.hent(d, &[Diagnose::advarsel("content/kkr.yaml", None, "x")]),
            None
        );
        g.efter_aendring(&rod, "2015", &[rod.join("content/kkr.yaml")]);
        assert_eq!(hent(&g, "bilag-beta"), None);
    }
}
