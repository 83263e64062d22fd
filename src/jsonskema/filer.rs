//! The schemas of `kkr.yaml`, `anbefalinger.yaml` and `tilbagemelding.yaml`, field for
//! field as in [`crate::indhold::raa`] and the rules in [`crate::indhold::valider`].

use serde_json::{Value, json};

use super::byggesten::{
    anbefalings_id, dato, kommune_id, kommunekode, liste, niveau, objekt, tekst, tekstliste,
    valgfri, valgfri_tekst,
};

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
            (
                "e-mail",
                valgfri_tekst(
                    "E-mail",
                    "Hvor «fremdrift indsamling» sender kommunens link og påmindelser.",
                ),
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
/// `erstatter`: the id, or the list of ids, of the previous period's anbefalinger this
/// one continues; `[]` for an anbefaling that is explicitly new.
fn erstatter() -> Value {
    // A plain decimal such as 3.10 reaches YAML as the number 3.1: an id written
    // as a number must be whole (write "3.10" in quotes), as `check` says.
    let id = || {
        let mut id = anbefalings_id(
            "Id i forrige periode",
            "Id'et på en anbefaling fra forrige periode, som denne viderefører.",
        );
        id["type"] = json!(["string", "integer"]);
        id["errorMessage"] = json!(
            "et id med punktum skal stå i anførselstegn, fx «\"3.10\"»; ellers må det kun have bogstaver, tal, bindestreg og understregning"
        );
        id
    };
    json!({
        "title": "Erstatter",
        "description": "Den eller de anbefalinger fra forrige periode, som denne anbefaling viderefører (ved nyt id, sammenlægning eller deling), fx «v3» eller «[v1, v2]». Udelades, når id'et er det samme som i forrige periode; [] betyder, at anbefalingen er ny.",
        "anyOf": [id(), { "type": "array", "items": id() }]
    })
}

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
            ("erstatter", valgfri(erstatter())),
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
    let pejlemaerke = titel_og_tekst(
        "Pejlemærke",
        "Et politisk pejlemærke.",
        "Pejlemærkets titel.",
        "Pejlemærkets tekst.",
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

/// A mapping with a required `titel` and an optional `tekst`.
pub(super) fn titel_og_tekst(
    navn: &str,
    beskrivelse: &str,
    om_titel: &str,
    om_tekst: &str,
) -> Value {
    objekt(
        navn,
        beskrivelse,
        vec![
            ("titel", tekst("Titel", om_titel)),
            ("tekst", valgfri_tekst("Tekst", om_tekst)),
        ],
        &["titel"],
    )
}

/// The top of a schema file: the dialect, a title and a description.
pub(super) fn rod(titel: &str, beskrivelse: &str, mut s: Value) -> Value {
    let mut ud = serde_json::Map::new();
    ud.insert("$schema".into(), DIALEKT.into());
    if let Some(m) = s.as_object_mut() {
        m.insert("title".into(), titel.into());
        m.insert("description".into(), beskrivelse.into());
        ud.append(m);
    }
    Value::Object(ud)
}
