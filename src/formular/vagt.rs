//! The gate every write passes, in one place: the request must come from the
//! preview's own pages (`Origin`, else `Sec-Fetch-Site`), carry this server start's
//! token, and send a form body of bounded size (refused by its declared length before
//! it is read, and as soon as a body without one passes the limit).

use crate::preview::http::{Anmodning, KropFejl};

/// The largest form body accepted (a round of 40 anbefalinger with long bemærkninger
/// is far below it).
pub const MAKS_KROP: usize = 1024 * 1024;

/// A refused request: the HTTP status and a Danish message.
#[derive(Debug, PartialEq, Eq)]
pub struct Afvist {
    pub status: u16,
    pub besked: String,
}

impl Afvist {
    fn ny(status: u16, besked: impl Into<String>) -> Self {
        Self {
            status,
            besked: besked.into(),
        }
    }
}

/// A fresh token for this server start: 128 random bits as hex.
pub fn nyt_token() -> anyhow::Result<String> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b)
        .map_err(|e| anyhow::anyhow!("ingen tilfældige tal fra systemet: {e}"))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// Refuses a request that another site's page made.
pub fn tjek_afsender(req: &Anmodning<'_>, port: u16) -> Result<(), Afvist> {
    if samme_oprindelse(req.hoved("Origin"), req.hoved("Sec-Fetch-Site"), port) {
        Ok(())
    } else {
        Err(Afvist::ny(
            403,
            "Afvist: ændringer kan kun gemmes fra forhåndsvisningens egne sider. \
             Åbn formularen fra fremdrift preview og gem derfra.",
        ))
    }
}

/// Whether a write comes from the preview's own origin. A browser names the page's
/// origin in `Origin` (or at least says `Sec-Fetch-Site`); a request with neither is
/// not from a browser page and still needs the token.
fn samme_oprindelse(origin: Option<&str>, sted: Option<&str>, port: u16) -> bool {
    match (origin, sted) {
        (Some(o), _) => ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .any(|v| o.eq_ignore_ascii_case(&format!("http://{v}:{port}"))),
        (None, Some(s)) => s.eq_ignore_ascii_case("same-origin"),
        (None, None) => true,
    }
}

/// Refuses a form without this server start's token.
pub fn tjek_token(sendt: &str, rigtigt: &str) -> Result<(), Afvist> {
    // Compared in constant time, so the answer's timing tells nothing about it.
    let ens = sendt.len() == rigtigt.len()
        && sendt
            .bytes()
            .zip(rigtigt.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if ens {
        Ok(())
    } else {
        Err(Afvist::ny(
            403,
            "Afvist: formularen er fra en tidligere start af fremdrift preview (eller fra en \
             anden side). Indlæs formularen igen, og udfyld den dér.",
        ))
    }
}

/// Reads a form body of at most `maks` bytes.
pub fn laes_krop(req: &mut Anmodning<'_>, maks: usize) -> Result<Vec<u8>, Afvist> {
    let art = req.hoved("Content-Type").map(str::to_ascii_lowercase);
    if !art.is_some_and(|a| a.starts_with("application/x-www-form-urlencoded")) {
        return Err(Afvist::ny(
            415,
            "Afvist: kun en almindelig formular (application/x-www-form-urlencoded) kan gemmes.",
        ));
    }
    if req.krop_laengde().is_some_and(|n| n > maks as u64) {
        return Err(for_stor(maks));
    }
    req.laes_krop(maks).map_err(|e| match e {
        KropFejl::ForStor => for_stor(maks),
        KropFejl::Tid => Afvist::ny(
            408,
            "Afvist: formularen kom ikke helt frem i tide. Prøv at gemme igen.",
        ),
        KropFejl::Afbrudt => Afvist::ny(
            400,
            "Afvist: formularen kom ikke helt frem (forbindelsen blev afbrudt). Prøv at gemme igen.",
        ),
        KropFejl::Ugyldig(hvorfor) => {
            Afvist::ny(400, format!("Formularen kunne ikke læses: {hvorfor}."))
        }
    })
}

fn for_stor(maks: usize) -> Afvist {
    Afvist::ny(
        413,
        format!(
            "Afvist: formularen fylder mere end {} MB. Forkort de længste bemærkninger.",
            maks / (1024 * 1024)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_previews_own_origin_may_write() {
        let p = 3000;
        for o in [
            "http://127.0.0.1:3000",
            "http://localhost:3000",
            "http://[::1]:3000",
        ] {
            assert!(samme_oprindelse(Some(o), Some("same-origin"), p), "{o}");
        }
        for o in [
            "http://127.0.0.1:3001",
            "https://127.0.0.1:3000",
            "http://evil.example",
            "http://127.0.0.1:3000.evil.example",
            "null",
        ] {
            assert!(!samme_oprindelse(Some(o), Some("same-origin"), p), "{o}");
        }
    }

    #[test]
    fn without_origin_the_fetch_site_decides() {
        assert!(samme_oprindelse(None, Some("same-origin"), 1));
        for s in ["cross-site", "same-site", "none"] {
            assert!(!samme_oprindelse(None, Some(s), 1), "{s}");
        }
        assert!(
            samme_oprindelse(None, None, 1),
            "not a browser: the token decides"
        );
    }

    #[test]
    fn token_must_match_exactly() {
        let t = nyt_token().unwrap();
        assert_eq!(t.len(), 32);
        assert_ne!(t, nyt_token().unwrap());
        assert!(tjek_token(&t, &t).is_ok());
        assert_eq!(tjek_token("", &t).unwrap_err().status, 403);
        assert!(tjek_token(&t[..31], &t).is_err());
        let mut anden = t.clone().into_bytes();
        anden[31] ^= 1;
        assert!(tjek_token(&String::from_utf8(anden).unwrap(), &t).is_err());
    }
}
