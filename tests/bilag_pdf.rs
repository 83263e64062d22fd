//! End-to-end: bilag PDFs from fixture projects, checked for their text, metadata,
//! determinism and atomic replacement.

use crate::common;

use common::*;

fn bilag(dir: &std::path::Path, kommune: &str) -> Vec<u8> {
    let o = fremdrift(dir, &["bilag", kommune]);
    assert!(o.status.success(), "{}", stderr(&o));
    let navn = match kommune {
        "alfa" => "101-alfa.pdf",
        "beta" => "102-beta.pdf",
        andet => panic!("ukendt {andet}"),
    };
    std::fs::read(dir.join("out/2015/bilag").join(navn)).unwrap()
}

#[test]
fn bilag_shows_title_kommune_statuses_and_remarks() {
    let dir = projekt("mini");
    let tekst = pdf_tekst(&bilag(dir.path(), "alfa"));
    for forventet in [
        "NOTAT",
        "KKR TESTREGION",
        "Status for anbefalinger til tværkommunalt samarbejde på beskæftigelsesområdet",
        "Alfa Kommune",
        "Den 26. januar 2016",
        "Sags ID: SAG-2015-01644",
        "Dok.ID: 1993594",
        "Virksomhedsrettede indsatser Grøn/gul/rød Bemærkninger",
        "SKAL-initiativer i 2015:",
        "KAN-initiativer i 2015",
        "Alfa deltager i rekrutteringsservicen.",
        "Første afsnit om virksomhedscentre.",
        "Andet afsnit med flere detaljer.",
        "behandlet i Beskæftigelsesudvalget den 19. januar 2016",
        "Fælles indsats for sygemeldte",
        "Side 1/",
    ] {
        assert!(
            indeholder(&tekst, forventet),
            "«{forventet}» mangler i:\n{tekst}"
        );
    }
    for ord in ["Grøn", "Gul", "Rød"] {
        assert!(tekst.contains(ord), "{ord}");
    }
    assert!(
        tekst.contains("Alfa Kommune har vurderet fremdriften for alle 4 anbefalinger: 2 grønne, 1 gul og 1 rød."),
        "{tekst}"
    );
}

#[test]
fn unanswered_anbefalinger_read_ikke_besvaret_and_draft_is_marked() {
    let dir = projekt("mini");
    let tekst = pdf_tekst(&bilag(dir.path(), "beta"));
    assert!(tekst.contains("Ikke besvaret"), "{tekst}");
    assert!(
        tekst.contains(
            "har vurderet fremdriften for 2 af de 4 anbefalinger: 1 grøn og 1 gul. 2 anbefalinger er ikke besvaret."
        ),
        "{tekst}"
    );
    assert!(
        tekst.contains("Udkast – endnu ikke behandlet politisk."),
        "{tekst}"
    );
}

#[test]
fn bilag_metadata_has_title_author_language_and_content_date() {
    let dir = projekt("mini");
    let pdf = bilag(dir.path(), "alfa");
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let info_ref = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_ref).unwrap();
    let tekst = |k: &[u8]| {
        let o = info.get(k).unwrap();
        lopdf::decode_text_string(o).unwrap()
    };
    assert!(
        tekst(b"Title").ends_with("– Alfa Kommune"),
        "{}",
        tekst(b"Title")
    );
    assert_eq!(tekst(b"Author"), "KKR Testregion");
    assert!(
        tekst(b"CreationDate").starts_with("D:20160126"),
        "{}",
        tekst(b"CreationDate")
    );
    let katalog = doc.catalog().unwrap();
    assert_eq!(
        lopdf::decode_text_string(katalog.get(b"Lang").unwrap()).unwrap(),
        "da"
    );
    assert!(katalog.get(b"StructTreeRoot").is_ok(), "tagged PDF");
    assert!(katalog.get(b"Metadata").is_ok(), "XMP metadata");
    let xmp = String::from_utf8_lossy(&pdf);
    assert!(
        xmp.contains("pdfaid:part>2<") || xmp.contains("pdfaid:part=\"2\""),
        "PDF/A-2 identification"
    );
    assert!(
        xmp.contains("pdfuaid:part>1<") || xmp.contains("pdfuaid:part=\"1\""),
        "PDF/UA-1 identification"
    );
}

#[test]
fn same_input_gives_byte_identical_pdf() {
    let a = projekt("mini");
    let b = projekt("mini");
    let foerste = bilag(a.path(), "alfa");
    let anden = bilag(b.path(), "alfa");
    let tredje = bilag(a.path(), "alfa");
    assert!(foerste == anden, "two projects gave different bytes");
    assert!(foerste == tredje, "a rerun gave different bytes");
}

#[test]
fn failed_run_keeps_the_previous_pdf() {
    let dir = projekt("mini");
    let god = bilag(dir.path(), "alfa");
    let sti = dir.path().join("content/2015/status/alfa.yaml");
    let tekst = std::fs::read_to_string(&sti).unwrap();
    std::fs::write(&sti, tekst.replace("status: grøn", "status: grønn")).unwrap();
    let o = fremdrift(dir.path(), &["bilag", "alfa"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("ugyldig status «grønn»"),
        "{}",
        stderr(&o)
    );
    let efter = std::fs::read(dir.path().join("out/2015/bilag/101-alfa.pdf")).unwrap();
    assert!(efter == god, "the good PDF was changed by a failed run");
    let rester: Vec<_> = std::fs::read_dir(dir.path().join("out/2015/bilag"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(rester, ["101-alfa.pdf"]);
}

#[test]
fn typ_flag_writes_markup_next_to_the_pdf() {
    let dir = projekt("mini");
    let o = fremdrift(dir.path(), &["bilag", "alfa", "--typ"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let typ = std::fs::read_to_string(dir.path().join("out/2015/bilag/101-alfa.typ")).unwrap();
    assert!(typ.contains("#set document(title: \"Status for anbefalinger"));
    assert!(typ.contains("font: \"Carlito\""));
}

#[test]
fn tierless_round_has_no_skal_kan_rows() {
    let dir = projekt("mini");
    let sti = dir.path().join("content/2015/anbefalinger.yaml");
    let tekst = std::fs::read_to_string(&sti).unwrap();
    let uden: String = tekst
        .lines()
        .filter(|l| !l.contains("niveau:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&sti, uden).unwrap();
    let tekst = pdf_tekst(&bilag(dir.path(), "alfa"));
    assert!(!tekst.contains("SKAL-initiativer"), "{tekst}");
    assert!(!tekst.contains("KAN-initiativer"), "{tekst}");
    assert!(tekst.contains("Alfa deltager i rekrutteringsservicen."));
}
