//! The .ods stream reader on content.xml written by hand: each value type, text with
//! paragraphs and spaces, repeats expanded only within the bounds, merged cells,
//! entities, and damaged XML.

use std::io::Write;

use super::super::graenser::{MAKS_KOLONNER, MAKS_RAEKKER};
use super::super::{Aabningsfejl, Projektmappe, Vaerdi, aabn_bytes};
use crate::indhold::dato::Dato;

const START: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>"#;
const SLUT: &str = "</office:spreadsheet></office:body></office:document-content>";

fn zip(tabeller: &str) -> Vec<u8> {
    content(&format!("{START}{tabeller}{SLUT}"))
}

/// An .ods of exactly this content.xml.
fn content(xml: &str) -> Vec<u8> {
    let mut ud = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let valg = zip::write::SimpleFileOptions::default();
    ud.start_file("mimetype", valg).unwrap();
    ud.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    ud.start_file("content.xml", valg).unwrap();
    ud.write_all(xml.as_bytes()).unwrap();
    ud.finish().unwrap().into_inner()
}

fn laes(tabeller: &str) -> Result<Projektmappe, Aabningsfejl> {
    aabn_bytes(zip(tabeller))
}

/// One table of the given rows.
fn tabel(raekker: &str) -> Projektmappe {
    laes(&format!(
        "<table:table table:name=\"A\">{raekker}</table:table>"
    ))
    .unwrap()
}

fn celle(mappe: &Projektmappe, r: u32, k: u32) -> Option<&Vaerdi> {
    mappe.ark[0].celle(r, k)
}

fn tekst(s: &str) -> Vaerdi {
    Vaerdi::Tekst(s.into())
}

#[test]
fn each_value_type_is_read_as_its_value() {
    let m = tabel(concat!(
        "<table:table-row>",
        r#"<table:table-cell office:value-type="string"><text:p>grøn</text:p></table:table-cell>"#,
        r#"<table:table-cell office:value-type="float" office:value="43686000"><text:p>43.686.000</text:p></table:table-cell>"#,
        r#"<table:table-cell office:value-type="percentage" office:value="0.5"/>"#,
        r#"<table:table-cell office:value-type="date" office:date-value="2016-01-21T00:00:00"><text:p>21-01-16</text:p></table:table-cell>"#,
        r#"<table:table-cell office:value-type="boolean" office:boolean-value="true"/>"#,
        r#"<table:table-cell office:value-type="time" office:time-value="PT12H00M00S"/>"#,
        r#"<table:table-cell table:formula="of:=[.A1]&amp;&quot;x&quot;" office:value-type="string" office:string-value="grønx"/>"#,
        r#"<table:table-cell office:value-type="string" office:string-value="fra attributten"><text:p>ikke denne</text:p></table:table-cell>"#,
        r#"<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>"#,
        r#"<table:table-cell office:value-type="float" calcext:value-type="error"><text:p>#I/T</text:p></table:table-cell>"#,
        "</table:table-row>",
    ));
    let forventet = [
        tekst("grøn"),
        Vaerdi::Tal(43_686_000.0),
        Vaerdi::Tal(0.5),
        Vaerdi::Dato(Dato::parse("2016-01-21").unwrap()),
        Vaerdi::Bool(true),
        tekst("PT12H00M00S"),
        Vaerdi::Formel("=[.A1]&\"x\"".into()),
        tekst("fra attributten"),
        Vaerdi::Formel("=1/0".into()),
        Vaerdi::Fejl("#I/T".into()),
    ];
    for (k, v) in forventet.iter().enumerate() {
        assert_eq!(celle(&m, 0, k as u32), Some(v), "kolonne {k}");
    }
}

#[test]
fn paragraphs_line_breaks_and_spaces_become_the_text_typed() {
    let m = tabel(concat!(
        r#"<table:table-row><table:table-cell office:value-type="string">"#,
        r#"<office:annotation><text:p>en kommentar</text:p></office:annotation>"#,
        r#"<text:p>Første<text:s text:c="3"/>linje<text:s/>og <text:span text:style-name="T1">fed</text:span></text:p>"#,
        "\n  ",
        r#"<text:p>anden<text:line-break/>tredje<text:tab/>&amp;&#233;</text:p><text:p/><text:p>Nyt afsnit.</text:p>"#,
        "</table:table-cell></table:table-row>",
    ));
    assert_eq!(
        celle(&m, 0, 0),
        Some(&tekst(
            "Første   linje og fed\nanden\ntredje\t&é\n\nNyt afsnit."
        ))
    );
}

#[test]
fn empty_and_styled_cells_hold_no_value() {
    let m = tabel(concat!(
        r#"<table:table-row><table:table-cell table:style-name="ce1"/><table:table-cell office:value-type="string"><text:p/></table:table-cell>"#,
        r#"<table:table-cell><text:p>uden type</text:p></table:table-cell></table:table-row>"#,
    ));
    assert_eq!(celle(&m, 0, 0), None);
    assert_eq!(celle(&m, 0, 1), None);
    assert_eq!(celle(&m, 0, 2), Some(&tekst("uden type")));
}

#[test]
fn repeated_rows_and_cells_are_expanded_only_within_the_rows_and_columns_read() {
    let m = tabel(concat!(
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell/>"#,
        r#"<table:table-cell table:number-columns-repeated="3" office:value-type="float" office:value="1"/></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>for langt nede</text:p></table:table-cell></table:table-row>"#,
    ));
    let ark = &m.ark[0];
    for r in 0..2 {
        assert_eq!(ark.celle(r, 0), None);
        for k in 1..4 {
            assert_eq!(ark.celle(r, k), Some(&Vaerdi::Tal(1.0)));
        }
        assert_eq!(ark.celle(r, 4), None);
    }
    assert_eq!(ark.celle(2, 0), Some(&tekst("x")));
    assert_eq!(
        ark.celle(MAKS_RAEKKER - 1, MAKS_KOLONNER - 1),
        Some(&tekst("x"))
    );
    let antal = 2 * 3 + (MAKS_RAEKKER as usize - 2) * MAKS_KOLONNER as usize;
    assert_eq!(ark.celler.len(), antal);
}

#[test]
fn a_cell_after_ten_thousand_columns_and_rows_below_the_limit_are_not_read() {
    let m = tabel(concat!(
        r#"<table:table-row><table:table-cell table:number-columns-repeated="10000"/><table:table-cell office:value-type="string"><text:p>langt ude</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="10000"><table:table-cell/></table:table-row>"#,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>langt nede</text:p></table:table-cell></table:table-row>"#,
    ));
    assert!(m.ark[0].celler.is_empty(), "{:?}", m.ark[0].celler);
}

#[test]
fn merged_cells_are_kept_as_merged_areas() {
    let m = tabel(concat!(
        r#"<table:table-row><table:table-cell/><table:table-cell table:number-columns-spanned="1" table:number-rows-spanned="2" office:value-type="string"><text:p>grøn</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row><table:table-cell/><table:covered-table-cell office:value-type="string"><text:p>skjult</text:p></table:covered-table-cell></table:table-row>"#,
    ));
    let ark = &m.ark[0];
    assert_eq!(ark.flettede.len(), 1);
    assert_eq!(
        (ark.flettede[0].start, ark.flettede[0].end),
        ((0, 1), (1, 1))
    );
    assert_eq!(ark.celle(1, 1), Some(&tekst("skjult")));
}

#[test]
fn only_the_first_sheets_are_read_in_their_order() {
    let tabeller: String = (0..40)
        .map(|i| format!("<table:table table:name=\"Ark {i}\"/>"))
        .collect();
    let m = laes(&tabeller).unwrap();
    assert_eq!(m.ark.len(), 32);
    assert_eq!(m.ark[31].navn, "Ark 31");
}

#[test]
fn an_entity_no_declaration_defines_is_refused() {
    let e = laes(r#"<table:table table:name="A"><table:table-row><table:table-cell office:value-type="string"><text:p>&lol;</text:p></table:table-cell></table:table-row></table:table>"#).unwrap_err();
    assert!(e.besked.contains("beskadiget"), "{e:?}");
    assert!(e.hint.contains("ukendt XML-entitet «&lol;»"), "{e:?}");
}

#[test]
fn content_that_ends_inside_a_sheet_is_damaged() {
    let xml = format!("{START}<table:table table:name=\"A\"><table:table-row>");
    let e = aabn_bytes(content(&xml)).unwrap_err();
    assert!(e.besked.contains("beskadiget"), "{e:?}");
}
