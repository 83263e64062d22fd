//! What every page shows of the project's checks: the diagnostics exactly as
//! `fremdrift check` prints them, and the «Udfyld status» link of a kommune.

use crate::diagnose::{Diagnose, Diagnoser};
use crate::web::html::{escape, url_del};

/// The «Udfyld status» link of a kommune, named for screen readers.
pub fn udfyld_link(id: &str, navn: &str, klasse: &str) -> String {
    format!(
        r#"<a class="{klasse}" href="/udfyld/{}/">Udfyld status<span class="skjult"> for {}</span></a>"#,
        escape(&url_del(id)),
        escape(navn)
    )
}

/// The diagnostics as `fremdrift check` prints them, under a summary.
pub fn kontrol(diagnoser: &[Diagnose]) -> String {
    if diagnoser.is_empty() {
        return String::new();
    }
    let alle = Diagnoser(diagnoser.to_vec());
    let art = if alle.har_fejl() { "fejl" } else { "advarsler" };
    format!(
        r#"<section id="kontrol" class="kontrol {art}"><h2>Kontrol: {}</h2><pre>{}</pre></section>"#,
        escape(&alle.opsummering()),
        escape(&alle.to_string())
    )
}
