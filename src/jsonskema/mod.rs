//! JSON Schemas (draft 2020-12) for every kind of content file, so that an editor
//! completes keys, ids and status words, shows each anbefaling's text on hover and
//! flags mistakes while typing. They are built from the validated KKR and rounds;
//! `tests/skema.rs` keeps them in agreement with the validators.

mod byggesten;
mod filer;
pub mod skriv;
mod status;

use std::path::Path;

use serde_json::Value;

use crate::indhold::model::{Kkr, Runde};

/// The schema folder in a project, as `fremdrift skema` writes it by default.
pub const MAPPE: &str = "skema";

/// Every schema of a project: file name and content, in a fixed order.
pub fn alle(kkr: &Kkr, runder: &[Runde]) -> Vec<(String, Value)> {
    let mut ud = vec![
        ("kkr.schema.json".to_string(), filer::kkr()),
        (
            "anbefalinger.schema.json".to_string(),
            filer::anbefalinger(),
        ),
        (
            "tilbagemelding.schema.json".to_string(),
            filer::tilbagemelding(),
        ),
    ];
    for r in runder {
        ud.push((statusskema(&r.periode), status::status(kkr, r)));
    }
    ud
}

/// The file name of a period's status schema.
pub fn statusskema(periode: &str) -> String {
    format!("status-{periode}.schema.json")
}

/// The schema file for a content file (relative to the project), if it has one.
pub fn skema_for(fil: &Path) -> Option<String> {
    let dele: Vec<&str> = fil.iter().filter_map(|d| d.to_str()).collect();
    match dele.as_slice() {
        ["content", "kkr.yaml"] => Some("kkr.schema.json".into()),
        ["content", _, "anbefalinger.yaml"] => Some("anbefalinger.schema.json".into()),
        ["content", _, "tilbagemelding.yaml"] => Some("tilbagemelding.schema.json".into()),
        ["content", p, "status", navn] if navn.ends_with(".yaml") || navn.ends_with(".yml") => {
            Some(statusskema(p))
        }
        _ => None,
    }
}

/// The first line of a content file at `fil` (relative to the project): it tells the
/// YAML extension of VS Code (and other editors using yaml-language-server) which
/// schema in `skema/` to use. `None` for files without a schema.
pub fn skemalinje(fil: &Path) -> Option<String> {
    let skema = skema_for(fil)?;
    let op = "../".repeat(fil.components().count().saturating_sub(1));
    Some(format!(
        "# yaml-language-server: $schema={op}{MAPPE}/{skema}\n"
    ))
}

/// The text with its schema line first (an existing schema line is replaced).
pub fn med_skemalinje(fil: &Path, tekst: &str) -> String {
    let Some(linje) = skemalinje(fil) else {
        return tekst.to_string();
    };
    let resten = match tekst.strip_prefix("# yaml-language-server:") {
        Some(r) => r.split_once('\n').map_or("", |(_, efter)| efter),
        None => tekst,
    };
    format!("{linje}{resten}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_line_points_up_to_the_schema_folder() {
        let linje = |f: &str| skemalinje(Path::new(f));
        assert_eq!(
            linje("content/2015/status/albertslund.yaml").as_deref(),
            Some("# yaml-language-server: $schema=../../../skema/status-2015.schema.json\n")
        );
        assert_eq!(
            linje("content/kkr.yaml").as_deref(),
            Some("# yaml-language-server: $schema=../skema/kkr.schema.json\n")
        );
        assert_eq!(
            linje("content/2016/anbefalinger.yaml").as_deref(),
            Some("# yaml-language-server: $schema=../../skema/anbefalinger.schema.json\n")
        );
        assert_eq!(linje("templates/bilag.typ.j2"), None);
    }

    #[test]
    fn an_old_schema_line_is_replaced_not_repeated() {
        let fil = Path::new("content/kkr.yaml");
        let en_gang = med_skemalinje(fil, "navn: KKR\n");
        assert_eq!(med_skemalinje(fil, &en_gang), en_gang);
        assert!(en_gang.ends_with("\nnavn: KKR\n"));
    }
}
