//! Warnings about a round's header (dato, sags-id, dok-id, frist) and the texts `init`
//! leaves to be replaced: what a person forgets before the workbooks go out.

use super::Regler;
use crate::dansk::liste;
use crate::diagnose::Sted;
use crate::indhold::dato::Dato;
use crate::indhold::model::Runde;

/// The header as written, for comparing with the previous period's.
pub(super) struct Hoved<'a> {
    pub dato: Option<Dato>,
    pub dato_sted: &'a Sted,
    pub sags_id: Option<&'a str>,
    pub dok_id: Option<&'a str>,
    pub frist: Option<(Dato, &'a Sted)>,
}

/// A warning when `frist` lies before the notat's own `dato`, and one when the header
/// is still the previous period's (as `ny-periode` copied it).
pub(super) fn tjek_hoved(h: &Hoved, forrige: Option<&Runde>, r: &mut Regler) {
    if let (Some(dato), Some((frist, sted))) = (h.dato, h.frist)
        && frist < dato
    {
        r.advarsel(
            Some(sted),
            format!(
                "fristen {} ligger før notatets dato {}",
                frist.dansk(),
                dato.dansk()
            ),
            "kommunerne skal kunne svare, efter notatet er sendt: ret «frist» eller «dato»",
        );
    }
    let Some(forrige) = forrige else { return };
    let mut samme: Vec<&str> = Vec::new();
    if h.dato == Some(forrige.dato) {
        samme.push("dato");
    }
    if h.sags_id.is_some() && h.sags_id == forrige.sags_id.as_deref() {
        samme.push("sags-id");
    }
    if h.dok_id.is_some() && h.dok_id == forrige.dok_id.as_deref() {
        samme.push("dok-id");
    }
    if h.frist.is_some() && h.frist.map(|f| f.0) == forrige.frist {
        samme.push("frist");
    }
    if samme.is_empty() {
        return;
    }
    let p = &forrige.periode;
    let (samme_ord, dem) = if samme.len() == 1 {
        ("den samme", "den")
    } else {
        ("de samme", "dem")
    };
    r.advarsel(
        Some(h.dato_sted),
        format!("{} er {samme_ord} som i {p}", liste(&samme)),
        format!("«ny-periode» kopierede {dem} fra {p}: ret {dem} til årets runde, før skemaerne sendes ud"),
    );
}

/// The placeholder texts `fremdrift init` writes in the first round (see
/// `kommando::init`), each with what it stands in for.
pub const PLADSHOLDERE: [(&str, &str); 5] = [
    ("Beskriv pejlemærket.", "pejlemærkets tekst"),
    ("Første fokusområde", "fokusområdets titel"),
    ("Beskriv fokusområdet.", "fokusområdets indledning"),
    ("Første anbefaling.", "anbefalingens tekst"),
    ("Anden anbefaling.", "anbefalingens tekst"),
];

/// A warning for a text left as `init` wrote it; `sted` is the nearest place known.
pub(super) fn pladsholder(tekst: Option<&str>, sted: Option<&Sted>, r: &mut Regler) {
    let Some(t) = tekst.map(str::trim) else {
        return;
    };
    if let Some((p, hvad)) = PLADSHOLDERE.iter().find(|(p, _)| *p == t) {
        r.advarsel(
            sted,
            format!("{hvad} er stadig «{p}» fra «fremdrift init»"),
            "skriv rundens egen tekst, før skemaerne sendes ud",
        );
    }
}

/// A warning for a missing sags-id: the bilag's right column would have none.
pub(super) fn sags_id(sags_id: Option<&str>, r: &mut Regler) {
    if sags_id.is_none() {
        r.advarsel(
            None,
            "«sags-id» er tomt, så bilagene får intet Sags ID",
            "skriv sagens id, fx «sags-id: SAG-2025-01234», før noget sendes ud",
        );
    }
}
