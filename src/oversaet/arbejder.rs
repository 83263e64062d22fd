//! A compilation worker for the preview: a child `fremdrift` process that compiles
//! documents on request and answers with SVG pages and the PDF. Typst cannot stop a
//! compilation from outside, so a document that runs past the time limit (a runaway
//! loop in a template) would keep a core busy for as long as the preview runs; a worker
//! process can be killed instead, and a new one takes over.
//!
//! The protocol is a small JSON header line per message over the child's stdin and
//! stdout; large payloads (the markup, the SVG pages, the PDF) follow their header raw,
//! so nothing big is escaped and unescaped on the way.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use typst_layout::PagedDocument;

use super::{Grundlag, Side, layout, pdf_af, svg_sider};
use crate::diagnose::{Diagnose, Diagnoser};
use crate::markup::Kilde;

/// The hidden command that runs a worker: `fremdrift -C ROD oversaetter`.
pub const KOMMANDO: &str = "oversaetter";

/// A request to the worker.
#[derive(Serialize, Deserialize)]
enum Bestilling {
    /// Compile the document named `navn`, dated `dato`, whose `laengde` bytes of markup
    /// follow the line; answer with its pages (or errors) and keep it.
    Oversaet {
        navn: String,
        dato: crate::indhold::dato::Dato,
        laengde: usize,
    },
    /// Export the kept document named `navn` as PDF.
    Eksporter { navn: String },
}

/// A message from the worker: the header line of each answer.
#[derive(Serialize, Deserialize)]
enum Hoved {
    /// The pages; their SVG follows the line, one after another.
    Sider(Vec<SideHoved>),
    /// `n` bytes of PDF follow the line.
    Pdf(usize),
    Fejl(Vec<Diagnose>),
    /// The worker has no document by that name (it was restarted since).
    Ukendt,
}

/// A page without its SVG: the SVG's length stands in for it.
#[derive(Serialize, Deserialize)]
struct SideHoved {
    noegle: String,
    bredde: f64,
    hoejde: f64,
    laengde: usize,
}

/// What the worker answered.
#[derive(Debug)]
pub enum Resultat {
    /// The document is laid out: its pages.
    Sider(Vec<Side>),
    Pdf(Vec<u8>),
    Fejl(Diagnoser),
    /// The worker does not have the document to export (compile it again first).
    Ukendt,
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

    /// Asks the worker to compile `kilde`; the answer comes through [`Arbejder::modtag`].
    pub fn send(&mut self, kilde: &Kilde) -> Result<(), Udeblevet> {
        let b = Bestilling::Oversaet {
            navn: kilde.navn.clone(),
            dato: kilde.dato,
            laengde: kilde.markup.len(),
        };
        self.bestil(&b, kilde.markup.as_bytes())
    }

    /// Asks the worker for the PDF of the document it compiled last under `navn`.
    pub fn bestil_pdf(&mut self, navn: &str) -> Result<(), Udeblevet> {
        let b = Bestilling::Eksporter {
            navn: navn.to_string(),
        };
        self.bestil(&b, &[])
    }

    fn bestil(&mut self, b: &Bestilling, data: &[u8]) -> Result<(), Udeblevet> {
        if self.proces.is_none() {
            let p = Proces::start(&self.rod).map_err(Udeblevet::Doed)?;
            eprintln!("Startede oversætteren (proces {})", p.barn.id());
            self.proces = Some(p);
        }
        let p = self.proces.as_mut().expect("started above");
        let skrevet = skriv(&mut p.ind, b, data).and_then(|_| p.ind.flush());
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
    let resultat = match hoved {
        Hoved::Sider(s) => laes_sider(r, s).map(Resultat::Sider),
        Hoved::Fejl(d) => Ok(Resultat::Fejl(Diagnoser(d))),
        Hoved::Pdf(n) => laes_bytes(r, n).map(Resultat::Pdf),
        Hoved::Ukendt => Ok(Resultat::Ukendt),
    };
    Some(resultat.map_err(|e| e.to_string()))
}

/// The pages' SVG, read after their header.
fn laes_sider(r: &mut impl BufRead, hoveder: Vec<SideHoved>) -> std::io::Result<Vec<Side>> {
    hoveder
        .into_iter()
        .map(|h| {
            let svg = String::from_utf8(laes_bytes(r, h.laengde)?)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
            Ok(Side {
                svg,
                noegle: h.noegle,
                bredde: h.bredde,
                hoejde: h.hoejde,
            })
        })
        .collect()
}

fn laes_bytes(r: &mut impl BufRead, n: usize) -> std::io::Result<Vec<u8>> {
    let mut data = vec![0; n];
    r.read_exact(&mut data)?;
    Ok(data)
}

/// The documents a worker compiled last, by name: what it exports on request.
type Gemte = HashMap<String, (Kilde, PagedDocument)>;

/// The worker's side: answers requests from stdin on stdout until stdin closes.
pub fn tjen(rod: &Path) -> anyhow::Result<()> {
    let grundlag = Grundlag::ny(rod);
    let mut gemte = Gemte::new();
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
            Bestilling::Eksporter { navn } => match gemte.get(&navn) {
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

/// Compiles one document, writes its pages (or the errors) and keeps it for export.
fn oversaet(
    grundlag: &Arc<Grundlag>,
    rod: &Path,
    kilde: Kilde,
    gemte: &mut Gemte,
    ud: &mut impl Write,
) -> std::io::Result<()> {
    gemte.remove(&kilde.navn);
    let dokument = catch_unwind(AssertUnwindSafe(|| layout(grundlag, rod, &kilde)));
    let dokument = match dokument {
        Ok(Ok(d)) => d,
        Ok(Err(d)) => return skriv(ud, &Hoved::Fejl(d.0), &[]),
        Err(panik) => return skriv(ud, &Hoved::Fejl(intern_fejl(&kilde, &panik)), &[]),
    };
    let sider = svg_sider(&dokument);
    let hoveder = sider
        .iter()
        .map(|s| SideHoved {
            noegle: s.noegle.clone(),
            bredde: s.bredde,
            hoejde: s.hoejde,
            laengde: s.svg.len(),
        })
        .collect();
    skriv(ud, &Hoved::Sider(hoveder), &[])?;
    for s in &sider {
        ud.write_all(s.svg.as_bytes())?;
    }
    gemte.insert(kilde.navn.clone(), (kilde, dokument));
    Ok(())
}

/// A header line, then `data` raw.
fn skriv(ud: &mut impl Write, hoved: &impl Serialize, data: &[u8]) -> std::io::Result<()> {
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
    fn pages_travel_over_the_wire_intact_and_the_document_is_kept_for_export() {
        let dir = tempfile::tempdir().unwrap();
        let grundlag = Grundlag::ny(dir.path());
        let mut gemte = Gemte::new();
        let mut ud = Vec::new();
        let markup = "#set text(font: \"Carlito\", lang: \"da\")\n#set document(title: \"T\")\nHej";
        oversaet(&grundlag, dir.path(), kilde(markup), &mut gemte, &mut ud).unwrap();
        let mut r = std::io::Cursor::new(ud);
        let Some(Ok(Resultat::Sider(sider))) = laes_svar(&mut r) else {
            panic!("the pages")
        };
        assert_eq!(sider.len(), 1);
        assert!(sider[0].svg.starts_with("<svg"));
        assert!(laes_svar(&mut r).is_none(), "nothing more until asked");
        let (k, dok) = gemte.get("test/dok").expect("kept");
        assert!(pdf_af(dok, k).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn a_typst_error_is_an_answer_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let grundlag = Grundlag::ny(dir.path());
        let mut ud = Vec::new();
        let k = kilde("#let x = (");
        oversaet(&grundlag, dir.path(), k, &mut Gemte::new(), &mut ud).unwrap();
        let mut r = std::io::Cursor::new(ud);
        let Some(Ok(Resultat::Fejl(d))) = laes_svar(&mut r) else {
            panic!("an error answer")
        };
        assert!(d.har_fejl());
        assert!(d.0[0].besked.starts_with("Typst:"), "{d}");
    }
}
