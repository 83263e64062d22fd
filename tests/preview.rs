//! `fremdrift preview` end to end: the real binary on a copy of the mini project,
//! read over HTTP and in headless Chromium driven over the DevTools protocol.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::vent_paa;
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const FRIST: Duration = Duration::from_secs(20);
const BETA: &str = "content/2015/status/beta.yaml";

/// A child process that is killed when dropped, also when a test fails.
struct Proces(Child);

impl Drop for Proces {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running `fremdrift preview`.
struct Preview {
    _proces: Proces,
    url: String,
    port: u16,
    log: PathBuf,
}

impl Preview {
    /// Starts the preview in `projekt` on a free port and waits for its URL.
    fn start(projekt: &Path) -> Self {
        Self::start_med(projekt, &[])
    }

    /// Like `start`, with extra environment variables.
    fn start_med(projekt: &Path, miljoe: &[(&str, &str)]) -> Self {
        let port = common::fri_port();
        let log = projekt.join("preview.log");
        let mut barn = Command::new(env!("CARGO_BIN_EXE_fremdrift"))
            .arg("-C")
            .arg(projekt)
            .args(["preview", "--port", &port.to_string()])
            .envs(miljoe.iter().copied())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("fremdrift preview starts");
        let stdout = barn.stdout.take().unwrap();
        let proces = Proces(barn);
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for linje in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(linje);
            }
        });
        let linje = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("ingen URL fra preview\n{}", laes(&log)));
        let url = linje
            .strip_prefix("Forhåndsvisning på ")
            .unwrap_or_else(|| panic!("uventet første linje: {linje}"))
            .to_string();
        let port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("URL med port");
        Self {
            _proces: proces,
            url,
            port,
            log,
        }
    }

    fn hent(&self, sti: &str) -> (u16, String) {
        hent(self.port, sti)
    }

    fn dokumenter(&self) -> Value {
        serde_json::from_str(&self.hent("/api/dokumenter").1).expect("JSON")
    }

    fn tilstand(&self, id: &str) -> Option<String> {
        self.dokumenter()["dokumenter"]
            .as_array()?
            .iter()
            .find(|d| d["id"] == id)
            .map(|d| d["tilstand"].as_str().unwrap_or_default().to_string())
    }

    fn log(&self) -> String {
        format!("preview-log:\n{}", laes(&self.log))
    }

    /// The document's entry in `/api/dokumenter`.
    fn dokument(&self, id: &str) -> Option<Value> {
        self.dokumenter()["dokumenter"]
            .as_array()?
            .iter()
            .find(|d| d["id"] == id)
            .cloned()
    }

    /// The process ids of the compile workers the preview has started, in order.
    fn oversaettere(&self) -> Vec<u32> {
        laes(&self.log)
            .lines()
            .filter_map(|l| l.strip_prefix("Startede oversætteren (proces "))
            .filter_map(|r| r.trim_end_matches(')').parse().ok())
            .collect()
    }
}

fn laes(sti: &Path) -> String {
    std::fs::read_to_string(sti).unwrap_or_default()
}

/// A plain HTTP/1.0 GET on 127.0.0.1 (so never chunked); the status and the body.
fn hent(port: u16, sti: &str) -> (u16, String) {
    proev_hent(port, sti, "1.0").unwrap_or_else(|e| panic!("GET {sti} på port {port}: {e}"))
}

/// A GET with HTTP/`version` (Chromium's DevTools server wants 1.1).
fn proev_hent(port: u16, sti: &str, version: &str) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(FRIST))?;
    write!(
        s,
        "GET {sti} HTTP/{version}\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut svar = Vec::new();
    let mut buf = [0u8; 65536];
    // Read to the end, or to Content-Length: Chromium keeps the connection open.
    while !fuldt(&svar) {
        match s.read(&mut buf)? {
            0 => break,
            n => svar.extend_from_slice(&buf[..n]),
        }
    }
    let svar = String::from_utf8_lossy(&svar).into_owned();
    let status = svar
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let krop = svar.split_once("\r\n\r\n").map(|(_, k)| k).unwrap_or("");
    Ok((status, krop.to_string()))
}

/// Whether a response has arrived in full according to its Content-Length.
fn fuldt(svar: &[u8]) -> bool {
    let Some(slut) = svar.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let hoved = String::from_utf8_lossy(&svar[..slut]).to_ascii_lowercase();
    hoved
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|n| n.trim().parse::<usize>().ok())
        .is_some_and(|n| svar.len() >= slut + 4 + n)
}

/// Whether a process runs (a zombie waiting to be reaped does not).
fn koerer(pid: u32) -> bool {
    let stat = laes(Path::new(&format!("/proc/{pid}/stat")));
    let tilstand = stat.rsplit_once(") ").and_then(|(_, r)| r.chars().next());
    tilstand.is_some_and(|t| t != 'Z')
}

/// The CPU time a process has used, in seconds.
fn cpu_sekunder(pid: u32) -> f64 {
    let stat = laes(Path::new(&format!("/proc/{pid}/stat")));
    let felter: Vec<f64> = stat
        .rsplit_once(") ")
        .map(|(_, r)| r.split(' ').filter_map(|f| f.parse().ok()).collect())
        .unwrap_or_default();
    // utime and stime are fields 14 and 15 of stat; after the state they are the 11th
    // and 12th numbers. Clock ticks are 100 per second on Linux.
    felter.get(10..12).map_or(0.0, |t| (t[0] + t[1]) / 100.0)
}

/// Saves a file as editors do: write a temporary file, then rename it over.
fn gem(sti: &Path, indhold: &str) {
    let tmp = sti.with_extension("yaml.tmp~");
    std::fs::write(&tmp, indhold).unwrap();
    std::fs::rename(&tmp, sti).unwrap();
}

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
fn a_runaway_template_fails_alone_while_the_preview_serves_and_follows_edits() {
    let p = common::projekt("mini");
    // Only the tilbagemelding's template runs away; the bilag use the default ones.
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
    let pv = Preview::start_med(p.path(), &[("FREMDRIFT_TIDSGRAENSE", "3")]);

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
        || (!koerer(foerste)).then_some(()),
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

/// Headless Chromium with the DevTools protocol on a free port.
struct Browser {
    _proces: Proces,
    _profil: tempfile::TempDir,
    log: PathBuf,
    port: u16,
}

impl Browser {
    fn start(url: &str) -> Self {
        assert!(
            Path::new(CHROMIUM).exists(),
            "Chromium mangler: {CHROMIUM} findes ikke. Testen af forhåndsvisningen kræver en rigtig browser; installér den med scripts/install-chromium (Debians pakke «chromium»)."
        );
        let profil = tempfile::tempdir().unwrap();
        let log = profil.path().join("chromium.log");
        let port = common::fri_port();
        let barn = Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1000,800",
            ])
            .arg(format!("--remote-debugging-port={port}"))
            .arg(format!("--user-data-dir={}", profil.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("Chromium starter");
        Self {
            _proces: Proces(barn),
            _profil: profil,
            log,
            port,
        }
    }

    /// Connects to the tab showing a URL that starts with `url`.
    fn side(&self, url: &str) -> Cdp {
        let ws = vent_paa(
            "Chromium viser siden",
            FRIST,
            || {
                let (_, liste) = proev_hent(self.port, "/json/list", "1.1").ok()?;
                let liste: Value = serde_json::from_str(&liste).ok()?;
                liste.as_array()?.iter().find_map(|t| {
                    let passer = t["type"] == "page" && t["url"].as_str()?.starts_with(url);
                    passer.then(|| t["webSocketDebuggerUrl"].as_str().map(str::to_string))?
                })
            },
            || format!("chromium-log:\n{}", laes(&self.log)),
        );
        Cdp::forbind(&ws)
    }
}

/// A minimal DevTools protocol client: commands and their answers, events skipped.
struct Cdp {
    ws: tungstenite::WebSocket<TcpStream>,
    naeste: u64,
}

impl Cdp {
    fn forbind(url: &str) -> Self {
        let vaert = url
            .strip_prefix("ws://")
            .and_then(|r| r.split('/').next())
            .expect("ws-URL");
        let tcp = TcpStream::connect(vaert).expect("DevTools-forbindelse");
        tcp.set_read_timeout(Some(FRIST)).unwrap();
        let (ws, _) = tungstenite::client(url, tcp).expect("websocket");
        Self { ws, naeste: 0 }
    }

    fn kald(&mut self, metode: &str, params: Value) -> Value {
        self.naeste += 1;
        let id = self.naeste;
        let besked = json!({ "id": id, "method": metode, "params": params });
        self.ws
            .send(tungstenite::Message::text(besked.to_string()))
            .expect("send");
        loop {
            let m = self.ws.read().expect("svar fra Chromium");
            let Ok(tekst) = m.to_text() else { continue };
            let v: Value = serde_json::from_str(tekst).unwrap_or_default();
            if v["id"] == id {
                assert!(v["error"].is_null(), "{metode}: {v}");
                return v["result"].clone();
            }
        }
    }

    /// Evaluates JavaScript in the page (promises awaited) and returns the value.
    fn js(&mut self, udtryk: &str) -> Value {
        let r = self.kald(
            "Runtime.evaluate",
            json!({ "expression": udtryk, "returnByValue": true, "awaitPromise": true }),
        );
        r["result"]["value"].clone()
    }

    /// Polls a JavaScript condition until it is truthy.
    fn vent(&mut self, hvad: &str, udtryk: &str, pv: &Preview) -> Value {
        vent_paa(
            hvad,
            FRIST,
            || {
                let v = self.js(udtryk);
                let sand = !(v.is_null() || v == false || v == "" || v == 0);
                sand.then_some(v)
            },
            || pv.log(),
        )
    }
}

const SIDER_KLAR: &str = "(() => { const b = [...document.querySelectorAll('#sider img')]; \
    return b.length > 0 && b.every(i => i.complete && i.naturalWidth > 0); })()";

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

#[test]
fn a_worker_stuck_in_a_runaway_compilation_ends_when_the_preview_is_killed() {
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
    let pv = Preview::start_med(p.path(), &[("FREMDRIFT_TIDSGRAENSE", "600")]);
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
            (faerdige && cpu_sekunder(arbejder) >= 2.0).then_some(())
        },
        || pv.log(),
    );
    drop(pv); // SIGKILL: the preview gets no chance to stop its worker
    vent_paa(
        "oversætteren slutter sammen med forhåndsvisningen",
        FRIST,
        || (!koerer(arbejder)).then_some(()),
        || format!("proces {arbejder} kører stadig"),
    );
}
