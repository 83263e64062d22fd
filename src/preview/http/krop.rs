//! A request body, framed by `Content-Length` or chunked, read up to a cap: too large
//! is decided from the length before a byte is read, and for a chunked body as soon
//! as a chunk would pass the cap.

use std::io::{self, BufRead, BufReader, Read};

use httparse::Status;

use super::hoved::Ramme;

/// Why a body was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum KropFejl {
    /// More than the cap (413).
    ForStor,
    /// Not whole within the deadline (408).
    Tid,
    /// The client stopped sending before the end (or the connection broke).
    Afbrudt,
    /// Not valid chunked coding: why.
    Ugyldig(&'static str),
}

/// The longest chunk-size or trailer line.
const MAKS_LINJE: u64 = 1024;
/// The most trailer lines after the last chunk.
const MAKS_TRAILERE: usize = 32;

/// Reads the body framed by `ramme`, of at most `maks` bytes.
pub fn laes(r: &mut impl Read, ramme: Ramme, maks: usize) -> Result<Vec<u8>, KropFejl> {
    match ramme {
        Ramme::Ingen => Ok(Vec::new()),
        Ramme::Laengde(n) if n > maks as u64 => Err(KropFejl::ForStor),
        Ramme::Laengde(n) => fast(r, n),
        Ramme::Stykker => stykker(&mut BufReader::new(r), maks),
    }
}

fn io_fejl(e: io::Error) -> KropFejl {
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => KropFejl::Tid,
        _ => KropFejl::Afbrudt,
    }
}

/// Exactly `n` bytes (the caller has checked `n` against the cap).
fn fast(r: &mut impl Read, n: u64) -> Result<Vec<u8>, KropFejl> {
    let mut ud = Vec::with_capacity(n as usize);
    r.take(n).read_to_end(&mut ud).map_err(io_fejl)?;
    if (ud.len() as u64) < n {
        return Err(KropFejl::Afbrudt);
    }
    Ok(ud)
}

/// Chunks until the last (size 0), then the trailer lines, which are skipped.
fn stykker(r: &mut impl BufRead, maks: usize) -> Result<Vec<u8>, KropFejl> {
    let mut ud = Vec::new();
    loop {
        let stoerrelse = match httparse::parse_chunk_size(&linje(r)?) {
            Ok(Status::Complete((_, n))) => n,
            _ => return Err(KropFejl::Ugyldig("en stykstørrelse er ugyldig")),
        };
        if stoerrelse == 0 {
            return trailere(r).map(|()| ud);
        }
        if ud.len() as u64 + stoerrelse > maks as u64 {
            return Err(KropFejl::ForStor);
        }
        let foer = ud.len();
        r.take(stoerrelse).read_to_end(&mut ud).map_err(io_fejl)?;
        if ((ud.len() - foer) as u64) < stoerrelse {
            return Err(KropFejl::Afbrudt);
        }
        if linje(r)? != b"\r\n" {
            return Err(KropFejl::Ugyldig("et stykke er længere end sin størrelse"));
        }
    }
}

fn trailere(r: &mut impl BufRead) -> Result<(), KropFejl> {
    for _ in 0..=MAKS_TRAILERE {
        if matches!(linje(r)?.as_slice(), b"\r\n" | b"\n") {
            return Ok(());
        }
    }
    Err(KropFejl::Ugyldig("for mange trailer-linjer"))
}

/// One line with its line feed, of at most [`MAKS_LINJE`] bytes.
fn linje(r: &mut impl BufRead) -> Result<Vec<u8>, KropFejl> {
    let mut ud = Vec::new();
    r.take(MAKS_LINJE)
        .read_until(b'\n', &mut ud)
        .map_err(io_fejl)?;
    match ud.last() {
        Some(b'\n') => Ok(ud),
        _ if ud.len() as u64 >= MAKS_LINJE => Err(KropFejl::Ugyldig("en linje er for lang")),
        _ => Err(KropFejl::Afbrudt),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that counts what is taken from it.
    struct Taeller<'a> {
        data: &'a [u8],
        laest: usize,
    }

    impl Read for Taeller<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.data.read(buf)?;
            self.laest += n;
            Ok(n)
        }
    }

    fn les(data: &[u8], ramme: Ramme, maks: usize) -> Result<Vec<u8>, KropFejl> {
        laes(&mut &data[..], ramme, maks)
    }

    #[test]
    fn a_body_longer_than_the_cap_is_refused_before_a_byte_is_read() {
        let mut r = Taeller {
            data: &[b'x'; 100],
            laest: 0,
        };
        assert_eq!(laes(&mut r, Ramme::Laengde(11), 10), Err(KropFejl::ForStor));
        assert_eq!(r.laest, 0);
        assert_eq!(laes(&mut r, Ramme::Laengde(10), 10).unwrap(), [b'x'; 10]);
        assert_eq!(r.laest, 10, "nothing past the body");
    }

    #[test]
    fn a_body_that_stops_short_is_broken_off() {
        assert_eq!(les(b"abc", Ramme::Laengde(5), 10), Err(KropFejl::Afbrudt));
        assert_eq!(les(b"abc", Ramme::Ingen, 10).unwrap(), b"");
    }

    #[test]
    fn chunks_are_joined_with_extensions_and_trailers_skipped() {
        let data = b"4\r\nWiki\r\n6;navn=x\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Slut: ja\r\n\r\nrest";
        assert_eq!(
            les(data, Ramme::Stykker, 100).unwrap(),
            b"Wikipedia in \r\n\r\nchunks."
        );
        assert_eq!(les(b"0\r\n\r\n", Ramme::Stykker, 0).unwrap(), b"");
    }

    #[test]
    fn a_chunked_body_is_refused_as_soon_as_a_chunk_would_pass_the_cap() {
        let mut data = Vec::new();
        for _ in 0..100 {
            data.extend_from_slice(b"10\r\n0123456789abcdef\r\n");
        }
        let mut r = Taeller {
            data: &data,
            laest: 0,
        };
        assert_eq!(laes(&mut r, Ramme::Stykker, 40), Err(KropFejl::ForStor));
        assert!(r.laest < 16 * 1024, "read {} of {}", r.laest, data.len());
        let kaempe = b"fffffffffffffff\r\n";
        assert_eq!(les(kaempe, Ramme::Stykker, 1 << 20), Err(KropFejl::ForStor));
    }

    #[test]
    fn broken_chunked_coding_is_refused() {
        for data in [
            &b"x\r\nabc\r\n0\r\n\r\n"[..],
            b"3\nabc\r\n0\r\n\r\n",
            b"3\r\nabcd\r\n0\r\n\r\n",
            b"ffffffffffffffffff\r\n",
            b"-1\r\n",
        ] {
            assert!(
                matches!(les(data, Ramme::Stykker, 100), Err(KropFejl::Ugyldig(_))),
                "{:?}",
                String::from_utf8_lossy(data)
            );
        }
        let lang = format!("1;{}\r\na\r\n0\r\n\r\n", "x".repeat(2000));
        assert!(matches!(
            les(lang.as_bytes(), Ramme::Stykker, 100),
            Err(KropFejl::Ugyldig(_))
        ));
        let mange = format!("0\r\n{}\r\n", "X: y\r\n".repeat(40));
        assert!(matches!(
            les(mange.as_bytes(), Ramme::Stykker, 100),
            Err(KropFejl::Ugyldig(_))
        ));
        for afbrudt in [&b"3\r\nab"[..], b"3\r\nabc\r\n", b"3\r\nabc\r\n0\r\n"] {
            assert_eq!(les(afbrudt, Ramme::Stykker, 100), Err(KropFejl::Afbrudt));
        }
    }
}
