//! «Forslag til nye samarbejdsområder»: a table of a title and a text per proposal, the
//! kommune's proposals so far and a few empty rows; more rows may be added.

use super::Ider;
use super::dele::TEKSTBREDDE;
use super::forside::{OVERSKRIFT, overskrift};
use super::xml::{Kontrol, Laas, Udseende, afsnit, afsnit_af, celle, raekke, run, tabel};
use crate::regneark::{Skabelon, kolonne};
use crate::word::FORSLAG;

/// How many empty rows the table has for new proposals.
const TOMME: usize = 3;

pub fn skriv(s: &Skabelon, ider: &mut Ider) -> String {
    let mut ud = overskrift(FORSLAG);
    ud.push_str(&afsnit(
        "",
        &run(
            "Valgfrit. Skriv ét forslag pr. række: en kort titel og en beskrivelse.",
            Udseende {
                kursiv: true,
                ..Udseende::default()
            },
        ),
    ));
    let titel_b = TEKSTBREDDE * 3 / 10;
    let b = [titel_b, TEKSTBREDDE - titel_b];
    let hoved: String = [kolonne::TITEL, kolonne::TEKST]
        .iter()
        .zip(b)
        .map(|(o, w)| celle(w, 1, Some(OVERSKRIFT), &afsnit("", &run(o, Udseende::FED))))
        .collect();
    let mut raekker = raekke(&hoved, true);
    let forslag = s.status.map(|x| x.forslag.as_slice()).unwrap_or_default();
    let tomme = std::iter::repeat_n(("", ""), TOMME);
    let alle = forslag
        .iter()
        .map(|f| (f.titel.as_str(), f.tekst.as_deref().unwrap_or_default()))
        .chain(tomme);
    for (nr, (titel, tekst)) in (1..).zip(alle) {
        let mut kontrol = |navn: &str| {
            Kontrol {
                titel: &format!("{navn} {nr}"),
                tag: &format!("forslag:{nr}:{navn}"),
                id: ider.naeste(),
                laas: Laas::Udfyld,
            }
            .rigtekst(&afsnit_af(
                tekst_af(navn, titel, tekst),
                "",
                Udseende::default(),
            ))
        };
        let c = format!(
            "{}{}",
            celle(b[0], 1, None, &kontrol(kolonne::TITEL)),
            celle(b[1], 1, None, &kontrol(kolonne::TEKST))
        );
        raekker.push_str(&raekke(&c, false));
    }
    ud.push_str(&tabel(&b, &raekker));
    ud
}

fn tekst_af<'a>(navn: &str, titel: &'a str, tekst: &'a str) -> &'a str {
    if navn == kolonne::TITEL { titel } else { tekst }
}
