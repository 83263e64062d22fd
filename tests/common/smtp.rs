//! Debian's python3-aiosmtpd on a free loopback port (tests/post/smtp_modtager.py),
//! which writes every message it accepts to a folder before answering, so a test reads
//! exactly what arrived. `bash scripts/test` installs it (scripts/install-test-deps).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};

use serde_json::Value;

/// Debian's interpreter, the one python3-aiosmtpd installs for.
const PYTHON: &str = "/usr/bin/python3";

/// A running aiosmtpd, ended when dropped.
pub struct Modtager {
    barn: Child,
    stdin: Option<ChildStdin>,
    pub port: u16,
    mappe: tempfile::TempDir,
}

impl Modtager {
    /// Starts the server; with `login`, AUTH with that user and password is required.
    pub fn start(login: Option<(&str, &str)>) -> Self {
        let mappe = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/post/smtp_modtager.py");
        let mut c = Command::new(PYTHON);
        c.arg(script).arg(mappe.path());
        if let Some((b, k)) = login {
            c.args([b, k]);
        }
        let mut barn = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("/usr/bin/python3");
        // The port is printed once the server accepts connections; EOF means it died.
        let mut linje = String::new();
        BufReader::new(barn.stdout.take().unwrap())
            .read_line(&mut linje)
            .unwrap();
        let Ok(port) = linje.trim().parse() else {
            let o = barn.wait_with_output().unwrap();
            panic!(
                "python3-aiosmtpd mangler? kør «bash scripts/install-test-deps»\n{}",
                String::from_utf8_lossy(&o.stderr)
            );
        };
        let stdin = barn.stdin.take();
        Self {
            barn,
            stdin,
            port,
            mappe,
        }
    }

    pub fn url(&self, bruger: &str) -> String {
        format!("smtp://{bruger}127.0.0.1:{}", self.port)
    }

    /// The `n`th message as the server read it, and as it arrived.
    pub fn brev(&self, n: usize) -> (Value, String) {
        let sti = |ext: &str| self.mappe.path().join(format!("{n}.{ext}"));
        let json = std::fs::read_to_string(sti("json")).unwrap();
        let raa = std::fs::read(sti("eml")).unwrap();
        (
            serde_json::from_str(&json).unwrap(),
            String::from_utf8(raa).unwrap(),
        )
    }

    pub fn antal(&self) -> usize {
        let filer = std::fs::read_dir(self.mappe.path()).unwrap();
        filer
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "json")
            })
            .count()
    }
}

impl Drop for Modtager {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.barn.kill();
        let _ = self.barn.wait();
    }
}
