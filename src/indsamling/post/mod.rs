//! E-mail for the collection: the Danish letters with a kommune's link ([`breve`]),
//! sending them through SMTP with lettre ([`opsaetning`], [`afsendelse`]), and the
//! `mailto:` link that opens the same letter in the user's own mail program when the
//! service has no `--smtp` ([`mailto`]).

mod adresse;
mod afsendelse;
mod breve;
mod mailto;
mod opsaetning;

pub use afsendelse::Postfejl;
pub use breve::{Brev, Brevdata, invitation, paamindelse};
pub use mailto::mailto;
pub use opsaetning::{Forbindelse, Postopsaetning};

/// `tekst` with every line ending as CRLF, as mail wants it.
fn brev_linjer(tekst: &str) -> String {
    tekst.replace("\r\n", "\n").replace('\n', "\r\n")
}
