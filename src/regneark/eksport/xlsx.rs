//! The export workbook: «Svar», «Oversigt» and «Forslag».

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::{Felt, SVAR_KOLONNER};
use crate::fejl::Fejl;
use crate::indhold::model::StatusVis;
use crate::indhold::projekt::Projekt;
use crate::regneark::skriv::{egenskaber, farve, raekkehoejde};

/// The workbook's bytes; the same content gives the same bytes.
pub fn xlsx(p: &Projekt) -> Result<Vec<u8>, Fejl> {
    byg(p).map_err(|e| {
        Fejl::ny("kunne ikke lave regnearket med svarene")
            .hint("en tekst kan være længere end de 32 767 tegn, en celle kan rumme")
            .aarsag(e)
    })
}

fn byg(p: &Projekt) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let titel = format!("Svar – {} – {}", p.kkr.navn, p.runde.titel);
    wb.set_properties(&egenskaber(&titel, &p.kkr, &p.runde)?);
    let hoved = Format::new()
        .set_bold()
        .set_background_color(farve("#d9d9d9"));
    let ombryd = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    svar_ark(wb.add_worksheet(), p, &hoved, &ombryd)?;
    oversigt(wb.add_worksheet(), p, &hoved)?;
    forslag(wb.add_worksheet(), p, &hoved, &ombryd)?;
    wb.save_to_buffer()
}

fn svar_ark(
    ws: &mut Worksheet,
    p: &Projekt,
    hoved: &Format,
    ombryd: &Format,
) -> Result<(), XlsxError> {
    ws.set_name("Svar")?;
    let bredder = [22.0, 6.0, 22.0, 7.0, 6.0, 50.0, 13.0, 60.0, 26.0, 11.0, 7.0];
    for (k, (navn, b)) in (0u16..).zip(SVAR_KOLONNER.iter().zip(bredder)) {
        ws.set_column_width(k, b)?;
        ws.write_string_with_format(0, k, *navn, hoved)?;
    }
    let dato = Format::new()
        .set_num_format("dd-mm-yyyy")
        .set_align(FormatAlign::Top);
    let raekker = super::svar(p);
    for (r, raekke) in (1u32..).zip(&raekker) {
        let tekster: Vec<(String, f64)> = raekke.iter().map(Felt::tekst).zip(bredder).collect();
        let t: Vec<(&str, f64)> = tekster.iter().map(|(t, b)| (t.as_str(), *b)).collect();
        ws.set_row_height(r, raekkehoejde(&t, 1))?;
        for (k, felt) in (0u16..).zip(raekke) {
            match felt {
                Felt::Tekst(t) => ws.write_string_with_format(r, k, t, ombryd)?,
                Felt::Tal(n) => ws.write_number_with_format(r, k, *n, ombryd)?,
                Felt::Dato(Some(d)) => ws.write_datetime_with_format(
                    r,
                    k,
                    ExcelDateTime::from_ymd(d.aar as u16, d.maaned, d.dag)?,
                    &dato,
                )?,
                Felt::Dato(None) => ws,
            };
        }
    }
    ws.autofilter(0, 0, raekker.len() as u32, SVAR_KOLONNER.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Kommune × anbefaling: every kommune of the KKR, with «Mangler» where no answers
/// have come in.
fn oversigt(ws: &mut Worksheet, p: &Projekt, hoved: &Format) -> Result<(), XlsxError> {
    ws.set_name("Oversigt")?;
    let ids: Vec<&str> = p.runde.anbefalinger().map(|a| a.id.as_str()).collect();
    for (k, navn) in (0u16..).zip(["Kommune", "Kode", "Svar"]) {
        ws.write_string_with_format(0, k, navn, hoved)?;
    }
    ws.set_column_width(0, 24)?;
    ws.set_column_width(2, 10)?;
    for (k, id) in (3u16..).zip(&ids) {
        ws.write_string_with_format(0, k, *id, hoved)?;
        ws.set_column_width(k, 13)?;
    }
    let formater: Vec<(&str, Format)> = StatusVis::alle()
        .iter()
        .map(|v| {
            let f = Format::new()
                .set_background_color(farve(v.farve))
                .set_font_color(farve(v.tekstfarve));
            (v.navn, f)
        })
        .collect();
    let mut kommuner: Vec<_> = p.kkr.kommuner.iter().collect();
    kommuner.sort_by_key(|k| k.kode);
    for (r, kommune) in (1u32..).zip(kommuner) {
        ws.write_string(r, 0, &kommune.navn)?;
        ws.write_number(r, 1, kommune.kode)?;
        let st = p.status.iter().find(|s| s.kommune.id == kommune.id);
        let svar = match st {
            None => "Mangler",
            Some(s) if s.udkast => "Udkast",
            Some(_) => "Indsendt",
        };
        ws.write_string(r, 2, svar)?;
        for (k, id) in (3u16..).zip(&ids) {
            if let Some(s) = st {
                let navn = StatusVis::af(s.status_for(id)).navn;
                let f = &formater
                    .iter()
                    .find(|(n, _)| *n == navn)
                    .expect("a status")
                    .1;
                ws.write_string_with_format(r, k, navn, f)?;
            }
        }
    }
    ws.set_freeze_panes(1, 3)?;
    Ok(())
}

fn forslag(
    ws: &mut Worksheet,
    p: &Projekt,
    hoved: &Format,
    ombryd: &Format,
) -> Result<(), XlsxError> {
    ws.set_name("Forslag")?;
    for (k, (navn, b)) in (0u16..).zip([
        ("Kommune", 24.0),
        ("Kode", 6.0),
        ("Titel", 40.0),
        ("Tekst", 90.0),
    ]) {
        ws.write_string_with_format(0, k, navn, hoved)?;
        ws.set_column_width(k, b)?;
    }
    let alle = p
        .status
        .iter()
        .flat_map(|s| s.forslag.iter().map(move |f| (s, f)));
    for (r, (s, f)) in (1u32..).zip(alle) {
        ws.write_string_with_format(r, 0, &s.kommune.navn, ombryd)?;
        ws.write_number_with_format(r, 1, s.kommune.kode, ombryd)?;
        ws.write_string_with_format(r, 2, &f.titel, ombryd)?;
        ws.write_string_with_format(r, 3, f.tekst.as_deref().unwrap_or_default(), ombryd)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}
