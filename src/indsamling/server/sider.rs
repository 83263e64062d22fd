//! The hosted collection's own pages and fixed answers: the page without a session,
//! «not found» (also for every address a session may not reach), a revoked link (410),
//! too many failed look-ups (429), and the headers of every answer.

use axum::http::header;
use axum::response::Response;
use serde::Serialize;

use crate::web::sider::Html;
use crate::web::{sider, svar};

/// The Content-Security-Policy: as the preview's.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub(crate) const FASTE_HOVEDER: &[(&str, &str)] = &[
    ("cache-control", "no-store"),
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
];

/// Under https also HSTS.
pub(crate) const FASTE_HOVEDER_HTTPS: &[(&str, &str)] = &[
    ("cache-control", "no-store"),
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    crate::web::tls::HSTS,
];

/// The answer to a connection past the cap.
pub(crate) const OPTAGET: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Retry-After: 1\r\n\
Cache-Control: no-store\r\n\
X-Content-Type-Options: nosniff\r\n\
Referrer-Policy: no-referrer\r\n\
Content-Length: 74\r\n\
Connection: close\r\n\
\r\n\
Indsamlingen har for mange \xc3\xa5bne forbindelser lige nu. Pr\xc3\xb8v igen om lidt.";

/// What `indsamling-enkel.html` shows: fixed HTML of ours, then a text (escaped) in
/// a `<pre>`.
#[derive(Serialize)]
struct Kontekst<'a> {
    titel: &'a str,
    indhold: Html,
    pre: Option<&'a str>,
}

/// A page of the collection: a title and HTML of ours.
pub(crate) fn side(status: u16, titel: &str, indhold: &str) -> Response {
    med_tekst(status, titel, indhold, None)
}

/// A page with fixed HTML and then a text, such as `check`'s messages.
pub(crate) fn med_tekst(status: u16, titel: &str, indhold: &str, pre: Option<&str>) -> Response {
    let k = Kontekst {
        titel,
        indhold: Html::af(indhold),
        pre,
    };
    svar::html(status, sider::gengiv("indsamling-enkel.html", k))
}

/// A browser without a session (or whose session ended).
pub(crate) fn uden_session() -> Response {
    side(
        401,
        "Åbn jeres link",
        "<p>Siden kræver, at I åbner jeres personlige link fra e-mailen fra KKR-sekretariatet. \
Klik på linket igen – det virker også fra en anden pc. Har I ikke linket, så skriv til sekretariatet.</p>",
    )
}

/// An address that does not exist, or that this session may not reach.
pub(crate) fn ikke_fundet() -> Response {
    side(
        404,
        "Siden findes ikke",
        "<p>Der er ingen side med den adresse.</p>",
    )
}

/// An unknown link.
pub(crate) fn ukendt_link() -> Response {
    side(
        404,
        "Linket findes ikke",
        "<p>Linket er ikke gyldigt. Tjek, at hele linket fra e-mailen er kommet med, også når det er delt over to linjer. Virker det stadig ikke, så skriv til KKR-sekretariatet.</p>",
    )
}

/// A revoked link.
pub(crate) fn tilbagekaldt(email: Option<&str>) -> Response {
    let hvem = email
        .map(|e| format!("Skriv til sekretariatet på {e}, hvis I ikke har fået det nye link."));
    med_tekst(
        410,
        "Linket er udløbet",
        "<p>Linket er erstattet af et nyt, som sekretariatet har sendt til jer.</p>",
        hvem.as_deref(),
    )
}

/// Too many failed look-ups from this client.
pub(crate) fn for_mange(sekunder: u64) -> Response {
    let minutter = sekunder.div_ceil(60);
    let s = side(
        429,
        "For mange forsøg",
        &format!(
            "<p>Der er prøvet for mange links, der ikke findes, fra denne forbindelse. Vent {minutter} {}, og klik så på linket fra e-mailen igen.</p>",
            if minutter == 1 { "minut" } else { "minutter" }
        ),
    );
    svar::med(s, header::RETRY_AFTER, &sekunder.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_past_the_cap_has_the_length_it_says() {
        let tekst = std::str::from_utf8(OPTAGET).unwrap();
        let (hoved, krop) = tekst.split_once("\r\n\r\n").unwrap();
        assert!(hoved.contains(&format!("Content-Length: {}\r\n", krop.len())));
    }
}
