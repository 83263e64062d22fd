//! What the fuzz targets share: the mini fixture as context, and the properties every
//! input must keep — no panic, and every diagnostic a Danish message at a place that
//! exists in the input.

pub mod escape;
pub mod formular;
pub mod regneark;
pub mod yaml;

use std::path::Path;
use std::sync::OnceLock;

use fremdrift::diagnostik::Diagnoser;
use fremdrift::indhold::model::{Kkr, Runde};
use fremdrift::indhold::projekt;

/// The KKR and the round of `tests/fixtures/mini`, loaded once.
pub fn mini() -> &'static (Kkr, Runde) {
    static MINI: OnceLock<(Kkr, Runde)> = OnceLock::new();
    MINI.get_or_init(|| {
        let rod = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini");
        let rod = rod.canonicalize().expect("the mini fixture exists");
        let (p, _) = projekt::indlaes(&rod, "2015")
            .uden_fejl()
            .expect("the mini fixture is valid");
        (p.kkr, p.runde)
    })
}

/// Panics (for the fuzzer to report) when a diagnostic has no message or points
/// outside `tekst`.
pub fn tjek_diagnoser(d: &Diagnoser, tekst: &str) {
    // YAML breaks lines at \r\n, \n and a lone \r (and so do editors).
    let linjer = tekst.replace("\r\n", "\n").split(['\n', '\r']).count() as u64;
    for x in &d.0 {
        assert!(
            !x.besked.trim().is_empty(),
            "a diagnostic without a message: {x:?}"
        );
        if let Some(p) = x.pos() {
            assert!(
                p.linje >= 1 && p.linje <= linjer && p.kolonne >= 1,
                "position {}:{} outside the input ({linjer} lines): {x}",
                p.linje,
                p.kolonne
            );
        }
    }
}
