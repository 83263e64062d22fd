//! A compilation worker for the preview: a child `fremdrift` process that compiles
//! documents on request and answers with SVG pages and the PDF. Typst cannot stop a
//! compilation from outside, so a document that runs past the time limit (a runaway
//! loop in a template) would keep a core busy for as long as the preview runs; a worker
//! process can be killed instead, and a new one takes over.
//!
//! The protocol is a JSON line per message over the child's stdin and stdout; a PDF's
//! bytes follow its header line raw.

use std::io::{BufRead, BufReader, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{Grundlag, Side, layout, pdf_af, svg_sider};
use crate::diagnose::{Diagnose, Diagnoser};
use crate::markup::Kilde;

/// The hidden command that runs a worker: `fremdrift -C ROD oversaetter`.
pub const KOMMANDO: &str = "oversaetter";

/// A request to the worker.
#[derive(Serialize, Deserialize)]
enum Bestilling {
    Oversaet(Kilde),
}

/// A message from the worker: the header line of each answer.
#[derive(Serialize, Deserialize)]
enum Hoved {
    Sider(Vec<Side>),
    /// `n` bytes of PDF follow the line.
    Pdf(usize),
    Fejl(Vec<Diagnose>),
}

/// What the worker answered.
#[derive(Debug)]
pub enum Resultat {
    /// The document is laid out: its pages. The PDF (or its errors) follows.
    Sider(Vec<Side>),
    Pdf(Vec<u8>),
    Fejl(Diagnoser),
}

/// Why no answer came.
#[derive(Debug, PartialEq, Eq)]
pub enum Udeblevet {
    /// The time limit passed; the worker has been stopped.
    Tidsgraense,
    /// The caller asked to stop waiting; the worker has been stopped.
    Afbrudt,
    /// The worker died or could not be started.
    Doed(String),
}

/// The worker as the preview holds it; started when first needed.
pub struct Arbejder {
    rod: PathBuf,
    proces: Option<Proces>,
}

struct Proces {
    barn: Child,
    ind: ChildStdin,
    ud: Receiver<Result<Resultat, String>>,
}

impl Arbejder {
    pub fn ny(rod: &Path) -> Self {
        Self {
            rod: rod.to_path_buf(),
            proces: None,
        }
    }

    /// Asks the worker to compile `kilde`; answers come through [`Arbejder::modtag`].
    pub fn send(&mut self, kilde: &Kilde) -> Result<(), Udeblevet> {
        if self.proces.is_none() {
            let p = Proces::start(&self.rod).map_err(Udeblevet::Doed)?;
            eprintln!("Startede oversætteren (proces {})", p.barn.id());
            self.proces = Some(p);
        }
        let p = self.proces.as_mut().expect("started above");
        let mut linje = serde_json::to_string(&Bestilling::Oversaet(kilde.clone()))
            .map_err(|e| Udeblevet::Doed(e.to_string()))?;
        linje.push('\n');
        let skrevet = p
            .ind
            .write_all(linje.as_bytes())
            .and_then(|_| p.ind.flush());
        if let Err(e) = skrevet {
            self.stop();
            return Err(Udeblevet::Doed(format!("oversætteren svarer ikke: {e}")));
        }
        Ok(())
    }

    /// The next answer, waiting until `frist`; `afbryd` is asked every 50 ms whether to
    /// give up. When no answer comes, the worker is stopped.
    pub fn modtag(
        &mut self,
        frist: Instant,
        afbryd: &dyn Fn() -> bool,
    ) -> Result<Resultat, Udeblevet> {
        let Some(p) = &self.proces else {
            return Err(Udeblevet::Doed("oversætteren kører ikke".into()));
        };
        loop {
            let vent = frist
                .saturating_duration_since(Instant::now())
                .min(Duration::from_millis(50));
            match p.ud.recv_timeout(vent) {
                Ok(Ok(r)) => return Ok(r),
                Ok(Err(e)) => {
                    self.stop();
                    return Err(Udeblevet::Doed(e));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    self.stop();
                    return Err(Udeblevet::Doed("oversætteren stoppede".into()));
                }
                Err(RecvTimeoutError::Timeout) if Instant::now() >= frist => {
                    self.stop_fordi("tidsgrænsen blev nået");
                    return Err(Udeblevet::Tidsgraense);
                }
                Err(RecvTimeoutError::Timeout) if afbryd() => {
                    self.stop_fordi("filerne blev ændret igen");
                    return Err(Udeblevet::Afbrudt);
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }

    /// Kills the worker mid-compilation and says so.
    fn stop_fordi(&mut self, grund: &str) {
        if let Some(pid) = self.pid() {
            eprintln!("Stoppede oversætteren (proces {pid}), fordi {grund}");
        }
        self.stop();
    }

    /// Kills the worker (if any); the next request starts a new one.
    pub fn stop(&mut self) {
        if let Some(mut p) = self.proces.take() {
            let _ = p.barn.kill();
            let _ = p.barn.wait();
        }
    }

    /// The worker's process id, while one runs.
    pub fn pid(&self) -> Option<u32> {
        self.proces.as_ref().map(|p| p.barn.id())
    }
}

impl Drop for Arbejder {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Proces {
    fn start(rod: &Path) -> Result<Self, String> {
        let exe = std::env::current_exe()
            .map_err(|e| format!("kan ikke finde fremdrift-programmet: {e}"))?;
        let mut barn = Command::new(exe)
            .arg("-C")
            .arg(rod)
            .arg(KOMMANDO)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("kunne ikke starte oversætteren: {e}"))?;
        let ind = barn.stdin.take().expect("piped stdin");
        let ud = barn.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut laeser = BufReader::new(ud);
            while let Some(r) = laes_svar(&mut laeser) {
                let slut = r.is_err();
                if tx.send(r).is_err() || slut {
                    return;
                }
            }
        });
        Ok(Self { barn, ind, ud: rx })
    }
}

/// Reads one answer; `None` at a clean end of the stream.
fn laes_svar(r: &mut impl BufRead) -> Option<Result<Resultat, String>> {
    let mut linje = String::new();
    match r.read_line(&mut linje) {
        Ok(0) => return None,
        Ok(_) => {}
        Err(e) => return Some(Err(e.to_string())),
    }
    let hoved: Hoved = match serde_json::from_str(&linje) {
        Ok(h) => h,
        Err(e) => return Some(Err(format!("uforståeligt svar fra oversætteren: {e}"))),
    };
    Some(Ok(match hoved {
        Hoved::Sider(s) => Resultat::Sider(s),
        Hoved::Fejl(d) => Resultat::Fejl(Diagnoser(d)),
        Hoved::Pdf(n) => {
            let mut pdf = vec![0; n];
            if let Err(e) = r.read_exact(&mut pdf) {
                return Some(Err(e.to_string()));
            }
            Resultat::Pdf(pdf)
        }
    }))
}

/// The worker's side: answers requests from stdin on stdout until stdin closes.
pub fn tjen(rod: &Path) -> anyhow::Result<()> {
    let grundlag = Grundlag::ny(rod);
    let mut ud = std::io::stdout().lock();
    for linje in std::io::stdin().lock().lines() {
        let Bestilling::Oversaet(kilde) = serde_json::from_str(&linje?)?;
        oversaet(&grundlag, rod, &kilde, &mut ud)?;
        ud.flush()?;
        typst::comemo::evict(10);
    }
    Ok(())
}

/// Compiles one document and writes its pages, then its PDF (or the errors).
fn oversaet(
    grundlag: &Arc<Grundlag>,
    rod: &Path,
    kilde: &Kilde,
    ud: &mut impl Write,
) -> std::io::Result<()> {
    let dokument = catch_unwind(AssertUnwindSafe(|| layout(grundlag, rod, kilde)));
    let dokument = match dokument {
        Ok(Ok(d)) => d,
        Ok(Err(d)) => return skriv(ud, &Hoved::Fejl(d.0), &[]),
        Err(panik) => return skriv(ud, &Hoved::Fejl(intern_fejl(kilde, &panik)), &[]),
    };
    skriv(ud, &Hoved::Sider(svg_sider(&dokument)), &[])?;
    ud.flush()?;
    match pdf_af(&dokument, kilde) {
        Ok(pdf) => skriv(ud, &Hoved::Pdf(pdf.len()), &pdf),
        Err(d) => skriv(ud, &Hoved::Fejl(d.0), &[]),
    }
}

fn skriv(ud: &mut impl Write, hoved: &Hoved, data: &[u8]) -> std::io::Result<()> {
    let linje = serde_json::to_string(hoved).map_err(std::io::Error::other)?;
    ud.write_all(linje.as_bytes())?;
    ud.write_all(b"\n")?;
    ud.write_all(data)
}

/// A panic in Typst turned into a diagnostic, so the worker keeps running.
fn intern_fejl(kilde: &Kilde, panik: &Box<dyn std::any::Any + Send>) -> Vec<Diagnose> {
    let besked = panik
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panik.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "ukendt årsag".into());
    super::en_fejl(
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

    fn kilde(markup: &str) -> Kilde {
        Kilde {
            navn: "test/dok".into(),
            markup: markup.into(),
            dato: Dato::parse("2016-01-26").unwrap(),
        }
    }

    #[test]
    fn answers_travel_over_the_wire_intact() {
        let dir = tempfile::tempdir().unwrap();
        let grundlag = Grundlag::ny(dir.path());
        let mut ud = Vec::new();
        let k =
            kilde("#set text(font: \"Carlito\", lang: \"da\")\n#set document(title: \"T\")\nHej");
        oversaet(&grundlag, dir.path(), &k, &mut ud).unwrap();
        let mut r = std::io::Cursor::new(ud);
        let Some(Ok(Resultat::Sider(sider))) = laes_svar(&mut r) else {
            panic!("pages first")
        };
        assert_eq!(sider.len(), 1);
        assert!(sider[0].svg.starts_with("<svg"));
        let Some(Ok(Resultat::Pdf(pdf))) = laes_svar(&mut r) else {
            panic!("then the PDF")
        };
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(laes_svar(&mut r).is_none());
    }

    #[test]
    fn a_typst_error_is_an_answer_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let grundlag = Grundlag::ny(dir.path());
        let mut ud = Vec::new();
        oversaet(&grundlag, dir.path(), &kilde("#let x = ("), &mut ud).unwrap();
        let mut r = std::io::Cursor::new(ud);
        let Some(Ok(Resultat::Fejl(d))) = laes_svar(&mut r) else {
            panic!("an error answer")
        };
        assert!(d.har_fejl());
        assert!(d.0[0].besked.starts_with("Typst:"), "{d}");
    }
}
