//! The gate every write to the form passes, in one place: the web stack has refused a
//! write from another site's page (`Origin` / `Sec-Fetch-Site`, [`crate::web`]); this
//! middleware refuses anything but a form body of bounded declared size before the body
//! is read; the handler reads the body within the stack's size and time limits
//! ([`laes_krop`]); and the form must carry this server start's token.

use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;

use crate::web::svar;

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

    /// The refusal as an answer.
    pub fn svar(&self) -> Response {
        svar::tekst(self.status, self.besked.clone())
    }
}

/// A fresh token for this server start: 128 random bits as hex.
pub fn nyt_token() -> anyhow::Result<String> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b)
        .map_err(|e| anyhow::anyhow!("ingen tilfældige tal fra systemet: {e}"))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// The most of a refused body that is read before the answer, and for how long.
const MAKS_EFTERLOEB: u64 = 16 * 1024 * 1024;
const EFTERLOEB_FRIST: Duration = Duration::from_secs(2);

/// The middleware on the form's addresses: a POST must declare a form body of at most
/// [`MAKS_KROP`] bytes, decided from its head. A refused body of moderate size is read
/// to its end first (for a while), so a browser still sending it gets the Danish answer
/// rather than a reset; a huge one, or one whose client waits for `100 Continue`, is
/// answered at once without reading a byte of it.
pub async fn skrivevagt(req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let Err(afvist) = tjek_hoved(req.headers()) else {
        return next.run(req).await;
    };
    if efterloeb(req.headers()) {
        let _ = tokio::time::timeout(EFTERLOEB_FRIST, draen(req.into_body())).await;
    }
    afvist.svar()
}

/// Whether a refused body is read before the answer.
fn efterloeb(h: &HeaderMap) -> bool {
    let venter = h
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let laengde = h
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    !venter && laengde.is_some_and(|n| n <= MAKS_EFTERLOEB)
}

/// Reads a body to its end (at most [`MAKS_EFTERLOEB`] bytes) and forgets it.
async fn draen(mut krop: Body) {
    let mut laest = 0u64;
    while let Some(Ok(stykke)) = krop.frame().await {
        laest += stykke.data_ref().map_or(0, |d| d.len() as u64);
        if laest > MAKS_EFTERLOEB {
            return;
        }
    }
}

fn tjek_hoved(h: &HeaderMap) -> Result<(), Afvist> {
    let art = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase);
    if !art.is_some_and(|a| a.starts_with("application/x-www-form-urlencoded")) {
        return Err(Afvist::ny(
            415,
            "Afvist: kun en almindelig formular (application/x-www-form-urlencoded) kan gemmes.",
        ));
    }
    let laengde = h
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if laengde.is_some_and(|n| n > MAKS_KROP as u64) {
        return Err(for_stor(MAKS_KROP));
    }
    Ok(())
}

/// Reads a form body within the web stack's limits: larger than [`MAKS_KROP`] (a body
/// without a declared length is stopped as soon as it passes it), too slow, or cut off.
pub async fn laes_krop(krop: Body) -> Result<Vec<u8>, Afvist> {
    match axum::body::to_bytes(krop, usize::MAX).await {
        Ok(b) => Ok(b.to_vec()),
        Err(e) => Err(kropfejl(&e)),
    }
}

/// Why a body could not be read, from the error's chain.
fn kropfejl(e: &axum::Error) -> Afvist {
    let mut kilde: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(k) = kilde {
        if k.is::<http_body_util::LengthLimitError>() {
            return for_stor(MAKS_KROP);
        }
        if k.is::<tower_http::timeout::TimeoutError>() {
            return Afvist::ny(
                408,
                "Afvist: formularen kom ikke helt frem i tide. Prøv at gemme igen.",
            );
        }
        kilde = k.source();
    }
    Afvist::ny(
        400,
        "Afvist: formularen kom ikke helt frem (forbindelsen blev afbrudt). Prøv at gemme igen.",
    )
}

/// Refuses a form without this server start's token (compared in constant time).
pub fn tjek_token(sendt: &str, rigtigt: &str) -> Result<(), Afvist> {
    let ens = crate::web::token::samme_token(sendt, rigtigt);
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
    use axum::http::HeaderValue;

    fn hoved(art: &str, laengde: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_str(art).unwrap());
        if let Some(l) = laengde {
            h.insert(header::CONTENT_LENGTH, HeaderValue::from_str(l).unwrap());
        }
        h
    }

    #[test]
    fn only_a_form_body_of_bounded_declared_size_passes() {
        let form = "application/x-www-form-urlencoded";
        assert!(tjek_hoved(&hoved(form, Some("10"))).is_ok());
        assert!(
            tjek_hoved(&hoved(
                "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
                None
            ))
            .is_ok()
        );
        assert_eq!(
            tjek_hoved(&hoved("text/plain", None)).unwrap_err().status,
            415
        );
        assert_eq!(
            tjek_hoved(&hoved("multipart/form-data", None))
                .unwrap_err()
                .status,
            415
        );
        let stor = tjek_hoved(&hoved(form, Some("10000000000"))).unwrap_err();
        assert_eq!(stor.status, 413);
        assert!(
            stor.besked.contains("formularen fylder mere end 1 MB"),
            "{}",
            stor.besked
        );
    }

    #[test]
    fn a_refused_body_is_read_first_unless_huge_or_waiting_for_continue() {
        let form = "application/x-www-form-urlencoded";
        assert!(efterloeb(&hoved(form, Some("1100000"))));
        assert!(!efterloeb(&hoved(form, Some("10000000000"))));
        let mut venter = hoved(form, Some("1100000"));
        venter.insert(header::EXPECT, HeaderValue::from_static("100-continue"));
        assert!(!efterloeb(&venter));
        assert!(!efterloeb(&hoved(form, None)), "no length: not waited for");
    }

    #[tokio::test]
    async fn a_body_past_the_limit_is_refused_in_danish() {
        let krop = http_body_util::Limited::new(Body::from(vec![b'a'; 100]), 10);
        let e = laes_krop(Body::new(krop)).await.unwrap_err();
        assert_eq!(e.status, 413);
        assert_eq!(laes_krop(Body::from("a=1")).await.unwrap(), b"a=1");
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
