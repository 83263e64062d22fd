//! `fremdrift check`: validate the content, render every template and compile every
//! document, writing nothing; print every problem at once.

use crate::argumenter::Kontekst;
use crate::fejl::Indholdsfejl;
use crate::koersel::{Koersel, Udvalg};

pub fn koer(ctx: &Kontekst) -> anyhow::Result<()> {
    let mut k = Koersel::start(&ctx.rod, &ctx.periode);
    let plan = k.planlaeg(&Udvalg::Alle);
    let mut d = plan.diagnoser.clone();
    if !d.har_fejl() {
        let opgaver = plan.opgaver(|d| d.ud.clone())?;
        for f in k.kontroller(opgaver).0 {
            d.tilfoej_ny(f);
        }
    }
    super::vis_tider(&k);
    let periode = &ctx.periode;
    if d.har_fejl() {
        let opsummering = format!("{periode}: {}", d.opsummering());
        return Err(Indholdsfejl {
            diagnoser: d,
            opsummering,
        }
        .into());
    }
    eprint!("{d}");
    let (antal, kommuner) = k
        .projekt
        .as_ref()
        .map_or((0, 0), |p| (p.status.len(), p.kkr.kommuner.len()));
    println!(
        "{periode}: indholdet er i orden ({antal} af {kommuner} kommuner har en statusfil; {}).",
        d.opsummering()
    );
    Ok(())
}
