//! Abuse of the preview over HTTP, on loopback against the real `fremdrift preview` on
//! a copy of the mini project: hundreds of live-reload clients and slowloris clients
//! while ordinary requests must still be answered, floods past the connection and
//! stream caps, oversized and malformed requests, and form posts that try to write
//! outside `content/<periode>/status/`. The head deadline is shortened with
//! `FREMDRIFT_HTTP_FRIST_MS`; every loop is bounded and stops by itself.

mod common;

use std::collections::BTreeMap;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use common::browser::{Preview, Svar, gem};
use common::vent_paa;

/// The head deadline the preview gets here.
const FRIST: Duration = Duration::from_millis(3000);
/// What a loaded machine may add to a deadline before the test calls it broken.
const MARGIN: Duration = Duration::from_secs(10);
/// The caps the preview gets here, lowered from its defaults (4 096 and 2 048, see
/// src/preview/server.rs) so a test reaches them in a second; every stream holds a
/// connection place too.
const FORBINDELSER: usize = 320;
const STROEMME: usize = 256;
/// The ordinary requests that must keep answering.
const STIER: [&str; 3] = ["/", "/api/dokumenter", "/dok/bilag-alfa/"];
const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

/// One test at a time: each opens hundreds of connections to its own preview.
static EN_AD_GANGEN: Mutex<()> = Mutex::new(());

struct Opstilling {
    pv: Preview,
    /// The folder around the project: a write through `..` would land here.
    ramme: tempfile::TempDir,
    _laas: MutexGuard<'static, ()>,
}

impl Opstilling {
    fn start() -> Self {
        let laas = EN_AD_GANGEN.lock().unwrap_or_else(|e| e.into_inner());
        let ramme = tempfile::tempdir().unwrap();
        let projekt = ramme.path().join("projekt");
        common::kopier(&common::fixtures().join("mini"), &projekt);
        let ms = FRIST.as_millis().to_string();
        let (f, s) = (FORBINDELSER.to_string(), STROEMME.to_string());
        let pv = Preview::start_miljoe(
            &projekt,
            &[
                ("FREMDRIFT_HTTP_FRIST_MS", &ms),
                ("FREMDRIFT_HTTP_FORBINDELSER", &f),
                ("FREMDRIFT_HTTP_STROEMME", &s),
            ],
        );
        vent_paa(
            "bilag-alfa er med i oversigten",
            Duration::from_secs(60),
            || pv.dokument("bilag-alfa"),
            || pv.log(),
        );
        Self {
            pv,
            ramme,
            _laas: laas,
        }
    }

    fn projekt(&self) -> PathBuf {
        self.ramme.path().join("projekt")
    }

    fn egen(&self) -> String {
        format!("http://127.0.0.1:{}", self.pv.port)
    }

    /// A form post from the preview's own page.
    fn post(&self, sti: &str, krop: &str) -> Svar {
        let egen = self.egen();
        self.pv
            .anmod("POST", sti, &[FORM, ("Origin", egen.as_str())], krop)
    }

    /// The token and version of a kommune's form.
    fn skjulte(&self, kommune: &str) -> (String, String) {
        let (_, html) = self.pv.hent(&format!("/udfyld/{kommune}/"));
        let felt = |navn: &str| {
            let m = format!(r#"name="{navn}" value=""#);
            let i = html.find(&m).unwrap_or_else(|| panic!("{navn}:\n{html}")) + m.len();
            html[i..].split('"').next().unwrap().to_string()
        };
        (felt("token"), felt("version"))
    }

    /// Every file around and in the project with its content (the log aside).
    fn filer(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut ud = BTreeMap::new();
        samle(self.ramme.path(), self.ramme.path(), &mut ud);
        ud.remove(Path::new("projekt/preview.log"));
        ud
    }
}

fn samle(rod: &Path, mappe: &Path, ud: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for e in std::fs::read_dir(mappe).unwrap().flatten() {
        let sti = e.path();
        if sti.is_dir() {
            samle(rod, &sti, ud);
        } else {
            let rel = sti.strip_prefix(rod).unwrap().to_path_buf();
            ud.insert(rel, std::fs::read(&sti).unwrap_or_default());
        }
    }
}

fn forbind(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(FRIST + MARGIN)).unwrap();
    s
}

/// Reads until the end of an answer's head (or the connection's end).
fn laes_hoved(s: &mut TcpStream) -> String {
    let mut ud = Vec::new();
    let mut b = [0u8; 1];
    while !ud.ends_with(b"\r\n\r\n") && ud.len() < 64 * 1024 {
        match s.read(&mut b) {
            Ok(1) => ud.push(b[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&ud).into_owned()
}

/// A live-reload client: `/events` with its answer's head read.
fn aabn_stroem(port: u16) -> (TcpStream, String) {
    let mut s = forbind(port);
    write!(s, "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    let hoved = laes_hoved(&mut s);
    (s, hoved)
}

/// Whether the server has answered or closed: the first bytes (empty when it closed
/// or reset), or `None` while it still waits.
fn svar_eller_lukket(s: &mut TcpStream) -> Option<String> {
    let mut buf = [0u8; 512];
    match s.read(&mut buf) {
        Ok(n) => Some(String::from_utf8_lossy(&buf[..n]).into_owned()),
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => None,
        Err(_) => Some(String::new()),
    }
}

/// A slowloris client: a request line and a header that never ends, a byte at a time.
struct Langsom {
    s: TcpStream,
    start: Instant,
    /// When the server answered or closed, and what it said first.
    slut: Option<(Duration, String)>,
}

fn langsomme(port: u16, antal: usize) -> Vec<Langsom> {
    (0..antal)
        .map(|_| {
            let start = Instant::now();
            let mut s = forbind(port);
            write!(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Langsom: ").unwrap();
            s.set_nonblocking(true).unwrap();
            Langsom {
                s,
                start,
                slut: None,
            }
        })
        .collect()
}

/// Trickles a byte to each open slowloris connection every 100 ms until the server has
/// closed them all, or the deadline and the margin have passed; counts the closed.
fn dryp(mut klienter: Vec<Langsom>, lukkede: &AtomicUsize) -> Vec<Langsom> {
    let slut = Instant::now() + FRIST + MARGIN;
    while klienter.iter().any(|k| k.slut.is_none()) && Instant::now() < slut {
        for k in klienter.iter_mut().filter(|k| k.slut.is_none()) {
            if let Some(svar) = svar_eller_lukket(&mut k.s) {
                k.slut = Some((k.start.elapsed(), svar));
                lukkede.fetch_add(1, Ordering::SeqCst);
            } else {
                // A failed write shows as a closed connection on the next round.
                let _ = k.s.write(b"a");
            }
        }
        // The pace of the trickle, not a wait for the server.
        thread::sleep(Duration::from_millis(100));
    }
    klienter
}

#[test]
fn ordinary_requests_answer_within_a_second_beside_200_live_reload_and_100_slowloris_clients() {
    let o = Opstilling::start();
    let port = o.pv.port;
    let mut stroemme: Vec<TcpStream> = (0..200)
        .map(|i| {
            let (s, hoved) = aabn_stroem(port);
            assert!(
                hoved.starts_with("HTTP/1.1 200") && hoved.contains("text/event-stream"),
                "stream {i}: {hoved}"
            );
            s
        })
        .collect();
    let lukkede = Arc::new(AtomicUsize::new(0));
    let klienter = langsomme(port, 100);
    let draaber = {
        let lukkede = lukkede.clone();
        thread::spawn(move || dryp(klienter, &lukkede))
    };

    // Rounds of ordinary requests for as long as every slowloris client is held.
    let mut tider = Vec::new();
    let mut runder_under_last = 0;
    for _ in 0..20 {
        for sti in STIER {
            let t = Instant::now();
            let s = o.pv.anmod("GET", sti, &[], "");
            tider.push((sti, t.elapsed()));
            assert_eq!(s.status, 200, "{sti}: {}", s.krop);
        }
        if lukkede.load(Ordering::SeqCst) > 0 {
            break;
        }
        runder_under_last += 1;
    }
    assert!(
        runder_under_last > 0,
        "no round of requests finished while all 100 slowloris clients were held"
    );
    for (sti, tid) in &tider {
        assert!(*tid < Duration::from_secs(1), "{sti} took {tid:?}");
    }

    // The slowloris clients are closed at the head deadline (hyper closes a connection
    // whose head did not arrive in time without an answer; the old layer sent 408).
    let klienter = draaber.join().unwrap();
    for (i, k) in klienter.iter().enumerate() {
        let (tid, svar) = k.slut.as_ref().unwrap_or_else(|| {
            panic!(
                "slowloris client {i} was still held after {:?}",
                FRIST + MARGIN
            )
        });
        assert!(
            *tid >= FRIST && *tid < FRIST + MARGIN,
            "client {i}: {tid:?}"
        );
        assert!(svar.is_empty(), "client {i} got an answer: {svar}");
    }

    // Every live-reload client is still connected and gets the event of a change.
    gem(
        &o.projekt().join("content/2015/status/gamma.yaml"),
        "kommune: gamma\nsvar:\n  v1:\n    status: grøn\n",
    );
    for (i, s) in stroemme.iter_mut().enumerate() {
        let mut set = String::new();
        let mut buf = [0u8; 4096];
        while !set.contains("event: opdatering") {
            match s.read(&mut buf) {
                Ok(n) if n > 0 => set.push_str(&String::from_utf8_lossy(&buf[..n])),
                r => panic!("stream {i} ended without the event ({r:?}): {set}"),
            }
        }
    }

    // The stream cap: the rest of the places fit, the next is refused at once.
    for i in stroemme.len()..STROEMME {
        let (s, hoved) = aabn_stroem(port);
        assert!(hoved.starts_with("HTTP/1.1 200"), "stream {i}: {hoved}");
        stroemme.push(s);
    }
    let (_, hoved) = aabn_stroem(port);
    assert!(hoved.starts_with("HTTP/1.1 503 "), "{hoved}");
    assert!(hoved.contains("Retry-After: 1"), "{hoved}");
    // A page that closes gives its place back.
    stroemme.pop();
    vent_paa(
        "a closed page's place comes back",
        MARGIN,
        || {
            aabn_stroem(port)
                .1
                .starts_with("HTTP/1.1 200")
                .then_some(())
        },
        || o.pv.log(),
    );
    for sti in STIER {
        assert_eq!(o.pv.hent(sti).0, 200, "{sti}");
    }
}

#[test]
fn connections_past_the_cap_are_refused_at_once_and_idle_ones_closed_at_the_deadline() {
    let o = Opstilling::start();
    let port = o.pv.port;
    let start = Instant::now();
    let mut alle: Vec<TcpStream> = (0..FORBINDELSER + 44).map(|_| forbind(port)).collect();
    // Those past the cap get 503 before any idle connection could have timed out.
    for (i, s) in alle[FORBINDELSER..].iter_mut().enumerate() {
        let hoved = laes_hoved(s);
        assert!(
            hoved.starts_with("HTTP/1.1 503 "),
            "connection {}: {hoved}",
            FORBINDELSER + i
        );
        assert!(hoved.contains("Content-Security-Policy: "), "{hoved}");
    }
    assert!(start.elapsed() < FRIST, "503s took {:?}", start.elapsed());
    // Those within it waited for a request and are closed at the deadline (hyper
    // closes them without an answer; the old layer sent 408).
    for (i, s) in alle[..FORBINDELSER].iter_mut().enumerate() {
        let hoved = laes_hoved(s);
        assert!(hoved.is_empty(), "connection {i}: {hoved}");
    }
    let tid = start.elapsed();
    assert!(tid >= FRIST && tid < FRIST + MARGIN, "{tid:?}");
    drop(alle);
    for sti in STIER {
        assert_eq!(o.pv.hent(sti).0, 200, "{sti}");
    }
}

#[test]
fn oversized_and_malformed_requests_are_refused_before_their_bodies_are_read() {
    let o = Opstilling::start();
    let port = o.pv.port;
    let (token, version) = o.skjulte("alfa");
    let foer = o.filer();
    let hoved = |laengde: &str, ekstra: &str| {
        format!(
            "POST /udfyld/alfa/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {laengde}\r\n{ekstra}\r\n"
        )
    };
    // A declared 10 GB body, sent without a byte of it: 413 at once.
    for ekstra in ["", "Expect: 100-continue\r\n"] {
        let mut s = forbind(port);
        s.write_all(hoved("10000000000", ekstra).as_bytes())
            .unwrap();
        let svar = laes_hoved(&mut s);
        assert!(svar.starts_with("HTTP/1.1 413 "), "{ekstra}: {svar}");
        let mut krop = String::new();
        let _ = s.read_to_string(&mut krop);
        assert!(krop.contains("formularen fylder mere end 1 MB"), "{krop}");
    }
    // A chunked body that passes 1 MB is refused while it is still being sent.
    let mut s = forbind(port);
    write!(
        s,
        "POST /udfyld/alfa/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    let mut skriver = s.try_clone().unwrap();
    let sender = thread::spawn(move || {
        let stykke = format!("10000\r\norgan={}\r\n", "x".repeat(0x10000 - 6));
        for _ in 0..200 {
            if skriver.write_all(stykke.as_bytes()).is_err() {
                return;
            }
        }
    });
    assert!(laes_hoved(&mut s).starts_with("HTTP/1.1 413 "));
    drop(s);
    sender.join().unwrap();
    // Malformed and oversized heads; refusals carry the fixed headers.
    let raa = |tekst: &[u8]| {
        let mut s = forbind(port);
        s.write_all(tekst).unwrap();
        laes_hoved(&mut s)
    };
    let stor = format!("GET / HTTP/1.1\r\nX-Stor: {}\r\n\r\n", "a".repeat(40_000));
    // hyper answers an oversized head itself, without a body (and so without the
    // fixed headers, which only matter for a body a browser shows).
    let svar = raa(stor.as_bytes());
    assert!(svar.starts_with("HTTP/1.1 431 "), "{svar}");
    let mange = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: b\r\n".repeat(101));
    assert!(raa(mange.as_bytes()).starts_with("HTTP/1.1 431 "));
    for ugyldig in [
        &b"GET / HTTP/1.1\r\nHo st: x\r\n\r\n"[..],
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
        b"GET /\x00 HTTP/1.1\r\n\r\n",
    ] {
        let svar = raa(ugyldig);
        assert!(svar.starts_with("HTTP/1.1 400 "), "{ugyldig:?}: {svar}");
    }
    // Both framings: hyper reads the body as chunked and drops Content-Length (RFC 9112
    // §6.3) — the old layer refused the head at once — so a body that is not chunked is
    // a broken body, and the connection is closed after the answer.
    let smugling = hoved("3", "Transfer-Encoding: chunked\r\n") + "xyz";
    let svar = raa(smugling.as_bytes());
    assert!(svar.starts_with("HTTP/1.1 400 "), "{svar}");
    assert!(svar.contains("Connection: close"), "{svar}");
    let to = hoved("3", "Content-Length: 4\r\n");
    assert!(raa(to.as_bytes()).starts_with("HTTP/1.1 400 "));
    // The checks that were there before the HTTP layer still hold.
    let svar = raa(b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    assert!(svar.starts_with("HTTP/1.1 403 "), "{svar}");
    let to_vaerter =
        format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\r\n");
    assert!(raa(to_vaerter.as_bytes()).starts_with("HTTP/1.1 400 "));
    let krop = format!("token={token}&version={version}&status.v1=r%C3%B8d&handling=gem");
    let s = o.pv.anmod(
        "POST",
        "/udfyld/alfa/",
        &[FORM, ("Origin", "http://evil.example")],
        &krop,
    );
    assert_eq!(s.status, 403, "{}", s.krop);
    assert_eq!(o.filer(), foer, "nothing was written");
}

#[test]
fn too_many_fields_or_too_long_values_are_refused_in_danish_and_write_nothing() {
    let o = Opstilling::start();
    let (token, version) = o.skjulte("alfa");
    let foer = o.filer();
    let start = format!("token={token}&version={version}&handling=gem");

    let tilfaelde = [
        (
            "&x=".repeat(2001),
            400,
            "den har 2.004 felter, men en formular har højst 2.000",
        ),
        (
            format!("&{}=x", "n".repeat(201)),
            400,
            "feltnavnet «nnnnnnnnnnnnnnnnnnnn…» er længere end 200 tegn",
        ),
        (
            format!("&organ={}", "ø".repeat(501)),
            422,
            "teksten er på 501 tegn, men feltet kan højst rumme 500 tegn",
        ),
        (
            format!("&bemaerkning.v1={}", "a".repeat(20_001)),
            422,
            "teksten er på 20.001 tegn, men feltet kan højst rumme 20.000 tegn",
        ),
    ];
    for (ekstra, status, besked) in tilfaelde {
        let s = o.post("/udfyld/alfa/", &format!("{start}{ekstra}"));
        assert_eq!(s.status, status, "{besked}: {}", s.krop);
        assert!(s.krop.contains(besked), "{besked}: {}", s.krop);
    }
    assert_eq!(o.filer(), foer, "nothing was written");
}

#[test]
fn no_post_writes_outside_the_periods_status_folder() {
    let o = Opstilling::start();
    let (token, version) = o.skjulte("alfa");
    let foer = o.filer();
    let gem = format!("token={token}&version={version}&handling=gem");
    for sti in [
        "/udfyld/..%2F..%2Fkkr/",
        "/udfyld/..%2F..%2F..%2Fudenfor/",
        "/udfyld/%2Fetc%2Fpasswd/",
        "/udfyld/%2Ftmp%2Fx/",
        "/udfyld/alfa%00/",
        "/udfyld/alfa%00..%2F..%2Fx/",
        "/udfyld/..%5C..%5Cx/",
        "/udfyld/%2E%2E/",
        "/udfyld/ALFA/",
        "/udfyld/alfa.yaml/",
        "/udfyld/alfa%2F..%2Fbeta/",
        "/udfyld/../../x/",
    ] {
        let s = o.post(sti, &gem);
        // 405: not a form's address at all.
        assert!(
            matches!(s.status, 400 | 404 | 405),
            "{sti}: {} {}",
            s.status,
            s.krop
        );
    }
    for (ekstra, status) in [
        ("&kommune=..%2F..%2Fudenfor", 400),
        ("&fil=%2Fetc%2Fpasswd", 400),
        ("&sti=..%2Fkkr.yaml", 400),
        ("&periode=..%2F..", 400),
        ("&forslag.1.sti=%2Fetc%2Fpasswd", 400),
        // An anbefaling id is checked as `check` checks one: not in the round.
        ("&status.v1%00=gr%C3%B8n", 422),
        ("&status.v1%2F..%2F..%2Fx=gr%C3%B8n", 422),
        ("&bemaerkning.%2Fetc%2Fpasswd=x", 422),
        // An invisible control character is refused as `check` refuses it.
        ("&kontakt-navn=..%2F..%2Fetc%2Fpasswd%00", 422),
    ] {
        let s = o.post("/udfyld/alfa/", &format!("{gem}{ekstra}"));
        assert_eq!(s.status, status, "{ekstra}: {}", s.krop);
    }
    assert_eq!(o.filer(), foer, "a refused post wrote something");

    // Values that look like paths are text: the save writes alfa's file, its old
    // version and the schemas, nothing else.
    let sti = "..%2F..%2F..%2Fetc%2Fpasswd";
    let krop = format!(
        "{gem}&organ={sti}&dato=2016-01-19&kontakt-navn={sti}&bemaerkning.v1={sti}\
         &status.v1=gr%C3%B8n&status.v2=gul&status.b1=r%C3%B8d&status.b2=gr%C3%B8n"
    );
    let s = o.post("/udfyld/alfa/", &krop);
    assert_eq!(s.status, 200, "{}", s.krop);
    let efter = o.filer();
    let alfa = String::from_utf8_lossy(&efter[Path::new("projekt/content/2015/status/alfa.yaml")]);
    assert!(alfa.contains("organ: \"../../../etc/passwd\"\n"), "{alfa}");
    let check = common::fremdrift(&o.projekt(), &["check"]);
    assert!(check.status.success(), "{}", common::stderr(&check));
    for (fil, indhold) in &efter {
        if foer.get(fil) != Some(indhold) {
            let tilladt = [
                "projekt/content/2015/status/alfa.yaml",
                "projekt/historik/2015/alfa/",
                // The status store's lock file for the period.
                "projekt/historik/2015/.laas",
                "projekt/skema/",
            ];
            assert!(
                tilladt.iter().any(|t| fil.starts_with(t)),
                "{} was written",
                fil.display()
            );
        }
    }
    assert!(
        foer.keys().all(|f| efter.contains_key(f)),
        "a file went away"
    );
}
