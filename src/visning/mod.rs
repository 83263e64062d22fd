//! The one document view that every web front end shows: each document as last
//! compiled (its pages, its PDF, its problems) in a state shared with the rebuild
//! loop, a document's page with the error overlay, and the project's checks.

pub mod dokside;
pub mod kontrol;
pub mod tilstand;
