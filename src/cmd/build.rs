//! `fremdrift build`: every document of the period into `out/`.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::BuildArgs;
use crate::dokumenter;
use crate::render::Motor;

use super::{Opgave, generer, indlaes_gyldigt, kilder, vis_skrevne};

pub fn koer(sti: &Path, periode: Option<&str>, a: &BuildArgs) -> anyhow::Result<ExitCode> {
    let p = indlaes_gyldigt(sti, periode)?;
    let motor = Motor::ny(&p.rod);
    let ud_rod = a.output.clone().unwrap_or_else(|| p.rod.join("out"));
    let opgaver = kilder(dokumenter::alle(&p), |d| {
        Ok(Opgave {
            kilde: dokumenter::kilde(&motor, &p, &d)?,
            ud: ud_rod.join(&d.ud),
        })
    })?;
    vis_skrevne(&generer(&motor, opgaver, a.typ.typ)?);
    Ok(ExitCode::SUCCESS)
}
