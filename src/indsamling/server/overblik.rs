//! The secretariat's overview of the round: one row per kommune with its state in
//! words — «Ikke åbnet», «Åbnet», «Kladde» (saved with «Udkast» ticked), «Indsendt» —
//! when it last saved, its errors and warnings, and whether it was reopened. Made from
//! the status files, the project's diagnostics and the event log each time it is shown.

use std::collections::HashSet;
use std::path::PathBuf;

use serde::Serialize;

use super::Tjeneste;
use crate::indhold::model::Kommune;
use crate::indhold::projekt::{self, Projekt};
use crate::indsamling::haendelser::{self, Art};
use crate::indsamling::{linkliste, links, tid};
use crate::web::html::url_del;

/// A kommune's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Tilstand {
    IkkeAabnet,
    Aabnet,
    Kladde,
    Indsendt,
}

impl Tilstand {
    pub fn ord(self) -> &'static str {
        match self {
            Tilstand::IkkeAabnet => "Ikke åbnet",
            Tilstand::Aabnet => "Åbnet",
            Tilstand::Kladde => "Kladde",
            Tilstand::Indsendt => "Indsendt",
        }
    }
}

/// One row.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Raekke {
    pub id: String,
    pub del: String,
    pub navn: String,
    pub tilstand: Tilstand,
    pub ord: &'static str,
    pub sidst_gemt: Option<String>,
    pub fejl: usize,
    pub advarsler: usize,
    pub email: Option<String>,
    /// The kommune's current link (only with the key on this machine).
    pub link: Option<String>,
    pub link_nr: Option<u32>,
    pub genaabnet: bool,
    /// Has had a mail with its link.
    pub inviteret: bool,
}

/// The overview and the project it was made from.
pub(crate) struct Overblik {
    pub raekker: Vec<Raekke>,
    pub projekt: Option<Projekt>,
}

/// Every kommune's row.
pub(crate) fn lav(t: &Tjeneste) -> Overblik {
    let indl = projekt::indlaes(&t.rod, &t.periode);
    let (log, _) = haendelser::laes(&t.rod, &t.periode).unwrap_or_default();
    let aabnede: HashSet<&str> = hvem_med(&log, &[Art::Aabnet]);
    let genaabnede: HashSet<&str> = hvem_med(&log, &[Art::Genaabnet]);
    let inviterede: HashSet<&str> = hvem_med(&log, &[Art::Inviteret, Art::Paamindet]);
    let linkfil = t.register.fil().unwrap_or_default();
    let linkfil = &linkfil;
    let kommuner: Vec<Kommune> = match &indl.projekt {
        Some(p) => p.kkr.kommuner.clone(),
        None => t.vis.delt.laes(|o| o.kommuner.clone()),
    };
    let raekker = kommuner
        .iter()
        .map(|k| {
            let fil = PathBuf::from(format!("content/{}/status/{}.yaml", t.periode, k.id));
            let findes = t.rod.join(&fil).exists();
            let status = indl
                .projekt
                .as_ref()
                .and_then(|p| p.status.iter().find(|s| s.kommune.id == k.id));
            let tilstand = match (findes, status) {
                (true, Some(s)) if !s.udkast => Tilstand::Indsendt,
                (true, _) => Tilstand::Kladde,
                (false, _) if aabnede.contains(k.id.as_str()) => Tilstand::Aabnet,
                (false, _) => Tilstand::IkkeAabnet,
            };
            let egne = indl.diagnoser.0.iter().filter(|d| d.fil == fil);
            let (fejl, advarsler) =
                egne.fold(
                    (0, 0),
                    |(f, a), d| {
                        if d.er_fejl() { (f + 1, a) } else { (f, a + 1) }
                    },
                );
            let sidst_gemt = std::fs::metadata(t.rod.join(&fil))
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| jiff::Timestamp::try_from(m).ok())
                .map(tid::dansk);
            let aktuel = links::aktuel(linkfil, &k.id).map(|i| &linkfil.links[i]);
            let link = aktuel
                .zip(t.noegle.as_ref())
                .and_then(|(l, n)| links::token_for(l, n).map(|tok| links::adresse(&t.url, &tok)));
            Raekke {
                id: k.id.clone(),
                del: url_del(&k.id),
                navn: k.navn.clone(),
                tilstand,
                ord: tilstand.ord(),
                sidst_gemt: sidst_gemt.filter(|_| findes),
                fejl,
                advarsler,
                email: indl.projekt.as_ref().and_then(|p| linkliste::email(k, p)),
                link,
                link_nr: aktuel.map(|l| l.nr),
                genaabnet: genaabnede.contains(k.id.as_str()),
                inviteret: inviterede.contains(k.id.as_str()),
            }
        })
        .collect();
    Overblik {
        raekker,
        projekt: indl.projekt,
    }
}

fn hvem_med<'a>(log: &'a [haendelser::Haendelse], arter: &[Art]) -> HashSet<&'a str> {
    log.iter()
        .filter(|h| arter.contains(&h.art))
        .map(|h| h.hvem.as_str())
        .collect()
}

/// Whether the secretariat reopened kommune `id` after the frist.
pub(crate) fn genaabnet(t: &Tjeneste, id: &str) -> bool {
    let (log, _) = haendelser::laes(&t.rod, &t.periode).unwrap_or_default();
    log.iter().any(|h| h.art == Art::Genaabnet && h.hvem == id)
}
