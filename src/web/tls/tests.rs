//! TLS end to end on loopback: a self-signed certificate made by rcgen, a tiny router
//! behind `betjen_tls`, a rustls client that trusts only that certificate.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::{TlsAcceptor, TlsConnector};

use super::*;
use crate::fejl::tekst;
use crate::web::{Graenser, betjen_tls};

/// A bound on every read in these tests, so a failure ends them; never what they assert.
const SIKKERHEDSNET: Duration = Duration::from_secs(20);

struct Noegler {
    mappe: tempfile::TempDir,
    cert_pem: String,
}

impl Noegler {
    fn cert(&self) -> PathBuf {
        self.mappe.path().join("cert.pem")
    }
    fn noegle(&self) -> PathBuf {
        self.mappe.path().join("key.pem")
    }
}

/// A self-signed certificate for localhost and 127.0.0.1, and its key, as PEM files.
fn noegler() -> Noegler {
    let navne = vec!["localhost".to_string(), "127.0.0.1".to_string()];
    let c = rcgen::generate_simple_self_signed(navne).unwrap();
    let mappe = tempfile::tempdir().unwrap();
    let cert_pem = c.cert.pem();
    std::fs::write(mappe.path().join("cert.pem"), &cert_pem).unwrap();
    std::fs::write(mappe.path().join("key.pem"), c.signing_key.serialize_pem()).unwrap();
    Noegler { mappe, cert_pem }
}

fn graenser(forbindelser: usize, hoved_frist: Duration) -> Graenser {
    Graenser {
        forbindelser,
        hoved_frist,
        hoved_bytes: 8192,
        hoved_linjer: 64,
        optaget: b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n",
    }
}

/// `betjen_tls` with a router that answers «hej over TLS» on a free loopback port.
async fn server(n: &Noegler, g: Graenser) -> u16 {
    let tls = TlsAcceptor::from(tls_opsaetning(&n.cert(), &n.noegle()).unwrap());
    let lytter = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = lytter.local_addr().unwrap().port();
    let app = Router::new().route("/", get(|| async { "hej over TLS" }));
    tokio::spawn(betjen_tls(lytter, app, g, tls));
    port
}

fn klient(n: &Noegler) -> TlsConnector {
    let mut rod = rustls::RootCertStore::empty();
    rod.add(CertificateDer::from_pem_slice(n.cert_pem.as_bytes()).unwrap())
        .unwrap();
    let udbyder = Arc::new(rustls::crypto::ring::default_provider());
    let mut c = rustls::ClientConfig::builder_with_provider(udbyder)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(rod)
        .with_no_client_auth();
    c.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    TlsConnector::from(Arc::new(c))
}

/// Everything until the server closes.
async fn til_slut(s: &mut (impl AsyncReadExt + Unpin)) -> Vec<u8> {
    let mut ud = Vec::new();
    tokio::time::timeout(SIKKERHEDSNET, s.read_to_end(&mut ud))
        .await
        .expect("the server should have closed the connection")
        .ok();
    ud
}

#[tokio::test]
async fn a_get_over_tls_answers_200_with_the_body_on_http_1_1() {
    let n = noegler();
    let port = server(&n, graenser(8, Duration::from_secs(10))).await;
    let tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let navn = ServerName::try_from("localhost").unwrap();
    let mut s = klient(&n).connect(navn, tcp).await.unwrap();
    assert_eq!(s.get_ref().1.alpn_protocol(), Some(&b"http/1.1"[..]));
    s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let svar = String::from_utf8(til_slut(&mut s).await).unwrap();
    assert!(svar.starts_with("HTTP/1.1 200 OK\r\n"), "{svar}");
    assert!(svar.ends_with("\r\n\r\nhej over TLS"), "{svar}");
}

#[tokio::test]
async fn plain_http_to_the_tls_port_gets_no_http_answer() {
    let n = noegler();
    let port = server(&n, graenser(8, Duration::from_secs(10))).await;
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    tcp.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let svar = til_slut(&mut tcp).await;
    assert!(
        !svar.starts_with(b"HTTP/"),
        "{}",
        String::from_utf8_lossy(&svar)
    );
}

#[tokio::test]
async fn a_client_that_never_finishes_the_handshake_is_closed() {
    let n = noegler();
    let port = server(&n, graenser(8, Duration::from_millis(200))).await;
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    assert_eq!(til_slut(&mut tcp).await, b"");
}

#[tokio::test]
async fn a_handshake_in_progress_holds_a_place_under_the_cap() {
    let n = noegler();
    let port = server(&n, graenser(1, Duration::from_secs(30))).await;
    // The first connection sends nothing and holds the only place ...
    let foerste = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    // ... so the second is closed at once, with no answer.
    let mut anden = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    assert_eq!(til_slut(&mut anden).await, b"");
    drop(foerste);
}

fn fejl_for(cert: &std::path::Path, noegle: &std::path::Path) -> String {
    tekst(&tls_opsaetning(cert, noegle).unwrap_err())
}

#[test]
fn a_missing_certificate_file_is_named() {
    let n = noegler();
    let mangler = n.mappe.path().join("findes-ikke.pem");
    let e = fejl_for(&mangler, &n.noegle());
    assert!(
        e.starts_with(&format!(
            "fejl: --tls-cert: filen «{}» findes ikke",
            mangler.display()
        )),
        "{e}"
    );
    assert!(e.contains("BEGIN CERTIFICATE"), "{e}");
    let e = fejl_for(&n.cert(), &mangler);
    assert!(e.contains("--tls-key: filen «"), "{e}");
}

#[test]
fn a_file_without_pem_or_with_garbled_pem_is_named() {
    let n = noegler();
    let tekstfil = n.mappe.path().join("noter.txt");
    std::fs::write(&tekstfil, "ikke et certifikat\n").unwrap();
    let e = fejl_for(&tekstfil, &n.noegle());
    assert!(
        e.contains(&format!(
            "«{}» indeholder intet certifikat",
            tekstfil.display()
        )),
        "{e}"
    );
    let e = fejl_for(&n.cert(), &tekstfil);
    assert!(
        e.contains(&format!(
            "«{}» indeholder ingen privat nøgle",
            tekstfil.display()
        )),
        "{e}"
    );

    let forvansket = n.mappe.path().join("forvansket.pem");
    std::fs::write(
        &forvansket,
        "-----BEGIN CERTIFICATE-----\n%%%ikke base64%%%\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let e = fejl_for(&forvansket, &n.noegle());
    assert!(
        e.contains(&format!(
            "--tls-cert: «{}» er ikke en gyldig PEM-fil",
            forvansket.display()
        )),
        "{e}"
    );
}

#[test]
fn a_key_that_does_not_belong_to_the_certificate_is_refused() {
    let (n, andre) = (noegler(), noegler());
    let e = fejl_for(&n.cert(), &andre.noegle());
    assert!(e.contains("passer ikke til certifikatet"), "{e}");
    assert!(e.contains(&andre.noegle().display().to_string()), "{e}");
}

#[test]
fn the_server_offers_only_http_1_1() {
    let n = noegler();
    let c = tls_opsaetning(&n.cert(), &n.noegle()).unwrap();
    assert_eq!(c.alpn_protocols, vec![b"http/1.1".to_vec()]);
}
