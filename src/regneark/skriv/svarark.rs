//! «Fremdriftsskema»: a title, a line of guidance, a frozen header row, and one row
//! per anbefaling in the round's order. The columns are a list: a further read-only
//! column (last period's answers, say) is one more entry, and the reader ignores
//! headers it does not know.

use rust_xlsxwriter::{ConditionalFormatFormula, DataValidation, Format, Worksheet, XlsxError};

use super::{Formater, Skabelon, beskyt, farve, raekkehoejde, sidehoved};
use crate::indhold::model::{Anbefaling, Fokus, Status};
use crate::regneark::{ARK_SKEMA, ARK_VEJLEDNING, kolonne};

/// What a column shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Indhold {
    Id,
    Fokus,
    Niveau,
    Anbefaling,
    /// The kommune's answers of the previous period (read-only; only when there is one).
    SidsteAar,
    Status,
    Bemaerkning,
}

struct Kolonne {
    overskrift: &'static str,
    bredde: f64,
    indhold: Indhold,
}

const KOLONNER: [Kolonne; 7] = [
    Kolonne {
        overskrift: kolonne::ID,
        bredde: 7.0,
        indhold: Indhold::Id,
    },
    Kolonne {
        overskrift: kolonne::FOKUS,
        bredde: 20.0,
        indhold: Indhold::Fokus,
    },
    Kolonne {
        overskrift: kolonne::NIVEAU,
        bredde: 8.0,
        indhold: Indhold::Niveau,
    },
    Kolonne {
        overskrift: kolonne::ANBEFALING,
        bredde: 60.0,
        indhold: Indhold::Anbefaling,
    },
    Kolonne {
        overskrift: "Svar sidste periode",
        bredde: 40.0,
        indhold: Indhold::SidsteAar,
    },
    Kolonne {
        overskrift: kolonne::STATUS,
        bredde: 10.0,
        indhold: Indhold::Status,
    },
    Kolonne {
        overskrift: kolonne::BEMAERKNING,
        bredde: 70.0,
        indhold: Indhold::Bemaerkning,
    },
];

/// The row of the headers (0-based); the answers start below it.
pub const OVERSKRIFT_RAEKKE: u32 = 2;

pub fn skriv(ws: &mut Worksheet, s: &Skabelon, f: &Formater) -> Result<(), XlsxError> {
    ws.set_name(ARK_SKEMA)?;
    ws.write_string_with_format(
        0,
        0,
        format!("Fremdriftsskema – {}", s.kommune.navn),
        &f.titel,
    )?;
    ws.write_string_with_format(
        1,
        0,
        format!(
            "{} ({}). Vælg status i kolonnen «Status», og beskriv fremdriften i «Bemærkning». Se arket «{ARK_VEJLEDNING}».",
            s.runde.titel, s.runde.periode
        ),
        &f.forklaring,
    )?;
    let kolonner = kolonner(s);
    for (k, kol) in (0u16..).zip(&kolonner) {
        ws.set_column_width(k, kol.bredde)?;
        ws.write_string_with_format(OVERSKRIFT_RAEKKE, k, overskrift(s, kol), &f.overskrift)?;
    }
    let raekker: Vec<(&Fokus, &Anbefaling)> = s
        .runde
        .fokusomraader
        .iter()
        .flat_map(|fo| fo.anbefalinger.iter().map(move |a| (fo, a)))
        .collect();
    for (r, (fokus, a)) in (OVERSKRIFT_RAEKKE + 1..).zip(&raekker) {
        let mut tekster = Vec::new();
        for (k, kol) in (0u16..).zip(&kolonner) {
            let (tekst, format) = celle(s, fokus, a, kol.indhold, f);
            ws.write_string_with_format(r, k, &tekst, format)?;
            tekster.push((tekst, kol.bredde));
        }
        let t: Vec<(&str, f64)> = tekster.iter().map(|(t, b)| (t.as_str(), *b)).collect();
        ws.set_row_height(r, raekkehoejde(&t, 3))?;
    }
    let sidste = OVERSKRIFT_RAEKKE + raekker.len().max(1) as u32;
    status_kolonne(ws, kolonne_af(&kolonner, Indhold::Status), sidste)?;
    ws.autofilter(OVERSKRIFT_RAEKKE, 0, sidste, kolonner.len() as u16 - 1)?;
    ws.set_freeze_panes(OVERSKRIFT_RAEKKE + 1, 0)?;
    udskrift(ws, s)?;
    beskyt(ws);
    ws.set_active(true);
    Ok(())
}

/// The columns of this workbook: last period's answers only when there is a previous
/// period.
fn kolonner(s: &Skabelon) -> Vec<&'static Kolonne> {
    KOLONNER
        .iter()
        .filter(|k| k.indhold != Indhold::SidsteAar || s.sidste.is_some())
        .collect()
}

/// A column's header: «Svar i 2015» names the previous period.
fn overskrift(s: &Skabelon, kol: &Kolonne) -> String {
    match (kol.indhold, s.sidste) {
        (Indhold::SidsteAar, Some(sidste)) => format!("Svar i {}", sidste.periode),
        _ => kol.overskrift.to_string(),
    }
}

/// A cell's text and format.
fn celle<'f>(
    s: &Skabelon,
    fokus: &Fokus,
    a: &Anbefaling,
    indhold: Indhold,
    f: &'f Formater,
) -> (String, &'f Format) {
    let svar = s.status.and_then(|st| st.svar.get(&a.id));
    match indhold {
        Indhold::Id => (a.id.clone(), &f.laast),
        Indhold::Fokus => (fokus.titel.clone(), &f.laast),
        Indhold::Niveau => (
            a.niveau.map(|n| n.navn().to_string()).unwrap_or_default(),
            &f.laast,
        ),
        Indhold::Anbefaling => (a.tekst.clone(), &f.laast),
        Indhold::SidsteAar => (
            s.sidste
                .map(|sa| sa.linjer(&a.id).join("\n"))
                .unwrap_or_default(),
            &f.laast,
        ),
        Indhold::Status => (
            svar.and_then(|v| v.status)
                .map(|st| st.yaml().to_string())
                .unwrap_or_default(),
            &f.udfyld,
        ),
        Indhold::Bemaerkning => (
            svar.and_then(|v| v.bemaerkning.clone()).unwrap_or_default(),
            &f.udfyld,
        ),
    }
}

/// The column of `indhold`.
fn kolonne_af(kolonner: &[&Kolonne], indhold: Indhold) -> u16 {
    kolonner
        .iter()
        .position(|k| k.indhold == indhold)
        .expect("a column") as u16
}

/// The status dropdown with its Danish messages, and each status's colour.
fn status_kolonne(ws: &mut Worksheet, k: u16, sidste: u32) -> Result<(), XlsxError> {
    let ord: Vec<&str> = Status::ALLE.iter().map(|s| s.yaml()).collect();
    let valg = DataValidation::new()
        .allow_list_strings(&ord)?
        .set_input_title("Status")?
        .set_input_message(
            "Vælg grøn, gul eller rød fra listen. Lad cellen stå tom, hvis anbefalingen ikke er besvaret.",
        )?
        .set_error_title("Ugyldig status")?
        .set_error_message("Status skal være grøn, gul eller rød. Vælg en af dem fra listen.")?;
    let foerste = OVERSKRIFT_RAEKKE + 1;
    ws.add_data_validation(foerste, k, sidste, k, &valg)?;
    let navn = crate::regneark::celle::kolonne_navn(u32::from(k));
    for st in Status::ALLE {
        let vis = st.vis();
        let regel = format!("TRIM(LOWER(${navn}{}))=\"{}\"", foerste + 1, st.yaml());
        let cf = ConditionalFormatFormula::new()
            .set_rule(regel.as_str())
            .set_format(
                Format::new()
                    .set_background_color(farve(vis.farve))
                    .set_font_color(farve(vis.tekstfarve)),
            );
        ws.add_conditional_format(foerste, k, sidste, k, &cf)?;
    }
    Ok(())
}

/// A4 landscape, fitted to the width, the header row on every page.
fn udskrift(ws: &mut Worksheet, s: &Skabelon) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(OVERSKRIFT_RAEKKE, OVERSKRIFT_RAEKKE)?;
    ws.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    ws.set_header(format!(
        "&L{}&RPeriode {}",
        sidehoved(&s.kommune.navn),
        sidehoved(&s.runde.periode)
    ));
    ws.set_footer("&CSide &P af &N");
    Ok(())
}
