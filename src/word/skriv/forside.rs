//! Page 1: «NOTAT» with the KKR's mark on the right, the date, the title and kommune, a
//! short Danish guide, and the oplysninger table (Behandlet af, Dato for behandling,
//! the contact and Udkast) to fill in.

use super::Ider;
use super::dele::TEKSTBREDDE;
use super::xml::{Kontrol, Laas, Udseende, afsnit, celle, raekke, run, tabel};
use crate::regneark::{Skabelon, etiket, ja_nej};
use crate::word::{BEMAERKNINGER, FORSLAG, IKKE_BESVARET, OPLYSNINGER, STATUS};

/// The fill of a header or label cell.
pub const OVERSKRIFT: &str = "D9D9D9";

pub fn skriv(s: &Skabelon, ider: &mut Ider) -> String {
    let mut ud = hoved(s);
    ud.push_str(&afsnit(
        r#"<w:pStyle w:val="Titel"/>"#,
        &run("Fremdriftsskema for anbefalinger", Udseende::default()),
    ));
    ud.push_str(&afsnit(
        "",
        &run(
            &format!(
                "{} – {} ({})",
                s.kommune.navn, s.runde.titel, s.runde.periode
            ),
            Udseende::FED,
        ),
    ));
    ud.push_str(&vejledning(s));
    ud.push_str(&overskrift(OPLYSNINGER));
    ud.push_str(&oplysninger(s, ider));
    ud
}

/// «NOTAT» left, the KKR's name in capitals over two lines right, then the date.
fn hoved(s: &Skabelon) -> String {
    let navn = s.kkr.navn.to_uppercase();
    let (foerste, resten) = navn.split_once(' ').unwrap_or((&navn, ""));
    let tab = format!(r#"<w:tabs><w:tab w:val="right" w:pos="{TEKSTBREDDE}"/></w:tabs>"#);
    let maerke = Udseende {
        fed: true,
        str: 28,
        ..Udseende::default()
    };
    let mut ud = afsnit(
        &tab,
        &format!(
            "{}{}",
            run("NOTAT", maerke),
            run(&format!("\t{foerste}"), maerke)
        ),
    );
    if !resten.is_empty() {
        ud.push_str(&afsnit(&tab, &run(&format!("\t{resten}"), maerke)));
    }
    let lille = Udseende {
        str: 16,
        ..Udseende::default()
    };
    let mut linjer = vec![format!("Den {}", s.runde.dato.dansk())];
    linjer.extend(s.runde.sags_id.iter().map(|x| format!("Sags ID: {x}")));
    linjer.extend(s.runde.dok_id.iter().map(|x| format!("Dok.ID: {x}")));
    for l in linjer {
        ud.push_str(&afsnit(
            r#"<w:spacing w:after="0"/><w:jc w:val="right"/>"#,
            &run(&l, lille),
        ));
    }
    ud
}

pub fn overskrift(tekst: &str) -> String {
    afsnit(
        r#"<w:pStyle w:val="Overskrift1"/>"#,
        &run(tekst, Udseende::default()),
    )
}

/// The guide, numbered as the workbook's.
fn vejledning(s: &Skabelon) -> String {
    let frist = s
        .runde
        .frist
        .map(|d| format!(" senest den {}", d.dansk()))
        .unwrap_or_default();
    let modtager = s.kkr.sekretariat.navn.as_deref().unwrap_or(&s.kkr.navn);
    let mut trin = vec![
        format!("1. Udfyld tabellen «{OPLYSNINGER}» nedenfor: hvem der har behandlet status og hvornår, en kontaktperson, og om svarene stadig er et udkast."),
        format!("2. I fremdriftsskemaet har hver anbefaling sin række. Vælg status i kolonnen «{STATUS}»: Grøn, Gul, Rød eller {IKKE_BESVARET}."),
        format!("3. Beskriv fremdriften i kolonnen «{BEMAERKNINGER}». Feltet kan rumme flere afsnit; tekst, der sættes ind fra et andet dokument, beholder sine afsnit, men ikke sin formatering."),
        format!("4. Har kommunen forslag til nye samarbejdsområder, så skriv dem i tabellen «{FORSLAG}» til sidst; tilføj rækker efter behov."),
        format!("5. Gem dokumentet som Word-dokument (.docx), og send det til {modtager}{frist}. Filen må gerne omdøbes."),
        "Id og anbefalingernes tekst er låst, så de ikke ændres ved et uheld. Slå «Spor ændringer» fra, før I sender dokumentet: ændringer, der ikke er godkendt, læses, som om de var godkendt.".into(),
    ];
    if let Some(sidste) = s.sidste {
        trin.insert(
            2,
            format!(
                "Kolonnen «Svar i {0}» viser kommunens svar fra {0} på det, anbefalingen viderefører, eller «Ny i {1}». Den er låst og kun til orientering.",
                sidste.periode, sidste.nu
            ),
        );
    }
    let mut ud = overskrift("Sådan udfylder du skemaet");
    for t in trin {
        ud.push_str(&afsnit("", &run(&t, Udseende::default())));
    }
    ud
}

/// One row of the oplysninger table: the label, and the field.
fn linje(etiket: &str, felt: &str) -> String {
    let bredde = TEKSTBREDDE / 3;
    raekke(
        &format!(
            "{}{}",
            celle(
                bredde,
                1,
                Some(OVERSKRIFT),
                &afsnit("", &run(etiket, Udseende::FED))
            ),
            celle(TEKSTBREDDE - bredde, 1, None, &afsnit("", felt))
        ),
        false,
    )
}

fn oplysninger(s: &Skabelon, ider: &mut Ider) -> String {
    let st = s.status;
    let behandlet = st.and_then(|x| x.behandlet.as_ref());
    let kontakt = st.and_then(|x| x.kontakt.as_ref());
    let u = Udseende::default();
    let mut tekst = |etiket: &str, vaerdi: Option<&str>, laas: Laas| {
        let k = Kontrol {
            titel: etiket,
            tag: etiket,
            id: ider.naeste(),
            laas,
        };
        linje(etiket, &k.tekstfelt(vaerdi.unwrap_or_default(), u))
    };
    let mut raekker = tekst(etiket::KOMMUNE, Some(&s.kommune.navn), Laas::Laast);
    raekker.push_str(&tekst(
        etiket::BEHANDLET_AF,
        behandlet.and_then(|b| b.organ.as_deref()),
        Laas::Udfyld,
    ));
    let dato = behandlet.map(|b| b.dato);
    let k = Kontrol {
        titel: etiket::DATO,
        tag: etiket::DATO,
        id: ider.naeste(),
        laas: Laas::Udfyld,
    };
    let vis = dato.map(|d| format!("{:02}-{:02}-{:04}", d.dag, d.maaned, d.aar));
    raekker.push_str(&linje(
        etiket::DATO,
        &k.datofelt(
            vis.as_deref().unwrap_or_default(),
            dato.map(|d| d.iso()).as_deref(),
            u,
        ),
    ));
    let mut tekst = |etiket: &str, vaerdi: Option<&str>| {
        let k = Kontrol {
            titel: etiket,
            tag: etiket,
            id: ider.naeste(),
            laas: Laas::Udfyld,
        };
        linje(etiket, &k.tekstfelt(vaerdi.unwrap_or_default(), u))
    };
    raekker.push_str(&tekst(
        etiket::KONTAKT,
        kontakt.and_then(|k| k.navn.as_deref()),
    ));
    raekker.push_str(&tekst(
        etiket::EMAIL,
        kontakt.and_then(|k| k.email.as_deref()),
    ));
    raekker.push_str(&tekst(
        etiket::TELEFON,
        kontakt.and_then(|k| k.telefon.as_deref()),
    ));
    let k = Kontrol {
        titel: etiket::UDKAST,
        tag: etiket::UDKAST,
        id: ider.naeste(),
        laas: Laas::Udfyld,
    };
    raekker.push_str(&linje(
        etiket::UDKAST,
        &k.rulleliste(&["Ja", "Nej"], ja_nej(st.is_none_or(|x| x.udkast)), u),
    ));
    let bredde = TEKSTBREDDE / 3;
    tabel(&[bredde, TEKSTBREDDE - bredde], &raekker)
}
