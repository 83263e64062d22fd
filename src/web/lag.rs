//! The layers around every front end's routes, outermost first: a panic becomes a Danish
//! 500; every answer gets the fixed headers it does not set itself; at most so many
//! requests are handled at once; an answer must start within a deadline; only this
//! machine's host names are served, with one `Host`; only GET, HEAD and POST; a write from another site's page is
//! refused (`Origin` / `Sec-Fetch-Site`); a body is bounded in time. (Its size is
//! bounded by the routes that read one, behind their own check of the declared length.)

use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::csrf::{CsrfLayer, ProtectionError};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyDeadlineLayer, TimeoutLayer};

use super::svar;

/// What a front end's routes are guarded by.
#[derive(Clone, Debug)]
pub struct Vaern {
    /// The `Host` values served (a missing `Host`, as from HTTP/1.0, is served too).
    pub vaerter: Vec<String>,
    /// The answer to any other host: a Danish text.
    pub forkert_vaert: &'static str,
    /// The answer to a write from another site's page: a Danish text.
    pub fremmed_side: &'static str,
    /// The fixed headers of every answer that does not set them itself.
    pub faste_hoveder: &'static [(&'static str, &'static str)],
    /// Requests handled at once (others wait for their turn).
    pub samtidige: usize,
    /// The time until an answer starts (a stream's body is not counted).
    pub svar_frist: Duration,
    /// The time to receive a body.
    pub krop_frist: Duration,
}

/// Wraps `app` in the layers of the module's header.
pub fn beskyt(app: Router, v: &Vaern) -> Router {
    let fremmed = v.fremmed_side;
    let csrf = CsrfLayer::new()
        .with_rejection_response(move |_: ProtectionError| svar::tekst(403, fremmed));
    let mut app = app
        .layer(RequestBodyDeadlineLayer::new(v.krop_frist))
        .layer(csrf)
        .layer(middleware::from_fn(ramme))
        .layer(middleware::from_fn_with_state(
            (v.vaerter.clone(), v.forkert_vaert),
            vaert,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            v.svar_frist,
        ))
        .layer(GlobalConcurrencyLimitLayer::new(v.samtidige));
    for (navn, vaerdi) in v.faste_hoveder {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(navn),
            HeaderValue::from_static(vaerdi),
        ));
    }
    app.layer(CatchPanicLayer::custom(|_| {
        svar::tekst(500, "Intern fejl i fremdrift. Prøv igen; sker det igen, så genstart fremdrift.")
    }))
}

/// Only requests addressed to this machine: a web page elsewhere cannot reach the
/// drafts through a rebound DNS name.
async fn vaert(
    State((vaerter, forkert)): State<(Vec<String>, &'static str)>,
    req: Request,
    next: Next,
) -> Response {
    let ok = match req.headers().get(header::HOST).map(|v| v.to_str()) {
        None => true,
        Some(Ok(v)) => vaerter.iter().any(|n| n == v),
        Some(Err(_)) => false,
    };
    if ok {
        next.run(req).await
    } else {
        svar::tekst(403, forkert)
    }
}

/// One `Host`, and only the methods the pages use. (A body framed both ways is
/// hyper's: it reads `Transfer-Encoding`, drops `Content-Length` and closes the
/// connection after the answer, as RFC 9112 §6.3 says.)
async fn ramme(req: Request, next: Next) -> Response {
    let h = req.headers();
    if h.get_all(header::HOST).iter().count() > 1 {
        return svar::tekst(400, "Ugyldig forespørgsel: flere Host-felter.");
    }
    if ![Method::GET, Method::HEAD, Method::POST].contains(req.method()) {
        return svar::tekst(405, "Kun GET og POST understøttes");
    }
    next.run(req).await
}
