//! Server-sent events on `/events`: each open page is a stream on the runtime (no
//! thread of its own), woken by the state's watch channel, with a keep-alive comment
//! now and then; a page that closed is noticed by hyper, and its place in the stream
//! cap comes back when the stream is dropped.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::http::header;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio_stream::{Stream, StreamExt};

use crate::visning::tilstand::{Delt, Nyt};
use crate::web::svar;

const PING: Duration = Duration::from_secs(15);

/// The event stream of one page, or 503 when every stream place is taken. With `kun`,
/// the stream tells only of that document (a kommune's page on the hosted collection
/// learns nothing of the others').
pub fn stroem(delt: Arc<Delt>, pladser: &Arc<Semaphore>, kun: Option<String>) -> Response {
    let Ok(plads) = pladser.clone().try_acquire_owned() else {
        let s = svar::tekst(
            503,
            "Forhåndsvisningen har for mange åbne sider lige nu. Prøv igen om et øjeblik.",
        );
        return svar::med(s, header::RETRY_AFTER, "1");
    };
    let rx = delt.abonner();
    let sendt = delt.laes(|o| o.version);
    let foerste = tokio_stream::once(Ok(Event::default().retry(Duration::from_secs(1))));
    let sse = Sse::new(foerste.chain(begivenheder(delt, rx, sendt, plads, kun)))
        .keep_alive(KeepAlive::new().interval(PING).text("ping"));
    svar::med(sse.into_response(), header::CACHE_CONTROL, "no-store")
}

/// An event for every new version after `sendt`, for as long as the state lives.
fn begivenheder(
    delt: Arc<Delt>,
    rx: watch::Receiver<u64>,
    sendt: u64,
    plads: OwnedSemaphorePermit,
    kun: Option<String>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let tilstand = (rx, sendt, plads);
    futures_util::stream::unfold(tilstand, move |(mut rx, mut sendt, plads)| {
        let (delt, kun) = (delt.clone(), kun.clone());
        async move {
            loop {
                rx.changed().await.ok()?;
                let Some(mut nyt) = delt.nyt_siden(sendt) else {
                    continue;
                };
                if let Some(kun) = &kun {
                    nyt.dokumenter.retain(|d| d == kun);
                    if nyt.dokumenter.is_empty() && !nyt.alt {
                        sendt = nyt.version;
                        continue;
                    }
                }
                let e = begivenhed(&nyt);
                return Some((Ok(e), (rx, nyt.version, plads)));
            }
        }
    })
}

/// `event: opdatering` with the version and the documents that changed.
pub fn begivenhed(nyt: &Nyt) -> Event {
    Event::default().event("opdatering").data(data(nyt))
}

fn data(nyt: &Nyt) -> String {
    serde_json::to_string(nyt).unwrap_or_else(|_| r#"{"alt":true}"#.into())
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
            data(&nyt),
            "{\"version\":4,\"dokumenter\":[\"bilag-beta\"],\"alt\":false}"
        );
    }
}
