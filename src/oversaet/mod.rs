//! Compilation: Typst markup → a laid-out document → a tagged PDF (PDF/A-2a and
//! PDF/UA-1) or PNG pages for the preview, in process with our own `World`, under a time limit. One
//! path for `build`, `check` and the preview (which runs it in a worker process, see
//! [`arbejder`]).

pub mod arbejder;
mod diagnoser;
mod pdf;
mod png;
mod verden;

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use typst::diag::SourceDiagnostic;
use typst_layout::PagedDocument;

use crate::diagnose::{Diagnose, Diagnoser};
use crate::markup::Kilde;

pub use pdf::pdf_af;
pub use png::{Side, SideLager};
pub use verden::{Grundlag, INDBYGGEDE_SKRIFTER};

/// A compiled result with the compiler's warnings (Danish, with their location).
#[derive(Debug)]
pub struct Oversat<T> {
    pub resultat: T,
    pub advarsler: Vec<Diagnose>,
}

impl<T> Oversat<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Oversat<U> {
        Oversat {
            resultat: f(self.resultat),
            advarsler: self.advarsler,
        }
    }
}

/// Compiles markup to a laid-out document.
pub fn layout(
    grundlag: &Arc<Grundlag>,
    rod: &Path,
    kilde: &Kilde,
) -> Result<Oversat<PagedDocument>, Diagnoser> {
    let verden = verden::Verden::ny(
        grundlag.clone(),
        rod,
        &kilde.navn,
        kilde.markup.clone(),
        kilde.dato,
    );
    let resultat = typst::compile::<PagedDocument>(&verden);
    let advarsler = diagnoser::oversaet(&verden, grundlag, kilde, &resultat.warnings).0;
    match resultat.output {
        Ok(dokument) => Ok(Oversat {
            resultat: dokument,
            advarsler,
        }),
        Err(fejl) => {
            let mut d = diagnoser::oversaet(&verden, grundlag, kilde, &fejl);
            d.0.extend(advarsler);
            Err(d)
        }
    }
}

/// Compiles markup all the way to PDF bytes, within the time limit.
pub fn pdf(
    grundlag: &Arc<Grundlag>,
    rod: &Path,
    kilde: &Kilde,
) -> Result<Oversat<Vec<u8>>, Diagnoser> {
    let (g, r, k) = (grundlag.clone(), rod.to_path_buf(), kilde.clone());
    med_tidsgraense(kilde, move || {
        let dokument = layout(&g, &r, &k)?;
        let pdf = pdf_af(&dokument.resultat, &k)?;
        Ok(dokument.map(|_| pdf))
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
/// Typst cannot be stopped from outside, so the thread is left behind: the command
/// line exits right after, and the preview compiles in a worker process it can kill.
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
        Err(mpsc::RecvTimeoutError::Timeout) => Err(tidsgraense_fejl(kilde, graense)),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(en_fejl(
            kilde,
            "oversættelsen stoppede uventet",
            "kør igen med --typ og se den genererede Typst-kode",
        )),
    }
}

/// The error of a compilation that ran past the time limit.
pub fn tidsgraense_fejl(kilde: &Kilde, graense: Duration) -> Diagnoser {
    en_fejl(
        kilde,
        &format!(
            "oversættelsen tog mere end {} s og blev afbrudt",
            graense.as_secs()
        ),
        "tjek skabelonerne for løkker, der aldrig slutter; grænsen sættes med FREMDRIFT_TIDSGRAENSE",
    )
}

/// One error about a generated document.
pub fn en_fejl(kilde: &Kilde, besked: &str, hint: &str) -> Diagnoser {
    let mut d = Diagnoser::default();
    d.push(Diagnose::fejl(genereret_sti(kilde), None, besked).med_hint(hint));
    d
}

/// Where the generated markup is shown as coming from.
pub fn genereret_sti(kilde: &Kilde) -> PathBuf {
    PathBuf::from(format!("<genereret>/{}.typ", kilde.navn))
}

fn hints(f: &SourceDiagnostic) -> Option<String> {
    let h: Vec<String> = f.hints.iter().map(|h| h.v.to_string()).collect();
    (!h.is_empty()).then(|| h.join("; "))
}
