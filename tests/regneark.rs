//! The Excel round trip: `skabelon --xlsx` writes a workbook per kommune (pre-filled
//! when it has answers), `indlaes` reads filled workbooks back losslessly — the same
//! data and a byte-identical bilag — lists what would change before it replaces
//! anything, and `eksport` gathers every answer in one workbook or CSV file.

use crate::common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use common::regneark::{Mappe, t};
use common::*;
use fremdrift::indhold::model::KommuneStatus;
use fremdrift::indhold::projekt;

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}\n{}", stdout(o), stderr(o));
}

/// Every status file of a project, by kommune.
fn alle_svar(rod: &Path) -> BTreeMap<String, KommuneStatus> {
    let (p, _) = projekt::indlaes(rod, "2015")
        .uden_fejl()
        .expect("valid content");
    p.status
        .into_iter()
        .map(|s| (s.kommune.id.clone(), s))
        .collect()
}

/// The workbooks of the kommuner that have a status file.
fn skemaer_med_svar(rod: &Path) -> Vec<PathBuf> {
    ok(&fremdrift(rod, &["skabelon", "--alle", "--xlsx"]));
    let ids: Vec<String> = alle_svar(rod).into_keys().collect();
    let mut ud: Vec<PathBuf> = std::fs::read_dir(rod.join("out/2015/skabeloner"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            ids.iter()
                .any(|id| p.to_str().unwrap().ends_with(&format!("-{id}.xlsx")))
        })
        .collect();
    ud.sort();
    ud
}

fn pdf_filer(mappe: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(mappe)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_default_status_file_reads_back_from_its_workbook_with_a_byte_identical_bilag() {
    let original = standardprojekt();
    let ny = standardprojekt();
    let skemaer = skemaer_med_svar(original.path());
    assert_eq!(skemaer.len(), 24);
    for f in projekt::statusfiler(ny.path(), "2015") {
        std::fs::remove_file(ny.path().join(f)).unwrap();
    }
    let mut args = vec!["indlaes".to_string()];
    args.extend(skemaer.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = fremdrift(ny.path(), &args);
    ok(&o);
    assert!(stderr(&o).contains("24 filer: 24 nye, 0 erstattet, 0 uændret, 0 ikke læst ind"));
    assert_eq!(alle_svar(ny.path()), alle_svar(original.path()));
    for rod in [original.path(), ny.path()] {
        ok(&fremdrift(rod, &["bilag", "--alle"]));
    }
    let (a, b) = (
        pdf_filer(&original.path().join("out/2015/bilag")),
        pdf_filer(&ny.path().join("out/2015/bilag")),
    );
    assert_eq!(a.len(), 24);
    for (navn, pdf) in &a {
        assert!(b[navn] == *pdf, "{navn} er ikke byte-identisk");
    }
}

#[test]
fn reading_in_the_same_answers_again_writes_nothing() {
    let dir = standardprojekt();
    let foer: Vec<Vec<u8>> = projekt::statusfiler(dir.path(), "2015")
        .iter()
        .map(|f| std::fs::read(dir.path().join(f)).unwrap())
        .collect();
    let mut args = vec!["indlaes".to_string(), "--overskriv".to_string()];
    args.extend(
        skemaer_med_svar(dir.path())
            .iter()
            .map(|p| p.display().to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = fremdrift(dir.path(), &args);
    ok(&o);
    assert_eq!(
        stdout(&o)
            .matches(": uændret (content/2015/status/")
            .count(),
        24
    );
    let efter: Vec<Vec<u8>> = projekt::statusfiler(dir.path(), "2015")
        .iter()
        .map(|f| std::fs::read(dir.path().join(f)).unwrap())
        .collect();
    assert_eq!(foer, efter, "EKSEMPELDATA-filerne skal stå urørt");
    assert!(!dir.path().join("historik").exists());
}

/// Alfa's workbook with v1 changed from grøn to gul, a new remark, and udkast Ja.
fn aendret_alfa(rod: &Path) -> PathBuf {
    ok(&fremdrift(rod, &["skabelon", "alfa", "--xlsx"]));
    let mut m =
        Mappe::fra_xlsx(&std::fs::read(rod.join("out/2015/skabeloner/101-alfa.xlsx")).unwrap());
    m.ark("Fremdriftsskema")
        .saet("E4", t("gul"))
        .saet("F4", t("Forsinket."));
    m.ark("Oplysninger").saet("B9", t("Ja"));
    let fil = rod.join("alfa-rettet.xlsx");
    std::fs::write(&fil, m.xlsx()).unwrap();
    fil
}

#[test]
fn changed_answers_are_listed_and_written_only_with_overskriv_keeping_the_old_file() {
    let dir = projekt("mini");
    let fil = aendret_alfa(dir.path());
    let status = dir.path().join("content/2015/status/alfa.yaml");
    let gammel = std::fs::read(&status).unwrap();
    let o = fremdrift(dir.path(), &["indlaes", fil.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("fejl: Alfa Kommune har allerede en statusfil med andre svar (content/2015/status/alfa.yaml):"), "{e}");
    assert!(
        e.contains("\n  v1: grøn → gul; bemærkning ændret\n  udkast: nej → ja\n"),
        "{e}"
    );
    assert!(e.contains("kør igen med --overskriv"), "{e}");
    assert_eq!(std::fs::read(&status).unwrap(), gammel);

    let o = fremdrift(
        dir.path(),
        &["indlaes", "--overskriv", fil.to_str().unwrap()],
    );
    ok(&o);
    let ud = stdout(&o);
    assert!(
        ud.contains(
            "→ content/2015/status/alfa.yaml (erstattet; den forrige er gemt i historik/2015/alfa/"
        ),
        "{ud}"
    );
    let historik: Vec<PathBuf> = std::fs::read_dir(dir.path().join("historik/2015/alfa"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(historik.len(), 1);
    assert_eq!(std::fs::read(&historik[0]).unwrap(), gammel);
    let ny = std::fs::read_to_string(&status).unwrap();
    assert!(
        ny.contains("  v1:\n    status: gul\n    bemærkning: \"Forsinket.\"\n"),
        "{ny}"
    );
    assert!(ny.contains("udkast: true"), "{ny}");
    ok(&fremdrift(dir.path(), &["check"]));
}

#[test]
fn hostile_text_in_a_cell_prints_literally_in_the_bilag_exactly_as_from_yaml() {
    let dir = projekt("mini");
    let status = dir.path().join("content/2015/status/alfa.yaml");
    for tekst in FJENDTLIG_TEKST {
        std::fs::write(&status, alfa_med_bemaerkning(tekst)).unwrap();
        ok(&fremdrift(dir.path(), &["bilag", "alfa"]));
        let fra_yaml = std::fs::read(dir.path().join("out/2015/bilag/101-alfa.pdf")).unwrap();
        ok(&fremdrift(dir.path(), &["skabelon", "alfa", "--xlsx"]));
        std::fs::remove_file(&status).unwrap();
        let skema = dir.path().join("out/2015/skabeloner/101-alfa.xlsx");
        ok(&fremdrift(
            dir.path(),
            &["indlaes", skema.to_str().unwrap()],
        ));
        ok(&fremdrift(dir.path(), &["bilag", "alfa"]));
        let fra_regneark = std::fs::read(dir.path().join("out/2015/bilag/101-alfa.pdf")).unwrap();
        assert!(
            indeholder(&pdf_tekst(&fra_regneark), tekst),
            "«{tekst}» står ikke bogstaveligt"
        );
        assert!(
            fra_regneark == fra_yaml,
            "«{tekst}»: bilaget fra regnearket er ikke som fra YAML"
        );
    }
}

/// The XML of a part of a workbook.
fn del(xlsx: &[u8], navn: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    zip.by_name(navn).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn skabelon_writes_a_locked_workbook_with_a_status_dropdown_and_a4_landscape_printing() {
    let dir = projekt("mini");
    ok(&fremdrift(dir.path(), &["skabelon", "--alle", "--xlsx"]));
    let mappe = dir.path().join("out/2015/skabeloner");
    let alfa = std::fs::read(mappe.join("101-alfa.xlsx")).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(alfa.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Fremdriftsskema",
            "Oplysninger",
            "Forslag",
            "Sådan udfylder du skemaet"
        ]
    );
    let skema = wb.worksheet_range("Fremdriftsskema").unwrap();
    let raekke = |r: u32| -> Vec<String> {
        (0..6)
            .map(|k| {
                skema
                    .get_value((r, k))
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            })
            .collect()
    };
    assert_eq!(
        raekke(2),
        [
            "Id",
            "Fokusområde",
            "Niveau",
            "Anbefaling",
            "Status",
            "Bemærkning"
        ]
    );
    assert_eq!(
        raekke(3)[..3],
        ["v1", "Virksomhedsrettede indsatser", "SKAL"]
    );
    assert_eq!(
        raekke(3)[4..],
        ["grøn", "Alfa deltager i rekrutteringsservicen."]
    );
    assert_eq!(
        raekke(4)[5],
        "Første afsnit om virksomhedscentre.\n\nAndet afsnit med flere detaljer."
    );
    let opl = wb.worksheet_range("Oplysninger").unwrap();
    assert_eq!(
        opl.get_value((2, 1)),
        Some(&Data::String("Alfa Kommune".into()))
    );
    assert_eq!(opl.get_value((8, 1)), Some(&Data::String("Nej".into())));

    let ark = del(&alfa, "xl/worksheets/sheet1.xml");
    for del in [
        "<dataValidation type=\"list\"",
        "<formula1>\"grøn,gul,rød\"</formula1>",
        "promptTitle=\"Status\"",
        "errorTitle=\"Ugyldig status\"",
        "<sheetProtection",
        "ySplit=\"3\"",
        "paperSize=\"9\"",
        "orientation=\"landscape\"",
        "fitToHeight=\"0\"",
        "<pageSetUpPr fitToPage=\"1\"/>",
        "<autoFilter ref=\"A3:F7\"/>",
    ] {
        assert!(ark.contains(del), "mangler {del}");
    }
    assert!(!ark.contains("password"), "beskyttet uden adgangskode");
    assert!(del(&alfa, "xl/workbook.xml").contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">Fremdriftsskema!$3:$3</definedName>"));
    assert!(del(&alfa, "xl/styles.xml").contains("locked=\"0\""));
    assert!(del(&alfa, "xl/worksheets/sheet2.xml").contains("<formula1>\"Ja,Nej\"</formula1>"));

    let gamma = std::fs::read(mappe.join("103-gamma.xlsx")).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(gamma)).unwrap();
    let opl = wb.worksheet_range("Oplysninger").unwrap();
    assert_eq!(
        opl.get_value((8, 1)),
        Some(&Data::String("Ja".into())),
        "et nyt skema er et udkast"
    );
    ok(&fremdrift(dir.path(), &["skabelon", "--alle", "--xlsx"]));
    assert_eq!(
        std::fs::read(mappe.join("101-alfa.xlsx")).unwrap(),
        alfa,
        "samme indhold, samme bytes"
    );
}

#[test]
fn skabelon_alle_needs_xlsx() {
    let dir = projekt("mini");
    let o = fremdrift(dir.path(), &["skabelon", "--alle"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("fejl: --alle virker kun sammen med --xlsx"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn eksport_gathers_every_answer_in_a_workbook_and_a_csv_file_for_danish_excel() {
    let dir = standardprojekt();
    ok(&fremdrift(dir.path(), &["eksport"]));
    let bytes = std::fs::read(dir.path().join("out/2015/svar.xlsx")).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(wb.sheet_names(), ["Svar", "Oversigt", "Forslag"]);
    let svar = wb.worksheet_range("Svar").unwrap();
    assert_eq!(svar.height(), 1 + 24 * 16);
    let foerste: Vec<String> = (0..11)
        .map(|k| svar.get_value((1, k)).unwrap().to_string())
        .collect();
    assert_eq!(foerste[..2], ["Københavns Kommune", "101"]);
    assert_eq!(foerste[4], "v1");
    assert!(del(&bytes, "xl/worksheets/sheet1.xml").contains("<autoFilter ref=\"A1:K385\"/>"));
    let oversigt = wb.worksheet_range("Oversigt").unwrap();
    assert_eq!(oversigt.height(), 30);
    let dragoer = (1..30)
        .find(|r| oversigt.get_value((*r, 0)) == Some(&Data::String("Dragør Kommune".into())))
        .unwrap();
    assert_eq!(
        oversigt.get_value((dragoer, 2)),
        Some(&Data::String("Mangler".into()))
    );

    let csv = dir.path().join("svar.csv");
    ok(&fremdrift(
        dir.path(),
        &["eksport", "--format", "csv", "-o", csv.to_str().unwrap()],
    ));
    let tekst = std::fs::read_to_string(&csv).unwrap();
    assert!(tekst.starts_with(
        "\u{feff}Kommune;Kode;Fokusområde;Niveau;Id;Anbefaling;Status;Bemærkning;Behandlet af;Dato;Udkast\r\n"
    ));
    assert_eq!(tekst.matches("\r\n").count(), 1 + 24 * 16);
    assert!(
        tekst.contains("\r\nKøbenhavns Kommune;101;Virksomhedsrettede indsatser;SKAL;v1;"),
        "{tekst}"
    );
}
