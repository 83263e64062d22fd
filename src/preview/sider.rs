//! The preview's handlers: the index, a document's page and its pages as PNG, «Hent
//! PDF» (which waits a while for a document being compiled), the event stream, and the
//! form beside the live bilag. The form's own work — reading and checking files — runs
//! on the runtime's blocking pool, never on its event threads.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tokio::sync::Semaphore;

use super::{api as api_json, oversigt, sse};
use crate::formular::{self, Udfyldning};
use crate::visning::tilstand::{Delt, Signal, Tilstand};
use crate::visning::{dokside, kontrol};
use crate::web::{html, svar};

const CSS: &str = include_str!("assets/preview.css");
const JS: &str = include_str!("assets/preview.js");

/// What the handlers share.
pub(crate) struct App {
    pub delt: Arc<Delt>,
    pub(crate) udfyld: Arc<Udfyldning>,
    /// The places for event streams.
    pub stroemme: Arc<Semaphore>,
}

type Tilstanden = State<Arc<App>>;

/// A document's or a kommune's id from the path, percent-decoded; anything that is not
/// a valid one is a page that does not exist.
pub struct Id(pub(crate) String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let Path(ps) = Path::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ikke_fundet_svar())?;
        match ps.into_iter().find(|(n, _)| n == "id") {
            Some((_, id)) if !id.is_empty() => Ok(Id(id)),
            _ => Err(ikke_fundet_svar()),
        }
    }
}

pub async fn oversigt(State(a): Tilstanden) -> Response {
    svar::html(200, a.delt.laes(oversigt::side))
}

pub async fn oversigt_fragment(State(a): Tilstanden) -> Response {
    svar::html(200, a.delt.laes(oversigt::fragment))
}

pub async fn begivenheder(State(a): Tilstanden) -> Response {
    sse::stroem(a.delt.clone(), &a.stroemme, None)
}

pub async fn api(State(a): Tilstanden) -> Response {
    svar::statisk("application/json", a.delt.laes(api_json::json))
}

pub async fn css() -> Response {
    svar::statisk("text/css; charset=utf-8", CSS)
}

pub async fn js() -> Response {
    svar::statisk("text/javascript; charset=utf-8", JS)
}

pub async fn formular_css() -> Response {
    svar::statisk("text/css; charset=utf-8", formular::css())
}

pub async fn formular_js() -> Response {
    svar::statisk("text/javascript; charset=utf-8", formular::JS)
}

pub async fn dok(State(a): Tilstanden, Id(id): Id) -> Response {
    let (findes, html) = a
        .delt
        .laes(|o| (o.dokument(&id).is_some(), dokside::side(o, &id)));
    svar::html(if findes { 200 } else { 404 }, html)
}

pub async fn dok_fragment(State(a): Tilstanden, Id(id): Id) -> Response {
    svar::html(200, a.delt.laes(|o| dokside::fragment(o, &id)))
}

#[derive(Deserialize)]
pub struct SideQ {
    v: Option<String>,
}

/// A document's page as PNG, `/dok/<id>/side/<n>.png`, numbered from 1.
pub async fn side(
    State(a): Tilstanden,
    Id(id): Id,
    Path((_, fil)): Path<(String, String)>,
    q: Result<Query<SideQ>, QueryRejection>,
) -> Response {
    let n = fil
        .strip_suffix(".png")
        .and_then(|n| n.parse::<usize>().ok());
    let Some(n) = n.filter(|n| *n > 0) else {
        return ikke_fundet_svar();
    };
    let side = a
        .delt
        .laes(|o| o.dokument(&id).and_then(|d| d.sider.get(n - 1).cloned()));
    let Some(side) = side else {
        return ikke_fundet_svar();
    };
    // The URL names the page's hash: an unchanged page is never loaded twice.
    let v = q.ok().and_then(|q| q.0.v);
    let cache = if v.as_deref() == Some(side.noegle.as_str()) {
        "max-age=31536000, immutable"
    } else {
        "no-store"
    };
    let s = svar::bytes(200, "image/png", side.png);
    svar::med(s, header::CACHE_CONTROL, cache)
}

/// The longest «Hent PDF» waits for a document in the compiler.
const PDF_VENT: Duration = Duration::from_secs(30);

/// What «Hent PDF» found: the document's state, its PDF if made, its problems, its file.
type Fundet = (
    Tilstand,
    Option<Arc<Vec<u8>>>,
    Vec<crate::diagnose::Diagnose>,
    std::path::PathBuf,
);

/// «Hent PDF»: the PDF of exactly the pages shown. The worker makes it on request once
/// the document is compiled; the request waits a while for that.
pub async fn pdf(State(a): Tilstanden, Id(id): Id) -> Response {
    let delt = &a.delt;
    let mut bestilt = false;
    let slut = tokio::time::Instant::now() + PDF_VENT;
    let fundet: Option<Option<Fundet>> = loop {
        let tilbage = slut.saturating_duration_since(tokio::time::Instant::now());
        let nu = delt
            .vent_til(tilbage, |o| {
                let Some(v) = o.dokument(&id) else {
                    return Some(None);
                };
                let svar = v.pdf.is_some() || v.tilstand() == Tilstand::Fejl;
                (svar || (!v.venter && !bestilt)).then(|| {
                    Some((
                        v.tilstand(),
                        v.pdf.clone(),
                        v.diagnoser.clone(),
                        v.dok.ud.clone(),
                    ))
                })
            })
            .await;
        match nu {
            Some(Some((t, None, _, _))) if t != Tilstand::Fejl && !bestilt => {
                bestilt = delt.bestil(Signal::Pdf(id.clone()));
                if !bestilt {
                    break None;
                }
            }
            andet => break andet,
        }
    };
    let Some(fundet) = fundet else {
        let s = svar::html(
            503,
            html::enkel_side(
                "PDF'en er ikke klar",
                "<p>Dokumentet bliver stadig lavet. Prøv igen om et øjeblik.</p>",
            ),
        );
        return svar::med(s, header::RETRY_AFTER, "5");
    };
    let Some((tilstand, pdf, diagnoser, ud)) = fundet else {
        return ikke_fundet_svar();
    };
    match pdf {
        Some(pdf) if tilstand != Tilstand::Fejl => {
            let s = svar::bytes(200, "application/pdf", pdf);
            let vedhaeft = format!("attachment; filename=\"{}\"", filnavn(&ud));
            svar::med(s, header::CONTENT_DISPOSITION, &vedhaeft)
        }
        _ => {
            let indhold = format!(
                "<p>PDF'en kan ikke hentes, mens dokumentet har fejl. Ret dem først:</p>{}",
                kontrol::kontrol(&diagnoser)
            );
            svar::html(409, html::enkel_side("Dokumentet har fejl", &indhold))
        }
    }
}

/// The PDF's file name, ASCII only for the header.
fn filnavn(ud: &std::path::Path) -> String {
    let navn = ud
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("dokument.pdf");
    navn.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `GET /udfyld/<id>/`: the form, filled in from the kommune's file.
pub async fn udfyld(State(a): Tilstanden, Id(id): Id) -> Response {
    blokerende(move || a.udfyld.side(&id, &a.udfyld.lokal(), &a.delt)).await
}

/// `POST /udfyld/<id>/`: save, or add or remove a forslag. The gate's checks of the
/// request's head have passed ([`formular::skrivevagt`]); the body is read here.
pub async fn gem(State(a): Tilstanden, Id(id): Id, krop: Body) -> Response {
    let krop = match formular::laes_krop(krop).await {
        Ok(k) => k,
        Err(afvist) => return afvist.svar(),
    };
    blokerende(move || a.udfyld.post(&krop, &id, &a.udfyld.lokal(), &a.delt)).await
}

/// `GET /udfyld/<id>/bilag`: the live part of the form page.
pub async fn udfyld_bilag(State(a): Tilstanden, Id(id): Id) -> Response {
    svar::html(200, a.delt.laes(|o| formular::bilag(o, &id)))
}

/// Runs file work on the blocking pool (the preview's and the hosted collection's).
pub(crate) async fn blokerende(f: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|_| svar::tekst(500, "Intern fejl i fremdrift. Prøv igen."))
}

pub async fn ikke_fundet() -> Response {
    ikke_fundet_svar()
}

fn ikke_fundet_svar() -> Response {
    svar::html(
        404,
        html::enkel_side(
            "Siden findes ikke",
            "<p>Der er ingen side med den adresse.</p>",
        ),
    )
}

/// A method that the address does not take (the methods no page uses are refused
/// before routing).
pub async fn kun_formularen_tager_post(metode: Method) -> Response {
    let tekst = if metode == Method::POST {
        "Kun formularen tager imod POST"
    } else {
        "Kun GET og POST understøttes"
    };
    svar::tekst(405, tekst).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_file_name_is_plain_ascii() {
        assert_eq!(
            filnavn(std::path::Path::new("2015/bilag/492-ærø.pdf")),
            "492-_r_.pdf"
        );
    }
}
