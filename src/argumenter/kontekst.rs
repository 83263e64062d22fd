//! The checked values behind every command: the project folder and the period,
//! resolved once from the raw arguments. Without `-C` the project is the nearest
//! folder, from the current one upwards, that holds `content/kkr.yaml` (as cargo and
//! zola find theirs), so every command works from any subfolder.

use std::path::{Path, PathBuf};

use super::FaellesValg;
use crate::fejl::{Fejl, fejl};
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

/// The canonical project folder: `-C`, or the nearest project from the current folder
/// upwards; fails in Danish when it is missing or not a project.
pub fn projektmappe(f: &FaellesValg) -> anyhow::Result<PathBuf> {
    let sti = match &f.projekt {
        Some(sti) => sti.clone(),
        None => return find_fra_her(),
    };
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

/// The nearest project from the current folder upwards.
fn find_fra_her() -> anyhow::Result<PathBuf> {
    let her = std::env::current_dir().and_then(|d| d.canonicalize());
    let her = her.map_err(|e| {
        Fejl::ny("den aktuelle mappe kan ikke læses")
            .hint("angiv projektmappen med -C MAPPE")
            .aarsag(e)
    })?;
    find_projekt(&her).ok_or_else(|| {
        fejl(
            format!(
                "fandt intet fremdrift-projekt i «{}» eller mapperne over den",
                her.display()
            ),
            "et projekt er en mappe med content/kkr.yaml: gå til den (eller en mappe under den), angiv den med -C MAPPE, eller opret et med «fremdrift init --kkr hovedstaden MAPPE»",
        )
    })
}

/// The nearest folder from `start` upwards with `content/kkr.yaml`.
pub fn find_projekt(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|m| m.join("content").join("kkr.yaml").is_file())
        .map(Path::to_path_buf)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_project_above_a_subfolder_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let yderst = dir.path().join("yderst");
        let inderst = yderst.join("content/2015/status");
        std::fs::create_dir_all(&inderst).unwrap();
        assert_eq!(find_projekt(&inderst), None);
        std::fs::write(yderst.join("content/kkr.yaml"), "navn: x\n").unwrap();
        assert_eq!(find_projekt(&inderst), Some(yderst.clone()));
        assert_eq!(find_projekt(&yderst), Some(yderst.clone()));
        let indre = inderst.join("indre");
        std::fs::create_dir_all(indre.join("content")).unwrap();
        std::fs::write(indre.join("content/kkr.yaml"), "navn: y\n").unwrap();
        assert_eq!(find_projekt(&indre.join("content")), Some(indre));
    }
}
