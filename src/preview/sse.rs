//! Server-sent events on `/events`: one thread per open page (the connection's own,
//! counted against the HTTP layer's stream cap), woken when the state changes, with a
//! ping now and then so closed pages are noticed.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use super::tilstand::{Delt, Nyt};

const PING: Duration = Duration::from_secs(15);

const HOVED: &str = "HTTP/1.1 200 OK\r\n\
Content-Type: text/event-stream; charset=utf-8\r\n\
Cache-Control: no-store\r\n\
Connection: close\r\n\
\r\n\
retry: 1000\n\n";

/// Streams events until the page goes away.
pub fn stroem(w: &mut dyn Write, delt: Arc<Delt>) {
    let mut sendt = delt.laes(|o| o.version);
    if send(w, HOVED).is_err() {
        return;
    }
    loop {
        let besked = match delt.vent(sendt, PING) {
            Some(nyt) => {
                sendt = nyt.version;
                begivenhed(&nyt)
            }
            None => ": ping\n\n".to_string(),
        };
        if send(w, &besked).is_err() {
            return;
        }
    }
}

fn send(w: &mut dyn Write, tekst: &str) -> std::io::Result<()> {
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
