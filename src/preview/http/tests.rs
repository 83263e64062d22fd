//! The server's limits on loopback, with small limits so each shows in well under a
//! second: the connection and stream caps, the head and body deadlines, the body cap
//! while the client keeps sending, and `100 Continue`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::*;

/// A server with small limits: `/` answers, `/krop` reads a body of at most 100
/// bytes, `/stroem` streams pings until the client goes, `/stille` streams nothing
/// until the client goes.
fn server(forbindelser: usize, stroemme: usize) -> u16 {
    let lytter = TcpListener::bind("127.0.0.1:0").unwrap();
    let ind = Indstillinger {
        forbindelser,
        stroemme,
        hoved_frist: Duration::from_millis(400),
        krop_frist: Duration::from_millis(400),
        ..Indstillinger::standard(&[("X-Fast", "ja")])
    };
    let behandler: Arc<Behandler> = Arc::new(|a: &mut Anmodning<'_>| match a.url() {
        "/stroem" => Udfald::Stroem(Box::new(|w: &mut dyn Modtager| {
            let _ = w.write_all(b"HTTP/1.1 200 OK\r\n\r\n");
            // Pings until the client has gone (bounded, should it never go).
            for _ in 0..400 {
                if w.write_all(b": ping\n\n").and_then(|()| w.flush()).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(25));
            }
        })),
        "/stille" => Udfald::Stroem(Box::new(|w: &mut dyn Modtager| {
            let _ = w.write_all(b"HTTP/1.1 200 OK\r\n\r\n");
            // Writes nothing more: only `lukket` can tell that the client went.
            for _ in 0..400 {
                if w.lukket() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(25));
            }
        })),
        "/krop" => Udfald::Svar(match a.laes_krop(100) {
            Ok(k) => HttpSvar::tekst(200, &format!("{} byte", k.len())),
            Err(KropFejl::ForStor) => HttpSvar::tekst(413, "for stor"),
            Err(KropFejl::Tid) => HttpSvar::tekst(408, "for langsom"),
            Err(e) => HttpSvar::tekst(400, &format!("{e:?}")),
        }),
        _ => Udfald::Svar(HttpSvar::tekst(200, "hej")),
    });
    start(lytter, ind, behandler).unwrap().port()
}

fn forbind(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

/// Everything the server sends until it closes.
fn laes_alt(s: &mut TcpStream) -> String {
    let mut ud = Vec::new();
    let _ = s.read_to_end(&mut ud);
    String::from_utf8_lossy(&ud).into_owned()
}

fn anmod(port: u16, tekst: &[u8]) -> String {
    let mut s = forbind(port);
    s.write_all(tekst).unwrap();
    laes_alt(&mut s)
}

/// Reads until the end of a head.
fn laes_hoved(s: &mut TcpStream) -> String {
    let mut ud = Vec::new();
    let mut b = [0u8; 1];
    while !ud.ends_with(b"\r\n\r\n") && s.read(&mut b).unwrap() == 1 {
        ud.push(b[0]);
    }
    String::from_utf8(ud).unwrap()
}

const GET: &[u8] = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n";

#[test]
fn an_answer_closes_the_connection_and_carries_the_fixed_headers() {
    let svar = anmod(server(4, 4), GET);
    assert!(svar.starts_with("HTTP/1.1 200 OK\r\n"), "{svar}");
    assert!(svar.contains("\r\nX-Fast: ja\r\n") && svar.contains("\r\nConnection: close\r\n"));
    assert!(svar.ends_with("\r\n\r\nhej"), "{svar}");
}

#[test]
fn a_connection_beyond_the_cap_gets_503_and_a_closed_one_frees_its_place() {
    let port = server(2, 2);
    let foerste = forbind(port);
    let _anden = forbind(port);
    let svar = anmod(port, GET);
    assert!(svar.starts_with("HTTP/1.1 503 "), "{svar}");
    assert!(svar.contains("Retry-After: 1") && svar.contains("for mange åbne forbindelser"));
    drop(foerste);
    let slut = Instant::now() + Duration::from_secs(10);
    while !anmod(port, GET).starts_with("HTTP/1.1 200") {
        assert!(
            Instant::now() < slut,
            "the closed connection's place never came back"
        );
    }
}

#[test]
fn a_trickled_head_is_answered_408_at_the_deadline_however_it_trickles() {
    let port = server(4, 4);
    let mut s = forbind(port);
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut skriver = s.try_clone().unwrap();
    let start = Instant::now();
    let draaber = std::thread::spawn(move || {
        // A byte every 20 ms, each in time for a per-read timeout; ends when refused.
        for _ in 0..500 {
            if skriver.write_all(b"X").is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    let svar = laes_alt(&mut s);
    let tid = start.elapsed();
    assert!(svar.starts_with("HTTP/1.1 408 "), "{svar}");
    assert!(
        tid >= Duration::from_millis(350) && tid < Duration::from_secs(8),
        "{tid:?}"
    );
    drop(s);
    draaber.join().unwrap();
}

#[test]
fn oversized_and_malformed_heads_get_431_and_400() {
    let port = server(4, 4);
    let stor = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(40_000));
    assert!(anmod(port, stor.as_bytes()).starts_with("HTTP/1.1 431 "));
    let mange = format!("GET / HTTP/1.1\r\n{}\r\n", "X: a\r\n".repeat(101));
    assert!(anmod(port, mange.as_bytes()).starts_with("HTTP/1.1 431 "));
    assert!(anmod(port, b"GET /\x01 HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 400 "));
    let smugling =
        b"POST /krop HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    assert!(anmod(port, smugling).starts_with("HTTP/1.1 400 "));
}

#[test]
fn a_stream_takes_a_stream_place_not_a_connection_place_and_is_capped() {
    let port = server(2, 1);
    let mut stroem = forbind(port);
    stroem.write_all(b"GET /stroem HTTP/1.1\r\n\r\n").unwrap();
    assert!(laes_hoved(&mut stroem).starts_with("HTTP/1.1 200"));
    let _ledig = forbind(port);
    // One connection idles and one streams: with the stream holding a connection
    // place this would be refused.
    assert!(anmod(port, GET).starts_with("HTTP/1.1 200"));
    let svar = anmod(port, b"GET /stroem HTTP/1.1\r\n\r\n");
    assert!(svar.starts_with("HTTP/1.1 503 "), "{svar}");
    drop(stroem);
    let slut = Instant::now() + Duration::from_secs(10);
    loop {
        let mut s = forbind(port);
        s.write_all(b"GET /stroem HTTP/1.1\r\n\r\n").unwrap();
        if laes_hoved(&mut s).starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(Instant::now() < slut, "the stream place never came back");
    }
}

#[test]
fn a_body_over_the_cap_gets_413_while_the_client_is_still_sending() {
    let port = server(4, 4);
    for hoved in [
        "POST /krop HTTP/1.1\r\nContent-Length: 4000000\r\n\r\n",
        "POST /krop HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
    ] {
        let mut s = forbind(port);
        s.write_all(hoved.as_bytes()).unwrap();
        let mut skriver = s.try_clone().unwrap();
        let sender = std::thread::spawn(move || {
            let stykke = format!("{:x}\r\n{}\r\n", 4000, "x".repeat(4000));
            for _ in 0..1000 {
                if skriver.write_all(stykke.as_bytes()).is_err() {
                    return;
                }
            }
        });
        let svar = laes_alt(&mut s);
        assert!(svar.starts_with("HTTP/1.1 413 "), "{hoved}: {svar}");
        drop(s);
        sender.join().unwrap();
    }
}

#[test]
fn bodies_within_the_cap_are_read_by_length_and_chunked() {
    let port = server(4, 4);
    let svar = anmod(
        port,
        b"POST /krop HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcde",
    );
    assert!(svar.ends_with("5 byte"), "{svar}");
    let svar = anmod(
        port,
        b"POST /krop HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
    );
    assert!(svar.ends_with("5 byte"), "{svar}");
}

#[test]
fn a_stalled_body_gets_408_at_the_body_deadline() {
    let port = server(4, 4);
    let start = Instant::now();
    let svar = anmod(
        port,
        b"POST /krop HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc",
    );
    assert!(svar.starts_with("HTTP/1.1 408 "), "{svar}");
    assert!(start.elapsed() >= Duration::from_millis(350));
}

#[test]
fn expect_100_continue_is_answered_before_the_body_is_read() {
    let port = server(4, 4);
    let mut s = forbind(port);
    s.write_all(b"POST /krop HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        .unwrap();
    assert_eq!(laes_hoved(&mut s), "HTTP/1.1 100 Continue\r\n\r\n");
    s.write_all(b"abcd").unwrap();
    let svar = laes_alt(&mut s);
    assert!(
        svar.starts_with("HTTP/1.1 200 ") && svar.ends_with("4 byte"),
        "{svar}"
    );
    let svar = anmod(
        port,
        b"POST /krop HTTP/1.1\r\nContent-Length: 101\r\nExpect: 100-continue\r\n\r\n",
    );
    assert!(
        svar.starts_with("HTTP/1.1 413 "),
        "no 100 Continue for a body too large: {svar}"
    );
}

#[test]
fn a_quiet_stream_notices_that_its_client_left_and_gives_back_its_place() {
    let port = server(4, 1);
    let aabn = || {
        let mut s = forbind(port);
        s.write_all(b"GET /stille HTTP/1.1\r\n\r\n").unwrap();
        let hoved = laes_hoved(&mut s);
        (s, hoved)
    };
    let (stroem, hoved) = aabn();
    assert!(hoved.starts_with("HTTP/1.1 200"), "{hoved}");
    assert!(
        aabn().1.starts_with("HTTP/1.1 503"),
        "the one place is taken"
    );
    drop(stroem);
    // Without a look at the connection the place would come back only after 10 s.
    let slut = Instant::now() + Duration::from_secs(5);
    while !aabn().1.starts_with("HTTP/1.1 200") {
        assert!(Instant::now() < slut, "the quiet stream kept its place");
    }
}
