//! Interruption and concurrency: two builds at once, or a build killed midway, leave
//! every output either the previous complete file or the new complete file, and the
//! next run leaves no stray temporary files.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use common::eksempel::{self, Valg};
use common::*;

/// Every file under `out/`, by relative path (files that vanish meanwhile are skipped).
fn filer(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    stier(dir)
        .into_iter()
        .filter_map(|(rel, sti)| Some((rel, std::fs::read(sti).ok()?)))
        .collect()
}

fn stier(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let rod = dir.join("out");
    let mut ud = Vec::new();
    let mut stak = vec![rod.clone()];
    while let Some(m) = stak.pop() {
        for e in std::fs::read_dir(&m).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                stak.push(e.path());
            } else {
                ud.push((
                    e.path()
                        .strip_prefix(&rod)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                    e.path(),
                ));
            }
        }
    }
    ud.sort();
    ud
}

/// A cheap fingerprint of `out/`: names, sizes and modification times.
fn aftryk(dir: &Path) -> Vec<(String, u64, Option<std::time::SystemTime>)> {
    stier(dir)
        .into_iter()
        .filter_map(|(rel, sti)| {
            let m = std::fs::metadata(sti).ok()?;
            Some((rel, m.len(), m.modified().ok()))
        })
        .collect()
}

fn byg(dir: &Path) {
    let o = fremdrift(dir, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A generated project of 29 kommuner; `fro` changes every answer.
fn generer(dir: &Path, fro: u64) {
    let mut v = Valg::med_kommuner(29);
    v.froe = fro;
    eksempel::skriv(dir, &v).unwrap();
}

/// Builds the same content in a second folder to learn the expected bytes.
fn forventet(fro: u64) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    generer(dir.path(), fro);
    byg(dir.path());
    filer(dir.path())
}

fn ingen_midlertidige(ud: &BTreeMap<String, Vec<u8>>) {
    let rester: Vec<&String> = ud.keys().filter(|k| k.contains(".fremdrift-")).collect();
    assert!(rester.is_empty(), "stray temporary files: {rester:?}");
}

#[test]
fn two_builds_at_once_leave_complete_files() {
    let dir = tempfile::tempdir().unwrap();
    generer(dir.path(), 1);
    let start = || {
        Command::new(env!("CARGO_BIN_EXE_fremdrift"))
            .args(["-C", dir.path().to_str().unwrap(), "build"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (start(), start());
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    let ud = filer(dir.path());
    assert_eq!(
        ud,
        forventet(1),
        "both builds wrote the same complete files"
    );
    ingen_midlertidige(&ud);
}

#[test]
fn a_killed_build_leaves_old_or_new_complete_files_and_no_strays_after_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    generer(dir.path(), 1);
    byg(dir.path());
    let gamle = filer(dir.path());
    let nye = forventet(2);
    let nye3 = forventet(3);
    for runde in 0..4 {
        generer(dir.path(), 2 + runde % 2);
        let mut barn = Command::new(env!("CARGO_BIN_EXE_fremdrift"))
            .args(["-C", dir.path().to_str().unwrap(), "build"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill it as soon as it has started writing (or has finished): no fixed sleep.
        let foer = filer(dir.path());
        let foer_aftryk = aftryk(dir.path());
        while barn.try_wait().unwrap().is_none() && aftryk(dir.path()) == foer_aftryk {
            std::thread::yield_now();
        }
        let _ = barn.kill();
        let _ = barn.wait();
        for (sti, indhold) in filer(dir.path()) {
            if sti.contains(".fremdrift-") {
                continue; // a temporary file of the killed process
            }
            let kendt = [
                gamle.get(&sti),
                nye.get(&sti),
                nye3.get(&sti),
                foer.get(&sti),
            ]
            .into_iter()
            .flatten()
            .any(|v| *v == indhold);
            assert!(
                kendt,
                "runde {runde}: {sti} is neither a previous nor a new complete file"
            );
            assert!(
                indhold.starts_with(b"%PDF") && indhold.windows(5).any(|w| w == b"%%EOF"),
                "{sti} is truncated"
            );
        }
    }
    generer(dir.path(), 2);
    byg(dir.path());
    let ud = filer(dir.path());
    ingen_midlertidige(&ud);
    assert_eq!(ud, nye);
}
