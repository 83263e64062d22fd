//! The form's values ([`Formular`]) and its fields ([`Felt`]): a validated status
//! becomes form values to show; the way back, posted values as a raw status placed at
//! their fields, is in [`super::raastatus`].

use crate::diagnose::{Diagnose, Sted};
use crate::indhold::model::{KommuneStatus, Runde};

/// Everything the form holds, as text the way the fields show it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Formular {
    pub organ: String,
    /// `ÅÅÅÅ-MM-DD`, as a date field sends it.
    pub dato: String,
    pub navn: String,
    pub email: String,
    pub telefon: String,
    pub udkast: bool,
    /// One answer per anbefaling, in the round's order when loaded.
    pub svar: Vec<Svarfelt>,
    pub forslag: Vec<Forslagfelt>,
}

/// The answer to one anbefaling: its status word ("grøn", "gul", "rød" or "" for «Ikke
/// besvaret») and the bemærkning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Svarfelt {
    pub id: String,
    pub status: String,
    pub bemaerkning: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Forslagfelt {
    pub titel: String,
    pub tekst: String,
}

/// A field of the form: its visible label names it in messages, and its HTML id lets
/// a message stand at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Felt {
    Organ,
    Dato,
    Navn,
    Email,
    Telefon,
    Udkast,
    /// The status of the answer at this index of [`Formular::svar`].
    Status(usize),
    Bemaerkning(usize),
    /// A forslag, numbered from 0.
    ForslagTitel(usize),
    ForslagTekst(usize),
}

impl Felt {
    /// The label as messages name it: «Dato for behandling», «Status for v1».
    pub fn etiket(self, f: &Formular) -> String {
        let id = |i: usize| f.svar.get(i).map_or("", |s| s.id.as_str()).to_string();
        match self {
            Felt::Organ => "Behandlet af".into(),
            Felt::Dato => "Dato for behandling".into(),
            Felt::Navn => "Kontaktperson".into(),
            Felt::Email => "E-mail".into(),
            Felt::Telefon => "Telefon".into(),
            Felt::Udkast => "Udkast".into(),
            Felt::Status(i) => format!("Status for {}", id(i)),
            Felt::Bemaerkning(i) => format!("Bemærkning til {}", id(i)),
            Felt::ForslagTitel(i) => format!("Forslag {}: Titel", i + 1),
            Felt::ForslagTekst(i) => format!("Forslag {}: Tekst", i + 1),
        }
    }

    /// The id of the control (or, for a status, of its group) in the page.
    pub fn html_id(self) -> String {
        match self {
            Felt::Organ => "f-organ".into(),
            Felt::Dato => "f-dato".into(),
            Felt::Navn => "f-kontakt".into(),
            Felt::Email => "f-email".into(),
            Felt::Telefon => "f-telefon".into(),
            Felt::Udkast => "f-udkast".into(),
            Felt::Status(i) => format!("a{}-status", i + 1),
            Felt::Bemaerkning(i) => format!("a{}-bem", i + 1),
            Felt::ForslagTitel(i) => format!("forslag{}-titel", i + 1),
            Felt::ForslagTekst(i) => format!("forslag{}-tekst", i + 1),
        }
    }

    /// Every field of a form, in page order.
    pub fn alle(f: &Formular) -> Vec<Felt> {
        let mut ud = vec![
            Felt::Organ,
            Felt::Dato,
            Felt::Navn,
            Felt::Email,
            Felt::Telefon,
            Felt::Udkast,
        ];
        for i in 0..f.svar.len() {
            ud.extend([Felt::Status(i), Felt::Bemaerkning(i)]);
        }
        for i in 0..f.forslag.len() {
            ud.extend([Felt::ForslagTitel(i), Felt::ForslagTekst(i)]);
        }
        ud
    }

    /// The field a diagnostic stands at, if it names one of this form's labels.
    pub fn for_diagnose(d: &Diagnose, f: &Formular) -> Option<Felt> {
        let Some(Sted::Felt(navn)) = &d.sted else {
            return None;
        };
        Felt::alle(f)
            .into_iter()
            .find(|felt| felt.etiket(f) == *navn)
    }
}

impl Formular {
    /// The form for a kommune's answers (or an empty one, ready to fill in, with
    /// «Udkast» ticked as `fremdrift skabelon` writes it).
    pub fn fra_status(runde: &Runde, status: Option<&KommuneStatus>) -> Self {
        let behandlet = status.and_then(|s| s.behandlet.as_ref());
        let kontakt = status.and_then(|s| s.kontakt.as_ref());
        let tekst = |v: Option<&Option<String>>| v.and_then(|v| v.clone()).unwrap_or_default();
        Self {
            organ: tekst(behandlet.map(|b| &b.organ)),
            dato: behandlet.map(|b| b.dato.iso()).unwrap_or_default(),
            navn: tekst(kontakt.map(|k| &k.navn)),
            email: tekst(kontakt.map(|k| &k.email)),
            telefon: tekst(kontakt.map(|k| &k.telefon)),
            udkast: status.is_none_or(|s| s.udkast),
            svar: runde
                .anbefalinger()
                .map(|a| {
                    let svar = status.and_then(|s| s.svar.get(&a.id));
                    Svarfelt {
                        id: a.id.clone(),
                        status: svar
                            .and_then(|s| s.status)
                            .map(|s| s.yaml().to_string())
                            .unwrap_or_default(),
                        bemaerkning: svar.and_then(|s| s.bemaerkning.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
            forslag: status
                .map(|s| &s.forslag[..])
                .unwrap_or_default()
                .iter()
                .map(|f| Forslagfelt {
                    titel: f.titel.clone(),
                    tekst: f.tekst.clone().unwrap_or_default(),
                })
                .collect(),
        }
    }

    /// Adds an empty answer for every anbefaling of the round the form lacks (one
    /// added to the round after the form was loaded), so every one has its fieldset.
    pub fn tilfoej_manglende(&mut self, runde: &Runde) {
        for a in runde.anbefalinger() {
            if !self.svar.iter().any(|s| s.id == a.id) {
                self.svar.push(Svarfelt {
                    id: a.id.clone(),
                    ..Svarfelt::default()
                });
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::diagnose::Diagnoser;
    use crate::indhold::projekt::{self, Projekt};
    use crate::indhold::valider;
    use crate::statusfil::Statusfil;

    pub(crate) fn standard() -> Projekt {
        let rod = Path::new(env!("CARGO_MANIFEST_DIR"));
        projekt::indlaes(rod, "2015").uden_fejl().expect("valid").0
    }

    fn valider(p: &Projekt, f: &Formular, kommune: &str) -> (Option<KommuneStatus>, Diagnoser) {
        let fil = PathBuf::from(format!("content/2015/status/{kommune}.yaml"));
        let (raw, fejl) = f.til_raa(kommune, &fil);
        let mut d = Diagnoser(fejl);
        let s = valider::valider_status(raw, &p.kkr, &p.runde, &fil, &mut d);
        (s.filter(|_| !d.har_fejl()), d)
    }

    #[test]
    fn every_default_status_survives_form_and_back_to_the_same_file() {
        let p = standard();
        for s in &p.status {
            let f = Formular::fra_status(&p.runde, Some(s));
            let (igen, d) = valider(&p, &f, &s.kommune.id);
            let igen = igen.unwrap_or_else(|| panic!("{}: {d}", s.kommune.id));
            let tekst = |s: &KommuneStatus| {
                Statusfil {
                    kommune: &s.kommune,
                    runde: &p.runde,
                    status: Some(s),
                }
                .tekst()
            };
            assert_eq!(tekst(&igen), tekst(s), "{}", s.kommune.id);
            assert_eq!(Formular::fra_status(&p.runde, Some(&igen)), f);
        }
    }

    #[test]
    fn an_empty_form_lists_every_anbefaling_unanswered_as_a_draft() {
        let p = standard();
        let f = Formular::fra_status(&p.runde, None);
        assert_eq!(f.svar.len(), p.runde.anbefalinger().count());
        assert!(f.svar.iter().all(|s| s.status.is_empty()));
        assert!(f.udkast);
        let (s, d) = valider(&p, &f, "albertslund");
        let s = s.expect("an empty form is valid");
        assert!(s.svar.is_empty() && s.behandlet.is_none());
        assert_eq!(d.antal_advarsler(), 1, "{d}");
    }

    #[test]
    fn a_bad_date_gets_the_message_of_check_at_its_field() {
        let p = standard();
        let mut f = Formular::fra_status(&p.runde, None);
        f.organ = "Byrådet".into();
        f.dato = "2016-02-30".into();
        let (s, d) = valider(&p, &f, "albertslund");
        assert!(s.is_none());
        assert_eq!(
            d.0[0].to_string(),
            "content/2015/status/albertslund.yaml, feltet «Dato for behandling»: fejl: \
             datoen «2016-02-30» findes ikke\n  \
             hint: februar 2016 har 29 dage; vælg dagen i kalenderen"
        );
        assert_eq!(Felt::for_diagnose(&d.0[0], &f), Some(Felt::Dato));
    }

    #[test]
    fn a_forged_status_word_is_refused_at_its_group() {
        let p = standard();
        let mut f = Formular::fra_status(&p.runde, None);
        f.svar[2].status = "grønn".into();
        let (_, d) = valider(&p, &f, "albertslund");
        let fejl = d.0.iter().find(|d| d.er_fejl()).expect("an error");
        assert!(fejl.besked.contains("ugyldig status «grønn»"), "{fejl}");
        assert_eq!(
            fejl.hint.as_deref(),
            Some("mente du «grøn»? Gyldige værdier er grøn, gul og rød")
        );
        assert_eq!(Felt::for_diagnose(fejl, &f), Some(Felt::Status(2)));
    }

    #[test]
    fn form_only_rules_name_their_fields() {
        let p = standard();
        let mut f = Formular::fra_status(&p.runde, None);
        f.organ = "Byrådet".into();
        f.forslag = vec![
            Forslagfelt::default(),
            Forslagfelt {
                titel: " ".into(),
                tekst: "Uden titel".into(),
            },
        ];
        let (s, d) = valider(&p, &f, "albertslund");
        assert!(s.is_none());
        let felter: Vec<_> =
            d.0.iter()
                .filter_map(|d| Felt::for_diagnose(d, &f))
                .collect();
        assert_eq!(felter, [Felt::Dato, Felt::ForslagTitel(1)], "{d}");
    }

    #[test]
    fn empty_forslag_rows_and_a_date_without_organ_are_fine() {
        let p = standard();
        let mut f = Formular::fra_status(&p.runde, None);
        f.dato = "2016-01-26".into();
        f.forslag = vec![Forslagfelt::default()];
        let s = valider(&p, &f, "albertslund").0.expect("valid");
        assert!(s.forslag.is_empty());
        let b = s.behandlet.expect("a date alone is a treatment");
        assert_eq!((b.organ, b.dato.iso()), (None, "2016-01-26".to_string()));
    }
}
