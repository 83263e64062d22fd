//! One connection on its own thread: the head within its deadline, the answer within
//! its own, then close — after draining for a moment what the client still sends of a
//! body nobody read, so it gets the answer rather than a reset. An event stream trades
//! the connection's place for a stream place and keeps the thread.

use std::io::{self, BufWriter, Read, Write};
use std::net::{Shutdown, TcpStream};

use super::anmodning::Anmodning;
use super::frist::Frist;
use super::hoved::{self, HovedFejl};
use super::lytter::{Plads, Pladser, optaget};
use super::svar::HttpSvar;
use super::{Behandler, Indstillinger, Modtager, Stroem, Udfald};

/// The most bytes drained after an answer.
const MAKS_EFTERLOEB: u64 = 16 * 1024 * 1024;

/// Serves the one request on `s`; `plads` is its place among the connections.
pub(super) fn betjen(
    s: TcpStream,
    plads: Plads,
    pladser: &Pladser,
    ind: &Indstillinger,
    behandler: &Behandler,
) {
    let _ = s.set_nodelay(true);
    let laest = hoved::laes(
        &mut Frist::om(&s, ind.hoved_frist),
        ind.hoved_bytes,
        ind.hoved_linjer,
    );
    let (hoved, rest) = match laest {
        Ok(h) => h,
        Err(e) => {
            // A client too slow for the head is not waited for once more.
            let ulaest = e != HovedFejl::Tid;
            if let Some(svar) = hovedfejl(&e) {
                svar_og_luk(&s, &svar, false, ulaest, ind);
            }
            return;
        }
    };
    let mut anm = Anmodning::ny(hoved, rest, &s, ind.krop_frist);
    match behandler(&mut anm) {
        Udfald::Svar(svar) => svar_og_luk(&s, &svar, anm.kun_hoved(), anm.ulaest_krop(), ind),
        Udfald::Stroem(f) => match pladser.stroemme.tag() {
            Some(stroemplads) => {
                drop(plads);
                stroem(&s, ind, f);
                drop(stroemplads);
            }
            None => svar_og_luk(&s, &optaget(), false, anm.ulaest_krop(), ind),
        },
    }
}

/// The answer to a head that could not be read; none when the client is gone.
fn hovedfejl(e: &HovedFejl) -> Option<HttpSvar> {
    let (status, besked) = match e {
        HovedFejl::Lukket => return None,
        HovedFejl::Tid => (408, "Forespørgslen kom ikke frem i tide."),
        HovedFejl::ForStor => (431, "Forespørgslens hoved er for stort."),
        HovedFejl::Ugyldig(status, hvorfor) => (*status, *hvorfor),
    };
    Some(HttpSvar::tekst(
        status,
        &format!("Ugyldig forespørgsel: {besked}"),
    ))
}

/// Writes the answer within the write deadline and closes the connection.
fn svar_og_luk(s: &TcpStream, svar: &HttpSvar, kun_hoved: bool, ulaest: bool, ind: &Indstillinger) {
    let mut w = BufWriter::with_capacity(64 * 1024, Frist::om(s, ind.skrive_frist));
    let skrevet = svar.skriv(&mut w, kun_hoved, ind.faste_hoveder);
    drop(w);
    let _ = s.shutdown(Shutdown::Write);
    if skrevet.is_ok() && ulaest {
        let mut rest = Frist::om(s, ind.efterloeb).take(MAKS_EFTERLOEB);
        let _ = io::copy(&mut rest, &mut io::sink());
    }
}

/// Runs an event stream: each write may take at most the write deadline, so a page
/// that stopped reading frees the thread.
fn stroem(s: &TcpStream, ind: &Indstillinger, f: Stroem) {
    if s.set_write_timeout(Some(ind.skrive_frist)).is_err() {
        return;
    }
    f(&mut StroemForbindelse(s));
    let _ = s.shutdown(Shutdown::Both);
}

/// A stream's connection: writes as they come, and a look at whether the client left.
struct StroemForbindelse<'a>(&'a TcpStream);

impl Write for StroemForbindelse<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut s = self.0;
        s.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut s = self.0;
        s.flush()
    }
}

impl Modtager for StroemForbindelse<'_> {
    /// The end of the client's data is the sign: a page sends nothing after its
    /// request, so a peek that finds the end (or an error) means it closed.
    fn lukket(&self) -> bool {
        if self.0.set_nonblocking(true).is_err() {
            return true;
        }
        let kig = self.0.peek(&mut [0u8; 1]);
        let _ = self.0.set_nonblocking(false);
        match kig {
            Ok(n) => n == 0,
            Err(e) => e.kind() != io::ErrorKind::WouldBlock,
        }
    }
}
