//! The full check behind `fremdrift check`: content validation plus rendering every
//! document's template, so template errors are found before anything is compiled.

use std::path::Path;

use crate::diag::Diagnoser;
use crate::dokumenter;
use crate::project::{self, Indlaesning};
use crate::render::Motor;

/// Loads, validates and renders every document of a period; returns all diagnostics.
pub fn kontroller(rod: &Path, periode: &str) -> Indlaesning {
    let mut indl = project::indlaes(rod, periode);
    if let Some(p) = indl.projekt.as_ref().filter(|_| !indl.diagnoser.har_fejl()) {
        let motor = Motor::ny(rod);
        let mut fejl = Diagnoser::default();
        for dok in dokumenter::alle(p) {
            if let Err(d) = dokumenter::kilde(&motor, p, &dok)
                && !fejl.0.contains(&d)
            {
                fejl.push(d);
            }
        }
        indl.diagnoser.0.extend(fejl.0);
    }
    indl
}
