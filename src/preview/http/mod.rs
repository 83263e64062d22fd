//! The preview's own small blocking HTTP/1.1 server, on httparse: an accept loop with a
//! cap on connections, a thread per connection with deadlines for the head, the body
//! and the answer, bounded heads and bodies, one request per connection, and event
//! streams that keep their thread under a cap of their own.

mod anmodning;
mod forbindelse;
mod frist;
mod hoved;
mod krop;
mod lytter;
mod svar;
#[cfg(test)]
mod tests;

use std::io::Write;
use std::time::Duration;

pub use anmodning::Anmodning;
pub use krop::KropFejl;
pub use lytter::start;
pub use svar::{HttpSvar, Indhold};

/// What the server does with a request.
pub enum Udfald {
    /// Answer and close.
    Svar(HttpSvar),
    /// Keep the connection for a stream the function writes (head included) until it
    /// returns; it runs on the connection's thread, counted against the stream cap.
    Stroem(Stroem),
}

/// A stream's writer: it gets the connection and writes until it is done.
pub type Stroem = Box<dyn FnOnce(&mut dyn Modtager) + Send>;

/// The connection a stream writes to.
pub trait Modtager: Write {
    /// Whether the client has closed its end (the page went away), so the stream can
    /// end — and give back its place — without waiting for a write to fail.
    fn lukket(&self) -> bool;
}

/// Answers a request.
pub type Behandler = dyn Fn(&mut Anmodning<'_>) -> Udfald + Send + Sync;

/// The server's limits, and the headers every answer carries.
#[derive(Clone, Debug)]
pub struct Indstillinger {
    /// Connections open at once, from accept until the answer is written; beyond it a
    /// new connection is answered 503 and closed.
    pub forbindelser: usize,
    /// Event streams open at once; beyond it a new stream is answered 503.
    pub stroemme: usize,
    /// The time from accept to the end of the head (408 after it).
    pub hoved_frist: Duration,
    /// The time to read a body, once a route asks for it (408 after it).
    pub krop_frist: Duration,
    /// The time to write an answer; for a stream, each write.
    pub skrive_frist: Duration,
    /// The largest head in bytes, and the most header lines (431 beyond).
    pub hoved_bytes: usize,
    pub hoved_linjer: usize,
    /// How long a body nobody read is drained after the answer, so that the client
    /// gets the answer instead of a reset while it is still sending.
    pub efterloeb: Duration,
    /// Headers every answer carries unless it sets them itself.
    pub faste_hoveder: &'static [(&'static str, &'static str)],
}

impl Indstillinger {
    /// The preview's limits: far above what a browser with a few tabs needs (Chromium
    /// opens at most 6 connections to one server), and low enough that a flood or a
    /// slow client costs threads for seconds, not forever.
    pub fn standard(faste_hoveder: &'static [(&'static str, &'static str)]) -> Self {
        Self {
            forbindelser: 256,
            stroemme: 256,
            hoved_frist: hoved_frist(),
            krop_frist: Duration::from_secs(30),
            skrive_frist: Duration::from_secs(30),
            hoved_bytes: 32 * 1024,
            hoved_linjer: 100,
            efterloeb: Duration::from_secs(2),
            faste_hoveder,
        }
    }
}

/// The head deadline: `FREMDRIFT_HTTP_FRIST_MS` milliseconds (at least 100; the abuse
/// tests use a short one), by default 10 s.
fn hoved_frist() -> Duration {
    let ms = std::env::var("FREMDRIFT_HTTP_FRIST_MS")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms.max(100))
}
