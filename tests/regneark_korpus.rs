//! A corpus of broken and odd spreadsheets, each made here from the workbook that
//! `fremdrift skabelon --xlsx` writes, changed the way people change workbooks: each
//! refused one gets its Danish message with sheet and cell, no panic and no file;
//! each odd but meaningful one reads in to the right answers.

use crate::common;

use std::path::Path;

use common::regneark::{Mappe, V, alfa, erstat_i_zip, krypteret, status_fil, t};
use common::*;

/// Writes `bytes` as `navn` in the project and reads it in.
fn indlaes(rod: &Path, navn: &str, bytes: &[u8]) -> std::process::Output {
    let fil = rod.join(navn);
    std::fs::write(&fil, bytes).unwrap();
    fremdrift(rod, &["indlaes", fil.to_str().unwrap()])
}

/// Refused: exit code 1, every expected line on stderr, no panic, nothing written.
fn afvist(rod: &Path, navn: &str, bytes: &[u8], forventet: &[&str]) {
    let o = indlaes(rod, navn, bytes);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    for f in forventet {
        assert!(e.contains(f), "mangler «{f}» i:\n{e}");
    }
    assert!(!e.contains("panicked"), "{e}");
    assert!(
        !status_fil(rod).exists(),
        "der blev skrevet en statusfil:\n{e}"
    );
    assert!(!rod.join("historik").exists());
}

/// Accepted: exit code 0, and the status file written.
fn laest(rod: &Path, navn: &str, bytes: &[u8]) -> String {
    let o = indlaes(rod, navn, bytes);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("content/2015/status/alfa.yaml"),
        "{}",
        stdout(&o)
    );
    std::fs::read_to_string(status_fil(rod)).unwrap()
}

fn med_skema(m: &mut Mappe, f: impl FnOnce(&mut common::regneark::Ark)) -> Vec<u8> {
    f(m.ark("Fremdriftsskema"));
    m.xlsx()
}

fn med_oplysninger(m: &mut Mappe, f: impl FnOnce(&mut common::regneark::Ark)) -> Vec<u8> {
    f(m.ark("Oplysninger"));
    m.xlsx()
}

#[test]
fn a_misspelt_status_is_refused_at_its_cell_with_a_suggestion() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| _ = a.saet("E4", t("grønn")));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "alfa.xlsx, ark «Fremdriftsskema», celle E4: fejl: ugyldig status «grønn»",
            "hint: mente du «grøn»?",
        ],
    );
}

#[test]
fn an_unknown_status_names_the_valid_ones() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| _ = a.saet("E6", t("blå")));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "ark «Fremdriftsskema», celle E6: fejl: ugyldig status «blå»",
            "grøn, gul og rød",
        ],
    );
}

#[test]
fn an_unknown_id_is_refused() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| _ = a.saet("A7", t("b9")));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &["celle A7: fejl: der findes ingen anbefaling med id «b9» i 2015"],
    );
}

#[test]
fn two_rows_with_one_id_are_refused_naming_both_cells() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| _ = a.saet("A5", t("v1")));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "celle A5: fejl: anbefaling «v1» er besvaret to gange",
            "den er også besvaret i celle A4",
        ],
    );
}

#[test]
fn a_missing_id_column_is_refused_at_the_header_row() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| _ = a.ryd("A3"));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "ark «Fremdriftsskema», celle A3: fejl: kolonnen «Id» mangler i overskriftsrækken (række 3)",
        ],
    );
}

#[test]
fn a_missing_status_column_is_refused() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| _ = a.saet("E3", t("Farve")));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &["celle A3: fejl: kolonnen «Status» mangler i overskriftsrækken"],
    );
}

#[test]
fn an_unknown_kommune_is_refused_with_the_words_of_check() {
    let (dir, mut m) = alfa();
    let b = med_oplysninger(&mut m, |a| _ = a.saet("B3", t("Alfaa")));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "ark «Oplysninger», celle B3: fejl: kommunen «Alfaa» findes ikke i KKR Testregion",
            "mente du «alfa»?",
        ],
    );
}

#[test]
fn an_empty_workbook_is_refused() {
    let (dir, _) = alfa();
    let tom = Mappe {
        ark: vec![common::regneark::Ark::ny("Ark1")],
    };
    afvist(
        dir.path(),
        "tom.xlsx",
        &tom.xlsx(),
        &[
            "tom.xlsx: fejl: regnearket har intet ark «Fremdriftsskema»",
            "tom.xlsx: fejl: regnearket har intet ark «Oplysninger»",
        ],
    );
}

#[test]
fn a_text_file_renamed_to_xlsx_is_not_a_spreadsheet() {
    let (dir, _) = alfa();
    afvist(
        dir.path(),
        "svar.xlsx",
        b"kommune: alfa\nsvar:\n  v1:\n    status: gron\n",
        &[
            "svar.xlsx: fejl: filen er ikke et regneark",
            "gem den som Excel-projektmappe (.xlsx)",
        ],
    );
}

#[test]
fn an_encrypted_workbook_asks_for_the_password_to_be_removed() {
    let (dir, _) = alfa();
    afvist(
        dir.path(),
        "hemmelig.xlsx",
        &krypteret(),
        &[
            "fejl: regnearket er beskyttet med en adgangskode og kan ikke læses",
            "fjern adgangskoden",
        ],
    );
}

#[test]
fn an_old_xls_file_is_named_as_such() {
    let (dir, _) = alfa();
    let mut cfb = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    std::io::Write::write_all(&mut cfb.create_stream("/Workbook").unwrap(), &[9, 8, 0, 0]).unwrap();
    cfb.flush().unwrap();
    let bytes = cfb.into_inner().into_inner();
    afvist(
        dir.path(),
        "gammel.xls",
        &bytes,
        &["fejl: filen er i det gamle Excel-format (.xls)"],
    );
}

#[test]
fn a_formula_in_a_status_cell_is_refused() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| {
        _ = a.saet("E4", V::F("=IF(1,\"grøn\",\"rød\")".into()))
    });
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "celle E4: fejl: cellen indeholder formlen «=IF(1,\"grøn\",\"rød\")», ikke en værdi",
            "skriv værdien direkte i cellen",
        ],
    );
}

#[test]
fn a_number_in_a_status_cell_is_refused() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| _ = a.saet("E5", V::N(3.0)));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "celle E5: fejl: tallet 3 er ikke en status",
            "vælg grøn, gul eller rød fra listen",
        ],
    );
}

#[test]
fn a_number_where_text_belongs_is_read_as_its_digits() {
    let (dir, mut m) = alfa();
    let b = med_oplysninger(&mut m, |a| _ = a.saet("B8", V::N(43_686_000.0)));
    let yaml = laest(dir.path(), "alfa.xlsx", &b);
    assert!(yaml.contains("telefon: \"43686000\""), "{yaml}");
}

#[test]
fn a_bemaerkning_longer_than_a_cell_can_hold_is_refused() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| _ = a.saet("F4", t("ERSTAT-MIG")));
    let lang = "x".repeat(40_000);
    let b = erstat_i_zip(&b, "xl/sharedStrings.xml", "ERSTAT-MIG", &lang);
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "celle F4: fejl: cellen har 40000 tegn; et regneark kan højst have 32767 tegn i en celle",
        ],
    );
}

#[test]
fn a_control_character_in_a_bemaerkning_is_refused_at_its_cell() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| _ = a.saet("F4", t("ERSTAT-MIG")));
    // Word's line break, pasted into a cell: Excel stores it as `_x000B_`.
    let b = erstat_i_zip(&b, "xl/sharedStrings.xml", "ERSTAT-MIG", "Et_x000B_to");
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "alfa.xlsx, ark «Fremdriftsskema», celle F4: fejl: bemærkningen til «v1» indeholder et usynligt styretegn (U+000B)",
            "hint: U+000B er et linjeskift fra Word: skriv et almindeligt linjeskift i stedet",
        ],
    );
}

#[test]
fn hidden_rows_are_read_in_like_the_others() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| {
        a.saet("E5", t("rød"));
        a.skjulte = vec![4, 5];
    });
    let yaml = laest(dir.path(), "alfa.xlsx", &b);
    assert!(yaml.contains("  v2:\n    status: rød\n"), "{yaml}");
    assert!(yaml.contains("  b1:\n    status: rød\n"), "{yaml}");
}

#[test]
fn merged_answer_cells_are_refused() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| a.flettede.push((3, 4, 4, 4)));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "ark «Fremdriftsskema», celle E4: fejl: cellerne E4:E5 er flettet sammen",
            "ophæv fletningen",
        ],
    );
}

#[test]
fn each_usual_date_form_is_accepted() {
    for dato in [
        t("21-01-2016"),
        t("21.1.2016"),
        t("21/1/2016"),
        t("21. januar 2016"),
        t("2016-01-21"),
        V::D(2016, 1, 21),
    ] {
        let (dir, mut m) = alfa();
        let b = med_oplysninger(&mut m, |a| _ = a.saet("B5", dato.clone()));
        let yaml = laest(dir.path(), "alfa.xlsx", &b);
        assert!(yaml.contains("  dato: 2016-01-21\n"), "{dato:?}:\n{yaml}");
    }
}

#[test]
fn a_text_that_is_no_date_is_refused_with_the_forms_to_use() {
    let (dir, mut m) = alfa();
    let b = med_oplysninger(&mut m, |a| _ = a.saet("B5", t("i går")));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "ark «Oplysninger», celle B5: fejl: «i går» er ikke en dato",
            "skriv datoen som 26-01-2016 eller 26. januar 2016",
        ],
    );
}

#[test]
fn a_day_that_does_not_exist_is_refused() {
    let (dir, mut m) = alfa();
    let b = med_oplysninger(&mut m, |a| _ = a.saet("B5", t("30-02-2016")));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &["celle B5: fejl: datoen «30-02-2016» findes ikke"],
    );
}

#[test]
fn udkast_other_than_ja_or_nej_is_refused_with_a_suggestion() {
    let (dir, mut m) = alfa();
    let b = med_oplysninger(&mut m, |a| _ = a.saet("B9", t("Jaa")));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &[
            "celle B9: fejl: «Jaa» er hverken Ja eller Nej",
            "mente du «Ja»?",
        ],
    );
}

#[test]
fn a_treatment_without_its_date_is_refused() {
    let (dir, mut m) = alfa();
    let b = med_oplysninger(&mut m, |a| _ = a.ryd("B5"));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &["celle B5: fejl: «Behandlet af» er udfyldt, men «Dato for behandling» mangler"],
    );
}

#[test]
fn an_answer_without_an_id_is_refused() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| _ = a.ryd("A6"));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &b,
        &["celle A6: fejl: række 6 har et svar, men intet id"],
    );
}

#[test]
fn a_proposal_without_a_title_is_refused() {
    let (dir, mut m) = alfa();
    m.ark("Forslag").ryd("A4");
    afvist(
        dir.path(),
        "alfa.xlsx",
        &m.xlsx(),
        &["ark «Forslag», celle A4: fejl: forslaget i række 4 har en tekst, men ingen titel"],
    );
}

#[test]
fn all_errors_of_a_file_are_shown_at_once() {
    let (dir, mut m) = alfa();
    m.ark("Fremdriftsskema")
        .saet("E4", t("grønn"))
        .saet("A7", t("b9"));
    m.ark("Oplysninger").saet("B9", t("måske"));
    afvist(
        dir.path(),
        "alfa.xlsx",
        &m.xlsx(),
        &[
            "celle E4: fejl: ugyldig status",
            "celle A7: fejl: der findes ingen",
            "celle B9: fejl:",
        ],
    );
}

#[test]
fn sorted_rows_moved_columns_blank_rows_and_sloppy_statuses_read_in() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| {
        a.byt_raekker(3, 6);
        a.byt_kolonner(4, 1);
        a.byt_raekker(5, 20);
        let raekke = |a: &common::regneark::Ark, id: &str| {
            a.celler
                .iter()
                .find(|(_, v)| **v == t(id))
                .map(|(p, _)| p.0)
                .unwrap()
        };
        let (v1, b1) = (raekke(a, "v1"), raekke(a, "b1"));
        assert_eq!(b1, 20);
        a.celler.insert((v1, 1), t(" Grøn "));
        a.celler.insert((b1, 1), t("GUL"));
    });
    let yaml = laest(dir.path(), "alfa.xlsx", &b);
    assert!(yaml.contains("  v1:\n    status: grøn\n"), "{yaml}");
    assert!(yaml.contains("  b1:\n    status: gul\n"), "{yaml}");
    assert!(yaml.contains("  b2:\n    status: grøn\n"), "{yaml}");
    assert!(yaml.contains("  v2:\n    status: gul\n"), "{yaml}");
}

#[test]
fn line_breaks_typed_in_a_cell_are_kept_and_a_blank_line_is_a_new_paragraph() {
    let (dir, mut m) = alfa();
    let b = med_skema(&mut m, |a| {
        _ = a.saet("F4", t("Første linje\r\nanden linje\n\nNyt afsnit."))
    });
    let yaml = laest(dir.path(), "alfa.xlsx", &b);
    assert!(
        yaml.contains(
            "    bemærkning: |-\n      Første linje\n      anden linje\n\n      Nyt afsnit.\n"
        ),
        "{yaml}"
    );
}

#[test]
fn a_renamed_file_is_read_in_for_the_kommune_in_its_kommune_cell() {
    let (dir, mut m) = alfa();
    let b = med_oplysninger(&mut m, |a| _ = a.saet("B3", t("101")));
    laest(dir.path(), "svar fra jobcentret (endelig).xlsx", &b);
}

#[test]
fn two_files_for_one_kommune_in_one_run_are_both_refused() {
    let (dir, m) = alfa();
    let b = m.xlsx();
    let (a1, a2) = (dir.path().join("a1.xlsx"), dir.path().join("a2.xlsx"));
    std::fs::write(&a1, &b).unwrap();
    std::fs::write(&a2, &b).unwrap();
    let o = fremdrift(
        dir.path(),
        &["indlaes", a1.to_str().unwrap(), a2.to_str().unwrap()],
    );
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("fejl: Alfa Kommune har også svar i"), "{e}");
    assert!(
        e.contains("2 filer: 0 nye, 0 erstattet, 0 uændret, 2 ikke læst ind"),
        "{e}"
    );
    assert!(!status_fil(dir.path()).exists());
}

#[test]
fn the_same_file_read_in_twice_is_unchanged_the_second_time() {
    let (dir, m) = alfa();
    let yaml = laest(dir.path(), "alfa.xlsx", &m.xlsx());
    let o = fremdrift(
        dir.path(),
        &["indlæs", dir.path().join("alfa.xlsx").to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("alfa.xlsx: uændret (content/2015/status/alfa.yaml)"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::read_to_string(status_fil(dir.path())).unwrap(),
        yaml
    );
    // Nothing kept in the history (the period's lock file, historik/2015/.laas, may be there).
    assert!(!dir.path().join("historik/2015/alfa").exists());
}

#[test]
fn a_bad_file_does_not_stop_a_good_one_in_the_same_run() {
    let (dir, m) = alfa();
    let god = dir.path().join("god.xlsx");
    std::fs::write(&god, m.xlsx()).unwrap();
    let daarlig = dir.path().join("daarlig.xlsx");
    std::fs::write(&daarlig, "ikke et regneark").unwrap();
    let o = fremdrift(
        dir.path(),
        &["indlaes", daarlig.to_str().unwrap(), god.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(status_fil(dir.path()).exists());
    assert!(stderr(&o).contains("2 filer: 1 ny, 0 erstattet, 0 uændret, 1 ikke læst ind"));
}

#[test]
fn a_file_larger_than_any_filled_workbook_is_refused_unread() {
    let (dir, m) = alfa();
    let mut b = m.xlsx();
    b.resize(21 * 1024 * 1024, 0);
    afvist(
        dir.path(),
        "stor.xlsx",
        &b,
        &["stor.xlsx: fejl: filen fylder over 20 MB"],
    );
}

mod fuzz {
    use std::path::Path;

    use fremdrift::diagnostik::Diagnoser;
    use fremdrift::indhold::model::{Kkr, Runde};
    use fremdrift::indhold::projekt;
    use fremdrift::regneark::{Skabelon, aabn_bytes, fra_projektmappe};
    use proptest::prelude::*;

    /// Alfa's pre-filled workbook and the mini project's KKR.
    type Grundlag = (
        Vec<u8>,
        fremdrift::indhold::model::Kkr,
        fremdrift::indhold::model::Runde,
    );

    fn grundlag() -> &'static Grundlag {
        static G: std::sync::OnceLock<Grundlag> = std::sync::OnceLock::new();
        G.get_or_init(|| {
            let rod = super::fixtures().join("mini").canonicalize().unwrap();
            let (p, _) = projekt::indlaes(&rod, "2015").uden_fejl().unwrap();
            let xlsx = Skabelon {
                kkr: &p.kkr,
                runde: &p.runde,
                kommune: &p.status[0].kommune,
                status: Some(&p.status[0]),
                sidste: None,
            }
            .xlsx()
            .unwrap();
            (xlsx, p.kkr, p.runde)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Damaged workbooks give errors, never a panic.
        #[test]
        fn a_damaged_workbook_never_panics(
            flip in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            afkort in proptest::option::of(any::<prop::sample::Index>()),
        ) {
            let (xlsx, kkr, runde) = grundlag();
            let mut b = xlsx.clone();
            for (i, v) in flip {
                let i = i.index(b.len());
                b[i] ^= v;
            }
            if let Some(n) = afkort {
                b.truncate(n.index(b.len()));
            }
            laes(b, (kkr, runde));
        }

        /// Workbooks whose XML is damaged (the zip itself intact) give errors or a
        /// reading, never a panic.
        #[test]
        fn a_workbook_with_damaged_xml_never_panics(
            del in any::<prop::sample::Index>(),
            flip in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let (xlsx, kkr, runde) = grundlag();
            laes(med_skadet_del(xlsx, del, &flip), (kkr, runde));
        }
    }

    fn laes(b: Vec<u8>, (kkr, runde): (&Kkr, &Runde)) {
        if let Ok(mappe) = aabn_bytes(b) {
            let mut d = Diagnoser::default();
            let _ = fra_projektmappe(&mappe, Path::new("x.xlsx"), kkr, runde, &mut d);
        }
    }

    /// The workbook with bytes of one of its parts changed, stored uncompressed.
    fn med_skadet_del(
        xlsx: &[u8],
        del: prop::sample::Index,
        flip: &[(prop::sample::Index, u8)],
    ) -> Vec<u8> {
        let antal = zip::ZipArchive::new(std::io::Cursor::new(xlsx))
            .unwrap()
            .len();
        let valgt = del.index(antal);
        let metode = zip::CompressionMethod::Stored;
        crate::common::regneark::omskriv_zip(xlsx, metode, |i, _, b| {
            if i == valgt && !b.is_empty() {
                for (j, v) in flip {
                    let j = j.index(b.len());
                    b[j] ^= v;
                }
            }
        })
    }
}
