//! The public list of all 98 kommuner by KKR: for `fremdrift init` and `start`, and for
//! the check that a kommune code is one of the 98 (`indhold/valider/kommunekoder.rs`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// The list as YAML (`data/kommuner.yaml`), embedded at build time.
pub const KOMMUNER_YAML: &str = include_str!("../../data/kommuner.yaml");

/// One KKR in the list.
#[derive(Clone, Debug, Deserialize)]
pub struct KkrData {
    pub navn: String,
    pub web: String,
    pub kommuner: Vec<KommuneData>,
}

/// One kommune in the list.
#[derive(Clone, Debug, Deserialize)]
pub struct KommuneData {
    pub id: String,
    pub kode: u32,
    pub navn: String,
}

/// The list read once per process (validation looks at it for every kommune, every
/// time the preview reloads the project).
pub fn kkr_listen() -> &'static BTreeMap<String, KkrData> {
    static LISTEN: std::sync::LazyLock<BTreeMap<String, KkrData>> =
        std::sync::LazyLock::new(alle_kkr);
    &LISTEN
}

/// All five KKR, keyed `hovedstaden`, `sjaelland`, `syddanmark`, `midtjylland`, `nordjylland`.
pub fn alle_kkr() -> BTreeMap<String, KkrData> {
    super::yaml::fortolk(KOMMUNER_YAML, Path::new("data/kommuner.yaml"))
        .expect("the embedded list of kommuner is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_98_kommuner_in_five_kkr() {
        let alle = alle_kkr();
        assert_eq!(alle.len(), 5);
        assert_eq!(alle.values().map(|k| k.kommuner.len()).sum::<usize>(), 98);
    }
}
