//! `fremdrift tilbagemelding`: the coordination group's combined report to the KKR.

use std::time::Instant;

use crate::argumenter::{Kontekst, TilbagemeldingArgs};
use crate::koersel::Udvalg;

pub fn koer(ctx: &Kontekst, a: &TilbagemeldingArgs) -> anyhow::Result<()> {
    let start = Instant::now();
    let mut k = super::indlaes_gyldigt(ctx)?;
    let ud = |d: &crate::dokument::Dokument| {
        a.output
            .clone()
            .unwrap_or_else(|| ctx.rod.join("out").join(&d.ud))
    };
    let opgaver = k.planlaeg(&Udvalg::Tilbagemelding).opgaver(ud)?;
    let skrevet = k.generer(opgaver, a.typ.typ)?;
    super::vis_skrevne(&k, &skrevet, start);
    Ok(())
}
