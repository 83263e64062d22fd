//! The index page: every document of the period with its state, and the project's
//! diagnostics exactly as `fremdrift check` prints them.

use serde::Serialize;

use crate::dokument::Art;
use crate::visning::kontrol::{Kontrol, Udfyld};
use crate::visning::tilstand::{Oversigt, Visning};
use crate::web::html::{Ramme, url_del};
use crate::web::sider;

pub fn side(o: &Oversigt) -> String {
    let titel = format!("Forhåndsvisning af {}", o.periode);
    Ramme {
        titel: &titel,
        dok: None,
        fragment_url: "/fragment",
        handlinger: "",
        fragment: &fragment(o),
        formular: None,
    }
    .html()
}

/// What `oversigt.html` shows.
#[derive(Serialize)]
struct Indeks<'a> {
    version: u64,
    kkr: &'a str,
    periode: &'a str,
    kontrol: Option<Kontrol>,
    dokumenter: Vec<Raekke<'a>>,
    uden_bilag: Vec<Udfyld<'a>>,
}

/// A document's row.
#[derive(Serialize)]
struct Raekke<'a> {
    id: &'a str,
    /// The id as a URL path segment.
    del: String,
    titel: &'a str,
    tilstand: &'static str,
    sider: usize,
    /// A bilag's kommune, for its «Udfyld status» link.
    kommune: Option<Udfyld<'a>>,
}

/// The live part of the index.
pub fn fragment(o: &Oversigt) -> String {
    let uden_bilag = o
        .kommuner
        .iter()
        .filter(|k| o.dokument(&format!("bilag-{}", k.id)).is_none())
        .map(Udfyld::af)
        .collect();
    sider::gengiv(
        "oversigt.html",
        Indeks {
            version: o.global_version,
            kkr: o.kkr.as_deref().unwrap_or("fremdrift"),
            periode: &o.periode,
            kontrol: Kontrol::af(&o.diagnoser),
            dokumenter: o.dokumenter.iter().map(raekke).collect(),
            uden_bilag,
        },
    )
}

fn raekke(v: &Visning) -> Raekke<'_> {
    Raekke {
        id: &v.dok.id,
        del: url_del(&v.dok.id),
        titel: &v.dok.titel,
        tilstand: v.tilstand().navn(),
        sider: v.sider.len(),
        kommune: match &v.dok.art {
            Art::Bilag(s) => Some(Udfyld::af(&s.kommune)),
            Art::Tilbagemelding => None,
        },
    }
}

/// The index measured against the code of before the templates (`benches/sider.rs`).
#[cfg(feature = "sider-foer")]
pub fn indeksmaal(rod: &std::path::Path, periode: &str) -> crate::web::foer::Indeksmaal {
    crate::web::foer::Indeksmaal::ny(rod, periode, side)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::diagnose::Diagnose;
    use crate::dokument::Dokument;
    use crate::visning::kontrol::kontrol;

    fn visning(id: &str, diagnoser: Vec<Diagnose>) -> Visning {
        Visning {
            dok: Dokument {
                id: id.into(),
                titel: format!("Bilag: {id} <kommune>"),
                art: Art::Tilbagemelding,
                ud: PathBuf::from("x.pdf"),
            },
            sider: Arc::default(),
            pdf: None,
            diagnoser,
            venter: false,
            version: 1,
            indlaesning: 0,
            indlaesning_planlagt: 0,
        }
    }

    #[test]
    fn index_lists_every_document_with_its_danish_state() {
        let o = Oversigt {
            periode: "2015".into(),
            dokumenter: vec![
                visning("bilag-alfa", vec![]),
                visning(
                    "bilag-beta",
                    vec![Diagnose::fejl("content/2015/status/beta.yaml", None, "øv")],
                ),
            ],
            ..Oversigt::default()
        };
        let html = fragment(&o);
        assert!(html.contains(r#"data-dok="bilag-alfa" data-tilstand="ok""#));
        assert!(html.contains(r#"data-dok="bilag-beta" data-tilstand="fejl""#));
        assert!(html.contains("Bilag: bilag-alfa &lt;kommune&gt;"));
        assert!(html.contains(r#"href="/dok/bilag-alfa/""#));
    }

    #[test]
    fn kommuner_without_a_bilag_are_listed_with_a_link_to_the_form() {
        let kommune = |id: &str, navn: &str| crate::indhold::model::Kommune {
            id: id.into(),
            kode: 1,
            navn: navn.into(),
            email: None,
        };
        let o = Oversigt {
            periode: "2015".into(),
            kommuner: vec![kommune("alfa", "Alfa"), kommune("ærø", "Ærø <K>")],
            dokumenter: vec![visning("bilag-alfa", vec![])],
            ..Oversigt::default()
        };
        let html = fragment(&o);
        assert!(html.contains(
            r#"<li>Ærø &lt;K&gt; – <a class="udfyld" href="/udfyld/%C3%A6r%C3%B8/">Udfyld status<span class="skjult"> for Ærø &lt;K&gt;</span></a></li>"#
        ), "{html}");
        assert!(!html.contains("<li>Alfa"), "alfa has a bilag");
    }

    #[test]
    fn check_output_is_shown_verbatim_and_escaped() {
        let d = Diagnose::fejl("content/kkr.yaml", None, "ukendt felt «<x>»").med_hint("fjern det");
        let html = kontrol(&[d]);
        assert!(html.contains("Kontrol: 1 fejl og 0 advarsler"));
        assert!(
            html.contains("content/kkr.yaml: fejl: ukendt felt «&lt;x&gt;»\n  hint: fjern det")
        );
    }

    /// The template gives the bytes of the `format!` code it replaced.
    #[test]
    fn the_templates_give_the_index_of_before_byte_for_byte() {
        use crate::web::foer;
        let kommune = |id: &str, navn: &str| crate::indhold::model::Kommune {
            id: id.into(),
            kode: 1,
            navn: navn.into(),
            email: None,
        };
        let mut o = Oversigt {
            periode: "2015 <&>".into(),
            ..Oversigt::default()
        };
        assert_eq!(side(&o), foer::oversigt_side(&o));
        o.kkr = Some("KKR 'Nord'".into());
        o.kommuner = vec![kommune("alfa", "Alfa"), kommune("ærø", "Ærø <K>")];
        o.dokumenter = vec![visning("bilag-alfa", vec![])];
        assert_eq!(side(&o), foer::oversigt_side(&o));
        o.dokumenter
            .push(visning("b\"<", vec![Diagnose::advarsel("x", None, "y")]));
        o.diagnoser = vec![Diagnose::fejl("content/kkr.yaml", None, "<x>").med_hint("h")];
        assert_eq!(side(&o), foer::oversigt_side(&o));
        let rod = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let (p, _) = crate::indhold::projekt::indlaes(&rod, "2015")
            .uden_fejl()
            .unwrap();
        o.dokumenter = crate::dokument::alle(&p)
            .into_iter()
            .map(|d| foer::visning(&d.id, &d.titel, Some(d.art)))
            .collect();
        assert_eq!(side(&o), foer::oversigt_side(&o));
    }
}
