//! How long the form's values may be: a one-line field at most 500 characters, a
//! bemærkning or a forslag's text at most 20.000. A longer value is refused with a
//! Danish message at its field, like any other rule, and nothing is written.

use std::path::Path;

use super::felter::{Felt, Formular};
use crate::dansk::tal;
use crate::diagnose::{Alvor, Diagnose, Sted};

/// The longest value of a one-line field (organ, contact, date, a forslag's title).
pub const MAKS_KORT: usize = 500;
/// The longest bemærkning or forslag text: some pages of the bilag's table.
pub const MAKS_LANG: usize = 20_000;

/// A message at each field whose value is longer than the field allows.
pub fn for_lange(f: &Formular, fil: &Path) -> Vec<Diagnose> {
    Felt::alle(f)
        .into_iter()
        .filter_map(|felt| {
            let (n, maks) = (vaerdi(f, felt).chars().count(), maks(felt));
            (n > maks).then(|| {
                let besked = format!(
                    "teksten er på {} tegn, men feltet kan højst rumme {} tegn",
                    tal(n as u64),
                    tal(maks as u64)
                );
                Diagnose::ny(Alvor::Fejl, fil, Some(Sted::Felt(felt.etiket(f))), besked)
                    .med_hint(hint(felt))
            })
        })
        .collect()
}

fn maks(felt: Felt) -> usize {
    match felt {
        Felt::Bemaerkning(_) | Felt::ForslagTekst(_) => MAKS_LANG,
        _ => MAKS_KORT,
    }
}

fn hint(felt: Felt) -> &'static str {
    match felt {
        Felt::Bemaerkning(_) | Felt::ForslagTekst(_) => {
            "forkort teksten; den skal kunne stå i bilagets skema"
        }
        _ => "feltet er til en kort oplysning; skriv det lange i en bemærkning",
    }
}

fn vaerdi(f: &Formular, felt: Felt) -> &str {
    match felt {
        Felt::Organ => &f.organ,
        Felt::Dato => &f.dato,
        Felt::Navn => &f.navn,
        Felt::Email => &f.email,
        Felt::Telefon => &f.telefon,
        Felt::Udkast => "",
        Felt::Status(i) => &f.svar[i].status,
        Felt::Bemaerkning(i) => &f.svar[i].bemaerkning,
        Felt::ForslagTitel(i) => &f.forslag[i].titel,
        Felt::ForslagTekst(i) => &f.forslag[i].tekst,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formular::felter::{Forslagfelt, Svarfelt};

    #[test]
    fn a_value_over_its_fields_limit_gets_a_message_at_the_field() {
        let mut f = Formular {
            organ: "ø".repeat(MAKS_KORT),
            svar: vec![Svarfelt {
                id: "v1".into(),
                status: String::new(),
                bemaerkning: "æ".repeat(MAKS_LANG + 1),
            }],
            forslag: vec![Forslagfelt {
                titel: "t".repeat(MAKS_KORT + 1),
                tekst: "x".repeat(MAKS_LANG),
            }],
            ..Formular::default()
        };
        let fil = Path::new("content/2015/status/alfa.yaml");
        let d = for_lange(&f, fil);
        let felter: Vec<_> = d.iter().filter_map(|d| Felt::for_diagnose(d, &f)).collect();
        assert_eq!(felter, [Felt::Bemaerkning(0), Felt::ForslagTitel(0)]);
        assert_eq!(
            d[0].to_string(),
            "content/2015/status/alfa.yaml, feltet «Bemærkning til v1»: fejl: teksten er på \
             20.001 tegn, men feltet kan højst rumme 20.000 tegn\n  \
             hint: forkort teksten; den skal kunne stå i bilagets skema"
        );
        f.organ.push('ø');
        assert_eq!(for_lange(&f, fil).len(), 3);
    }
}
