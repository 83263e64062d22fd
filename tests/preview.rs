//! `fremdrift preview` end to end: the real binary on a copy of the mini project,
//! read over HTTP and in headless Chromium driven over the DevTools protocol.

mod common;

use common::browser::{Browser, FRIST, Preview, SIDER_KLAR, gem};
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
fn browser_page_follows_edits_and_shows_errors_over_last_good_render() {
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
