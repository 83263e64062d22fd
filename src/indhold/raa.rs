//! Raw content as deserialised from YAML (or built from a spreadsheet or a form), with
//! the place of every value kept for the validators' messages.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::diagnose::{Pos, Sted};

/// A value and the place it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeret<T> {
    pub vaerdi: T,
    pub sted: Sted,
}

impl<T> Placeret<T> {
    pub fn ny(vaerdi: T, sted: Sted) -> Self {
        Self { vaerdi, sted }
    }

    /// "linje 14", "celle A5" or "feltet «X»", for «also used in …» messages.
    pub fn hvor(&self) -> String {
        match &self.sted {
            Sted::Linje(p) => format!("linje {}", p.linje),
            Sted::Celle(c) => format!("celle {}", c.celle),
            Sted::Felt(navn) => format!("feltet «{navn}»"),
            Sted::Dokument(hvor) => hvor.clone(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Placeret<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        Ok(Self::ny(s.value, Sted::Linje(Pos::fra(s.referenced))))
    }
}

/// `content/kkr.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKkr {
    pub navn: Placeret<String>,
    #[serde(default)]
    pub web: Option<String>,
    #[serde(default)]
    pub sekretariat: Option<RawSekretariat>,
    pub kommuner: Placeret<Vec<RawKommune>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSekretariat {
    #[serde(default)]
    pub navn: Option<String>,
    #[serde(default, rename = "e-mail")]
    pub email: Option<String>,
    #[serde(default)]
    pub telefon: Option<Tekst>,
    #[serde(default)]
    pub mobil: Option<Tekst>,
    #[serde(default)]
    pub adresse: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKommune {
    pub id: Placeret<Tekst>,
    pub kode: Placeret<Tekst>,
    pub navn: String,
    /// Where the hosted collection sends the kommune's link and reminders.
    #[serde(default, rename = "e-mail")]
    pub email: Option<Placeret<String>>,
}

/// `content/<periode>/anbefalinger.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRunde {
    pub titel: String,
    pub dato: Placeret<Tekst>,
    #[serde(default, rename = "sags-id")]
    pub sags_id: Option<Tekst>,
    #[serde(default, rename = "dok-id")]
    pub dok_id: Option<Tekst>,
    #[serde(default)]
    pub frist: Option<Placeret<Tekst>>,
    #[serde(default)]
    pub indledning: Option<String>,
    #[serde(default, rename = "pejlemærker")]
    pub pejlemaerker: Vec<RawPejlemaerke>,
    #[serde(rename = "fokusområder")]
    pub fokusomraader: Vec<RawFokus>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPejlemaerke {
    pub titel: String,
    #[serde(default)]
    pub tekst: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFokus {
    pub titel: String,
    #[serde(default)]
    pub indledning: Option<String>,
    pub anbefalinger: Vec<RawAnbefaling>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnbefaling {
    pub id: Placeret<Tekst>,
    #[serde(default)]
    pub niveau: Option<Placeret<Tekst>>,
    pub tekst: String,
    /// The anbefaling(er) of the previous period this one continues.
    #[serde(default)]
    pub erstatter: Option<Placeret<IdListe>>,
}

/// One anbefalings-id or a list of them, as `erstatter: v3` or `erstatter: [v1, v2]`
/// write them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdListe {
    En(Tekst),
    Flere(Vec<Placeret<Tekst>>),
}

impl Placeret<IdListe> {
    /// Every id with its own place (a single id has the place of the whole value).
    pub fn ids(&self) -> Vec<Placeret<Tekst>> {
        match &self.vaerdi {
            IdListe::En(t) => vec![Placeret::ny(t.clone(), self.sted.clone())],
            IdListe::Flere(v) => v.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for IdListe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IdListe;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("et id i anførselstegn (fx \"3.10\") eller en liste af id'er")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IdListe, E> {
                Ok(IdListe::En(Tekst(v.to_string())))
            }
            // A plain `7` reaches us as a number; its digits are the id. A plain `3.10`
            // would reach us as the number 3.1, so decimals are refused (see `expecting`)
            // rather than silently read as another id.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IdListe, E> {
                Ok(IdListe::En(Tekst(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IdListe, E> {
                Ok(IdListe::En(Tekst(v.to_string())))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut s: A) -> Result<IdListe, A::Error> {
                let mut ud = Vec::new();
                while let Some(id) = s.next_element::<Placeret<Tekst>>()? {
                    ud.push(id);
                }
                Ok(IdListe::Flere(ud))
            }
        }
        d.deserialize_any(V)
    }
}

/// `content/<periode>/status/<kommune>.yaml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    pub kommune: Placeret<Tekst>,
    #[serde(default)]
    pub behandlet: Option<RawBehandlet>,
    #[serde(default)]
    pub kontakt: Option<RawKontakt>,
    #[serde(default)]
    pub udkast: bool,
    #[serde(default, deserialize_with = "ordnet_tabel")]
    pub svar: Vec<(Placeret<Tekst>, RawSvar)>,
    #[serde(default)]
    pub forslag: Vec<RawForslag>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBehandlet {
    #[serde(default)]
    pub organ: Option<Placeret<String>>,
    pub dato: Placeret<Tekst>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKontakt {
    #[serde(default)]
    pub navn: Option<Placeret<String>>,
    #[serde(default, rename = "e-mail")]
    pub email: Option<Placeret<String>>,
    #[serde(default)]
    pub telefon: Option<Placeret<Tekst>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSvar {
    #[serde(default)]
    pub status: Option<Placeret<Tekst>>,
    #[serde(default, rename = "bemærkning")]
    pub bemaerkning: Option<Placeret<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawForslag {
    pub titel: Placeret<String>,
    #[serde(default)]
    pub tekst: Option<Placeret<String>>,
}

/// A scalar exactly as written: `dok-id: 1993594`, `3.10` and `010` keep their digits
/// (YAML never turns them into numbers here), `2016-01-26` stays text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Tekst(pub String);

impl Tekst {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Tekst {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Tekst {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Tekst;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Tekst, E> {
                Ok(Tekst(v.to_string()))
            }
        }
        // serde-saphyr hands a plain scalar over as its source text when asked for a
        // string, so nothing is read as a number, a float or a boolean first.
        d.deserialize_str(V)
    }
}

/// Deserialises a mapping into an ordered list of (spanned key, value).
fn ordnet_tabel<'de, D, T>(d: D) -> Result<Vec<(Placeret<Tekst>, T)>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = Vec<(Placeret<Tekst>, T)>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut ud = Vec::new();
            while let Some(k) = m.next_key::<Placeret<Tekst>>()? {
                ud.push((k, m.next_value()?));
            }
            Ok(ud)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_map(V(std::marker::PhantomData))
}

/// `content/<periode>/tilbagemelding.yaml` (optional).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawTilbagemelding {
    #[serde(default)]
    pub titel: Option<String>,
    #[serde(default)]
    pub dato: Option<Placeret<Tekst>>,
    #[serde(default, rename = "sags-id")]
    pub sags_id: Option<Tekst>,
    #[serde(default, rename = "dok-id")]
    pub dok_id: Option<Tekst>,
    #[serde(default)]
    pub sigte: Option<String>,
    #[serde(default)]
    pub baggrund: Option<String>,
    #[serde(default)]
    pub sammenfatning: Option<String>,
    #[serde(default)]
    pub justeringer: Vec<RawJustering>,
}

/// An adjustment of an anbefaling (`anbefaling: <id>`) or a proposal for a new one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJustering {
    #[serde(default)]
    pub anbefaling: Option<Placeret<Tekst>>,
    #[serde(default)]
    pub titel: Option<String>,
    #[serde(default, rename = "fokusområde")]
    pub fokusomraade: Option<String>,
    #[serde(default)]
    pub niveau: Option<Placeret<Tekst>>,
    pub forslag: String,
    #[serde(default)]
    pub begrundelse: Option<String>,
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::indhold::yaml;

    #[derive(Debug, Deserialize)]
    struct Felt {
        erstatter: Placeret<IdListe>,
    }

    fn ids(yaml_tekst: &str) -> Result<Vec<(String, u64)>, String> {
        let f: Felt = yaml::fortolk(yaml_tekst, Path::new("a.yaml")).map_err(|d| d.to_string())?;
        Ok(f.erstatter
            .ids()
            .into_iter()
            .map(|p| match p.sted {
                Sted::Linje(pos) => (p.vaerdi.0, pos.kolonne),
                _ => unreachable!(),
            })
            .collect())
    }

    #[test]
    fn erstatter_takes_one_id_or_a_list_each_with_its_place() {
        assert_eq!(ids("erstatter: v3").unwrap(), [("v3".into(), 12)]);
        assert_eq!(ids("erstatter: 7").unwrap(), [("7".into(), 12)]);
        assert_eq!(
            ids("erstatter: [3.10, v1]").unwrap(),
            [("3.10".into(), 13), ("v1".into(), 19)],
            "a list keeps every digit"
        );
        assert_eq!(ids("erstatter:\n  - v1\n  - 010").unwrap().len(), 2);
        assert_eq!(ids("erstatter: []").unwrap(), []);
        assert_eq!(ids("erstatter: \"3.10\"").unwrap()[0].0, "3.10");
    }

    #[test]
    fn a_decimal_erstatter_is_refused_rather_than_read_as_another_id() {
        let e = ids("erstatter: 3.10").unwrap_err();
        assert!(e.contains("fandt et kommatal «3.1»"), "{e}");
        assert!(ids("erstatter: true").is_err());
    }
}
