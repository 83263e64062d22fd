//! The JSON Schemas that `fremdrift skema` writes, checked by a second validator:
//! Python's `jsonschema` (tests/jsonschema/tjek.py), which a kommune's or secretariat's
//! Python pipeline uses. Every schema compiles there (its patterns are regexes Python's
//! `re` knows), every file of the default content, the `mini` fixture and a fresh `init`
//! project is valid, and on every YAML file of the invalid-input cases Python and the
//! Rust `jsonschema` crate give the same verdict.
//! `bash scripts/test` installs jsonschema (scripts/install-test-deps); without python3
//! or jsonschema these tests fail.
//!
//! One difference the verdicts cannot show: Python's `re.search` lets `$` match before
//! a final line break, so an id written `"v1\n"` passes there (fremdrift and ECMA-262
//! refuse it).

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use fremdrift::jsonskema::skema_for;
use serde_json::{Value, json};

/// What the Python validator says: per schema `null` or why it is refused; per file its
/// objections.
struct PythonDom {
    skemaer: BTreeMap<String, Value>,
    filer: BTreeMap<String, Vec<String>>,
}

/// Runs tests/jsonschema/tjek.py on these schemas (name → path) and files (label,
/// schema name, data).
fn python(skemaer: &BTreeMap<String, PathBuf>, filer: &[(String, String, Value)]) -> PythonDom {
    let dir = tempfile::tempdir().unwrap();
    let opgave = dir.path().join("opgave.json");
    let filer: Vec<Value> = filer
        .iter()
        .map(|(navn, skema, data)| json!({ "navn": navn, "skema": skema, "data": data }))
        .collect();
    std::fs::write(
        &opgave,
        serde_json::to_vec(&json!({ "skemaer": skemaer, "filer": filer })).unwrap(),
    )
    .unwrap();
    let o = Command::new("python3")
        .arg(repo().join("tests/jsonschema/tjek.py"))
        .arg(&opgave)
        .output()
        .expect("python3");
    assert!(
        o.status.success(),
        "jsonschema mangler? kør «bash scripts/install-test-deps»\n{}",
        stderr(&o)
    );
    let svar: Value = serde_json::from_slice(&o.stdout).unwrap();
    PythonDom {
        skemaer: serde_json::from_value(svar["skemaer"].clone()).unwrap(),
        filer: serde_json::from_value(svar["filer"].clone()).unwrap(),
    }
}

/// `fremdrift skema` in the project; its schemas by file name.
fn skemaer(projekt: &Path) -> BTreeMap<String, PathBuf> {
    let o = fremdrift(projekt, &["skema"]);
    assert!(o.status.success(), "fremdrift skema: {}", stderr(&o));
    std::fs::read_dir(projekt.join("skema"))
        .unwrap()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect()
}

/// YAML as an editor reads it (YAML 1.2 core schema), as JSON; `None` when it is no
/// YAML an editor could read.
fn som_json(tekst: &str) -> Option<Value> {
    let tekst = tekst.strip_prefix('\u{feff}').unwrap_or(tekst);
    let valg = serde_saphyr::options! {
        strict_booleans: true,
        legacy_octal_numbers: false,
    };
    serde_saphyr::from_str_with_options::<Value>(tekst, valg).ok()
}

/// Every YAML file under `content/` of `rod` that has a schema and reads as YAML:
/// (label, schema name, data).
fn yamlfiler(rod: &Path, hvad: &str) -> Vec<(String, String, Value)> {
    fn gaa(mappe: &Path, ud: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(mappe).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                gaa(&p, ud);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                ud.push(p);
            }
        }
    }
    let mut stier = Vec::new();
    gaa(&rod.join("content"), &mut stier);
    stier.sort();
    stier
        .into_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(rod).unwrap();
            let skema = skema_for(rel)?;
            let tekst = String::from_utf8(std::fs::read(&p).unwrap()).ok()?;
            let data = som_json(&tekst)?;
            Some((format!("{hvad}: {}", rel.display()), skema, data))
        })
        .collect()
}

/// The Rust `jsonschema` crate's objections, as in tests/skema.rs.
fn rust_indvendinger(skema: &Path, data: &Value) -> usize {
    let skema: Value = serde_json::from_slice(&std::fs::read(skema).unwrap()).unwrap();
    let v = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&skema)
        .unwrap();
    v.iter_errors(data).count()
}

fn alle_skemaer_kompilerer(dom: &PythonDom) {
    let afvist: Vec<String> = dom
        .skemaer
        .iter()
        .filter(|(_, hvorfor)| !hvorfor.is_null())
        .map(|(navn, hvorfor)| format!("{navn}: {hvorfor}"))
        .collect();
    assert!(
        afvist.is_empty(),
        "Pythons jsonschema afviser skemaerne:\n{}",
        afvist.join("\n")
    );
}

#[test]
fn python_jsonschema_compiles_every_schema_and_accepts_every_valid_file() {
    let standard = standardprojekt();
    let mini = projekt("mini");
    let dir = tempfile::tempdir().unwrap();
    let nyt = dir.path().join("nyt");
    let o = fremdrift(
        dir.path(),
        &[
            "--periode",
            "2026",
            "init",
            "--kkr",
            "syddanmark",
            nyt.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fremdrift(&nyt, &["skabelon", "odense"]).status.success());

    for (rod, hvad) in [
        (standard.path(), "standardindholdet"),
        (mini.path(), "mini"),
        (nyt.as_path(), "init"),
    ] {
        let s = skemaer(rod);
        assert!(s.len() >= 3, "{hvad}: {s:?}");
        let filer = yamlfiler(rod, hvad);
        assert!(filer.len() >= 3, "{hvad}: {} filer", filer.len());
        let dom = python(&s, &filer);
        alle_skemaer_kompilerer(&dom);
        let afvist: Vec<String> = dom
            .filer
            .iter()
            .filter(|(_, indv)| !indv.is_empty())
            .map(|(navn, indv)| format!("{navn}:\n  {}", indv.join("\n  ")))
            .collect();
        assert!(
            afvist.is_empty(),
            "Pythons jsonschema afviser gyldige filer:\n{}",
            afvist.join("\n")
        );
    }
}

#[test]
fn python_and_rust_give_the_same_verdict_on_every_invalid_input_case() {
    let mini = projekt("mini");
    let s = skemaer(mini.path());
    let mut filer = Vec::new();
    for e in std::fs::read_dir(fixtures().join("ugyldig"))
        .unwrap()
        .flatten()
    {
        let sag = e.file_name().to_string_lossy().into_owned();
        filer.extend(yamlfiler(&e.path().join("filer"), &sag));
    }
    assert!(filer.len() > 80, "{} filer", filer.len());
    let dom = python(&s, &filer);
    alle_skemaer_kompilerer(&dom);
    let mut uenige = Vec::new();
    let mut afvist = 0;
    for (navn, skema, data) in &filer {
        let rust = rust_indvendinger(&s[skema], data) > 0;
        let py = &dom.filer[navn];
        let py_afviser = !py.is_empty();
        afvist += usize::from(rust);
        if rust != py_afviser {
            uenige.push(format!(
                "{navn}: Rust {}, Python {}",
                if rust { "afviser" } else { "godtager" },
                if py.is_empty() {
                    "godtager".to_string()
                } else {
                    format!("afviser: {}", py.join("; "))
                }
            ));
        }
    }
    assert!(afvist > 50, "only {afvist} cases refused by the schemas");
    assert!(
        uenige.is_empty(),
        "Python og Rust er uenige:\n{}",
        uenige.join("\n")
    );
}

/// The check can fail: the pattern the schemas used to have is refused by Python.
#[test]
fn python_refuses_a_schema_with_a_unicode_property_escape() {
    let dir = tempfile::tempdir().unwrap();
    let sti = dir.path().join("gammel.schema.json");
    let skema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "string",
        "pattern": "^[\\p{Alphabetic}\\p{N}][\\p{Alphabetic}0-9._-]*$"
    });
    std::fs::write(&sti, serde_json::to_vec(&skema).unwrap()).unwrap();
    let skemaer = BTreeMap::from([("gammel.schema.json".to_string(), sti)]);
    let dom = python(&skemaer, &[]);
    let hvorfor = dom.skemaer["gammel.schema.json"]
        .as_str()
        .unwrap_or_default();
    assert!(hvorfor.contains("is not a 'regex'"), "{hvorfor}");
}
