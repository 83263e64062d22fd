//! The start mode: `fremdrift` with no arguments on a console, as when the program is
//! double-clicked. In a project it opens the preview in the browser; elsewhere it
//! offers, in Danish, to open a project in a folder below, to create one for one of the
//! five KKR, or to open the example, and then opens the preview.

mod eksempel;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use crate::argumenter::{self, FaellesValg, InitArgs, KkrValg};
use crate::fejl::{Fejl, fejl};
use crate::indhold::kommuner::kkr_listen;
use crate::preview::PreviewValg;

/// The folder the example is written to, in the current folder.
const EKSEMPELMAPPE: &str = "Eksempel";

/// Runs the start mode in the current folder until the preview is stopped.
pub fn koer() -> anyhow::Result<()> {
    let her = std::env::current_dir().map_err(|e| {
        Fejl::ny("den aktuelle mappe kan ikke læses")
            .hint("start fremdrift fra en mappe, du kan skrive i")
            .aarsag(e)
    })?;
    let rod = match argumenter::find_projekt(&her) {
        Some(rod) => rod,
        None => vaelg_projekt(&her, &mut std::io::stdin().lock())?,
    };
    aabn(&rod)
}

/// Waits for Enter, so a window opened by a double-click stays until the error is read.
pub fn vent_paa_enter() {
    eprint!("\nTryk Enter for at lukke vinduet … ");
    let _ = std::io::stderr().flush();
    let _ = std::io::stdin().lock().read_line(&mut String::new());
}

/// What the user can choose in a folder without a project.
#[derive(Debug)]
enum Valg {
    /// A project in a folder right below the current one.
    Aabn(PathBuf),
    Opret(KkrValg),
    Eksempel,
}

const ALLE_KKR: [KkrValg; 5] = [
    KkrValg::Hovedstaden,
    KkrValg::Sjaelland,
    KkrValg::Syddanmark,
    KkrValg::Midtjylland,
    KkrValg::Nordjylland,
];

/// Shows the choices, reads one, and carries it out; gives the project to open.
fn vaelg_projekt(her: &Path, ind: &mut impl BufRead) -> anyhow::Result<PathBuf> {
    let muligheder = muligheder(her);
    println!(
        "Der er intet fremdrift-projekt i «{}». Hvad vil du?\n",
        her.display()
    );
    for (i, v) in muligheder.iter().enumerate() {
        println!("  {}. {}", i + 1, beskriv(v));
    }
    let valgt = laes_valg(ind, muligheder.len())?;
    udfoer(her, &muligheder[valgt])
}

/// The existing projects in the folders right below `her` (sorted), each KKR, the example.
fn muligheder(her: &Path) -> Vec<Valg> {
    let mut projekter: Vec<PathBuf> = std::fs::read_dir(her)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("content").join("kkr.yaml").is_file())
        .collect();
    projekter.sort();
    let mut ud: Vec<Valg> = projekter.into_iter().map(Valg::Aabn).collect();
    ud.extend(ALLE_KKR.map(Valg::Opret));
    if !her.join(EKSEMPELMAPPE).exists() {
        ud.push(Valg::Eksempel);
    }
    ud
}

fn kkr_navn(k: KkrValg) -> &'static str {
    kkr_listen()
        .get(k.noegle())
        .map_or(k.noegle(), |d| d.navn.as_str())
}

fn beskriv(v: &Valg) -> String {
    match v {
        Valg::Aabn(p) => format!("Åbn projektet «{}»", mappenavn(p)),
        Valg::Opret(k) => format!("Opret et nyt projekt for {}", kkr_navn(*k)),
        Valg::Eksempel => {
            format!("Åbn eksemplet (KKR Hovedstaden 2015) i mappen «{EKSEMPELMAPPE}»")
        }
    }
}

fn mappenavn(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads lines until one is a number from 1 to `antal`; gives its index.
fn laes_valg(ind: &mut impl BufRead, antal: usize) -> anyhow::Result<usize> {
    loop {
        print!("\nSkriv et tal fra 1 til {antal}, og tryk Enter: ");
        let _ = std::io::stdout().flush();
        let mut linje = String::new();
        if ind.read_line(&mut linje)? == 0 {
            return Err(fejl(
                "der blev ikke valgt noget",
                "start fremdrift igen, og skriv et tal",
            ));
        }
        match fortolk_valg(&linje, antal) {
            Some(i) => return Ok(i),
            None => println!("«{}» er ikke et af valgene.", linje.trim()),
        }
    }
}

/// `"2\n"` → `Some(1)`, for a choice from 1 to `antal`.
fn fortolk_valg(linje: &str, antal: usize) -> Option<usize> {
    let n: usize = linje.trim().trim_end_matches('.').parse().ok()?;
    (1..=antal).contains(&n).then(|| n - 1)
}

/// Creates what was chosen (if anything); gives the project folder.
fn udfoer(her: &Path, v: &Valg) -> anyhow::Result<PathBuf> {
    match v {
        Valg::Aabn(p) => Ok(p.clone()),
        Valg::Opret(k) => {
            let mappe = her.join(kkr_navn(*k));
            let args = InitArgs {
                kkr: *k,
                mappe: mappe.clone(),
            };
            super::init::koer(None, &args)?;
            Ok(mappe)
        }
        Valg::Eksempel => {
            let mappe = her.join(EKSEMPELMAPPE);
            eksempel::skriv(&mappe)?;
            println!("Skrev eksemplet i «{}».", mappe.display());
            Ok(mappe)
        }
    }
}

/// Opens the project's preview in the browser; runs until the window is closed.
fn aabn(rod: &Path) -> anyhow::Result<()> {
    let f = FaellesValg {
        projekt: Some(rod.to_path_buf()),
        periode: None,
        stille: false,
        detaljer: false,
        hjaelp: None,
        version: None,
    };
    let ctx = argumenter::kontekst(&f)?;
    println!(
        "\nÅbner forhåndsvisningen af «{}» (periode {}) i browseren.\nLuk vinduet eller tryk Ctrl+C for at stoppe.\n",
        mappenavn(&ctx.rod),
        ctx.periode
    );
    let valg = PreviewValg {
        port: None,
        aabn: true,
    };
    crate::preview::koer(&ctx.rod, &ctx.periode, &valg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_a_number_among_the_choices() {
        assert_eq!(fortolk_valg("2\n", 7), Some(1));
        assert_eq!(fortolk_valg(" 7. \r\n", 7), Some(6));
        assert_eq!(fortolk_valg("0\n", 7), None);
        assert_eq!(fortolk_valg("8\n", 7), None);
        assert_eq!(fortolk_valg("to\n", 7), None);
    }

    #[test]
    fn projects_below_come_first_then_the_five_kkr_then_the_example() {
        let dir = tempfile::tempdir().unwrap();
        let projekt = dir.path().join("Vores runde");
        std::fs::create_dir_all(projekt.join("content")).unwrap();
        std::fs::write(projekt.join("content/kkr.yaml"), "navn: x\n").unwrap();
        std::fs::create_dir_all(dir.path().join("andet")).unwrap();
        let m = muligheder(dir.path());
        assert_eq!(m.len(), 7);
        assert!(matches!(&m[0], Valg::Aabn(p) if *p == projekt), "{m:?}");
        assert_eq!(beskriv(&m[1]), "Opret et nyt projekt for KKR Hovedstaden");
        assert_eq!(beskriv(&m[2]), "Opret et nyt projekt for KKR Sjælland");
        assert!(matches!(m[6], Valg::Eksempel), "{m:?}");
    }

    #[test]
    fn a_wrong_answer_asks_again_and_no_answer_is_an_error() {
        let mut ind = std::io::Cursor::new("ja\n9\n3\n");
        assert_eq!(laes_valg(&mut ind, 7).unwrap(), 2);
        let mut tom = std::io::Cursor::new("");
        let e = laes_valg(&mut tom, 7).unwrap_err();
        assert!(crate::fejl::tekst(&e).contains("der blev ikke valgt noget"));
    }
}
