//! The hosted collection as people use it, in headless Chromium (over the DevTools
//! protocol, as tests/formular.rs): the secretariat's dashboard sends a reminder
//! through a local SMTP server (Debian's python3-aiosmtpd), the kommune opens the link
//! in the letter, the dashboard follows its state while it fills in beside its live
//! bilag, saves, carries on from a second browser, uploads a workbook and downloads its
//! PDF; another kommune's session reaches nothing of it; a revoked link stops working;
//! axe-core finds no serious or critical issue on the kommune's page, the dashboard and
//! the error pages.

use crate::common;

use std::path::Path;
use std::sync::MutexGuard;

use common::browser::{Browser, Cdp, SIDER_KLAR};
use common::indsamling::{Links, Tjeneste, token};
use common::regneark::{Mappe, t as celle};
use common::smtp::Modtager;
use serde_json::{Value, json};

const GAMMA: &str = "content/2015/status/gamma.yaml";

/// The mini project (frist 29 February 2016, long past) with an e-mail address for
/// gamma, its links, a local SMTP server and the service sending through it.
struct Runde {
    links: Links,
    smtp: Modtager,
    t: Tjeneste,
    _en_ad_gangen: MutexGuard<'static, ()>,
}

impl Runde {
    fn start() -> Self {
        let laas = common::browser::en_ad_gangen();
        let projekt = common::projekt("mini");
        let kkr = projekt.path().join("content/kkr.yaml");
        let tekst = std::fs::read_to_string(&kkr).unwrap().replace(
            "    navn: Gamma Kommune\n",
            "    navn: Gamma Kommune\n    e-mail: jobcenter@gamma.example.dk\n",
        );
        std::fs::write(&kkr, tekst).unwrap();
        let port = common::fri_port();
        let links = Links::lav_i(projekt, &format!("http://127.0.0.1:{port}"));
        let smtp = Modtager::start(None);
        let t = Tjeneste::start_med(
            links.projekt.path(),
            &links.noegle(),
            port,
            &[
                "--smtp",
                &smtp.url(""),
                "--afsender",
                "KKR Testregion <kkr@example.dk>",
            ],
        );
        Self {
            links,
            smtp,
            t,
            _en_ad_gangen: laas,
        }
    }

    fn fil(&self, rel: &str) -> String {
        std::fs::read_to_string(self.links.projekt.path().join(rel)).unwrap_or_default()
    }
}

/// A Chromium of its own (its own profile, so its own cookies) with one tab.
struct Vindue {
    _browser: Browser,
    side: Cdp,
}

impl Vindue {
    fn nyt() -> Self {
        let browser = Browser::start_med("about:blank", (1300, 900));
        let side = browser.side("about:blank");
        Self {
            _browser: browser,
            side,
        }
    }

    fn js(&mut self, udtryk: &str) -> Value {
        self.side.js(udtryk)
    }

    fn tekst(&mut self, css: &str) -> String {
        let v = self.js(&format!(
            "document.querySelector({css:?})?.textContent ?? ''"
        ));
        v.as_str().unwrap_or_default().to_string()
    }

    fn vent(&mut self, hvad: &str, udtryk: &str, t: &Tjeneste) -> Value {
        self.side.vent(hvad, udtryk, t)
    }

    /// Goes to `url` (as a click on a link in a letter does; an address starting with
    /// `/` is the service's) and waits for a loaded page at `sti`.
    fn gaa(&mut self, url: &str, sti: &str, t: &Tjeneste) {
        let url = match url.starts_with('/') {
            true => format!("{}{url}", t.url()),
            false => url.to_string(),
        };
        self.js("window.__forrige = true");
        self.side.kald("Page.navigate", json!({ "url": url }));
        self.vent_paa_side(sti, t);
    }

    /// Waits until a new page at `sti` has loaded (the old one set `__forrige`).
    fn vent_paa_side(&mut self, sti: &str, t: &Tjeneste) {
        self.vent(
            &format!("{sti} er indlæst"),
            &format!(
                "!window.__forrige && location.pathname === {sti:?} && document.readyState === 'complete'"
            ),
            t,
        );
    }

    /// Clicks the button `css` of an ordinary form and waits for the page it leads to.
    fn send(&mut self, css: &str, sti: &str, t: &Tjeneste) {
        self.js(&format!(
            "window.__forrige = true; document.querySelector({css:?}).click()"
        ));
        self.vent_paa_side(sti, t);
    }

    /// The dashboard's state word for kommune `id`, once it reads `ord`.
    fn tilstand_bliver(&mut self, id: &str, ord: &str, t: &Tjeneste) {
        self.vent(
            &format!("{id} står som «{ord}» på oversigten"),
            &format!("document.querySelector('#k-{id} .tilstand')?.textContent === {ord:?}"),
            t,
        );
    }

    /// Sets a field as typing does.
    fn udfyld(&mut self, id: &str, vaerdi: &str) {
        self.js(&format!(
            "(() => {{ const e = document.getElementById({id:?}); e.value = {vaerdi:?}; \
             e.dispatchEvent(new Event('input', {{ bubbles: true }})); }})()"
        ));
    }

    /// Presses «Gem» (the form's script posts it) and gives the status line's answer.
    fn gem(&mut self, t: &Tjeneste) -> String {
        self.js(
            "(k => { document.getElementById('gemt').textContent = ''; k.focus(); k.click(); })\
             (document.getElementById('gem'))",
        );
        let s = self.vent(
            "statuslinjen svarer",
            "(t => !t.startsWith('Gemmer') && t)(document.getElementById('gemt').textContent)",
            t,
        );
        s.as_str().unwrap_or_default().to_string()
    }

    /// Fetches `sti` with this browser's session, as a click on a download does: the
    /// status, the content type and the body.
    fn hent(&mut self, sti: &str) -> (u16, String, Vec<u8>) {
        let v = self.js(&format!(
            "fetch({sti:?}).then(async r => {{ const b = new Uint8Array(await r.arrayBuffer()); \
             let s = ''; for (const x of b) s += String.fromCharCode(x); \
             return [r.status, r.headers.get('content-type') || '', btoa(s)]; }})"
        ));
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(v[2].as_str().unwrap())
            .unwrap();
        (
            v[0].as_u64().unwrap() as u16,
            v[1].as_str().unwrap().to_string(),
            bytes,
        )
    }

    /// A request as a script in this page can make it (same origin, the session's
    /// cookie): the status and the text.
    fn anmod(&mut self, metode: &str, sti: &str, krop: &str) -> (u16, String) {
        let v = self.js(&format!(
            "fetch({sti:?}, {{ method: {metode:?}, redirect: 'manual', \
             headers: {{ 'Content-Type': 'application/x-www-form-urlencoded' }}, \
             body: {metode:?} === 'GET' ? undefined : {krop:?} }})\
             .then(async r => [r.status, await r.text()])"
        ));
        (
            v[0].as_u64().unwrap() as u16,
            v[1].as_str().unwrap().to_string(),
        )
    }

    /// Chooses `fil` in the file field `css`, as the file dialog does.
    fn vaelg_fil(&mut self, css: &str, fil: &Path) {
        let dok = self.side.kald("DOM.getDocument", json!({}));
        let rod = dok["root"]["nodeId"].clone();
        let node = self.side.kald(
            "DOM.querySelector",
            json!({ "nodeId": rod, "selector": css }),
        );
        self.side.kald(
            "DOM.setFileInputFiles",
            json!({ "nodeId": node["nodeId"], "files": [fil.to_str().unwrap()] }),
        );
    }

    /// axe-core's serious and critical findings, each named with the page (an error
    /// page, «…-siden», has fewer checks to pass).
    fn axe(&mut self, side: &str) -> Vec<String> {
        let mindst = if side.ends_with("-siden") { 12 } else { 20 };
        self.side
            .axe_med(mindst)
            .into_iter()
            .map(|v| format!("{side}: {v}"))
            .collect()
    }
}

/// The link in a letter's body.
fn link_i(brev: &Value) -> String {
    let tekst = brev["body"].as_str().unwrap();
    tekst
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("http://") && l.contains("/l/"))
        .unwrap_or_else(|| panic!("no link in the letter:\n{tekst}"))
        .to_string()
}

#[test]
fn a_kommune_answers_from_the_reminder_while_the_dashboard_follows_it() {
    let r = Runde::start();
    let t = &r.t;
    let mut sek = Vindue::nyt();
    sek.gaa(&r.links.sekretariat, "/sekretariat/", t);
    assert!(
        !sek.js("location.href")
            .as_str()
            .unwrap()
            .contains(token(&r.links.sekretariat)),
        "the token leaves the address"
    );
    sek.tilstand_bliver("gamma", "Ikke åbnet", t);
    let mut fund = sek.axe("oversigten");

    // «Send påmindelse» for gamma: the letter arrives at the SMTP server with its link.
    sek.send(
        "#k-gamma form[action='/sekretariat/paamind/gamma'] button",
        "/sekretariat/",
        t,
    );
    let besked = sek.tekst("#besked");
    assert!(besked.contains("jobcenter@gamma.example.dk"), "{besked}");
    assert_eq!(r.smtp.antal(), 1, "one letter");
    let (brev, _) = r.smtp.brev(1);
    assert_eq!(brev["to"], "jobcenter@gamma.example.dk");
    assert!(
        brev["body"].as_str().unwrap().contains("29. februar 2016"),
        "{brev}"
    );
    let link = link_i(&brev);
    assert_eq!(
        link,
        r.links.link("gamma"),
        "the letter carries gamma's link"
    );

    // The kommune clicks the link: its form, read-only after the frist, without the token.
    let mut gamma = Vindue::nyt();
    gamma.gaa(&link, "/udfyld/gamma/", t);
    assert!(
        !gamma
            .js("location.href")
            .as_str()
            .unwrap()
            .contains(token(&link))
    );
    let laast = gamma.tekst("#laast");
    assert!(
        laast.contains("Fristen var den 29. februar 2016") && laast.contains("kkr@example.dk"),
        "{laast}"
    );
    assert_eq!(
        gamma.js("document.querySelector('fieldset.laast').disabled"),
        true
    );
    fund.extend(gamma.axe("kommunens side efter fristen"));
    sek.tilstand_bliver("gamma", "Åbnet", t);

    // The secretariat reopens gamma; the kommune fills in beside its bilag and saves.
    sek.send(
        "#k-gamma form[action='/sekretariat/genaabn/gamma'] button",
        "/sekretariat/",
        t,
    );
    assert!(sek.tekst("#k-gamma").contains("(genåbnet)"));
    gamma.gaa("/udfyld/gamma/", "/udfyld/gamma/", t);
    assert_eq!(gamma.js("!!document.getElementById('laast')"), false);
    assert!(gamma.tekst("#indhold").contains("Der er intet bilag endnu"));
    fund.extend(gamma.axe("kommunens side"));
    gamma.udfyld("f-organ", "Byrådet");
    gamma.udfyld("f-dato", "2016-02-10");
    gamma.udfyld("f-kontakt", "Søren Ærø");
    gamma.js("document.getElementById('a1-status-groen').click()");
    gamma.js("document.getElementById('a3-status-gul').click()");
    gamma.udfyld("a3-bem", "Vi er i gang <b>nu</b>.");
    let status = gamma.gem(t);
    assert!(status.starts_with("Gemt kl. "), "{status}");
    assert!(
        r.fil(GAMMA).contains("  b1:\n    status: gul\n"),
        "{}",
        r.fil(GAMMA)
    );
    gamma.vent("gammas bilag vises ved siden af", SIDER_KLAR, t);
    sek.tilstand_bliver("gamma", "Kladde", t);

    // A colleague opens the same link on another PC: the saved answers are there; they
    // untick «Udkast» and save, and the dashboard says «Indsendt».
    let mut kollega = Vindue::nyt();
    kollega.gaa(&link, "/udfyld/gamma/", t);
    assert_eq!(
        kollega.js("document.getElementById('a3-status-gul').checked"),
        true
    );
    assert_eq!(
        kollega.js("document.getElementById('a3-bem').value"),
        "Vi er i gang <b>nu</b>."
    );
    assert_eq!(
        kollega.js("document.getElementById('f-udkast').checked"),
        true
    );
    kollega.js("document.getElementById('f-udkast').click()");
    kollega.js("document.getElementById('a2-status-roed').click()");
    assert!(kollega.gem(t).starts_with("Gemt kl. "));
    assert!(!r.fil(GAMMA).contains("udkast: true"), "{}", r.fil(GAMMA));
    sek.tilstand_bliver("gamma", "Indsendt", t);
    drop(kollega);

    // The first browser still holds the older version: its save is a conflict, and
    // nothing of the colleague's is lost.
    let foer = r.fil(GAMMA);
    gamma.udfyld("a4-bem", "Skrevet samtidig.");
    gamma.gem(t);
    assert_eq!(gamma.js("!!document.getElementById('konflikt')"), true);
    assert_eq!(r.fil(GAMMA), foer, "the colleague's save stands");

    // A filled workbook instead of the form.
    assert!(
        r.links
            .fremdrift(&["skabelon", "gamma", "--xlsx"])
            .status
            .success()
    );
    let skabelon = r
        .links
        .projekt
        .path()
        .join("out/2015/skabeloner/103-gamma.xlsx");
    let mut m = Mappe::fra_xlsx(&std::fs::read(skabelon).unwrap());
    m.ark("Fremdriftsskema")
        .saet("E4", celle("gul"))
        .saet("F4", celle("Indlæst fra regnearket."));
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("Gamma svar.xlsx");
    std::fs::write(&fil, m.xlsx()).unwrap();
    gamma.gaa("/udfyld/gamma/", "/udfyld/gamma/", t);
    gamma.vaelg_fil("#regneark-fil", &fil);
    gamma.send("#regneark button[type=submit]", "/udfyld/gamma/", t);
    let besked = gamma.tekst("#besked");
    assert!(
        besked.starts_with("Filen er indlæst, og svarene er gemt."),
        "{besked}"
    );
    assert!(
        r.fil(GAMMA).contains("Indlæst fra regnearket."),
        "{}",
        r.fil(GAMMA)
    );
    assert_eq!(
        gamma.js("document.getElementById('a1-bem').value"),
        "Indlæst fra regnearket."
    );

    // «Hent PDF»: the bilag as it now stands.
    gamma.vent(
        "bilaget efter indlæsningen",
        "!!document.getElementById('hent-pdf')",
        t,
    );
    let href = gamma.js("document.getElementById('hent-pdf').getAttribute('href')");
    let (status, typ, pdf) = gamma.hent(href.as_str().unwrap());
    assert_eq!((status, typ.as_str()), (200, "application/pdf"));
    let tekst = common::pdf_tekst(&pdf);
    assert!(common::indeholder(&tekst, "Gamma Kommune"), "{tekst}");
    assert!(
        common::indeholder(&tekst, "Indlæst fra regnearket."),
        "{tekst}"
    );

    let log = common::stdout(&r.links.fremdrift(&["indsamling", "log"]));
    for linje in [
        "Gamma Kommune fik en e-mail med link",
        "Gamma Kommune åbnede link",
        "Gamma Kommune blev genåbnet efter fristen",
        "Gamma Kommune gemte en kladde",
        "Gamma Kommune indsendte sin status",
        "Gamma Kommune indlæste et regneark",
    ] {
        assert!(log.contains(linje), "«{linje}» mangler i loggen:\n{log}");
    }
    assert!(fund.is_empty(), "axe-core:\n{}", fund.join("\n"));
}

#[test]
fn another_kommunes_session_reaches_nothing_and_a_revoked_link_stops_working() {
    let r = Runde::start();
    let t = &r.t;
    let mut gamma = Vindue::nyt();
    gamma.gaa(&r.links.link("gamma"), "/udfyld/gamma/", t);

    // Alfa's session, in its own browser, tries gamma's and everybody's addresses.
    let mut alfa = Vindue::nyt();
    alfa.gaa(&r.links.link("alfa"), "/udfyld/alfa/", t);
    let egen = alfa.js("document.querySelector('input[name=token]').value");
    let krop = format!(
        "token={}&handling=gem&status.v1=r%C3%B8d",
        egen.as_str().unwrap()
    );
    for sti in [
        "/udfyld/gamma/",
        "/udfyld/gamma/bilag",
        "/udfyld/%67amma/",
        "/udfyld/gamma/../alfa/../gamma/",
        "/dok/bilag-gamma/",
        "/dok/bilag-gamma/fragment",
        "/dok/bilag-gamma/pdf",
        "/dok/bilag-gamma/side/1.png",
        "/dok/tilbagemelding/",
        "/dok/tilbagemelding/pdf",
        "/sekretariat/",
        "/sekretariat/fragment",
        "/sekretariat/bilag.zip",
        "/sekretariat/svar.xlsx",
    ] {
        let (status, tekst) = alfa.anmod("GET", sti, "");
        assert_eq!(status, 404, "GET {sti}: {tekst}");
        assert!(!tekst.contains("Gamma Kommune"), "GET {sti}: {tekst}");
    }
    for sti in [
        "/udfyld/gamma/",
        "/udfyld/gamma/regneark",
        "/sekretariat/nyt-link/gamma",
        "/sekretariat/genaabn/gamma",
        "/sekretariat/paamind/gamma",
    ] {
        let (status, _) = alfa.anmod("POST", sti, &krop);
        assert!(status == 404 || status == 403, "POST {sti}: {status}");
    }
    assert!(
        !r.links.projekt.path().join(GAMMA).exists(),
        "nothing written for gamma"
    );
    alfa.gaa("/udfyld/gamma/", "/udfyld/gamma/", t);
    assert!(
        alfa.tekst("body").contains("Siden findes ikke"),
        "{}",
        alfa.tekst("body")
    );
    let mut fund = alfa.axe("404-siden");

    // The secretariat makes gamma a new link: the old one answers 410, its session ends.
    let mut sek = Vindue::nyt();
    sek.gaa(&r.links.sekretariat, "/sekretariat/", t);
    sek.send(
        "#k-gamma form[action='/sekretariat/nyt-link/gamma'] button",
        "/sekretariat/",
        t,
    );
    assert!(
        sek.tekst("#besked").contains("Gamma Kommune"),
        "{}",
        sek.tekst("#besked")
    );
    gamma.gaa("/udfyld/gamma/", "/udfyld/gamma/", t);
    assert!(
        gamma.tekst("body").contains("Åbn jeres link"),
        "the ended session is told to open its link: {}",
        gamma.tekst("body")
    );
    let (status, _) = gamma.anmod("GET", "/udfyld/gamma/", "");
    assert_eq!(status, 401);
    fund.extend(gamma.axe("401-siden"));
    let gammelt = r.links.link("gamma");
    gamma.gaa(&gammelt, &format!("/l/{}", token(&gammelt)), t);
    assert!(
        gamma.tekst("body").contains("Linket er udløbet"),
        "{}",
        gamma.tekst("body")
    );
    let (status, _) = gamma.anmod("GET", &format!("/l/{}", token(&gammelt)), "");
    assert_eq!(status, 410);
    fund.extend(gamma.axe("410-siden"));
    let nyt = common::stdout(&r.links.fremdrift(&["indsamling", "links"]));
    let csv = r.fil("indsamling/links.csv");
    let ny_link = csv
        .lines()
        .find(|l| l.starts_with("gamma;"))
        .and_then(|l| l.rsplit(';').next())
        .unwrap()
        .to_string();
    assert_ne!(ny_link, gammelt, "{nyt}");
    gamma.gaa(&ny_link, "/udfyld/gamma/", t);

    // Guessing links: after 20 wrong ones this client gets the Danish 429 page.
    let forkert = format!("/l/{}", "B".repeat(43));
    for _ in 0..20 {
        assert_eq!(gamma.anmod("GET", &forkert, "").0, 404);
    }
    gamma.gaa(&forkert, &forkert, t);
    assert!(
        gamma.tekst("body").contains("For mange forsøg"),
        "{}",
        gamma.tekst("body")
    );
    fund.extend(gamma.axe("429-siden"));
    assert!(fund.is_empty(), "axe-core:\n{}", fund.join("\n"));
}
