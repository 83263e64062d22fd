//! User text is data: whatever a value contains, it comes out of markup → PDF literally.

use crate::common;

use std::sync::{Arc, OnceLock};

use common::*;
use fremdrift::indhold::dato::Dato;
use fremdrift::markup::{Kilde, escape};
use fremdrift::oversaet::{self, Grundlag};
use proptest::prelude::*;

fn faelles() -> &'static Arc<Grundlag> {
    static F: OnceLock<Arc<Grundlag>> = OnceLock::new();
    F.get_or_init(|| Grundlag::ny(std::path::Path::new("/nonexistent")))
}

/// Compiles `START<text>SLUT` and returns the PDF's text.
fn gennem_pdf(tekst: &str) -> String {
    let markup = format!(
        "#set document(title: \"t\")\n#set text(font: \"Carlito\", lang: \"da\")\nSTART{}SLUT\n",
        escape::markup(tekst)
    );
    let kilde = Kilde {
        navn: "escape-test".into(),
        markup,
        dato: Dato::parse("2016-01-26").unwrap(),
    };
    let rod = std::env::temp_dir();
    let pdf = oversaet::pdf(faelles(), &rod, &kilde)
        .unwrap_or_else(|d| panic!("kompilering fejlede for {tekst:?}:\n{d}"));
    pdf_tekst(&pdf.resultat)
}

fn uden_mellemrum(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

const FJENDTLIGE: &[&str] = &[
    "#read(\"/etc/passwd\")",
    "#image(\"/etc/passwd\")",
    "#include \"/etc/passwd\"",
    "#import \"x.typ\": *",
    "$x^2$",
    "*fed* og _kursiv_",
    "<etiket> og @henvisning",
    "= Ikke en overskrift",
    "- ikke et punkt",
    "+ heller ikke",
    "1. ikke nummereret",
    "// ikke en kommentar",
    "/* heller ikke */",
    "a\\b\\\\c \\",
    "\"citat\" og 'enkelt'",
    "https://www.jobnet.dk/a_b?c=d#e",
    "] [ ) ( } {",
    "#{ while true {} }",
    "#let x = 1; #x",
    "`rå` ```tekst```",
    "~ -- --- ... ",
    "#set page(width: 1pt)",
    "\\u{1F600}",
];

#[test]
fn hostile_strings_print_literally() {
    for s in FJENDTLIGE {
        let ud = gennem_pdf(s);
        let forventet = format!("START{}SLUT", uden_mellemrum(s));
        assert_eq!(uden_mellemrum(&ud), forventet, "for {s:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn any_string_comes_out_of_the_pdf_literally(s in "[ -~æøåÆØÅ§é\n\t]{0,40}") {
        let ud = gennem_pdf(&s);
        prop_assert_eq!(uden_mellemrum(&ud), format!("START{}SLUT", uden_mellemrum(&s)));
    }
}

/// Found by the `escape_pdf` fuzz target: a byte-order mark (U+FEFF, e.g. pasted from
/// Word) or U+FFFE in a bemærkning made the PDF/A export fail for the whole document.
#[test]
fn a_byte_order_mark_in_user_text_does_not_stop_the_pdf() {
    let t = gennem_pdf("\u{feff}Byrådet har\u{fffe} behandlet status.");
    assert!(
        uden_mellemrum(&t).contains(&uden_mellemrum("STARTByrådet har behandlet status.SLUT")),
        "{t}"
    );
}

/// Found by the `escape_pdf` fuzz target: a character the embedded font lacks (here a
/// CJK ideograph) cannot go into a PDF/A file. The export refuses it with a Danish
/// message that names the character and says what to do, instead of typst-pdf's
/// English one.
#[test]
fn a_character_the_font_lacks_is_a_danish_error_naming_it() {
    let markup = format!(
        "#set document(title: \"t\")\n#set text(font: \"Carlito\", lang: \"da\")\n{}\n",
        escape::markup("Hilsen 蝚")
    );
    let kilde = Kilde {
        navn: "escape-test".into(),
        markup,
        dato: Dato::parse("2016-01-26").unwrap(),
    };
    let d = oversaet::pdf(faelles(), &std::env::temp_dir(), &kilde).unwrap_err();
    let tekst = d.to_string();
    assert!(
        tekst.contains("teksten «蝚» kan ikke vises med skrifttypen «Carlito»"),
        "{tekst}"
    );
    assert!(
        tekst.contains("U+875A") && tekst.contains("søg efter «蝚»"),
        "{tekst}"
    );
}
