//! The status schema of one period: the KKR's kommuner under `kommune`, and the
//! period's anbefalinger — and only those — under `svar`, each with its text.

use serde_json::{Value, json};

use super::byggesten::{
    dato, et_af, liste, noegler_med_luft, objekt, ren_tekst, sandhed, statusord, valgfri,
    valgfri_ren_tekst,
};
use super::filer::rod;
use crate::indhold::model::{Anbefaling, Fokus, Kkr, Runde};

/// `status-<periode>.schema.json`: a kommune's answers to this period's anbefalinger.
pub fn status(kkr: &Kkr, runde: &Runde) -> Value {
    let ids: Vec<String> = kkr.kommuner.iter().map(|k| k.id.clone()).collect();
    let kommune = et_af(
        "Kommune",
        &format!("Kommunens id fra content/kkr.yaml ({}).", kkr.navn),
        &ids,
        &format!(
            "kommunen findes ikke i {}; brug et id fra content/kkr.yaml",
            kkr.navn
        ),
    );
    let behandlet = objekt(
        "Politisk behandling",
        "Hvor og hvornår status er behandlet politisk.",
        vec![
            (
                "organ",
                valgfri_ren_tekst("Organ", "Fx «Beskæftigelsesudvalget»."),
            ),
            ("dato", dato("Dato", "Datoen for behandlingen.")),
        ],
        &["dato"],
    );
    let kontakt = objekt(
        "Kontaktperson",
        "Kommunens kontaktperson.",
        vec![
            ("navn", valgfri_ren_tekst("Navn", "Kontaktpersonens navn.")),
            (
                "e-mail",
                valgfri_ren_tekst("E-mail", "Kontaktpersonens e-mailadresse."),
            ),
            (
                "telefon",
                valgfri_ren_tekst("Telefon", "Telefonnummer, fx \"4368 6000\"."),
            ),
        ],
        &[],
    );
    let forslag = objekt(
        "Forslag",
        "Et forslag til et nyt samarbejdsområde.",
        vec![
            ("titel", ren_tekst("Titel", "Forslagets titel.")),
            (
                "tekst",
                valgfri_ren_tekst("Tekst", "Beskrivelse af forslaget."),
            ),
        ],
        &["titel"],
    );
    rod(
        &format!("fremdrift: status for {}", runde.periode),
        &format!(
            "En kommunes status på {}s anbefalinger for {}: content/{}/status/<kommune>.yaml.",
            kkr.navn, runde.periode, runde.periode
        ),
        objekt(
            "Status",
            "",
            vec![
                ("kommune", kommune),
                ("behandlet", valgfri(behandlet)),
                ("kontakt", valgfri(kontakt)),
                (
                    "udkast",
                    sandhed(
                        "Udkast",
                        "true, mens status er et udkast (bilaget får et UDKAST-mærke); false, når den er godkendt.",
                    ),
                ),
                ("svar", svar(runde)),
                (
                    "forslag",
                    liste(
                        "Forslag",
                        "Forslag til nye samarbejdsområder (valgfrit).",
                        forslag,
                    ),
                ),
            ],
            &["kommune"],
        ),
    )
}

/// `svar`: one entry per anbefaling of the round, each with its text as description.
fn svar(runde: &Runde) -> Value {
    let ids: Vec<String> = runde.anbefalinger().map(|a| a.id.clone()).collect();
    let mut egenskaber = serde_json::Map::new();
    for f in &runde.fokusomraader {
        for a in &f.anbefalinger {
            egenskaber.insert(a.id.clone(), et_svar(Some((f, a)), &runde.periode));
        }
    }
    let mut s = json!({
        "title": "Svar",
        "description": format!("Svar på anbefalingerne for {}, under hver anbefalings id.", runde.periode),
        "type": ["object", "null"],
        "properties": egenskaber,
        "additionalProperties": false
    });
    if !ids.is_empty() {
        // fremdrift trims the keys: `" v1":` in quotes is the answer to v1.
        s["patternProperties"] = json!({ noegler_med_luft(&ids): et_svar(None, &runde.periode) });
    }
    s
}

/// The answer to one anbefaling (or to any, for keys with spaces around).
fn et_svar(anbefaling: Option<(&Fokus, &Anbefaling)>, periode: &str) -> Value {
    let (titel, beskrivelse) = match anbefaling {
        Some((f, a)) => {
            let niveau = a
                .niveau
                .map(|n| format!(" ({})", n.navn()))
                .unwrap_or_default();
            (
                format!("Anbefaling {}{niveau}", a.id),
                format!("{}\n\nFokusområde: {} ({periode})", a.tekst, f.titel),
            )
        }
        None => (
            "Anbefaling".to_string(),
            "Svar på en anbefaling.".to_string(),
        ),
    };
    objekt(
        &titel,
        &beskrivelse,
        vec![
            ("status", statusord()),
            (
                "bemærkning",
                valgfri_ren_tekst("Bemærkning", "Beskriv fremdriften; vises i bilaget."),
            ),
        ],
        &[],
    )
}
