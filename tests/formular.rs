//! «Udfyld status» end to end: the real `fremdrift preview` on a copy of the mini
//! project, its form filled in by headless Chromium (over the DevTools protocol), by
//! the keyboard alone and by hostile requests; checked with axe-core.

use crate::common;

use common::browser::{Browser, Cdp, Preview, SIDER_KLAR, gem};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::MutexGuard;

const ALFA: &str = "content/2015/status/alfa.yaml";
const BETA: &str = "content/2015/status/beta.yaml";
const GAMMA: &str = "content/2015/status/gamma.yaml";

/// Two paragraphs that look like Typst, HTML and YAML: they must stay text.
const BEMAERKNING: &str = "Første afsnit: #read(\"/etc/passwd\") og $x^2$ med *fed* og <b>HTML</b>.\n\nAndet afsnit: // ikke en kommentar #set page(width: 1pt)";

/// The preview on a copy of the mini project, with Chromium showing a kommune's form.
struct Formular {
    pv: Preview,
    _browser: Browser,
    side: Cdp,
    projekt: tempfile::TempDir,
    _en_ad_gangen: MutexGuard<'static, ()>,
}

impl Formular {
    fn aabn(kommune: &str) -> Self {
        let laas = common::browser::en_ad_gangen();
        let projekt = common::projekt("mini");
        let pv = Preview::start(projekt.path());
        let url = format!("{}udfyld/{kommune}/", pv.url);
        let browser = Browser::start_med(&url, (1300, 900));
        let mut side = browser.side(&url);
        side.vent(
            "formularen er klar",
            "document.readyState === 'complete' && !!document.getElementById('formular')",
            &pv,
        );
        Self {
            pv,
            _browser: browser,
            side,
            projekt,
            _en_ad_gangen: laas,
        }
    }

    fn fil(&self, rel: &str) -> String {
        std::fs::read_to_string(self.projekt.path().join(rel)).unwrap_or_default()
    }

    fn js(&mut self, udtryk: &str) -> Value {
        self.side.js(udtryk)
    }

    fn vent(&mut self, hvad: &str, udtryk: &str) -> Value {
        self.side.vent(hvad, udtryk, &self.pv)
    }

    fn fokus(&mut self) -> String {
        self.side.fokus()
    }

    /// Presses Tab (with Shift: backwards) until `id` has the focus.
    fn tab_til(&mut self, id: &str, skift: bool) {
        for _ in 0..40 {
            if self.fokus() == id {
                return;
            }
            self.side.tast("Tab", skift);
        }
        panic!("Tab når ikke {id}");
    }

    /// Sets a field's value as typing does (the page hears `input`).
    fn udfyld(&mut self, id: &str, vaerdi: &str) {
        self.js(&format!(
            "(() => {{ const e = document.getElementById({id:?}); e.value = {vaerdi:?}; \
             e.dispatchEvent(new Event('input', {{ bubbles: true }})); }})()"
        ));
    }

    /// Presses «Gem» and waits for the status line to change.
    fn gem(&mut self) -> String {
        self.tryk("gem")
    }

    /// Clicks a button as a mouse does (it takes the focus) and waits for the status
    /// line's answer.
    fn tryk(&mut self, id: &str) -> String {
        self.js(&format!(
            "(k => {{ document.getElementById('gemt').textContent = ''; k.focus(); k.click(); }})\
             (document.getElementById({id:?}) || document.querySelector({id:?}))"
        ));
        self.vent_status()
    }

    fn vent_status(&mut self) -> String {
        let s = self.vent(
            "statuslinjen svarer",
            "(t => !t.startsWith('Gemmer') && t)(document.getElementById('gemt').textContent)",
        );
        s.as_str().unwrap_or_default().to_string()
    }

    fn historik(&self, kommune: &str) -> Vec<String> {
        let mappe = self.projekt.path().join("historik/2015").join(kommune);
        let mut ud: Vec<String> = std::fs::read_dir(mappe)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        ud.sort();
        ud
    }

    /// The token and file version in the form as served.
    fn skjulte(&self, kommune: &str) -> (String, String) {
        let (_, html) = self.pv.hent(&format!("/udfyld/{kommune}/"));
        let felt = |navn: &str| {
            let m = format!(r#"name="{navn}" value=""#);
            let i = html
                .find(&m)
                .unwrap_or_else(|| panic!("{navn} mangler:\n{html}"))
                + m.len();
            html[i..].split('"').next().unwrap().to_string()
        };
        (felt("token"), felt("version"))
    }

    /// Runs axe-core on the page; the serious and critical violations.
    fn axe(&mut self) -> Vec<String> {
        self.side.axe()
    }
}

#[test]
fn saving_in_the_browser_writes_the_file_and_the_pdf_shows_the_text_literally() {
    let mut f = Formular::aabn("alfa");
    let foer = f.fil(ALFA);
    let side_foer = f.js("document.querySelector('#sider img')?.getAttribute('src')");
    assert_eq!(
        f.js("document.getElementById('a2-status-gul').checked"),
        true
    );
    assert_eq!(
        f.js("document.querySelector('#a2 legend').textContent"),
        "v2 Fælles overblik over virksomhedscentre."
    );
    assert!(
        f.js("!!document.getElementById('haandrettet')") == true,
        "the file is hand-written"
    );

    f.js("document.getElementById('a2-status-roed').click()");
    f.udfyld("a2-bem", BEMAERKNING);
    let status = f.gem();
    assert!(status.starts_with("Gemt kl. "), "{status}");
    assert!(
        status.contains("Den forrige udgave ligger i historik/2015/alfa/"),
        "{status}"
    );

    let fil = f.fil(ALFA);
    let forventet = format!(
        "  # Fælles overblik over virksomhedscentre.\n  v2:\n    status: rød\n    bemærkning: |-\n{}\n",
        BEMAERKNING
            .lines()
            .map(|l| if l.is_empty() {
                String::new()
            } else {
                format!("      {l}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(fil.contains(&forventet), "{fil}");
    assert!(
        fil.contains("  v1:\n    status: grøn\n"),
        "other answers are kept:\n{fil}"
    );
    assert_eq!(f.historik("alfa"), [foer], "the hand-written file is kept");
    assert_eq!(f.js("!!document.getElementById('haandrettet')"), false);

    // The bilag beside the form follows the save.
    f.vent(
        "bilaget opdateres",
        &format!("document.querySelector('#sider img')?.getAttribute('src') !== {side_foer} && {SIDER_KLAR}"),
    );
    let href = f.js("document.getElementById('hent-pdf').getAttribute('href')");
    let pdf = f.pv.anmod("GET", href.as_str().unwrap(), &[], "");
    assert_eq!(pdf.status, 200);
    let tekst = common::pdf_tekst(&pdf.bytes);
    for del in [
        "#read(\"/etc/passwd\")",
        "$x^2$",
        "*fed*",
        "<b>HTML</b>",
        "// ikke en kommentar #set page(width: 1pt)",
    ] {
        assert!(
            common::indeholder(&tekst, del),
            "{del:?} mangler i PDF'en:\n{tekst}"
        );
    }
}

#[test]
fn a_file_changed_on_disk_after_loading_is_never_overwritten() {
    let mut f = Formular::aabn("alfa");
    let rettet = f
        .fil(ALFA)
        .replace("Ikke igangsat endnu.", "Rettet i editoren.");
    gem(&f.projekt.path().join(ALFA), &rettet);
    f.js("document.getElementById('a1-status-gul').click()");
    let status = f.gem();
    assert_eq!(status, "Ikke gemt: filen er ændret på disken.");
    let advarsel = f.js("document.querySelector('#konflikt[role=alert]')?.textContent");
    assert!(
        advarsel
            .as_str()
            .unwrap_or_default()
            .contains("Indlæs filen igen"),
        "{advarsel}"
    );
    assert_eq!(f.fil(ALFA), rettet);
    // Pressing «Gem» again changes nothing either.
    assert_eq!(f.gem(), "Ikke gemt: filen er ændret på disken.");
    assert_eq!(f.fil(ALFA), rettet);
    assert!(f.historik("alfa").is_empty());
    assert_eq!(
        f.js("document.getElementById('a1-status-gul').checked"),
        true,
        "what was typed stays in the form"
    );

    f.js("document.querySelector('#konflikt a').click()");
    f.vent(
        "formularen viser filen fra disken",
        "document.getElementById('a3-bem')?.value === 'Rettet i editoren.'",
    );
    assert_eq!(
        f.js("document.getElementById('a1-status-groen').checked"),
        true
    );
}

#[test]
fn a_post_from_another_site_is_refused_and_changes_nothing() {
    let f = Formular::aabn("alfa");
    let (token, version) = f.skjulte("alfa");
    let krop = format!("token={token}&version={version}&status.v1=r%C3%B8d&handling=gem");
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let egen = format!("http://127.0.0.1:{}", f.pv.port);
    let foer = f.fil(ALFA);
    for hoveder in [
        vec![form, ("Origin", "http://evil.example")],
        vec![form, ("Origin", "null")],
        vec![form, ("Origin", "http://127.0.0.1:1")],
        vec![form, ("Sec-Fetch-Site", "cross-site")],
        vec![form, ("Sec-Fetch-Site", "same-site")],
    ] {
        let s = f.pv.anmod("POST", "/udfyld/alfa/", &hoveder, &krop);
        assert_eq!(s.status, 403, "{hoveder:?}: {}", s.krop);
        assert!(s.krop.starts_with("Afvist:"), "{}", s.krop);
        assert_eq!(f.fil(ALFA), foer, "{hoveder:?}");
    }
    let uden_token = krop.replace(&token, "0".repeat(32).as_str());
    let s = f.pv.anmod(
        "POST",
        "/udfyld/alfa/",
        &[form, ("Origin", &egen)],
        &uden_token,
    );
    assert_eq!(s.status, 403, "{}", s.krop);
    assert_eq!(f.fil(ALFA), foer);
    assert!(f.historik("alfa").is_empty());

    // The same request from the preview's own page is saved.
    let s =
        f.pv.anmod("POST", "/udfyld/alfa/", &[form, ("Origin", &egen)], &krop);
    assert_eq!(s.status, 200, "{}", s.krop);
    assert!(f.fil(ALFA).contains("  v1:\n    status: rød\n"));
}

#[test]
fn a_cross_site_form_in_the_same_browser_changes_nothing() {
    let mut f = Formular::aabn("alfa");
    let (token, version) = f.skjulte("alfa");
    let foer = f.fil(ALFA);
    // Another site (another origin: another port) whose page posts to the preview,
    // even knowing the token.
    let ond = TcpListener::bind("127.0.0.1:0").unwrap();
    let ond_url = format!("http://127.0.0.1:{}/", ond.local_addr().unwrap().port());
    let side = format!(
        "<!doctype html><form method=post action=\"{}udfyld/alfa/\">\
         <input name=token value={token}><input name=version value={version}>\
         <input name=status.v1 value=rød><input name=handling value=gem></form>\
         <script>document.forms[0].submit()</script>",
        f.pv.url
    );
    let tjener = std::thread::spawn(move || {
        let (mut s, _) = ond.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = s.read(&mut buf);
        let _ = write!(
            s,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{side}",
            side.len()
        );
    });
    f.side
        .kald("Page.navigate", serde_json::json!({ "url": ond_url }));
    tjener.join().unwrap();
    let svar = f.vent(
        "den fremmede side har sendt formularen",
        "location.pathname === '/udfyld/alfa/' && document.body.innerText",
    );
    assert!(svar.as_str().unwrap().starts_with("Afvist:"), "{svar}");
    assert_eq!(f.fil(ALFA), foer);
    assert!(f.historik("alfa").is_empty());
}

#[test]
fn a_kommune_without_a_status_file_gets_a_new_file_and_its_bilag() {
    let mut f = Formular::aabn("alfa");
    let (_, oversigt) = f.pv.hent("/");
    assert!(
        oversigt.contains(r#"<li>Gamma Kommune – <a class="udfyld" href="/udfyld/gamma/">Udfyld status<span class="skjult"> for Gamma Kommune</span></a></li>"#),
        "{oversigt}"
    );
    let (_, bilagsside) = f.pv.hent("/dok/bilag-alfa/");
    assert!(
        bilagsside.contains(r#"href="/udfyld/alfa/">Udfyld status"#),
        "{bilagsside}"
    );
    let url = format!("{}udfyld/gamma/", f.pv.url);
    f.side.aabn(&url, &f.pv);
    assert_eq!(f.js("document.getElementById('f-udkast').checked"), true);
    assert_eq!(
        f.js(
            "[...document.querySelectorAll('input[type=radio]:checked')].every(r => r.value === '')"
        ),
        true
    );
    assert!(
        f.js("document.querySelector('#indhold').textContent")
            .as_str()
            .unwrap()
            .contains("Der er intet bilag endnu")
    );

    f.udfyld("f-organ", "Byrådet");
    f.udfyld("f-dato", "2016-02-10");
    f.js("document.getElementById('a3-status-groen').click()");
    // Two forslag added, the first removed again: the buttons work with focus kept.
    for n in 1..=2 {
        assert_eq!(
            f.tryk("tilfoej-forslag"),
            format!("Forslag {n} er tilføjet (ikke gemt endnu).")
        );
    }
    assert_eq!(f.fokus(), "forslag2-titel");
    f.udfyld("forslag1-titel", "Fjernes");
    f.udfyld("forslag2-titel", "Fælles jobbank");
    f.udfyld("forslag2-tekst", "Alle kommuner deler én.");
    assert_eq!(
        f.tryk("button[value=\"fjern-forslag-1\"]"),
        "Forslag 1 er fjernet (ikke gemt endnu)."
    );
    assert_eq!(
        f.fokus(),
        "forslag1-titel",
        "focus moves to the next forslag"
    );
    assert_eq!(
        f.js("document.getElementById('forslag1-titel').value"),
        "Fælles jobbank"
    );
    assert!(!f.projekt.path().join(GAMMA).exists(), "nothing saved yet");

    let status = f.gem();
    assert!(
        status.contains("Filen content/2015/status/gamma.yaml er oprettet."),
        "{status}"
    );
    let fil = f.fil(GAMMA);
    assert!(
        fil.starts_with("# yaml-language-server: $schema=../../../skema/status-2015.schema.json\n# Status for Gamma Kommune"),
        "{fil}"
    );
    assert!(
        fil.contains("behandlet:\n  organ: \"Byrådet\"\n  dato: 2016-02-10\n"),
        "{fil}"
    );
    assert!(fil.contains("  b1:\n    status: grøn\n"), "{fil}");
    assert!(
        fil.contains(
            "forslag:\n  - titel: \"Fælles jobbank\"\n    tekst: \"Alle kommuner deler én.\"\n"
        ),
        "{fil}"
    );
    assert!(!fil.contains("Fjernes"));
    assert!(f.historik("gamma").is_empty(), "there was nothing to keep");
    f.vent("gammas bilag vises ved siden af", SIDER_KLAR);
}

#[test]
fn the_form_can_be_filled_in_with_the_keyboard_alone() {
    let mut f = Formular::aabn("beta");
    let mut naaet = Vec::new();
    let mut usynlig = Vec::new();
    for _ in 0..80 {
        f.side.tast("Tab", false);
        let id = f.fokus();
        let synlig = f.js(
            "(s => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)\
             (getComputedStyle(document.activeElement))",
        );
        if synlig != true {
            usynlig.push(id.clone());
        }
        if naaet.last() != Some(&id) {
            naaet.push(id.clone());
        }
        if id == "tilfoej-forslag" {
            break;
        }
    }
    assert!(usynlig.is_empty(), "no visible focus on {usynlig:?}");
    let forventet = [
        "gem",
        "f-organ",
        "f-dato",
        "f-kontakt",
        "f-email",
        "f-telefon",
        "f-udkast",
        "a1-status-gul",
        "a1-bem",
        "a2-status-ikke",
        "a2-bem",
        "a3-status-groen",
        "a3-bem",
        "a4-status-ikke",
        "a4-bem",
        "tilfoej-forslag",
    ];
    let start = naaet
        .iter()
        .position(|i| i == "gem")
        .expect("Tab reaches «Gem»");
    assert_eq!(naaet[start..], forventet, "{naaet:?}");

    // Back to the top of the form, then fill it in.
    f.tab_til("f-organ", true);
    f.side.skriv("Kommunalbestyrelsen");
    f.tab_til("f-udkast", false);
    f.side.tast(" ", false);
    f.side.tast("Tab", false);
    f.side.tast("ArrowDown", false);
    assert_eq!(
        f.fokus(),
        "a1-status-roed",
        "arrow keys move between the statuses"
    );
    f.side.tast("Tab", false);
    // The caret stands at the start of the existing «I gang.».
    f.side.skriv("Første linje.\n\nAndet afsnit. ");
    f.side.tast("Tab", false);
    f.side.tast("ArrowUp", false);
    assert_eq!(f.fokus(), "a2-status-roed");
    f.side.tast("ArrowUp", false);
    assert_eq!(f.fokus(), "a2-status-gul");
    f.tab_til("tilfoej-forslag", false);
    f.side.tast("Enter", false);
    f.vent(
        "det nye forslag har fokus",
        "document.activeElement.id === 'forslag1-titel'",
    );
    f.side.skriv("Tastaturets forslag");
    // Enter in a field presses the form's first button: «Gem».
    f.side.tast("Enter", false);
    let status = f.vent_status();
    assert!(status.starts_with("Gemt kl. "), "{status}");
    assert_eq!(f.fokus(), "forslag1-titel", "focus stays where it was");

    let fil = f.fil(BETA);
    for del in [
        "  organ: \"Kommunalbestyrelsen\"\n",
        "udkast: false\n",
        "  v1:\n    status: rød\n    bemærkning: |-\n      Første linje.\n\n      Andet afsnit. I gang.\n",
        "  v2:\n    status: gul\n",
        "  - titel: \"Tastaturets forslag\"\n",
    ] {
        assert!(fil.contains(del), "{del:?} mangler:\n{fil}");
    }
}

#[test]
fn an_invalid_date_gets_a_message_about_its_field_and_nothing_is_written() {
    let mut f = Formular::aabn("beta");
    let foer = f.fil(BETA);
    // What a date field sends for a five-digit year.
    f.udfyld("f-dato", "20166-02-03");
    let status = f.gem();
    assert_eq!(status, "Ikke gemt: 1 fejl. Ret den, og tryk «Gem» igen.");
    assert_eq!(f.fil(BETA), foer);
    assert_eq!(f.fokus(), "gem", "focus stays on «Gem»");
    let felt = f.js(
        "(e => [e.getAttribute('aria-invalid'), e.getAttribute('aria-describedby'), \
         document.getElementById('f-dato-fejl').getAttribute('role'), \
         document.getElementById('f-dato-fejl').innerText])(document.getElementById('f-dato'))",
    );
    assert_eq!(felt[0], "true");
    assert_eq!(felt[1], "f-dato-fejl");
    assert_eq!(felt[2], "alert");
    assert_eq!(
        f.js("document.querySelector('#fejlliste a').getAttribute('href')"),
        "#f-dato"
    );

    // The form speaks of its date field and the calendar, not of YAML's field names
    // and ÅÅÅÅ-MM-DD; the same date in the YAML file gets `check`'s words for a file.
    assert_eq!(
        felt[3].as_str().unwrap(),
        "Fejl: «20166-02-03» er ikke en dato\nhint: vælg dagen i kalenderen, eller skriv den som 26-01-2016 eller 26. januar 2016"
    );
    let kopi = common::projekt("mini");
    let yaml = foer.replace("dato: \"2016-02-03\"", "dato: \"20166-02-03\"");
    assert_ne!(yaml, foer);
    std::fs::write(kopi.path().join(BETA), yaml).unwrap();
    let check = common::fremdrift(kopi.path(), &["check"]);
    let ud = common::stderr(&check) + &common::stdout(&check);
    let linje = ud
        .lines()
        .position(|l| l.contains(": fejl: "))
        .expect("a check error");
    let besked = ud
        .lines()
        .nth(linje)
        .unwrap()
        .split(": fejl: ")
        .nth(1)
        .unwrap();
    let hint = ud.lines().nth(linje + 1).unwrap().trim();
    assert_eq!(
        besked, "«20166-02-03» er ikke en dato (behandlet.dato)",
        "check:\n{ud}"
    );
    assert_eq!(
        hint, "hint: skriv datoen som ÅÅÅÅ-MM-DD, fx 2016-01-26",
        "check:\n{ud}"
    );
}

#[test]
fn the_pages_have_no_serious_or_critical_accessibility_violations() {
    let mut f = Formular::aabn("alfa");
    let mut fund = Vec::new();
    fund.extend(f.axe().into_iter().map(|v| format!("formular: {v}")));
    f.udfyld("f-dato", "2016-02-30");
    f.udfyld("forslag1-titel", "");
    f.gem();
    assert!(f.js("!!document.getElementById('fejlliste')") == true);
    fund.extend(
        f.axe()
            .into_iter()
            .map(|v| format!("formular med fejl: {v}")),
    );
    for sti in ["", "dok/bilag-alfa/"] {
        let url = format!("{}{sti}", f.pv.url);
        f.side.aabn(&url, &f.pv);
        if !sti.is_empty() {
            f.vent("siderne vises", SIDER_KLAR);
        }
        fund.extend(f.axe().into_iter().map(|v| format!("/{sti}: {v}")));
    }
    assert!(fund.is_empty(), "{}", fund.join("\n"));
}

#[test]
fn the_form_and_the_bilag_stand_side_by_side_and_stack_in_a_narrow_window() {
    let mut f = Formular::aabn("alfa");
    f.vent("bilaget vises", SIDER_KLAR);
    let placering = "(f => (b => [f.right <= b.left, b.top >= f.bottom])\
        (document.querySelector('.bilag-kolonne').getBoundingClientRect()))\
        (document.querySelector('.formular-kolonne').getBoundingClientRect())";
    assert_eq!(
        f.js(placering),
        serde_json::json!([true, false]),
        "side by side"
    );
    f.side.kald(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({ "width": 600, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
    );
    assert_eq!(f.js(placering), serde_json::json!([false, true]), "stacked");
}

#[test]
fn every_page_has_a_content_security_policy_and_no_inline_script_or_style() {
    let f = Formular::aabn("alfa");
    for sti in [
        "/",
        "/dok/bilag-alfa/",
        "/udfyld/alfa/",
        "/udfyld/gamma/",
        "/findes-ikke",
        "/udfyld/ukendt/",
    ] {
        let s = f.pv.anmod("GET", sti, &[], "");
        let csp = s
            .hoved("Content-Security-Policy")
            .unwrap_or_else(|| panic!("{sti}: ingen CSP"));
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert!(csp.contains("form-action 'self'") && csp.contains("frame-ancestors 'none'"));
        assert!(
            !s.krop.contains("<script>")
                && !s.krop.contains(" style=")
                && !s.krop.contains(" onclick="),
            "{sti}"
        );
    }
    assert_eq!(f.pv.anmod("GET", "/udfyld/ukendt/", &[], "").status, 404);
}

#[test]
fn bodies_that_are_too_large_not_forms_or_not_ours_are_refused() {
    let f = Formular::aabn("alfa");
    let foer = f.fil(ALFA);
    let (token, version) = f.skjulte("alfa");
    let egen = format!("http://127.0.0.1:{}", f.pv.port);
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let stor = format!(
        "token={token}&version={version}&organ={}",
        "x".repeat(1_100_000)
    );
    let tilfaelde = [
        (vec![form, ("Origin", egen.as_str())], stor, 413),
        (
            vec![("Content-Type", "text/plain"), ("Origin", egen.as_str())],
            format!("token={token}"),
            415,
        ),
        (
            vec![form, ("Origin", egen.as_str())],
            format!("token={token}&sti=/etc/passwd"),
            400,
        ),
        (
            vec![form, ("Origin", egen.as_str())],
            format!("token={token}&organ=a&organ=b"),
            400,
        ),
    ];
    for (hoveder, krop, status) in tilfaelde {
        let s = f.pv.anmod("POST", "/udfyld/alfa/", &hoveder, &krop);
        assert_eq!(s.status, status, "{}", s.krop);
        assert_eq!(f.fil(ALFA), foer);
    }
    assert_eq!(f.pv.anmod("PUT", "/udfyld/alfa/", &[], "").status, 405);
    assert_eq!(
        f.pv.anmod("POST", "/dok/bilag-alfa/", &[("Origin", egen.as_str())], "")
            .status,
        405
    );
}

#[test]
fn the_form_shows_last_periods_answers_through_erstatter() {
    let dir = tempfile::tempdir().unwrap();
    common::eksempel::tre_perioder(dir.path()).unwrap();
    std::fs::remove_dir_all(dir.path().join("content/2017")).unwrap();
    let pv = Preview::start(dir.path());
    let (status, html) = pv.hent("/udfyld/koebenhavn/");
    assert_eq!(status, 200, "{html}");
    for linje in [
        r#"<p class="tidligere">2015 (v3): Grøn – koebenhavn v3: grøn.</p>"#,
        r#"<p class="tidligere">2015: Rød – koebenhavn b2: rød.</p>"#,
        r#"<p class="tidligere">Ny i 2016</p>"#,
    ] {
        assert!(html.contains(linje), "«{linje}» mangler:\n{html}");
    }
}
