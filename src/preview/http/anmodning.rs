//! A request as the preview's routes see it: method, target and headers, and the body
//! on demand — bounded, under its own deadline, with `100 Continue` when asked for.

use std::io::{Cursor, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::frist::Frist;
use super::hoved::{Hoved, Ramme};
use super::krop::{self, KropFejl};

/// One request on its connection.
pub struct Anmodning<'a> {
    hoved: Hoved,
    /// Bytes of the body that came with the head.
    rest: Vec<u8>,
    stroem: &'a TcpStream,
    krop_frist: Duration,
    krop_laest: bool,
}

impl<'a> Anmodning<'a> {
    pub(super) fn ny(hoved: Hoved, rest: Vec<u8>, stroem: &'a TcpStream, frist: Duration) -> Self {
        Self {
            hoved,
            rest,
            stroem,
            krop_frist: frist,
            krop_laest: false,
        }
    }

    /// `GET`, `POST`, … as sent (methods are case-sensitive).
    pub fn metode(&self) -> &str {
        &self.hoved.metode
    }

    /// The request target: path and query.
    pub fn url(&self) -> &str {
        &self.hoved.maal
    }

    /// The first value of a header (names are case-insensitive).
    pub fn hoved(&self, navn: &str) -> Option<&str> {
        self.hoved.vaerdi(navn)
    }

    /// The body's length as declared; `None` for a chunked body.
    pub fn krop_laengde(&self) -> Option<u64> {
        match self.hoved.ramme {
            Ramme::Ingen => Some(0),
            Ramme::Laengde(n) => Some(n),
            Ramme::Stykker => None,
        }
    }

    /// Reads the body, of at most `maks` bytes, within the body deadline. Once only.
    pub fn laes_krop(&mut self, maks: usize) -> Result<Vec<u8>, KropFejl> {
        if self.krop_laest {
            return Ok(Vec::new());
        }
        let passer = self.krop_laengde().is_none_or(|n| n <= maks as u64);
        if passer && self.venter_paa_fortsaet() {
            // The client waits for this before it sends the body.
            Frist::om(self.stroem, self.krop_frist)
                .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                .map_err(|_| KropFejl::Afbrudt)?;
        }
        let mut r = Cursor::new(std::mem::take(&mut self.rest))
            .chain(Frist::om(self.stroem, self.krop_frist));
        let krop = krop::laes(&mut r, self.hoved.ramme, maks)?;
        self.krop_laest = true;
        Ok(krop)
    }

    fn venter_paa_fortsaet(&self) -> bool {
        self.hoved.version >= 1
            && self.hoved.ramme != Ramme::Ingen
            && self
                .hoved("Expect")
                .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
    }

    /// Whether a body was sent that nobody has read.
    pub(super) fn ulaest_krop(&self) -> bool {
        self.hoved.ramme != Ramme::Ingen && !self.krop_laest
    }

    /// Whether only the head of the answer is wanted.
    pub(super) fn kun_hoved(&self) -> bool {
        self.hoved.metode == "HEAD"
    }
}
