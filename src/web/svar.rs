//! Answers as the pages give them: an HTML page, a short Danish text, or shared bytes
//! (a PDF, a page's PNG), each with its status.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// An HTML page.
pub fn html(status: u16, html: String) -> Response {
    med_art(status, "text/html; charset=utf-8", Body::from(html))
}

/// A short plain text (the refusals).
pub fn tekst(status: u16, tekst: impl Into<String>) -> Response {
    med_art(status, "text/plain; charset=utf-8", Body::from(tekst.into()))
}

/// A text of our own with its type (style sheets, scripts, JSON).
pub fn statisk(art: &'static str, tekst: impl Into<Body>) -> Response {
    med_art(200, art, tekst.into())
}

/// Bytes shared with the state that holds them: sent without a copy.
pub fn bytes(status: u16, art: &'static str, data: Arc<Vec<u8>>) -> Response {
    med_art(status, art, Body::from(Bytes::from_owner(Delte(data))))
}

/// Sets a header; a value that is not a valid header value (ours never are) is left out.
pub fn med(mut svar: Response, navn: header::HeaderName, vaerdi: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(vaerdi) {
        svar.headers_mut().insert(navn, v);
    }
    svar
}

fn med_art(status: u16, art: &'static str, krop: Body) -> Response {
    let kode = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (kode, [(header::CONTENT_TYPE, art)], krop).into_response()
}

/// A PDF or a PNG as the state holds it.
struct Delte(Arc<Vec<u8>>);

impl AsRef<[u8]> for Delte {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_with_a_line_break_never_becomes_a_header() {
        let svar = med(tekst(200, ""), header::CONTENT_DISPOSITION, "a\r\nSet-Cookie: x=1");
        assert!(svar.headers().get(header::CONTENT_DISPOSITION).is_none());
        assert!(svar.headers().get(header::SET_COOKIE).is_none());
    }

    #[test]
    fn pages_and_texts_say_their_type_and_status() {
        let s = html(404, "<p>Æv</p>".into());
        assert_eq!(s.status(), 404);
        assert_eq!(s.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
        let s = tekst(413, "for stor");
        assert_eq!(s.headers()[header::CONTENT_TYPE], "text/plain; charset=utf-8");
    }
}
