//! The combined tilbagemelding: aggregation computed in Rust, and the PDF showing the
//! right figures and names — for the fixture, the default content and generated rounds.

use crate::common;

use common::eksempel::{self, Valg};
use common::*;
use fremdrift::dokument::statistik::optaelling::Optaelling;
use fremdrift::dokument::statistik::samlet::{self, Samlet};
use fremdrift::indhold::projekt;

fn samlet_for(dir: &std::path::Path) -> Samlet {
    let (p, _) = projekt::indlaes(&dir.canonicalize().unwrap(), "2015")
        .uden_fejl()
        .unwrap();
    samlet::beregn(&p)
}

/// The mini project plus a 2014 round sharing v1, v2 and b1.
fn med_forrige_periode() -> tempfile::TempDir {
    let dir = projekt("mini");
    let r = dir.path().join("content/2014");
    std::fs::create_dir_all(r.join("status")).unwrap();
    std::fs::write(
        r.join("anbefalinger.yaml"),
        "titel: Status 2014\ndato: 2015-01-20\nfokusområder:\n  - titel: Alt\n    anbefalinger:\n      - {id: v1, tekst: En.}\n      - {id: v2, tekst: To.}\n      - {id: b1, tekst: Tre.}\n      - {id: x1, tekst: Udgået.}\n",
    )
    .unwrap();
    std::fs::write(r.join("status/alfa.yaml"), "kommune: alfa\nsvar:\n  v1: {status: gul}\n  v2: {status: gul}\n  b1: {status: rød}\n  x1: {status: grøn}\n").unwrap();
    std::fs::write(
        r.join("status/beta.yaml"),
        "kommune: beta\nsvar:\n  v1: {status: rød}\n  v2: {status: grøn}\n  b1: {status: gul}\n",
    )
    .unwrap();
    dir
}

#[test]
fn response_rate_missing_kommuner_and_drafts_are_counted() {
    let s = samlet_for(&fixtures().join("mini"));
    assert_eq!((s.antal_svar, s.antal_kommuner, s.svarprocent), (2, 3, 67));
    assert_eq!(
        s.mangler
            .iter()
            .map(|k| k.navn.as_str())
            .collect::<Vec<_>>(),
        ["Gamma Kommune"]
    );
    assert_eq!(
        s.udkast.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
        ["beta"]
    );
    assert_eq!(
        s.behandlinger[0].kommune.id, "alfa",
        "sorted by date: alfa 19/1 before beta 3/2"
    );
}

#[test]
fn distributions_overall_per_fokus_and_per_tier() {
    let s = samlet_for(&fixtures().join("mini"));
    assert_eq!(s.i_alt.optaelling, Optaelling::ny(3, 2, 1, 2));
    let fokus: Vec<Optaelling> = s.pr_fokus.iter().map(|f| f.optaelling).collect();
    assert_eq!(
        fokus,
        [Optaelling::ny(1, 2, 0, 1), Optaelling::ny(2, 0, 1, 1)]
    );
    let niveau: Vec<(&str, Optaelling)> = s
        .pr_niveau
        .iter()
        .map(|f| (f.navn.as_str(), f.optaelling))
        .collect();
    assert_eq!(
        niveau,
        [
            ("SKAL-initiativer", Optaelling::ny(2, 1, 1, 0)),
            ("KAN-initiativer", Optaelling::ny(1, 1, 0, 2))
        ]
    );
}

#[test]
fn skal_compliance_lists_red_and_unanswered_skal_initiatives() {
    let s = samlet_for(&fixtures().join("mini"));
    assert_eq!(s.skal_mangler.len(), 1);
    assert_eq!(s.skal_mangler[0].kommune.id, "alfa");
    assert_eq!(s.skal_mangler[0].roed, ["b1"]);
    assert!(s.skal_mangler[0].ikke_besvaret.is_empty());
}

#[test]
fn answers_per_anbefaling_put_red_first_and_keep_remarks() {
    let s = samlet_for(&fixtures().join("mini"));
    let b1 = s
        .pr_anbefaling
        .iter()
        .find(|a| a.anbefaling.id == "b1")
        .unwrap();
    assert_eq!(b1.svar[0].kommune, "Alfa Kommune");
    assert_eq!(b1.svar[0].status.navn, "Rød");
    assert_eq!(
        b1.svar[0].bemaerkning.as_deref(),
        Some("Ikke igangsat endnu.")
    );
    assert_eq!(b1.fordeling.optaelling, Optaelling::ny(1, 0, 1, 0));
    assert_eq!(s.forslag.len(), 1);
    assert_eq!(s.forslag[0].kommune, "Alfa Kommune");
}

#[test]
fn changes_since_the_previous_period_are_classified() {
    let dir = med_forrige_periode();
    let s = samlet_for(dir.path());
    let u = s.udvikling.expect("2014 exists");
    assert_eq!(u.forrige_periode, "2014");
    assert_eq!(u.perioder, ["2014", "2015"]);
    let sf = &u.siden_forrige;
    assert_eq!(sf.faelles_anbefalinger, 3);
    assert_eq!(
        (sf.forbedret, sf.forvaerret, sf.uaendret, sf.andre),
        (3, 0, 2, 1)
    );
    let alfa_v1 = sf
        .aendringer
        .iter()
        .find(|a| a.kommune == "Alfa Kommune" && a.anbefaling == "v1")
        .unwrap();
    assert_eq!(
        (alfa_v1.fra, alfa_v1.til, alfa_v1.forbedring),
        ("Gul", "Grøn", true)
    );
    assert_eq!(u.i_alt[0].optaelling, Optaelling::ny(2, 3, 2, 1));
    let skift: Vec<(&str, &str)> = u.skift[0]
        .raekker
        .iter()
        .map(|r| (r.id.as_str(), r.aendring.as_str()))
        .collect();
    assert_eq!(
        skift,
        [
            ("v1", "Ny ordlyd"),
            ("v2", "Ny ordlyd"),
            ("b1", "Ny ordlyd"),
            ("b2", "Ny"),
            ("x1", "Udgået")
        ]
    );
}

#[test]
fn no_previous_period_means_no_udvikling() {
    assert!(samlet_for(&fixtures().join("mini")).udvikling.is_none());
}

#[test]
fn tilbagemelding_pdf_shows_figures_names_and_changes() {
    let dir = med_forrige_periode();
    let o = fremdrift(dir.path(), &["tilbagemelding"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(dir.path().join("out/2015/tilbagemelding.pdf")).unwrap();
    let t = pdf_tekst(&pdf);
    for forventet in [
        "Samlet tilbagemelding til KKR Testregion",
        "2 af de 3 kommuner har meldt status (67 %)",
        "Der mangler status fra Gamma Kommune.",
        "Status fra Beta Kommune er endnu et udkast",
        "Indhold",
        "Oversigt over kommunernes status",
        "SKAL-initiativer, der er røde eller ikke besvaret",
        "Anbefaling b1 (Borgerrettede indsatser, SKAL)",
        "Ikke igangsat endnu.",
        "Fælles indsats for sygemeldte (Alfa Kommune)",
        "Udvikling siden 2014",
        "3 vurderinger forbedret og 2 uændrede",
        "Udkast til justeringer og nye anbefalinger",
    ] {
        assert!(indeholder(&t, forventet), "«{forventet}» mangler i:\n{t}");
    }
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    assert!(
        doc.catalog().unwrap().get(b"Outlines").is_ok(),
        "PDF bookmarks"
    );
}

#[test]
fn justeringer_from_yaml_appear_and_unknown_ids_are_refused() {
    let dir = projekt("mini");
    let fil = dir.path().join("content/2015/tilbagemelding.yaml");
    std::fs::write(&fil, "sigte: 2016-2017\njusteringer:\n  - anbefaling: v2\n    forslag: Gør anbefalingen forpligtende.\n    begrundelse: Mange kommuner er i gang.\n  - titel: Integration\n    niveau: skal\n    forslag: En ny anbefaling om integration.\n").unwrap();
    let o = fremdrift(dir.path(), &["tilbagemelding"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = pdf_tekst(&std::fs::read(dir.path().join("out/2015/tilbagemelding.pdf")).unwrap());
    for f in [
        "Justering af anbefaling v2",
        "Gør anbefalingen forpligtende.",
        "Ny anbefaling: Integration",
        "(2016-2017)",
    ] {
        assert!(indeholder(&t, f), "«{f}» mangler:\n{t}");
    }
    std::fs::write(&fil, "justeringer:\n  - anbefaling: v3\n    forslag: x\n").unwrap();
    let o = fremdrift(dir.path(), &["tilbagemelding"]);
    assert_eq!(o.status.code(), Some(1), "content errors exit with 1");
    assert!(stderr(&o).contains("content/2015/tilbagemelding.yaml:2:17: fejl: der findes ingen anbefaling med id «v3» i 2015"), "{}", stderr(&o));
}

#[test]
fn default_content_tilbagemelding_names_the_missing_kommuner() {
    let dir = standardprojekt();
    let o = fremdrift(dir.path(), &["tilbagemelding"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = pdf_tekst(&std::fs::read(dir.path().join("out/2015/tilbagemelding.pdf")).unwrap());
    assert!(
        indeholder(&t, "24 af de 29 kommuner har meldt status (83 %)"),
        "{t}"
    );
    // Lists end with «og», and a plural subject gets a plural predicate.
    for saetning in [
        "Der mangler status fra Dragør Kommune, Ishøj Kommune, Vallensbæk Kommune, Gribskov Kommune og Bornholms Regionskommune.",
        "Status fra Herlev Kommune, Hvidovre Kommune og Frederikssund Kommune er endnu udkast, der ikke er behandlet politisk.",
        "Af de 384 vurderinger på tværs af kommuner og anbefalinger er",
    ] {
        assert!(indeholder(&t, saetning), "«{saetning}» mangler i:\n{t}");
    }
}

fn generer_og_byg(valg: &Valg) -> (String, usize) {
    let dir = tempfile::tempdir().unwrap();
    eksempel::skriv(dir.path(), valg).unwrap();
    let o = fremdrift(dir.path(), &["tilbagemelding"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(dir.path().join("out/2015/tilbagemelding.pdf")).unwrap();
    let sider = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    (pdf_tekst(&pdf), sider)
}

#[test]
fn generated_round_of_29_kommuner_and_25_anbefalinger() {
    let mut v = Valg::med_kommuner(29);
    v.anbefalinger = 25;
    v.fokusomraader = 5;
    v.hver_mangler = 6;
    let (t, sider) = generer_og_byg(&v);
    assert!(
        indeholder(&t, "25 af de 29 kommuner har meldt status (86 %)"),
        "{t}"
    );
    assert!(indeholder(&t, "Anbefaling a25"));
    assert!(sider > 10, "{sider} sider");
}

#[test]
fn stress_round_of_98_kommuner_and_25_anbefalinger_without_tiers() {
    let mut v = Valg::med_kommuner(98);
    v.anbefalinger = 25;
    v.niveauer = false;
    v.saetninger = 1;
    let (t, sider) = generer_og_byg(&v);
    assert!(
        indeholder(&t, "Alle 98 kommuner har meldt status (100 %)"),
        "{}",
        &t[..500.min(t.len())]
    );
    assert!(indeholder(&t, "Aalborg Kommune") && indeholder(&t, "Bornholms Regionskommune"));
    assert!(!indeholder(&t, "SKAL-initiativer"));
    assert!(sider > 30, "{sider} sider");
    // Thousands in Danish form, in the sentence and in the distribution tables.
    assert!(
        indeholder(&t, "Af de 2.450 vurderinger"),
        "{}",
        &t[..2000.min(t.len())]
    );
}

#[test]
fn every_page_of_the_overview_has_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = Valg::med_kommuner(98);
    v.anbefalinger = 25;
    v.saetninger = 1;
    eksempel::skriv(dir.path(), &v).unwrap();
    let o = fremdrift(dir.path(), &["tilbagemelding"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sider =
        sidetekster(&std::fs::read(dir.path().join("out/2015/tilbagemelding.pdf")).unwrap());
    // 25 anbefalinger make two overview tables (18 + 7 columns), each over several pages.
    let oversigt: Vec<&String> = sider
        .iter()
        .filter(|s| s.contains("Kommune a1 a2") || s.contains("Kommune a19 a20"))
        .collect();
    assert!(oversigt.len() >= 4, "{} overview pages", oversigt.len());
    for side in &oversigt {
        assert!(
            side.contains("Nøgle: G = grøn, Gu = gul, R = rød og – = ikke besvaret."),
            "{side}"
        );
        let n = if side.contains("Kommune a1 a2") {
            1
        } else {
            19
        };
        let forklaret = ["SKAL", "KAN"].iter().any(|niveau| {
            side.contains(&format!(
                "a{n} ({niveau}) Alle kommuner skal indgå i samarbejde nummer {n} på tværs af…"
            ))
        });
        assert!(forklaret, "the key explains the columns: {side}");
    }
}
