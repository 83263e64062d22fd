//! The invalid-input corpus: every case under `tests/fixtures/ugyldig/<case>/` is laid
//! over the `mini` project and checked for its Danish message and file:line:column.
//!
//! A case folder holds `filer/` (files copied over the project, same relative paths),
//! an optional `slet` (paths to delete, one a line) and `forventet.txt`: every line not
//! starting with `#` must appear as a whole line in `fremdrift check`'s output. A case
//! whose `forventet.txt` says `ingen fejl` must pass the check and build.

use crate::common;

use std::path::Path;

use common::*;

struct Tilfaelde {
    navn: String,
    forventet: Vec<String>,
}

fn tilfaelde() -> Vec<Tilfaelde> {
    let mut ud: Vec<Tilfaelde> = std::fs::read_dir(fixtures().join("ugyldig"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| {
            let navn = e.file_name().to_string_lossy().into_owned();
            let tekst = std::fs::read_to_string(e.path().join("forventet.txt"))
                .unwrap_or_else(|_| panic!("{navn}: forventet.txt mangler"));
            let forventet = tekst
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect();
            Tilfaelde { navn, forventet }
        })
        .collect();
    ud.sort_by(|a, b| a.navn.cmp(&b.navn));
    ud
}

fn opsaet(navn: &str) -> tempfile::TempDir {
    let dir = projekt("mini");
    let sag = fixtures().join("ugyldig").join(navn);
    if sag.join("filer").is_dir() {
        kopier(&sag.join("filer"), dir.path());
    }
    if let Ok(slet) = std::fs::read_to_string(sag.join("slet")) {
        for linje in slet.lines().filter(|l| !l.trim().is_empty()) {
            let sti = dir.path().join(linje.trim());
            if sti.is_dir() {
                std::fs::remove_dir_all(&sti).unwrap();
            } else {
                std::fs::remove_file(&sti).unwrap();
            }
        }
    }
    dir
}

fn koer_sag(t: &Tilfaelde) -> Result<(), String> {
    let dir = opsaet(&t.navn);
    let check = fremdrift(dir.path(), &["check"]);
    let ud = format!("{}{}", stdout(&check), stderr(&check));
    if ud.contains("panicked") {
        return Err(format!("panik:\n{ud}"));
    }
    if t.forventet.first().map(String::as_str) == Some("ingen fejl") {
        if !check.status.success() {
            return Err(format!("skulle være gyldigt, men check fejlede:\n{ud}"));
        }
        let build = fremdrift(dir.path(), &["build"]);
        if !build.status.success() {
            return Err(format!("build fejlede:\n{}", stderr(&build)));
        }
        return Ok(());
    }
    if check.status.code() != Some(1) && check.status.code() != Some(2) {
        return Err(format!(
            "check skulle afslutte med fejl, fik {:?}:\n{ud}",
            check.status.code()
        ));
    }
    let linjer: Vec<&str> = ud.lines().collect();
    for f in &t.forventet {
        if !linjer.iter().any(|l| l == f) {
            return Err(format!("mangler linjen\n  {f}\ni output:\n{ud}"));
        }
    }
    let build = fremdrift(dir.path(), &["build"]);
    if build.status.success() || Path::new(&dir.path().join("out")).exists() {
        return Err("build skrev output trods fejl".into());
    }
    Ok(())
}

#[test]
fn every_invalid_case_gets_its_danish_message_and_location() {
    let alle = tilfaelde();
    assert!(!alle.is_empty(), "ingen tilfælde fundet");
    let fejl: Vec<String> = alle
        .iter()
        .filter_map(|t| koer_sag(t).err().map(|e| format!("--- {}: {e}", t.navn)))
        .collect();
    assert!(
        fejl.is_empty(),
        "{} af {} tilfælde fejlede:\n{}",
        fejl.len(),
        alle.len(),
        fejl.join("\n")
    );
}

#[test]
fn the_mini_fixture_itself_is_valid() {
    let dir = projekt("mini");
    let o = fremdrift(dir.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
