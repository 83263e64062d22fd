//! The yearly cycle across periods, on the generated three-period project (2015, 2016,
//! 2017; see `common::eksempel::tre_perioder`): matching through `erstatter`, the
//! aggregates, last year beside this year in the bilag and the skabelon, the
//! tilbagemelding's development section, `ny-periode`, and `check`'s rules.

use crate::common;

use std::path::Path;

use common::*;
use fremdrift::dokument::statistik::optaelling::Optaelling;
use fremdrift::dokument::statistik::udvikling::{self, Udvikling};
use fremdrift::indhold::model::Status;
use fremdrift::indhold::projekt::{self, Projekt};
use fremdrift::sidste_aar::{SidsteSvar, sidste_aar};

fn tre_perioder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    eksempel::tre_perioder(dir.path()).unwrap();
    dir
}

fn indlaes(dir: &Path, periode: &str) -> Projekt {
    let (p, _) = projekt::indlaes(&dir.canonicalize().unwrap(), periode)
        .uden_fejl()
        .unwrap_or_else(|e| panic!("{e}"));
    p
}

fn udvikling_for(dir: &Path, periode: &str) -> Udvikling {
    udvikling::beregn(&indlaes(dir, periode)).expect("an earlier period")
}

fn pdf(dir: &Path, rel: &str) -> String {
    pdf_tekst(&std::fs::read(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}")))
}

fn ok(o: &std::process::Output) {
    assert!(o.status.success(), "{}{}", stdout(o), stderr(o));
}

#[test]
fn every_earlier_period_is_loaded_and_linked_through_erstatter() {
    let dir = tre_perioder();
    let p = indlaes(dir.path(), "2017");
    assert_eq!(p.tidligere.len(), 2);
    let f = &p.forloeb;
    assert_eq!(f.perioder, ["2015", "2016", "2017"]);
    let o15 = &f.overgange[0];
    assert_eq!(o15.forgaengere("v4"), ["v3"]);
    assert_eq!(o15.forgaengere("v1"), ["v1"]);
    let nye: Vec<&str> = o15.nye().map(|l| l.id.as_str()).collect();
    assert_eq!(nye, ["i1", "i2"]);
    assert_eq!(o15.udgaaede, ["d1"]);
    let o16 = &f.overgange[1];
    assert_eq!(o16.nye().count(), 0);
    assert!(o16.udgaaede.is_empty());
    assert_eq!(o16.forgaengere("v4"), ["v4"], "2017 has no erstatter");
    assert_eq!(f.i_periode("v4", 0), ["v3"], "followed back through 2016");
    assert!(f.i_periode("i1", 0).is_empty());
}

#[test]
fn shares_per_period_cover_every_period_of_the_whole_kkr() {
    let u = udvikling_for(tre_perioder().path(), "2017");
    assert_eq!(u.overskrift, "Udvikling 2015–2017");
    let tal: Vec<(&str, Optaelling)> = u
        .i_alt
        .iter()
        .map(|r| (r.periode.as_str(), r.optaelling))
        .collect();
    assert_eq!(
        tal,
        [
            ("2015", Optaelling::ny(18, 9, 6, 2)),
            ("2016", Optaelling::ny(17, 17, 5, 1)),
            ("2017", Optaelling::ny(34, 13, 0, 1))
        ]
    );
    let procent: Vec<u32> = u.i_alt[0].andele.iter().map(|a| a.procent).collect();
    assert_eq!(procent, [51, 26, 17, 6]);
}

#[test]
fn a_fokusomraade_of_only_some_periods_is_shown_as_such() {
    let u = udvikling_for(tre_perioder().path(), "2017");
    let titler: Vec<&str> = u.pr_fokus.iter().map(|f| f.titel.as_str()).collect();
    assert_eq!(
        titler,
        [
            "Virksomhedsrettede indsatser",
            "Borgerrettede indsatser",
            "Opkvalificering af medarbejdere",
            "Integration",
            "Dokumentation af effekt"
        ]
    );
    let integration = &u.pr_fokus[3].perioder;
    assert_eq!(
        integration[0].note.as_deref(),
        Some("Ikke et fokusområde i 2015")
    );
    assert_eq!(integration[1].optaelling, Optaelling::ny(2, 5, 2, 1));
    let dokumentation = &u.pr_fokus[4].perioder;
    assert_eq!(dokumentation[0].optaelling, Optaelling::ny(2, 1, 1, 1));
    assert_eq!(
        dokumentation[2].note.as_deref(),
        Some("Ikke et fokusområde i 2017")
    );
}

#[test]
fn a_renamed_anbefaling_is_traced_back_through_every_period() {
    let u = udvikling_for(tre_perioder().path(), "2017");
    let v4 = u.pr_anbefaling.iter().find(|a| a.id == "v4").unwrap();
    assert_eq!(v4.vist, "v4 (tidl. v3)");
    assert_eq!(v4.andel_groen, [Some(40), Some(20), Some(50)]);
    let i1 = u.pr_anbefaling.iter().find(|a| a.id == "i1").unwrap();
    assert_eq!(i1.celler, ["–", "20 %", "50 %"]);
    assert_eq!(u.skift.len(), 2, "one per change of period, newest first");
    assert_eq!(
        u.skift[0].saetning,
        "Anbefalingerne for 2017 er de samme som for 2016."
    );
    let raekker: Vec<(&str, &str)> = u.skift[1]
        .raekker
        .iter()
        .map(|r| (r.id.as_str(), r.aendring.as_str()))
        .collect();
    assert_eq!(
        raekker,
        [
            ("v4", "Viderefører v3"),
            ("o1", "Ny ordlyd"),
            ("i1", "Ny"),
            ("i2", "Ny"),
            ("d1", "Udgået")
        ]
    );
    assert_eq!(
        u.skift[1].saetning,
        "Fra 2015 til 2016: 2 nye anbefalinger, 1 udgået anbefaling, 1 anbefaling videreført under nyt id og 1 anbefaling med ny ordlyd."
    );
}

#[test]
fn the_justeringer_proposed_last_period_are_followed_up() {
    let u = udvikling_for(tre_perioder().path(), "2017");
    assert_eq!(
        u.skift[1].opfoelgning.as_deref(),
        Some(
            "Tilbagemeldingen for 2015 foreslog justeringer af v3 og o1: v3 videreføres som v4 og o1 har fået ny ordlyd. Den foreslog også 1 ny anbefaling."
        )
    );
    assert_eq!(u.skift[0].opfoelgning, None, "2016 proposed nothing");
}

#[test]
fn changes_per_kommune_follow_erstatter_and_skip_those_without_last_years_status() {
    let u = udvikling_for(tre_perioder().path(), "2016");
    let sf = &u.siden_forrige;
    assert_eq!(sf.faelles_anbefalinger, 6);
    assert_eq!(
        (sf.forbedret, sf.forvaerret, sf.uaendret, sf.andre),
        (5, 2, 16, 1)
    );
    let kbh = sf
        .aendringer
        .iter()
        .find(|a| a.kommune == "Københavns Kommune" && a.anbefaling == "v4")
        .unwrap();
    assert_eq!(
        (kbh.vist.as_str(), kbh.fra, kbh.til, kbh.forbedring),
        ("v4 (tidl. v3)", "Grøn", "Rød", false)
    );
    let gentofte = sf
        .pr_kommune
        .iter()
        .find(|k| k.kommune == "Gentofte Kommune")
        .unwrap();
    assert_eq!(
        gentofte.note.as_deref(),
        Some("Meldte ikke status for 2015")
    );
    assert!(
        !sf.pr_kommune.iter().any(|k| k.kommune == "Dragør Kommune"),
        "no status for 2016"
    );
}

#[test]
fn last_years_answers_are_given_per_anbefaling_through_erstatter() {
    let dir = tre_perioder();
    let p = indlaes(dir.path(), "2016");
    let kbh = sidste_aar(&p, "koebenhavn").unwrap();
    assert_eq!((kbh.periode.as_str(), kbh.meldt), ("2015", true));
    assert_eq!(
        kbh.for_anbefaling("v4"),
        [SidsteSvar {
            id: "v3".into(),
            status: Some(Status::Groen),
            bemaerkning: Some("koebenhavn v3: grøn.".into()),
        }]
    );
    assert!(kbh.er_ny("i1"));
    assert_eq!(kbh.linjer("v4"), ["2015 (v3): Grøn – koebenhavn v3: grøn."]);
    assert_eq!(kbh.linjer("i2"), ["Ny i 2016"]);
    let gentofte = sidste_aar(&p, "gentofte").unwrap();
    assert!(!gentofte.meldt);
    assert_eq!(gentofte.linjer("v1"), ["Ingen status i 2015"]);
    assert!(sidste_aar(&indlaes(dir.path(), "2015"), "koebenhavn").is_none());
}

#[test]
fn bilag_shows_the_previous_periods_status_and_how_many_moved() {
    let dir = tre_perioder();
    ok(&fremdrift(
        dir.path(),
        &["--periode", "2016", "bilag", "koebenhavn", "gentofte"],
    ));
    let t = pdf(dir.path(), "out/2016/bilag/101-koebenhavn.pdf");
    for del in [
        "Sammenlignet med 2015 er 1 anbefaling rykket op, 1 rykket ned og 4 uændret. Anbefalingerne i1 og i2 er nye i 2016.",
        "2015 (v3): Grøn",
        "2015: Gul",
        "Ny i 2016",
    ] {
        assert!(indeholder(&t, del), "«{del}» mangler:\n{t}");
    }
    let g = pdf(dir.path(), "out/2016/bilag/157-gentofte.pdf");
    assert!(
        indeholder(
            &g,
            "Kommunen meldte ikke status for 2015, så der er intet at sammenligne med."
        ),
        "{g}"
    );
    assert!(!indeholder(&g, "2015: Grøn"), "{g}");
}

#[test]
fn skabelon_shows_last_years_answers_as_comments_and_starts_empty() {
    let dir = tre_perioder();
    std::fs::remove_file(dir.path().join("content/2016/status/koebenhavn.yaml")).unwrap();
    ok(&fremdrift(
        dir.path(),
        &["--periode", "2016", "skabelon", "koebenhavn"],
    ));
    let t =
        std::fs::read_to_string(dir.path().join("content/2016/status/koebenhavn.yaml")).unwrap();
    for del in [
        "# Kommunens svar fra 2015 står som kommentarer under hver anbefaling.",
        "  # Svar i 2015 (som v3): grøn\n  #   Bemærkning: koebenhavn v3: grøn.\n  v4:\n    status:\n    bemærkning: \"\"\n",
        "  # Svar i 2015: rød\n  #   Bemærkning: koebenhavn b2: rød.\n  b2:\n    status:\n",
        "  # Ny i 2016.\n  i1:\n    status:\n",
        "kontakt:\n  navn: \"Jobcentret i koebenhavn 2015\"\n",
        "udkast: true\n",
    ] {
        assert!(t.contains(del), "«{del}» mangler:\n{t}");
    }
    let check = fremdrift(dir.path(), &["--periode", "2016", "check"]);
    ok(&check);
    assert!(
        stderr(&check).contains("8 anbefalinger er ikke besvaret"),
        "{}",
        stderr(&check)
    );
    std::fs::remove_file(dir.path().join("content/2016/status/gentofte.yaml")).unwrap();
    ok(&fremdrift(
        dir.path(),
        &["--periode", "2016", "skabelon", "gentofte"],
    ));
    let g = std::fs::read_to_string(dir.path().join("content/2016/status/gentofte.yaml")).unwrap();
    assert!(
        g.contains("# Kommunen meldte ikke status for 2015.\n"),
        "{g}"
    );
    assert!(!g.contains("Svar i 2015"), "{g}");
    // Said the same way as in the workbook and the form (issue 26).
    assert!(g.contains("  # Ingen status i 2015.\n"), "{g}");
}

#[test]
fn the_workbook_shows_last_years_answers_read_only_and_reads_back_in() {
    let dir = tre_perioder();
    let status = dir.path().join("content/2016/status/koebenhavn.yaml");
    std::fs::remove_file(&status).unwrap();
    ok(&fremdrift(
        dir.path(),
        &["--periode", "2016", "skabelon", "koebenhavn", "--xlsx"],
    ));
    let skabeloner = dir.path().join("out/2016/skabeloner");
    let fil = std::fs::read_dir(&skabeloner)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("-koebenhavn.xlsx"))
        .expect("the workbook");
    let mut mappe = regneark::Mappe::fra_xlsx(&std::fs::read(&fil).unwrap());
    let ark = mappe.ark("Fremdriftsskema");
    let tekst = |celle: &str| match ark.hent(celle) {
        Some(regneark::V::T(t)) => t.clone(),
        other => panic!("{celle}: {other:?}"),
    };
    assert_eq!(tekst("E3"), "Svar i 2015");
    assert_eq!(tekst("F3"), "Status");
    let raekke = |id: &str| {
        (4..40)
            .find(|r| ark.hent(&format!("A{r}")) == Some(&regneark::t(id)))
            .unwrap_or_else(|| panic!("{id} mangler"))
    };
    assert_eq!(
        tekst(&format!("E{}", raekke("v4"))),
        "2015 (v3): Grøn – koebenhavn v3: grøn."
    );
    assert_eq!(tekst(&format!("E{}", raekke("i2"))), "Ny i 2016");
    assert!(
        ark.hent(&format!("F{}", raekke("v4"))).is_none(),
        "starts empty"
    );
    ok(&fremdrift(
        dir.path(),
        &["--periode", "2016", "indlaes", fil.to_str().unwrap()],
    ));
    let t = std::fs::read_to_string(&status).unwrap();
    assert!(
        t.starts_with("# yaml-language-server: $schema=../../../skema/status-2016.schema.json"),
        "{t}"
    );
    assert!(
        dir.path().join("skema/status-2016.schema.json").is_file(),
        "the schema the first line names is written"
    );
    assert!(t.contains("  v4:\n    status:\n"), "{t}");
}

#[test]
fn tilbagemelding_shows_the_renamed_change_new_and_udgaaede_and_every_period() {
    let dir = tre_perioder();
    ok(&fremdrift(
        dir.path(),
        &["--periode", "2016", "tilbagemelding"],
    ));
    let t = pdf(dir.path(), "out/2016/tilbagemelding.pdf");
    for del in [
        "Udvikling siden 2015",
        "Anbefalingerne fra 2015 til 2016",
        "Fra 2015 til 2016: 2 nye anbefalinger, 1 udgået anbefaling, 1 anbefaling videreført under nyt id og 1 anbefaling med ny ordlyd.",
        "Tilbagemeldingen for 2015 foreslog justeringer af v3 og o1: v3 videreføres som v4 og o1 har fået ny ordlyd.",
        "o1 Ny ordlyd",
        "v4 Viderefører v3",
        "i1 Ny",
        "d1 Udgået Kommunerne kan dele data om effekten af indsatserne.",
        "Ændringer pr. kommune siden 2015",
        "v4 (tidl. v3): Grøn → Rød",
        "Gentofte Kommune Meldte ikke status for 2015",
        "Ikke et fokusområde i 2015",
    ] {
        assert!(indeholder(&t, del), "«{del}» mangler:\n{t}");
    }
    ok(&fremdrift(dir.path(), &["tilbagemelding"]));
    let t = pdf(dir.path(), "out/2017/tilbagemelding.pdf");
    for del in [
        "Udvikling 2015–2017",
        "2015 51 % 26 % 17 % 6 % 35",
        "2016 43 % 43 % 12 % 2 % 40",
        "2017 71 % 27 % 0 % 2 % 48",
        "v4 (tidl. v3) 40 % 20 % 50 %",
        "Anbefalingerne fra 2016 til 2017",
        "Anbefalingerne fra 2015 til 2016",
        "Ikke et fokusområde i 2017",
    ] {
        assert!(indeholder(&t, del), "«{del}» mangler:\n{t}");
    }
}

#[test]
fn an_earlier_period_with_errors_becomes_one_warning_and_ends_the_trend() {
    let dir = tre_perioder();
    let fil = dir.path().join("content/2016/status/broendby.yaml");
    let t = std::fs::read_to_string(&fil).unwrap();
    std::fs::write(&fil, t.replacen("status: rød", "status: blå", 1)).unwrap();
    let o = fremdrift(dir.path(), &["check"]);
    ok(&o);
    let e = stderr(&o);
    assert!(
        e.contains("content/2016: advarsel: perioden 2016 har 1 fejl og 1 advarsel, så udviklingen siden 2016 udelades"),
        "{e}"
    );
    assert!(udvikling::beregn(&indlaes(dir.path(), "2017")).is_none());
    std::fs::write(&fil, t).unwrap();
    let fil = dir.path().join("content/2015/status/dragoer.yaml");
    std::fs::write(&fil, "kommune: dragoer\nsvar:\n  v9: {status: grøn}\n").unwrap();
    let e = stderr(&fremdrift(dir.path(), &["check"]));
    assert!(
        e.contains("perioden 2015 har 1 fejl og 2 advarsler, så udviklingen følges først fra 2016"),
        "{e}"
    );
    let p = indlaes(dir.path(), "2017");
    assert_eq!(p.forloeb.perioder, ["2016", "2017"]);
}

#[test]
fn check_refuses_an_unknown_erstatter_with_a_suggestion() {
    let dir = tre_perioder();
    let fil = dir.path().join("content/2016/anbefalinger.yaml");
    let t = std::fs::read_to_string(&fil).unwrap();
    std::fs::write(&fil, t.replace("erstatter: v3", "erstatter: V3x")).unwrap();
    let o = fremdrift(dir.path(), &["--periode", "2016", "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("content/2016/anbefalinger.yaml:11:20: fejl: anbefaling «v4» erstatter «V3x», men der er ingen anbefaling «V3x» i 2015\n  hint: mente du «v3»?"),
        "{e}"
    );
    let o = fremdrift(dir.path(), &["check"]);
    ok(&o);
    assert!(
        stderr(&o).contains(
            "perioden 2016 har 1 fejl og 0 advarsler, så udviklingen siden 2016 udelades"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_warns_when_one_anbefaling_is_continued_twice_or_there_is_nothing_to_continue() {
    let dir = tre_perioder();
    let fil = dir.path().join("content/2016/anbefalinger.yaml");
    let t = std::fs::read_to_string(&fil).unwrap();
    std::fs::write(
        &fil,
        t.replace(
            "{id: i2, niveau: kan,",
            "{id: i2, erstatter: [v3], niveau: kan,",
        ),
    )
    .unwrap();
    let o = fremdrift(dir.path(), &["--periode", "2016", "check"]);
    ok(&o);
    assert!(
        stderr(&o).contains("advarsel: «v3» fra 2015 videreføres af både «v4» og «i2»\n  hint: det er i orden, hvis «v3» er delt i flere anbefalinger; ellers ret «erstatter»"),
        "{}",
        stderr(&o)
    );
    let fil = dir.path().join("content/2015/anbefalinger.yaml");
    let t = std::fs::read_to_string(&fil).unwrap();
    std::fs::write(&fil, t.replace("{id: b2, ", "{id: b2, erstatter: b1, ")).unwrap();
    let o = fremdrift(dir.path(), &["--periode", "2015", "check"]);
    ok(&o);
    assert!(
        stderr(&o).contains(
            "advarsel: anbefaling «b2» har «erstatter», men der er ingen tidligere periode"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ny_periode_copies_the_newest_period_without_erstatter_and_never_overwrites() {
    let dir = tre_perioder();
    std::fs::remove_dir_all(dir.path().join("content/2017")).unwrap();
    std::fs::write(
        dir.path().join("content/2016/tilbagemelding.yaml"),
        "justeringer:\n  - anbefaling: v4\n    forslag: Jobrotation gøres til et SKAL-initiativ.\n",
    )
    .unwrap();
    let o = fremdrift(dir.path(), &["ny-periode", "2017"]);
    ok(&o);
    assert!(
        stdout(&o).contains("Oprettede perioden 2017 ud fra 2016:"),
        "{}",
        stdout(&o)
    );
    let ny = dir.path().join("content/2017");
    let a = std::fs::read_to_string(ny.join("anbefalinger.yaml")).unwrap();
    assert!(
        a.starts_with(
            "# yaml-language-server: $schema=../../skema/anbefalinger.schema.json\n# Anbefalingerne for 2017, oprettet med «fremdrift ny-periode» ud fra 2016."
        ),
        "{a}"
    );
    assert!(
        dir.path().join("skema/status-2017.schema.json").is_file(),
        "ny-periode writes the schemas, the new period's too"
    );
    assert!(a.contains("#   - Justering af v4: ret teksten her"), "{a}");
    assert!(
        a.contains("Forslag: Jobrotation gøres til et SKAL-initiativ."),
        "{a}"
    );
    assert!(
        !a.lines().any(|l| l.trim_start().starts_with("erstatter:")),
        "{a}"
    );
    assert!(
        a.contains("      - id: v4\n        niveau: kan\n        tekst:"),
        "{a}"
    );
    let t = std::fs::read_to_string(ny.join("tilbagemelding.yaml")).unwrap();
    assert!(t.ends_with("justeringer: []\n"), "{t}");
    let status: Vec<_> = std::fs::read_dir(ny.join("status"))
        .unwrap()
        .flatten()
        .collect();
    assert!(
        status
            .iter()
            .all(|e| e.file_name().to_string_lossy().starts_with('.')),
        "no status files"
    );
    let check = fremdrift(dir.path(), &["check"]);
    ok(&check);
    assert!(
        stdout(&check).contains("2017: indholdet er i orden (0 af 6 kommuner har en statusfil"),
        "{}",
        stdout(&check)
    );
    let p = indlaes(dir.path(), "2017");
    assert_eq!(
        p.forloeb.i_periode("v4", 0),
        ["v3"],
        "the copy continues 2016's v4"
    );

    let foer = std::fs::read(ny.join("anbefalinger.yaml")).unwrap();
    let igen = fremdrift(dir.path(), &["ny-periode", "2017", "--fra", "2015"]);
    assert_eq!(igen.status.code(), Some(2));
    assert!(
        stderr(&igen).contains("fejl: perioden 2017 findes allerede (content/2017/)"),
        "{}",
        stderr(&igen)
    );
    assert_eq!(
        std::fs::read(ny.join("anbefalinger.yaml")).unwrap(),
        foer,
        "untouched"
    );
    let tidlig = fremdrift(dir.path(), &["ny-periode", "2014"]);
    assert!(
        stderr(&tidlig).contains("perioden «2014» kommer ikke efter 2017, den nyeste periode\n  hint: perioderne ordnes efter årstallet først i navnet; den nye periode skal være den seneste, fx «2018»"),
        "{}",
        stderr(&tidlig)
    );
    assert!(!dir.path().join("content/2014").exists());
}

#[test]
fn ny_periode_from_an_older_period_and_refusals_of_bad_names() {
    let dir = tre_perioder();
    ok(&fremdrift(
        dir.path(),
        &["ny-periode", "2018-19", "--fra", "2015"],
    ));
    let a = std::fs::read_to_string(dir.path().join("content/2018-19/anbefalinger.yaml")).unwrap();
    assert!(a.contains("ud fra 2015."), "{a}");
    assert!(a.contains("id: d1"), "{a}");
    for (args, besked) in [
        (
            &["ny-periode", "../x"][..],
            "fejl: «../x» kan ikke være navnet på en periode",
        ),
        (
            &["ny-periode", "2020", "--fra", "2013"],
            "fejl: perioden «2013» findes ikke\n  hint: der er anbefalinger for: 2015, 2016, 2017, 2018-19",
        ),
        (
            &["--periode", "2016", "ny-periode", "2020"],
            "fejl: «--periode» bruges ikke med ny-periode",
        ),
    ] {
        let o = fremdrift(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(besked), "{args:?}: {}", stderr(&o));
    }
    assert!(!dir.path().join("content/2020").exists());
}
