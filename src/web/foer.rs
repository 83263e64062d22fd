//! The pages as they were built before the templates (`format!` and `escape`), kept
//! only for `benches/sider.rs` and the tests that the templates give the same bytes.

#![allow(clippy::all, dead_code)]

use std::fmt::Write;

use crate::diagnose::{Diagnose, Diagnoser};
use crate::dokument::Art;
use crate::visning::tilstand::{Oversigt, Tilstand, Visning};
use crate::web::escape::escape;
use crate::web::html::url_del;

/// The URL of a document's page.
fn dok_url(id: &str) -> String {
    format!("/dok/{}/", url_del(id))
}

/// A whole page: the header, the live part (`fragment`, refreshed from
/// `fragment_url` on every server-sent event) and the script.
pub struct Ramme<'a> {
    pub titel: &'a str,
    /// Set on a document's page: the script then updates only for that document.
    pub dok: Option<&'a str>,
    pub fragment_url: &'a str,
    /// Links and buttons in the header, already HTML.
    pub handlinger: &'a str,
    pub fragment: &'a str,
    /// Set on a form page: the form, shown beside the live part.
    pub formular: Option<&'a str>,
}

impl Ramme<'_> {
    pub fn html(&self) -> String {
        let tilbage = match self.dok {
            Some(_) => r#"<a class="tilbage" href="/">← Alle dokumenter</a>"#,
            None => "",
        };
        let (css, main, js) = match self.formular {
            None => (
                "",
                format!(r#"<main id="indhold">{}</main>"#, self.fragment),
                "",
            ),
            Some(formular) => (
                "\n<link rel=\"stylesheet\" href=\"/formular.css\">",
                format!(
                    r#"<main class="udfyld"><div class="formular-kolonne">{formular}</div><section class="bilag-kolonne" aria-labelledby="bilag-overskrift" tabindex="0"><h2 id="bilag-overskrift">Bilaget</h2><div id="indhold">{}</div></section></main>"#,
                    self.fragment
                ),
                "\n<script src=\"/formular.js\"></script>",
            ),
        };
        format!(
            r#"<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titel} – udkast – fremdrift</title>
<link rel="stylesheet" href="/preview.css">{css}
</head>
<body data-fragment="{fragment_url}" data-dok="{dok}">
<header class="top">{tilbage}<h1>{titel}</h1>{handlinger}<span id="forbindelse" role="status" hidden>Forbindelsen til fremdrift er afbrudt – prøver igen …</span></header>
{main}
<script src="/preview.js"></script>{js}
</body>
</html>
"#,
            titel = escape(self.titel),
            fragment_url = escape(self.fragment_url),
            dok = escape(self.dok.unwrap_or_default()),
            handlinger = self.handlinger,
        )
    }
}

/// A small standalone page, for errors.
pub fn enkel_side(titel: &str, indhold: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>{titel} – fremdrift</title><link rel="stylesheet" href="/preview.css"></head>
<body><header class="top"><a class="tilbage" href="/">← Alle dokumenter</a><h1>{titel}</h1></header>
<main>{indhold}</main></body>
</html>
"#,
        titel = escape(titel)
    )
}

/// The «Udfyld status» link of a kommune, named for screen readers.
pub fn udfyld_link(id: &str, navn: &str, klasse: &str) -> String {
    format!(
        r#"<a class="{klasse}" href="/udfyld/{}/">Udfyld status<span class="skjult"> for {}</span></a>"#,
        escape(&url_del(id)),
        escape(navn)
    )
}

/// The diagnostics as `fremdrift check` prints them, under a summary.
pub fn kontrol(diagnoser: &[Diagnose]) -> String {
    if diagnoser.is_empty() {
        return String::new();
    }
    let alle = Diagnoser(diagnoser.to_vec());
    let art = if alle.har_fejl() { "fejl" } else { "advarsler" };
    format!(
        r#"<section id="kontrol" class="kontrol {art}"><h2>Kontrol: {}</h2><pre>{}</pre></section>"#,
        escape(&alle.opsummering()),
        escape(&alle.to_string())
    )
}

pub fn oversigt_side(o: &Oversigt) -> String {
    let titel = format!("Forhåndsvisning af {}", o.periode);
    Ramme {
        titel: &titel,
        dok: None,
        fragment_url: "/fragment",
        handlinger: "",
        fragment: &oversigt_fragment(o),
        formular: None,
    }
    .html()
}

/// The live part of the index.
pub fn oversigt_fragment(o: &Oversigt) -> String {
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

pub fn dok_side(o: &Oversigt, id: &str) -> String {
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
        fragment: &dok_fragment(o, id),
        formular: None,
    }
    .html()
}

/// The live part of a document's page.
pub fn dok_fragment(o: &Oversigt, id: &str) -> String {
    let Some(v) = o.dokument(id) else {
        return mangler(o, id);
    };
    let tilstand = v.tilstand();
    let mut ud = format!(
        r#"<div id="dokument" data-version="{}" data-tilstand="{}" data-indlaesning="{}">"#,
        v.version,
        tilstand.navn(),
        v.indlaesning
    );
    match tilstand {
        Tilstand::Fejl => ud.push_str(&fejl(v)),
        Tilstand::Advarsler => ud.push_str(&advarsler(&v.diagnoser)),
        Tilstand::Ok => {}
    }
    ud.push_str(&dok_sider(v, tilstand));
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

fn dok_sider(v: &Visning, tilstand: Tilstand) -> String {
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

/// A document with three pages, for the measurements and the comparisons.
pub fn visning(id: &str, titel: &str, art: Option<Art>) -> Visning {
    let side = |n: u8| crate::oversaet::Side {
        png: Vec::new().into(),
        noegle: format!("{n:016x}"),
        bredde: 595.28,
        hoejde: 841.89,
    };
    Visning {
        dok: crate::dokument::Dokument {
            id: id.into(),
            titel: titel.into(),
            art: art.unwrap_or(Art::Tilbagemelding),
            ud: std::path::PathBuf::from(format!("{id}.pdf")),
        },
        sider: std::sync::Arc::new(vec![side(1), side(2), side(3)]),
        pdf: None,
        diagnoser: Vec::new(),
        venter: false,
        version: 1,
        indlaesning: 0,
        indlaesning_planlagt: 0,
    }
}

/// The index of a project's period (every document with three pages, and every second
/// kommune's bilag missing), rendered by the templates (`nu`) and by the code they
/// replaced (`foer`): for `benches/sider.rs`.
pub struct Indeksmaal {
    o: Oversigt,
    nu: fn(&Oversigt) -> String,
}

impl Indeksmaal {
    pub(crate) fn ny(rod: &std::path::Path, periode: &str, nu: fn(&Oversigt) -> String) -> Self {
        let (p, _) = crate::indhold::projekt::indlaes(rod, periode)
            .uden_fejl()
            .expect("projektet er uden fejl");
        let dokumenter = crate::dokument::alle(&p)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, d)| visning(&d.id, &d.titel, Some(d.art)))
            .collect();
        let o = Oversigt {
            periode: periode.into(),
            kkr: Some(p.kkr.navn.clone()),
            kommuner: p.kkr.kommuner.clone(),
            dokumenter,
            ..Oversigt::default()
        };
        Self { o, nu }
    }

    pub fn nu(&self) -> String {
        (self.nu)(&self.o)
    }

    pub fn foer(&self) -> String {
        oversigt_side(&self.o)
    }
}
