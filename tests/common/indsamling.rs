//! The hosted collection for the tests: links made with `fremdrift indsamling links`
//! (the key file outside the project) and the real `fremdrift indsamling serve` on a
//! loopback port, its log kept for failure messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use super::browser::{Log, Proces, Svar, anmod, laes};

/// `fremdrift -C projekt ARGS` with the key file `noegle` outside the project.
pub fn fremdrift(projekt: &Path, noegle: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fremdrift"))
        .arg("-C")
        .arg(projekt)
        .args(args)
        .env("FREMDRIFT_NOEGLEFIL", noegle)
        .output()
        .expect("fremdrift runs")
}

/// A project with links: the folder, the key's folder, the secretariat's link (printed
/// once) and the rows of `indsamling/links.csv` (header first).
pub struct Links {
    pub projekt: tempfile::TempDir,
    pub noegler: tempfile::TempDir,
    pub sekretariat: String,
    pub raekker: Vec<Vec<String>>,
}

impl Links {
    /// A copy of `fixture` with a link per kommune for `url`.
    pub fn lav(fixture: &str, url: &str) -> Self {
        Self::lav_i(super::projekt(fixture), url)
    }

    /// Links for `url` in `projekt`.
    pub fn lav_i(projekt: tempfile::TempDir, url: &str) -> Self {
        let noegler = tempfile::tempdir().unwrap();
        let o = fremdrift(
            projekt.path(),
            &noegler.path().join("noegle"),
            &["indsamling", "links", "--url", url],
        );
        assert!(o.status.success(), "{}", super::stderr(&o));
        let sekretariat = super::stdout(&o).trim().to_string();
        let csv = std::fs::read_to_string(projekt.path().join("indsamling/links.csv")).unwrap();
        let csv = csv.strip_prefix('\u{feff}').expect("a BOM for Excel");
        let raekker = csv
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| l.split(';').map(str::to_string).collect())
            .collect();
        Self {
            projekt,
            noegler,
            sekretariat,
            raekker,
        }
    }

    pub fn noegle(&self) -> PathBuf {
        self.noegler.path().join("noegle")
    }

    /// `fremdrift ARGS` in this project with its key.
    pub fn fremdrift(&self, args: &[&str]) -> Output {
        fremdrift(self.projekt.path(), &self.noegle(), args)
    }

    /// The link of a kommune, from `links.csv`.
    pub fn link(&self, kommune: &str) -> String {
        self.raekker
            .iter()
            .find(|r| r[0] == kommune)
            .unwrap_or_else(|| panic!("{kommune} mangler i links.csv: {:?}", self.raekker))[3]
            .clone()
    }
}

/// A link's token: its last path segment.
pub fn token(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

/// The running service.
pub struct Tjeneste {
    _p: Proces,
    pub port: u16,
    log: PathBuf,
}

impl Tjeneste {
    /// `serve` on `port` with the project's newest period.
    pub fn start(projekt: &Path, noegle: &Path, port: u16) -> Self {
        Self::start_med(projekt, noegle, port, &[])
    }

    /// `serve` with extra arguments (`--smtp`, `--afsender`, …).
    pub fn start_med(projekt: &Path, noegle: &Path, port: u16, ekstra: &[&str]) -> Self {
        Self::start_fuldt(projekt, noegle, port, ekstra, &[])
    }

    /// `serve` with extra arguments and environment variables.
    pub fn start_fuldt(
        projekt: &Path,
        noegle: &Path,
        port: u16,
        ekstra: &[&str],
        miljoe: &[(&str, &str)],
    ) -> Self {
        let log = noegle.with_file_name(format!("serve-{port}.log"));
        let barn = Command::new(env!("CARGO_BIN_EXE_fremdrift"))
            .arg("-C")
            .arg(projekt)
            .args(["indsamling", "serve", "--adresse"])
            .arg(format!("127.0.0.1:{port}"))
            .args(ekstra)
            .envs(miljoe.iter().copied())
            .env("FREMDRIFT_NOEGLEFIL", noegle)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let t = Self {
            _p: Proces(barn),
            port,
            log,
        };
        super::vent_paa(
            "indsamlingen svarer",
            Duration::from_secs(30),
            || anmod(port, "GET", "/", &[], "", "1.1").ok(),
            || t.log(),
        );
        t
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn get(&self, sti: &str, cookie: Option<&str>) -> Svar {
        let c = cookie.map(|c| format!("fremdrift={c}"));
        let h: Vec<(&str, &str)> = c.iter().map(|c| ("Cookie", c.as_str())).collect();
        anmod(self.port, "GET", sti, &h, "", "1.1").unwrap()
    }

    /// Opens a link: the session cookie it sets.
    pub fn aabn(&self, link: &str) -> String {
        let s = self.get(&format!("/l/{}", token(link)), None);
        assert_eq!(s.status, 303, "{}", s.krop);
        let cookie = s.hoved("set-cookie").expect("a session cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        cookie
            .strip_prefix("fremdrift=")
            .and_then(|c| c.split(';').next())
            .unwrap()
            .to_string()
    }
}

impl Log for Tjeneste {
    fn log(&self) -> String {
        format!("serve-log:\n{}", laes(&self.log))
    }
}
