//! A document's page: every page as an image (PNG) under an «UDKAST» overlay, the errors over
//! the last good render, and a «Hent PDF» link.

use std::fmt::Write;

use crate::diagnose::{Diagnose, Diagnoser};

use crate::web::html::{Ramme, escape, url_del};
use super::kontrol::{kontrol, udfyld_link};
use super::tilstand::{Oversigt, Tilstand, Visning};
use crate::dokument::Art;

pub fn side(o: &Oversigt, id: &str) -> String {
    let del = url_del(id);
    let titel = o.dokument(id).map_or(id, |v| v.dok.titel.as_str());
    let mut handlinger = format!(
        r#"<a class="knap" id="hent-pdf" href="/dok/{}/pdf" download>Hent PDF</a>"#,
        escape(&del)
    );
    if let Some(Art::Bilag(s)) = o.dokument(id).map(|v| &v.dok.art) {
        handlinger.push_str(&udfyld_link(&s.kommune.id, &s.kommune.navn, "knap udfyld"));
    }
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

/// The live part of a document's page.
pub fn fragment(o: &Oversigt, id: &str) -> String {
    let Some(v) = o.dokument(id) else {
        return mangler(o, id);
    };
    let tilstand = v.tilstand();
    let mut ud = format!(
        r#"<div id="dokument" data-version="{}" data-tilstand="{}">"#,
        v.version,
        tilstand.navn()
    );
    match tilstand {
        Tilstand::Fejl => ud.push_str(&fejl(v)),
        Tilstand::Advarsler => ud.push_str(&advarsler(&v.diagnoser)),
        Tilstand::Ok => {}
    }
    ud.push_str(&sider(v, tilstand));
    ud.push_str("</div>");
    ud
}

/// The overlay: the Danish diagnostics over the last good render.
fn fejl(v: &Visning) -> String {
    let under = if v.sider.is_empty() {
        "Dokumentet er ikke lavet endnu."
    } else {
        "Siderne herunder er den seneste gode udgave."
    };
    format!(
        r#"<div id="fejl" class="overlay" role="alert"><h2>Dokumentet kan ikke opdateres: {}</h2><pre>{}</pre><p>{under} Ret filen og gem den, så opdaterer siden sig selv.</p></div>"#,
        escape(&Diagnoser(v.diagnoser.clone()).opsummering()),
        escape(&Diagnoser(v.diagnoser.clone()).to_string())
    )
}

fn advarsler(d: &[Diagnose]) -> String {
    let antal = d.len();
    format!(
        r#"<details id="advarsler" class="advarsler"><summary>{antal} {}</summary><pre>{}</pre></details>"#,
        if antal == 1 { "advarsel" } else { "advarsler" },
        escape(&Diagnoser(d.to_vec()).to_string())
    )
}

fn sider(v: &Visning, tilstand: Tilstand) -> String {
    let klasse = if tilstand == Tilstand::Fejl {
        "gammel"
    } else {
        ""
    };
    let mut ud = format!(r#"<div id="sider" class="{klasse}">"#);
    let antal = v.sider.len();
    for (i, s) in v.sider.iter().enumerate() {
        let n = i + 1;
        let _ = write!(
            ud,
            // No style attribute (the Content-Security-Policy forbids inline style): the
            // image's width and height reserve its space before it loads.
            r#"<figure class="side"><img src="/dok/{del}/side/{n}.png?v={noegle}" alt="Side {n} af {antal}" width="{b:.0}" height="{h:.0}"></figure>"#,
            b = s.bredde,
            h = s.hoejde,
            del = escape(&url_del(&v.dok.id)),
            noegle = escape(&s.noegle),
        );
    }
    ud.push_str("</div>");
    ud
}

/// A document that is not (or no longer) in the period.
fn mangler(o: &Oversigt, id: &str) -> String {
    format!(
        r#"<div id="dokument" data-version="{}" data-tilstand="mangler"><div id="mangler" class="overlay" role="alert"><h2>Dokumentet findes ikke</h2><p>«{}» er ikke et dokument i perioden {}. <a href="/">Se alle dokumenter</a>.</p>{}</div><div id="sider"></div></div>"#,
        o.global_version,
        escape(id),
        escape(&o.periode),
        kontrol(&o.diagnoser)
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
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
}
