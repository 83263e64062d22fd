//! The real `fremdrift preview` and a headless Chromium driven over the DevTools
//! protocol: for the browser tests and the form benchmark.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard, mpsc};
use std::time::Duration;

use serde_json::{Value, json};

use super::vent_paa;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const FRIST: Duration = Duration::from_secs(20);

/// One test with browsers at a time (all tests are one binary): a dozen Chromiums at
/// once would starve a two-core machine.
static BROWSERE: Mutex<()> = Mutex::new(());

/// Waits for the other browser tests; the guard lets the next one go.
pub fn en_ad_gangen() -> MutexGuard<'static, ()> {
    BROWSERE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Every page image of the page is loaded.
pub const SIDER_KLAR: &str = "(() => { const b = [...document.querySelectorAll('#sider img')]; \
    return b.length > 0 && b.every(i => i.complete && i.naturalWidth > 0); })()";

/// A child process that is killed when dropped, also when a test fails.
pub struct Proces(pub Child);

impl Drop for Proces {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running `fremdrift preview`.
pub struct Preview {
    _proces: Proces,
    pub url: String,
    pub port: u16,
    log: PathBuf,
}

impl Preview {
    /// Starts the preview of the test build in `projekt` on a free port.
    pub fn start(projekt: &Path) -> Self {
        Self::start_med(Path::new(env!("CARGO_BIN_EXE_fremdrift")), projekt)
    }

    /// Starts `binaer preview` in `projekt` on a free port and waits for its URL.
    pub fn start_med(binaer: &Path, projekt: &Path) -> Self {
        Self::start_fuldt(binaer, projekt, &[])
    }

    /// Starts the preview of the test build with extra environment variables.
    pub fn start_miljoe(projekt: &Path, miljoe: &[(&str, &str)]) -> Self {
        Self::start_fuldt(Path::new(env!("CARGO_BIN_EXE_fremdrift")), projekt, miljoe)
    }

    fn start_fuldt(binaer: &Path, projekt: &Path, miljoe: &[(&str, &str)]) -> Self {
        let port = super::fri_port();
        let log = projekt.join("preview.log");
        let mut barn = Command::new(binaer)
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

    pub fn hent(&self, sti: &str) -> (u16, String) {
        hent(self.port, sti)
    }

    /// The preview's process id.
    pub fn pid(&self) -> u32 {
        self._proces.0.id()
    }

    /// A request with any method, headers and body; `Host` is set.
    pub fn anmod(&self, metode: &str, sti: &str, hoveder: &[(&str, &str)], krop: &str) -> Svar {
        anmod(self.port, metode, sti, hoveder, krop, "1.0")
            .unwrap_or_else(|e| panic!("{metode} {sti}: {e}"))
    }

    pub fn dokumenter(&self) -> Value {
        serde_json::from_str(&self.hent("/api/dokumenter").1).expect("JSON")
    }

    pub fn tilstand(&self, id: &str) -> Option<String> {
        self.dokumenter()["dokumenter"]
            .as_array()?
            .iter()
            .find(|d| d["id"] == id)
            .map(|d| d["tilstand"].as_str().unwrap_or_default().to_string())
    }

    pub fn log(&self) -> String {
        format!("preview-log:\n{}", laes(&self.log))
    }

    /// The document's entry in `/api/dokumenter`.
    pub fn dokument(&self, id: &str) -> Option<Value> {
        self.dokumenter()["dokumenter"]
            .as_array()?
            .iter()
            .find(|d| d["id"] == id)
            .cloned()
    }

    /// The process ids of the compile workers the preview has started, in order.
    pub fn oversaettere(&self) -> Vec<u32> {
        laes(&self.log)
            .lines()
            .filter_map(|l| l.strip_prefix("Startede oversætteren (proces "))
            .filter_map(|r| r.trim_end_matches(')').parse().ok())
            .collect()
    }
}

/// A server whose log ends a failure message.
pub trait Log {
    fn log(&self) -> String;
}

impl Log for Preview {
    fn log(&self) -> String {
        Preview::log(self)
    }
}

/// Whether a process runs (a zombie waiting to be reaped does not).
pub fn koerer(pid: u32) -> bool {
    let stat = laes(Path::new(&format!("/proc/{pid}/stat")));
    let tilstand = stat.rsplit_once(") ").and_then(|(_, r)| r.chars().next());
    tilstand.is_some_and(|t| t != 'Z')
}

/// The CPU time a process has used, in seconds.
pub fn cpu_sekunder(pid: u32) -> f64 {
    let stat = laes(Path::new(&format!("/proc/{pid}/stat")));
    let felter: Vec<f64> = stat
        .rsplit_once(") ")
        .map(|(_, r)| r.split(' ').filter_map(|f| f.parse().ok()).collect())
        .unwrap_or_default();
    // utime and stime are fields 14 and 15 of stat; after the state they are the 11th
    // and 12th numbers. Clock ticks are 100 per second on Linux.
    felter.get(10..12).map_or(0.0, |t| (t[0] + t[1]) / 100.0)
}

pub fn laes(sti: &Path) -> String {
    std::fs::read_to_string(sti).unwrap_or_default()
}

/// An HTTP answer: status, header lines (lower-case names) and body.
pub struct Svar {
    pub status: u16,
    pub hoved: String,
    pub krop: String,
    /// The body as sent (a PDF, say).
    pub bytes: Vec<u8>,
}

impl Svar {
    /// The value of a header.
    pub fn hoved(&self, navn: &str) -> Option<&str> {
        let navn = navn.to_ascii_lowercase();
        self.hoved.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            (n.to_ascii_lowercase() == navn).then(|| v.trim())
        })
    }
}

/// A plain HTTP/1.0 GET on 127.0.0.1 (so never chunked); the status and the body.
pub fn hent(port: u16, sti: &str) -> (u16, String) {
    let s = anmod(port, "GET", sti, &[], "", "1.0")
        .unwrap_or_else(|e| panic!("GET {sti} på port {port}: {e}"));
    (s.status, s.krop)
}

/// A request with HTTP/`version` (Chromium's DevTools server wants 1.1).
pub fn anmod(
    port: u16,
    metode: &str,
    sti: &str,
    hoveder: &[(&str, &str)],
    krop: &str,
    version: &str,
) -> std::io::Result<Svar> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(FRIST))?;
    let mut anmodning =
        format!("{metode} {sti} HTTP/{version}\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (n, v) in hoveder {
        anmodning.push_str(&format!("{n}: {v}\r\n"));
    }
    if !krop.is_empty() {
        anmodning.push_str(&format!("Content-Length: {}\r\n", krop.len()));
    }
    anmodning.push_str("\r\n");
    s.write_all(anmodning.as_bytes())?;
    s.write_all(krop.as_bytes())?;
    let mut svar = Vec::new();
    let mut buf = [0u8; 65536];
    // Read to the end, or to Content-Length: Chromium keeps the connection open.
    while !fuldt(&svar) {
        match s.read(&mut buf)? {
            0 => break,
            n => svar.extend_from_slice(&buf[..n]),
        }
    }
    let slut = svar
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(svar.len(), |i| i + 4);
    let bytes = svar.split_off(slut);
    let hoved = String::from_utf8_lossy(&svar).trim_end().to_string();
    let status = hoved
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok(Svar {
        status,
        hoved,
        krop: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    })
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

/// Saves a file as editors do: write a temporary file, then rename it over.
pub fn gem(sti: &Path, indhold: &str) {
    let tmp = sti.with_extension("yaml.tmp~");
    std::fs::write(&tmp, indhold).unwrap();
    std::fs::rename(&tmp, sti).unwrap();
}

/// Headless Chromium with the DevTools protocol on a free port.
pub struct Browser {
    _proces: Proces,
    _profil: tempfile::TempDir,
    log: PathBuf,
    port: u16,
}

impl Browser {
    pub fn start(url: &str) -> Self {
        Self::start_med(url, (1000, 800))
    }

    /// Chromium showing `url` in a window of `(bredde, hoejde)` pixels.
    pub fn start_med(url: &str, (bredde, hoejde): (u32, u32)) -> Self {
        assert!(
            Path::new(CHROMIUM).exists(),
            "Chromium mangler: {CHROMIUM} findes ikke. Testen af forhåndsvisningen kræver en rigtig browser; installér den med scripts/install-chromium (Debians pakke «chromium»)."
        );
        let profil = tempfile::tempdir().unwrap();
        let log = profil.path().join("chromium.log");
        let port = super::fri_port();
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
                "--hide-scrollbars",
            ])
            .arg(format!("--window-size={bredde},{hoejde}"))
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
    pub fn side(&self, url: &str) -> Cdp {
        let ws = vent_paa(
            "Chromium viser siden",
            FRIST,
            || {
                let s = anmod(self.port, "GET", "/json/list", &[], "", "1.1").ok()?;
                let liste: Value = serde_json::from_str(&s.krop).ok()?;
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
pub struct Cdp {
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

    pub fn kald(&mut self, metode: &str, params: Value) -> Value {
        self.proev(metode, params)
            .unwrap_or_else(|fejl| panic!("{metode}: {fejl}"))
    }

    /// A DevTools call; `Err` with Chromium's error answer.
    fn proev(&mut self, metode: &str, params: Value) -> Result<Value, Value> {
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
                return match v["error"].is_null() {
                    true => Ok(v["result"].clone()),
                    false => Err(v),
                };
            }
        }
    }

    /// Evaluates JavaScript in the page (promises awaited) and returns the value.
    pub fn js(&mut self, udtryk: &str) -> Value {
        let r = self.kald(
            "Runtime.evaluate",
            json!({ "expression": udtryk, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(r["exceptionDetails"].is_null(), "{udtryk}: {r}");
        r["result"]["value"].clone()
    }

    /// Polls a JavaScript condition until it is truthy; on failure the message ends with
    /// the server's log.
    pub fn vent(&mut self, hvad: &str, udtryk: &str, pv: &impl Log) -> Value {
        vent_paa(
            hvad,
            FRIST,
            || {
                // A page that is navigating (a link just clicked, a form posted) has
                // no answer yet: the next poll asks the new page.
                let svar = self.proev(
                    "Runtime.evaluate",
                    json!({ "expression": udtryk, "returnByValue": true, "awaitPromise": true }),
                );
                let r = match svar {
                    Ok(r) => r,
                    Err(fejl) if navigerer(&fejl) => return None,
                    Err(fejl) => panic!("Runtime.evaluate: {fejl}"),
                };
                assert!(r["exceptionDetails"].is_null(), "{udtryk}: {r}");
                let v = r["result"]["value"].clone();
                let sand = !(v.is_null() || v == false || v == "" || v == 0);
                sand.then_some(v)
            },
            || pv.log(),
        )
    }

    /// Opens `url` in this tab and waits until it has loaded.
    pub fn aabn(&mut self, url: &str, pv: &impl Log) {
        self.kald("Page.navigate", json!({ "url": url }));
        self.vent(
            "siden er indlæst",
            &format!("location.href === {url:?} && document.readyState === 'complete'"),
            pv,
        );
    }

    /// Presses a key as a user does (`Tab`, `Enter`, `ArrowUp`, ` `), with `Shift`
    /// when `skift`.
    pub fn tast(&mut self, tast: &str, skift: bool) {
        let (kode, vk, tekst) = match tast {
            "Tab" => ("Tab", 9, ""),
            "Enter" => ("Enter", 13, "\r"),
            " " => ("Space", 32, " "),
            "ArrowUp" => ("ArrowUp", 38, ""),
            "ArrowDown" => ("ArrowDown", 40, ""),
            "ArrowLeft" => ("ArrowLeft", 37, ""),
            "ArrowRight" => ("ArrowRight", 39, ""),
            _ => panic!("ukendt tast {tast}"),
        };
        let modifiers = if skift { 8 } else { 0 };
        let ned = if tekst.is_empty() {
            "rawKeyDown"
        } else {
            "keyDown"
        };
        for art in [ned, "keyUp"] {
            self.kald(
                "Input.dispatchKeyEvent",
                json!({ "type": art, "key": tast, "code": kode, "windowsVirtualKeyCode": vk,
                        "nativeVirtualKeyCode": vk, "modifiers": modifiers,
                        "text": if art == "keyUp" { "" } else { tekst } }),
            );
        }
    }

    /// Types text into the focused control, as a keyboard would.
    pub fn skriv(&mut self, tekst: &str) {
        self.kald("Input.insertText", json!({ "text": tekst }));
    }

    /// The id (or else the tag) of the focused element.
    pub fn fokus(&mut self) -> String {
        self.js("document.activeElement.id || document.activeElement.tagName")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Runs axe-core on the page; the serious and critical violations.
    pub fn axe(&mut self) -> Vec<String> {
        self.axe_med(20)
    }

    /// axe-core's serious and critical violations on a page where it passed at least
    /// `mindst` checks (a short error page has fewer to pass than a form).
    pub fn axe_med(&mut self, mindst: u64) -> Vec<String> {
        let sti = super::repo().join("tests/axe/node_modules/axe-core/axe.min.js");
        let axe = std::fs::read_to_string(&sti).unwrap_or_else(|_| {
            panic!(
                "axe-core mangler ({}): kør scripts/install-axe",
                sti.display()
            )
        });
        self.js(&axe);
        let r = self.js(
            "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', \
             'wcag21a', 'wcag21aa', 'best-practice'] } }).then(r => ({ bestaaet: r.passes.length, \
             brud: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, \
             steder: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })) }))",
        );
        assert!(
            r["bestaaet"].as_u64() >= Some(mindst),
            "axe checked nothing: {r}"
        );
        r["brud"]
            .as_array()
            .expect("axe-resultater")
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .map(|v| v.to_string())
            .collect()
    }

    /// A PNG of what the window shows, scaled by `skala`.
    pub fn skaermbillede(&mut self, skala: f64) -> Vec<u8> {
        let str = self.js("[innerWidth, innerHeight]");
        let r = self.kald(
            "Page.captureScreenshot",
            json!({ "format": "png", "clip": { "x": 0, "y": 0, "width": str[0],
                    "height": str[1], "scale": skala } }),
        );
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().expect("PNG-data"))
            .expect("base64")
    }
}

/// Chromium's answer to an evaluation in a page that is being replaced by another.
fn navigerer(fejl: &Value) -> bool {
    let besked = fejl["error"]["message"].as_str().unwrap_or_default();
    [
        "navigated or closed",
        "context was destroyed",
        "Cannot find context",
    ]
    .iter()
    .any(|m| besked.contains(m))
}
