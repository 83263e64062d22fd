//! Shared helpers for the integration tests: fixture projects in temporary folders.
#![allow(dead_code)]

pub mod browser;
pub mod eksempel;
pub mod indsamling;
pub mod regneark;
pub mod smtp;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (a complete fremdrift project with the default content).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// Copies a folder recursively.
pub fn kopier(fra: &Path, til: &Path) {
    std::fs::create_dir_all(til).unwrap();
    for e in std::fs::read_dir(fra).unwrap() {
        let e = e.unwrap();
        let maal = til.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            kopier(&e.path(), &maal);
        } else {
            std::fs::copy(e.path(), &maal).unwrap();
        }
    }
}

/// A copy of a fixture project in a fresh temporary folder.
pub fn projekt(navn: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    kopier(&fixtures().join(navn), dir.path());
    dir
}

/// A copy of the repository's default project (content and templates, no output).
pub fn standardprojekt() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    kopier(&repo().join("content"), &dir.path().join("content"));
    dir
}

/// Runs the fremdrift binary in a project.
pub fn fremdrift(projekt: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fremdrift"))
        .arg("-C")
        .arg(projekt)
        .args(args)
        .output()
        .expect("fremdrift runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The text of a PDF, extracted in-process, with whitespace folded.
pub fn pdf_tekst(pdf: &[u8]) -> String {
    let tekst = pdf_extract::extract_text_from_mem(pdf).expect("PDF text can be extracted");
    tekst.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `tekst` contains `del`, ignoring all whitespace (PDF text extraction
/// places spaces by geometry, not by the source).
pub fn indeholder(tekst: &str, del: &str) -> bool {
    let uden = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    uden(tekst).contains(&uden(del))
}

/// A port on 127.0.0.1 that was free a moment ago.
pub fn fri_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// Polls `betingelse` every 50 ms until it gives a value, for at most `frist`;
/// panics with `hvad` (and `mere()`, e.g. a log) when time runs out.
pub fn vent_paa<T>(
    hvad: &str,
    frist: std::time::Duration,
    mut betingelse: impl FnMut() -> Option<T>,
    mere: impl Fn() -> String,
) -> T {
    let slut = std::time::Instant::now() + frist;
    loop {
        if let Some(v) = betingelse() {
            return v;
        }
        if std::time::Instant::now() > slut {
            panic!("gav op efter {frist:?}: {hvad}\n{}", mere());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The text of each page of a PDF, extracted in-process, with whitespace folded.
pub fn sidetekster(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf)
        .expect("PDF text can be extracted")
        .iter()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The default project built once per test binary: its folder (kept until the process
/// ends) and the loaded project.
pub fn bygget_standardprojekt() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = standardprojekt();
        let o = fremdrift(dir.path(), &["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
        dir
    })
    .path()
}

/// User text that tries to run Typst code, read files, break out of a table cell or
/// fake a status: it must print literally.
pub const FJENDTLIG_TEKST: &[&str] = &[
    "#read(\"/etc/passwd\")",
    "#image(\"/etc/hostname\")",
    "#include \"/content/kkr.yaml\"",
    "#import \"/content/kkr.yaml\": *",
    "$ sum_(i=0)^oo i $",
    "#while true {}",
    "#for i in range(100000) { for j in range(100000) {} }",
    "#range(100000000000).len()",
    "], [Grøn], [Forfalsket bemærkning",
    "]) #table.cell(fill: green)[Grøn",
    "#status(\"groen\", [Grøn])",
    "\" ; #panic(\"x\") ; \"",
    "\\\" #read(\"/etc/passwd\") \\\"",
    "<label> @ref = Overskrift",
    "/* kommentar */ // og mere",
];

/// Alfa's status file (mini fixture) with `tekst` as the remark on v1.
pub fn alfa_med_bemaerkning(tekst: &str) -> String {
    format!(
        "kommune: alfa\nsvar:\n  v1:\n    status: gul\n    bemærkning: '{}'\n  v2: {{status: grøn}}\n  b1: {{status: grøn}}\n  b2: {{status: grøn}}\n",
        tekst.replace('\'', "''")
    )
}

/// Converts `filer` with LibreOffice (`soffice --headless --convert-to <til>`) into `ud`,
/// in a profile of its own, within 10 minutes.
pub fn soffice_konverter(filer: &[PathBuf], til: &str, ud: &Path) {
    use std::process::Stdio;
    let profil = tempfile::tempdir().unwrap();
    let mut barn = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profil.path().display()
        ))
        .args(["--headless", "--norestore", "--convert-to", til, "--outdir"])
        .arg(ud)
        .args(filer)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("soffice mangler: kør «bash scripts/install-libreoffice»");
    let status = vent_paa(
        &format!("soffice --convert-to {til}"),
        std::time::Duration::from_secs(600),
        || barn.try_wait().unwrap(),
        String::new,
    );
    assert!(status.success(), "soffice fejlede");
}
