//! What every page shows of the project's checks: the diagnostics exactly as
//! `fremdrift check` prints them, and the «Udfyld status» link of a kommune.

use serde::Serialize;

use crate::diagnose::{Diagnose, Diagnoser};
use crate::indhold::model::Kommune;
use crate::web::html::url_del;
use crate::web::sider;

/// A kommune as its «Udfyld status» link (the macro `udfyld_link` of `dele.html`) needs it.
#[derive(Serialize)]
pub struct Udfyld<'a> {
    /// The id as a URL path segment.
    pub del: String,
    pub navn: &'a str,
}

impl<'a> Udfyld<'a> {
    pub fn af(k: &'a Kommune) -> Self {
        Udfyld {
            del: url_del(&k.id),
            navn: &k.navn,
        }
    }
}

/// The diagnostics for `kontrol.html`, under a summary.
#[derive(Serialize)]
pub struct Kontrol {
    /// `fejl` or `advarsler`: the section's class.
    art: &'static str,
    opsummering: String,
    tekst: String,
}

impl Kontrol {
    /// None when there is nothing to show.
    pub fn af(diagnoser: &[Diagnose]) -> Option<Self> {
        if diagnoser.is_empty() {
            return None;
        }
        let alle = Diagnoser(diagnoser.to_vec());
        Some(Kontrol {
            art: if alle.har_fejl() { "fejl" } else { "advarsler" },
            opsummering: alle.opsummering(),
            tekst: alle.to_string(),
        })
    }
}

/// The diagnostics as `fremdrift check` prints them, under a summary (HTML).
pub fn kontrol(diagnoser: &[Diagnose]) -> String {
    #[derive(Serialize)]
    struct Kontekst {
        kontrol: Option<Kontrol>,
    }
    sider::gengiv(
        "kontrol.html",
        Kontekst {
            kontrol: Kontrol::af(diagnoser),
        },
    )
}
