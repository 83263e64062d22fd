//! The start mode: `fremdrift` with no arguments on a console (as a double-click starts
//! it), driven through a pseudo-terminal: the Danish choices, a project created or the
//! example written, the preview answering and the browser asked to open it, the window
//! kept open on an error; and without a console no arguments stay a usage error.

use crate::common;

use std::fs::{File, Permissions};
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::browser::{Proces, hent};
use common::vent_paa;

const FRIST: Duration = Duration::from_secs(60);

/// `fremdrift` with no arguments in `mappe`, its standard streams on a pseudo-terminal;
/// everything it prints is collected; `FREMDRIFT_BROWSER` is a script that writes the
/// URL it is given to `browser.txt` in `log`.
struct Konsol {
    proces: Proces,
    terminal: File,
    ud: Arc<Mutex<String>>,
}

impl Konsol {
    fn start(mappe: &Path, log: &Path) -> Self {
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty writes two new descriptors, which are owned below.
        let r = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(r, 0, "openpty");
        // SAFETY: both descriptors are fresh from openpty and owned only here.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let browser = log.join("browser.sh");
        std::fs::write(
            &browser,
            format!(
                "#!/bin/sh\necho \"$1\" > '{}'\n",
                log.join("browser.txt").display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&browser, Permissions::from_mode(0o755)).unwrap();
        let barn = Command::new(env!("CARGO_BIN_EXE_fremdrift"))
            .current_dir(mappe)
            .env("FREMDRIFT_BROWSER", &browser)
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave))
            .spawn()
            .expect("fremdrift starts");
        let terminal = File::from(master);
        let ud = Arc::new(Mutex::new(String::new()));
        let (mut laeser, samlet) = (terminal.try_clone().unwrap(), ud.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = laeser.read(&mut buf) {
                samlet
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Self {
            proces: Proces(barn),
            terminal,
            ud,
        }
    }

    fn tekst(&self) -> String {
        self.ud.lock().unwrap().clone()
    }

    /// Waits until the output holds `tekst`.
    fn vent_paa(&self, tekst: &str) {
        vent_paa(
            &format!("«{tekst}» i uddata"),
            FRIST,
            || self.tekst().contains(tekst).then_some(()),
            || self.tekst(),
        );
    }

    fn skriv(&mut self, linje: &str) {
        self.terminal.write_all(linje.as_bytes()).unwrap();
        self.terminal.write_all(b"\r").unwrap();
    }

    /// The preview's address, once its line is printed.
    fn url(&self) -> String {
        const FOER: &str = "Forhåndsvisning på ";
        vent_paa(
            "forhåndsvisningens adresse",
            FRIST,
            || {
                let t = self.tekst();
                let linje = &t[t.find(FOER)? + FOER.len()..];
                Some(linje[..linje.find(['\r', '\n'])?].to_string())
            },
            || self.tekst(),
        )
    }
}

fn port(url: &str) -> u16 {
    url.trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The preview answers `/` with its page, and the browser was asked to open `url`.
fn preview_svarer(url: &str, log: &Path) {
    let (status, side) = hent(port(url), "/");
    assert_eq!(status, 200, "{side}");
    assert!(side.contains("<html"), "{side}");
    let aabnet = vent_paa(
        "browseren åbnes",
        FRIST,
        || std::fs::read_to_string(log.join("browser.txt")).ok(),
        String::new,
    );
    assert_eq!(aabnet.trim(), url);
}

#[test]
fn in_a_folder_without_a_project_a_chosen_kkr_gets_a_project_and_its_preview_opens() {
    let mappe = tempfile::tempdir().unwrap();
    let log = tempfile::tempdir().unwrap();
    let mut k = Konsol::start(mappe.path(), log.path());
    k.vent_paa("Skriv et tal fra 1 til 6, og tryk Enter");
    let menu = k.tekst();
    assert!(menu.contains("Der er intet fremdrift-projekt i"), "{menu}");
    assert!(
        menu.contains("2. Opret et nyt projekt for KKR Sjælland"),
        "{menu}"
    );
    assert!(
        menu.contains("6. Åbn eksemplet (KKR Hovedstaden 2015)"),
        "{menu}"
    );
    k.skriv("9");
    k.vent_paa("«9» er ikke et af valgene.");
    k.skriv("2");
    k.vent_paa("Luk vinduet eller tryk Ctrl+C for at stoppe.");
    let url = k.url();
    let kkr = std::fs::read_to_string(mappe.path().join("KKR Sjælland/content/kkr.yaml")).unwrap();
    assert!(kkr.contains("navn: KKR Sjælland"), "{kkr}");
    preview_svarer(&url, log.path());
}

#[test]
fn the_example_is_written_and_shown_and_next_time_offered_as_a_project() {
    let mappe = tempfile::tempdir().unwrap();
    let log = tempfile::tempdir().unwrap();
    let mut k = Konsol::start(mappe.path(), log.path());
    k.vent_paa("Skriv et tal fra 1 til 6");
    k.skriv("6");
    k.vent_paa("Skrev eksemplet i");
    let url = k.url();
    preview_svarer(&url, log.path());
    let (status, side) = hent(port(&url), "/");
    assert_eq!(status, 200);
    assert!(side.contains("Albertslund"), "{side}");
    drop(k);

    let mut igen = Konsol::start(mappe.path(), log.path());
    igen.vent_paa("Skriv et tal fra 1 til 6");
    let menu = igen.tekst();
    assert!(menu.contains("1. Åbn projektet «Eksempel»"), "{menu}");
    assert!(!menu.contains("Åbn eksemplet"), "{menu}");
    igen.skriv("1");
    igen.url();
}

#[test]
fn in_a_project_the_preview_opens_without_asking() {
    let projekt = common::projekt("mini");
    let log = tempfile::tempdir().unwrap();
    let k = Konsol::start(&projekt.path().join("content"), log.path());
    let url = k.url();
    let ud = k.tekst();
    assert!(!ud.contains("Skriv et tal"), "{ud}");
    assert!(
        ud.contains("Luk vinduet eller tryk Ctrl+C for at stoppe."),
        "{ud}"
    );
    preview_svarer(&url, log.path());
}

#[test]
fn an_error_keeps_the_window_open_until_enter_is_pressed() {
    let mappe = tempfile::tempdir().unwrap();
    let log = tempfile::tempdir().unwrap();
    let optaget = mappe.path().join("KKR Hovedstaden");
    std::fs::create_dir(&optaget).unwrap();
    std::fs::write(optaget.join("noter.txt"), "mine noter").unwrap();
    let mut k = Konsol::start(mappe.path(), log.path());
    k.vent_paa("Skriv et tal");
    k.skriv("1");
    k.vent_paa("Tryk Enter for at lukke vinduet");
    let ud = k.tekst();
    assert!(ud.contains("findes allerede og er ikke tom"), "{ud}");
    assert!(k.proces.0.try_wait().unwrap().is_none(), "still open: {ud}");
    k.skriv("");
    let ud = k.ud.clone();
    let status = vent_paa(
        "fremdrift slutter",
        FRIST,
        || k.proces.0.try_wait().unwrap(),
        || ud.lock().unwrap().clone(),
    );
    assert_eq!(status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(optaget.join("noter.txt")).unwrap(),
        "mine noter"
    );
}

#[test]
fn without_a_console_no_arguments_stay_a_usage_error_for_scripts() {
    let mappe = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_fremdrift"))
        .current_dir(mappe.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        common::stderr(&o).contains("angiv en kommando"),
        "{}",
        common::stderr(&o)
    );
    assert_eq!(
        std::fs::read_dir(mappe.path()).unwrap().count(),
        0,
        "nothing written"
    );
}
