//! `fremdrift skema`: the JSON Schemas of every content file into `skema/` (or `-o`),
//! built from the project's KKR and rounds (see [`crate::jsonskema::skriv`]).

use std::path::Path;

use crate::argumenter::SkemaArgs;
use crate::jsonskema;
use crate::jsonskema::skriv::skriv_skemaer;

pub fn koer(rod: &Path, a: &SkemaArgs) -> anyhow::Result<()> {
    let mappe = a
        .output
        .clone()
        .unwrap_or_else(|| rod.join(jsonskema::MAPPE));
    for f in skriv_skemaer(rod, &mappe)? {
        crate::resultat!("{}", super::vis_sti(&f).display());
    }
    Ok(())
}
