//! `fremdrift check`: validate the content, render every template and compile every
//! document, writing nothing; print every problem at once — as text, or with
//! `--format json` as one JSON object (same exit codes).

use super::check_json;
use crate::argumenter::{CheckArgs, Format, Kontekst};
use crate::diagnose::Diagnoser;
use crate::fejl::Indholdsfejl;
use crate::koersel::{Koersel, Udvalg};

pub fn koer(ctx: anyhow::Result<Kontekst>, a: &CheckArgs) -> anyhow::Result<()> {
    let (ctx, k, d) = match ctx.and_then(|ctx| Ok((kontroller(&ctx)?, ctx))) {
        Ok(((k, d), ctx)) => (ctx, k, d),
        Err(e) => {
            if a.format == Format::Json {
                println!("{}", check_json::fejlrapport(&e));
            }
            return Err(e);
        }
    };
    super::vis_tider(&k);
    let periode = &ctx.periode;
    if a.format == Format::Json {
        println!("{}", check_json::rapport(&ctx.rod, periode, &d));
    }
    if d.har_fejl() {
        let opsummering = format!("{periode}: {}", d.opsummering());
        // As JSON the diagnostics are on standard output; standard error sums up.
        let diagnoser = match a.format {
            Format::Tekst => d,
            Format::Json => Diagnoser::default(),
        };
        return Err(Indholdsfejl {
            diagnoser,
            opsummering,
        }
        .into());
    }
    if a.format == Format::Json {
        return Ok(());
    }
    if crate::udskrift::vis_beskeder() {
        eprint!("{d}");
    }
    let (antal, kommuner) = k
        .projekt
        .as_ref()
        .map_or((0, 0), |p| (p.status.len(), p.kkr.kommuner.len()));
    crate::resultat!(
        "{periode}: indholdet er i orden ({antal} af {kommuner} kommuner har en statusfil; {}).",
        d.opsummering()
    );
    Ok(())
}

/// Loads, renders and compiles everything: the run and every diagnostic.
fn kontroller(ctx: &Kontekst) -> anyhow::Result<(Koersel, Diagnoser)> {
    let mut k = Koersel::start(&ctx.rod, &ctx.periode);
    let plan = k.planlaeg(&Udvalg::Alle);
    let mut d = plan.diagnoser.clone();
    if !d.har_fejl() {
        let opgaver = plan.opgaver(|d| d.ud.clone())?;
        for f in k.kontroller(opgaver).0 {
            d.tilfoej_ny(f);
        }
    }
    Ok((k, d))
}
