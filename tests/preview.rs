//! `fremdrift preview` end to end: the real binary on a copy of the mini project,
//! read over HTTP and in headless Chromium driven over the DevTools protocol.

use crate::common;

use common::browser::{Browser, FRIST, Preview, SIDER_KLAR, gem, laes};
use common::vent_paa;

const BETA: &str = "content/2015/status/beta.yaml";

#[test]
fn index_lists_every_document_with_its_state_in_danish() {
    let p = common::projekt("mini");
    let pv = Preview::start(p.path());
    let (status, html) = pv.hent("/");
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="da">"#), "{html}");
    assert!(
        html.contains(r#"data-dok="bilag-alfa" data-tilstand="ok""#),
        "{html}"
    );
    // beta.yaml leaves two anbefalinger unanswered: a warning.
    assert!(
        html.contains(r#"data-dok="bilag-beta" data-tilstand="advarsler""#),
        "{html}"
    );
    assert!(html.contains("Hent PDF"));
    assert!(pv.url.starts_with("http://127.0.0.1:"), "{}", pv.url);
}

#[test]
fn pdf_is_served_and_withheld_while_the_document_is_broken() {
    let p = common::projekt("mini");
    let pv = Preview::start(p.path());
    let (status, pdf) = pv.hent("/dok/bilag-alfa/pdf");
    assert_eq!(status, 200);
    assert!(pdf.starts_with("%PDF-"));
    std::fs::write(
        p.path().join("content/2015/status/alfa.yaml"),
        "kommune: [\n",
    )
    .unwrap();
    vent_paa(
        "alfa har fejl",
        FRIST,
        || (pv.tilstand("bilag-alfa")? == "fejl").then_some(()),
        || pv.log(),
    );
    let (status, html) = pv.hent("/dok/bilag-alfa/pdf");
    assert_eq!(status, 409);
    assert!(html.contains("content/2015/status/alfa.yaml"), "{html}");
}

#[test]
fn new_and_deleted_status_files_update_the_list() {
    let p = common::projekt("mini");
    let pv = Preview::start(p.path());
    let gamma = p.path().join("content/2015/status/gamma.yaml");
    gem(&gamma, "kommune: gamma\nsvar:\n  v1:\n    status: grøn\n");
    vent_paa(
        "bilag-gamma dukker op",
        FRIST,
        || pv.tilstand("bilag-gamma"),
        || pv.log(),
    );
    std::fs::remove_file(p.path().join("content/2015/status/alfa.yaml")).unwrap();
    vent_paa(
        "bilag-alfa forsvinder",
        FRIST,
        || pv.tilstand("bilag-alfa").is_none().then_some(()),
        || pv.log(),
    );
    let (status, html) = pv.hent("/dok/bilag-alfa/");
    assert_eq!(status, 404);
    assert!(html.contains("Dokumentet findes ikke"));
}

#[test]
fn pages_are_served_as_png_at_144_dpi_and_kept_by_the_browser_while_unchanged() {
    let p = common::projekt("mini");
    let pv = Preview::start(p.path());
    let sider = vent_paa(
        "bilag-beta har sider",
        FRIST,
        || {
            let s = pv.dokument("bilag-beta")?["sider"].as_array()?.clone();
            (!s.is_empty()).then_some(s)
        },
        || pv.log(),
    );
    let url = sider[0].as_str().expect("a page URL");
    let svar = pv.anmod("GET", url, &[], "");
    assert_eq!(svar.status, 200);
    assert_eq!(svar.hoved("Content-Type"), Some("image/png"));
    assert!(svar.bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{url}");
    // The IHDR chunk: an A4 page at 2 pixels per point.
    let maal = |i: usize| u32::from_be_bytes(svar.bytes[i..i + 4].try_into().unwrap());
    assert_eq!((maal(16), maal(20)), (1191, 1684));
    // The URL names the page's hash: the browser keeps it until the page changes.
    assert_eq!(
        svar.hoved("Cache-Control"),
        Some("max-age=31536000, immutable")
    );
    let (sti, _) = url.split_once("?v=").expect("a hash in the URL");
    let gammel = pv.anmod("GET", &format!("{sti}?v=gammel"), &[], "");
    assert_eq!(gammel.hoved("Cache-Control"), Some("no-store"));
    assert_eq!(gammel.bytes, svar.bytes, "the page as it is now");
}

#[test]
fn browser_page_follows_edits_and_shows_errors_over_last_good_render() {
    let _en_ad_gangen = common::browser::en_ad_gangen();
    let p = common::projekt("mini");
    let pv = Preview::start(p.path());
    let url = format!("{}dok/bilag-beta/", pv.url);
    let browser = Browser::start(&url);
    let mut side = browser.side(&url);

    side.vent("siderne vises", SIDER_KLAR, &pv);
    assert_eq!(side.js("document.documentElement.lang"), "da");
    assert_eq!(
        side.js("getComputedStyle(document.querySelector('.side'), '::after').content"),
        "\"UDKAST\""
    );
    assert_eq!(
        side.js("fetch(document.querySelector('#hent-pdf').href).then(r => r.headers.get('content-type'))"),
        "application/pdf"
    );

    // An edit updates the page in place: same page object, same scroll position.
    let foer = side.js("document.querySelector('#sider img').getAttribute('src')");
    let rulning = side.js("window.scrollTo(0, 300); window.__samme = true; window.scrollY");
    assert_eq!(rulning, 300, "siden skal kunne rulles");
    let original = std::fs::read_to_string(p.path().join(BETA)).unwrap();
    gem(
        &p.path().join(BETA),
        &original.replace("I gang.", "Godt i gang med beredskabet."),
    );
    side.vent(
        "siden opdateres efter en ændring",
        &format!(
            "document.querySelector('#sider img').getAttribute('src') !== {foer} && {SIDER_KLAR}"
        ),
        &pv,
    );
    assert_eq!(
        side.js("window.__samme === true"),
        true,
        "siden blev genindlæst"
    );
    assert_eq!(
        side.js("Math.round(window.scrollY)"),
        300,
        "rulningen gik tabt"
    );

    // Broken content: the overlay names the file; the last good render stays.
    std::fs::write(
        p.path().join(BETA),
        "kommune: beta\nsvar:\n  v1:\n    status: blå\n",
    )
    .unwrap();
    let tekst = side.vent(
        "fejlvinduet viser filen",
        "(document.querySelector('#fejl')?.textContent ?? '').includes('content/2015/status/beta.yaml') \
         && document.querySelector('#fejl').textContent",
        &pv,
    );
    assert!(
        tekst.as_str().unwrap_or_default().contains(": fejl: "),
        "{tekst}"
    );
    assert_eq!(
        side.js("document.querySelectorAll('#sider img').length > 0"),
        true
    );

    // Fixing the file clears the overlay.
    gem(&p.path().join(BETA), &original);
    side.vent(
        "fejlvinduet forsvinder",
        &format!("document.querySelector('#fejl') === null && {SIDER_KLAR}"),
        &pv,
    );
    assert_eq!(
        side.js("window.__samme === true"),
        true,
        "siden blev genindlæst"
    );
}

/// The mini project whose tilbagemelding template runs away (nested loops over huge
/// ranges); the bilag use the default templates. Also the default template's text.
fn loebsk_tilbagemelding() -> (tempfile::TempDir, String) {
    let p = common::projekt("mini");
    let basis = laes(&common::repo().join("templates/tilbagemelding.typ.j2"));
    let loekke = "#for i in range(100000) { for j in range(100000) { } }";
    std::fs::create_dir_all(p.path().join("templates")).unwrap();
    std::fs::write(
        p.path().join("templates/tilbagemelding.typ.j2"),
        basis.replace(
            "{% block indhold %}",
            &format!("{{% block indhold %}}\n{loekke}\n"),
        ),
    )
    .unwrap();
    (p, basis)
}

#[test]
fn a_runaway_template_fails_alone_while_the_preview_serves_and_follows_edits() {
    let (p, basis) = loebsk_tilbagemelding();
    let pv = Preview::start_miljoe(p.path(), &[("FREMDRIFT_TIDSGRAENSE", "3")]);

    // The bilag are served while the tilbagemelding is stuck in the compiler.
    vent_paa(
        "bilag-alfa har sider",
        FRIST,
        || (!pv.dokument("bilag-alfa")?["sider"].as_array()?.is_empty()).then_some(()),
        || pv.log(),
    );
    let fejl = vent_paa(
        "tilbagemeldingen melder tidsgrænsen",
        FRIST,
        || {
            let d = pv.dokument("tilbagemelding")?;
            (d["tilstand"] == "fejl").then(|| d["diagnoser"].to_string())
        },
        || pv.log(),
    );
    assert!(
        fejl.contains("oversættelsen tog mere end 3 s og blev afbrudt"),
        "{fejl}"
    );
    let (status, side) = pv.hent("/dok/tilbagemelding/");
    assert_eq!(status, 200);
    assert!(
        side.contains("oversættelsen tog mere end 3 s og blev afbrudt"),
        "{side}"
    );

    // The stuck worker was stopped, not left running on a core.
    let foerste = *pv.oversaettere().first().expect("a worker was started");
    vent_paa(
        "den fastlåste oversætter er stoppet",
        FRIST,
        || (!common::browser::koerer(foerste)).then_some(()),
        || pv.log(),
    );

    // Edits are still followed: a new answer in beta's bilag, and a fixed template.
    let beta = p.path().join(BETA);
    let foer = pv.dokument("bilag-beta").unwrap()["version"].clone();
    gem(&beta, &laes(&beta).replace("I gang.", "Godt i gang."));
    vent_paa(
        "bilag-beta opdateres",
        FRIST,
        || (pv.dokument("bilag-beta")?["version"] != foer).then_some(()),
        || pv.log(),
    );
    gem(&p.path().join("templates/tilbagemelding.typ.j2"), &basis);
    // Beta's unanswered anbefalinger stay warnings in the tilbagemelding.
    vent_paa(
        "tilbagemeldingen laves, når skabelonen er rettet",
        FRIST,
        || (pv.tilstand("tilbagemelding")? == "advarsler").then_some(()),
        || pv.log(),
    );
}

#[test]
fn a_worker_stuck_in_a_runaway_compilation_ends_when_the_preview_is_killed() {
    let (p, _) = loebsk_tilbagemelding();
    let pv = Preview::start_miljoe(p.path(), &[("FREMDRIFT_TIDSGRAENSE", "600")]);
    let arbejder = vent_paa(
        "oversætteren er startet",
        FRIST,
        || pv.oversaettere().first().copied(),
        || pv.log(),
    );
    // Both bilag are done, so the worker is in the tilbagemelding; once it has spent two
    // seconds of CPU (far more than a bilag takes) it is stuck in the loop.
    vent_paa(
        "oversætteren sidder fast i tilbagemeldingen",
        FRIST,
        || {
            let faerdige = ["bilag-alfa", "bilag-beta"].iter().all(|d| {
                pv.dokument(d)
                    .is_some_and(|v| v["sider"].as_array().is_some_and(|s| !s.is_empty()))
            });
            (faerdige && common::browser::cpu_sekunder(arbejder) >= 2.0).then_some(())
        },
        || pv.log(),
    );
    drop(pv); // SIGKILL: the preview gets no chance to stop its worker
    vent_paa(
        "oversætteren slutter sammen med forhåndsvisningen",
        FRIST,
        || (!common::browser::koerer(arbejder)).then_some(()),
        || format!("proces {arbejder} kører stadig"),
    );
}

#[test]
fn a_compilation_gives_way_to_new_changes_only_once_so_a_stream_of_saves_cannot_starve_it() {
    let (p, _) = loebsk_tilbagemelding();
    let pv = Preview::start_miljoe(p.path(), &[("FREMDRIFT_TIDSGRAENSE", "8")]);
    let beta = p.path().join(BETA);
    let tekst = laes(&beta);
    let slut = "fordi tidsgrænsen blev nået";
    // Beta is saved again as soon as its bilag shows the last save, until the
    // tilbagemelding has run to the time limit: without the rule it would give way to
    // every save and never get there.
    for i in 0.. {
        if pv.log().contains(slut) {
            break;
        }
        assert!(
            i < 60,
            "the tilbagemelding never got to the end\n{}",
            pv.log()
        );
        let foer = pv.dokument("bilag-beta").map(|d| d["version"].clone());
        gem(&beta, &tekst.replace("I gang.", &format!("I gang ({i}).")));
        vent_paa(
            "bilag-beta opdateres",
            FRIST,
            || (pv.dokument("bilag-beta").map(|d| d["version"].clone()) != foer).then_some(()),
            || pv.log(),
        );
    }
    let log = pv.log();
    let foer_slut = &log[..log.find(slut).unwrap()];
    assert_eq!(
        foer_slut.matches("fordi filerne blev ændret igen").count(),
        1,
        "it gave way once, then ran on\n{log}"
    );
}
