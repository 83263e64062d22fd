//! One JSON Schema per file kind, field for field as in [`crate::indhold::raa`] and the
//! rules in [`crate::indhold::valider`]; the status schema of a period lists that
//! period's anbefalinger and the KKR's kommuner.

use serde_json::{Value, json};

use super::byggesten::{
    anbefalings_id, dato, et_af, kommune_id, kommunekode, liste, niveau, noegler_med_luft, objekt,
    sandhed, statusord, tekst, tekstliste, valgfri, valgfri_tekst,
};
use crate::indhold::model::{Anbefaling, Fokus, Kkr, Runde};

/// The dialect every schema declares.
const DIALEKT: &str = "https://json-schema.org/draft/2020-12/schema";

/// `kkr.schema.json`: the KKR and its kommuner.
pub fn kkr() -> Value {
    let sekretariat = objekt(
        "Sekretariatet",
        "KKR-sekretariatets kontaktoplysninger, vist i tilbagemeldingen.",
        vec![
            ("navn", valgfri_tekst("Navn", "Sekretariatets navn.")),
            (
                "e-mail",
                valgfri_tekst("E-mail", "Sekretariatets e-mailadresse."),
            ),
            (
                "telefon",
                valgfri_tekst("Telefon", "Telefonnummer, fx \"3370 3370\"."),
            ),
            ("mobil", valgfri_tekst("Mobil", "Mobilnummer.")),
            (
                "adresse",
                tekstliste("Adresse", "Adressens linjer, én pr. punkt."),
            ),
        ],
        &[],
    );
    let kommune = objekt(
        "Kommune",
        "En kommune i KKR'et.",
        vec![
            ("id", kommune_id()),
            ("kode", kommunekode()),
            (
                "navn",
                tekst("Navn", "Kommunens navn, fx «Albertslund Kommune»."),
            ),
        ],
        &["id", "kode", "navn"],
    );
    let mut navn = tekst("KKR'ets navn", "Fx «KKR Hovedstaden».");
    navn["pattern"] = "\\S".into();
    navn["errorMessage"] = "KKR'ets navn må ikke være tomt".into();
    let mut kommuner = liste(
        "Kommuner",
        "KKR'ets kommuner med id, kode og navn.",
        kommune,
    );
    kommuner["minItems"] = 1.into();
    rod(
        "fremdrift: content/kkr.yaml",
        "KKR'et og dets kommuner.",
        objekt(
            "KKR",
            "",
            vec![
                ("navn", navn),
                (
                    "web",
                    valgfri_tekst("Web", "KKR'ets hjemmeside, fx www.kl.dk/kkr-hovedstaden."),
                ),
                ("sekretariat", valgfri(sekretariat)),
                ("kommuner", kommuner),
            ],
            &["navn", "kommuner"],
        ),
    )
}

/// `anbefalinger.schema.json`: a period's round of anbefalinger.
pub fn anbefalinger() -> Value {
    let anbefaling = objekt(
        "Anbefaling",
        "Én anbefaling, som kommunerne svarer på.",
        vec![
            (
                "id",
                anbefalings_id(
                    "Id",
                    "Anbefalingens id, entydigt i runden, fx v1, A1 eller 3.2. Kommunerne svarer under dette id.",
                ),
            ),
            ("niveau", valgfri(niveau())),
            ("tekst", tekst("Tekst", "Anbefalingens ordlyd.")),
        ],
        &["id", "tekst"],
    );
    let fokus = objekt(
        "Fokusområde",
        "Et fokusområde med dets anbefalinger.",
        vec![
            ("titel", tekst("Titel", "Fokusområdets titel.")),
            (
                "indledning",
                valgfri_tekst("Indledning", "Tekst før anbefalingerne."),
            ),
            (
                "anbefalinger",
                liste("Anbefalinger", "Fokusområdets anbefalinger.", anbefaling),
            ),
        ],
        &["titel", "anbefalinger"],
    );
    let pejlemaerke = objekt(
        "Pejlemærke",
        "Et politisk pejlemærke.",
        vec![
            ("titel", tekst("Titel", "Pejlemærkets titel.")),
            ("tekst", valgfri_tekst("Tekst", "Pejlemærkets tekst.")),
        ],
        &["titel"],
    );
    let mut fokusomraader = liste("Fokusområder", "Rundens fokusområder.", fokus);
    fokusomraader["minItems"] = 1.into();
    let mut s = objekt(
        "Anbefalinger",
        "",
        vec![
            ("titel", tekst("Titel", "Dokumenternes titel.")),
            ("dato", dato("Dato", "Datoen på tilbagemeldingen.")),
            (
                "sags-id",
                valgfri_tekst("Sags-id", "Sagsnummer, fx SAG-2015-01644."),
            ),
            ("dok-id", valgfri_tekst("Dok-id", "Dokumentnummer.")),
            ("frist", valgfri(dato("Frist", "Kommunernes svarfrist."))),
            (
                "indledning",
                valgfri_tekst("Indledning", "Tekst før pejlemærkerne."),
            ),
            (
                "pejlemærker",
                liste("Pejlemærker", "De politiske pejlemærker.", pejlemaerke),
            ),
            ("fokusområder", fokusomraader),
        ],
        &["titel", "dato", "fokusområder"],
    );
    s["anyOf"] = niveau_for_alle_eller_ingen();
    rod(
        "fremdrift: content/<periode>/anbefalinger.yaml",
        "En periodes anbefalinger, delt i fokusområder.",
        s,
    )
}

/// Either every anbefaling has a niveau, or none has (then the round has no tiers).
fn niveau_for_alle_eller_ingen() -> Value {
    let har = json!({
        "required": ["niveau"],
        "properties": { "niveau": { "not": { "type": "null" } } }
    });
    let alle = |a: Value| {
        json!({
            "properties": { "fokusområder": { "items": {
                "properties": { "anbefalinger": { "items": a } }
            } } }
        })
    };
    let mut ingen = alle(json!({ "not": har }));
    ingen["errorMessage"] = "når én anbefaling har «niveau», skal alle have det".into();
    let mut med = alle(har.clone());
    med["errorMessage"] = ingen["errorMessage"].clone();
    json!([ingen, med])
}

/// `tilbagemelding.schema.json`: the coordination group's text for the KKR report.
pub fn tilbagemelding() -> Value {
    let justering = objekt(
        "Justering",
        "Et forslag til at justere en anbefaling – eller til en ny, når «anbefaling» udelades.",
        vec![
            (
                "anbefaling",
                valgfri(anbefalings_id(
                    "Anbefaling",
                    "Id'et på den anbefaling, der foreslås justeret (fra periodens anbefalinger.yaml).",
                )),
            ),
            (
                "titel",
                valgfri_tekst("Titel", "Overskrift for et forslag til en ny anbefaling."),
            ),
            (
                "fokusområde",
                valgfri_tekst("Fokusområde", "Fokusområdet for en ny anbefaling."),
            ),
            ("niveau", valgfri(niveau())),
            ("forslag", tekst("Forslag", "Den foreslåede ordlyd.")),
            (
                "begrundelse",
                valgfri_tekst("Begrundelse", "Hvorfor justeringen foreslås."),
            ),
        ],
        &["forslag"],
    );
    rod(
        "fremdrift: content/<periode>/tilbagemelding.yaml",
        "Koordinationsgruppens tekst til den samlede tilbagemelding til KKR (valgfri fil).",
        objekt(
            "Tilbagemelding",
            "",
            vec![
                ("titel", valgfri_tekst("Titel", "Tilbagemeldingens titel.")),
                ("dato", valgfri(dato("Dato", "Tilbagemeldingens dato."))),
                ("sags-id", valgfri_tekst("Sags-id", "Sagsnummer.")),
                ("dok-id", valgfri_tekst("Dok-id", "Dokumentnummer.")),
                ("sigte", valgfri_tekst("Sigte", "Afsnittet «Sigte».")),
                (
                    "baggrund",
                    valgfri_tekst("Baggrund", "Afsnittet «Baggrund»."),
                ),
                (
                    "sammenfatning",
                    valgfri_tekst("Sammenfatning", "Afsnittet «Sammenfatning»."),
                ),
                (
                    "justeringer",
                    liste(
                        "Justeringer",
                        "Forslag til justerede eller nye anbefalinger.",
                        justering,
                    ),
                ),
            ],
            &[],
        ),
    )
}

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
                valgfri_tekst("Organ", "Fx «Beskæftigelsesudvalget»."),
            ),
            ("dato", dato("Dato", "Datoen for behandlingen.")),
        ],
        &["dato"],
    );
    let kontakt = objekt(
        "Kontaktperson",
        "Kommunens kontaktperson.",
        vec![
            ("navn", valgfri_tekst("Navn", "Kontaktpersonens navn.")),
            (
                "e-mail",
                valgfri_tekst("E-mail", "Kontaktpersonens e-mailadresse."),
            ),
            (
                "telefon",
                valgfri_tekst("Telefon", "Telefonnummer, fx \"4368 6000\"."),
            ),
        ],
        &[],
    );
    let forslag = objekt(
        "Forslag",
        "Et forslag til et nyt samarbejdsområde.",
        vec![
            ("titel", tekst("Titel", "Forslagets titel.")),
            ("tekst", valgfri_tekst("Tekst", "Beskrivelse af forslaget.")),
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
                valgfri_tekst("Bemærkning", "Beskriv fremdriften; vises i bilaget."),
            ),
        ],
        &[],
    )
}

/// The top of a schema file: the dialect, a title and a description.
fn rod(titel: &str, beskrivelse: &str, mut s: Value) -> Value {
    let mut ud = serde_json::Map::new();
    ud.insert("$schema".into(), DIALEKT.into());
    if let Some(m) = s.as_object_mut() {
        m.insert("title".into(), titel.into());
        m.insert("description".into(), beskrivelse.into());
        ud.append(m);
    }
    Value::Object(ud)
}
