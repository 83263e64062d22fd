//! Hostile spreadsheets, .xlsx and .ods, each made here from Alfa's workbook (no
//! binary files in git): a far-corner cell, zip bombs that declare their size and
//! bombs that lie about it, a million rows, 10 000 columns, huge cells, thousands of
//! sheets, truncated files, random bytes, encryption and XML entity tricks. Each runs
//! the real `fremdrift indlaes` and must end with its Danish message (or read the
//! legitimate cells right), with no panic or abort, nothing written on error, within a
//! bounded wait, and under 400 MB of peak memory (the child's ru_maxrss).
//!
//! Each run prints `MAALING <case> <ms> <MB>`; `scripts/maal-regneark` collects the
//! figures.

use crate::common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::regneark::*;
use fremdrift::regneark::kolonne_navn;

/// The memory a run may use at its peak.
const MAKS_RSS_MB: f64 = 400.0;
/// A bound on the wait, not a speed target (the figures are in docs/test.md).
const FRIST: Duration = Duration::from_secs(120);

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

/// Writes `bytes` as `navn` in the project, reads it in, and checks the bounds every
/// run must keep: no panic, no abort, the memory limit.
fn indlaes(rod: &Path, tilfaelde: &str, navn: &str, bytes: &[u8]) -> Koersel {
    let fil = rod.join(navn);
    std::fs::write(&fil, bytes).unwrap();
    let k = maalt_fremdrift(rod, &["indlaes", fil.to_str().unwrap()], FRIST);
    println!(
        "MAALING\t{tilfaelde}\t{}\t{:.0}",
        k.tid.as_millis(),
        k.rss_mb
    );
    assert!(!k.stderr.contains("panicked"), "{}", k.stderr);
    assert!(
        k.rss_mb < MAKS_RSS_MB,
        "{tilfaelde}: {:.0} MB på sit højeste",
        k.rss_mb
    );
    k
}

/// Refused: exit code 1, every expected text on stderr, the project unchanged.
fn afvist(rod: &Path, tilfaelde: &str, bytes: &[u8], forventet: &[&str]) -> String {
    let navn = format!("{tilfaelde}.{}", endelse(bytes));
    std::fs::write(rod.join(&navn), bytes).unwrap();
    let foer = indhold(rod);
    let k = indlaes(rod, tilfaelde, &navn, bytes);
    assert_eq!(k.kode, Some(1), "{tilfaelde}:\n{}", k.stderr);
    for f in forventet {
        assert!(
            k.stderr.contains(f),
            "{tilfaelde}: mangler «{f}» i:\n{}",
            k.stderr
        );
    }
    assert!(
        k.stderr
            .contains("1 fil: 0 nye, 0 erstattet, 0 uændret, 1 ikke læst ind"),
        "{}",
        k.stderr
    );
    assert!(indhold(rod) == foer, "{tilfaelde}: projektet blev ændret");
    k.stderr
}

/// Read in: exit code 0, and Alfa's answers as the workbook has them.
fn laest(rod: &Path, tilfaelde: &str, bytes: &[u8]) {
    let navn = format!("{tilfaelde}.{}", endelse(bytes));
    let k = indlaes(rod, tilfaelde, &navn, bytes);
    assert_eq!(k.kode, Some(0), "{tilfaelde}:\n{}", k.stderr);
    let yaml = std::fs::read_to_string(status_fil(rod)).unwrap();
    for svar in [
        "  v1:\n    status: grøn\n",
        "  v2:\n    status: gul\n",
        "  b1:\n    status: rød\n",
        "  b2:\n    status: grøn\n",
    ] {
        assert!(
            yaml.contains(svar),
            "{tilfaelde}: mangler «{svar}» i\n{yaml}"
        );
    }
}

fn endelse(bytes: &[u8]) -> &'static str {
    if bytes.windows(8).take(200).any(|w| w == b"mimetype") {
        "ods"
    } else {
        "xlsx"
    }
}

/// Alfa's workbook with one more sheet, «Data», whose worksheet XML (.xlsx) or
/// `table:table` (.ods) is written by `xlsx_ark` / `ods_ark`.
fn med_ekstra_ark(
    m: &Mappe,
    xlsx_ark: impl Fn(&mut dyn Write),
    ods_ark: &str,
) -> (Vec<u8>, Vec<u8>) {
    let mut m = m.clone();
    m.ark.push(Ark::ny("Data"));
    let del = format!("xl/worksheets/sheet{}.xml", m.ark.len());
    let xlsx = med_del(&m.xlsx(), &del, xlsx_ark);
    m.ark.pop();
    let ods = ods_zip(
        &m.ods_indhold()
            .replace(ODS_SLUT, &format!("{ods_ark}{ODS_SLUT}")),
        ODS_MANIFEST,
    );
    (xlsx, ods)
}

/// A worksheet with the rows `raekker` writes.
fn regneark_xml(w: &mut dyn Write, raekker: impl Fn(&mut dyn Write)) {
    w.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
    raekker(w);
    w.write_all(b"</sheetData></worksheet>").unwrap();
}

#[test]
fn a_stray_cell_in_the_far_corner_is_ignored() {
    let (dir, m) = alfa();
    let xlsx = erstat_i_zip(
        &m.xlsx(),
        "xl/worksheets/sheet1.xml",
        "</sheetData>",
        "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>",
    );
    laest(dir.path(), "hjoerne-xlsx", &xlsx);
    // As LibreOffice writes formatting to the end of a sheet: styled empty rows and
    // cells repeated to row 1048576 and column XFD, and a value in the last cell.
    let ods = m.ods_indhold().replacen(
        "</table:table>",
        "<table:table-row table:style-name=\"ro1\" table:number-rows-repeated=\"1048574\"><table:table-cell table:style-name=\"ce1\" table:number-columns-repeated=\"16384\"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated=\"16383\"/><table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row></table:table>",
        1,
    );
    laest(dir.path(), "hjoerne-ods", &ods_zip(&ods, ODS_MANIFEST));
}

#[test]
fn a_value_repeated_to_the_end_of_a_sheet_is_read_only_within_the_rows_and_columns_read() {
    let (dir, m) = alfa();
    let tabel = "<table:table table:name=\"Data\"><table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row></table:table>";
    let (_, ods) = med_ekstra_ark(&m, |_| {}, tabel);
    laest(dir.path(), "gentaget-ods", &ods);
}

#[test]
fn a_zip_bomb_that_declares_its_size_is_refused_before_inflating() {
    let (dir, _) = alfa();
    afvist(
        dir.path(),
        "bombe-xlsx",
        &zip_med_stor_del(80),
        &[
            "fejl: delen «xl/worksheets/sheet1.xml» af regnearket pakker sig ud til 80 MB; fremdrift læser højst 64 MB pr. del",
        ],
    );
    let stor = " ".repeat(80 << 20);
    afvist(
        dir.path(),
        "bombe-ods",
        &ods_zip(&stor, ODS_MANIFEST),
        &["fejl: delen «content.xml» af regnearket pakker sig ud til 80 MB"],
    );
}

#[test]
fn parts_that_together_inflate_beyond_the_limit_are_refused_before_inflating() {
    let (dir, _) = alfa();
    let del = vec![b' '; 60 << 20];
    let navne: Vec<String> = (1..=5)
        .map(|i| format!("xl/media/billede{i}.png"))
        .collect();
    let mut dele: Vec<(&str, &[u8])> = vec![("xl/workbook.xml", b"<workbook/>")];
    dele.extend(navne.iter().map(|n| (n.as_str(), del.as_slice())));
    afvist(
        dir.path(),
        "bomber-xlsx",
        &zip_af(&dele),
        &["fejl: regnearket pakker sig ud til mere end 256 MB; fremdrift læser højst det"],
    );
}

#[test]
fn a_part_that_inflates_beyond_the_size_it_declares_is_cut_off_while_inflating() {
    let (dir, m) = alfa();
    let fyld = |w: &mut dyn Write| {
        let mb = vec![b' '; 1 << 20];
        for _ in 0..200 {
            w.write_all(&mb).unwrap();
        }
    };
    let forventet = ["fejl: en del af regnearket pakker sig ud til mere, end den selv oplyser"];
    let xlsx = med_del(&m.xlsx(), "xl/worksheets/sheet1.xml", fyld);
    let xlsx = med_loegnagtig_stoerrelse(xlsx, "xl/worksheets/sheet1.xml", 4096);
    afvist(dir.path(), "loegn-xlsx", &xlsx, &forventet);
    let ods = med_del(&m.ods(), "content.xml", fyld);
    let ods = med_loegnagtig_stoerrelse(ods, "content.xml", 4096);
    afvist(dir.path(), "loegn-ods", &ods, &forventet);
}

#[test]
fn a_sheet_with_a_million_rows_is_read_to_its_first_rows() {
    let (dir, m) = alfa();
    let (xlsx, _) = med_ekstra_ark(
        &m,
        |w| {
            regneark_xml(w, |w| {
                for r in 1..=1_000_000 {
                    write!(w, "<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c></row>").unwrap();
                }
            })
        },
        "",
    );
    laest(dir.path(), "million-xlsx", &xlsx);
    // An .ods writes a million rows with a value in each in some 100 MB, beyond what
    // is read; a million rows of empty cells, with values in the first and last.
    let mut tabel = String::from("<table:table table:name=\"Data\">");
    let vaerdi = "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"7\"/></table:table-row>";
    tabel += &vaerdi.repeat(10);
    tabel += &"<table:table-row><table:table-cell/></table:table-row>".repeat(999_980);
    tabel += &vaerdi.repeat(10);
    tabel += "</table:table>";
    let (_, ods) = med_ekstra_ark(&m, |_| {}, &tabel);
    laest(dir.path(), "million-ods", &ods);
}

#[test]
fn a_row_of_ten_thousand_columns_is_read_to_its_first_columns() {
    let (dir, m) = alfa();
    let mut ods_raekke = String::from("<table:table table:name=\"Data\"><table:table-row>");
    for k in 0..10_000 {
        ods_raekke +=
            &format!("<table:table-cell office:value-type=\"float\" office:value=\"{k}\"/>");
    }
    ods_raekke += "</table:table-row></table:table>";
    let (xlsx, ods) = med_ekstra_ark(
        &m,
        |w| {
            regneark_xml(w, |w| {
                w.write_all(b"<row r=\"1\">").unwrap();
                for k in 0..10_000 {
                    write!(w, "<c r=\"{}1\"><v>{k}</v></c>", kolonne_navn(k)).unwrap();
                }
                w.write_all(b"</row>").unwrap();
            })
        },
        &ods_raekke,
    );
    laest(dir.path(), "kolonner-xlsx", &xlsx);
    laest(dir.path(), "kolonner-ods", &ods);
}

#[test]
fn a_cell_of_40000_characters_is_refused_at_its_cell() {
    let (dir, mut m) = alfa();
    m.ark("Fremdriftsskema").saet("F4", t("ERSTAT-MIG"));
    let lang = "x".repeat(40_000);
    let forventet = [
        "ark «Fremdriftsskema», celle F4: fejl: cellen har 40000 tegn; et regneark kan højst have 32767 tegn i en celle",
    ];
    let xlsx = erstat_i_zip(&m.xlsx(), "xl/sharedStrings.xml", "ERSTAT-MIG", &lang);
    afvist(dir.path(), "lang-celle-xlsx", &xlsx, &forventet);
    let ods = ods_zip(&m.ods_indhold().replace("ERSTAT-MIG", &lang), ODS_MANIFEST);
    afvist(dir.path(), "lang-celle-ods", &ods, &forventet);
}

#[test]
fn more_text_than_any_workbook_holds_is_refused_without_building_it() {
    let (dir, mut m) = alfa();
    let forventet = ["fejl: regnearkets celler har over 32 MB tekst; fremdrift læser højst det"];
    // One string of 1 MB in 40 cells: 40 MB once each cell has its copy.
    let a = m.ark("Fremdriftsskema");
    for r in 0..40 {
        a.saet(&format!("Z{}", r + 10), t("ERSTAT-MIG"));
    }
    let xlsx = erstat_i_zip(
        &m.xlsx(),
        "xl/sharedStrings.xml",
        "ERSTAT-MIG",
        &"x".repeat(1 << 20),
    );
    afvist(dir.path(), "tekst-xlsx", &xlsx, &forventet);
    // Four thousand million spaces in one cell, written in 20 bytes.
    let ods = m.ods_indhold().replacen(
        "<text:p>ERSTAT-MIG</text:p>",
        "<text:p><text:s text:c=\"4000000000\"/></text:p>",
        1,
    );
    afvist(
        dir.path(),
        "mellemrum-ods",
        &ods_zip(&ods, ODS_MANIFEST),
        &forventet,
    );
}

#[test]
fn a_value_repeated_over_every_row_and_column_of_many_sheets_is_refused() {
    let (dir, m) = alfa();
    let tabel = "<table:table table:name=\"Data\"><table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>";
    let (_, ods) = med_ekstra_ark(&m, |_| {}, &tabel.repeat(4));
    afvist(
        dir.path(),
        "celler-ods",
        &ods,
        &["fejl: regnearket har over 1000000 udfyldte celler; fremdrift læser højst det"],
    );
}

#[test]
fn thousands_of_sheets_are_read_to_the_first_sheets() {
    let (dir, mut m) = alfa();
    let tabeller: String = (0..10_000)
        .map(|i| format!("<table:table table:name=\"Ark{i}\"><table:table-row><table:table-cell/></table:table-row></table:table>"))
        .collect();
    let (_, ods) = med_ekstra_ark(&m, |_| {}, &tabeller);
    laest(dir.path(), "ark-ods", &ods);
    m.ark
        .extend((0..3_000).map(|i| Ark::ny(&format!("Ark{i}"))));
    laest(dir.path(), "ark-xlsx", &m.xlsx());
    m.ark
        .extend((3_000..5_000).map(|i| Ark::ny(&format!("Ark{i}"))));
    afvist(
        dir.path(),
        "dele-xlsx",
        &m.xlsx(),
        &["fejl: regnearket har 5013 dele; fremdrift læser højst 4000"],
    );
}

#[test]
fn a_truncated_workbook_is_damaged() {
    let (dir, m) = alfa();
    for (tilfaelde, b) in [("halv-xlsx", m.xlsx()), ("halv-ods", m.ods())] {
        afvist(
            dir.path(),
            tilfaelde,
            &b[..b.len() / 2],
            &["fejl: filen er beskadiget og kan ikke læses som regneark"],
        );
    }
}

#[test]
fn random_bytes_are_not_a_spreadsheet() {
    let (dir, _) = alfa();
    afvist(
        dir.path(),
        "tilfaeldig-xlsx",
        &tilfaeldige_bytes(1 << 20, 16),
        &["fejl: filen er ikke et regneark"],
    );
    let mut zip = b"PK\x03\x04".to_vec();
    zip.extend(tilfaeldige_bytes(1 << 20, 17));
    afvist(
        dir.path(),
        "tilfaeldig-zip-xlsx",
        &zip,
        &["fejl: filen er beskadiget og kan ikke læses som regneark"],
    );
}

#[test]
fn an_encrypted_ods_asks_for_the_password_to_be_removed() {
    let (dir, _) = alfa();
    let manifest = ODS_MANIFEST.replace(
        "manifest:media-type=\"text/xml\"/>",
        "manifest:media-type=\"text/xml\"><manifest:encryption-data manifest:checksum-type=\"SHA1/1K\" manifest:checksum=\"AAAA\"><manifest:algorithm manifest:algorithm-name=\"Blowfish CFB\" manifest:initialisation-vector=\"AAAA\"/></manifest:encryption-data></manifest:file-entry>",
    );
    let ods = ods_zip(
        &String::from_utf8_lossy(&tilfaeldige_bytes(4096, 5)),
        &manifest,
    );
    afvist(
        dir.path(),
        "krypteret-ods",
        &ods,
        &[
            "fejl: regnearket er beskyttet med en adgangskode og kan ikke læses",
            "fjern adgangskoden",
        ],
    );
}

#[test]
fn an_ods_that_is_a_text_document_is_named_as_such() {
    let (dir, m) = alfa();
    let odt = zip_af(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", m.ods_indhold().as_bytes()),
    ]);
    afvist(
        dir.path(),
        "tekst-ods",
        &odt,
        &[
            "fejl: filen er et OpenDocument-dokument af typen «application/vnd.oasis.opendocument.text», ikke et regneark",
        ],
    );
}

#[test]
fn billion_laughs_and_external_entities_are_refused_unexpanded() {
    let (dir, mut m) = alfa();
    m.ark("Fremdriftsskema").saet("F4", t("ERSTAT-MIG"));
    let xlsx = m.xlsx();
    let ods = m.ods_indhold();
    for (tilfaelde, del, dtd, brug) in [
        (
            "latter-ark-xlsx",
            "xl/worksheets/sheet1.xml",
            milliard_latter("worksheet"),
            "<c r=\"H2\" t=\"inlineStr\"><is><t>&lol9;</t></is></c>",
        ),
        (
            "latter-xlsx",
            "xl/sharedStrings.xml",
            milliard_latter("sst"),
            "&lol9;",
        ),
        (
            "ekstern-xlsx",
            "xl/sharedStrings.xml",
            ekstern_entitet("sst"),
            "&xxe;",
        ),
        (
            "latter-ods",
            "content.xml",
            milliard_latter("office:document-content"),
            "&lol9;",
        ),
        (
            "ekstern-ods",
            "content.xml",
            ekstern_entitet("office:document-content"),
            "&xxe;",
        ),
    ] {
        let b = if del == "content.xml" {
            let x = med_dtd(&ods, &dtd).replace("ERSTAT-MIG", brug);
            ods_zip(&x, ODS_MANIFEST)
        } else {
            let x = med_dtd(&del_af_zip(&xlsx, del), &dtd);
            let x = if del.contains("sheet") {
                x.replacen("</row>", &format!("{brug}</row>"), 1)
            } else {
                x.replace("ERSTAT-MIG", brug)
            };
            med_del(&xlsx, del, |w| w.write_all(x.as_bytes()).unwrap())
        };
        let e = afvist(
            dir.path(),
            tilfaelde,
            &b,
            &[&format!(
                "fejl: delen «{del}» af regnearket har en dokumenttypeerklæring (<!DOCTYPE …>)"
            )],
        );
        assert!(!e.contains("lollol") && !e.contains("root:"), "{e}");
    }
}

#[test]
fn an_entity_that_no_declaration_defines_is_refused() {
    let (dir, mut m) = alfa();
    m.ark("Fremdriftsskema").saet("F4", t("ERSTAT-MIG"));
    let xlsx = erstat_i_zip(&m.xlsx(), "xl/sharedStrings.xml", "ERSTAT-MIG", "&xxe;");
    let ods = ods_zip(
        &m.ods_indhold().replace("ERSTAT-MIG", "&xxe;"),
        ODS_MANIFEST,
    );
    for (tilfaelde, b) in [("entitet-xlsx", xlsx), ("entitet-ods", ods)] {
        let e = afvist(
            dir.path(),
            tilfaelde,
            &b,
            &[
                "fejl: filen er beskadiget og kan ikke læses som regneark",
                "&xxe;",
            ],
        );
        assert!(!e.contains("root:"), "{e}");
    }
}

#[test]
fn millions_of_tiny_shared_strings_are_refused_before_inflating() {
    let (dir, m) = alfa();
    let xlsx = med_del(&m.xlsx(), "xl/sharedStrings.xml", |w| {
        w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">").unwrap();
        for _ in 0..1_000_000 {
            w.write_all(b"<si><t>a</t></si>").unwrap();
        }
        w.write_all(b"</sst>").unwrap();
    });
    afvist(
        dir.path(),
        "strenge-xlsx",
        &xlsx,
        &[
            "fejl: delen «xl/sharedStrings.xml» af regnearket pakker sig ud til 16 MB; fremdrift læser højst 8 MB af en del, der læses hel",
        ],
    );
}
