//! `fremdrift indsamling`: the hosted collection. Each kommune answers through a
//! personal link (a capability URL) in its own browser, beside its own live bilag; the
//! secretariat follows the round on a dashboard, sends reminders and reopens kommuner
//! after the frist. It is one more front end on the shared document view
//! ([`crate::visning`]) and the form ([`crate::formular`]), served on the shared web
//! stack ([`crate::web`]); every save goes through the status store.
//!
//! What is kept where: `indsamling/<periode>/links.json` holds, per link, the SHA-256 of
//! its token (to look links up) and the token sealed with a key kept outside the
//! project ([`noegle`]), so a copy of the project lets no one in while the service can
//! still resend links; `indsamling/<periode>/haendelser.log` is the append-only event
//! log; sessions live in memory only.

pub(crate) mod graense;
pub(crate) mod haendelser;
pub(crate) mod linkfil;
pub(crate) mod linkliste;
pub(crate) mod links;
pub(crate) mod noegle;
pub(crate) mod post;
pub(crate) mod server;
pub(crate) mod sessioner;
pub(crate) mod tid;
pub(crate) mod token;
