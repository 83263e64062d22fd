//! `fremdrift skabelon`: a kommune's status file, ready to fill in, with its answers of
//! the previous period as comments to update; its first line names the period's JSON
//! Schema, which is written (again) to `skema/`. With `--xlsx` (or `--docx`): a
//! workbook (or Word document) per kommune, pre-filled with its answers when it has a
//! status file.

use std::path::PathBuf;

use crate::argumenter::{Kontekst, SkabelonArgs};
use crate::diagnose::mente_du;
use crate::fejl::{Fejl, fejl};
use crate::indhold::model::{Kkr, Kommune, KommuneStatus};
use crate::indhold::projekt::Projekt;
use crate::regneark::Skabelon;
use crate::sidste_aar::sidste_aar;
use crate::skriv;
use crate::statusfil::Statusfil;

pub fn koer(ctx: &Kontekst, a: &SkabelonArgs) -> anyhow::Result<()> {
    if !a.xlsx && !a.docx && (a.alle || a.output.is_some()) {
        let valg = if a.alle { "--alle" } else { "-o/--output" };
        return Err(fejl(
            format!("{valg} virker kun sammen med --xlsx eller --docx"),
            "skriv fx «fremdrift skabelon --alle --xlsx» for et regneark til hver kommune (eller --docx for et Word-dokument)",
        ));
    }
    let k = super::indlaes_gyldigt(ctx)?;
    let p = k.gyldigt()?;
    let mut kommuner: Vec<&Kommune> = if a.alle {
        p.kkr.kommuner.iter().collect()
    } else {
        a.kommuner
            .iter()
            .map(|hvem| find_kommune(&p.kkr, hvem))
            .collect::<anyhow::Result<_>>()?
    };
    kommuner.sort_by_key(|k| k.kode);
    kommuner.dedup_by_key(|k| k.kode);
    if a.xlsx || a.docx {
        let art = if a.docx { Art::Docx } else { Art::Xlsx };
        regneark(ctx, p, &kommuner, a.output.as_ref(), art)
    } else {
        kommuner.iter().try_for_each(|k| statusfil(ctx, p, k))
    }
}

/// An empty status file; never replaces one.
fn statusfil(ctx: &Kontekst, p: &Projekt, kommune: &Kommune) -> anyhow::Result<()> {
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
    crate::jsonskema::skriv::opdater_efter(&ctx.rod);
    Ok(())
}

/// A workbook or a Word document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Art {
    Xlsx,
    Docx,
}

/// One workbook (or Word document) per kommune in
/// `out/<periode>/skabeloner/<kode>-<id>.xlsx` (or `.docx`, or in `-o`), all written or
/// none.
fn regneark(
    ctx: &Kontekst,
    p: &Projekt,
    kommuner: &[&Kommune],
    mappe: Option<&PathBuf>,
    art: Art,
) -> anyhow::Result<()> {
    let mappe = mappe.cloned().unwrap_or_else(|| {
        ctx.rod
            .join("out")
            .join(&p.runde.periode)
            .join("skabeloner")
    });
    let mut filer = Vec::new();
    for kommune in kommuner {
        let start = startsvar(p, kommune);
        let sidste = sidste_aar(p, &kommune.id);
        let s = Skabelon {
            kkr: &p.kkr,
            runde: &p.runde,
            kommune,
            status: (p.status.iter())
                .find(|s| s.kommune.id == kommune.id)
                .or(start.as_ref()),
            sidste: sidste.as_ref(),
        };
        let (bytes, endelse) = match art {
            Art::Xlsx => (s.xlsx()?, "xlsx"),
            Art::Docx => (crate::word::docx(&s)?, "docx"),
        };
        filer.push((
            mappe.join(format!("{}-{}.{endelse}", kommune.kode, kommune.id)),
            bytes,
        ));
    }
    skriv::laeg_paa_plads(filer.iter().map(|(sti, b)| skriv::forbered(sti, b))).map_err(|e| {
        let (hvad, program) = match art {
            Art::Xlsx => ("regnearkene", "Excel"),
            Art::Docx => ("dokumenterne", "Word"),
        };
        Fejl::ny(format!("kunne ikke skrive {hvad} i {}", mappe.display()))
            .hint(format!("tjek at mappen findes og ikke er skrivebeskyttet, og at ingen af filerne er åbne i {program}"))
            .aarsag(e)
    })?;
    for (sti, _) in &filer {
        crate::resultat!("{}", super::vis_sti(sti).display());
    }
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
