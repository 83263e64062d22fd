//! Reads and writes on a connection that give up at a deadline: a client that trickles
//! or stalls holds its thread only until then.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A connection whose every read and write through this value ends by `slut`.
pub struct Frist<'a> {
    stroem: &'a TcpStream,
    slut: Instant,
}

impl<'a> Frist<'a> {
    /// Reads and writes that must be done `varighed` from now.
    pub fn om(stroem: &'a TcpStream, varighed: Duration) -> Self {
        Self {
            stroem,
            slut: Instant::now() + varighed,
        }
    }

    /// The time left, or `TimedOut` when there is none.
    fn tilbage(&self) -> io::Result<Duration> {
        let t = self.slut.saturating_duration_since(Instant::now());
        if t.is_zero() {
            Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "fristen er udløbet",
            ))
        } else {
            Ok(t)
        }
    }
}

/// A socket timeout is reported as `WouldBlock` on Unix; it is the deadline here.
fn som_frist(e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::WouldBlock {
        io::Error::new(io::ErrorKind::TimedOut, "fristen er udløbet")
    } else {
        e
    }
}

impl Read for Frist<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.stroem.set_read_timeout(Some(self.tilbage()?))?;
        let mut s = self.stroem;
        s.read(buf).map_err(som_frist)
    }
}

impl Write for Frist<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stroem.set_write_timeout(Some(self.tilbage()?))?;
        let mut s = self.stroem;
        s.write(buf).map_err(som_frist)
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut s = self.stroem;
        s.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn a_silent_peer_times_out_at_the_deadline_not_before() {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let _klient = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (s, _) = l.accept().unwrap();
        let start = Instant::now();
        let e = Frist::om(&s, Duration::from_millis(150))
            .read(&mut [0u8; 8])
            .unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        assert!(start.elapsed() >= Duration::from_millis(150));
        let mut udloebet = Frist::om(&s, Duration::ZERO);
        assert_eq!(
            udloebet.read(&mut [0u8; 8]).unwrap_err().kind(),
            io::ErrorKind::TimedOut
        );
    }
}
