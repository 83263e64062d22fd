//! The links of a period: making one for every kommune that has none (and one for the
//! secretariat), replacing one (the old one is revoked), and looking a token up. The
//! running service reads `links.json` again whenever it changed on disk, so `links` and
//! `nyt-link` take effect without a restart.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use super::linkfil::{self, Link, Linkfil, SEKRETARIAT};
use super::noegle::Noegle;
use super::{tid, token};
use crate::fejl::fejl;
use crate::indhold::model::Kkr;

/// A link's address: the service's address, `/l/`, the token as the last segment.
pub(crate) fn adresse(url: &str, token: &str) -> String {
    format!("{}/l/{token}", url.trim_end_matches('/'))
}

/// `--url` checked: http(s), a host, no query or fragment; without a trailing `/`.
pub(crate) fn tjek_url(url: &str) -> anyhow::Result<String> {
    let u = url.trim().trim_end_matches('/');
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| {
        let vaert = r.split('/').next().unwrap_or("");
        !vaert.is_empty()
            && !r.contains(['?', '#', ' ', '\\'])
            && r.chars().all(|c| c.is_ascii_graphic())
    });
    if !ok {
        return Err(fejl(
            format!("--url «{url}» er ikke en webadresse"),
            "skriv tjenestens offentlige adresse, fx --url https://indsamling.kkr-eksempel.dk",
        ));
    }
    Ok(u.to_string())
}

/// What `links` made.
pub(crate) struct Nye {
    /// Kommuner that got a link, with its number.
    pub kommuner: Vec<(String, u32)>,
    /// The secretariat's token, when its link was made now (printed once).
    pub sekretariat: Option<(u32, String)>,
}

/// A link for every kommune in kkr.yaml that has none, and for the secretariat; the
/// service's address is kept for later runs and the service.
pub(crate) fn lav_manglende(
    rod: &Path,
    periode: &str,
    url: &str,
    kkr: &Kkr,
    n: &Noegle,
) -> anyhow::Result<Nye> {
    linkfil::aendr(rod, periode, |f| {
        tjek_noegle(f, n)?;
        let mut aendret = f.url.as_deref() != Some(url);
        f.url = Some(url.to_string());
        let mut nye = Nye {
            kommuner: Vec::new(),
            sekretariat: None,
        };
        for k in &kkr.kommuner {
            if aktuel(f, &k.id).is_none() {
                let (nr, _) = tilfoej(f, &k.id, n)?;
                nye.kommuner.push((k.id.clone(), nr));
            }
        }
        if aktuel(f, SEKRETARIAT).is_none() {
            nye.sekretariat = Some(tilfoej(f, SEKRETARIAT, n)?);
        }
        aendret |= !nye.kommuner.is_empty() || nye.sekretariat.is_some();
        Ok((nye, aendret))
    })
}

/// A new link for `hvem`; the current one (if any) is revoked. Gives the new number and
/// token and the revoked number.
pub(crate) fn nyt(
    rod: &Path,
    periode: &str,
    hvem: &str,
    n: &Noegle,
) -> anyhow::Result<(u32, String, Option<u32>)> {
    linkfil::aendr(rod, periode, |f| {
        tjek_noegle(f, n)?;
        let gammel = aktuel(f, hvem).map(|i| {
            f.links[i].tilbagekaldt = Some(tid::nu().to_string());
            f.links[i].nr
        });
        let (nr, t) = tilfoej(f, hvem, n)?;
        Ok(((nr, t, gammel), true))
    })
}

/// The current (not revoked) link of `hvem`, as an index.
pub(crate) fn aktuel(f: &Linkfil, hvem: &str) -> Option<usize> {
    f.links
        .iter()
        .rposition(|l| l.hvem == hvem && l.tilbagekaldt.is_none())
}

fn tilfoej(f: &mut Linkfil, hvem: &str, n: &Noegle) -> anyhow::Result<(u32, String)> {
    let nr = f.links.iter().map(|l| l.nr).max().unwrap_or(0) + 1;
    let t = token::nyt()?;
    f.links.push(Link {
        nr,
        hvem: hvem.to_string(),
        oprettet: tid::nu().to_string(),
        tilbagekaldt: None,
        aftryk: token::hex(&token::aftryk(&t)),
        forseglet: n.forsegl(&t, &Link::binding(nr, hvem))?,
    });
    Ok((nr, t))
}

/// The file's tokens must have been sealed with this key.
fn tjek_noegle(f: &mut Linkfil, n: &Noegle) -> anyhow::Result<()> {
    match &f.noegle {
        Some(id) if *id != n.id() => Err(fejl(
            format!(
                "linkene er forseglet med en anden indsamlingsnøgle end {}",
                n.sti.display()
            ),
            "brug nøglen fra den maskine, der lavede linkene (sæt FREMDRIFT_NOEGLEFIL), eller lav nye links med «fremdrift indsamling nyt-link» for hver kommune",
        )),
        Some(_) => Ok(()),
        None => {
            f.noegle = Some(n.id());
            Ok(())
        }
    }
}

/// The token of a current link, unsealed; `None` when the key is not the one that
/// sealed it.
pub(crate) fn token_for(l: &Link, n: &Noegle) -> Option<String> {
    n.aabn(&l.forseglet, &Link::binding(l.nr, &l.hvem))
}

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Fundet {
    Gyldig { nr: u32, hvem: String },
    Tilbagekaldt { nr: u32, hvem: String },
    Ukendt,
}

/// The service's view of `links.json`, read again when the file changes.
pub(crate) struct Register {
    sti: PathBuf,
    cache: Mutex<(Option<(SystemTime, u64)>, Linkfil)>,
}

impl Register {
    pub fn ny(rod: &Path, periode: &str) -> anyhow::Result<Self> {
        let r = Self {
            sti: linkfil::sti(rod, periode),
            cache: Mutex::new((None, Linkfil::default())),
        };
        r.fil()?;
        Ok(r)
    }

    /// The file as it is now on disk (from the cache when unchanged).
    pub fn fil(&self) -> anyhow::Result<Linkfil> {
        self.med_fil(Linkfil::clone)
    }

    /// `f` of the file as it is now on disk, without copying it: read again only when
    /// its time or size changed. A file that cannot be read keeps the last good one,
    /// so a half-edited file never locks everyone out.
    fn med_fil<R>(&self, f: impl FnOnce(&Linkfil) -> R) -> anyhow::Result<R> {
        let mut c = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let stempel = std::fs::metadata(&self.sti)
            .ok()
            .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()));
        if c.0.is_none() || c.0 != stempel {
            match linkfil::laes(&self.sti) {
                Ok(ny) => *c = (stempel, ny),
                Err(e) if c.0.is_none() => return Err(e),
                Err(e) => eprintln!("{}", crate::fejl::tekst(&e)),
            }
        }
        Ok(f(&c.1))
    }

    /// Looks a token up, comparing its digest with every link's in constant time.
    pub fn find(&self, t: &str) -> Fundet {
        if !token::ligner_token(t) {
            return Fundet::Ukendt;
        }
        let aftryk = token::aftryk(t);
        let fundet = self.med_fil(|f| {
            let mut fundet = Fundet::Ukendt;
            for l in &f.links {
                let ens = token::fra_hex(&l.aftryk).is_some_and(|a| token::ens(&a, &aftryk));
                if ens {
                    let (nr, hvem) = (l.nr, l.hvem.clone());
                    fundet = match l.tilbagekaldt {
                        None => Fundet::Gyldig { nr, hvem },
                        Some(_) => Fundet::Tilbagekaldt { nr, hvem },
                    };
                }
            }
            fundet
        });
        fundet.unwrap_or(Fundet::Ukendt)
    }

    /// Whether link `nr` is still current (a session of a revoked link ends).
    pub fn gyldig(&self, nr: u32) -> bool {
        self.med_fil(|f| {
            f.links
                .iter()
                .any(|l| l.nr == nr && l.tilbagekaldt.is_none())
        })
        .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_must_be_a_web_address_and_loses_its_trailing_slash() {
        assert_eq!(
            tjek_url("https://indsamling.kkr-eksempel.dk/").unwrap(),
            "https://indsamling.kkr-eksempel.dk"
        );
        assert_eq!(
            adresse("http://127.0.0.1:8080/", "abc"),
            "http://127.0.0.1:8080/l/abc"
        );
        for u in [
            "indsamling.dk",
            "ftp://x",
            "https://",
            "https://x?a=1",
            "https://a b",
        ] {
            assert!(tjek_url(u).is_err(), "{u}");
        }
    }
}
