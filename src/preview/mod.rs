//! `fremdrift preview`: a live preview in the browser. Documents are compiled once,
//! shown as SVG pages under an «UDKAST» mark, and rebuilt when `content/`,
//! `templates/` or `fonts/` change; open pages follow over server-sent events.

mod aendring;
mod api;
mod bygger;
mod dokside;
mod html;
mod oversigt;
mod plan;
mod rute;
mod server;
mod sse;
mod tilstand;
mod watch;

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use aendring::Omfang;
use bygger::Bygger;
use tilstand::Delt;

/// How the preview was asked to run.
pub struct Valg {
    pub port: u16,
    /// Open the browser once the server runs.
    pub aabn: bool,
}

/// Builds everything, serves it on 127.0.0.1 and rebuilds on changes; runs until
/// stopped.
pub fn koer(rod: &Path, periode: &str, valg: &Valg) -> anyhow::Result<()> {
    let lytter = server::bind(valg.port)?;
    let mut vagt = watch::Vagt::start(rod)?;
    let delt = Delt::ny(periode);
    let mut bygger = Bygger::ny(rod.to_path_buf(), periode.to_string());
    let start = Instant::now();
    bygger.byg(Omfang::Alt, &delt);
    let antal = delt.laes(|o| o.dokumenter.len());
    eprintln!(
        "Lavede {antal} dokumenter for {periode} på {}",
        bygger::sekunder(start)
    );
    let adresse = server::start(lytter, delt.clone())?;
    let url = format!("http://{adresse}/");
    println!("Forhåndsvisning på {url}");
    let _ = std::io::stdout().flush();
    eprintln!("Holder øje med content/, templates/ og fonts/. Stop med Ctrl+C.");
    if valg.aabn {
        aabn_browser(&url);
    }
    while let Some(stier) = vagt.naeste() {
        if let Some(omfang) = aendring::omfang(rod, stier.iter().map(|s| s.as_path())) {
            bygger.byg(omfang, &delt);
        }
    }
    Ok(())
}

/// Opens the URL in the default browser; a failure is only reported.
fn aabn_browser(url: &str) {
    let (program, foer): (&str, &[&str]) = if cfg!(windows) {
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
