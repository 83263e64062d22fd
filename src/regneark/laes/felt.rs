//! Reading one cell as the value a field needs — text, a date, Ja/Nej — with a Danish
//! error at the cell for anything else.

use super::super::celle::{Vaerdi, celle_navn, dato_fra_tekst};
use super::super::{Ark, MAKS_TEGN};
use crate::diagnose::Sted;
use crate::indhold::dato::DatoFejl;
use crate::indhold::datotekst::{dele, findes_ikke};
use crate::indhold::raa::{Placeret, Tekst};
use crate::indhold::valider::Regler;

/// The place of a cell of `ark`, 0-based.
pub fn sted(ark: &Ark, raekke: u32, kolonne: u32) -> Sted {
    Sted::celle(ark.navn.clone(), celle_navn(raekke, kolonne))
}

/// The cell's text, `None` when it is empty or blank — or not text (reported).
pub fn tekst(ark: &Ark, raekke: u32, kolonne: u32, r: &mut Regler) -> Option<Placeret<String>> {
    let v = ark.celle(raekke, kolonne)?;
    let sted = sted(ark, raekke, kolonne);
    let t = som_tekst(v, &sted, r)?;
    (!t.trim().is_empty()).then(|| Placeret::ny(t, sted))
}

/// A value as text, reporting formulas, error values and overlong texts.
pub fn som_tekst(v: &Vaerdi, sted: &Sted, r: &mut Regler) -> Option<String> {
    let Some(t) = v.tekst() else {
        formel(v, sted, r);
        return None;
    };
    let tegn = t.chars().count();
    if tegn > MAKS_TEGN {
        r.fejl(
            Some(sted),
            format!(
                "cellen har {tegn} tegn; et regneark kan højst have {MAKS_TEGN} tegn i en celle"
            ),
            "forkort teksten, så den kan stå i én celle",
        );
        return None;
    }
    Some(t)
}

/// A formula or an error value where a value belongs.
fn formel(v: &Vaerdi, sted: &Sted, r: &mut Regler) {
    r.fejl(
        Some(sted),
        format!("cellen indeholder {}, ikke en værdi", v.beskriv()),
        "skriv værdien direkte i cellen; fremdrift regner ikke formler ud",
    );
}

/// A date cell or a date typed as text, as ÅÅÅÅ-MM-DD for the validator.
pub fn dato(ark: &Ark, raekke: u32, kolonne: u32, r: &mut Regler) -> Option<Placeret<Tekst>> {
    let v = ark.celle(raekke, kolonne).filter(|v| !v.er_blank())?;
    let sted = sted(ark, raekke, kolonne);
    let fx = r.eksempeldato();
    let hint = format!("skriv datoen som {} eller {}", fx.dansk_tal(), fx.dansk());
    let dato = match v {
        Vaerdi::Dato(d) => Ok(*d),
        Vaerdi::Tekst(t) => dato_fra_tekst(t),
        Vaerdi::Formel(_) | Vaerdi::Fejl(_) => {
            formel(v, &sted, r);
            return None;
        }
        _ => Err(DatoFejl::Form),
    };
    match dato {
        Ok(d) => return Some(Placeret::ny(Tekst(d.iso()), sted)),
        Err(DatoFejl::Form) => r.fejl(
            Some(&sted),
            format!("{} er ikke en dato", v.beskriv()),
            hint,
        ),
        Err(DatoFejl::FindesIkke) => {
            let grund = match v {
                Vaerdi::Tekst(t) => dele(t).map(|(a, m, d)| findes_ikke(a, m, d).0),
                _ => None,
            };
            let grund = grund.unwrap_or_else(|| "tjek dag og måned".into());
            r.fejl(
                Some(&sted),
                format!("datoen {} findes ikke", v.beskriv()),
                format!("{grund}; ret datoen"),
            );
        }
    }
    None
}

/// Ja, Nej (any case) or a yes/no cell; blank is `None`.
pub fn ja_nej(ark: &Ark, raekke: u32, kolonne: u32, r: &mut Regler) -> Option<bool> {
    let v = ark.celle(raekke, kolonne).filter(|v| !v.er_blank())?;
    let sted = sted(ark, raekke, kolonne);
    match v {
        Vaerdi::Bool(b) => return Some(*b),
        Vaerdi::Tekst(t) => match t.trim().to_lowercase().as_str() {
            "ja" => return Some(true),
            "nej" => return Some(false),
            ord => r.ukendt(
                &sted,
                format!("{} er hverken Ja eller Nej", v.beskriv()),
                ord,
                ["Ja", "Nej"],
                "Vælg Ja eller Nej fra listen.",
                "vælg Ja eller Nej fra listen, eller lad cellen stå tom",
            ),
        },
        Vaerdi::Formel(_) | Vaerdi::Fejl(_) => formel(v, &sted, r),
        _ => r.fejl(
            Some(&sted),
            format!("{} er hverken Ja eller Nej", v.beskriv()),
            "vælg Ja eller Nej fra listen, eller lad cellen stå tom",
        ),
    }
    None
}

/// A status as typed (the validator reads «Grøn », «GUL»); numbers, dates and
/// formulas are reported here.
pub fn status(ark: &Ark, raekke: u32, kolonne: u32, r: &mut Regler) -> Option<Placeret<Tekst>> {
    let v = ark.celle(raekke, kolonne).filter(|v| !v.er_blank())?;
    let sted = sted(ark, raekke, kolonne);
    match v {
        Vaerdi::Tekst(t) => return Some(Placeret::ny(Tekst(t.clone()), sted)),
        Vaerdi::Formel(_) | Vaerdi::Fejl(_) => formel(v, &sted, r),
        _ => r.fejl(
            Some(&sted),
            format!("{} er ikke en status", v.beskriv()),
            "vælg grøn, gul eller rød fra listen",
        ),
    }
    None
}
