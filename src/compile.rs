//! The one compile path: Typst markup → PDF bytes (PDF/A-2a + PDF/UA-1), shared by
//! every command and by the preview.

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::dato::Dato;
use crate::diag::{Diagnose, Diagnoser, Pos};
use crate::world::{Faelles, Verden};

/// A document ready to compile.
#[derive(Clone, Debug)]
pub struct Kilde {
    /// A stable name, e.g. `2015/bilag/165-albertslund`: names the in-memory file and
    /// seeds the PDF document id.
    pub navn: String,
    pub markup: String,
    /// The document date: `today()` in Typst and the PDF timestamp.
    pub dato: Dato,
}

/// Compiles markup to a laid-out document.
pub fn layout(
    faelles: &Arc<Faelles>,
    rod: &Path,
    kilde: &Kilde,
) -> Result<PagedDocument, Diagnoser> {
    let verden = Verden::ny(
        faelles.clone(),
        rod,
        &kilde.navn,
        kilde.markup.clone(),
        kilde.dato,
    );
    let resultat = typst::compile::<PagedDocument>(&verden);
    resultat
        .output
        .map_err(|fejl| diagnoser(&verden, kilde, &fejl[..]))
}

/// Compiles markup all the way to PDF bytes, within the time limit.
pub fn pdf(faelles: &Arc<Faelles>, rod: &Path, kilde: &Kilde) -> Result<Vec<u8>, Diagnoser> {
    let (f, r, k) = (faelles.clone(), rod.to_path_buf(), kilde.clone());
    med_tidsgraense(kilde, move || {
        let dokument = layout(&f, &r, &k)?;
        eksporter(&dokument, &k)
    })
}

/// The longest one compilation may take: `FREMDRIFT_TIDSGRAENSE` seconds, default 120.
pub fn tidsgraense() -> Duration {
    let sek = std::env::var("FREMDRIFT_TIDSGRAENSE")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(120);
    Duration::from_secs(sek.max(1))
}

/// Runs a compilation on its own thread and gives up when it runs past the time limit.
/// (A runaway template loop cannot be stopped from outside; the CLI exits right after.)
pub fn med_tidsgraense<T: Send + 'static>(
    kilde: &Kilde,
    arbejde: impl FnOnce() -> Result<T, Diagnoser> + Send + 'static,
) -> Result<T, Diagnoser> {
    let (tx, rx) = mpsc::channel();
    let traad = std::thread::Builder::new()
        .name(format!("typst {}", kilde.navn))
        .spawn(move || {
            let _ = tx.send(arbejde());
        });
    if traad.is_err() {
        return Err(en_fejl(
            kilde,
            "kunne ikke starte oversættelsen (for mange tråde)",
            "prøv igen",
        ));
    }
    let graense = tidsgraense();
    match rx.recv_timeout(graense) {
        Ok(resultat) => resultat,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(en_fejl(
            kilde,
            &format!(
                "oversættelsen tog mere end {} s og blev afbrudt",
                graense.as_secs()
            ),
            "tjek skabelonerne for løkker, der aldrig slutter; grænsen sættes med FREMDRIFT_TIDSGRAENSE",
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(en_fejl(
            kilde,
            "oversættelsen stoppede uventet",
            "kør igen med --typ og se den genererede Typst-kode",
        )),
    }
}

fn en_fejl(kilde: &Kilde, besked: &str, hint: &str) -> Diagnoser {
    let mut d = Diagnoser::default();
    d.push(Diagnose::fejl(genereret_sti(kilde), None, besked).med_hint(hint));
    d
}

/// Exports a laid-out document as a tagged PDF/A-2a + PDF/UA-1 file.
pub fn eksporter(dokument: &PagedDocument, kilde: &Kilde) -> Result<Vec<u8>, Diagnoser> {
    let standarder = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .expect("PDF/A-2a and PDF/UA-1 are compatible");
    let tid = Datetime::from_ymd_hms(kilde.dato.aar, kilde.dato.maaned, kilde.dato.dag, 12, 0, 0)
        .map(Timestamp::new_utc);
    let valg = PdfOptions {
        ident: Smart::Custom(format!("fremdrift/{}", kilde.navn)),
        creator: Smart::Custom(Some(format!("fremdrift {}", env!("CARGO_PKG_VERSION")))),
        timestamp: tid,
        standards: standarder,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(dokument, &valg).map_err(|fejl| {
        let mut d = Diagnoser::default();
        for f in fejl.iter() {
            d.push(
                Diagnose::fejl(
                    genereret_sti(kilde),
                    None,
                    format!("PDF-eksport: {}", f.message),
                )
                .med_hint(
                    hints(f).unwrap_or_else(|| {
                        "dokumentet overholder ikke PDF/A-2a eller PDF/UA-1".into()
                    }),
                ),
            );
        }
        d
    })
}

/// Where the generated markup is shown as coming from.
pub fn genereret_sti(kilde: &Kilde) -> PathBuf {
    PathBuf::from(format!("<genereret>/{}.typ", kilde.navn))
}

fn diagnoser(verden: &Verden, kilde: &Kilde, fejl: &[SourceDiagnostic]) -> Diagnoser {
    let mut d = Diagnoser::default();
    for f in fejl.iter().filter(|f| f.severity == Severity::Error) {
        let pos = verden.range(f.span).and_then(|r| {
            let (l, k) = verden.kilde().lines().byte_to_line_column(r.start)?;
            Some(Pos::new(l as u64 + 1, k as u64 + 1))
        });
        let hint = hints(f).unwrap_or_default();
        let hint = format!(
            "{hint}{}skriv den genererede Typst-kode ud med --typ for at se linjen",
            if hint.is_empty() { "" } else { "; " }
        );
        d.push(
            Diagnose::fejl(genereret_sti(kilde), pos, format!("Typst: {}", f.message))
                .med_hint(hint),
        );
    }
    d
}

fn hints(f: &SourceDiagnostic) -> Option<String> {
    let h: Vec<String> = f.hints.iter().map(|h| h.v.to_string()).collect();
    (!h.is_empty()).then(|| h.join("; "))
}
