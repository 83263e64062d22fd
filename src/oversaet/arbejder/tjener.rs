//! The worker's side: compiles what the preview asks for, keeps each document for its
//! PDF (and its pages, to reuse the unchanged ones), and answers on stdout until stdin
//! closes.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;

use typst_layout::PagedDocument;

use super::protokol::{Bestilling, Hoved, SideHoved, laes_bytes, skriv};
use crate::diagnose::Diagnose;
use crate::markup::Kilde;
use crate::oversaet::{Grundlag, SideLager, layout, pdf_af};

/// What a worker keeps of the documents it compiled last.
#[derive(Default)]
struct Gemte {
    /// By name: what it exports on request.
    dokumenter: HashMap<String, (Kilde, PagedDocument)>,
    /// Their pages, reused where the layout did not change.
    sider: SideLager,
}

/// The worker's side: answers requests from stdin on stdout until stdin closes.
pub fn tjen(rod: &Path) -> anyhow::Result<()> {
    stop_med_foraelder();
    let grundlag = Grundlag::ny(rod);
    let mut gemte = Gemte::default();
    let mut ud = std::io::stdout().lock();
    let mut ind = std::io::stdin().lock();
    let mut linje = String::new();
    while ind.read_line(&mut linje)? > 0 {
        match serde_json::from_str(&linje)? {
            Bestilling::Oversaet {
                navn,
                dato,
                laengde,
            } => {
                let markup = String::from_utf8(laes_bytes(&mut ind, laengde)?)?;
                let kilde = Kilde { navn, markup, dato };
                oversaet(&grundlag, rod, kilde, &mut gemte, &mut ud)?;
                typst::comemo::evict(10);
            }
            Bestilling::Eksporter { navn } => match gemte.dokumenter.get(&navn) {
                Some((kilde, dok)) => match pdf_af(dok, kilde) {
                    Ok(pdf) => skriv(&mut ud, &Hoved::Pdf(pdf.len()), &pdf)?,
                    Err(d) => skriv(&mut ud, &Hoved::Fejl(d.0), &[])?,
                },
                None => skriv(&mut ud, &Hoved::Ukendt, &[])?,
            },
        }
        ud.flush()?;
        linje.clear();
    }
    Ok(())
}

/// Ends the worker when the preview that started it is gone — also when it was killed
/// in the middle of a runaway compilation, when the worker reads no more requests.
fn stop_med_foraelder() {
    #[cfg(unix)]
    {
        let foraelder = std::os::unix::process::parent_id();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(std::time::Duration::from_millis(250));
                if std::os::unix::process::parent_id() != foraelder {
                    std::process::exit(0);
                }
            }
        });
    }
}

/// Compiles one document, writes its pages (or the errors) and keeps it for export.
fn oversaet(
    grundlag: &Arc<Grundlag>,
    rod: &Path,
    kilde: Kilde,
    gemte: &mut Gemte,
    ud: &mut impl Write,
) -> std::io::Result<()> {
    gemte.dokumenter.remove(&kilde.navn);
    let dokument = catch_unwind(AssertUnwindSafe(|| layout(grundlag, rod, &kilde)));
    let dokument = match dokument {
        Ok(Ok(d)) => d,
        Ok(Err(d)) => return skriv(ud, &Hoved::Fejl(d.0), &[]),
        Err(panik) => return skriv(ud, &Hoved::Fejl(intern_fejl(&kilde, &panik)), &[]),
    };
    let sider = gemte.sider.sider(&kilde.navn, &dokument.resultat);
    let hoveder = sider
        .iter()
        .map(|s| SideHoved {
            noegle: s.noegle.clone(),
            bredde: s.bredde,
            hoejde: s.hoejde,
            laengde: s.png.len(),
        })
        .collect();
    skriv(ud, &Hoved::Sider(hoveder, dokument.advarsler), &[])?;
    for s in &sider {
        ud.write_all(&s.png)?;
    }
    gemte
        .dokumenter
        .insert(kilde.navn.clone(), (kilde, dokument.resultat));
    Ok(())
}

/// A panic in Typst turned into a diagnostic, so the worker keeps running.
fn intern_fejl(kilde: &Kilde, panik: &Box<dyn std::any::Any + Send>) -> Vec<Diagnose> {
    let besked = panik
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panik.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "ukendt årsag".into());
    crate::oversaet::en_fejl(
        kilde,
        &format!("intern fejl i Typst: {besked}"),
        "gem filen igen for at prøve igen; sker det igen, så meld fejlen til fremdrift",
    )
    .0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indhold::dato::Dato;
    use crate::oversaet::arbejder::Resultat;
    use crate::oversaet::arbejder::protokol::laes_svar;

    fn kilde(markup: &str) -> Kilde {
        Kilde {
            navn: "test/dok".into(),
            markup: markup.into(),
            dato: Dato::parse("2016-01-26").unwrap(),
        }
    }

    #[test]
    fn pages_travel_over_the_wire_intact_and_the_document_is_kept_for_export() {
        let dir = tempfile::tempdir().unwrap();
        let grundlag = Grundlag::ny(dir.path());
        let mut gemte = Gemte::default();
        let mut ud = Vec::new();
        let markup = "#set text(font: \"Carlito\", lang: \"da\")\n#set document(title: \"T\")\nHej";
        oversaet(&grundlag, dir.path(), kilde(markup), &mut gemte, &mut ud).unwrap();
        let mut r = std::io::Cursor::new(ud);
        let Some(Ok(Resultat::Sider(sider, advarsler))) = laes_svar(&mut r) else {
            panic!("the pages")
        };
        assert_eq!(sider.len(), 1);
        assert!(advarsler.is_empty(), "{advarsler:?}");
        assert!(sider[0].png.starts_with(b"\x89PNG"));
        assert!(laes_svar(&mut r).is_none(), "nothing more until asked");
        let (k, dok) = gemte.dokumenter.get("test/dok").expect("kept");
        assert!(pdf_af(dok, k).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn warnings_travel_with_the_pages() {
        let dir = tempfile::tempdir().unwrap();
        let grundlag = Grundlag::ny(dir.path());
        let mut ud = Vec::new();
        let k = kilde(
            "#set text(font: \"Findes Ikke\", lang: \"da\")\n#set document(title: \"T\")\nHej",
        );
        oversaet(&grundlag, dir.path(), k, &mut Gemte::default(), &mut ud).unwrap();
        let Some(Ok(Resultat::Sider(_, advarsler))) = laes_svar(&mut std::io::Cursor::new(ud))
        else {
            panic!("pages first")
        };
        assert_eq!(advarsler.len(), 1, "{advarsler:?}");
        assert!(!advarsler[0].er_fejl());
        assert_eq!(
            advarsler[0].besked,
            "ukendt skrifttype «Findes Ikke»; teksten sættes med en anden"
        );
        assert_eq!(advarsler[0].pos(), Some(crate::diagnose::Pos::new(1, 17)));
    }

    #[test]
    fn a_typst_error_is_an_answer_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let grundlag = Grundlag::ny(dir.path());
        let mut ud = Vec::new();
        let k = kilde("#let x = (");
        oversaet(&grundlag, dir.path(), k, &mut Gemte::default(), &mut ud).unwrap();
        let mut r = std::io::Cursor::new(ud);
        let Some(Ok(Resultat::Fejl(d))) = laes_svar(&mut r) else {
            panic!("an error answer")
        };
        assert!(d.har_fejl());
        assert!(d.0[0].besked.starts_with("Typst:"), "{d}");
    }
}
