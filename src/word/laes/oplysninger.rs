//! The oplysninger table: a label in the first column («Kommune», «Behandlet af»,
//! «Dato for behandling», «Kontaktperson», «E-mail», «Telefon», «Udkast») and its
//! value in the next cell; rows may be moved.

use super::felt::{self, noegle};
use crate::diagnose::Sted;
use crate::indhold::dato::DatoFejl;
use crate::indhold::model::Kkr;
use crate::indhold::raa::{Placeret, RawBehandlet, RawKontakt, Tekst};
use crate::indhold::valider::Regler;
use crate::regneark::{dato_fra_tekst, etiket};
use crate::word::{Celle, Dokument, Tabel};

/// What the oplysninger say.
pub struct Oplysninger {
    pub kommune: Placeret<Tekst>,
    pub behandlet: Option<RawBehandlet>,
    pub kontakt: Option<RawKontakt>,
    pub udkast: bool,
}

/// One table's labelled values.
struct Felter<'a> {
    nr: usize,
    tabel: &'a Tabel,
}

impl<'a> Felter<'a> {
    /// The value cell of the row labelled `navn`.
    fn celle(&self, navn: &str) -> Option<&'a Celle> {
        self.tabel.raekker.iter().find_map(|r| {
            let (foerste, resten) = r.celler.split_first()?;
            (noegle(&foerste.tekst()) == noegle(navn)).then(|| resten.first())?
        })
    }

    fn sted(&self, navn: &str) -> Sted {
        Sted::Dokument(format!("tabel {}, feltet «{navn}»", self.nr))
    }

    fn tekst(&self, navn: &str) -> Option<Placeret<String>> {
        felt::placeret(self.celle(navn), self.sted(navn))
    }
}

/// The first table with a row labelled «Kommune».
fn find(dok: &Dokument) -> Option<Felter<'_>> {
    dok.tabeller.iter().enumerate().find_map(|(i, tabel)| {
        let f = Felter { nr: i + 1, tabel };
        f.tabel
            .raekker
            .iter()
            .any(|r| {
                r.celler
                    .first()
                    .is_some_and(|c| noegle(&c.tekst()) == noegle(etiket::KOMMUNE))
            })
            .then_some(f)
    })
}

/// Reads the oplysninger; `None` when the kommune cannot be found.
pub fn oplysninger(dok: &Dokument, kkr: &Kkr, r: &mut Regler) -> Option<Oplysninger> {
    let Some(f) = find(dok) else {
        r.fejl(
            None,
            format!(
                "dokumentet har ingen tabel med rækken «{}» i første kolonne",
                etiket::KOMMUNE
            ),
            super::BRUG_SKEMAET,
        );
        return None;
    };
    let kommune = match f.tekst(etiket::KOMMUNE) {
        Some(t) => {
            let id = kkr
                .find(&t.vaerdi)
                .map_or_else(|| t.vaerdi.trim().to_string(), |k| k.id.clone());
            Placeret::ny(Tekst(id), t.sted)
        }
        None => Placeret::ny(Tekst::default(), f.sted(etiket::KOMMUNE)),
    };
    let organ = f.tekst(etiket::BEHANDLET_AF);
    let dato = dato(&f, r);
    let behandlet = behandlet(&f, organ, dato, r);
    let [navn, email, telefon] =
        [etiket::KONTAKT, etiket::EMAIL, etiket::TELEFON].map(|e| f.tekst(e));
    let kontakt = (navn.is_some() || email.is_some() || telefon.is_some()).then(|| RawKontakt {
        navn,
        email,
        telefon: telefon.map(|t| Placeret::ny(Tekst(t.vaerdi), t.sted)),
    });
    Some(Oplysninger {
        kommune,
        behandlet,
        kontakt,
        udkast: udkast(&f, r).unwrap_or(false),
    })
}

/// «Dato for behandling» as ÅÅÅÅ-MM-DD for the validator.
fn dato(f: &Felter, r: &mut Regler) -> Option<Placeret<Tekst>> {
    let t = f.tekst(etiket::DATO)?;
    match dato_fra_tekst(&t.vaerdi) {
        Ok(d) => return Some(Placeret::ny(Tekst(d.iso()), t.sted)),
        Err(DatoFejl::Form) => r.fejl(
            Some(&t.sted),
            format!("«{}» er ikke en dato", t.vaerdi),
            "skriv datoen som 21-01-2016 eller 21. januar 2016",
        ),
        Err(DatoFejl::FindesIkke) => r.fejl(
            Some(&t.sted),
            format!("datoen «{}» findes ikke", t.vaerdi),
            "tjek dag og måned; februar har 28 dage (29 i skudår)",
        ),
    }
    None
}

/// «Behandlet af» and «Dato for behandling»: a treatment needs its date.
fn behandlet(
    f: &Felter,
    organ: Option<Placeret<String>>,
    dato: Option<Placeret<Tekst>>,
    r: &mut Regler,
) -> Option<RawBehandlet> {
    match (organ, dato) {
        (organ, Some(dato)) => Some(RawBehandlet { organ, dato }),
        (Some(o), None) if f.tekst(etiket::DATO).is_none() => {
            r.fejl(
                Some(&f.sted(etiket::DATO)),
                format!(
                    "«{}» er udfyldt, men «{}» mangler",
                    etiket::BEHANDLET_AF,
                    etiket::DATO
                ),
                format!(
                    "skriv datoen for behandlingen i «{}», fx 21-01-2016, eller slet «{}»",
                    etiket::DATO,
                    o.vaerdi.trim()
                ),
            );
            None
        }
        _ => None,
    }
}

/// «Udkast»: Ja, Nej (any case) or empty.
fn udkast(f: &Felter, r: &mut Regler) -> Option<bool> {
    let t = f.tekst(etiket::UDKAST)?;
    match noegle(&t.vaerdi).as_str() {
        "ja" => Some(true),
        "nej" => Some(false),
        ord => {
            r.ukendt(
                &t.sted,
                format!("«{}» er hverken Ja eller Nej", t.vaerdi),
                ord,
                ["Ja", "Nej"],
                "Vælg Ja eller Nej fra listen.",
                "vælg Ja eller Nej fra listen",
            );
            None
        }
    }
}
