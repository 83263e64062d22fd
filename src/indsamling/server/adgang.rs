//! Who is asking: the session behind the request's cookie (still alive, its link not
//! revoked), the client's address (from `X-Forwarded-For` only with `--bag-proxy`),
//! and the cookie a new session is given. What a session may reach is decided here
//! too, in one place: a kommune its own form, bilag and stream; the secretariat all.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;

use super::Tjeneste;
use super::sider;
use crate::indsamling::linkfil::SEKRETARIAT;
use crate::indsamling::sessioner::Session;

/// The cookie's name: `__Host-` under https (Secure, Path=/, no Domain), so no other
/// host or plain-http page can set it.
pub(crate) fn cookienavn(https: bool) -> &'static str {
    if https {
        "__Host-fremdrift"
    } else {
        "fremdrift"
    }
}

/// The `Set-Cookie` of a new session: a session cookie (gone with the browser),
/// HttpOnly, SameSite=Lax — sent on the top-level navigation from a link clicked in a
/// webmail on another site, never on another site's writes — and Secure under https.
pub(crate) fn saet_cookie(https: bool, vaerdi: &str) -> String {
    let sikker = if https { "; Secure" } else { "" };
    format!(
        "{}={vaerdi}; Path=/; HttpOnly; SameSite=Lax{sikker}",
        cookienavn(https)
    )
}

/// The `Set-Cookie` that removes it.
pub(crate) fn slet_cookie(https: bool) -> String {
    let sikker = if https { "; Secure" } else { "" };
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{sikker}",
        cookienavn(https)
    )
}

/// The cookie's value in a request.
fn cookie<'a>(h: &'a HeaderMap, navn: &str) -> Option<&'a str> {
    h.get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|par| par.trim().split_once('='))
        .find(|(n, _)| *n == navn)
        .map(|(_, v)| v)
}

/// A live session: its cookie's value and what it holds.
#[derive(Clone, Debug)]
pub(crate) struct Aktiv {
    pub id: String,
    pub session: Session,
}

impl Aktiv {
    pub fn er_sekretariat(&self) -> bool {
        self.session.hvem == SEKRETARIAT
    }

    /// May this session see and change kommune `id`'s form?
    pub fn maa_kommune(&self, id: &str) -> bool {
        self.er_sekretariat() || self.session.hvem == id
    }

    /// May this session see document `id`? A kommune only its own bilag.
    pub fn maa_dokument(&self, id: &str) -> bool {
        self.er_sekretariat() || id.strip_prefix("bilag-") == Some(self.session.hvem.as_str())
    }
}

/// The middleware: finds the request's session and puts it (or `None`) on the request.
pub(crate) async fn find_session(
    State(t): State<Arc<Tjeneste>>,
    mut req: Request,
    next: Next,
) -> Response {
    let aktiv = cookie(req.headers(), cookienavn(t.https)).and_then(|id| {
        let s = t.sessioner.find(id)?;
        if !t.register.gyldig(s.link) {
            t.sessioner.afslut_link(s.link);
            return None;
        }
        Some(Aktiv {
            id: id.to_string(),
            session: s,
        })
    });
    req.extensions_mut().insert(aktiv);
    next.run(req).await
}

/// A handler's session: any live one, else the page that asks for the link.
pub(crate) struct Med(pub Aktiv);

impl<S: Send + Sync> FromRequestParts<S> for Med {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        match parts.extensions.get::<Option<Aktiv>>() {
            Some(Some(a)) => Ok(Med(a.clone())),
            _ => Err(sider::uden_session()),
        }
    }
}

/// The secretariat's session; a kommune's gets «not found», as for any address it
/// may not reach.
pub(crate) struct Sekretariat(pub Aktiv);

impl<S: Send + Sync> FromRequestParts<S> for Sekretariat {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Response> {
        let Med(a) = Med::from_request_parts(parts, s).await?;
        if a.er_sekretariat() {
            Ok(Sekretariat(a))
        } else {
            Err(sider::ikke_fundet())
        }
    }
}

/// The client's address: the TCP peer, or with `--bag-proxy` the last address in
/// `X-Forwarded-For` (the one the proxy itself added).
pub(crate) fn klient(
    t: &Tjeneste,
    parts: &HeaderMap,
    fra: Option<&ConnectInfo<SocketAddr>>,
) -> IpAddr {
    let peer = fra.map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
    if !t.bag_proxy {
        return peer;
    }
    parts
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .next_back()
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aktiv(hvem: &str) -> Aktiv {
        let s = crate::indsamling::sessioner::Sessioner::default();
        let id = s.ny(hvem, 1).unwrap();
        Aktiv {
            session: s.find(&id).unwrap(),
            id,
        }
    }

    #[test]
    fn a_kommune_reaches_only_its_own_form_and_bilag() {
        let a = aktiv("albertslund");
        assert!(a.maa_kommune("albertslund"));
        assert!(!a.maa_kommune("ballerup"));
        assert!(a.maa_dokument("bilag-albertslund"));
        for d in [
            "bilag-ballerup",
            "tilbagemelding",
            "bilag-albertslund2",
            "albertslund",
        ] {
            assert!(!a.maa_dokument(d), "{d}");
        }
    }

    #[test]
    fn the_secretariat_reaches_every_kommune_and_document() {
        let a = aktiv(SEKRETARIAT);
        assert!(a.maa_kommune("ballerup"));
        assert!(a.maa_dokument("tilbagemelding"));
    }

    #[test]
    fn the_cookie_is_httponly_lax_and_secure_with_the_host_prefix_under_https() {
        assert_eq!(
            saet_cookie(true, "abc"),
            "__Host-fremdrift=abc; Path=/; HttpOnly; SameSite=Lax; Secure"
        );
        assert_eq!(
            saet_cookie(false, "abc"),
            "fremdrift=abc; Path=/; HttpOnly; SameSite=Lax"
        );
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; fremdrift=xyz; b=2".parse().unwrap());
        assert_eq!(cookie(&h, "fremdrift"), Some("xyz"));
        assert_eq!(cookie(&h, "__Host-fremdrift"), None);
    }
}
