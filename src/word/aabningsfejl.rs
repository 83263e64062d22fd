//! Why a Word document cannot be read: the kind the shared zip checks see it as
//! ([`DOKUMENT`]) and the messages the opening and the reading of `document.xml` share.

use crate::regneark::Aabningsfejl;
use crate::regneark::pakke::{self, Slags};

pub(super) const GEM_IGEN: &str =
    "åbn filen i Word eller LibreOffice Writer, og gem den som Word-dokument (.docx)";

/// A Word document, for the shared zip checks.
pub const DOKUMENT: Slags = Slags {
    navn: "dokumentet",
    programmer: "Word og LibreOffice",
    gem_igen: GEM_IGEN,
    laeses_hel,
};

/// Every XML part but the body (read as a stream) is held to the smaller limit.
fn laeses_hel(navn: &str) -> bool {
    (navn.ends_with(".xml") || navn.ends_with(".rels")) && navn != "word/document.xml"
}

pub(super) fn fejl(besked: impl Into<String>, hint: impl Into<String>) -> Aabningsfejl {
    Aabningsfejl {
        besked: besked.into(),
        hint: hint.into(),
    }
}

pub fn beskadiget(e: impl std::fmt::Display) -> Aabningsfejl {
    pakke::beskadiget_som(&DOKUMENT, e)
}

pub fn for_stor(besked: String) -> Aabningsfejl {
    crate::regneark::aabningsfejl::for_stor(besked)
}
