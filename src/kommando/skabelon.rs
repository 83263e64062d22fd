//! `fremdrift skabelon`: a kommune's status file, ready to fill in, with its answers of
//! the previous period as comments to update; its first line names the period's JSON
//! Schema, which is written (again) to `skema/`.

use crate::argumenter::{Kontekst, SkabelonArgs};
use crate::diagnose::mente_du;
use crate::fejl::{Fejl, fejl};
use crate::indhold::model::{Kkr, Kommune, KommuneStatus};
use crate::indhold::projekt::Projekt;
use crate::indhold::sidste_aar::sidste_aar;
use crate::indhold::statusfil::Statusfil;
use crate::skriv;

pub fn koer(ctx: &Kontekst, a: &SkabelonArgs) -> anyhow::Result<()> {
    let k = super::indlaes_gyldigt(ctx)?;
    let p = k.gyldigt()?;
    let kommune = find_kommune(&p.kkr, &a.kommune)?;
    let rel = format!("content/{}/status/{}.yaml", p.runde.periode, kommune.id);
    let sidste = sidste_aar(p, &kommune.id);
    let start = startsvar(p, kommune);
    let tekst = Statusfil {
        kommune,
        runde: &p.runde,
        status: start.as_ref(),
    }
    .tekst_med(sidste.as_ref());
    match skriv::skriv_ny_atomisk(&ctx.rod.join(&rel), tekst.as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(fejl(
                format!("{rel} findes allerede og bliver ikke overskrevet"),
                "ret i den eksisterende fil, eller slet den først",
            ));
        }
        Err(e) => {
            return Err(Fejl::ny(format!("kunne ikke oprette {rel}"))
                .aarsag(e)
                .into());
        }
    }
    crate::resultat!("{rel}");
    crate::skriv::skemaer::opdater_efter(&ctx.rod);
    Ok(())
}

/// A file to fill in starts empty but for the contact of the previous period, if any.
fn startsvar(p: &Projekt, kommune: &Kommune) -> Option<KommuneStatus> {
    let kontakt = p.forrige()?.status_for(&kommune.id)?.kontakt.clone()?;
    Some(KommuneStatus {
        kommune: kommune.clone(),
        behandlet: None,
        kontakt: Some(kontakt),
        udkast: true,
        svar: Default::default(),
        forslag: Vec::new(),
        fil: Default::default(),
    })
}

/// Finds a kommune by id, kode or name ("albertslund", "165", "Albertslund Kommune").
pub fn find_kommune<'a>(kkr: &'a Kkr, hvem: &str) -> anyhow::Result<&'a Kommune> {
    kkr.find(hvem).ok_or_else(|| {
        let h = hvem.trim().to_lowercase();
        let hint = mente_du(
            &h,
            kkr.kommuner.iter().map(|k| k.id.as_str()),
            "",
            "brug kommunens id, kode eller navn fra content/kkr.yaml",
        );
        fejl(
            format!("kommunen «{hvem}» findes ikke i {}", kkr.navn),
            hint,
        )
    })
}
