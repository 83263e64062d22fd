//! Every integration test in one binary (as the Cargo book advises: one link of the
//! crate instead of one per file, and one build of `tests/common`). Each file of
//! `tests/` is a module here; `tests/misbrug.rs` stays a binary of its own, since its
//! deadlines and connection caps need the machine to itself.

#[path = "common/mod.rs"]
mod common;

#[path = "afbrydelse.rs"]
mod afbrydelse;

#[path = "bilag_pdf.rs"]
mod bilag_pdf;

#[path = "cli.rs"]
mod cli;

#[path = "cli_vaner.rs"]
mod cli_vaner;

#[path = "cyklus.rs"]
mod cyklus;

#[path = "escaping.rs"]
mod escaping;

#[path = "formular.rs"]
mod formular;

#[path = "fuzz.rs"]
mod fuzz;

#[path = "golden.rs"]
mod golden;

#[path = "indsamling.rs"]
mod indsamling;

#[path = "indsamling_browser.rs"]
mod indsamling_browser;

#[path = "indsamling_post.rs"]
mod indsamling_post;

#[path = "injektion.rs"]
mod injektion;

#[path = "layout.rs"]
mod layout;

#[path = "lenker.rs"]
mod lenker;

#[path = "preview.rs"]
mod preview;

#[path = "readme.rs"]
mod readme;

#[path = "regneark.rs"]
mod regneark;

#[path = "regneark_fjendtlig.rs"]
mod regneark_fjendtlig;

#[path = "regneark_korpus.rs"]
mod regneark_korpus;

#[path = "regneark_office.rs"]
mod regneark_office;

#[path = "runde.rs"]
mod runde;

#[path = "saetninger.rs"]
mod saetninger;

#[path = "skema.rs"]
mod skema;

#[path = "skema_python.rs"]
mod skema_python;

#[path = "start.rs"]
mod start;

#[cfg(unix)]
#[path = "statuslager.rs"]
mod statuslager;

#[path = "tagtrae.rs"]
mod tagtrae;

#[path = "tekstudtraek.rs"]
mod tekstudtraek;

#[path = "tilbagemelding.rs"]
mod tilbagemelding;

#[path = "typst_diagnoser.rs"]
mod typst_diagnoser;

#[path = "ugyldigt_indhold.rs"]
mod ugyldigt_indhold;

#[path = "word_fjendtlig.rs"]
mod word_fjendtlig;

#[path = "word_office.rs"]
mod word_office;

#[path = "word_python.rs"]
mod word_python;
