//! The checked values behind every command: the project folder and the period,
//! resolved once from the raw arguments.

use std::path::{Path, PathBuf};

use super::FaellesValg;
use crate::fejl::fejl;
use crate::indhold::projekt::perioder;

/// The project and period a command works on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kontekst {
    /// The project folder, canonical.
    pub rod: PathBuf,
    pub periode: String,
}

/// Resolves `-C` (or the current folder) and `--periode` (or the newest period).
pub fn kontekst(f: &FaellesValg) -> anyhow::Result<Kontekst> {
    let rod = projektmappe(f)?;
    let periode = vaelg_periode(&rod, f.periode.as_deref())?;
    Ok(Kontekst { rod, periode })
}

/// The canonical project folder; fails in Danish when it is missing or not a project.
pub fn projektmappe(f: &FaellesValg) -> anyhow::Result<PathBuf> {
    let sti = f.projekt.clone().unwrap_or_else(|| PathBuf::from("."));
    let Ok(rod) = sti.canonicalize() else {
        return Err(fejl(
            format!("projektmappen «{}» findes ikke", sti.display()),
            "angiv projektmappen med -C MAPPE",
        ));
    };
    if !rod.join("content").is_dir() {
        return Err(fejl(
            format!(
                "«{}» er ikke et fremdrift-projekt: mappen «content» mangler",
                rod.display()
            ),
            "opret et projekt med «fremdrift init --kkr hovedstaden MAPPE», eller angiv projektet med -C",
        ));
    }
    Ok(rod)
}

/// The requested period, or the newest.
fn vaelg_periode(rod: &Path, periode: Option<&str>) -> anyhow::Result<String> {
    let alle = perioder(rod);
    match periode {
        Some(p) if alle.iter().any(|a| a == p) => Ok(p.to_string()),
        Some(p) => Err(fejl(
            format!("perioden «{p}» findes ikke"),
            format!(
                "der er anbefalinger for: {}",
                if alle.is_empty() {
                    "ingen perioder".into()
                } else {
                    alle.join(", ")
                }
            ),
        )),
        None => alle.last().cloned().ok_or_else(|| {
            fejl(
                "der er ingen perioder i content/",
                "opret content/<periode>/anbefalinger.yaml, fx content/2015/anbefalinger.yaml",
            )
        }),
    }
}
