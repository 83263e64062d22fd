//! Raw content as deserialised from YAML, with spans kept for later checks.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

/// `content/kkr.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKkr {
    pub navn: Spanned<String>,
    #[serde(default)]
    pub web: Option<String>,
    #[serde(default)]
    pub sekretariat: Option<RawSekretariat>,
    pub kommuner: Spanned<Vec<RawKommune>>,
}

#[derive(Debug, Deserialize)]
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
    pub id: Spanned<Tekst>,
    pub kode: Spanned<Tekst>,
    pub navn: String,
}

/// `content/<periode>/anbefalinger.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRunde {
    pub titel: String,
    pub dato: Spanned<Tekst>,
    #[serde(default, rename = "sags-id")]
    pub sags_id: Option<Tekst>,
    #[serde(default, rename = "dok-id")]
    pub dok_id: Option<Tekst>,
    #[serde(default)]
    pub frist: Option<Spanned<Tekst>>,
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
    pub id: Spanned<Tekst>,
    #[serde(default)]
    pub niveau: Option<Spanned<Tekst>>,
    pub tekst: String,
}

/// `content/<periode>/status/<kommune>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    pub kommune: Spanned<Tekst>,
    #[serde(default)]
    pub behandlet: Option<RawBehandlet>,
    #[serde(default)]
    pub kontakt: Option<RawKontakt>,
    #[serde(default)]
    pub udkast: bool,
    #[serde(default, deserialize_with = "ordnet_tabel")]
    pub svar: Vec<(Spanned<Tekst>, RawSvar)>,
    #[serde(default)]
    pub forslag: Vec<RawForslag>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBehandlet {
    #[serde(default)]
    pub organ: Option<String>,
    pub dato: Spanned<Tekst>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKontakt {
    #[serde(default)]
    pub navn: Option<String>,
    #[serde(default, rename = "e-mail")]
    pub email: Option<String>,
    #[serde(default)]
    pub telefon: Option<Tekst>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSvar {
    #[serde(default)]
    pub status: Option<Spanned<Tekst>>,
    #[serde(default, rename = "bemærkning")]
    pub bemaerkning: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawForslag {
    pub titel: String,
    #[serde(default)]
    pub tekst: Option<String>,
}

/// A scalar read as written: text stays text, and a plain number keeps its digits
/// (`dok-id: 1993594`). Leading zeros (`010`) arrive as text, never as octal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Tekst {
    pub tekst: String,
    /// True when YAML saw a plain integer.
    pub tal: bool,
}

impl Tekst {
    pub fn as_str(&self) -> &str {
        &self.tekst
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
                Ok(Tekst {
                    tekst: v.to_string(),
                    tal: false,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tekst, E> {
                Ok(Tekst {
                    tekst: v.to_string(),
                    tal: true,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tekst, E> {
                Ok(Tekst {
                    tekst: v.to_string(),
                    tal: true,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Deserialises a mapping into an ordered list of (spanned key, value).
fn ordnet_tabel<'de, D, T>(d: D) -> Result<Vec<(Spanned<Tekst>, T)>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = Vec<(Spanned<Tekst>, T)>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut ud = Vec::new();
            while let Some(k) = m.next_key::<Spanned<Tekst>>()? {
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
    pub dato: Option<Spanned<Tekst>>,
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
    pub anbefaling: Option<Spanned<Tekst>>,
    #[serde(default)]
    pub titel: Option<String>,
    #[serde(default, rename = "fokusområde")]
    pub fokusomraade: Option<String>,
    #[serde(default)]
    pub niveau: Option<Spanned<Tekst>>,
    pub forslag: String,
    #[serde(default)]
    pub begrundelse: Option<String>,
}
