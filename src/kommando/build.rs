//! `fremdrift build`: every document of the period into `out/`.

use std::time::Instant;

use crate::argumenter::{BuildArgs, Kontekst};
use crate::koersel::Udvalg;

pub fn koer(ctx: &Kontekst, a: &BuildArgs) -> anyhow::Result<()> {
    let start = Instant::now();
    let mut k = super::indlaes_gyldigt(ctx)?;
    let ud_rod = a.output.clone().unwrap_or_else(|| ctx.rod.join("out"));
    let opgaver = k.planlaeg(&Udvalg::Alle).opgaver(|d| ud_rod.join(&d.ud))?;
    let skrevet = k.generer(opgaver, a.typ.typ)?;
    super::vis_skrevne(&k, &skrevet, start);
    Ok(())
}
