//! fremdrift: fremdriftsskemaer og KKR-tilbagemeldinger fra YAML til PDF.
//!
//! The pipeline, one folder per stage:
//!
//! ```text
//! indhold    YAML → raw model (with places) → rules → validated model; a project on disk
//! jsonskema  the JSON Schemas editors check content files with, and writing them
//! dokument   the documents of a period, each with its template context; the statistics
//! markup     minijinja templates → Typst markup, every value escaped
//! oversaet   our Typst World → laid-out document → PDF/A-2a + PDF/UA-1 or PNG, time-limited
//! regneark   workbooks: the one a kommune fills in, reading answers back, the export
//! word       the same to fill in as a Word document with content controls, and reading it back
//! statusfil  a status file's canonical text;  sidste_aar  last period's answers to show
//! skriv      atomic, all-or-nothing writes; the history of replaced files
//! statuslager  the one status store: every save of a status file, locked across processes
//! koersel    the one orchestration: load → plan → compile → write, for every command
//! kommando   one thin module per command;  preview  the live preview in the browser
//! ```
//!
//! The library's API is what the binary, the tests, the benchmarks and the fuzz targets
//! use; everything else stays inside its stage.

mod argumenter;
mod dansk;
mod diagnose;
mod fejl;
mod filaftryk;
mod indsamling;
mod klokken;
mod kommando;
mod preview;
mod statuslager;
mod visning;
mod web;
#[macro_use]
mod udskrift;

pub mod dokument;
pub mod indhold;
pub mod jsonskema;
pub mod koersel;
pub mod markup;
pub mod oversaet;
pub mod regneark;
pub mod sidste_aar;
pub mod skriv;
pub mod statusfil;
pub mod word;

/// The command line: parse, run, and print an error with its exit code.
pub mod cli {
    pub use crate::argumenter::{Cli, Parset, parse, parse_fra};
    pub use crate::fejl::{exitkode, tekst as fejltekst, udskriv as udskriv_fejl};
    pub use crate::kommando::{koer, start, vent_paa_enter};
}

/// Diagnostics and errors as the user reads them.
pub mod diagnostik {
    pub use crate::dansk::{antal, liste};
    pub use crate::diagnose::{Alvor, Diagnose, Diagnoser, Pos, Sted, mente_du, naermeste};
    pub use crate::fejl::{Fejl, Hint, Indholdsfejl};
}

/// The hosted collection's e-mail (letters, SMTP, `mailto:`), for tests/indsamling_post.rs.
#[doc(hidden)]
pub mod indsamlingspost {
    pub use crate::indsamling::post::{
        Brev, Brevdata, Forbindelse, Postfejl, Postopsaetning, invitation, mailto, paamindelse,
    };
}

/// The «Udfyld status» form: a posted body → the status it would save (the one item
/// outside the crate, for the fuzz targets).
pub mod formular;
/// The web pages rendered without a server, by their templates and by the `format!`
/// code the templates replaced: for `benches/sider.rs` only.
#[cfg(feature = "sider-foer")]
#[doc(hidden)]
pub mod sidemaaling {
    pub use crate::formular::foer::Formularmaal;
    pub use crate::web::foer::Indeksmaal;

    /// The index of the project at `rod`.
    pub fn indeks(rod: &std::path::Path, periode: &str) -> Indeksmaal {
        crate::preview::indeksmaal(rod, periode)
    }
}
