//! What a batch of changed files means for the preview: nothing, new sources, or a
//! full recompile (assets Typst may read) or new fonts.

use std::path::{Component, Path};

/// How much a change can affect, from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Omfang {
    /// YAML or templates: reload the project, re-render every source and recompile
    /// only the documents whose markup changed.
    Kilder,
    /// A file Typst may read (an image, say): recompile every document.
    Alt,
    /// Fonts: load them again and recompile every document.
    Skrifter,
}

/// The scope of a batch of changed paths, or `None` when none of them matters.
pub fn omfang<'a>(rod: &Path, stier: impl IntoIterator<Item = &'a Path>) -> Option<Omfang> {
    stier.into_iter().filter_map(|s| en(rod, s)).max()
}

/// The scope of one changed path.
fn en(rod: &Path, sti: &Path) -> Option<Omfang> {
    let rel = sti.strip_prefix(rod).ok()?;
    let mappe = match rel.components().next()? {
        Component::Normal(m) => m.to_str()?,
        _ => return None,
    };
    if rel.components().count() == 1 {
        // The folder itself was created, removed or renamed.
        return match mappe {
            "fonts" => Some(Omfang::Skrifter),
            "content" | "templates" => Some(Omfang::Alt),
            _ => None,
        };
    }
    if er_stoej(rel) {
        return None;
    }
    match mappe {
        "fonts" => Some(Omfang::Skrifter),
        "content" | "templates" => Some(kildeomfang(rel)),
        _ => None,
    }
}

/// YAML, templates and folders (no extension) change sources; anything else is an asset.
fn kildeomfang(rel: &Path) -> Omfang {
    match rel.extension().and_then(|e| e.to_str()) {
        None | Some("yaml" | "yml" | "j2") => Omfang::Kilder,
        Some(_) => Omfang::Alt,
    }
}

/// Editors' temporary and backup files: hidden files, `~` backups, swap files and vim's
/// `4913` write test (all digits, but not a period folder such as `content/2016`).
/// `sti` is relative to the project.
fn er_stoej(sti: &Path) -> bool {
    let periodemappe = sti.components().count() == 2;
    let Some(navn) = sti.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    navn.starts_with('.')
        || navn.starts_with('#')
        || navn.ends_with('~')
        || navn.ends_with("___jb_tmp___")
        || navn.ends_with("___jb_old___")
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".kate-swp"]
            .iter()
            .any(|e| navn.ends_with(e))
        || (!periodemappe && navn.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn omfang_af(stier: &[&str]) -> Option<Omfang> {
        let rod = PathBuf::from("/p");
        let stier: Vec<PathBuf> = stier.iter().map(|s| rod.join(s)).collect();
        omfang(&rod, stier.iter().map(PathBuf::as_path))
    }

    #[test]
    fn status_file_changes_only_sources() {
        assert_eq!(
            omfang_af(&["content/2015/status/beta.yaml"]),
            Some(Omfang::Kilder)
        );
        assert_eq!(omfang_af(&["templates/bilag.typ.j2"]), Some(Omfang::Kilder));
    }

    #[test]
    fn new_status_folder_counts_as_a_source_change() {
        assert_eq!(omfang_af(&["content/2016"]), Some(Omfang::Kilder));
    }

    #[test]
    fn image_next_to_content_recompiles_everything() {
        assert_eq!(omfang_af(&["templates/logo.png"]), Some(Omfang::Alt));
    }

    #[test]
    fn fonts_win_over_everything_else() {
        assert_eq!(
            omfang_af(&["content/kkr.yaml", "fonts/Ny.ttf", "templates/logo.svg"]),
            Some(Omfang::Skrifter)
        );
    }

    #[test]
    fn editor_temporary_files_are_ignored() {
        for s in [
            "content/2015/status/.beta.yaml.swp",
            "content/2015/status/beta.yaml~",
            "content/2015/status/4913",
            "content/2015/status/#beta.yaml#",
            "templates/bilag.typ.j2___jb_tmp___",
        ] {
            assert_eq!(omfang_af(&[s]), None, "{s}");
        }
    }

    #[test]
    fn files_outside_watched_folders_are_ignored() {
        assert_eq!(omfang_af(&["out/2015/bilag/101-alfa.pdf"]), None);
        assert_eq!(omfang_af(&["README.md"]), None);
    }

    #[test]
    fn watched_folder_itself_appearing_recompiles_everything() {
        assert_eq!(omfang_af(&["templates"]), Some(Omfang::Alt));
        assert_eq!(omfang_af(&["out"]), None);
    }
}
