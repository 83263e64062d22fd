//! Golden tests of the generated Typst markup. Re-bless after an intended template
//! change with `INSTA_UPDATE=always cargo test --test golden` and review the diff.

mod common;

use common::*;
use fremdrift::project;
use fremdrift::render::{self, Motor};

fn markup(kommune: &str) -> String {
    let dir = fixtures().join("mini");
    let (p, _) = project::indlaes(&dir.canonicalize().unwrap(), "2015")
        .uden_fejl()
        .unwrap();
    let s = p.status.iter().find(|s| s.kommune.id == kommune).unwrap();
    let motor = Motor::ny(&p.rod);
    render::bilag(&motor, &p, s).unwrap().markup
}

#[test]
fn bilag_markup_for_a_complete_answer() {
    insta::assert_snapshot!("bilag_alfa", markup("alfa"));
}

#[test]
fn bilag_markup_for_a_draft_with_missing_answers() {
    insta::assert_snapshot!("bilag_beta", markup("beta"));
}

#[test]
fn tilbagemelding_markup_for_the_fixture() {
    let dir = fixtures().join("mini");
    let (p, _) = project::indlaes(&dir.canonicalize().unwrap(), "2015")
        .uden_fejl()
        .unwrap();
    let motor = Motor::ny(&p.rod);
    let markup = fremdrift::tilbagemelding::kilde(&motor, &p).unwrap().markup;
    insta::assert_snapshot!("tilbagemelding_mini", markup);
}
