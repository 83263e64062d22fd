//! `fremdrift preview`: the live preview in the browser (see [`crate::preview`]).

use crate::argumenter::{Kontekst, PreviewArgs};
use crate::preview::PreviewValg;

pub fn koer(ctx: &Kontekst, a: &PreviewArgs) -> anyhow::Result<()> {
    let valg = PreviewValg {
        port: a.port,
        aabn: a.open,
    };
    crate::preview::koer(&ctx.rod, &ctx.periode, &valg)
}
