//! What Typst says about a user's own templates reaches the user: warnings (an unknown
//! font) as Danish warnings with their place, and errors in files a template includes
//! at that file's line — not at a line of the generated markup.

use crate::common;

use std::path::Path;

use common::*;

/// A project bilag template: the default one with `typst` at the start of its body.
fn med_i_indhold(dir: &Path, typst: &str) {
    let basis = std::fs::read_to_string(repo().join("templates/bilag.typ.j2")).unwrap();
    let ny = basis.replace(
        "{% block indhold %}",
        &format!("{{% block indhold %}}\n{typst}\n"),
    );
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(dir.join("templates/bilag.typ.j2"), ny).unwrap();
}

/// The 1-based line and column of `del` in the generated markup of Alfa's bilag.
fn sted_i_markup(dir: &Path, del: &str) -> (usize, usize) {
    let markup = std::fs::read_to_string(dir.join("out/2015/bilag/101-alfa.typ")).unwrap();
    let i = markup.find(del).expect("the line is in the markup");
    let linje = markup[..i].matches('\n').count() + 1;
    let kolonne = i - markup[..i].rfind('\n').map_or(0, |n| n + 1) + 1;
    (linje, kolonne)
}

#[test]
fn an_unknown_font_in_a_template_is_a_danish_warning_with_its_place() {
    let dir = projekt("mini");
    med_i_indhold(dir.path(), "#set text(font: \"Findes Ikke\")");
    let o = fremdrift(dir.path(), &["bilag", "alfa", "--typ"]);
    assert!(
        o.status.success(),
        "a warning does not stop the run: {}",
        stderr(&o)
    );
    assert!(dir.path().join("out/2015/bilag/101-alfa.pdf").exists());
    let (linje, kolonne) = sted_i_markup(dir.path(), "\"Findes Ikke\"");
    let forventet = format!(
        "<genereret>/2015/bilag/101-alfa.typ:{linje}:{kolonne}: advarsel: ukendt skrifttype «Findes Ikke»; teksten sættes med en anden\n  hint: skrifttyperne, der kan bruges, er Carlito; læg andre i projektets fonts/; skriv den genererede Typst-kode ud med --typ for at se linjen"
    );
    assert!(stderr(&o).contains(&forventet), "{}", stderr(&o));

    // Every bilag has it: shown once, with a count; `check` shows it too.
    let o = fremdrift(dir.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fejl = stderr(&o);
    assert_eq!(
        fejl.matches("ukendt skrifttype «Findes Ikke»").count(),
        1,
        "{fejl}"
    );
    assert!(fejl.contains("det samme gælder 1 andet dokument"), "{fejl}");
    let o = fremdrift(dir.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("advarsel: ukendt skrifttype «Findes Ikke»"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_error_in_an_included_file_points_at_that_file_and_line() {
    let dir = projekt("mini");
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/del.typ"),
        "// En del, som skabelonen inkluderer.\nFørste linje.\n  #ukendt-funktion()\n",
    )
    .unwrap();
    med_i_indhold(dir.path(), "#include \"/templates/del.typ\"");
    let o = fremdrift(dir.path(), &["bilag", "alfa"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let fejl = stderr(&o);
    assert!(
        fejl.contains("templates/del.typ:3:4: fejl: Typst: unknown variable: ukendt-funktion"),
        "{fejl}"
    );
    assert!(!fejl.contains("<genereret>"), "{fejl}");
    assert!(!dir.path().join("out/2015/bilag/101-alfa.pdf").exists());
}

#[test]
fn a_broken_image_in_an_included_file_points_at_the_image_call() {
    let dir = projekt("mini");
    let skabeloner = dir.path().join("templates");
    std::fs::create_dir_all(&skabeloner).unwrap();
    std::fs::write(skabeloner.join("logo.png"), "ikke et billede").unwrap();
    std::fs::write(
        skabeloner.join("logo.typ"),
        "#let logo = [\n  #image(\"/templates/logo.png\", alt: \"Logo\")\n]\n#logo\n",
    )
    .unwrap();
    med_i_indhold(dir.path(), "#include \"/templates/logo.typ\"");
    let o = fremdrift(dir.path(), &["bilag", "alfa"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let fejl = stderr(&o);
    assert!(fejl.contains("templates/logo.typ:2:"), "{fejl}");
    assert!(!fejl.contains("<genereret>"), "{fejl}");
}
