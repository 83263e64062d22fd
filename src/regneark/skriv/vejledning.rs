//! «Sådan udfylder du skemaet»: a short Danish guide on its own sheet.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{Formater, Skabelon, beskyt, raekkehoejde};
use crate::regneark::{ARK_FORSLAG, ARK_OPLYSNINGER, ARK_SKEMA, ARK_VEJLEDNING};

pub fn skriv(ws: &mut Worksheet, s: &Skabelon, f: &Formater) -> Result<(), XlsxError> {
    ws.set_name(ARK_VEJLEDNING)?;
    ws.set_column_width(0, 100)?;
    ws.write_string_with_format(0, 0, ARK_VEJLEDNING, &f.titel)?;
    let frist = s
        .runde
        .frist
        .map(|d| format!(" senest den {}", d.dansk()))
        .unwrap_or_default();
    let fx = s.runde.dato;
    let mut trin = vec![
        format!(
            "1. I arket «{ARK_SKEMA}» står én række for hver anbefaling. Vælg status i kolonnen «Status»: grøn, gul eller rød. Lad cellen stå tom, hvis anbefalingen ikke er besvaret."
        ),
        "2. Beskriv fremdriften i kolonnen «Bemærkning». Tryk Alt+Enter (på Mac: Ctrl+Option+Enter) for et linjeskift i cellen; en tom linje begynder et nyt afsnit.".into(),
        format!(
            "3. Udfyld arket «{ARK_OPLYSNINGER}»: hvem der har behandlet status og hvornår, en kontaktperson, og om svarene stadig er et udkast. En dato kan skrives som {} eller {}.",
            fx.dansk_tal(),
            fx.dansk()
        ),
        format!("4. Har kommunen forslag til nye samarbejdsområder, så skriv dem i arket «{ARK_FORSLAG}»."),
        format!(
            "5. Gem skemaet som Excel-projektmappe (.xlsx) eller OpenDocument-regneark (.ods), og send det til {}{frist}. Filen må gerne omdøbes.",
            modtager(s)
        ),
        "Id, fokusområde, niveau og anbefaling er låst, så de ikke ændres ved et uheld. Rækkerne må gerne sorteres og filtreres, og der må gerne tilføjes kolonner; Id-kolonnen og overskrifterne skal blive, som de er.".into(),
        "Arkene er beskyttet uden adgangskode (Gennemse → Fjern beskyttelse af ark), hvis I har brug for at ændre mere.".into(),
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
    for (r, t) in (2u32..).zip(trin) {
        ws.set_row_height(r, raekkehoejde(&[(&t, 100.0)], 1))?;
        ws.write_string_with_format(r, 0, t, &f.tekst)?;
    }
    beskyt(ws);
    Ok(())
}

/// «KKR Syddanmarks sekretariat på kkr@kl.dk (Damhaven 12, 7100 Vejle)»: the name, the
/// e-mail and the postal address as `kkr.yaml` has them.
fn modtager(s: &Skabelon) -> String {
    let sek = &s.kkr.sekretariat;
    let mut ud = sek
        .navn
        .clone()
        .unwrap_or_else(|| format!("{} sekretariat", crate::dansk::genitiv(&s.kkr.navn)));
    if let Some(e) = &sek.email {
        ud.push_str(&format!(" på {e}"));
    }
    let adresse: Vec<&str> = sek
        .adresse
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    if !adresse.is_empty() {
        ud.push_str(&format!(" ({})", adresse.join(", ")));
    }
    ud
}
