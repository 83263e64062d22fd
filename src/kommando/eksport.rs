//! `fremdrift eksport`: every answer of the period in one workbook (or CSV) for the
//! secretariat's own analysis.

use crate::argumenter::{EksportArgs, EksportFormat, Kontekst};
use crate::fejl::Fejl;
use crate::regneark::eksport;
use crate::skriv;

pub fn koer(ctx: &Kontekst, a: &EksportArgs) -> anyhow::Result<()> {
    let k = super::indlaes_gyldigt(ctx)?;
    let p = k.gyldigt()?;
    let (bytes, navn) = match a.format {
        EksportFormat::Xlsx => (eksport::xlsx(p)?, "svar.xlsx"),
        EksportFormat::Csv => (eksport::csv(p), "svar.csv"),
    };
    let sti = a
        .output
        .clone()
        .unwrap_or_else(|| ctx.rod.join("out").join(&ctx.periode).join(navn));
    skriv::skriv_atomisk(&sti, &bytes).map_err(|e| {
        Fejl::ny(format!("kunne ikke skrive {}", sti.display()))
            .hint("tjek at mappen ikke er skrivebeskyttet, og at filen ikke er åben i Excel")
            .aarsag(e)
    })?;
    crate::resultat!("{}", super::vis_sti(&sti).display());
    Ok(())
}
