//! Typst's errors and warnings as Danish diagnostics, each at the file and line it
//! concerns: the generated markup, or a project file that markup includes, imports or
//! reads (`#include "/templates/del.typ"`, `#image(…)`).

use std::path::PathBuf;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::syntax::{DiagSpan, VirtualRoot};

use super::verden::{Grundlag, Verden};
use super::{genereret_sti, hints};
use crate::diagnose::{Alvor, Diagnose, Diagnoser, Pos, Sted};
use crate::markup::Kilde;

/// Every diagnostic of a compilation, errors and warnings alike.
pub fn oversaet(
    verden: &Verden,
    grundlag: &Grundlag,
    kilde: &Kilde,
    liste: &[SourceDiagnostic],
) -> Diagnoser {
    Diagnoser(
        liste
            .iter()
            .map(|f| diagnose(verden, grundlag, kilde, f))
            .collect(),
    )
}

fn diagnose(verden: &Verden, grundlag: &Grundlag, kilde: &Kilde, f: &SourceDiagnostic) -> Diagnose {
    let (fil, pos, genereret) = sted(verden, kilde, f.span);
    let alvor = match f.severity {
        Severity::Error => Alvor::Fejl,
        Severity::Warning => Alvor::Advarsel,
    };
    let (besked, hint) = dansk(&f.message, f.severity, grundlag, &tekst_ved(verden, f.span));
    let mut hint: Vec<String> = hint.into_iter().chain(hints(f)).collect();
    if genereret {
        hint.push("skriv den genererede Typst-kode ud med --typ for at se linjen".into());
    }
    let mut d = Diagnose::ny(alvor, fil, pos.map(Sted::Linje), besked);
    if !hint.is_empty() {
        d = d.med_hint(hint.join("; "));
    }
    d
}

/// The file (relative to the project, or the generated markup) and the line and
/// column of a span; `true` when it is the generated markup.
fn sted(verden: &Verden, kilde: &Kilde, span: DiagSpan) -> (PathBuf, Option<Pos>, bool) {
    let Some(id) = span.id() else {
        return (genereret_sti(kilde), None, true);
    };
    let pos = verden.range(span).and_then(|r| {
        let kildetekst = typst::World::source(verden, id).ok()?;
        let (l, k) = kildetekst.lines().byte_to_line_column(r.start)?;
        Some(Pos::new(l as u64 + 1, k as u64 + 1))
    });
    if id == verden.kilde().id() {
        return (genereret_sti(kilde), pos, true);
    }
    let fil = match id.root() {
        VirtualRoot::Project => PathBuf::from(id.vpath().get_without_slash()),
        VirtualRoot::Package(spec) => {
            PathBuf::from(format!("{spec}{}", id.vpath().get_with_slash()))
        }
    };
    (fil, pos, false)
}

/// The source text a span covers (empty when it covers none).
fn tekst_ved(verden: &Verden, span: DiagSpan) -> String {
    let Some(id) = span.id() else {
        return String::new();
    };
    let kilde = typst::World::source(verden, id).ok();
    verden
        .range(span)
        .and_then(|r| kilde?.text().get(r).map(str::to_string))
        .unwrap_or_default()
}

/// A Danish message (and hint) for what Typst says; messages without a translation
/// keep Typst's words after «Typst:». `ved` is the source text the message is about.
fn dansk(
    besked: &str,
    alvor: Severity,
    grundlag: &Grundlag,
    ved: &str,
) -> (String, Option<String>) {
    if let Some(navn) = besked.strip_prefix("unknown font family: ") {
        // Typst names the font in lower case; show it as the template wrote it.
        let skrevet = ved.trim_matches('"');
        let navn = if skrevet.to_lowercase() == navn {
            skrevet
        } else {
            navn
        };
        return (
            format!("ukendt skrifttype «{navn}»; teksten sættes med en anden"),
            Some(format!(
                "skrifttyperne, der kan bruges, er {}; læg andre i projektets fonts/",
                crate::dansk::liste(&grundlag.familier())
            )),
        );
    }
    let art = match alvor {
        Severity::Error => "Typst",
        Severity::Warning => "Typst advarer",
    };
    (format!("{art}: {besked}"), None)
}
