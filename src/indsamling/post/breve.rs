//! The letters, in Danish: the invitation with a kommune's personal link, and the
//! reminder. Plain text, one paragraph a line, so mail programs wrap them to the window.

use crate::dansk::genitiv;
use crate::indhold::dato::Dato;
use crate::indhold::model::{Kkr, Kommune, Runde, Sekretariat};

/// One letter to one recipient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brev {
    pub til: String,
    pub emne: String,
    /// Lines end in `\n`; SMTP and `mailto:` turn them into CRLF.
    pub tekst: String,
}

/// What a letter to a kommune says.
#[derive(Clone, Copy, Debug)]
pub struct Brevdata<'a> {
    /// "Albertslund Kommune".
    pub kommune: &'a str,
    pub til: &'a str,
    pub link: &'a str,
    pub frist: Option<&'a Dato>,
    /// "KKR Hovedstaden".
    pub kkr: &'a str,
    /// "2015".
    pub periode: &'a str,
    /// The round's title, «Status for anbefalinger til …».
    pub titel: &'a str,
    /// Name, e-mail and telephone of whom to ask.
    pub sekretariat: &'a Sekretariat,
}

impl<'a> Brevdata<'a> {
    /// The letter to `kommune` in `runde`, sent to `til` with `link`.
    pub fn ny(
        kkr: &'a Kkr,
        runde: &'a Runde,
        kommune: &'a Kommune,
        til: &'a str,
        link: &'a str,
    ) -> Self {
        Self {
            kommune: &kommune.navn,
            til,
            link,
            frist: runde.frist.as_ref(),
            kkr: &kkr.navn,
            periode: &runde.periode,
            titel: &runde.titel,
            sekretariat: &kkr.sekretariat,
        }
    }
}

/// The first letter, with the link.
pub fn invitation(k: &Brevdata) -> Brev {
    let mut t = format!("Kære {}\n\n", k.kommune);
    t += &format!(
        "{} samler kommunernes status på anbefalingerne for {} («{}»), og vi beder jer \
         udfylde jeres fremdriftsskema.\n\n",
        k.kkr, k.periode, k.titel
    );
    t += &format!("Jeres skema:\n{}\n\n", k.link);
    t += "Linket åbner skemaet i browseren; I skal ikke installere noget. I kan gemme \
          undervejs og fortsætte senere, også fra en anden pc. Ved siden af skemaet ser I \
          jeres bilag, som I kan hente som PDF til kommunalbestyrelsen.\n\n";
    t += &saadan_afslutter_i();
    t += &frist(k);
    t += &afslutning(k);
    Brev {
        til: k.til.to_string(),
        emne: format!(
            "Status på {} anbefalinger {}: jeres link til fremdriftsskemaet",
            genitiv(k.kkr),
            k.periode
        ),
        tekst: t,
    }
}

/// The reminder, with the same link.
pub fn paamindelse(k: &Brevdata) -> Brev {
    let mut t = format!("Kære {}\n\n", k.kommune);
    t += &format!(
        "Vi mangler stadig jeres status på {} anbefalinger for {}.\n\n",
        genitiv(k.kkr),
        k.periode
    );
    t += &format!("Jeres skema:\n{}\n\n", k.link);
    t += "Har I allerede gemt en kladde, ligger den klar, når I åbner linket. ";
    t += &saadan_afslutter_i();
    t += &frist(k);
    t += &afslutning(k);
    let emne = match k.frist {
        Some(d) => format!(
            "Påmindelse: status på {} anbefalinger {} – fristen er den {}",
            genitiv(k.kkr),
            k.periode,
            d.dansk()
        ),
        None => format!(
            "Påmindelse: status på {} anbefalinger {}",
            genitiv(k.kkr),
            k.periode
        ),
    };
    Brev {
        til: k.til.to_string(),
        emne,
        tekst: t,
    }
}

fn saadan_afslutter_i() -> String {
    "Når svarene er endelige, fjerner I krydset ved «Udkast» og trykker «Gem».\n\n".into()
}

fn frist(k: &Brevdata) -> String {
    match k.frist {
        Some(d) => format!("Fristen er den {}.\n\n", d.dansk()),
        None => String::new(),
    }
}

/// The personal link's warning, whom to ask, and the greeting.
fn afslutning(k: &Brevdata) -> String {
    let afsender = k
        .sekretariat
        .navn
        .clone()
        .unwrap_or_else(|| format!("{} sekretariat", genitiv(k.kkr)));
    let mut t = format!(
        "Linket er personligt for {}: alle, der har det, kan se og ændre jeres svar. Del \
         det kun med de kolleger, der skal udfylde skemaet, og send det ikke videre uden \
         for teamet.\n\n",
        k.kommune
    );
    t += &format!(
        "Har I spørgsmål, så kontakt {afsender}{}.\n\n",
        kontakt(k.sekretariat)
    );
    t += &format!("Med venlig hilsen\n{afsender}\n");
    t
}

/// " på kkr@kl.dk eller telefon 3370 3370", as far as it is known.
fn kontakt(s: &Sekretariat) -> String {
    let dele: Vec<String> = [
        s.email.clone(),
        s.telefon.clone().map(|t| format!("telefon {t}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    match dele.is_empty() {
        true => String::new(),
        false => format!(" på {}", dele.join(" eller ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sekretariat() -> Sekretariat {
        Sekretariat {
            navn: Some("KKR Hovedstadens sekretariat".into()),
            email: Some("HGB@kl.dk".into()),
            telefon: Some("3370 3370".into()),
            ..Sekretariat::default()
        }
    }

    fn data<'a>(s: &'a Sekretariat, frist: Option<&'a Dato>) -> Brevdata<'a> {
        Brevdata {
            kommune: "Albertslund Kommune",
            til: "jobcenter@albertslund.dk",
            link: "https://indsamling.kkr.dk/k/abc123",
            frist,
            kkr: "KKR Hovedstaden",
            periode: "2015",
            titel: "Status for anbefalinger til tværkommunalt samarbejde",
            sekretariat: s,
        }
    }

    fn frist() -> Dato {
        Dato::parse("2016-02-29").unwrap()
    }

    #[test]
    fn the_invitation_has_the_link_the_danish_frist_and_the_contact() {
        let (s, d) = (sekretariat(), frist());
        let b = invitation(&data(&s, Some(&d)));
        assert_eq!(b.til, "jobcenter@albertslund.dk");
        assert_eq!(
            b.emne,
            "Status på KKR Hovedstadens anbefalinger 2015: jeres link til fremdriftsskemaet"
        );
        let t = &b.tekst;
        assert!(t.starts_with("Kære Albertslund Kommune\n\n"), "{t}");
        assert!(t.contains("\nhttps://indsamling.kkr.dk/k/abc123\n"), "{t}");
        assert!(t.contains("Fristen er den 29. februar 2016."), "{t}");
        assert!(
            t.contains("Linket er personligt for Albertslund Kommune"),
            "{t}"
        );
        assert!(t.contains("send det ikke videre uden for teamet"), "{t}");
        assert!(
            t.contains(
                "kontakt KKR Hovedstadens sekretariat på HGB@kl.dk eller telefon 3370 3370."
            ),
            "{t}"
        );
        assert!(t.contains("«Udkast»"), "{t}");
        assert!(
            t.ends_with("Med venlig hilsen\nKKR Hovedstadens sekretariat\n"),
            "{t}"
        );
    }

    #[test]
    fn the_reminder_names_the_frist_in_its_subject() {
        let (s, d) = (sekretariat(), frist());
        let b = paamindelse(&data(&s, Some(&d)));
        assert_eq!(
            b.emne,
            "Påmindelse: status på KKR Hovedstadens anbefalinger 2015 – fristen er den 29. februar 2016"
        );
        assert!(
            b.tekst.contains("Vi mangler stadig jeres status"),
            "{}",
            b.tekst
        );
        assert!(b.tekst.contains("\nhttps://indsamling.kkr.dk/k/abc123\n"));
        assert!(b.tekst.contains("ligger den klar"));
    }

    #[test]
    fn without_a_frist_or_contact_details_the_letters_leave_them_out() {
        let s = Sekretariat::default();
        let b = paamindelse(&data(&s, None));
        assert_eq!(
            b.emne,
            "Påmindelse: status på KKR Hovedstadens anbefalinger 2015"
        );
        assert!(!b.tekst.contains("Fristen"), "{}", b.tekst);
        assert!(
            b.tekst
                .contains("så kontakt KKR Hovedstadens sekretariat.\n"),
            "{}",
            b.tekst
        );
        assert!(
            invitation(&data(&s, None))
                .tekst
                .ends_with("\nKKR Hovedstadens sekretariat\n")
        );
    }
}
