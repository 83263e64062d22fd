//! `fremdrift build`: every document of the period into `out/`.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::BuildArgs;
use crate::render::{self, Motor};

use super::{Opgave, generer, indlaes_gyldigt, kilder, vis_skrevne};

pub fn koer(sti: &Path, periode: Option<&str>, a: &BuildArgs) -> anyhow::Result<ExitCode> {
    let p = indlaes_gyldigt(sti, periode)?;
    let motor = Motor::ny(&p.rod);
    let ud_rod = a.output.clone().unwrap_or_else(|| p.rod.join("out"));
    let opgaver = kilder(&p.status, |s| {
        let standard = render::bilag_sti(&p, s);
        let rel = standard
            .strip_prefix(p.rod.join("out"))
            .expect("under out/");
        Ok(Opgave {
            kilde: render::bilag(&motor, &p, s)?,
            ud: ud_rod.join(rel),
        })
    })?;
    vis_skrevne(&generer(&motor, opgaver, a.typ.typ)?);
    Ok(ExitCode::SUCCESS)
}
