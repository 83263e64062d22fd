//! Real office software: a Word document filled with python-docx, then opened and
//! saved again as .docx by LibreOffice Writer (headless, a private profile per run) —
//! Writer 7.4 keeps the controls and their drop-downs but drops every tag and lock,
//! and holds the rich-text fields as input fields in its own model — and one edited in
//! Writer's own format (flat ODT) and saved by Writer as .docx, read in to the same
//! answers. `bash scripts/test` installs LibreOffice Writer (scripts/install-libreoffice)
//! and python-docx (scripts/install-test-deps).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Converts `fil` with `soffice --headless --convert-to <til>` into `ud`; the new file.
fn konverter(fil: &Path, til: &str, ud: &Path) -> PathBuf {
    soffice_konverter(&[fil.to_path_buf()], til, ud);
    let endelse = til.split(':').next().unwrap();
    let ny = ud.join(fil.file_stem().unwrap()).with_extension(endelse);
    assert!(ny.is_file(), "{} mangler", ny.display());
    ny
}

/// Alfa's document from `skabelon`, filled with python-docx.
fn udfyldt(rod: &Path, ud: &Path) -> PathBuf {
    let skemaer = rod.join("skemaer");
    let o = fremdrift(
        rod,
        &[
            "skabelon",
            "alfa",
            "--docx",
            "-o",
            skemaer.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let fil = ud.join("alfa.docx");
    let o = Command::new("python3")
        .arg(repo().join("tests/word/udfyld_python_docx.py"))
        .arg(skemaer.join("101-alfa.docx"))
        .arg(&fil)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    fil
}

/// Reads `fil` into a fresh mini project; its status file for Alfa.
fn indlaest(fil: &Path) -> String {
    let dir = projekt("mini");
    let o = fremdrift(
        dir.path(),
        &["indlaes", "--overskriv", fil.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}:\n{}", fil.display(), stderr(&o));
    std::fs::read_to_string(dir.path().join("content/2015/status/alfa.yaml")).unwrap()
}

#[test]
fn documents_saved_and_edited_by_libreoffice_writer_read_in_to_the_same_answers() {
    let dir = projekt("mini");
    let arbejde = tempfile::tempdir().unwrap();
    let python = udfyldt(dir.path(), arbejde.path());
    let forventet = indlaest(&python);

    let gemt = tempfile::tempdir().unwrap();
    let writer = konverter(&python, "docx:MS Word 2007 XML", gemt.path());
    let xml = common::regneark::del_af_zip(&std::fs::read(&writer).unwrap(), "word/document.xml");
    assert!(xml.contains("<w:sdt>"), "Writer beholdt ikke felterne");
    assert_eq!(indlaest(&writer), forventet, "gemt af Writer");

    // Edited in Writer's own format, then saved by Writer as .docx.
    let flad = tempfile::tempdir().unwrap();
    let fodt = konverter(&writer, "fodt", flad.path());
    let tekst = std::fs::read_to_string(&fodt).unwrap();
    let ved = tekst
        .find("Ikke igangsat endnu.")
        .expect("b1's bemærkning i fodt");
    let slut = ved + tekst[ved..].find("</text:p>").unwrap() + "</text:p>".len();
    let rettet = format!(
        "{}{}{}<text:p>Et nyt afsnit med æøå.</text:p>{}",
        &tekst[..ved],
        "Igangsat i foråret – rettet i LibreOffice.",
        &tekst[ved + "Ikke igangsat endnu.".len()..slut],
        &tekst[slut..]
    );
    std::fs::write(&fodt, rettet).unwrap();
    let igen = tempfile::tempdir().unwrap();
    let redigeret = konverter(&fodt, "docx:MS Word 2007 XML", igen.path());
    let yaml = indlaest(&redigeret);
    let ny = "Igangsat i foråret – rettet i LibreOffice.\n\n      Et nyt afsnit med æøå.";
    assert!(yaml.contains(ny), "{yaml}");
    let gammel = "\"Ikke igangsat endnu.\"";
    let uden = |y: &str| {
        y.lines()
            .filter(|l| {
                !l.contains("bemærkning")
                    && !l.contains("Igangsat")
                    && !l.contains("æøå.")
                    && !l.trim().is_empty()
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(forventet.contains(gammel), "{forventet}");
    assert_eq!(uden(&yaml), uden(&forventet), "redigeret i Writer");
}
