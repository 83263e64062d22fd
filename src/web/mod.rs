//! The web stack every page is served on: axum on tokio and hyper. The accept loop caps
//! the open connections and gives request heads a deadline; tower-http's layers add
//! timeouts, body limits, a concurrency limit, panic catching, the fixed response
//! headers and cross-site write protection; a middleware admits only this machine's
//! host names. The front ends (the preview, later the hosted collection) bring their
//! routes. Nothing here parses HTTP by hand. The pages' HTML comes from minijinja
//! templates with HTML auto-escaping ([`sider`]). Served over TLS, from PEM files
//! ([`tls`]), with [`betjen_tls`].

pub mod escape;
#[cfg(any(test, feature = "sider-foer"))]
pub mod foer;
pub mod html;
mod lag;
mod lytter;
pub mod sider;
pub mod svar;
pub mod tls;
pub(crate) mod token;

pub use lag::{Vaern, beskyt};
pub use lytter::{Graenser, betjen, betjen_tls};
