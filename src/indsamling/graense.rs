//! Failed link look-ups are limited per client: past [`MAKS`] unknown tokens within
//! [`VINDUE`], a client is answered 429 until its window has passed. Bounded in memory:
//! windows that passed are dropped, and past the cap the oldest goes.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Unknown tokens a client may try within a window.
pub(crate) const MAKS: u32 = 20;
pub(crate) const VINDUE: Duration = Duration::from_secs(10 * 60);
/// Clients kept at once.
const KLIENTER: usize = 50_000;

#[derive(Default)]
pub(crate) struct Fejlgraense {
    kort: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl Fejlgraense {
    /// `Err(seconds to wait)` when the client has used up its window.
    pub fn tjek(&self, ip: IpAddr) -> Result<(), u64> {
        let k = self.laas();
        match k.get(&ip) {
            Some((start, n)) if *n >= MAKS && start.elapsed() < VINDUE => {
                Err((VINDUE - start.elapsed()).as_secs().max(1))
            }
            _ => Ok(()),
        }
    }

    /// Counts a failed look-up.
    pub fn fejlet(&self, ip: IpAddr) {
        let mut k = self.laas();
        let nu = Instant::now();
        if k.len() >= KLIENTER {
            k.retain(|_, (start, _)| nu.duration_since(*start) < VINDUE);
            if k.len() >= KLIENTER
                && let Some(aeldst) = k.iter().min_by_key(|(_, v)| v.0).map(|(ip, _)| *ip)
            {
                k.remove(&aeldst);
            }
        }
        let e = k.entry(ip).or_insert((nu, 0));
        if nu.duration_since(e.0) >= VINDUE {
            *e = (nu, 0);
        }
        e.1 += 1;
    }

    fn laas(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, (Instant, u32)>> {
        self.kort.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_is_stopped_after_its_failures_and_others_are_not() {
        let g = Fejlgraense::default();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..MAKS {
            assert!(g.tjek(a).is_ok());
            g.fejlet(a);
        }
        let vent = g.tjek(a).unwrap_err();
        assert!(vent > 0 && vent <= VINDUE.as_secs());
        assert!(g.tjek(b).is_ok());
    }
}
