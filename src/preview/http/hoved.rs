//! The request head: read until its blank line, bounded in bytes and header lines,
//! parsed by httparse, and the body's framing decided from it (Content-Length or
//! chunked, never both).

use std::io::{self, Read};

use httparse::Status;

/// A request's head.
#[derive(Debug)]
pub struct Hoved {
    pub metode: String,
    /// The request target as sent: path and query.
    pub maal: String,
    /// The minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub version: u8,
    /// Names and values as sent (values trimmed; invalid UTF-8 replaced).
    pub hoveder: Vec<(String, String)>,
    pub ramme: Ramme,
}

impl Hoved {
    /// The first value of a header, by case-insensitive name.
    pub fn vaerdi(&self, navn: &str) -> Option<&str> {
        vaerdier(&self.hoveder, navn).next()
    }
}

fn vaerdier<'a, 'n>(
    hoveder: &'a [(String, String)],
    navn: &'n str,
) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
    hoveder
        .iter()
        .filter(move |(n, _)| n.eq_ignore_ascii_case(navn))
        .map(|(_, v)| v.as_str())
}

/// How the body that follows the head is framed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ramme {
    /// No body.
    Ingen,
    /// `Content-Length` bytes.
    Laengde(u64),
    /// `Transfer-Encoding: chunked`: the length is known only at the end.
    Stykker,
}

/// Why a head was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum HovedFejl {
    /// The client closed (or the connection broke) before a whole head: nothing to answer.
    Lukket,
    /// Not whole within the deadline (408).
    Tid,
    /// More bytes or header lines than allowed (431).
    ForStor,
    /// Not an HTTP/1.x request, or a framing we refuse: the status and why.
    Ugyldig(u16, &'static str),
}

/// Reads a head of at most `maks_bytes` with at most `maks_hoveder` header lines; also
/// gives the bytes read past it (the start of a body).
pub fn laes(
    r: &mut impl Read,
    maks_bytes: usize,
    maks_hoveder: usize,
) -> Result<(Hoved, Vec<u8>), HovedFejl> {
    let mut buf = Vec::with_capacity(2048);
    let mut bid = [0u8; 4096];
    loop {
        let n = match r.read(&mut bid) {
            Ok(0) => return Err(HovedFejl::Lukket),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == io::ErrorKind::TimedOut => return Err(HovedFejl::Tid),
            Err(_) => return Err(HovedFejl::Lukket),
        };
        let fra = buf.len().saturating_sub(3);
        buf.extend_from_slice(&bid[..n]);
        // Empty lines before the request line are allowed (RFC 9112, 2.2); dropping
        // them means the first empty line after it ends the head, so the head is
        // parsed once, not once per byte a client trickles.
        let tomme = buf
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        buf.drain(..tomme);
        if har_tom_linje(&buf[fra.saturating_sub(tomme).min(buf.len())..]) {
            let (hoved, laengde) = fortolk(&buf, maks_hoveder)?;
            if laengde > maks_bytes {
                return Err(HovedFejl::ForStor);
            }
            return Ok((hoved, buf.split_off(laengde)));
        }
        if buf.len() >= maks_bytes {
            return Err(HovedFejl::ForStor);
        }
    }
}

/// Whether the bytes hold an empty line (`\n\n` or `\n\r\n`).
fn har_tom_linje(b: &[u8]) -> bool {
    b.windows(2).any(|w| w == b"\n\n") || b.windows(3).any(|w| w == b"\n\r\n")
}

/// Parses a head that ends with an empty line; its length in bytes.
fn fortolk(buf: &[u8], maks_hoveder: usize) -> Result<(Hoved, usize), HovedFejl> {
    let mut felter = vec![httparse::EMPTY_HEADER; maks_hoveder];
    let mut req = httparse::Request::new(&mut felter);
    let laengde = match req.parse(buf) {
        Ok(Status::Complete(n)) => n,
        Ok(Status::Partial) => {
            return Err(HovedFejl::Ugyldig(400, "forespørgslen er ufuldstændig"));
        }
        Err(httparse::Error::TooManyHeaders) => return Err(HovedFejl::ForStor),
        Err(_) => {
            return Err(HovedFejl::Ugyldig(
                400,
                "forespørgslen er ikke gyldig HTTP/1.1",
            ));
        }
    };
    let hoveder: Vec<(String, String)> = req
        .headers
        .iter()
        .map(|h| {
            let v = String::from_utf8_lossy(h.value).trim().to_string();
            (h.name.to_string(), v)
        })
        .collect();
    if vaerdier(&hoveder, "Host").count() > 1 {
        // Which one would the Host check look at? (RFC 9112, 3.2)
        return Err(HovedFejl::Ugyldig(400, "Host er sendt to gange"));
    }
    let hoved = Hoved {
        metode: req.method.unwrap_or_default().to_string(),
        maal: req.path.unwrap_or_default().to_string(),
        version: req.version.unwrap_or(1),
        ramme: ramme(&hoveder)?,
        hoveder,
    };
    Ok((hoved, laengde))
}

/// The body's framing. Both a length and a transfer coding, differing lengths or a
/// coding other than chunked are refused: a request that proxies could read in two
/// ways is not read at all.
fn ramme(hoveder: &[(String, String)]) -> Result<Ramme, HovedFejl> {
    let kodning: Vec<&str> = vaerdier(hoveder, "Transfer-Encoding").collect();
    let laengder: Vec<&str> = vaerdier(hoveder, "Content-Length").collect();
    match (kodning.as_slice(), laengder.as_slice()) {
        ([], []) => Ok(Ramme::Ingen),
        ([k], []) if k.eq_ignore_ascii_case("chunked") => Ok(Ramme::Stykker),
        (_, []) => Err(HovedFejl::Ugyldig(
            501,
            "kun Transfer-Encoding: chunked understøttes",
        )),
        ([], [l, ..]) if laengder.iter().all(|m| m == l) => laengde(l),
        ([], _) => Err(HovedFejl::Ugyldig(
            400,
            "Content-Length er sendt med to værdier",
        )),
        _ => Err(HovedFejl::Ugyldig(
            400,
            "både Content-Length og Transfer-Encoding er sendt",
        )),
    }
}

fn laengde(tekst: &str) -> Result<Ramme, HovedFejl> {
    let tal = !tekst.is_empty() && tekst.len() <= 18 && tekst.bytes().all(|b| b.is_ascii_digit());
    match tekst.parse::<u64>() {
        Ok(0) if tal => Ok(Ramme::Ingen),
        Ok(n) if tal => Ok(Ramme::Laengde(n)),
        _ => Err(HovedFejl::Ugyldig(400, "Content-Length er ikke et tal")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn les(tekst: &[u8]) -> Result<(Hoved, Vec<u8>), HovedFejl> {
        laes(&mut &tekst[..], 1024, 8)
    }

    /// Gives one byte per read, as a trickling client does.
    struct Draabe<'a>(&'a [u8]);

    impl Read for Draabe<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((b, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = *b;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn a_head_is_read_with_its_headers_and_the_start_of_the_body() {
        let (h, rest) =
            les(b"POST /udfyld/alfa/?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nX-Tom:\r\n\r\nab")
                .unwrap();
        assert_eq!(
            (h.metode.as_str(), h.maal.as_str(), h.version),
            ("POST", "/udfyld/alfa/?x=1", 1)
        );
        assert_eq!(h.vaerdi("host"), Some("127.0.0.1"));
        assert_eq!(h.vaerdi("X-TOM"), Some(""));
        assert_eq!(h.ramme, Ramme::Laengde(5));
        assert_eq!(rest, b"ab");
    }

    #[test]
    fn a_trickled_head_with_bare_line_feeds_and_leading_blank_lines_is_read() {
        let tekst = b"\r\n\nGET / HTTP/1.0\nHost: x\n\n";
        let (h, rest) = laes(&mut Draabe(tekst), 1024, 8).unwrap();
        assert_eq!(
            (h.metode.as_str(), h.version, h.vaerdi("host")),
            ("GET", 0, Some("x"))
        );
        assert_eq!(h.ramme, Ramme::Ingen);
        assert!(rest.is_empty());
    }

    #[test]
    fn heads_over_the_limits_are_too_large() {
        let lang = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(2000));
        assert_eq!(les(lang.as_bytes()).unwrap_err(), HovedFejl::ForStor);
        let uden_ende = "X-A: b\r\n".repeat(200);
        assert_eq!(les(uden_ende.as_bytes()).unwrap_err(), HovedFejl::ForStor);
        let mange = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: b\r\n".repeat(9));
        assert_eq!(les(mange.as_bytes()).unwrap_err(), HovedFejl::ForStor);
        let otte = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: b\r\n".repeat(8));
        assert!(les(otte.as_bytes()).is_ok());
    }

    #[test]
    fn a_head_that_ends_early_is_closed_not_answered() {
        assert_eq!(
            les(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap_err(),
            HovedFejl::Lukket
        );
        assert_eq!(les(b"").unwrap_err(), HovedFejl::Lukket);
    }

    #[test]
    fn what_is_not_http_1_is_refused() {
        for tekst in [
            &b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"[..],
            b"GET / HTTP/1.1\r\nHost\r\n\r\n",
            b"GET / HTTP/1.1\r\nHo st: x\r\n\r\n",
            b"GET /\0 HTTP/1.1\r\n\r\n",
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n\n",
            b"GET / HTTP/1.1\r\nX: a\r\n \r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nhost: evil.example\r\n\r\n",
        ] {
            assert!(
                matches!(les(tekst), Err(HovedFejl::Ugyldig(400, _))),
                "{:?}",
                String::from_utf8_lossy(tekst)
            );
        }
    }

    #[test]
    fn the_body_is_framed_by_one_length_or_chunked_never_both() {
        let ramme = |hoveder: &str| {
            les(format!("POST / HTTP/1.1\r\n{hoveder}\r\n").as_bytes()).map(|(h, _)| h.ramme)
        };
        assert_eq!(ramme("Content-Length: 12\r\n"), Ok(Ramme::Laengde(12)));
        assert_eq!(ramme("Content-Length: 0\r\n"), Ok(Ramme::Ingen));
        assert_eq!(
            ramme("Content-Length: 3\r\ncontent-length: 3\r\n"),
            Ok(Ramme::Laengde(3))
        );
        assert_eq!(ramme("Transfer-Encoding: Chunked\r\n"), Ok(Ramme::Stykker));
        for (hoveder, status) in [
            ("Content-Length: 3\r\nContent-Length: 4\r\n", 400),
            ("Content-Length: -1\r\n", 400),
            ("Content-Length: +3\r\n", 400),
            ("Content-Length: 0x10\r\n", 400),
            ("Content-Length: 99999999999999999999\r\n", 400),
            ("Content-Length: \r\n", 400),
            ("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", 400),
            ("Transfer-Encoding: gzip, chunked\r\n", 501),
            (
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                501,
            ),
        ] {
            assert!(
                matches!(ramme(hoveder), Err(HovedFejl::Ugyldig(s, _)) if s == status),
                "{hoveder}"
            );
        }
    }
}
