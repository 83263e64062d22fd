//! A document's page: every page as an image (PNG) under an «UDKAST» overlay, the errors over
//! the last good render, and a «Hent PDF» link.

use serde::Serialize;

use super::kontrol::{Kontrol, Udfyld};
use super::tilstand::{Oversigt, Tilstand, Visning};
use crate::diagnose::Diagnoser;
use crate::dokument::Art;
use crate::web::html::{Ramme, url_del};
use crate::web::sider;

pub fn side(o: &Oversigt, id: &str) -> String {
    #[derive(Serialize)]
    struct Handlinger<'a> {
        del: &'a str,
        kommune: Option<Udfyld<'a>>,
    }
    let del = url_del(id);
    let titel = o.dokument(id).map_or(id, |v| v.dok.titel.as_str());
    let kommune = match o.dokument(id).map(|v| &v.dok.art) {
        Some(Art::Bilag(s)) => Some(Udfyld::af(&s.kommune)),
        _ => None,
    };
    let handlinger = sider::gengiv("dok-handlinger.html", Handlinger { del: &del, kommune });
    Ramme {
        titel,
        dok: Some(id),
        fragment_url: &format!("/dok/{del}/fragment"),
        handlinger: &handlinger,
        fragment: &fragment(o, id),
        formular: None,
    }
    .html()
}

/// What `dok.html` shows.
#[derive(Serialize)]
struct Dok<'a> {
    version: u64,
    tilstand: &'static str,
    /// The load the pages are valid for (see `Visning::indlaesning`).
    indlaesning: u64,
    /// The id as a URL path segment.
    del: String,
    fejl: Option<Problemer>,
    advarsler: Option<Problemer>,
    sider: Vec<Sidebillede<'a>>,
}

/// The document's diagnostics, as `fremdrift check` prints them.
#[derive(Serialize)]
struct Problemer {
    antal: usize,
    opsummering: String,
    tekst: String,
}

#[derive(Serialize)]
struct Sidebillede<'a> {
    noegle: &'a str,
    /// In points, rounded as `{:.0}` rounds.
    bredde: String,
    hoejde: String,
}

/// The live part of a document's page with `foran` (HTML) at its top, inside the part
/// the pages' script swaps: the hosted collection's overview above the tilbagemelding.
pub fn fragment_med(o: &Oversigt, id: &str, foran: &str) -> String {
    let mut html = fragment(o, id);
    // The part is one element (`dok.html`, `dok-mangler.html`); its content starts
    // after the first `>`.
    let start = html.find('>').map_or(0, |i| i + 1);
    html.insert_str(start, foran);
    html
}

/// The live part of a document's page.
pub fn fragment(o: &Oversigt, id: &str) -> String {
    let Some(v) = o.dokument(id) else {
        return mangler(o, id);
    };
    let tilstand = v.tilstand();
    let problemer = || {
        let alle = Diagnoser(v.diagnoser.clone());
        Problemer {
            antal: alle.0.len(),
            opsummering: alle.opsummering(),
            tekst: alle.to_string(),
        }
    };
    let dok = Dok {
        version: v.version,
        tilstand: tilstand.navn(),
        indlaesning: v.indlaesning,
        del: url_del(&v.dok.id),
        fejl: (tilstand == Tilstand::Fejl).then(problemer),
        advarsler: (tilstand == Tilstand::Advarsler).then(problemer),
        sider: sidebilleder(v),
    };
    sider::gengiv("dok.html", dok)
}

fn sidebilleder(v: &Visning) -> Vec<Sidebillede<'_>> {
    v.sider
        .iter()
        .map(|s| Sidebillede {
            noegle: &s.noegle,
            bredde: format!("{:.0}", s.bredde),
            hoejde: format!("{:.0}", s.hoejde),
        })
        .collect()
}

/// A document that is not (or no longer) in the period.
fn mangler(o: &Oversigt, id: &str) -> String {
    #[derive(Serialize)]
    struct Mangler<'a> {
        version: u64,
        id: &'a str,
        periode: &'a str,
        kontrol: Option<Kontrol>,
    }
    sider::gengiv(
        "dok-mangler.html",
        Mangler {
            version: o.global_version,
            id,
            periode: &o.periode,
            kontrol: Kontrol::af(&o.diagnoser),
        },
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::diagnose::Diagnose;
    use crate::dokument::Dokument;
    use crate::oversaet::Side;

    fn oversigt(diagnoser: Vec<Diagnose>) -> Oversigt {
        let side = Side {
            png: Vec::new().into(),
            noegle: "abc".into(),
            bredde: 595.28,
            hoejde: 841.89,
        };
        Oversigt {
            periode: "2015".into(),
            dokumenter: vec![Visning {
                dok: Dokument {
                    id: "bilag-beta".into(),
                    titel: "Bilag: Beta Kommune".into(),
                    art: Art::Tilbagemelding,
                    ud: PathBuf::from("x.pdf"),
                },
                sider: Arc::new(vec![side]),
                pdf: None,
                diagnoser,
                venter: false,
                version: 7,
                indlaesning: 0,
                indlaesning_planlagt: 0,
            }],
            ..Oversigt::default()
        }
    }

    #[test]
    fn healthy_document_shows_pages_without_overlay() {
        let html = fragment(&oversigt(vec![]), "bilag-beta");
        assert!(html.contains(r#"src="/dok/bilag-beta/side/1.png?v=abc""#));
        assert!(html.contains(r#"data-version="7""#));
        assert!(!html.contains("overlay"));
    }

    #[test]
    fn broken_document_keeps_pages_under_overlay_with_check_messages() {
        let d = Diagnose::fejl(
            "content/2015/status/beta.yaml",
            None,
            "ugyldig status «blå»",
        )
        .med_hint("brug grøn, gul eller rød");
        let html = fragment(&oversigt(vec![d]), "bilag-beta");
        assert!(html.contains(r#"<div id="fejl" class="overlay""#));
        assert!(html.contains(
            "content/2015/status/beta.yaml: fejl: ugyldig status «blå»\n  hint: brug grøn, gul eller rød"
        ));
        assert!(html.contains("side/1.png"));
    }

    #[test]
    fn unknown_document_says_so_in_danish() {
        let html = fragment(&oversigt(vec![]), "bilag-<x>");
        assert!(html.contains("Dokumentet findes ikke"));
        assert!(html.contains("«bilag-&lt;x&gt;»"));
    }

    #[test]
    fn document_page_has_pdf_link_and_live_fragment() {
        let html = side(&oversigt(vec![]), "bilag-beta");
        assert!(html.contains(r#"href="/dok/bilag-beta/pdf" download>Hent PDF<"#));
        assert!(html.contains(r#"data-fragment="/dok/bilag-beta/fragment""#));
    }

    /// The template gives the bytes of the `format!` code it replaced.
    #[test]
    fn the_templates_give_the_document_page_of_before_byte_for_byte() {
        use crate::web::foer;
        let fejl = Diagnose::fejl("content/2015/status/beta.yaml", None, "ugyldig «blå» & <x>");
        let advarsel = Diagnose::advarsel("content/2015/status/beta.yaml", None, "'kort'");
        for d in [
            vec![],
            vec![fejl.clone()],
            vec![advarsel.clone()],
            vec![advarsel, fejl],
        ] {
            let mut o = oversigt(d.clone());
            o.diagnoser = d;
            for id in ["bilag-beta", "bilag-<x>&\"'"] {
                assert_eq!(fragment(&o, id), foer::dok_fragment(&o, id));
                assert_eq!(side(&o, id), foer::dok_side(&o, id));
            }
            Arc::make_mut(&mut o.dokumenter[0].sider).clear();
            assert_eq!(
                fragment(&o, "bilag-beta"),
                foer::dok_fragment(&o, "bilag-beta")
            );
        }
    }
}
