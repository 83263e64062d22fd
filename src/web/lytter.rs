//! The accept loop: every connection is served by hyper (HTTP/1.1 with keep-alive) on a
//! task of its own while there is a place for it; beyond the cap it gets a fixed 503 at
//! once and is closed, so a flood never grows the server. A head that does not arrive
//! within the deadline — a slow or idle client — closes the connection. Over TLS
//! ([`betjen_tls`]) the handshake counts under the same cap and must finish within the
//! same deadline.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;

/// The accept loop's limits.
#[derive(Clone, Debug)]
pub struct Graenser {
    /// Connections open at once, event streams and idle keep-alive ones included.
    pub forbindelser: usize,
    /// The time for a request's head, from the connection's start or the end of the
    /// previous answer.
    pub hoved_frist: Duration,
    /// The largest head in bytes (431 beyond) and the most header lines (431 beyond).
    pub hoved_bytes: usize,
    pub hoved_linjer: usize,
    /// The whole answer (status line, headers, body) for a connection past the cap.
    pub optaget: &'static [u8],
}

/// Serves `app` on `lytter` until the process ends.
pub async fn betjen(lytter: TcpListener, app: Router, g: Graenser) {
    betjen_med(lytter, app, g, None).await
}

/// Serves `app` over TLS (`tls` from [`super::tls::tls_opsaetning`]) on `lytter` until
/// the process ends. A connection past the cap is closed without an answer: a plain
/// 503 means nothing to a TLS client.
#[allow(dead_code)] // until `fremdrift indsamling serve` uses it
pub async fn betjen_tls(lytter: TcpListener, app: Router, g: Graenser, tls: TlsAcceptor) {
    betjen_med(lytter, app, g, Some(tls)).await
}

async fn betjen_med(lytter: TcpListener, app: Router, g: Graenser, tls: Option<TlsAcceptor>) {
    let pladser = Arc::new(Semaphore::new(g.forbindelser));
    let g = Arc::new(g);
    loop {
        let s = match lytter.accept().await {
            Ok((s, _)) => s,
            // Out of file descriptors, say: they come back as connections close, so
            // wait a moment instead of spinning.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let Ok(plads) = pladser.clone().try_acquire_owned() else {
            if tls.is_none() {
                tokio::spawn(afvis(s, g.optaget));
            }
            continue;
        };
        let (app, g, tls) = (app.clone(), g.clone(), tls.clone());
        tokio::spawn(async move {
            let _ = s.set_nodelay(true);
            match tls {
                None => serv(s, app, &g).await,
                Some(tls) => {
                    // A client that never finishes the handshake is closed at the deadline.
                    if let Ok(Ok(s)) = tokio::time::timeout(g.hoved_frist, tls.accept(s)).await {
                        serv(s, app, &g).await;
                    }
                }
            }
            drop(plads);
        });
    }
}

/// One connection, plain or TLS, served by hyper until it closes.
async fn serv<S>(s: S, app: Router, g: &Graenser)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let _ = forbindelse(g)
        .serve_connection(TokioIo::new(s), TowerToHyperService::new(app))
        .await;
}

/// hyper's connection settings from the limits.
fn forbindelse(g: &Graenser) -> http1::Builder {
    let mut b = http1::Builder::new();
    b.timer(TokioTimer::new())
        .header_read_timeout(g.hoved_frist)
        .max_header_size(g.hoved_bytes)
        // A head still incomplete at twice the size is not read further either.
        .max_buf_size((2 * g.hoved_bytes).max(8192))
        .max_headers(g.hoved_linjer)
        // As browsers and the old layer wrote them; HTTP does not care, people reading
        // a capture do.
        .title_case_headers(true)
        .keep_alive(true);
    b
}

/// The fixed 503 to a connection past the cap: a short answer into a fresh connection's
/// empty send buffer, so it never waits on the client; what the client already sent is
/// read, so closing does not reset the answer.
async fn afvis(mut s: TcpStream, svar: &'static [u8]) {
    let kort = Duration::from_millis(200);
    let _ = tokio::time::timeout(kort, s.write_all(svar)).await;
    let _ = s.shutdown().await;
    let mut sluk = [0u8; 4096];
    let _ = tokio::time::timeout(kort, s.read(&mut sluk)).await;
}
