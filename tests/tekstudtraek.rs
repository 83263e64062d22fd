//! Headings and marks extract as the words they show — in `pdftotext` (poppler, what
//! journal systems and many screen-reader pipelines use) and in-process — so a search
//! for «NOTAT» or «UDKAST» finds them.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::*;

/// `pdftotext` of a PDF (`-raw`: in content order, diagonal text included).
fn pdftotext(pdf: &Path, raw: bool) -> String {
    let mut c = Command::new("pdftotext");
    if raw {
        c.arg("-raw");
    }
    let o = c
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed; run scripts/install-test-deps");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn linjer(tekst: &str) -> Vec<&str> {
    tekst
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn ord(tekst: &str) -> Vec<&str> {
    tekst.split_whitespace().collect()
}

const OVERSKRIFTER: &[&str] = &[
    "Status for anbefalinger til tværkommunalt",
    "Sammenfatning",
    "Fremdriftsskema for anbefalinger",
    "Forslag til nye samarbejdsområder",
];

#[test]
fn headings_and_marks_extract_as_words() {
    let dir = projekt("mini");
    let o = fremdrift(dir.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let alfa = dir.path().join("out/2015/bilag/101-alfa.pdf");
    let beta = dir.path().join("out/2015/bilag/102-beta.pdf");

    let poppler = pdftotext(&alfa, false);
    let l = linjer(&poppler);
    for forventet in ["NOTAT", "KKR", "TESTREGION"] {
        assert!(
            l.contains(&forventet),
            "pdftotext: no line «{forventet}»:\n{poppler}"
        );
    }
    for h in OVERSKRIFTER {
        assert!(l.contains(h), "pdftotext: no line «{h}»:\n{poppler}");
    }
    let udkast = pdftotext(&beta, true);
    assert!(
        linjer(&udkast).contains(&"UDKAST"),
        "pdftotext -raw:\n{udkast}"
    );

    let inde = pdf_tekst(&std::fs::read(&alfa).unwrap());
    for forventet in ["NOTAT", "KKR", "TESTREGION", "Sammenfatning"] {
        assert!(
            ord(&inde).contains(&forventet),
            "in-process: no word «{forventet}»:\n{inde}"
        );
    }
    for h in OVERSKRIFTER {
        assert!(inde.contains(h), "in-process: no «{h}»:\n{inde}");
    }
    // The draft watermark is diagonal: pdf-extract measures gaps along the x axis only
    // and splits any rotated word («U D K A ST») whatever its spacing, so in-process the
    // letters are only checked to be there, in order.
    let inde = pdf_tekst(&std::fs::read(&beta).unwrap());
    assert!(indeholder(&inde, "UDKAST"), "in-process:\n{inde}");
}
