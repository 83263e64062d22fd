//! The preview's web server, on 127.0.0.1 only, on the shared web stack: the routes,
//! the guards they are served under, and a tokio runtime on threads of its own beside
//! the rebuild loop. Every answer comes from the shared state.

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::routing::get;
use tokio::sync::Semaphore;
use tower_http::limit::RequestBodyLimitLayer;

use super::sider::{self, App};
use crate::fejl::fejl;
use crate::formular::Udfyldning;
use crate::visning::tilstand::Delt;
use crate::web::{self, Graenser, Vaern};

/// The port tried first when none is asked for.
pub const STANDARDPORT: u16 = 3000;
/// How many ports after the default are tried when it is busy.
const FORSOEG: u16 = 20;

/// Connections open at once (streams and idle keep-alive ones included); beyond it a
/// new connection is answered 503 and closed.
pub const FORBINDELSER: usize = 4096;
/// Event streams open at once (open pages); beyond it a new stream is answered 503.
pub const STROEMME: usize = 2048;

/// Binds 127.0.0.1 on the port the user asked for — busy is an error naming it — or,
/// with none asked for, on the first free one from [`STANDARDPORT`].
pub fn bind(port: Option<u16>) -> anyhow::Result<TcpListener> {
    if let Some(p) = port {
        return match TcpListener::bind(("127.0.0.1", p)) {
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => Err(fejl(
                format!("port {p} er optaget"),
                format!(
                    "vælg en anden port med --port, eller udelad --port for at bruge den første ledige fra {STANDARDPORT}"
                ),
            )),
            r => r.with_context(|| format!("kunne ikke lytte på port {p}")),
        };
    }
    let sidste = STANDARDPORT + FORSOEG;
    for p in STANDARDPORT..=sidste {
        match TcpListener::bind(("127.0.0.1", p)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(e).with_context(|| format!("kunne ikke lytte på port {p}")),
        }
    }
    Err(fejl(
        format!("portene {STANDARDPORT}–{sidste} er optaget"),
        "vælg en ledig port med --port",
    ))
}

/// The Content-Security-Policy of every answer: scripts, styles and images only from
/// the preview itself (no inline script), forms only to it, never inside a frame.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The headers of every answer that does not set them itself.
const FASTE_HOVEDER: &[(&str, &str)] = &[
    ("cache-control", "no-store"),
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
];

/// The answer to a connection past [`FORBINDELSER`], with the fixed headers.
const OPTAGET: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Retry-After: 1\r\n\
Cache-Control: no-store\r\n\
Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'\r\n\
X-Content-Type-Options: nosniff\r\n\
Referrer-Policy: no-referrer\r\n\
Content-Length: 87\r\n\
Connection: close\r\n\
\r\n\
Forh\xc3\xa5ndsvisningen har for mange \xc3\xa5bne forbindelser lige nu. Pr\xc3\xb8v igen om et \xc3\xb8jeblik.";

/// Starts answering requests in the background, on a runtime of its own.
pub fn start(
    lytter: TcpListener,
    delt: Arc<Delt>,
    udfyld: Arc<Udfyldning>,
) -> anyhow::Result<SocketAddr> {
    let adresse = lytter.local_addr()?;
    lytter.set_nonblocking(true)?;
    let app = Arc::new(App {
        delt,
        udfyld,
        stroemme: Arc::new(Semaphore::new(miljoetal("FREMDRIFT_HTTP_STROEMME", STROEMME, 1))),
    });
    let ruter = web::beskyt(ruter(app), &vaern(adresse.port()));
    let graenser = graenser();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .thread_name("preview-web")
        .enable_all()
        .build()
        .context("kunne ikke starte webserveren")?;
    std::thread::Builder::new()
        .name("preview-web".into())
        .spawn(move || {
            rt.block_on(async move {
                match tokio::net::TcpListener::from_std(lytter) {
                    Ok(l) => web::betjen(l, ruter, graenser).await,
                    Err(e) => eprintln!("fejl: webserveren kunne ikke lytte: {e}"),
                }
            })
        })
        .context("kunne ikke starte webserveren")?;
    Ok(adresse)
}

/// Every URL of the preview.
fn ruter(app: Arc<App>) -> Router {
    let formular = Router::new()
        .route("/udfyld/{id}", get(sider::udfyld).post(sider::gem))
        .route("/udfyld/{id}/", get(sider::udfyld).post(sider::gem))
        // The gate's check of the declared length comes first, so its Danish 413
        // answers before the limit's own would.
        .route_layer(RequestBodyLimitLayer::new(crate::formular::MAKS_KROP))
        .route_layer(axum::middleware::from_fn(crate::formular::skrivevagt));
    Router::new()
        .route("/", get(sider::oversigt))
        .route("/index.html", get(sider::oversigt))
        .route("/fragment", get(sider::oversigt_fragment))
        .route("/events", get(sider::begivenheder))
        .route("/api/dokumenter", get(sider::api))
        .route("/preview.css", get(sider::css))
        .route("/preview.js", get(sider::js))
        .route("/formular.css", get(sider::formular_css))
        .route("/formular.js", get(sider::formular_js))
        .route("/dok/{id}", get(sider::dok))
        .route("/dok/{id}/", get(sider::dok))
        .route("/dok/{id}/fragment", get(sider::dok_fragment))
        .route("/dok/{id}/pdf", get(sider::pdf))
        .route("/dok/{id}/side/{fil}", get(sider::side))
        .route("/udfyld/{id}/bilag", get(sider::udfyld_bilag))
        .merge(formular)
        .fallback(sider::ikke_fundet)
        .method_not_allowed_fallback(sider::kun_formularen_tager_post)
        .with_state(app)
}

/// The guards: this machine's names on this port, the fixed headers, and limits far
/// above what a browser with a few tabs needs.
fn vaern(port: u16) -> Vaern {
    let vaerter = ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .flat_map(|n| [n.to_string(), format!("{n}:{port}")])
        .collect();
    Vaern {
        vaerter,
        forkert_vaert: "Forkert værtsnavn: brug http://127.0.0.1/",
        fremmed_side: "Afvist: ændringer kan kun gemmes fra forhåndsvisningens egne sider. \
                       Åbn formularen fra fremdrift preview og gem derfra.",
        faste_hoveder: FASTE_HOVEDER,
        samtidige: 512,
        // «Hent PDF» waits up to 30 s for a document in the compiler.
        svar_frist: Duration::from_secs(60),
        krop_frist: Duration::from_secs(30),
    }
}

/// The accept loop's limits. The head deadline is `FREMDRIFT_HTTP_FRIST_MS`
/// milliseconds (at least 100), by default 10 s; the caps can be lowered with
/// `FREMDRIFT_HTTP_FORBINDELSER` and `FREMDRIFT_HTTP_STROEMME`. All three are for the
/// abuse tests, which reach a cap or a deadline in seconds that way.
fn graenser() -> Graenser {
    let ms = miljoetal("FREMDRIFT_HTTP_FRIST_MS", 10_000, 100);
    Graenser {
        forbindelser: miljoetal("FREMDRIFT_HTTP_FORBINDELSER", FORBINDELSER, 1),
        hoved_frist: Duration::from_millis(ms as u64),
        hoved_bytes: 32 * 1024,
        hoved_linjer: 100,
        optaget: OPTAGET,
    }
}

/// A number from the environment, at least `mindst`; else `standard`.
fn miljoetal(navn: &str, standard: usize, mindst: usize) -> usize {
    std::env::var(navn)
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .map_or(standard, |n| n.max(mindst))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_port_the_user_asked_for_is_an_error_naming_it() {
        let optaget = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = optaget.local_addr().unwrap().port();
        let e = bind(Some(port)).unwrap_err();
        assert_eq!(
            crate::fejl::tekst(&e),
            format!(
                "fejl: port {port} er optaget\n  hint: vælg en anden port med --port, eller udelad --port for at bruge den første ledige fra 3000"
            )
        );
    }

    #[test]
    fn the_answer_past_the_cap_has_the_length_it_says_and_the_fixed_headers() {
        let tekst = std::str::from_utf8(OPTAGET).unwrap();
        let (hoved, krop) = tekst.split_once("\r\n\r\n").unwrap();
        let hoved = hoved.to_ascii_lowercase();
        assert!(hoved.starts_with("http/1.1 503 "));
        assert!(hoved.contains(&format!("content-length: {}\r\n", krop.len())));
        for (navn, vaerdi) in FASTE_HOVEDER {
            let linje = format!("{navn}: {}\r\n", vaerdi.to_ascii_lowercase());
            assert!(hoved.contains(&linje), "{navn}");
        }
    }
}
