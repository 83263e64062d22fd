//! Posted form values as a [`RawStatus`] whose every value is placed at its form field
//! (`Sted::Felt`), so `valider_status` gives the messages of `check` — with the problems
//! only a form can have: a value too long ([`super::graenser`]), a treatment without a
//! date, a forslag without a title.

use std::path::Path;

use super::felter::{Felt, Formular};
use super::graenser;
use crate::diagnose::{Alvor, Diagnose, Sted};
use crate::indhold::raa::{
    Placeret, RawBehandlet, RawForslag, RawKontakt, RawStatus, RawSvar, Tekst,
};

impl Formular {
    /// The raw status to validate, every value placed at its field, and the problems
    /// only a form can have (a value too long, a treatment without a date, a forslag
    /// without a title).
    pub fn til_raa(&self, kommune: &str, fil: &Path) -> (RawStatus, Vec<Diagnose>) {
        let mut fejl = graenser::for_lange(self, fil);
        let mut felt_fejl = |felt: Felt, besked: &str, hint: &str| {
            fejl.push(Diagnose::ny(Alvor::Fejl, fil, Some(self.sted(felt)), besked).med_hint(hint));
        };
        let behandlet = match (self.organ.trim(), self.dato.trim()) {
            ("", "") => None,
            (_, "") => {
                felt_fejl(
                    Felt::Dato,
                    "datoen for behandlingen mangler",
                    "skriv datoen, hvor status blev behandlet, eller tøm feltet «Behandlet af»",
                );
                None
            }
            (organ, _) => Some(RawBehandlet {
                organ: Some(Placeret::ny(organ.to_string(), self.sted(Felt::Organ))),
                dato: self.placer(Felt::Dato, &self.dato),
            }),
        };
        let mut forslag = Vec::new();
        for (i, f) in self.forslag.iter().enumerate() {
            match (f.titel.trim(), f.tekst.trim()) {
                ("", "") => {}
                ("", _) => felt_fejl(
                    Felt::ForslagTitel(i),
                    "forslaget har ingen titel",
                    "giv forslaget en titel, eller fjern det",
                ),
                (titel, tekst) => forslag.push(RawForslag {
                    titel: Placeret::ny(titel.to_string(), self.sted(Felt::ForslagTitel(i))),
                    tekst: Some(Placeret::ny(
                        tekst.to_string(),
                        self.sted(Felt::ForslagTekst(i)),
                    )),
                }),
            }
        }
        let raw = RawStatus {
            kommune: Placeret::ny(Tekst(kommune.to_string()), Sted::Felt("Kommune".into())),
            behandlet,
            kontakt: Some(RawKontakt {
                navn: Some(Placeret::ny(self.navn.clone(), self.sted(Felt::Navn))),
                email: Some(Placeret::ny(self.email.clone(), self.sted(Felt::Email))),
                telefon: Some(self.placer(Felt::Telefon, &self.telefon)),
            }),
            udkast: self.udkast,
            svar: self.raa_svar(),
            forslag,
        };
        (raw, fejl)
    }

    fn raa_svar(&self) -> Vec<(Placeret<Tekst>, RawSvar)> {
        self.svar
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let status = self.placer(Felt::Status(i), &s.status);
                let svar = RawSvar {
                    status: Some(status.clone()),
                    bemaerkning: Some(Placeret::ny(
                        s.bemaerkning.clone(),
                        self.sted(Felt::Bemaerkning(i)),
                    )),
                };
                (Placeret::ny(Tekst(s.id.clone()), status.sted), svar)
            })
            .collect()
    }

    fn sted(&self, felt: Felt) -> Sted {
        Sted::Felt(felt.etiket(self))
    }

    fn placer(&self, felt: Felt, vaerdi: &str) -> Placeret<Tekst> {
        Placeret::ny(Tekst(vaerdi.to_string()), self.sted(felt))
    }
}
