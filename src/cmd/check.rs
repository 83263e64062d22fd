//! `fremdrift check`: validate everything and print every problem at once.

use std::path::Path;
use std::process::ExitCode;

use crate::project;

pub fn koer(sti: &Path, periode: Option<&str>) -> anyhow::Result<ExitCode> {
    let rod = project::projektmappe(sti)?;
    let periode = project::vaelg_periode(&rod, periode)?;
    let indl = crate::kontrol::kontroller(&rod, &periode);
    let d = &indl.diagnoser;
    eprint!("{d}");
    if d.har_fejl() {
        eprintln!("{periode}: {}", d.opsummering());
        return Ok(ExitCode::from(1));
    }
    let antal = indl.projekt.as_ref().map_or(0, |p| p.status.len());
    let kommuner = indl.projekt.as_ref().map_or(0, |p| p.kkr.kommuner.len());
    println!(
        "{periode}: indholdet er i orden ({antal} af {kommuner} kommuner har en statusfil; {}).",
        d.opsummering()
    );
    Ok(ExitCode::SUCCESS)
}
