//! Why a file cannot be read as a workbook: [`Aabningsfejl`], a Danish message with a
//! hint, and the messages shared by the readers and the zip check.

/// Why a file cannot be read as a workbook: a Danish message and a hint.
#[derive(Debug, PartialEq, Eq)]
pub struct Aabningsfejl {
    pub besked: String,
    pub hint: String,
}

pub(super) fn fejl(besked: impl Into<String>, hint: impl Into<String>) -> Aabningsfejl {
    Aabningsfejl {
        besked: besked.into(),
        hint: hint.into(),
    }
}

pub(super) const GEM_IGEN: &str = "åbn filen i Excel eller LibreOffice, og gem den som Excel-projektmappe (.xlsx) eller OpenDocument-regneark (.ods)";

pub(super) fn krypteret() -> Aabningsfejl {
    fejl(
        "regnearket er beskyttet med en adgangskode og kan ikke læses",
        "fjern adgangskoden (i Excel: Filer → Oplysninger → Beskyt projektmappe → Krypter med adgangskode), og gem igen",
    )
}

/// A file the reader cannot make sense of; a part that inflates beyond the size it
/// declares (the zip reader stops it there) is named as such.
pub(super) fn beskadiget(e: impl std::fmt::Display) -> Aabningsfejl {
    let aarsag = e.to_string();
    if aarsag.contains("larger than its declared uncompressed size") {
        return for_stor(
            "en del af regnearket pakker sig ud til mere, end den selv oplyser; filen er beskadiget eller lavet til at fylde hukommelsen"
                .into(),
        );
    }
    fejl(
        "filen er beskadiget og kan ikke læses som regneark",
        format!("{GEM_IGEN} (teknisk årsag: {aarsag})"),
    )
}

/// A file or part larger than any filled workbook.
pub fn for_stor(besked: String) -> Aabningsfejl {
    fejl(
        besked,
        "et udfyldt skema fylder under 1 MB; tjek at det er den rigtige fil",
    )
}
