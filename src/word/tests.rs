//! The writer and the reader together on the mini project: a document read back as
//! written; controls deleted, tracked changes, a deleted row, pasted paragraphs and
//! comments; errors located as a person finds them; hostile and wrong files refused.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{aabn_bytes, docx, fra_dokument};
use crate::diagnose::Diagnoser;
use crate::indhold::model::KommuneStatus;
use crate::indhold::projekt::{self, Projekt};
use crate::indhold::valider;
use crate::regneark::Skabelon;

fn mini() -> Projekt {
    let rod = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    projekt::indlaes(&rod, "2015").uden_fejl().unwrap().0
}

fn dokument(p: &Projekt, st: Option<&KommuneStatus>) -> Vec<u8> {
    let kommune = st.map_or(&p.kkr.kommuner[0], |s| &s.kommune);
    docx(&Skabelon {
        kkr: &p.kkr,
        runde: &p.runde,
        kommune,
        status: st,
        sidste: None,
    })
    .unwrap()
}

/// The document's body XML.
fn krop(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The document with its body replaced.
fn med_krop(docx: &[u8], xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut ud = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut del = zip.by_index(i).unwrap();
        let navn = del.name().unwrap().to_string();
        let mut b = Vec::new();
        del.read_to_end(&mut b).unwrap();
        ud.start_file(&navn, zip::write::SimpleFileOptions::default())
            .unwrap();
        if navn == "word/document.xml" {
            b = xml.as_bytes().to_vec();
        }
        ud.write_all(&b).unwrap();
    }
    ud.finish().unwrap().into_inner()
}

/// Reads and validates; the status and the diagnostics as text.
fn laes(p: &Projekt, bytes: Vec<u8>) -> (Option<KommuneStatus>, String) {
    let mut d = Diagnoser::default();
    let vis = PathBuf::from("svar.docx");
    let st = match aabn_bytes(bytes) {
        Ok(dok) => fra_dokument(&dok, &vis, &p.kkr, &mut d)
            .and_then(|raw| valider::valider_status(raw, &p.kkr, &p.runde, &vis, &mut d)),
        Err(e) => {
            d.push(crate::diagnose::Diagnose::fejl(&vis, None, e.besked).med_hint(e.hint));
            None
        }
    };
    let fejl = d.har_fejl();
    (st.filter(|_| !fejl), d.to_string())
}

fn samme(a: &KommuneStatus, b: &KommuneStatus) {
    assert_eq!(a.kommune, b.kommune);
    assert_eq!(a.svar, b.svar);
    assert_eq!(a.forslag, b.forslag);
    assert_eq!(a.kontakt, b.kontakt);
    assert_eq!(a.behandlet, b.behandlet);
    assert_eq!(a.udkast, b.udkast);
}

#[test]
fn a_document_reads_back_as_written() {
    let p = mini();
    for st in &p.status {
        let (laest, d) = laes(&p, dokument(&p, Some(st)));
        samme(&laest.unwrap_or_else(|| panic!("{d}")), st);
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let p = mini();
    assert_eq!(
        dokument(&p, p.status.first()),
        dokument(&p, p.status.first())
    );
}

#[test]
fn an_empty_document_reads_as_no_answers() {
    let p = mini();
    let (st, d) = laes(&p, dokument(&p, None));
    let st = st.unwrap_or_else(|| panic!("{d}"));
    assert!(
        st.svar
            .values()
            .all(|s| s.status.is_none() && s.bemaerkning.is_none()),
        "{:?}",
        st.svar
    );
    assert!(st.forslag.is_empty());
}

/// Every content control removed, its content left in the cell (as when a user
/// deletes the controls, or a program drops them).
fn uden_kontroller(xml: &str) -> String {
    let re = regex::Regex::new(
        r"<w:sdt>|</w:sdt>|<w:sdtPr>.*?</w:sdtPr>|<w:sdtContent>|</w:sdtContent>",
    )
    .unwrap();
    re.replace_all(xml, "").into_owned()
}

#[test]
fn deleted_controls_are_read_by_the_cells_text() {
    let p = mini();
    let st = &p.status[0];
    let b = dokument(&p, Some(st));
    let (laest, d) = laes(&p, med_krop(&b, &uden_kontroller(&krop(&b))));
    samme(&laest.unwrap_or_else(|| panic!("{d}")), st);
}

#[test]
fn no_tag_is_needed() {
    let p = mini();
    let st = &p.status[0];
    let b = dokument(&p, Some(st));
    let re = regex::Regex::new(r#"<w:tag w:val="[^"]*"/>|<w:alias w:val="[^"]*"/>"#).unwrap();
    let (laest, d) = laes(&p, med_krop(&b, &re.replace_all(&krop(&b), "")));
    samme(&laest.unwrap_or_else(|| panic!("{d}")), st);
}

/// The document of the first kommune, its first status run replaced by `xml`.
fn med_status(p: &Projekt, fra: &str, til: &str) -> (Vec<u8>, String) {
    let b = dokument(p, None);
    let k = krop(&b);
    assert!(k.contains(fra), "{fra}");
    let k = k.replacen(fra, til, 1);
    (med_krop(&b, &k), k)
}

#[test]
fn errors_are_located_by_table_anbefaling_and_field() {
    let p = mini();
    let (b, _) = med_status(
        &p,
        r#"<w:t xml:space="preserve">Ikke besvaret</w:t>"#,
        r#"<w:t xml:space="preserve">grønn</w:t>"#,
    );
    let (st, d) = laes(&p, b);
    assert!(st.is_none());
    let id = &p.runde.fokusomraader[0].anbefalinger[0].id;
    assert!(
        d.contains(&format!(
            "svar.docx, tabel 2, anbefaling {id}, feltet «Status»: fejl: "
        )),
        "{d}"
    );
    assert!(d.contains("grøn"), "{d}");
}

#[test]
fn tracked_changes_are_read_as_accepted_with_a_warning() {
    let p = mini();
    let b = dokument(&p, None);
    let k = krop(&b).replacen(
        r#"<w:r><w:rPr><w:color w:val="808080"/></w:rPr><w:t xml:space="preserve">Skriv bemærkningen her.</w:t></w:r>"#,
        r#"<w:del w:id="90" w:author="A"><w:r><w:delText>Gammel tekst</w:delText></w:r></w:del><w:ins w:id="91" w:author="A"><w:r><w:t>Ny tekst</w:t></w:r></w:ins>"#,
        1,
    );
    let (st, d) = laes(&p, med_krop(&b, &k));
    let st = st.unwrap_or_else(|| panic!("{d}"));
    let id = &p.runde.fokusomraader[0].anbefalinger[0].id;
    assert_eq!(st.svar[id].bemaerkning.as_deref(), Some("Ny tekst"));
    assert!(
        d.contains("advarsel: dokumentet har ændringer, der ikke er godkendt"),
        "{d}"
    );
}

#[test]
fn a_row_deleted_with_tracked_changes_is_not_read() {
    let p = mini();
    let st = &p.status[0];
    let b = dokument(&p, Some(st));
    let k = krop(&b);
    let id = &p.runde.fokusomraader[0].anbefalinger[0].id;
    // The row of the first anbefaling's id.
    let start = k[..k.find(&format!(">{id}<")).unwrap()]
        .rfind("<w:tr>")
        .unwrap();
    let k = format!(
        "{}<w:tr><w:trPr><w:del w:id=\"9\" w:author=\"A\"/></w:trPr>{}",
        &k[..start],
        &k[start + "<w:tr>".len()..]
    );
    let (laest, d) = laes(&p, med_krop(&b, &k));
    let laest = laest.unwrap_or_else(|| panic!("{d}"));
    assert!(
        laest.svar.get(id).is_none_or(|s| s.status.is_none()),
        "{:?}",
        laest.svar
    );
}

#[test]
fn pasted_paragraphs_keep_their_breaks_and_lose_their_formatting() {
    let p = mini();
    let b = dokument(&p, None);
    let k = krop(&b).replacen(
        r#"<w:p><w:r><w:rPr><w:color w:val="808080"/></w:rPr><w:t xml:space="preserve">Skriv bemærkningen her.</w:t></w:r></w:p>"#,
        concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Overskrift1"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr><w:t>Første </w:t></w:r><w:hyperlink r:id="x"><w:r><w:t>afsnit</w:t></w:r></w:hyperlink><w:commentRangeStart w:id="1"/><w:r><w:t> æøå</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p>"#,
            r#"<w:p/><w:p><w:r><w:t>Andet</w:t><w:br/><w:t>linje</w:t></w:r></w:p>"#
        ),
        1,
    );
    let (st, d) = laes(&p, med_krop(&b, &k));
    let st = st.unwrap_or_else(|| panic!("{d}"));
    let id = &p.runde.fokusomraader[0].anbefalinger[0].id;
    assert_eq!(
        st.svar[id].bemaerkning.as_deref(),
        Some("Første afsnit æøå\n\nAndet\nlinje")
    );
}

#[test]
fn a_document_type_declaration_is_refused() {
    let p = mini();
    let b = dokument(&p, None);
    let k = krop(&b).replacen(
        "<w:document",
        "<!DOCTYPE w:document [<!ENTITY a \"aaaa\">]><w:document",
        1,
    );
    let (st, d) = laes(&p, med_krop(&b, &k));
    assert!(st.is_none());
    assert!(d.contains("dokumenttypeerklæring"), "{d}");
}

#[test]
fn wrong_files_are_refused_with_what_to_do() {
    let p = mini();
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    for (bytes, besked) in [
        (ole.to_vec(), "det gamle Word-format (.doc)"),
        (b"{\\rtf1 x}".to_vec(), "RTF-dokument"),
        (b"hej".to_vec(), "ikke et Word-dokument"),
        (b"PK\x03\x04 skrot".to_vec(), "beskadiget"),
    ] {
        let (st, d) = laes(&p, bytes);
        assert!(st.is_none());
        assert!(d.contains(besked), "{d}");
        assert!(d.contains("hint: "), "{d}");
    }
}

#[test]
fn a_deleted_row_leaves_its_anbefaling_unanswered() {
    let p = mini();
    let st = &p.status[0];
    let b = dokument(&p, Some(st));
    let k = krop(&b);
    let id = &p.runde.fokusomraader[0].anbefalinger[0].id;
    let start = k[..k.find(&format!(">{id}<")).unwrap()]
        .rfind("<w:tr>")
        .unwrap();
    let slut = start + k[start..].find("</w:tr>").unwrap() + "</w:tr>".len();
    let k = format!("{}{}", &k[..start], &k[slut..]);
    let (laest, d) = laes(&p, med_krop(&b, &k));
    let laest = laest.unwrap_or_else(|| panic!("{d}"));
    assert!(
        laest.svar.get(id).is_none_or(|s| s.status.is_none()),
        "{:?}",
        laest.svar
    );
    let andre = |s: &KommuneStatus| {
        s.svar
            .iter()
            .filter(|(k, _)| *k != id)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(andre(&laest), andre(st));
}

#[test]
fn last_periods_answers_stand_beside_and_are_not_read_as_answers() {
    use crate::indhold::model::Status;
    use crate::sidste_aar::{SidsteAar, SidsteForAnbefaling, SidsteSvar};
    let p = mini();
    let st = &p.status[0];
    let id = p.runde.fokusomraader[0].anbefalinger[0].id.clone();
    let sidste = SidsteAar {
        periode: "2014".into(),
        nu: "2015".into(),
        meldt: true,
        anbefalinger: vec![SidsteForAnbefaling {
            id: id.clone(),
            svar: vec![SidsteSvar {
                id: id.clone(),
                status: Some(Status::Roed),
                bemaerkning: Some("Sidste år: rød.".into()),
            }],
        }],
    };
    let b = docx(&Skabelon {
        kkr: &p.kkr,
        runde: &p.runde,
        kommune: &st.kommune,
        status: Some(st),
        sidste: Some(&sidste),
    })
    .unwrap();
    let k = krop(&b);
    assert!(k.contains(">Svar i 2014<"), "{k}");
    assert!(k.contains("2014: Rød – Sidste år: rød."), "{k}");
    let (laest, d) = laes(&p, b);
    samme(&laest.unwrap_or_else(|| panic!("{d}")), st);
}
