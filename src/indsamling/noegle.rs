//! The key that seals the link tokens in `links.json`. It lives outside the project —
//! in the user's configuration folder, or the file `FREMDRIFT_NOEGLEFIL` names — so a
//! copy of the project (a backup, a push to git) holds only digests and sealed tokens:
//! no one gets in with it, while the service on its own machine can still resend a
//! link in a reminder. XChaCha20-Poly1305 (RustCrypto), the link's number and kommune
//! as associated data, so a sealed token cannot be moved to another row.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use super::token;
use crate::fejl::fejl;

/// The environment variable that names the key file.
pub(crate) const MILJOE: &str = "FREMDRIFT_NOEGLEFIL";

/// The key, and where it was read from.
pub(crate) struct Noegle {
    noegle: [u8; 32],
    pub sti: PathBuf,
}

/// Where the key is kept: `FREMDRIFT_NOEGLEFIL`, else `%APPDATA%\fremdrift\` on
/// Windows and `$XDG_CONFIG_HOME/fremdrift/` (or `~/.config/fremdrift/`) elsewhere.
pub(crate) fn sti() -> anyhow::Result<PathBuf> {
    if let Some(f) = std::env::var_os(MILJOE).filter(|f| !f.is_empty()) {
        return Ok(PathBuf::from(f));
    }
    let mappe = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else {
        std::env::var_os("XDG_CONFIG_HOME")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
    };
    match mappe {
        Some(m) => Ok(m.join("fremdrift").join("indsamlingsnoegle")),
        None => Err(fejl(
            "der er ingen mappe til indsamlingsnøglen",
            format!("sæt {MILJOE} til stien til en fil uden for projektet"),
        )),
    }
}

impl Noegle {
    /// The key, made (readable by this user only) the first time.
    pub fn hent_eller_lav() -> anyhow::Result<Self> {
        let sti = sti()?;
        match Self::laes(&sti)? {
            Some(n) => Ok(n),
            None => lav(&sti),
        }
    }

    /// The key if it exists; `None` when it was never made here.
    pub fn hent() -> anyhow::Result<Option<Self>> {
        Self::laes(&sti()?)
    }

    fn laes(sti: &Path) -> anyhow::Result<Option<Self>> {
        let tekst = match std::fs::read_to_string(sti) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(fejl(
                    format!("kunne ikke læse indsamlingsnøglen {}: {e}", sti.display()),
                    "tjek at filen kan læses af den bruger, der kører fremdrift",
                ));
            }
        };
        match token::fra_hex(&tekst) {
            Some(noegle) => Ok(Some(Self {
                noegle,
                sti: sti.to_path_buf(),
            })),
            None => Err(fejl(
                format!("indsamlingsnøglen {} er ødelagt", sti.display()),
                "læg nøglen tilbage fra jeres sikkerhedskopi; uden den må alle links laves igen med «fremdrift indsamling nyt-link»",
            )),
        }
    }

    /// A short, public name of the key: which key sealed a `links.json`.
    pub fn id(&self) -> String {
        token::hex(&token::aftryk(&token::hex(&self.noegle)))[..12].to_string()
    }

    /// `klartekst` sealed, bound to `binding`: base64 of nonce and ciphertext.
    pub fn forsegl(&self, klartekst: &str, binding: &str) -> anyhow::Result<String> {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce)
            .map_err(|e| anyhow::anyhow!("ingen tilfældige tal fra systemet: {e}"))?;
        let c = XChaCha20Poly1305::new((&self.noegle).into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: klartekst.as_bytes(),
                    aad: binding.as_bytes(),
                },
            )
            .map_err(|_| anyhow::anyhow!("kunne ikke forsegle linket"))?;
        let mut ud = nonce.to_vec();
        ud.extend(c);
        Ok(STANDARD.encode(ud))
    }

    /// The text sealed by [`Self::forsegl`] with the same binding; `None` for another
    /// key, another binding or a damaged value.
    pub fn aabn(&self, forseglet: &str, binding: &str) -> Option<String> {
        let b = STANDARD.decode(forseglet).ok()?;
        if b.len() < 24 {
            return None;
        }
        let (nonce, c) = b.split_at(24);
        let klar = XChaCha20Poly1305::new((&self.noegle).into())
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: c,
                    aad: binding.as_bytes(),
                },
            )
            .ok()?;
        String::from_utf8(klar).ok()
    }
}

/// Makes a new key file that only this user can read.
fn lav(sti: &Path) -> anyhow::Result<Noegle> {
    let mut noegle = [0u8; 32];
    getrandom::fill(&mut noegle)
        .map_err(|e| anyhow::anyhow!("ingen tilfældige tal fra systemet: {e}"))?;
    let skriv = || -> std::io::Result<()> {
        if let Some(m) = sti.parent() {
            std::fs::create_dir_all(m)?;
        }
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        let mut f = o.open(sti)?;
        f.write_all(format!("{}\n", token::hex(&noegle)).as_bytes())?;
        f.sync_all()
    };
    skriv().map_err(|e| {
        fejl(
            format!("kunne ikke lave indsamlingsnøglen {}: {e}", sti.display()),
            format!("sæt {MILJOE} til en fil i en mappe, brugeren kan skrive i"),
        )
    })?;
    crate::besked!(
        "Lavede indsamlingsnøglen {} (uden for projektet; tag en sikkerhedskopi af den for sig)",
        sti.display()
    );
    Ok(Noegle {
        noegle,
        sti: sti.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noegle(b: u8) -> Noegle {
        Noegle {
            noegle: [b; 32],
            sti: PathBuf::new(),
        }
    }

    #[test]
    fn a_sealed_token_opens_only_with_its_key_and_its_binding() {
        let n = noegle(1);
        let s = n.forsegl("hemmelig", "1:albertslund").unwrap();
        assert!(!s.contains("hemmelig"));
        assert_eq!(n.aabn(&s, "1:albertslund").as_deref(), Some("hemmelig"));
        assert_eq!(n.aabn(&s, "2:albertslund"), None);
        assert_eq!(noegle(2).aabn(&s, "1:albertslund"), None);
        assert_eq!(n.aabn("ødelagt", "1:albertslund"), None);
    }

    #[test]
    fn the_key_file_is_made_once_and_readable_by_its_user_only() {
        let d = tempfile::tempdir().unwrap();
        let sti = d.path().join("a/noegle");
        let n = lav(&sti).unwrap();
        let igen = Noegle::laes(&sti).unwrap().unwrap();
        assert_eq!(n.id(), igen.id());
        assert!(lav(&sti).is_err(), "an existing key is never overwritten");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let m = std::fs::metadata(&sti).unwrap().permissions().mode();
            assert_eq!(m & 0o777, 0o600);
        }
    }
}
