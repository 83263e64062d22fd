//! Addresses are links: the sender's e-mail and web address in the right-hand column,
//! a kontakt's e-mail and any address in the content become `mailto:`/`https://` link
//! annotations, each described for screen readers and inside a Link structure element.

use crate::common;

use common::*;
use lopdf::{Document, Object};

/// Every link annotation of a PDF: (page, URI, /Contents), internal links left out.
fn lenker(pdf: &[u8]) -> Vec<(u32, String, String)> {
    let dok = Document::load_mem(pdf).unwrap();
    let mut ud = Vec::new();
    for (nr, side) in dok.get_pages() {
        for a in dok.get_page_annotations(side).unwrap_or_default() {
            let uri = a
                .get(b"A")
                .ok()
                .and_then(|x| dok.dereference(x).ok())
                .and_then(|(_, x)| x.as_dict().ok())
                .and_then(|x| x.get(b"URI").ok());
            let Some(Object::String(uri, _)) = uri else {
                continue;
            };
            let beskrivelse = a
                .get(b"Contents")
                .ok()
                .and_then(|c| lopdf::decode_text_string(c).ok())
                .unwrap_or_default();
            ud.push((nr, String::from_utf8_lossy(uri).into_owned(), beskrivelse));
        }
    }
    ud
}

fn har(lenker: &[(u32, String, String)], uri: &str, beskrivelse: &str) -> bool {
    lenker.iter().any(|(_, u, b)| u == uri && b == beskrivelse)
}

#[test]
fn addresses_in_the_frame_the_kontakt_and_the_content_are_links() {
    let dir = projekt("mini");
    let fil = dir.path().join("content/2015/status/alfa.yaml");
    let yaml = std::fs::read_to_string(&fil).unwrap().replace(
        "bemærkning: Ikke igangsat endnu.",
        "bemærkning: Se https://www.jobnet.dk/tal og skriv til info@alfa.example.dk.",
    );
    std::fs::write(&fil, yaml).unwrap();
    let o = fremdrift(dir.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let bilag = lenker(&std::fs::read(dir.path().join("out/2015/bilag/101-alfa.pdf")).unwrap());
    let tilbagemelding =
        lenker(&std::fs::read(dir.path().join("out/2015/tilbagemelding.pdf")).unwrap());
    for l in [&bilag, &tilbagemelding] {
        // The right-hand column of the notat, on page 1.
        assert!(
            har(l, "mailto:kkr@example.dk", "E-mail kkr@example.dk"),
            "{l:?}"
        );
        assert!(
            har(
                l,
                "https://www.example.dk/kkr-test",
                "https://www.example.dk/kkr-test"
            ),
            "{l:?}"
        );
        // An address in a remark, without the full stop after it.
        assert!(
            har(l, "https://www.jobnet.dk/tal", "https://www.jobnet.dk/tal"),
            "{l:?}"
        );
        assert!(
            har(
                l,
                "mailto:info@alfa.example.dk",
                "E-mail info@alfa.example.dk"
            ),
            "{l:?}"
        );
    }
    assert!(
        har(
            &bilag,
            "mailto:anne@alfa.example.dk",
            "E-mail anne@alfa.example.dk"
        ),
        "the kontakt's e-mail: {bilag:?}"
    );
    // The text still reads as written.
    let tekst = pdf_tekst(&std::fs::read(dir.path().join("out/2015/bilag/101-alfa.pdf")).unwrap());
    assert!(
        indeholder(
            &tekst,
            "Se https://www.jobnet.dk/tal og skriv til info@alfa.example.dk."
        ),
        "{tekst}"
    );
}
