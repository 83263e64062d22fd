//! `fremdrift preview`: a live preview in the browser. Documents are planned through
//! the shared orchestration, compiled in a worker process under the time limit, shown
//! as PNG pages under an «UDKAST» mark, and rebuilt when `content/`, `templates/` or
//! `fonts/` change; open pages follow over server-sent events. The pages are served on
//! the shared web stack ([`crate::web`]) beside the rebuild loop, which keeps the main
//! thread; the two meet in the shared state ([`crate::visning::tilstand`]).

mod aendring;
mod api;
mod bygger;
mod genbrug;
mod indbakke;
mod oversaetter;
mod oversigt;
mod server;
pub(crate) mod sider;
mod spor;
pub(crate) mod sse;

#[cfg(feature = "sider-foer")]
pub(crate) use oversigt::indeksmaal;

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use crate::formular;
use crate::visning::tilstand::Delt;
use aendring::Omfang;
use bygger::Bygger;
use indbakke::Indbakke;

/// How the preview was asked to run.
pub struct PreviewValg {
    /// The port asked for; `None` for the first free one from 3000.
    pub port: Option<u16>,
    /// Open the browser once the server runs.
    pub aabn: bool,
}

/// Plans every document, serves on 127.0.0.1, compiles, and rebuilds on changes;
/// runs until stopped. The server answers from the first plan on, so a document that
/// takes long (or forever) to compile never keeps the others from being shown.
pub fn koer(rod: &Path, periode: &str, valg: &PreviewValg) -> anyhow::Result<()> {
    let lytter = server::bind(valg.port)?;
    let udfyld = std::sync::Arc::new(formular::Udfyldning::ny(rod, periode)?);
    vis_og_byg(rod, periode, Brugere::En, |delt| {
        let adresse = server::start(lytter, delt.clone(), udfyld)?;
        let url = format!("http://{adresse}/");
        println!("Forhåndsvisning på {url}");
        let _ = std::io::stdout().flush();
        crate::besked!("Holder øje med content/, templates/ og fonts/. Stop med Ctrl+C.");
        if valg.aabn {
            aabn_browser(&url);
        }
        Ok(())
    })
}

/// Who changes the files, which decides how the rebuild loop compiles.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Brugere {
    /// One person editing: a long compilation gives way (once) to the change they just
    /// made, and one worker compiles everything.
    En,
    /// Many people saving all the time (the hosted collection): every compilation runs
    /// to its end (giving way would throw the worker's caches away again and again), and
    /// the documents that gather every status compile in a second worker, so a bilag
    /// never waits behind them. See [`Bygger::til_mange`].
    Mange,
}

/// The live document view every front end serves: watches the project, plans every
/// document and publishes it in the shared state, lets `start` start the front end's
/// server on it, then compiles and rebuilds on changes until stopped.
pub(crate) fn vis_og_byg(
    rod: &Path,
    periode: &str,
    brugere: Brugere,
    start: impl FnOnce(&std::sync::Arc<Delt>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut indbakke = Indbakke::start(rod)?;
    let delt = Delt::med_indbakke(periode, indbakke.afsender());
    let mut bygger = Bygger::ny(rod.to_path_buf(), periode.to_string());
    if brugere == Brugere::Mange {
        bygger.til_mange(&delt);
    }
    let begyndt = Instant::now();
    let job = bygger.planlaeg(Omfang::Alt, &[], &delt);
    start(&delt)?;
    bygger.oversaet(job, &delt, &|| indbakke.har_nyt());
    // With a second lane (the hosted collection) the tilbagemelding may still be compiling.
    let (antal, venter) = delt.laes(|o| {
        let venter = o.dokumenter.iter().filter(|v| v.venter).count();
        (o.dokumenter.len() - venter, venter)
    });
    let ved_siden_af = match venter {
        0 => String::new(),
        n => format!("; {n} bliver lavet ved siden af"),
    };
    crate::besked!(
        "Lavede {antal} dokumenter for {periode} på {}{ved_siden_af}",
        bygger::sekunder(begyndt)
    );
    while let Some(b) = indbakke.naeste() {
        let omfang = aendring::omfang(rod, b.stier.iter().map(|s| s.as_path()));
        // Documents that gave way to this change are planned again in any case.
        if let Some(omfang) = omfang.or(bygger.afbrudt.then_some(Omfang::Kilder)) {
            let job = bygger.planlaeg(omfang, &b.stier, &delt);
            bygger.oversaet(job, &delt, &|| indbakke.har_nyt());
        }
        for id in b.pdf {
            bygger.eksporter(&id, &delt);
        }
    }
    Ok(())
}

/// Opens the URL in the default browser, or with the program named by
/// `FREMDRIFT_BROWSER` (the tests' stand-in); a failure is only reported.
fn aabn_browser(url: &str) {
    let eget = std::env::var("FREMDRIFT_BROWSER").ok();
    let (program, foer): (&str, &[&str]) = if let Some(p) = eget.as_deref() {
        (p, &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else if cfg!(target_os = "macos") {
        ("open", &[])
    } else {
        ("xdg-open", &[])
    };
    let start = std::process::Command::new(program)
        .args(foer)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = start {
        eprintln!("advarsel: kunne ikke åbne browseren med {program}: {e}\n  hint: åbn {url} selv");
    }
}
