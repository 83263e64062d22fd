//! Markup: minijinja templates that turn a document's context into Typst markup, with
//! every value escaped so user text is always data, never code.

pub mod escape;
pub mod lenker;
mod skabeloner;

use serde::{Deserialize, Serialize};

use crate::indhold::dato::Dato;

pub use skabeloner::{INDBYGGEDE, Skabeloner};

/// Generated Typst markup, ready to compile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kilde {
    /// A stable name, e.g. `2015/bilag/165-albertslund`: names the in-memory file and
    /// seeds the PDF document id.
    pub navn: String,
    pub markup: String,
    /// The document date: `today()` in Typst and the PDF timestamp.
    pub dato: Dato,
}
