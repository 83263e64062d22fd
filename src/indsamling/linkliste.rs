//! `indsamling/links.csv` for mail merge in Danish Excel: UTF-8 with BOM, `;` between
//! the columns `kommune-id;kommune;e-mail;link`, CRLF, one row per kommune with a
//! current link. The one file with the links in plain text: readable by its user only,
//! kept out of git by `indsamling/.gitignore`, and written anew by `links`.

use std::path::{Path, PathBuf};

use super::linkfil;
use super::links;
use super::noegle::Noegle;
use crate::fejl::fejl;
use crate::indhold::model::Kommune;
use crate::indhold::projekt::Projekt;

pub(crate) fn sti(rod: &Path) -> PathBuf {
    rod.join("indsamling").join("links.csv")
}

/// Writes the file for the period of `p`; gives its path.
pub(crate) fn skriv(rod: &Path, p: &Projekt, n: &Noegle) -> anyhow::Result<PathBuf> {
    let f = linkfil::laes(&linkfil::sti(rod, &p.runde.periode))?;
    let url = f.url.clone().unwrap_or_default();
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xef\xbb\xbf".to_vec());
    w.write_record(["kommune-id", "kommune", "e-mail", "link"])?;
    for k in &p.kkr.kommuner {
        let Some(i) = links::aktuel(&f, &k.id) else {
            continue;
        };
        let Some(t) = links::token_for(&f.links[i], n) else {
            return Err(fejl(
                format!(
                    "linket til {} kan ikke åbnes med nøglen {}",
                    k.navn,
                    n.sti.display()
                ),
                "brug nøglen fra den maskine, der lavede linkene (sæt FREMDRIFT_NOEGLEFIL)",
            ));
        };
        let email = email(k, p).unwrap_or_default();
        w.write_record([
            k.id.as_str(),
            &ren(&k.navn),
            &ren(&email),
            &links::adresse(&url, &t),
        ])?;
    }
    let data = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    let sti = sti(rod);
    crate::skriv::skriv_atomisk(&sti, &data).map_err(|e| {
        fejl(
            format!("kunne ikke skrive {}: {e}", sti.display()),
            "tjek at filen ikke er åben i Excel, og at mappen kan skrives i",
        )
    })?;
    kun_ejeren(&sti);
    Ok(sti)
}

/// Where the kommune's mail goes: `e-mail` in kkr.yaml, else the contact e-mail of its
/// latest status (this period's, then the earlier ones newest first).
pub(crate) fn email(k: &Kommune, p: &Projekt) -> Option<String> {
    let kontakt =
        |s: &crate::indhold::model::KommuneStatus| s.kontakt.as_ref().and_then(|c| c.email.clone());
    k.email.clone().or_else(|| {
        let nu = p
            .status
            .iter()
            .find(|s| s.kommune.id == k.id)
            .and_then(kontakt);
        nu.or_else(|| {
            p.tidligere
                .iter()
                .rev()
                .find_map(|t| t.status_for(&k.id).and_then(kontakt))
        })
    })
}

/// A cell Excel will not run as a formula.
fn ren(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

#[cfg(unix)]
fn kun_ejeren(sti: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(sti, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn kun_ejeren(_: &Path) {}
