//! The places and texts of a document's fields: a header or label compared as a
//! person reads it, a cell's text with the document's placeholders read as empty.

use crate::diagnose::Sted;
use crate::indhold::raa::Placeret;
use crate::word::{Celle, PLADSHOLDER, Raekke, Tabel};

/// Text as compared: lower case, no surrounding spaces, colons or asterisks.
pub fn noegle(s: &str) -> String {
    s.trim().trim_end_matches([':', '*']).trim().to_lowercase()
}

/// «tabel 2, anbefaling v3, feltet «Status»».
pub fn sted(tabel: usize, hvad: &str, felt: &str) -> Sted {
    Sted::Dokument(format!("tabel {tabel}, {hvad}, feltet «{felt}»"))
}

/// «tabel 2, række 5».
pub fn raekke_sted(tabel: usize, raekke: usize) -> Sted {
    Sted::Dokument(format!("tabel {tabel}, række {raekke}"))
}

/// The placeholders of an empty field: ours, and those Word and LibreOffice show.
const PLADSHOLDERE: [&str; 5] = [
    PLADSHOLDER,
    "Vælg et element.",
    "Choose an item.",
    "Klik eller tryk her for at skrive tekst.",
    "Click or tap here to enter text.",
];

/// A cell's text, `None` when it is empty or a placeholder.
pub fn tekst(celle: Option<&Celle>) -> Option<String> {
    let t = celle?.tekst();
    let t = t.trim_matches(|c: char| c.is_whitespace() && c != '\t');
    (!t.is_empty() && !PLADSHOLDERE.contains(&t)).then(|| t.to_string())
}

/// A cell's text at `sted`.
pub fn placeret(celle: Option<&Celle>, sted: Sted) -> Option<Placeret<String>> {
    tekst(celle).map(|t| Placeret::ny(t, sted))
}

/// The table's header row among its first rows: the first with every one of
/// `kraevede` (compared by [`noegle`]); the row's index and each header's column.
pub fn overskrift<const N: usize>(
    tabel: &Tabel,
    kraevede: [&[&str]; N],
) -> Option<(usize, [Option<u32>; N])> {
    tabel.raekker.iter().take(5).enumerate().find_map(|(i, r)| {
        let k = kraevede.map(|navne| kolonne(r, navne));
        k.iter()
            .filter(|x| x.is_some())
            .count()
            .ge(&2)
            .then_some((i, k))
    })
}

/// The column whose header is one of `navne`.
fn kolonne(r: &Raekke, navne: &[&str]) -> Option<u32> {
    r.celler
        .iter()
        .find(|c| navne.iter().any(|n| noegle(&c.tekst()) == noegle(n)))
        .map(|c| c.kolonne)
}
