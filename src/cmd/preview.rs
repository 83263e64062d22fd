//! `fremdrift preview`: the live preview in the browser (see `crate::preview`).

use std::path::Path;
use std::process::ExitCode;

use crate::cli::PreviewArgs;
use crate::project;

pub fn koer(sti: &Path, periode: Option<&str>, a: &PreviewArgs) -> anyhow::Result<ExitCode> {
    let rod = project::projektmappe(sti)?;
    let periode = project::vaelg_periode(&rod, periode)?;
    let valg = crate::preview::Valg {
        port: a.port,
        aabn: a.open,
    };
    crate::preview::koer(&rod, &periode, &valg)?;
    Ok(ExitCode::SUCCESS)
}
