//! The index page: every document of the period with its state, and the project's
//! diagnostics exactly as `fremdrift check` prints them.

use std::fmt::Write;

use crate::dokument::Art;

use crate::visning::kontrol::{kontrol, udfyld_link};
use crate::web::html::{Ramme, dok_url, escape, url_del};
use crate::visning::tilstand::{Oversigt, Visning};

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

/// The live part of the index.
pub fn fragment(o: &Oversigt) -> String {
    let mut ud = format!(r#"<div id="oversigt" data-version="{}">"#, o.global_version);
    let kkr = o.kkr.as_deref().unwrap_or("fremdrift");
    let _ = write!(
        ud,
        r#"<p class="undertitel">{} · perioden {} · {} {}</p>"#,
        escape(kkr),
        escape(&o.periode),
        o.dokumenter.len(),
        if o.dokumenter.len() == 1 {
            "dokument"
        } else {
            "dokumenter"
        }
    );
    ud.push_str(&kontrol(&o.diagnoser));
    if o.dokumenter.is_empty() {
        let _ = write!(
            ud,
            r#"<p class="tom">Der er ingen dokumenter endnu. Lav en statusfil i content/{}/status/, fx med «fremdrift skabelon KOMMUNE».</p>"#,
            escape(&o.periode)
        );
    } else {
        ud.push_str(r#"<table class="dokumenter"><thead><tr><th>Dokument</th><th>Tilstand</th><th>Sider</th><th><span class="skjult">Handlinger</span></th></tr></thead><tbody>"#);
        for v in &o.dokumenter {
            ud.push_str(&raekke(v));
        }
        ud.push_str("</tbody></table>");
    }
    ud.push_str(&uden_bilag(o));
    ud.push_str("</div>");
    ud
}

/// The kommuner without a bilag (no status file yet, or one with errors).
fn uden_bilag(o: &Oversigt) -> String {
    let mangler: Vec<String> = o
        .kommuner
        .iter()
        .filter(|k| o.dokument(&format!("bilag-{}", k.id)).is_none())
        .map(|k| {
            format!(
                "<li>{} – {}</li>",
                escape(&k.navn),
                udfyld_link(&k.id, &k.navn, "udfyld")
            )
        })
        .collect();
    if mangler.is_empty() {
        return String::new();
    }
    format!(
        r#"<section id="uden-bilag" aria-labelledby="uden-bilag-overskrift"><h2 id="uden-bilag-overskrift">Kommuner uden bilag</h2><p>Disse kommuner har ingen statusfil endnu (eller en med fejl). Udfyld status i browseren, så laves bilaget.</p><ul>{}</ul></section>"#,
        mangler.concat()
    )
}

fn raekke(v: &Visning) -> String {
    let tilstand = v.tilstand().navn();
    let udfyld = match &v.dok.art {
        Art::Bilag(s) => format!(
            " · {}",
            udfyld_link(&s.kommune.id, &s.kommune.navn, "udfyld")
        ),
        Art::Tilbagemelding => String::new(),
    };
    format!(
        r#"<tr data-dok="{id}" data-tilstand="{tilstand}"><td><a href="{url}">{titel}</a></td><td><span class="tilstand {tilstand}">{tilstand}</span></td><td>{sider}</td><td><a href="/dok/{del}/pdf" download>Hent PDF</a>{udfyld}</td></tr>"#,
        id = escape(&v.dok.id),
        url = escape(&dok_url(&v.dok.id)),
        titel = escape(&v.dok.titel),
        sider = v.sider.len(),
        del = escape(&url_del(&v.dok.id)),
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::diagnose::Diagnose;
    use crate::dokument::Dokument;

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
}
