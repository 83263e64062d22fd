//! The one place the store may write: `content/<periode>/status/<id>.yaml` (or `.yml`),
//! with `id` a kommune id. Callers build the path from the project, never from what a
//! request sends; this check stands before every write all the same.

use std::path::{Component, Path};

use crate::indhold::valider::er_kommune_id;

/// Whether `fil` (relative to the project) is the status file of kommune `id` in
/// `periode`.
pub fn i_statusmappen(fil: &Path, periode: &str, id: &str) -> bool {
    let mappe = Path::new("content").join(periode).join("status");
    let navn = fil.file_name().and_then(|n| n.to_str());
    let kun_navne = mappe
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    er_kommune_id(id)
        && kun_navne
        && mappe.components().count() == 3
        && fil.parent() == Some(mappe.as_path())
        && [format!("{id}.yaml"), format!("{id}.yml")]
            .iter()
            .any(|n| navn == Some(n.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_kommunes_file_in_the_periods_status_folder_may_be_written() {
        let ja = |fil: &str, periode: &str, id: &str| i_statusmappen(Path::new(fil), periode, id);
        assert!(ja("content/2015/status/alfa.yaml", "2015", "alfa"));
        assert!(ja(
            "content/2015/status/hoeje-taastrup.yml",
            "2015",
            "hoeje-taastrup"
        ));
        for (fil, periode, id) in [
            ("content/2015/status/beta.yaml", "2015", "alfa"),
            ("content/2015/status/alfa.yaml", "2016", "alfa"),
            ("content/2015/status/alfa.json", "2015", "alfa"),
            ("content/2015/status/../../kkr.yaml", "2015", "../../kkr"),
            ("content/2015/status/../kkr.yaml", "2015", "../kkr"),
            ("content/../2015/status/alfa.yaml", "../2015", "alfa"),
            ("/etc/alfa.yaml", "2015", "alfa"),
            ("content/2015/status/sub/alfa.yaml", "2015", "sub/alfa"),
            ("content/2015/status/alfa\0.yaml", "2015", "alfa\0"),
            ("content/2015/status/ALFA.yaml", "2015", "ALFA"),
            ("content/2015/status/.yaml", "2015", ""),
            ("content//status/alfa.yaml", "", "alfa"),
            ("content/2015/x/status/alfa.yaml", "2015/x", "alfa"),
        ] {
            assert!(!ja(fil, periode, id), "{fil} {periode} {id}");
        }
    }
}
