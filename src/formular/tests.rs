//! The form page's HTML: labels, fieldsets and legends, messages at their fields,
//! escaping, and the conflict and hand-edit notes.

use std::path::{Path, PathBuf};

use super::felter::Felt;
use super::*;
use crate::diagnose::Diagnoser;
use crate::indhold::model::Status;
use crate::sidste_aar::{SidsteAar, SidsteForAnbefaling, SidsteSvar};

fn grundlag() -> Grundlag {
    let rod = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    Grundlag::laes(&rod, "2015", "alfa").unwrap_or_else(|_| panic!("mini loads"))
}

fn side<'a>(g: &'a Grundlag, f: &'a Formular, d: &'a [Diagnose], besked: Besked) -> Side<'a> {
    Side {
        g,
        formular: f,
        token: "tok",
        hostet: None,
        version: "ny",
        diagnoser: d,
        besked,
        haandrettet: false,
        fokus: None,
    }
}

#[test]
fn every_anbefaling_is_a_fieldset_whose_legend_starts_with_its_id() {
    let g = grundlag();
    let f = Formular::fra_status(&g.runde, None);
    let html = side(&g, &f, &[], Besked::Ingen).html();
    for (i, a) in g.runde.anbefalinger().enumerate() {
        assert!(
            html.contains(&format!(
                r#"<legend><span class="anb-id">{}</span> {}</legend>"#,
                a.id, a.tekst
            )),
            "{}",
            a.id
        );
        for (kode, vaerdi, ord) in [
            ("groen", "grøn", "Grøn"),
            ("gul", "gul", "Gul"),
            ("roed", "rød", "Rød"),
            ("ikke", "", "Ikke besvaret"),
        ] {
            let id = format!("a{}-status-{kode}", i + 1);
            let radio = format!(
                r#"<input type="radio" id="{id}" name="status.{}" value="{vaerdi}""#,
                a.id
            );
            assert!(html.contains(&radio), "{radio}");
            let etiket = format!(
                r#"<label for="{id}"><span class="maerke {kode}" aria-hidden="true"></span>{ord}</label>"#
            );
            assert!(html.contains(&etiket), "{etiket}");
        }
    }
    assert_eq!(html.matches(r#"<fieldset class="anbefaling""#).count(), 4);
    assert_eq!(html.matches(">Bemærkning</label>").count(), 4);
    assert!(html.contains("<h3>SKAL-initiativer i 2015:</h3>"));
    assert!(html.contains("<h3>KAN-initiativer i 2015</h3>"));
    for etiket in [
        "Behandlet af",
        "Dato for behandling",
        "Kontaktperson",
        "E-mail",
        "Telefon",
        "Udkast",
    ] {
        assert!(html.contains(&format!(">{etiket}</label>")), "{etiket}");
    }
    assert!(html.contains(r#"id="f-dato" name="dato" value="" type="date""#));
    assert!(html.contains(r#"value="" checked><label for="a1-status-ikke">"#));
    assert!(html.contains(r#"<input type="hidden" name="token" value="tok">"#));
}

#[test]
fn a_message_of_check_stands_at_its_field_and_in_the_list() {
    let g = grundlag();
    let mut f = Formular::fra_status(&g.runde, None);
    f.organ = "Byrådet".into();
    f.dato = "2016-02-30".into();
    let (raw, fejl) = f.til_raa("alfa", &g.fil);
    let mut d = Diagnoser(fejl);
    crate::indhold::valider::valider_status(raw, &g.kkr, &g.runde, &g.fil, &mut d);
    let html = side(&g, &f, &d.0, Besked::Fejl(1)).html();
    assert!(html.contains(
        r#"<p class="felt-fejl" id="f-dato-fejl" role="alert"><strong>Fejl:</strong> datoen «2016-02-30» findes ikke<br><span class="hint">hint: februar 2016 har 29 dage; vælg dagen i kalenderen</span></p>"#
    ), "{html}");
    assert!(html.contains(
        r#"value="2016-02-30" type="date" aria-describedby="f-dato-fejl" aria-invalid="true">"#
    ));
    assert!(html.contains(r##"<li><a href="#f-dato">content/2015/status/alfa.yaml, feltet «Dato for behandling»: fejl: datoen «2016-02-30» findes ikke"##));
    assert!(html.contains("Ikke gemt: 1 fejl. Ret den, og tryk «Gem» igen."));
    assert_eq!(
        html.matches(r#"role="alert""#).count(),
        1,
        "one alert per message"
    );
}

#[test]
fn a_bad_status_is_announced_at_its_radio_group() {
    let g = grundlag();
    let mut f = Formular::fra_status(&g.runde, None);
    f.svar[1].status = "blå".into();
    let d = [Diagnose::fejl(&g.fil, None, "ugyldig status «blå»")
        .med_sted(crate::diagnose::Sted::Felt(Felt::Status(1).etiket(&f)))];
    let html = side(&g, &f, &d, Besked::Fejl(1)).html();
    assert!(html.contains(
        r#"<fieldset class="status" role="radiogroup" id="a2-status" aria-describedby="a2-status-fejl" aria-invalid="true"><legend>Status</legend><p class="felt-fejl" id="a2-status-fejl" role="alert">"#
    ), "{html}");
}

#[test]
fn user_text_is_escaped_everywhere() {
    let g = grundlag();
    let mut f = Formular::fra_status(&g.runde, None);
    let ondt = r#""><script>alert(1)</script>"#;
    f.organ = ondt.into();
    f.svar[0].bemaerkning = format!("</textarea>{ondt}");
    f.forslag = vec![felter::Forslagfelt {
        titel: ondt.into(),
        tekst: ondt.into(),
    }];
    let html = side(&g, &f, &[], Besked::Ingen).html();
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("</textarea>&quot;"));
    assert!(html.contains("&lt;/textarea&gt;&quot;&gt;&lt;script&gt;"));
}

#[test]
fn forslag_can_be_added_and_removed_with_buttons() {
    let g = grundlag();
    let mut f = Formular::fra_status(&g.runde, None);
    let tom = side(&g, &f, &[], Besked::Ingen).html();
    assert!(tom.contains("Ingen forslag endnu"));
    f.forslag = vec![felter::Forslagfelt::default(); 2];
    let mut s = side(&g, &f, &[], Besked::Tilfoejet(2));
    s.fokus = Some("forslag2-titel".into());
    let html = s.html();
    assert!(html.contains(r#"<div id="felter" data-fokus="forslag2-titel">"#));
    assert!(html.contains(r#"<legend>Forslag 2</legend>"#));
    assert!(html.contains(r#"name="forslag.2.titel""#));
    assert!(html.contains(r#"value="fjern-forslag-2" class="fjern">Fjern forslag 2</button>"#));
    assert!(html.contains(r#"value="tilfoej-forslag" id="tilfoej-forslag""#));
    assert!(html.contains("Forslag 2 er tilføjet (ikke gemt endnu)."));
}

#[test]
fn a_conflict_offers_to_reload_and_a_hand_edited_file_is_announced() {
    let g = grundlag();
    let f = Formular::fra_status(&g.runde, None);
    let html = side(&g, &f, &[], Besked::Konflikt).html();
    assert!(html.contains(r#"<div id="konflikt" class="konflikt" role="alert"><h2>Filen er ændret, siden formularen blev hentet</h2>"#));
    assert!(html.contains(r#"<a href="/udfyld/alfa/">Indlæs filen igen</a>"#));
    let mut s = side(&g, &f, &[], Besked::Ingen);
    s.haandrettet = true;
    let html = s.html();
    assert!(html.contains(r#"id="gem" class="gem" aria-describedby="haandrettet">Gem</button>"#));
    assert!(html.contains("kommentarer og opstilling, du selv har skrevet i den, bevares ikke"));
    assert!(html.contains("gemmes først i historik/2015/alfa/"));
}

#[test]
fn a_save_says_when_and_where_the_old_version_went() {
    let g = grundlag();
    let f = Formular::fra_status(&g.runde, None);
    let besked = Besked::Gemt {
        tid: std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_456_704_000 + 3661),
        historik: Some(PathBuf::from(
            "historik/2015/alfa/2016-02-29T01.01.01Z.yaml",
        )),
        ny_fil: false,
        uaendret: false,
    };
    let html = side(&g, &f, &[], besked).html();
    assert!(html.contains(
        r#"<p id="gemt" class="gemt" role="status">Gemt kl. <time datetime="2016-02-29T02:01:01+01:00">02.01.01</time>. Den forrige udgave ligger i historik/2015/alfa/2016-02-29T01.01.01Z.yaml.</p>"#
    ), "{html}");
}

#[test]
fn a_save_in_summer_time_says_the_danish_time() {
    let g = grundlag();
    let f = Formular::fra_status(&g.runde, None);
    // 2026-03-29 01:00 UTC, the first moment of summer time.
    let besked = Besked::Gemt {
        tid: std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_774_746_000),
        historik: None,
        ny_fil: true,
        uaendret: false,
    };
    let html = side(&g, &f, &[], besked).html();
    assert!(
        html.contains(r#"Gemt kl. <time datetime="2026-03-29T03:00:00+02:00">03.00.00</time>."#),
        "{html}"
    );
}

#[test]
fn last_periods_answer_is_shown_where_given() {
    let mut g = grundlag();
    assert!(g.sidste_aar.is_none(), "mini has one period");
    let f = Formular::fra_status(&g.runde, None);
    let svar = |id: &str, status, bem: Option<&str>| SidsteSvar {
        id: id.into(),
        status,
        bemaerkning: bem.map(str::to_string),
    };
    let anbefaling = |id: &str, svar| SidsteForAnbefaling {
        id: id.into(),
        svar,
    };
    g.sidste_aar = Some(SidsteAar {
        periode: "2014".into(),
        nu: "2015".into(),
        meldt: true,
        anbefalinger: vec![
            anbefaling("v1", vec![svar("v1", Some(Status::Gul), Some("I <gang>"))]),
            anbefaling("v2", vec![svar("x7", None, None)]),
            anbefaling("b1", vec![]),
        ],
    });
    let html = side(&g, &f, &[], Besked::Ingen).html();
    for linje in [
        "2014: Gul – I &lt;gang&gt;",
        "Ingen status i 2014 (x7)",
        "Ny i 2015",
    ] {
        assert!(
            html.contains(&format!(r#"<p class="tidligere">{linje}</p>"#)),
            "«{linje}» mangler:\n{html}"
        );
    }
}

#[test]
fn the_live_part_waits_for_a_bilag_that_is_not_made_yet() {
    let o = Oversigt::default();
    let html = bilag(&o, "gamma");
    assert!(html.contains(r#"<div id="dokument""#) && html.contains(r#"<div id="sider"></div>"#));
    assert!(html.contains("Der er intet bilag endnu"));
}

/// The templates give the bytes of the `format!` code they replaced, for every kind
/// of page state.
#[test]
fn the_templates_give_the_form_of_before_byte_for_byte() {
    let mut g = grundlag();
    let mut f = Formular::fra_status(&g.runde, None);
    let ens = |s: &Side| assert_eq!(s.html(), foer::Foer(s).html());
    ens(&side(&g, &f, &[], Besked::Ingen));
    ens(&side(&g, &f, &[], Besked::Konflikt));
    ens(&side(&g, &f, &[], Besked::Fjernet(1)));
    let mut s = side(&g, &f, &[], Besked::Ingen);
    s.haandrettet = true;
    ens(&s);
    f.organ = r#""><script>alert('1')</script>"#.into();
    f.dato = "2016-02-30".into();
    f.udkast = false;
    f.svar[0].status = " Grøn ".into();
    f.svar[1].status = "blå".into();
    f.svar[2].bemaerkning = "</textarea>\nto linjer & mere".into();
    f.forslag = vec![
        felter::Forslagfelt {
            titel: "<b>".into(),
            tekst: "a\nb".into(),
        },
        felter::Forslagfelt::default(),
    ];
    let (raw, fejl) = f.til_raa("alfa", &g.fil);
    let mut d = Diagnoser(fejl);
    crate::indhold::valider::valider_status(raw, &g.kkr, &g.runde, &g.fil, &mut d);
    d.0.push(
        Diagnose::fejl(&g.fil, None, "ugyldig status «blå»")
            .med_sted(crate::diagnose::Sted::Felt(Felt::Status(1).etiket(&f)))
            .med_hint("brug grøn, gul eller rød"),
    );
    d.0.push(Diagnose::fejl(&g.fil, None, "uden felt\nto linjer"));
    let mut s = side(&g, &f, &d.0, Besked::Fejl(d.0.len()));
    s.fokus = Some("f-dato".into());
    ens(&s);
    let advarsler = [Diagnose::advarsel(
        &g.fil,
        None,
        "en <advarsel>\nmed to linjer",
    )];
    for (historik, ny_fil, uaendret, d) in [
        (None, true, false, &advarsler[..]),
        (
            Some(PathBuf::from("historik/2015/alfa/x.yaml")),
            false,
            true,
            &[][..],
        ),
    ] {
        let besked = Besked::Gemt {
            tid: std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_456_704_000),
            historik,
            ny_fil,
            uaendret,
        };
        ens(&side(&g, &f, d, besked));
    }
    g.sidste_aar = Some(SidsteAar {
        periode: "2014".into(),
        nu: "2015".into(),
        meldt: true,
        anbefalinger: vec![SidsteForAnbefaling {
            id: "v1".into(),
            svar: vec![SidsteSvar {
                id: "v1".into(),
                status: Some(Status::Roed),
                bemaerkning: Some("I <gang>".into()),
            }],
        }],
    });
    ens(&side(&g, &f, &[], Besked::Tilfoejet(2)));
}

/// The small pages give the bytes of the `format!` code they replaced.
#[test]
fn the_templates_give_the_small_pages_of_before_byte_for_byte() {
    use crate::web::foer::{enkel_side, kontrol};
    let g = grundlag();
    let d = vec![Diagnose::fejl(&g.fil, None, "øv <x>").med_hint("'ret'")];
    assert_eq!(
        mangel_side(Mangel::UkendtKommune, "x<'>"),
        (
            404,
            enkel_side(
                "Kommunen findes ikke",
                "<p>Der er ingen kommune med id «x&lt;&#39;&gt;» i content/kkr.yaml.</p>"
            )
        )
    );
    assert_eq!(
        mangel_side(Mangel::Projekt(Diagnoser(d.clone())), "x").1,
        enkel_side(
            "Formularen kan ikke vises",
            &format!(
                "<p>Rundens anbefalinger eller kommunelisten har fejl. Ret dem først:</p>{}",
                kontrol(&d)
            )
        )
    );
    let e = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "<nej>");
    assert_eq!(
        skrivefejl_side(&g, &e),
        enkel_side(
            "Ikke gemt",
            &format!(
                "<p>content/2015/status/alfa.yaml kunne ikke læses eller skrives: {}. Intet er ændret. Tjek, at du har adgang til mappen, og prøv igen.</p>",
                crate::web::escape::escape(&io_fejl(&e))
            )
        )
    );
    assert_eq!(
        filfejl(&g, &d),
        format!(
            r#"<div id="filfejl" class="konflikt" role="alert"><h2>Filen har fejl og kan ikke åbnes i formularen</h2><p>Ret fejlene i content/2015/status/alfa.yaml i en editor, og indlæs så siden igen. Fejlene, som <code>fremdrift check</code> skriver dem:</p>{}</div>"#,
            kontrol(&d)
        )
    );
    let f = Formular::fra_status(&g.runde, None);
    let s = side(&g, &f, &[], Besked::Ingen);
    let mut o = Oversigt::default();
    for _ in 0..2 {
        let (handlinger, fragment) = bilagsdele(&g, &o);
        assert_eq!(
            side_med_bilag(&g, &s.html(), &handlinger, &fragment),
            foer::side_foer(&foer::Foer(&s).html(), &g, &o)
        );
        o.dokumenter
            .push(crate::web::foer::visning("bilag-alfa", "Bilag: Alfa", None));
    }
}
