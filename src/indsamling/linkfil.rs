//! `indsamling/<periode>/links.json`: every link ever made for the period, current and
//! revoked, each with the digest of its token and the token sealed. Read whole, changed
//! under the folder's lock and written atomically, so the service and the commands
//! (`links`, `nyt-link`) can change it at the same time without losing a link.

use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fejl::fejl;
use crate::skriv;

/// The file's format version.
const FORMAT: u32 = 1;

/// The whole file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Linkfil {
    pub format: u32,
    /// The service's public address, from `links --url`.
    pub url: Option<String>,
    /// Which key sealed the tokens ([`super::noegle::Noegle::id`]).
    pub noegle: Option<String>,
    pub links: Vec<Link>,
}

/// One link.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Link {
    /// The link's number in the period: what the log and the dashboard name.
    pub nr: u32,
    /// A kommune's id, or [`SEKRETARIAT`].
    pub hvem: String,
    pub oprettet: String,
    pub tilbagekaldt: Option<String>,
    /// SHA-256 of the token, hex.
    pub aftryk: String,
    /// The token sealed with the key, bound to [`Link::binding`].
    pub forseglet: String,
}

/// Who the secretariat's link is for.
pub(crate) const SEKRETARIAT: &str = "sekretariat";

impl Link {
    /// What the sealed token is bound to.
    pub fn binding(nr: u32, hvem: &str) -> String {
        format!("{nr}:{hvem}")
    }
}

/// The collection's folder of a period.
pub(crate) fn mappe(rod: &Path, periode: &str) -> PathBuf {
    rod.join("indsamling").join(periode)
}

pub(crate) fn sti(rod: &Path, periode: &str) -> PathBuf {
    mappe(rod, periode).join("links.json")
}

/// The file, or an empty one when no link was made yet.
pub(crate) fn laes(sti: &Path) -> anyhow::Result<Linkfil> {
    let data = match std::fs::read(sti) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Linkfil {
                format: FORMAT,
                ..Linkfil::default()
            });
        }
        Err(e) => {
            return Err(fejl(
                format!("kunne ikke læse {}: {e}", sti.display()),
                "tjek at filen kan læses af den bruger, der kører fremdrift",
            ));
        }
    };
    let f: Linkfil = serde_json::from_slice(&data).map_err(|e| {
        fejl(
            format!(
                "{}:{}:{}: filen med links kan ikke læses: {e}",
                sti.display(),
                e.line(),
                e.column()
            ),
            "filen skrives af fremdrift; læg den tilbage fra jeres sikkerhedskopi i stedet for at rette i den",
        )
    })?;
    if f.format != FORMAT {
        return Err(fejl(
            format!("{} har format {}, ikke {FORMAT}", sti.display(), f.format),
            "brug den fremdrift, der lavede filen, eller en nyere",
        ));
    }
    Ok(f)
}

/// Changes the file under the folder's lock: reads it, lets `aendr` change it, and
/// writes it atomically when `aendr` says it changed. Returns what `aendr` returned.
pub(crate) fn aendr<R>(
    rod: &Path,
    periode: &str,
    aendr: impl FnOnce(&mut Linkfil) -> anyhow::Result<(R, bool)>,
) -> anyhow::Result<R> {
    let mappe = mappe(rod, periode);
    let _laas = laas(&mappe)?;
    let sti = sti(rod, periode);
    let mut f = laes(&sti)?;
    let (r, aendret) = aendr(&mut f)?;
    if aendret {
        let mut json = serde_json::to_vec_pretty(&f)?;
        json.push(b'\n');
        skriv::skriv_atomisk(&sti, &json).map_err(|e| {
            fejl(
                format!("kunne ikke skrive {}: {e}", sti.display()),
                "tjek at mappen ikke er skrivebeskyttet",
            )
        })?;
    }
    Ok(r)
}

/// The folder's lock, held until dropped; made with the folder and its `.gitignore`.
fn laas(mappe: &Path) -> anyhow::Result<File> {
    let lav = || -> std::io::Result<File> {
        std::fs::create_dir_all(mappe)?;
        gitignore(mappe)?;
        let f = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(mappe.join(".laas"))?;
        f.lock()?;
        Ok(f)
    };
    lav().map_err(|e| {
        fejl(
            format!("kunne ikke låse {}: {e}", mappe.display()),
            "tjek at mappen kan skrives i",
        )
    })
}

/// `indsamling/.gitignore`: the mail-merge file with the links in plain text never
/// goes into git, nor the lock files.
fn gitignore(mappe: &Path) -> std::io::Result<()> {
    let Some(indsamling) = mappe.parent() else {
        return Ok(());
    };
    let sti = indsamling.join(".gitignore");
    if sti.exists() {
        return Ok(());
    }
    skriv::skriv_atomisk(
        &sti,
        b"# Skrevet af fremdrift: linkene i klartekst kommer aldrig i git.\nlinks.csv\n.laas\n*/.laas\n",
    )
}
