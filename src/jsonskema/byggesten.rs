//! The building blocks of the JSON Schemas: each mirrors what the YAML reader and the
//! validators accept for one kind of value, with a Danish title, description and —
//! for editors — a Danish message when a value is refused.
//!
//! YAML as an editor reads it (the 1.2 core schema) types plain scalars: `165` is a
//! number, `true` a boolean, `2016-01-26` a string. fremdrift reads most values as the
//! text they were written as, so «text» here means a string, a number or a boolean.

use serde_json::{Map, Value, json};

/// A scalar as fremdrift reads it: the text as written, whatever YAML would type it as.
const SKALAR: [&str; 3] = ["string", "number", "boolean"];

/// Any scalar read as text; `null` refused (a required field).
pub fn tekst(titel: &str, beskrivelse: &str) -> Value {
    json!({ "title": titel, "description": beskrivelse, "type": SKALAR })
}

/// Any scalar read as text, or nothing (`felt:` left empty).
pub fn valgfri_tekst(titel: &str, beskrivelse: &str) -> Value {
    valgfri(tekst(titel, beskrivelse))
}

/// What `er_styretegn` refuses in a status's texts: C0 but tab and line breaks, DEL, C1.
const UDEN_STYRETEGN: &str = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";

/// Text without invisible control characters: a status's texts.
pub fn ren_tekst(titel: &str, beskrivelse: &str) -> Value {
    let mut s = tekst(titel, beskrivelse);
    s["pattern"] = UDEN_STYRETEGN.into();
    s["errorMessage"] =
        "teksten indeholder et usynligt styretegn; slet det, eller skriv et almindeligt linjeskift"
            .into();
    s
}

/// Text without invisible control characters, or nothing.
pub fn valgfri_ren_tekst(titel: &str, beskrivelse: &str) -> Value {
    valgfri(ren_tekst(titel, beskrivelse))
}

/// The same value, or `null`: a field that may be left empty.
pub fn valgfri(mut skema: Value) -> Value {
    let Some(m) = skema.as_object_mut() else {
        return skema;
    };
    if let Some(Value::Array(typer)) = m.get_mut("type") {
        typer.push("null".into());
    } else if let Some(Value::String(t)) = m.get("type") {
        let t = t.clone();
        m.insert("type".into(), json!([t, "null"]));
    } else if let Some(Value::Array(alt)) = m.get_mut("anyOf") {
        alt.push(json!({ "type": "null" }));
    }
    skema
}

/// A date written ÅÅÅÅ-MM-DD that exists in the calendar.
pub fn dato(titel: &str, beskrivelse: &str) -> Value {
    json!({
        "title": titel,
        "description": format!("{beskrivelse} Skrives ÅÅÅÅ-MM-DD, fx 2016-01-26."),
        "type": "string",
        "format": "date",
        "examples": ["2016-01-26"],
        "errorMessage": "skriv datoen som ÅÅÅÅ-MM-DD, fx 2016-01-26 (og en dag, der findes)"
    })
}

/// A list of scalars read as text, such as the lines of an address.
pub fn tekstliste(titel: &str, beskrivelse: &str) -> Value {
    json!({
        "title": titel,
        "description": beskrivelse,
        "type": "array",
        "items": { "type": SKALAR }
    })
}

/// A mapping with exactly these fields (unknown fields are errors, as in fremdrift).
pub fn objekt(
    titel: &str,
    beskrivelse: &str,
    felter: Vec<(&str, Value)>,
    kraevet: &[&str],
) -> Value {
    let mut m = Map::new();
    m.insert("title".into(), titel.into());
    m.insert("description".into(), beskrivelse.into());
    m.insert("type".into(), "object".into());
    let egenskaber: Map<String, Value> = felter
        .into_iter()
        .map(|(navn, s)| (navn.to_string(), s))
        .collect();
    m.insert("properties".into(), Value::Object(egenskaber));
    if !kraevet.is_empty() {
        m.insert("required".into(), json!(kraevet));
    }
    m.insert("additionalProperties".into(), false.into());
    Value::Object(m)
}

/// A list of mappings.
pub fn liste(titel: &str, beskrivelse: &str, element: Value) -> Value {
    json!({ "title": titel, "description": beskrivelse, "type": "array", "items": element })
}

/// An anbefaling id: letters of either case, digits, `.`, `-` and `_`, starting with a
/// letter or a digit (`v1`, `A1`, `3.2`, `virk-2`), as `er_anbefalings_id` reads it.
/// Unquoted `3.2` is a YAML number.
pub fn anbefalings_id(titel: &str, beskrivelse: &str) -> Value {
    json!({
        "title": titel,
        "description": beskrivelse,
        "type": SKALAR,
        "pattern": anbefalings_id_moenster(),
        "minimum": 0,
        "errorMessage": "et anbefalings-id må kun have bogstaver, tal, punktum, bindestreg og understregning, fx «v1», «A1» eller «3.2»"
    })
}

/// The id pattern, with the letters spelled as ranges (no `\p{…}`, which Python's `re`
/// and ECMA-262 without the `u` flag do not know).
fn anbefalings_id_moenster() -> String {
    let b = crate::indhold::valider::ID_BOGSTAVER;
    format!("^[0-9{b}][0-9{b}._-]*$")
}

/// A kommune id in `kkr.yaml`: lower-case a-z, digits, `-` and `_` (they name files).
pub fn kommune_id() -> Value {
    json!({
        "title": "Kommunens id",
        "description": "Kort navn med små bogstaver a-z, tal og bindestreg; statusfilen hedder <id>.yaml. Skriv æ som ae, ø som oe og å som aa, fx «hoeje-taastrup».",
        "type": ["string", "integer"],
        "pattern": "^[a-z0-9_-]+$",
        "minimum": 0,
        "errorMessage": "kommune-id må kun have små bogstaver a-z, tal og bindestreg, fx «hoeje-taastrup»"
    })
}

/// A kommunekode: a whole number 1-999 without a leading zero.
pub fn kommunekode() -> Value {
    const FEJL: &str = "kommunekoden er et tal fra 1 til 999, fx 165 for Albertslund";
    json!({
        "title": "Kommunekode",
        "description": "Kommunens tre cifre, fx 165 for Albertslund.",
        "anyOf": [
            { "type": "integer", "minimum": 1, "maximum": 999, "errorMessage": FEJL },
            { "type": "string", "pattern": "^\\s*[1-9][0-9]{0,2}\\s*$", "errorMessage": FEJL }
        ]
    })
}

/// `status`: grøn, gul or rød in any case (spaces around allowed), or empty.
pub fn statusord() -> Value {
    const FEJL: &str =
        "status skal være grøn, gul eller rød – eller tom, hvis anbefalingen ikke er besvaret";
    json!({
        "title": "Status",
        "description": "Fremdriften: grøn, gul eller rød. Tom betyder «Ikke besvaret».",
        "anyOf": [
            {
                "enum": ["grøn", "gul", "rød"],
                "enumDescriptions": [
                    "Grøn fremdrift – vises med grønt og ordet «Grøn» i bilaget",
                    "Gul fremdrift – vises med gult og ordet «Gul» i bilaget",
                    "Rød fremdrift – vises med rødt og ordet «Rød» i bilaget"
                ],
                "errorMessage": FEJL
            },
            {
                "type": "string",
                "pattern": "^\\s*(?:[gG][rR][øØ][nN]|[gG][uU][lL]|[rR][øØ][dD])?\\s*$",
                "errorMessage": FEJL
            },
            // Empty (`status:`) is allowed, but not offered as «null» by completion,
            // which proposes the values of a declared type.
            { "not": { "type": ["string", "number", "boolean", "object", "array"] } }
        ]
    })
}

/// `niveau`: skal or kan in any case.
pub fn niveau() -> Value {
    const FEJL: &str = "niveau skal være skal eller kan (eller udelad feltet)";
    json!({
        "title": "Niveau",
        "description": "SKAL eller KAN. Når én anbefaling i runden har et niveau, skal alle have et.",
        "anyOf": [
            { "enum": ["skal", "kan"], "errorMessage": FEJL },
            { "type": "string", "pattern": "^\\s*(?:[sS][kK][aA][lL]|[kK][aA][nN])\\s*$", "errorMessage": FEJL }
        ]
    })
}

/// `udkast`: true or false (also quoted, any case); yes/no/on/off are refused.
pub fn sandhed(titel: &str, beskrivelse: &str) -> Value {
    const FEJL: &str = "skriv true eller false";
    json!({
        "title": titel,
        "description": beskrivelse,
        "anyOf": [
            { "type": "boolean", "errorMessage": FEJL },
            { "type": "string", "pattern": "^(?:[tT][rR][uU][eE]|[fF][aA][lL][sS][eE])$", "errorMessage": FEJL }
        ]
    })
}

/// One of `ord`, with spaces around allowed (as fremdrift trims them): completion
/// offers `ord`; the pattern accepts `" ord "` written in quotes.
pub fn et_af(titel: &str, beskrivelse: &str, ord: &[String], fejl: &str) -> Value {
    let alternativer: Vec<String> = ord.iter().map(|o| regex_escape(o)).collect();
    let mut enum_vaerdier: Vec<Value> = ord.iter().map(|o| Value::from(o.as_str())).collect();
    // An id of digits only is a number to YAML when written without quotes.
    enum_vaerdier.extend(ord.iter().filter_map(|o| som_heltal(o)));
    json!({
        "title": titel,
        "description": beskrivelse,
        "anyOf": [
            { "enum": enum_vaerdier, "errorMessage": fejl },
            {
                "type": "string",
                "pattern": format!("^\\s*(?:{})\\s*$", alternativer.join("|")),
                "errorMessage": fejl
            }
        ]
    })
}

/// A pattern matching exactly these keys with spaces around (`" v1"` in quotes).
pub fn noegler_med_luft(noegler: &[String]) -> String {
    let alternativer: Vec<String> = noegler.iter().map(|o| regex_escape(o)).collect();
    format!("^\\s*(?:{})\\s*$", alternativer.join("|"))
}

/// The number YAML reads `s` as when unquoted, for a plain decimal integer.
fn som_heltal(s: &str) -> Option<Value> {
    let plain = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let uden_nul = s == "0" || !s.starts_with('0');
    if plain && uden_nul {
        s.parse::<u64>().ok().map(Value::from)
    } else {
        None
    }
}

/// Escapes the characters that mean something in a regular expression (only those:
/// JavaScript's Unicode mode, which editors use, refuses other escapes such as `\-`).
fn regex_escape(s: &str) -> String {
    let mut ud = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            ud.push('\\');
        }
        ud.push(c);
    }
    ud
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_optional_value_also_accepts_null() {
        assert_eq!(
            valgfri(tekst("a", "b"))["type"],
            json!(["string", "number", "boolean", "null"])
        );
        let s = valgfri(niveau());
        assert_eq!(
            s["anyOf"].as_array().unwrap().last(),
            Some(&json!({"type": "null"}))
        );
    }

    #[test]
    fn ids_of_digits_are_also_offered_as_numbers() {
        let s = et_af("k", "b", &["alfa".into(), "101".into(), "010".into()], "f");
        assert_eq!(s["anyOf"][0]["enum"], json!(["alfa", "101", "010", 101]));
        assert_eq!(
            s["anyOf"][1]["pattern"],
            json!("^\\s*(?:alfa|101|010)\\s*$")
        );
    }

    /// The schema's id pattern and fremdrift's id rule agree, on a table of ids and on
    /// every character of the Basic Multilingual Plane alone and after a letter.
    #[test]
    fn the_id_pattern_accepts_exactly_the_ids_fremdrift_accepts() {
        use crate::indhold::valider::er_anbefalings_id;
        let moenster = anbefalings_id("t", "b")["pattern"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(!moenster.contains("\\p"), "{moenster}");
        let re = regex::Regex::new(&moenster).unwrap();
        let tabel = [
            ("v1", true),
            ("A1", true),
            ("3.2", true),
            ("virk-2", true),
            ("b_3", true),
            ("Æblø-1", true),
            ("éÉüÜöÖäÄðÐþÞßÿ", true),
            ("1b", true),
            ("", false),
            (".5", false),
            ("-a", false),
            ("_a", false),
            ("a b", false),
            ("a×b", false),
            ("a÷b", false),
            ("α1", false),
            ("ł1", false),
            ("一", false),
            ("٣", false),
            ("v1\n", false),
        ];
        for (id, gyldig) in tabel {
            assert_eq!(er_anbefalings_id(id), gyldig, "fremdrift: {id:?}");
            assert_eq!(re.is_match(id), gyldig, "skemaet: {id:?}");
        }
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            for id in [c.to_string(), format!("a{c}")] {
                assert_eq!(re.is_match(&id), er_anbefalings_id(&id), "{id:?}");
            }
        }
    }

    #[test]
    fn regex_characters_in_ids_are_escaped() {
        assert_eq!(
            noegler_med_luft(&["3.2".into(), "virk-2".into()]),
            "^\\s*(?:3\\.2|virk-2)\\s*$"
        );
    }
}
