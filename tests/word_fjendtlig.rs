//! Broken and hostile Word documents, each made here from Alfa's document (no binary
//! files in git): zip bombs that declare their size and one that lies about it, an
//! enormous body, a million paragraphs, deep nesting, entity tricks, truncated files,
//! random bytes, an old .doc, an encrypted file, a workbook or an .odt named .docx,
//! and a document with many errors at once. Each runs the real `fremdrift indlaes` and
//! must end with its Danish message, with no panic or abort, nothing written, within a
//! bounded wait and under 400 MB of peak memory (the child's ru_maxrss), as the
//! workbooks in tests/regneark_fjendtlig.rs.

use crate::common;

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::regneark::*;

const MAKS_RSS_MB: f64 = 400.0;
const FRIST: Duration = Duration::from_secs(120);
const KROP: &str = "word/document.xml";

/// Every file in the project with its content.
fn indhold(rod: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut ud = BTreeMap::new();
    let mut mapper = vec![rod.to_path_buf()];
    while let Some(m) = mapper.pop() {
        for e in std::fs::read_dir(&m).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                mapper.push(e.path());
            } else {
                ud.insert(e.path(), std::fs::read(e.path()).unwrap());
            }
        }
    }
    ud
}

/// The mini project without Alfa's status file, and Alfa's pre-filled document.
fn alfa() -> (tempfile::TempDir, Vec<u8>) {
    let dir = common::projekt("mini");
    let ud = dir.path().join("skemaer");
    let o = common::fremdrift(
        dir.path(),
        &["skabelon", "alfa", "--docx", "-o", ud.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let b = std::fs::read(ud.join("101-alfa.docx")).unwrap();
    std::fs::remove_dir_all(&ud).unwrap();
    std::fs::remove_file(status_fil(dir.path())).unwrap();
    (dir, b)
}

/// Refused: exit code 1, every expected text on stderr, the project unchanged, within
/// the time and memory bounds.
fn afvist(rod: &Path, tilfaelde: &str, navn: &str, bytes: &[u8], forventet: &[&str]) -> String {
    let fil = rod.join(navn);
    std::fs::write(&fil, bytes).unwrap();
    let foer = indhold(rod);
    let k = maalt_fremdrift(rod, &["indlaes", fil.to_str().unwrap()], FRIST);
    println!(
        "MAALING\t{tilfaelde}\t{}\t{:.0}",
        k.tid.as_millis(),
        k.rss_mb
    );
    assert!(!k.stderr.contains("panicked"), "{}", k.stderr);
    assert!(k.rss_mb < MAKS_RSS_MB, "{tilfaelde}: {:.0} MB", k.rss_mb);
    assert_eq!(k.kode, Some(1), "{tilfaelde}:\n{}", k.stderr);
    for f in forventet {
        assert!(
            k.stderr.contains(f),
            "{tilfaelde}: mangler «{f}» i:\n{}",
            k.stderr
        );
    }
    assert!(
        k.stderr.contains("hint: "),
        "{tilfaelde}: intet hint:\n{}",
        k.stderr
    );
    assert!(
        k.stderr
            .contains("1 fil: 0 nye, 0 erstattet, 0 uændret, 1 ikke læst ind"),
        "{}",
        k.stderr
    );
    assert!(indhold(rod) == foer, "{tilfaelde}: projektet blev ændret");
    std::fs::remove_file(&fil).unwrap();
    k.stderr
}

/// Alfa's document with its body written by `skriv`.
fn med_krop(docx: &[u8], skriv: impl Fn(&mut dyn Write)) -> Vec<u8> {
    med_del(docx, KROP, skriv)
}

/// The body's XML with `fra` replaced by `til` once.
fn erstat(docx: &[u8], fra: &str, til: &str) -> Vec<u8> {
    let x = del_af_zip(docx, KROP);
    assert!(x.contains(fra), "«{fra}»");
    let x = x.replacen(fra, til, 1);
    med_krop(docx, |w| w.write_all(x.as_bytes()).unwrap())
}

#[test]
fn zip_bombs_are_refused_before_inflating() {
    let (dir, docx) = alfa();
    let fyld = |mb: usize| {
        move |w: &mut dyn Write| {
            let blok = vec![b' '; 1 << 20];
            for _ in 0..mb {
                w.write_all(&blok).unwrap();
            }
        }
    };
    afvist(
        dir.path(),
        "bombe",
        "bombe.docx",
        &med_krop(&docx, fyld(80)),
        &[
            "fejl: delen «word/document.xml» af dokumentet pakker sig ud til 80 MB; fremdrift læser højst 64 MB pr. del",
        ],
    );
    afvist(
        dir.path(),
        "bombe-typografier",
        "typografier.docx",
        &med_del(&docx, "word/styles.xml", fyld(10)),
        &[
            "fejl: delen «word/styles.xml» af dokumentet pakker sig ud til 10 MB; fremdrift læser højst 8 MB af en del, der læses hel",
        ],
    );
    let loegn = med_loegnagtig_stoerrelse(med_krop(&docx, fyld(200)), KROP, 4096);
    afvist(
        dir.path(),
        "loegn",
        "loegn.docx",
        &loegn,
        &["fejl: en del af dokumentet pakker sig ud til mere, end den selv oplyser"],
    );
}

#[test]
fn an_enormous_body_is_refused_without_building_it() {
    let (dir, docx) = alfa();
    let x = del_af_zip(&docx, KROP);
    let (foer, efter) = x.split_at(x.find("</w:body>").unwrap());
    let tekst = med_krop(&docx, |w| {
        w.write_all(foer.as_bytes()).unwrap();
        w.write_all(b"<w:p><w:r><w:t>").unwrap();
        let blok = "tekst og mere tekst ".repeat(1 << 16);
        for _ in 0..36 {
            w.write_all(blok.as_bytes()).unwrap();
        }
        w.write_all(b"</w:t></w:r></w:p>").unwrap();
        w.write_all(efter.as_bytes()).unwrap();
    });
    afvist(
        dir.path(),
        "tekst",
        "tekst.docx",
        &tekst,
        &["fejl: dokumentet har over 32 MB tekst; fremdrift læser højst det"],
    );
    let afsnit = med_krop(&docx, |w| {
        w.write_all(foer.as_bytes()).unwrap();
        let blok = "<w:p/>".repeat(1 << 16);
        for _ in 0..17 {
            w.write_all(blok.as_bytes()).unwrap();
        }
        w.write_all(efter.as_bytes()).unwrap();
    });
    afvist(
        dir.path(),
        "afsnit",
        "afsnit.docx",
        &afsnit,
        &["fejl: dokumentet har over 1000000 afsnit; fremdrift læser højst det"],
    );
}

#[test]
fn deep_nesting_is_read_without_recursion() {
    let (dir, docx) = alfa();
    let n = 200_000;
    let dyb = med_krop(&docx, |w| {
        w.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#).unwrap();
        w.write_all("<w:tbl><w:tr><w:tc>".repeat(n).as_bytes())
            .unwrap();
        w.write_all(b"<w:p><w:r><w:t>Kommune</w:t></w:r></w:p>")
            .unwrap();
        w.write_all("</w:tc></w:tr></w:tbl>".repeat(n).as_bytes())
            .unwrap();
        w.write_all(b"</w:body></w:document>").unwrap();
    });
    afvist(
        dir.path(),
        "dyb",
        "dyb.docx",
        &dyb,
        &["fejl: dokumentet har ingen tabel med kolonnerne «Id», «Grøn/gul/rød» og «Bemærkninger»"],
    );
}

#[test]
fn billion_laughs_external_and_unknown_entities_are_refused_unexpanded() {
    let (dir, docx) = alfa();
    for (tilfaelde, del, dtd) in [
        ("latter", KROP, milliard_latter("w:document")),
        ("ekstern", KROP, ekstern_entitet("w:document")),
        (
            "latter-typografier",
            "word/styles.xml",
            milliard_latter("w:styles"),
        ),
    ] {
        let x = med_dtd(&del_af_zip(&docx, del), &dtd).replacen(
            "Ikke besvaret",
            if tilfaelde == "ekstern" {
                "&xxe;"
            } else {
                "&lol9;"
            },
            1,
        );
        let b = med_del(&docx, del, |w| w.write_all(x.as_bytes()).unwrap());
        let e = afvist(
            dir.path(),
            tilfaelde,
            &format!("{tilfaelde}.docx"),
            &b,
            &[&format!(
                "fejl: delen «{del}» af dokumentet har en dokumenttypeerklæring (<!DOCTYPE …>), som Word og LibreOffice aldrig skriver"
            )],
        );
        assert!(!e.contains("lollol") && !e.contains("root:"), "{e}");
    }
    let ukendt = erstat(
        &docx,
        "<w:t xml:space=\"preserve\">Nej</w:t>",
        "<w:t>&ukendt;</w:t>",
    );
    afvist(
        dir.path(),
        "ukendt-entitet",
        "ukendt.docx",
        &ukendt,
        &[
            "fejl: filen er beskadiget, og dokumentet kan ikke læses",
            "ukendt XML-entitet «&ukendt;»",
        ],
    );
}

#[test]
fn damaged_and_wrong_files_are_named_with_what_to_do() {
    let (dir, docx) = alfa();
    let gem = "gem den som Word-dokument (.docx)";
    afvist(
        dir.path(),
        "afkortet",
        "afkortet.docx",
        &docx[..docx.len() / 2],
        &[
            "fejl: filen er beskadiget, og dokumentet kan ikke læses",
            gem,
        ],
    );
    afvist(
        dir.path(),
        "tilfaeldig",
        "tilfaeldig.docx",
        &tilfaeldige_bytes(50_000, 7),
        &["fejl: filen er ikke et Word-dokument (.docx)", gem],
    );
    let xml = del_af_zip(&docx, KROP).replacen("</w:body>", "<w:p>", 1);
    let skaaret = med_krop(&docx, |w| w.write_all(xml.as_bytes()).unwrap());
    afvist(
        dir.path(),
        "xml",
        "xml.docx",
        &skaaret,
        &["fejl: filen er beskadiget, og dokumentet kan ikke læses"],
    );
    let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cfb.create_stream("/WordDocument")
        .unwrap()
        .write_all(&[0xEC, 0xA5, 0xC1, 0])
        .unwrap();
    cfb.flush().unwrap();
    let doc = cfb.into_inner().into_inner();
    afvist(
        dir.path(),
        "doc",
        "gammel.doc",
        &doc,
        &[
            "fejl: filen er i det gamle Word-format (.doc), som fremdrift ikke læser",
            "Filer → Gem som → Word-dokument",
        ],
    );
    afvist(
        dir.path(),
        "krypteret",
        "krypteret.docx",
        &krypteret(),
        &["fejl: dokumentet er beskyttet med en adgangskode og kan ikke læses"],
    );
    let xlsx = zip_af(&[("xl/workbook.xml", b"<workbook/>")]);
    afvist(
        dir.path(),
        "xlsx",
        "regneark.docx",
        &xlsx,
        &[
            "fejl: filen er et Excel-regneark, ikke et Word-dokument",
            ".xlsx",
        ],
    );
    let odt = zip_af(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<x/>"),
    ]);
    afvist(
        dir.path(),
        "odt",
        "tekst.odt",
        &odt,
        &[
            "fejl: filen er et OpenDocument-dokument (.odt), som fremdrift ikke læser",
            gem,
        ],
    );
    afvist(
        dir.path(),
        "zip",
        "zip.docx",
        &zip_af(&[("a.txt", b"a")]),
        &["fejl: filen er et zip-arkiv, men ikke et Word-dokument"],
    );
    let mut stor = docx.clone();
    stor.resize(21 << 20, 0);
    afvist(
        dir.path(),
        "stor",
        "stor.docx",
        &stor,
        &["fejl: filen fylder over 20 MB"],
    );
}

#[test]
fn every_error_is_reported_at_once_at_its_place() {
    let (dir, docx) = alfa();
    let x = del_af_zip(&docx, KROP);
    let x = x
        .replacen(">Grøn<", ">Grønn<", 1)
        .replacen(">Rød<", ">Blå<", 1)
        .replacen(
            "<w:t xml:space=\"preserve\">Nej</w:t>",
            "<w:t xml:space=\"preserve\">Måske</w:t>",
            1,
        );
    let b = med_krop(&docx, |w| w.write_all(x.as_bytes()).unwrap());
    let e = afvist(
        dir.path(),
        "mange-fejl",
        "alfa.docx",
        &b,
        &[
            "alfa.docx, tabel 2, anbefaling v1, feltet «Status»: fejl: ",
            "mente du «grøn»?",
            "alfa.docx, tabel 3, anbefaling b1, feltet «Status»: fejl: ",
            "alfa.docx, tabel 1, feltet «Udkast»: fejl: «Måske» er hverken Ja eller Nej",
        ],
    );
    assert!(e.matches(": fejl: ").count() >= 3, "{e}");
}
