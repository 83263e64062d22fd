//! The HTTP server, on 127.0.0.1 only: every answer comes from the shared state. «Hent
//! PDF» waits (a while) for a document that is being compiled.

use std::net::{SocketAddr, TcpListener};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::fejl::fejl;

use super::http::{self, Anmodning, Behandler, HttpSvar, Indhold, Indstillinger, Udfald};
use super::rute::{Rute, parameter, rute};
use super::{api, oversigt, sse};
use crate::formular::{self, Udfyldning};
use crate::visning::dokside;
use crate::visning::tilstand::{Delt, Signal, Tilstand};
use crate::web::html;

const CSS: &str = include_str!("assets/preview.css");
const JS: &str = include_str!("assets/preview.js");

/// The port tried first when none is asked for.
pub const STANDARDPORT: u16 = 3000;
/// How many ports after the default are tried when it is busy.
const FORSOEG: u16 = 20;

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

/// The headers of every answer that does not set them itself (also the HTTP layer's
/// own refusals).
const FASTE_HOVEDER: &[(&str, &str)] = &[
    ("Cache-Control", "no-store"),
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
];

/// Starts answering requests in the background.
pub fn start(
    lytter: TcpListener,
    delt: Arc<Delt>,
    udfyld: Arc<Udfyldning>,
) -> anyhow::Result<SocketAddr> {
    let port = lytter.local_addr()?.port();
    let behandler: Arc<Behandler> =
        Arc::new(move |req: &mut Anmodning<'_>| besvar(req, &delt, &udfyld, port));
    http::start(lytter, Indstillinger::standard(FASTE_HOVEDER), behandler)
        .context("kunne ikke starte webserveren")
}

fn besvar(req: &mut Anmodning<'_>, delt: &Arc<Delt>, udfyld: &Udfyldning, port: u16) -> Udfald {
    if !tilladt_vaert(req.hoved("Host"), port) {
        return Udfald::Svar(HttpSvar::tekst(
            403,
            "Forkert værtsnavn: brug http://127.0.0.1/",
        ));
    }
    let url = req.url().to_string();
    let (r, q) = rute(&url);
    let post = req.metode() == "POST";
    if !post && !matches!(req.metode(), "GET" | "HEAD") {
        return Udfald::Svar(HttpSvar::tekst(405, "Kun GET og POST understøttes"));
    }
    if r == Rute::Begivenheder && !post {
        let delt = delt.clone();
        return Udfald::Stroem(Box::new(move |w| sse::stroem(w, delt)));
    }
    let svar = catch_unwind(AssertUnwindSafe(|| match &r {
        Rute::Udfyld(id) if post => udfyld.post(req, id, port, delt),
        _ if post => HttpSvar::tekst(405, "Kun formularen tager imod POST"),
        _ => svar(&r, q, delt, udfyld),
    }))
    .unwrap_or_else(|_| HttpSvar::tekst(500, "Intern fejl i forhåndsvisningen"));
    Udfald::Svar(svar)
}

/// Only requests addressed to this machine: a web page elsewhere cannot reach the
/// drafts through a rebound DNS name.
fn tilladt_vaert(vaert: Option<&str>, port: u16) -> bool {
    vaert.is_none_or(|v| {
        ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .any(|n| v == *n || v == format!("{n}:{port}"))
    })
}

fn svar(r: &Rute, q: &str, delt: &Delt, udfyld: &Udfyldning) -> HttpSvar {
    match r {
        Rute::Oversigt => HttpSvar::html(200, delt.laes(oversigt::side)),
        Rute::OversigtFragment => HttpSvar::html(200, delt.laes(oversigt::fragment)),
        Rute::Api => HttpSvar::ny(
            200,
            "application/json",
            Indhold::Tekst(delt.laes(api::json)),
        ),
        Rute::Css => HttpSvar::ny(200, "text/css; charset=utf-8", Indhold::Statisk(CSS)),
        Rute::Js => HttpSvar::ny(200, "text/javascript; charset=utf-8", Indhold::Statisk(JS)),
        Rute::Dok(id) => {
            let (findes, html) = delt.laes(|o| (o.dokument(id).is_some(), dokside::side(o, id)));
            HttpSvar::html(if findes { 200 } else { 404 }, html)
        }
        Rute::DokFragment(id) => HttpSvar::html(200, delt.laes(|o| dokside::fragment(o, id))),
        Rute::Side(id, n) => side(delt, id, *n, parameter(q, "v")),
        Rute::Pdf(id) => pdf(delt, id),
        Rute::Udfyld(id) => udfyld.side(id, delt),
        Rute::UdfyldBilag(id) => HttpSvar::html(200, delt.laes(|o| formular::bilag(o, id))),
        Rute::FormularCss => HttpSvar::ny(
            200,
            "text/css; charset=utf-8",
            Indhold::Tekst(formular::css()),
        ),
        Rute::FormularJs => HttpSvar::ny(
            200,
            "text/javascript; charset=utf-8",
            Indhold::Statisk(formular::JS),
        ),
        Rute::Begivenheder | Rute::Ukendt => ikke_fundet(),
    }
}

fn side(delt: &Delt, id: &str, n: usize, v: Option<&str>) -> HttpSvar {
    let side = delt.laes(|o| o.dokument(id).and_then(|d| d.sider.get(n - 1).cloned()));
    let Some(side) = side else {
        return ikke_fundet();
    };
    // The URL names the page's hash: an unchanged page is never loaded twice.
    let cache = if v == Some(side.noegle.as_str()) {
        "max-age=31536000, immutable"
    } else {
        "no-store"
    };
    HttpSvar::ny(200, "image/png", Indhold::Bytes(side.png)).med("Cache-Control", cache)
}

/// The longest «Hent PDF» waits for a document in the compiler.
const PDF_VENT: Duration = Duration::from_secs(30);

/// «Hent PDF»: the PDF of exactly the pages shown. The worker makes it on request once
/// the document is compiled; the request waits a while for that.
fn pdf(delt: &Delt, id: &str) -> HttpSvar {
    let mut bestilt = false;
    let slut = std::time::Instant::now() + PDF_VENT;
    let fundet = loop {
        let tilbage = slut.saturating_duration_since(std::time::Instant::now());
        let nu = delt.vent_til(tilbage, |o| {
            let Some(v) = o.dokument(id) else {
                return Some(None);
            };
            let svar = v.pdf.is_some() || v.tilstand() == Tilstand::Fejl;
            (svar || (!v.venter && !bestilt)).then(|| {
                let d = (
                    v.tilstand(),
                    v.pdf.clone(),
                    v.diagnoser.clone(),
                    v.dok.ud.clone(),
                );
                Some(d)
            })
        });
        match nu {
            Some(Some((t, None, _, _))) if t != Tilstand::Fejl && !bestilt => {
                bestilt = delt.bestil(Signal::Pdf(id.to_string()));
                if !bestilt {
                    break None;
                }
            }
            andet => break andet,
        }
    };
    let Some(fundet) = fundet else {
        return HttpSvar::html(
            503,
            html::enkel_side(
                "PDF'en er ikke klar",
                "<p>Dokumentet bliver stadig lavet. Prøv igen om et øjeblik.</p>",
            ),
        )
        .med("Retry-After", "5");
    };
    let Some((tilstand, pdf, diagnoser, ud)) = fundet else {
        return ikke_fundet();
    };
    match pdf {
        Some(pdf) if tilstand != Tilstand::Fejl => {
            HttpSvar::ny(200, "application/pdf", Indhold::Bytes(pdf)).med(
                "Content-Disposition",
                &format!("attachment; filename=\"{}\"", filnavn(&ud)),
            )
        }
        _ => {
            let indhold = format!(
                "<p>PDF'en kan ikke hentes, mens dokumentet har fejl. Ret dem først:</p>{}",
                crate::visning::kontrol::kontrol(&diagnoser)
            );
            HttpSvar::html(409, html::enkel_side("Dokumentet har fejl", &indhold))
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

fn ikke_fundet() -> HttpSvar {
    HttpSvar::html(
        404,
        html::enkel_side(
            "Siden findes ikke",
            "<p>Der er ingen side med den adresse.</p>",
        ),
    )
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
    fn pdf_file_name_is_plain_ascii() {
        assert_eq!(
            filnavn(std::path::Path::new("2015/bilag/492-ærø.pdf")),
            "492-_r_.pdf"
        );
    }
}
