//! The accept loop: each connection gets a thread of its own while there is a place
//! for it; beyond the cap it is answered 503 at once and closed, so a flood never
//! grows the number of threads.

use std::io::Read;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use super::frist::Frist;
use super::svar::HttpSvar;
use super::{Behandler, Indstillinger, forbindelse};

/// Starts serving `lytter` in the background.
pub fn start(
    lytter: TcpListener,
    ind: Indstillinger,
    behandler: Arc<Behandler>,
) -> std::io::Result<SocketAddr> {
    let adresse = lytter.local_addr()?;
    let pladser = Arc::new(Pladser {
        forbindelser: Taeller::ny(ind.forbindelser),
        stroemme: Taeller::ny(ind.stroemme),
    });
    let ind = Arc::new(ind);
    thread::Builder::new()
        .name("preview-http".into())
        .spawn(move || {
            for forbindelse in lytter.incoming() {
                match forbindelse {
                    Ok(s) => modtag(s, &pladser, &ind, &behandler),
                    // Out of file descriptors, say: they come back as connections
                    // close, so wait a moment instead of spinning.
                    Err(_) => thread::sleep(Duration::from_millis(20)),
                }
            }
        })?;
    Ok(adresse)
}

fn modtag(s: TcpStream, pladser: &Arc<Pladser>, ind: &Arc<Indstillinger>, b: &Arc<Behandler>) {
    let Some(plads) = pladser.forbindelser.tag() else {
        return afvis(s, ind);
    };
    let (pladser, ind, b) = (pladser.clone(), ind.clone(), b.clone());
    // Should no thread be had, the closure is dropped, and with it the connection.
    let _ = thread::Builder::new()
        .name("preview-forbindelse".into())
        .spawn(move || forbindelse::betjen(s, plads, &pladser, &ind, &*b));
}

/// 503 to a connection beyond the cap, written on the accept loop: a short answer into
/// a fresh connection's empty send buffer, so it never waits on the client.
fn afvis(s: TcpStream, ind: &Indstillinger) {
    let _ = optaget().skriv(
        &mut Frist::om(&s, Duration::from_millis(50)),
        false,
        ind.faste_hoveder,
    );
    let _ = s.shutdown(Shutdown::Write);
    // What the client already sent is read, so closing does not reset the answer.
    if s.set_nonblocking(true).is_ok() {
        let _ = std::io::copy(&mut (&s).take(64 * 1024), &mut std::io::sink());
    }
}

/// The answer when every place is taken.
pub(super) fn optaget() -> HttpSvar {
    HttpSvar::tekst(
        503,
        "Forhåndsvisningen har for mange åbne forbindelser lige nu. Prøv igen om et øjeblik.",
    )
    .med("Retry-After", "1")
}

/// The places for ordinary connections and for event streams.
pub(super) struct Pladser {
    pub forbindelser: Taeller,
    pub stroemme: Taeller,
}

/// How many of a kind are open, up to a cap.
pub(super) struct Taeller {
    aabne: Arc<AtomicUsize>,
    loft: usize,
}

impl Taeller {
    fn ny(loft: usize) -> Self {
        Self {
            aabne: Arc::new(AtomicUsize::new(0)),
            loft,
        }
    }

    /// A place, if one is free; it is given back when dropped.
    pub fn tag(&self) -> Option<Plads> {
        self.aabne
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.loft).then_some(n + 1)
            })
            .ok()
            .map(|_| Plads(self.aabne.clone()))
    }
}

/// A taken place.
pub(super) struct Plads(Arc<AtomicUsize>);

impl Drop for Plads {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_capped_and_given_back_when_dropped() {
        let t = Taeller::ny(2);
        let a = t.tag().expect("first");
        let b = t.tag().expect("second");
        assert!(t.tag().is_none());
        drop(a);
        let c = t.tag().expect("a place given back");
        assert!(t.tag().is_none());
        drop((b, c));
        assert_eq!(t.aabne.load(Ordering::Acquire), 0);
    }
}
