//! The yearly round as a new secretariat meets it (issue 26): what `check` warns about
//! before anything is sent out, reading answers in without surprises, the small
//! things of `init` and `-q`, and the documents of a small round.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::regneark::{Mappe, alfa, status_fil, t};
use common::*;

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}{}", stdout(o), stderr(o));
}

fn erstat(fil: &Path, fra: &str, til: &str) {
    let tekst = std::fs::read_to_string(fil).unwrap();
    assert!(
        tekst.contains(fra),
        "«{fra}» står ikke i {}:\n{tekst}",
        fil.display()
    );
    std::fs::write(fil, tekst.replacen(fra, til, 1)).unwrap();
}

/// `fremdrift init --kkr syddanmark` in a fresh folder (its own process: no `-C`).
fn init(mappe: &Path, ekstra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fremdrift"))
        .args(ekstra)
        .args(["init", "--kkr", "syddanmark"])
        .arg(mappe)
        .output()
        .unwrap()
}

#[test]
fn after_ny_periode_check_warns_that_the_header_is_last_years() {
    let dir = projekt("mini");
    ok(&fremdrift(dir.path(), &["ny-periode", "2016"]));
    let o = fremdrift(dir.path(), &["--periode", "2016", "check"]);
    ok(&o);
    let e = stderr(&o);
    assert!(e.contains("content/2016/anbefalinger.yaml:"), "{e}");
    assert!(
        e.contains(
            "advarsel: dato, sags-id, dok-id og frist er de samme som i 2015\n  \
             hint: «ny-periode» kopierede dem fra 2015: ret dem til årets runde, før skemaerne sendes ud"
        ),
        "{e}"
    );
}

#[test]
fn a_frist_before_the_notats_own_date_is_a_warning() {
    let dir = projekt("mini");
    erstat(
        &dir.path().join("content/2015/anbefalinger.yaml"),
        "frist: 2016-02-29",
        "frist: 2016-01-10",
    );
    let o = fremdrift(dir.path(), &["check"]);
    ok(&o);
    assert!(
        stderr(&o).contains(
            "anbefalinger.yaml:5:8: advarsel: fristen 10. januar 2016 ligger før notatets dato 26. januar 2016"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_fresh_init_project_warns_of_its_placeholders_a_missing_sags_id_and_e_mail() {
    let tmp = tempfile::tempdir().unwrap();
    let mappe = tmp.path().join("kkr-syd");
    let o = init(&mappe, &["--periode", "2025"]);
    ok(&o);
    assert!(
        stdout(&o).contains("første periode er 2025"),
        "{}",
        stdout(&o)
    );
    let runde = std::fs::read_to_string(mappe.join("content/2025/anbefalinger.yaml")).unwrap();
    assert!(runde.contains("dato: 2026-01-26"), "{runde}");
    let gitignore = std::fs::read_to_string(mappe.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "/historik/"), "{gitignore}");
    let o = fremdrift(&mappe, &["check"]);
    ok(&o);
    let e = stderr(&o);
    for del in [
        "content/2025/anbefalinger.yaml: advarsel: fokusområdets titel er stadig «Første fokusområde» fra «fremdrift init»",
        "advarsel: anbefalingens tekst er stadig «Første anbefaling.» fra «fremdrift init»",
        "content/2025/anbefalinger.yaml: advarsel: «sags-id» er tomt, så bilagene får intet Sags ID",
        "content/kkr.yaml: advarsel: sekretariatets e-mail mangler",
    ] {
        assert!(e.contains(del), "«{del}» mangler:\n{e}");
    }
    assert!(!e.contains("kommunekode"), "the 22 codes are real:\n{e}");
}

#[test]
fn init_help_and_the_readme_tell_how_the_first_period_is_named() {
    let o = Command::new(env!("CARGO_BIN_EXE_fremdrift"))
        .args(["init", "--help"])
        .output()
        .unwrap();
    let hjaelp = stdout(&o);
    assert!(hjaelp.contains("--periode"), "{hjaelp}");
    assert!(hjaelp.contains("årets årstal"), "{hjaelp}");
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(readme.contains("fremdrift --periode 2025 init --kkr syddanmark"));
}

#[test]
fn a_kommune_code_that_is_not_one_of_the_98_gets_mente_du() {
    let tmp = tempfile::tempdir().unwrap();
    let mappe = tmp.path().join("kkr-syd");
    ok(&init(&mappe, &[]));
    let kkr = mappe.join("content/kkr.yaml");
    erstat(
        &kkr,
        "kode: 630\n    navn: Vejle Kommune",
        "kode: 631\n    navn: Vejl Kommune",
    );
    erstat(&kkr, "navn: Vejen Kommune", "navn: Varde Kommune");
    let o = fremdrift(&mappe, &["check"]);
    ok(&o);
    let e = stderr(&o);
    assert!(
        e.contains(
            "advarsel: kommunekode 631 («Vejl Kommune») er ikke en af de 98 kommunekoder\n  hint: mente du 630 (Vejle Kommune)?"
        ),
        "{e}"
    );
    assert!(
        e.contains("advarsel: kommunekode 575 er Vejen Kommune, ikke «Varde Kommune»"),
        "{e}"
    );
}

#[test]
fn a_treatment_date_after_the_frist_is_a_warning() {
    let dir = projekt("mini");
    erstat(
        &dir.path().join("content/2015/status/alfa.yaml"),
        "dato: 2016-01-19",
        "dato: 2017-01-19",
    );
    let o = fremdrift(dir.path(), &["check"]);
    ok(&o);
    assert!(
        stderr(&o).contains(
            "content/2015/status/alfa.yaml:4:9: advarsel: behandlingsdatoen 19. januar 2017 ligger efter fristen 29. februar 2016"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_date_in_another_form_that_does_not_exist_gets_both_messages_at_once() {
    let dir = projekt("mini");
    erstat(
        &dir.path().join("content/2015/status/alfa.yaml"),
        "dato: 2016-01-19",
        "dato: 31-02-2016",
    );
    let o = fremdrift(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "content/2015/status/alfa.yaml:4:9: fejl: «31-02-2016» er ikke en dato (behandlet.dato): den findes ikke og er ikke skrevet som ÅÅÅÅ-MM-DD\n  \
             hint: februar 2016 har 29 dage; skriv datoen som ÅÅÅÅ-MM-DD, fx 2016-02-29"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_key_written_at_another_indentation_is_pointed_at() {
    let dir = projekt("mini");
    erstat(
        &dir.path().join("content/2015/anbefalinger.yaml"),
        "        tekst: Fælles overblik over virksomhedscentre.",
        "       tekst: Fælles overblik over virksomhedscentre.",
    );
    let o = fremdrift(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("content/2015/anbefalinger.yaml:18:9: fejl: feltet «tekst» mangler\n  hint: «tekst» står på linje 19 med 7 mellemrum foran, men nøglerne her har 8: ret indrykningen, så «tekst» flugter med dem"),
        "{e}"
    );
}

#[test]
fn a_workbook_answering_an_empty_status_file_needs_no_overskriv() {
    let (dir, mut m) = alfa();
    // The January step: an empty status file from `skabelon`.
    ok(&fremdrift(dir.path(), &["skabelon", "alfa"]));
    let fil = dir.path().join("alfa.xlsx");
    std::fs::write(&fil, m.xlsx()).unwrap();
    let o = fremdrift(dir.path(), &["indlaes", fil.to_str().unwrap()]);
    ok(&o);
    assert!(stdout(&o).contains("(erstattet; den forrige er gemt i historik/2015/alfa/"));
    assert!(
        std::fs::read_to_string(status_fil(dir.path()))
            .unwrap()
            .contains("status: grøn")
    );
    // Changing an answer given is still a conflict.
    m.ark("Fremdriftsskema").saet("E4", t("rød"));
    std::fs::write(&fil, m.xlsx()).unwrap();
    let o = fremdrift(dir.path(), &["indlaes", fil.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("har allerede en statusfil med andre svar"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn one_new_file_is_one_ny_and_errors_are_listed_as_the_sheet_reads() {
    let (dir, mut m) = alfa();
    let fil = dir.path().join("alfa.xlsx");
    std::fs::write(&fil, m.xlsx()).unwrap();
    let o = fremdrift(dir.path(), &["indlaes", fil.to_str().unwrap()]);
    ok(&o);
    assert!(
        stderr(&o).contains("1 fil: 1 ny, 0 erstattet"),
        "{}",
        stderr(&o)
    );

    std::fs::remove_file(status_fil(dir.path())).unwrap();
    m.ark("Fremdriftsskema")
        .saet("E6", t("blå"))
        .saet("E5", t("grønn"));
    m.ark("Oplysninger")
        .saet("B5", t("i går"))
        .saet("B9", t("Måske"));
    std::fs::write(&fil, m.xlsx()).unwrap();
    let o = fremdrift(dir.path(), &["indlaes", fil.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    let celler: Vec<&str> = e
        .lines()
        .filter_map(|l| l.split(", celle ").nth(1))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(celler, ["E5", "E6", "B5", "B9"], "{e}");
    assert!(
        e.contains("celle B5: fejl: «i går» er ikke en dato\n  hint: skriv datoen som 26-01-2016 eller 26. januar 2016"),
        "the example is the round's date:\n{e}"
    );
}

#[test]
fn the_workbook_says_where_to_send_it_and_takes_its_examples_from_the_round() {
    let dir = projekt("mini");
    erstat(
        &dir.path().join("content/2015/anbefalinger.yaml"),
        "dato: 2016-01-26",
        "dato: 2026-01-26",
    );
    erstat(
        &dir.path().join("content/2015/anbefalinger.yaml"),
        "frist: 2016-02-29",
        "frist: 2026-02-27",
    );
    ok(&fremdrift(dir.path(), &["skabelon", "alfa", "--xlsx"]));
    let bytes = std::fs::read(dir.path().join("out/2015/skabeloner/101-alfa.xlsx")).unwrap();
    let m = Mappe::fra_xlsx(&bytes);
    let tekster: Vec<String> = m
        .ark
        .iter()
        .flat_map(|a| a.celler.values())
        .filter_map(|v| match v {
            common::regneark::V::T(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let alt = tekster.join("\n");
    assert!(
        alt.contains("send det til KKR Testregions sekretariat på kkr@example.dk (Testvej 1, 1000 Testby) senest den 27. februar 2026"),
        "{alt}"
    );
    assert!(alt.contains("fx 26-01-2026"), "{alt}");
    assert!(alt.contains("26-01-2026 eller 26. januar 2026"), "{alt}");
    let rå = String::from_utf8_lossy(&bytes);
    assert!(!alt.contains("2016") && !rå.contains("21-01-2016"), "{alt}");
}

#[test]
fn stille_shows_only_the_errors() {
    let dir = projekt("mini");
    erstat(
        &dir.path().join("content/2015/status/beta.yaml"),
        "status: gul",
        "status: blå",
    );
    let o = fremdrift(dir.path(), &["-q", "check"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("fejl: ugyldig status «blå»"), "{e}");
    assert!(!e.contains("advarsel"), "{e}");
    assert!(!e.contains("2015: 1 fejl"), "{e}");
}

#[test]
fn a_remark_longer_than_a_page_goes_on_in_rows_that_repeat_its_id_and_status() {
    let dir = projekt("mini");
    let afsnit: Vec<String> = (1..=12)
        .map(|i| format!("Afsnit {i}: {}", "Samarbejdet skrider frem. ".repeat(36)))
        .collect();
    let lang = afsnit
        .iter()
        .map(|a| format!("      {a}"))
        .collect::<Vec<_>>()
        .join("\n\n");
    erstat(
        &dir.path().join("content/2015/status/alfa.yaml"),
        "    bemærkning: Alfa deltager i rekrutteringsservicen.",
        &format!("    bemærkning: |\n{lang}"),
    );
    let o = fremdrift(dir.path(), &["check"]);
    ok(&o);
    assert!(
        stderr(&o).contains(
            "content/2015/status/alfa.yaml:14:7: advarsel: bemærkningen til «v1» er 11.376 tegn"
        ),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("tegn og fylder mere end en side i bilaget\n  hint: den fortsætter i rækker med «v1 (fortsat)»"));
    ok(&fremdrift(dir.path(), &["bilag", "alfa", "--typ"]));
    let typ = std::fs::read_to_string(dir.path().join("out/2015/bilag/101-alfa.typ")).unwrap();
    assert_eq!(typ.matches(r#"[#"v1 (fortsat)";]"#).count(), 11, "{typ}");
    let fortsat = typ
        .lines()
        .filter(|l| l.contains(r#"[#"v1 (fortsat)";]"#))
        .all(|l| l.contains(r#"#status("groen", [#"Grøn";])"#));
    assert!(fortsat, "every continued row repeats the status:\n{typ}");
    let tekst = pdf_tekst(&std::fs::read(dir.path().join("out/2015/bilag/101-alfa.pdf")).unwrap());
    assert!(tekst.contains("v1 (fortsat)"), "{tekst}");
}

#[test]
fn wrapped_lines_in_the_secretariats_texts_are_one_paragraph() {
    let dir = projekt("mini");
    erstat(
        &dir.path().join("content/2015/anbefalinger.yaml"),
        "indledning: En kort indledning.",
        "indledning: |\n  En kort indledning,\n  skrevet over to linjer.\n\n  Og et afsnit mere:\n  - med et punkt\n  - og et til",
    );
    ok(&fremdrift(dir.path(), &["bilag", "alfa", "--typ"]));
    let typ = std::fs::read_to_string(dir.path().join("out/2015/bilag/101-alfa.typ")).unwrap();
    assert!(
        typ.contains(r#"#"En kort indledning, skrevet over to linjer.";"#),
        "{typ}"
    );
    assert!(
        typ.contains(r#"#"Og et afsnit mere:\n- med et punkt\n- og et til";"#),
        "{typ}"
    );
    // A kommune's remark keeps its line breaks, as a cell or the form gives them.
    let status = std::fs::read_to_string(dir.path().join("content/2015/status/alfa.yaml")).unwrap();
    assert!(status.contains("Første afsnit om virksomhedscentre."));
    erstat(
        &dir.path().join("content/2015/status/alfa.yaml"),
        "      Første afsnit om virksomhedscentre.",
        "      Første linje\n      og anden linje.",
    );
    ok(&fremdrift(dir.path(), &["bilag", "alfa", "--typ"]));
    let typ = std::fs::read_to_string(dir.path().join("out/2015/bilag/101-alfa.typ")).unwrap();
    assert!(
        typ.contains(r#"#"Første linje\nog anden linje.";"#),
        "{typ}"
    );
}

#[test]
fn a_small_rounds_tilbagemelding_has_no_landscape_page_or_page_per_fokusomraade() {
    let dir = projekt("mini");
    ok(&fremdrift(dir.path(), &["tilbagemelding", "--typ"]));
    let typ = std::fs::read_to_string(dir.path().join("out/2015/tilbagemelding.typ")).unwrap();
    assert!(!typ.contains("#page(flipped: true)"), "{typ}");
    assert!(!typ.contains("#pagebreak"), "{typ}");
    assert!(typ.contains("== Oversigt over kommunernes status"));
}
