//! `fremdrift tilbagemelding`: the coordination group's combined report to the KKR.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::TilbagemeldingArgs;
use crate::render::Motor;
use crate::tilbagemelding;

use super::{Opgave, generer, indlaes_gyldigt, kilder, vis_skrevne};

pub fn koer(sti: &Path, periode: Option<&str>, a: &TilbagemeldingArgs) -> anyhow::Result<ExitCode> {
    let p = indlaes_gyldigt(sti, periode)?;
    let motor = Motor::ny(&p.rod);
    let ud = a
        .output
        .clone()
        .unwrap_or_else(|| p.rod.join("out").join(tilbagemelding::sti(&p)));
    let opgaver = kilder([()], |_| {
        Ok(Opgave {
            kilde: tilbagemelding::kilde(&motor, &p)?,
            ud: ud.clone(),
        })
    })?;
    vis_skrevne(&generer(&motor, opgaver, a.typ.typ)?);
    Ok(ExitCode::SUCCESS)
}
