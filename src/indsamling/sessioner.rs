//! Sessions, in memory only: opening a link makes one, and its cookie (HttpOnly,
//! SameSite=Lax, Secure and `__Host-` under https) is all a browser holds — never the
//! token. A session knows whose it is, which link made it and its own token for writes;
//! it ends after a quiet day, when its link is revoked, or when the service restarts
//! (the user clicks the link again). The map is bounded: past the cap the session
//! quiet the longest goes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::token;

/// A session quiet this long ends.
const STILLE: Duration = Duration::from_secs(24 * 60 * 60);
/// The most sessions at once.
const MAKS: usize = 20_000;

/// One session.
#[derive(Clone, Debug)]
pub(crate) struct Session {
    /// A kommune's id, or `sekretariat`.
    pub hvem: String,
    /// The link that made it.
    pub link: u32,
    /// The token every write of this session must carry.
    pub skrivetoken: String,
    /// A message for the next page (after a redirect), shown once.
    pub besked: Option<String>,
    /// The message the page on screen shows: its live updates keep it.
    vist: Option<String>,
    sidst: Instant,
}

#[derive(Default)]
pub(crate) struct Sessioner {
    kort: Mutex<HashMap<[u8; 32], Session>>,
}

impl Sessioner {
    /// A new session; gives the cookie's value.
    pub fn ny(&self, hvem: &str, link: u32) -> anyhow::Result<String> {
        let id = token::nyt()?;
        let s = Session {
            hvem: hvem.to_string(),
            link,
            skrivetoken: token::nyt()?,
            besked: None,
            vist: None,
            sidst: Instant::now(),
        };
        let mut k = self.laas();
        let nu = Instant::now();
        k.retain(|_, s| nu.duration_since(s.sidst) < STILLE);
        if k.len() >= MAKS
            && let Some(aeldst) = k.iter().min_by_key(|(_, s)| s.sidst).map(|(n, _)| *n)
        {
            k.remove(&aeldst);
        }
        k.insert(token::aftryk(&id), s);
        Ok(id)
    }

    /// The session of a cookie's value, still alive; marks it as used.
    pub fn find(&self, id: &str) -> Option<Session> {
        if !token::ligner_token(id) {
            return None;
        }
        let mut k = self.laas();
        let noegle = token::aftryk(id);
        let s = k.get_mut(&noegle)?;
        if s.sidst.elapsed() >= STILLE {
            k.remove(&noegle);
            return None;
        }
        s.sidst = Instant::now();
        Some(s.clone())
    }

    /// Ends the session of a cookie's value.
    pub fn afslut(&self, id: &str) {
        self.laas().remove(&token::aftryk(id));
    }

    /// Ends every session made by link `nr` (it was revoked).
    pub fn afslut_link(&self, nr: u32) {
        self.laas().retain(|_, s| s.link != nr);
    }

    /// Leaves a message for the session's next page.
    pub fn saet_besked(&self, id: &str, besked: String) {
        if let Some(s) = self.laas().get_mut(&token::aftryk(id)) {
            s.besked = Some(besked);
        }
    }

    /// Takes the message left for this page (a whole page: the last page's message is
    /// gone).
    pub fn tag_besked(&self, id: &str) -> Option<String> {
        let mut k = self.laas();
        let s = k.get_mut(&token::aftryk(id))?;
        s.vist = s.besked.take();
        s.vist.clone()
    }

    /// The message of the page on screen, for its live update: a page that follows the
    /// round must not lose what the last action said.
    pub fn vist_besked(&self, id: &str) -> Option<String> {
        self.laas()
            .get(&token::aftryk(id))
            .and_then(|s| s.vist.clone())
    }

    fn laas(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 32], Session>> {
        self.kort.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_found_by_its_cookie_and_ends_with_its_link() {
        let s = Sessioner::default();
        let a = s.ny("albertslund", 3).unwrap();
        let b = s.ny("ballerup", 4).unwrap();
        assert_eq!(s.find(&a).unwrap().hvem, "albertslund");
        assert!(s.find("ikke-en-session").is_none());
        s.afslut_link(3);
        assert!(s.find(&a).is_none());
        assert_eq!(s.find(&b).unwrap().hvem, "ballerup");
    }

    #[test]
    fn a_message_is_shown_once() {
        let s = Sessioner::default();
        let a = s.ny("albertslund", 3).unwrap();
        s.saet_besked(&a, "Gemt".into());
        assert_eq!(s.tag_besked(&a).as_deref(), Some("Gemt"));
        assert_eq!(
            s.vist_besked(&a).as_deref(),
            Some("Gemt"),
            "the live update keeps it"
        );
        assert_eq!(s.vist_besked(&a).as_deref(), Some("Gemt"));
        assert_eq!(s.tag_besked(&a), None, "the next page has none");
        assert_eq!(s.vist_besked(&a), None);
    }
}
