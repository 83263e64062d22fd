//! Word documents filled the way Word users and their scripts do, with python-docx
//! (tests/word/udfyld_python_docx.py: text typed into controls, a control deleted by
//! replacing its cell, pasted paragraphs with formatting, Danish letters), read back
//! with `fremdrift indlaes`: every field arrives, paragraphs stay, the existing status
//! file is kept until `--overskriv`, and then its old version is in `historik/`.
//! `bash scripts/test` installs python-docx (scripts/install-test-deps).

use crate::common;

use std::path::Path;
use std::process::Command;

use common::*;

/// `fremdrift skabelon --alle --docx` into `skemaer/`; Alfa's document.
fn skabeloner(rod: &Path) -> std::path::PathBuf {
    let ud = rod.join("skemaer");
    let o = fremdrift(
        rod,
        &["skabelon", "--alle", "--docx", "-o", ud.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(ud.join("102-beta.docx").is_file(), "{}", stdout(&o));
    ud.join("101-alfa.docx")
}

fn udfyld(ind: &Path, ud: &Path) {
    let script = repo().join("tests/word/udfyld_python_docx.py");
    let o = Command::new("python3")
        .arg(script)
        .arg(ind)
        .arg(ud)
        .output()
        .expect("python3");
    assert!(
        o.status.success(),
        "python-docx mangler? kør «bash scripts/install-test-deps»\n{}",
        stderr(&o)
    );
}

#[test]
fn a_document_filled_with_python_docx_reads_in_with_every_field() {
    let dir = projekt("mini");
    let rod = dir.path();
    let alfa = skabeloner(rod);
    let udfyldt = rod.join("alfa-udfyldt.docx");
    udfyld(&alfa, &udfyldt);
    let fil = udfyldt.to_str().unwrap();
    let statusfil = rod.join("content/2015/status/alfa.yaml");
    let foer = std::fs::read(&statusfil).unwrap();

    // Alfa has a status file with other answers: nothing is written without --overskriv.
    let o = fremdrift(rod, &["indlaes", fil]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains("har allerede en statusfil med andre svar"),
        "{e}"
    );
    assert!(e.contains("v1: grøn → gul"), "{e}");
    assert_eq!(std::fs::read(&statusfil).unwrap(), foer);

    let o = fremdrift(rod, &["indlaes", "--overskriv", fil]);
    assert!(o.status.success(), "{}", stderr(&o));
    let yaml = std::fs::read_to_string(&statusfil).unwrap();
    for del in [
        "organ: \"Arbejdsmarkedsudvalget\"",
        "dato: 2016-02-02",
        "navn: \"Åse Ærø\"",
        "e-mail: \"aase@alfa.example.dk\"",
        "telefon: \"22 33 44 55\"",
        "udkast: false",
        "  v1:\n    status: gul\n    bemærkning: |-\n      Første afsnit: æøå og ÆØÅ i ét.\n\n      Andet afsnit – «citat» og 100 %.\n",
        "  v2:\n    status: gul\n",
        "  b1:\n    status: grøn\n",
        // b2 chose «Ikke besvaret» and emptied its bemærkning.
        "  b2:\n    status:\n    bemærkning: \"\"\n",
        "titel: \"Fælles jobmesse\"",
        "tekst: \"En årlig jobmesse på tværs af kommunerne.\"",
    ] {
        assert!(yaml.contains(del), "mangler «{del}» i\n{yaml}");
    }
    let historik: Vec<_> = std::fs::read_dir(rod.join("historik/2015/alfa"))
        .unwrap()
        .collect();
    assert_eq!(historik.len(), 1);

    // The same file again: unchanged.
    let o = fremdrift(rod, &["indlaes", fil]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("uændret"), "{}", stdout(&o));
}
