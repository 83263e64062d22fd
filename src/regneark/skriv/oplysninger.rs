//! «Oplysninger» (labels in column A, values to fill in in column B, a hint in C) and
//! «Forslag» (a title and a text per proposal).

use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, Worksheet, XlsxError};

use super::{Formater, Skabelon, beskyt, raekkehoejde};
use crate::regneark::{ARK_FORSLAG, ARK_OPLYSNINGER, etiket, ja_nej, kolonne};

/// The first row of labels (0-based).
const FOERSTE: u32 = 2;

/// A value of «Oplysninger» as written.
enum Felt {
    Tekst(String),
    Dato(Option<crate::indhold::dato::Dato>),
}

pub fn skriv_oplysninger(ws: &mut Worksheet, s: &Skabelon, f: &Formater) -> Result<(), XlsxError> {
    ws.set_name(ARK_OPLYSNINGER)?;
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 45)?;
    ws.set_column_width(2, 60)?;
    ws.write_string_with_format(0, 0, "Oplysninger", &f.titel)?;
    let st = s.status;
    let fx = s.runde.dato;
    let dato_hjaelp = format!("fx {}", fx.dansk_tal());
    let behandlet = st.and_then(|x| x.behandlet.as_ref());
    let kontakt = st.and_then(|x| x.kontakt.as_ref());
    let k = |v: fn(&crate::indhold::model::Kontakt) -> &Option<String>| {
        Felt::Tekst(kontakt.and_then(|x| v(x).clone()).unwrap_or_default())
    };
    let raekker: [(&str, Felt, &str); 7] = [
        (
            etiket::KOMMUNE,
            Felt::Tekst(s.kommune.navn.clone()),
            "udfyldt af KKR-sekretariatet",
        ),
        (
            etiket::BEHANDLET_AF,
            Felt::Tekst(behandlet.and_then(|b| b.organ.clone()).unwrap_or_default()),
            "det udvalg eller den kommunalbestyrelse, der har behandlet status",
        ),
        (
            etiket::DATO,
            Felt::Dato(behandlet.map(|b| b.dato)),
            &dato_hjaelp,
        ),
        (
            etiket::KONTAKT,
            k(|x| &x.navn),
            "hvem sekretariatet kan spørge",
        ),
        (etiket::EMAIL, k(|x| &x.email), ""),
        (etiket::TELEFON, k(|x| &x.telefon), ""),
        (
            etiket::UDKAST,
            Felt::Tekst(ja_nej(st.is_none_or(|x| x.udkast)).into()),
            "Ja, så længe svarene ikke er endelige: bilaget får da et UDKAST-vandmærke",
        ),
    ];
    for (r, (navn, felt, hjaelp)) in (FOERSTE..).zip(raekker) {
        ws.write_string_with_format(r, 0, navn, &f.overskrift)?;
        let format = match navn {
            etiket::KOMMUNE => &f.laast,
            etiket::TELEFON => &f.udfyld_tekst,
            _ => &f.udfyld,
        };
        match felt {
            Felt::Tekst(t) => ws.write_string_with_format(r, 1, t, format)?,
            Felt::Dato(Some(d)) => ws.write_datetime_with_format(
                r,
                1,
                ExcelDateTime::from_ymd(d.aar as u16, d.maaned, d.dag)?,
                &f.udfyld_dato,
            )?,
            Felt::Dato(None) => ws.write_blank(r, 1, &f.udfyld_dato)?,
        };
        ws.write_string_with_format(r, 2, hjaelp, &f.forklaring)?;
    }
    valg(ws, fx)?;
    beskyt(ws);
    Ok(())
}

/// The Ja/Nej dropdown for «Udkast» and a hint on the date.
fn valg(ws: &mut Worksheet, fx: crate::indhold::dato::Dato) -> Result<(), XlsxError> {
    let udkast = FOERSTE + 6;
    let ja_nej = DataValidation::new()
        .allow_list_strings(&["Ja", "Nej"])?
        .set_input_title("Udkast")?
        .set_input_message("Vælg Ja, så længe svarene ikke er endelige, og Nej, når de er.")?
        .set_error_title("Ugyldigt valg")?
        .set_error_message("Vælg Ja eller Nej fra listen.")?;
    ws.add_data_validation(udkast, 1, udkast, 1, &ja_nej)?;
    let dato = DataValidation::new()
        .allow_any_value()
        .set_input_title("Dato for behandling")?
        .set_input_message(format!(
            "Skriv datoen, fx {} eller {}.",
            fx.dansk_tal(),
            fx.dansk()
        ))?;
    ws.add_data_validation(FOERSTE + 2, 1, FOERSTE + 2, 1, &dato)?;
    Ok(())
}

/// How many empty rows «Forslag» has for new proposals.
const TOMME_FORSLAG: u32 = 15;

pub fn skriv_forslag(ws: &mut Worksheet, s: &Skabelon, f: &Formater) -> Result<(), XlsxError> {
    ws.set_name(ARK_FORSLAG)?;
    ws.set_column_width(0, 40)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(
        0,
        0,
        "Forslag til nye samarbejdsområder (valgfrit)",
        &f.titel,
    )?;
    ws.write_string_with_format(
        1,
        0,
        "Skriv ét forslag pr. række: en kort titel og en beskrivelse. Tilføj flere rækker efter behov.",
        &f.forklaring,
    )?;
    ws.write_string_with_format(2, 0, kolonne::TITEL, &f.overskrift)?;
    ws.write_string_with_format(2, 1, kolonne::TEKST, &f.overskrift)?;
    let forslag = s.status.map(|x| x.forslag.as_slice()).unwrap_or_default();
    for (r, fo) in (3u32..).zip(forslag) {
        let tekst = fo.tekst.as_deref().unwrap_or_default();
        ws.write_string_with_format(r, 0, &fo.titel, &f.udfyld)?;
        ws.write_string_with_format(r, 1, tekst, &f.udfyld)?;
        ws.set_row_height(r, raekkehoejde(&[(&fo.titel, 40.0), (tekst, 90.0)], 2))?;
    }
    let slut = 3 + forslag.len() as u32 + TOMME_FORSLAG;
    for r in 3 + forslag.len() as u32..slut {
        ws.write_blank(r, 0, &f.udfyld)?;
        ws.write_blank(r, 1, &f.udfyld)?;
    }
    let aaben = Format::new().set_unlocked().set_text_wrap();
    ws.set_column_format(0, &aaben)?;
    ws.set_column_format(1, &aaben)?;
    ws.set_freeze_panes(3, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(2, 2)?;
    beskyt(ws);
    Ok(())
}
