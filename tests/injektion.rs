//! The injection corpus: user text that tries to run Typst code, read files, break out
//! of a table cell or fake a status prints literally; templates and symlinks that try to
//! read outside the project fail cleanly; a runaway template is stopped by the time limit.

use crate::common;

use std::path::Path;

use common::*;

/// Writes a status file for alfa with the given remark on v1 (YAML single-quoted).
fn med_bemaerkning(dir: &Path, tekst: &str) {
    let yaml = alfa_med_bemaerkning(tekst);
    std::fs::write(dir.join("content/2015/status/alfa.yaml"), yaml).unwrap();
}

fn bilag_tekst(dir: &Path) -> String {
    let o = fremdrift(dir, &["bilag", "alfa"]);
    assert!(o.status.success(), "{}", stderr(&o));
    pdf_tekst(&std::fs::read(dir.join("out/2015/bilag/101-alfa.pdf")).unwrap())
}

#[test]
fn user_text_that_looks_like_code_prints_literally() {
    let dir = projekt("mini");
    for forsoeg in FJENDTLIG_TEKST {
        med_bemaerkning(dir.path(), forsoeg);
        let tekst = bilag_tekst(dir.path());
        assert!(
            indeholder(&tekst, forsoeg),
            "«{forsoeg}» blev ikke vist bogstaveligt:\n{tekst}"
        );
        assert!(!tekst.contains("root:x:0:0"), "a file was read");
    }
}

#[test]
fn a_remark_cannot_change_the_status_cell() {
    let dir = projekt("mini");
    med_bemaerkning(dir.path(), "], [#status(\"groen\", [Grøn])], [");
    let tekst = bilag_tekst(dir.path());
    assert!(
        indeholder(&tekst, "1 grøn") || indeholder(&tekst, "3 grønne"),
        "{tekst}"
    );
    assert!(
        indeholder(&tekst, "3 grønne og 1 gul"),
        "the counts come from the status only:\n{tekst}"
    );
}

fn skabelon(dir: &Path, navn: &str, indhold: &str) {
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(dir.join("templates").join(navn), indhold).unwrap();
}

/// A project bilag template: the default one with `typst` at the start of its body.
fn med_i_indhold(dir: &Path, typst: &str) {
    let basis = std::fs::read_to_string(common::repo().join("templates/bilag.typ.j2")).unwrap();
    let ny = basis.replace(
        "{% block indhold %}",
        &format!("{{% block indhold %}}\n{typst}\n"),
    );
    skabelon(dir, "bilag.typ.j2", &ny);
}

fn fejler_med(dir: &Path, args: &[&str], tekst: &str) {
    let o = fremdrift(dir, args);
    assert!(!o.status.success(), "skulle fejle");
    assert!(
        stderr(&o).contains(tekst),
        "«{tekst}» mangler i:\n{}",
        stderr(&o)
    );
    assert!(
        !dir.join("out/2015/bilag/101-alfa.pdf").exists(),
        "no PDF on error"
    );
}

#[test]
fn template_include_outside_the_folder_is_refused() {
    let dir = projekt("mini");
    skabelon(
        dir.path(),
        "bilag.typ.j2",
        "{% include \"../../../etc/passwd\" %}",
    );
    fejler_med(
        dir.path(),
        &["bilag", "alfa"],
        "skabelonnavnet «../../../etc/passwd» er ugyldigt",
    );
}

#[test]
fn template_symlink_out_of_the_project_is_refused() {
    let dir = projekt("mini");
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("templates/bilag.typ.j2")).unwrap();
    fejler_med(
        dir.path(),
        &["bilag", "alfa"],
        "peger uden for projektmappen",
    );
}

#[test]
fn typst_reads_outside_the_project_fail_also_through_symlinks() {
    let dir = projekt("mini");
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("content/hemmelig")).unwrap();
    let basis = std::fs::read_to_string(common::repo().join("templates/bilag.typ.j2")).unwrap();
    for laes in [
        "#read(\"/content/hemmelig\")",
        "#read(\"../../../../etc/passwd\")",
        "#image(\"/etc/passwd\")",
    ] {
        skabelon(
            dir.path(),
            "bilag.typ.j2",
            &basis.replace(
                "{% block indhold %}",
                &format!("{{% block indhold %}}\n{laes}\n"),
            ),
        );
        fejler_med(dir.path(), &["bilag", "alfa"], "fejl: Typst:");
    }
}

#[test]
fn typst_packages_are_not_available() {
    let dir = projekt("mini");
    med_i_indhold(dir.path(), "#import \"@preview/cetz:0.3.0\"");
    fejler_med(
        dir.path(),
        &["bilag", "alfa"],
        "pakker bruges ikke i fremdrift",
    );
}

#[test]
fn a_runaway_template_is_stopped_by_the_time_limit() {
    let dir = projekt("mini");
    med_i_indhold(
        dir.path(),
        "#for i in range(100000) { for j in range(100000) { } }",
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_fremdrift"))
        .args(["-C", dir.path().to_str().unwrap(), "bilag", "alfa"])
        .env("FREMDRIFT_TIDSGRAENSE", "2")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("oversættelsen tog mere end 2 s og blev afbrudt"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("out").exists());
}
