//! The fremdriftsskema: one table per fokusområde, as the bilag has it — the
//! fokusområde's name over the anbefalinger, «Grøn/gul/rød», «Bemærkninger» — with the
//! id first, last period's answers (through `erstatter`) when there is a previous
//! period, and italic «SKAL-initiativer i 2015:» rows where the round has levels.

use super::Ider;
use super::dele::TEKSTBREDDE;
use super::forside::{OVERSKRIFT, overskrift};
use super::xml::{Kontrol, Laas, Udseende, afsnit, afsnit_af, celle, raekke, run, tabel};
use crate::indhold::model::{Anbefaling, Fokus, Status};
use crate::regneark::{Skabelon, kolonne};
use crate::word::{BEMAERKNINGER, IKKE_BESVARET, PLADSHOLDER, STATUS};

/// The fill of locked text.
const GRAA: &str = "F2F2F2";
const PLADSHOLDER_FARVE: &str = "808080";

/// The column widths (twips): id, anbefaling, [last period], status, bemærkning.
fn bredder(sidste: bool) -> Vec<u32> {
    let (id, status) = (620, 1400);
    if sidste {
        let (anb, sa) = (2900, 2000);
        vec![id, anb, sa, status, TEKSTBREDDE - id - anb - sa - status]
    } else {
        let anb = 3700;
        vec![id, anb, status, TEKSTBREDDE - id - anb - status]
    }
}

pub fn skriv(s: &Skabelon, ider: &mut Ider) -> String {
    let mut ud = afsnit(
        r#"<w:pStyle w:val="Titel"/><w:pageBreakBefore/>"#,
        &run(
            "BILAG. Fremdriftsskema for anbefalinger",
            Udseende::default(),
        ),
    );
    for fokus in &s.runde.fokusomraader {
        ud.push_str(&overskrift(&fokus.titel));
        ud.push_str(&fokus_tabel(s, fokus, ider));
    }
    ud
}

fn fokus_tabel(s: &Skabelon, fokus: &Fokus, ider: &mut Ider) -> String {
    let b = bredder(s.sidste.is_some());
    let mut overskrifter = vec![kolonne::ID.to_string(), fokus.titel.clone()];
    if let Some(sa) = s.sidste {
        overskrifter.push(format!("Svar i {}", sa.periode));
    }
    overskrifter.extend([STATUS.to_string(), BEMAERKNINGER.to_string()]);
    let hoved: String = overskrifter
        .iter()
        .zip(&b)
        .map(|(o, &w)| celle(w, 1, Some(OVERSKRIFT), &afsnit("", &run(o, Udseende::FED))))
        .collect();
    let mut raekker = raekke(&hoved, true);
    let mut niveau = None;
    for a in &fokus.anbefalinger {
        if s.runde.har_niveauer && a.niveau.is_some() && a.niveau != niveau {
            niveau = a.niveau;
            let t = a
                .niveau
                .map(|n| n.overskrift(&s.runde.periode))
                .unwrap_or_default();
            let kursiv = Udseende {
                kursiv: true,
                ..Udseende::default()
            };
            let c = celle(
                TEKSTBREDDE,
                b.len() as u32,
                None,
                &afsnit("", &run(&t, kursiv)),
            );
            raekker.push_str(&raekke(&c, false));
        }
        raekker.push_str(&anbefaling(s, a, &b, ider));
    }
    tabel(&b, &raekker)
}

/// One anbefaling's row.
fn anbefaling(s: &Skabelon, a: &Anbefaling, b: &[u32], ider: &mut Ider) -> String {
    let svar = s.status.and_then(|st| st.svar.get(&a.id));
    let u = Udseende::default();
    let mut laast = |titel: &str, tekst: &str, fed: bool| {
        let k = Kontrol {
            titel,
            tag: &format!("{titel}:{}", a.id),
            id: ider.naeste(),
            laas: Laas::Laast,
        };
        let u = Udseende { fed, ..u };
        afsnit("", &k.tekstfelt(tekst, u))
    };
    let mut celler = vec![
        laast(kolonne::ID, &a.id, true),
        laast(kolonne::ANBEFALING, &a.tekst, false),
    ];
    if let Some(sa) = s.sidste {
        let k = Kontrol {
            titel: "Svar sidste periode",
            tag: &format!("sidste:{}", a.id),
            id: ider.naeste(),
            laas: Laas::Laast,
        };
        let lille = Udseende { str: 16, ..u };
        let linjer = sa.linjer(&a.id).join("\n\n");
        celler.push(k.rigtekst(&afsnit_af(&linjer, "", lille)));
    }
    let status = svar
        .and_then(|v| v.status)
        .map_or(IKKE_BESVARET, Status::navn);
    let mut valg: Vec<&str> = Status::ALLE.iter().map(|s| s.navn()).collect();
    valg.push(IKKE_BESVARET);
    let k = Kontrol {
        titel: &format!("{} {}", kolonne::STATUS, a.id),
        tag: &format!("status:{}", a.id),
        id: ider.naeste(),
        laas: Laas::Udfyld,
    };
    celler.push(afsnit("", &k.rulleliste(&valg, status, u)));
    let k = Kontrol {
        titel: &format!("{} {}", kolonne::BEMAERKNING, a.id),
        tag: &format!("bemaerkning:{}", a.id),
        id: ider.naeste(),
        laas: Laas::Udfyld,
    };
    let indhold = match svar.and_then(|v| v.bemaerkning.as_deref()) {
        Some(t) => afsnit_af(t, "", u),
        None => afsnit_af(
            PLADSHOLDER,
            "",
            Udseende {
                farve: Some(PLADSHOLDER_FARVE),
                ..u
            },
        ),
    };
    celler.push(k.rigtekst(&indhold));
    let fyld = |i: usize| (i < 2 || (s.sidste.is_some() && i == 2)).then_some(GRAA);
    let c: String = celler
        .iter()
        .enumerate()
        .map(|(i, x)| celle(b[i], 1, fyld(i), x))
        .collect();
    raekke(&c, false)
}
