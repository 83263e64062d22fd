//! «Oplysninger» (labels in column A, values in column B) and «Forslag» (a table of
//! titles and texts).

use super::super::{Ark, etiket, kolonne};
use super::felt::{self, sted};
use super::{overskrift, svarark};
use crate::indhold::model::Kkr;
use crate::indhold::raa::{Placeret, RawBehandlet, RawForslag, RawKontakt, Tekst};
use crate::indhold::valider::Regler;

/// What «Oplysninger» says.
pub struct Oplysninger {
    pub kommune: Placeret<Tekst>,
    pub behandlet: Option<RawBehandlet>,
    pub kontakt: Option<RawKontakt>,
    pub udkast: bool,
}

const ETIKETTER: [&str; 7] = [
    etiket::KOMMUNE,
    etiket::BEHANDLET_AF,
    etiket::DATO,
    etiket::KONTAKT,
    etiket::EMAIL,
    etiket::TELEFON,
    etiket::UDKAST,
];

/// The row of each label found in column A.
fn raekker(ark: &Ark) -> [Option<u32>; 7] {
    let noegle = |s: &str| s.trim().trim_end_matches(':').trim().to_lowercase();
    ETIKETTER.map(|e| {
        ark.raekker().into_iter().find(|&raekke| {
            ark.celle(raekke, 0)
                .and_then(|v| v.tekst())
                .is_some_and(|t| noegle(&t) == noegle(e))
        })
    })
}

/// Reads «Oplysninger»; `None` when the kommune cannot be found there.
pub fn oplysninger(ark: &Ark, kkr: &Kkr, r: &mut Regler) -> Option<Oplysninger> {
    let [kommune, organ, dato, navn, email, telefon, udkast] = raekker(ark);
    svarark::flettede(ark, 0, &[1], r);
    let tekst = |raekke: Option<u32>, r: &mut Regler| {
        raekke.and_then(|raekke| felt::tekst(ark, raekke, 1, r))
    };
    let Some(kommune_r) = kommune else {
        r.fejl(
            Some(&sted(ark, 0, 0)),
            format!(
                "arket «{}» har ingen række «{}» i kolonne A",
                ark.navn,
                etiket::KOMMUNE
            ),
            "skriv «Kommune» i kolonne A og kommunens navn, kode eller id i kolonne B",
        );
        return None;
    };
    let kommune = kommunen(ark, kommune_r, kkr, r)?;
    let organ_t = tekst(organ, r);
    let dato_t = dato.and_then(|raekke| felt::dato(ark, raekke, 1, r));
    let behandlet = behandlet(ark, organ_t, dato_t, dato.or(organ).unwrap_or(0), r);
    let kontakt = [navn, email, telefon].map(|raekke| tekst(raekke, r));
    let udkast = udkast.and_then(|raekke| felt::ja_nej(ark, raekke, 1, r));
    Some(Oplysninger {
        kommune,
        behandlet,
        kontakt: kontakt.iter().any(Option::is_some).then(|| {
            let [navn, email, telefon] = kontakt;
            RawKontakt {
                navn,
                email,
                telefon: telefon.map(|t| Placeret::ny(Tekst(t.vaerdi), t.sted)),
            }
        }),
        udkast: udkast.unwrap_or(false),
    })
}

/// The kommune by name, kode or id; an unknown one goes on to the validator as typed,
/// which says so with the same words as `check`.
fn kommunen(ark: &Ark, raekke: u32, kkr: &Kkr, r: &mut Regler) -> Option<Placeret<Tekst>> {
    let sted = sted(ark, raekke, 1);
    let Some(v) = ark.celle(raekke, 1) else {
        return Some(Placeret::ny(Tekst::default(), sted));
    };
    let t = felt::som_tekst(v, &sted, r)?;
    let id = kkr
        .find(&t)
        .map_or_else(|| t.trim().to_string(), |k| k.id.clone());
    Some(Placeret::ny(Tekst(id), sted))
}

/// «Behandlet af» and «Dato for behandling»: a treatment needs its date.
fn behandlet(
    ark: &Ark,
    organ: Option<Placeret<String>>,
    dato: Option<Placeret<Tekst>>,
    dato_raekke: u32,
    r: &mut Regler,
) -> Option<RawBehandlet> {
    match (organ, dato) {
        (organ, Some(dato)) => Some(RawBehandlet { organ, dato }),
        (Some(o), None) if ark.celle(dato_raekke, 1).is_none_or(|v| v.er_blank()) => {
            r.fejl(
                Some(&sted(ark, dato_raekke, 1)),
                format!(
                    "«{}» er udfyldt, men «{}» mangler",
                    etiket::BEHANDLET_AF,
                    etiket::DATO
                ),
                format!(
                    "skriv datoen for behandlingen i «{}», fx {}, eller slet «{}»",
                    etiket::DATO,
                    r.eksempeldato().dansk_tal(),
                    o.vaerdi.trim()
                ),
            );
            None
        }
        _ => None,
    }
}

/// «Forslag»: one proposal per row with a title.
pub fn forslag(ark: &Ark, r: &mut Regler) -> Vec<RawForslag> {
    let kendte = [kolonne::TITEL, kolonne::TEKST];
    let Some(o) = overskrift::find(ark, &kendte, &kendte, r) else {
        return Vec::new();
    };
    let [titel_k, tekst_k] = kendte.map(|k| o.kolonne(k).expect("required header"));
    svarark::flettede(ark, o.raekke + 1, &[titel_k, tekst_k], r);
    let mut ud = Vec::new();
    for raekke in ark.raekker().into_iter().filter(|&x| x > o.raekke) {
        let titel = felt::tekst(ark, raekke, titel_k, r);
        let tekst = felt::tekst(ark, raekke, tekst_k, r);
        match (titel, tekst) {
            (Some(titel), tekst) => ud.push(RawForslag { titel, tekst }),
            (None, Some(_)) => r.fejl(
                Some(&sted(ark, raekke, titel_k)),
                format!(
                    "forslaget i række {} har en tekst, men ingen titel",
                    raekke + 1
                ),
                "skriv en kort titel på forslaget",
            ),
            (None, None) => {}
        }
    }
    ud
}
