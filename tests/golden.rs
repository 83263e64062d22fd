//! Golden tests of the generated Typst markup. Re-bless after an intended template
//! change with `INSTA_UPDATE=always cargo test --test golden` and review the diff.

use crate::common;

use common::*;
use fremdrift::dokument;
use fremdrift::indhold::projekt;
use fremdrift::koersel::Motor;

/// The generated markup of one document of the mini fixture.
fn markup(id: &str) -> String {
    let dir = fixtures().join("mini");
    let (p, _) = projekt::indlaes(&dir.canonicalize().unwrap(), "2015")
        .uden_fejl()
        .unwrap();
    let dok = dokument::alle(&p).into_iter().find(|d| d.id == id).unwrap();
    Motor::ny(&p.rod).kilde(&p, &dok).unwrap().markup
}

#[test]
fn bilag_markup_for_a_complete_answer() {
    insta::assert_snapshot!("bilag_alfa", markup("bilag-alfa"));
}

#[test]
fn bilag_markup_for_a_draft_with_missing_answers() {
    insta::assert_snapshot!("bilag_beta", markup("bilag-beta"));
}

#[test]
fn tilbagemelding_markup_for_the_fixture() {
    insta::assert_snapshot!("tilbagemelding_mini", markup("tilbagemelding"));
}

/// The development section of the 2017 tilbagemelding of the generated three-period
/// project (a rename through `erstatter`, a dropped anbefaling and fokusområde, a new
/// fokusområde, and statuses that change).
#[test]
fn tilbagemelding_development_section_across_three_periods() {
    let dir = tempfile::tempdir().unwrap();
    common::eksempel::tre_perioder(dir.path()).unwrap();
    let (p, _) = projekt::indlaes(&dir.path().canonicalize().unwrap(), "2017")
        .uden_fejl()
        .unwrap();
    let dok = dokument::alle(&p)
        .into_iter()
        .find(|d| d.id == "tilbagemelding")
        .unwrap();
    let markup = Motor::ny(&p.rod).kilde(&p, &dok).unwrap().markup;
    let start = markup.find("#let andele(").expect("development section");
    let slut = markup.find("== Udkast til justeringer").unwrap();
    insta::assert_snapshot!("udvikling_tre_perioder", &markup[start..slut]);
}
