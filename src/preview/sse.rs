//! Server-sent events on `/events`: one thread per open page (the connection's own,
//! counted against the HTTP layer's stream cap), woken when the state changes, with a
//! ping now and then; a page that closed is noticed within a second, so its place in
//! the cap comes back.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::http::Modtager;
use crate::visning::tilstand::{Delt, Nyt};

const PING: Duration = Duration::from_secs(15);
/// How often a quiet stream looks whether its page has gone.
const TIK: Duration = Duration::from_secs(1);

const HOVED: &str = "HTTP/1.1 200 OK\r\n\
Content-Type: text/event-stream; charset=utf-8\r\n\
Cache-Control: no-store\r\n\
Connection: close\r\n\
\r\n\
retry: 1000\n\n";

/// Streams events until the page goes away.
pub fn stroem(w: &mut dyn Modtager, delt: Arc<Delt>) {
    let mut sendt = delt.laes(|o| o.version);
    if send(w, HOVED).is_err() {
        return;
    }
    let mut sidst = Instant::now();
    loop {
        let besked = match delt.vent(sendt, TIK) {
            Some(nyt) => {
                sendt = nyt.version;
                begivenhed(&nyt)
            }
            None if sidst.elapsed() >= PING => ": ping\n\n".to_string(),
            None if w.lukket() => return,
            None => continue,
        };
        if send(w, &besked).is_err() {
            return;
        }
        sidst = Instant::now();
    }
}

fn send(w: &mut dyn Modtager, tekst: &str) -> std::io::Result<()> {
    w.write_all(tekst.as_bytes())?;
    w.flush()
}

/// `event: opdatering` with the version and the documents that changed.
pub fn begivenhed(nyt: &Nyt) -> String {
    let data = serde_json::to_string(nyt).unwrap_or_else(|_| r#"{"alt":true}"#.into());
    format!("event: opdatering\ndata: {data}\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_names_changed_documents_on_one_data_line() {
        let nyt = Nyt {
            version: 4,
            dokumenter: vec!["bilag-beta".into()],
            alt: false,
        };
        assert_eq!(
            begivenhed(&nyt),
            "event: opdatering\ndata: {\"version\":4,\"dokumenter\":[\"bilag-beta\"],\"alt\":false}\n\n"
        );
    }
}
