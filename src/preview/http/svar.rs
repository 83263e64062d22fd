//! An answer: status, headers and body, written with its length and `Connection: close`
//! (a connection carries one request), plus the headers every answer carries.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::Arc;

/// An answer's body.
pub enum Indhold {
    Tekst(String),
    /// A PDF or a page's PNG, shared with the state that holds it.
    Bytes(Arc<Vec<u8>>),
    Statisk(&'static str),
}

impl AsRef<[u8]> for Indhold {
    fn as_ref(&self) -> &[u8] {
        match self {
            Indhold::Tekst(t) => t.as_bytes(),
            Indhold::Bytes(b) => b,
            Indhold::Statisk(t) => t.as_bytes(),
        }
    }
}

/// An answer to write.
pub struct HttpSvar {
    status: u16,
    hoveder: Vec<(&'static str, String)>,
    indhold: Indhold,
}

impl HttpSvar {
    pub fn ny(status: u16, art: &str, indhold: Indhold) -> Self {
        Self {
            status,
            hoveder: vec![("Content-Type", art.to_string())],
            indhold,
        }
    }

    pub fn html(status: u16, html: String) -> Self {
        Self::ny(status, "text/html; charset=utf-8", Indhold::Tekst(html))
    }

    pub fn tekst(status: u16, tekst: &str) -> Self {
        Self::ny(
            status,
            "text/plain; charset=utf-8",
            Indhold::Tekst(tekst.to_string()),
        )
    }

    /// Sets a header, replacing an earlier value.
    pub fn med(mut self, navn: &'static str, vaerdi: &str) -> Self {
        self.hoveder.retain(|(n, _)| !n.eq_ignore_ascii_case(navn));
        self.hoveder.push((navn, vaerdi.to_string()));
        self
    }

    /// The status line and headers: this answer's, then each of `faste` it has not set
    /// itself, then the length and `Connection: close`.
    pub(super) fn hoved(&self, faste: &[(&str, &str)]) -> String {
        let mut hoved = format!("HTTP/1.1 {} {}\r\n", self.status, aarsag(self.status));
        let egne = self.hoveder.iter().map(|(n, v)| (*n, v.as_str()));
        let andre = faste
            .iter()
            .filter(|(n, _)| !self.hoveder.iter().any(|(m, _)| m.eq_ignore_ascii_case(n)))
            .copied();
        for (n, v) in egne.chain(andre) {
            // Header values are ours; a line break would split the header.
            if !v.contains(['\r', '\n']) {
                let _ = write!(hoved, "{n}: {v}\r\n");
            }
        }
        let laengde = self.indhold.as_ref().len();
        let _ = write!(
            hoved,
            "Content-Length: {laengde}\r\nConnection: close\r\n\r\n"
        );
        hoved
    }

    /// Writes the answer (without the body for `HEAD`).
    pub(super) fn skriv(
        &self,
        w: &mut impl Write,
        kun_hoved: bool,
        faste: &[(&str, &str)],
    ) -> io::Result<()> {
        w.write_all(self.hoved(faste).as_bytes())?;
        if !kun_hoved {
            w.write_all(self.indhold.as_ref())?;
        }
        w.flush()
    }
}

/// The reason phrase of the statuses the preview sends.
pub fn aarsag(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_has_its_length_closes_and_gets_the_fixed_headers_it_lacks() {
        let svar = HttpSvar::tekst(404, "Æv").med("Cache-Control", "max-age=1");
        let faste = [
            ("cache-control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ];
        let mut ud = Vec::new();
        svar.skriv(&mut ud, false, &faste).unwrap();
        assert_eq!(
            String::from_utf8(ud).unwrap(),
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Cache-Control: max-age=1\r\nX-Content-Type-Options: nosniff\r\n\
             Content-Length: 3\r\nConnection: close\r\n\r\nÆv"
        );
    }

    #[test]
    fn head_gets_the_length_without_the_body() {
        let mut ud = Vec::new();
        HttpSvar::tekst(200, "abc")
            .skriv(&mut ud, true, &[])
            .unwrap();
        let ud = String::from_utf8(ud).unwrap();
        assert!(
            ud.ends_with("Content-Length: 3\r\nConnection: close\r\n\r\n"),
            "{ud}"
        );
    }

    #[test]
    fn a_value_with_a_line_break_never_splits_the_header() {
        let svar = HttpSvar::tekst(200, "").med("Content-Disposition", "a\r\nSet-Cookie: x=1");
        assert!(!svar.hoved(&[]).contains("Set-Cookie"));
    }
}
