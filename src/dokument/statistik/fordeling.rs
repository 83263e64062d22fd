//! A count ready for a chart or a table: its parts, its figures as Danish text and
//! the sentence that is the bar's text alternative.

use serde::Serialize;

use super::optaelling::{Del, Optaelling};
use super::saetninger;
use crate::dansk;

/// A labelled distribution, ready for a chart.
#[derive(Clone, Debug, Serialize)]
pub struct Fordeling {
    pub navn: String,
    #[serde(flatten)]
    pub optaelling: Optaelling,
    pub i_alt: u32,
    pub dele: Vec<Del>,
    /// The counts as Danish text («1.234») for tables: `groen`, `gul`, `roed`,
    /// `ikke_besvaret` and `i_alt`.
    pub vist: Vist,
    /// The distribution in words, the text alternative of its bar: «9 grønne, 5 gule,
    /// 1 rød og 1 ikke besvaret».
    pub beskrivelse: String,
}

/// Counts as Danish text.
#[derive(Clone, Debug, Serialize)]
pub struct Vist {
    pub groen: String,
    pub gul: String,
    pub roed: String,
    pub ikke_besvaret: String,
    pub i_alt: String,
}

impl Fordeling {
    pub fn ny(navn: impl Into<String>, o: Optaelling) -> Self {
        let t = |n: u32| dansk::tal(n.into());
        Self {
            navn: navn.into(),
            optaelling: o,
            i_alt: o.i_alt(),
            dele: o.dele(),
            vist: Vist {
                groen: t(o.groen),
                gul: t(o.gul),
                roed: t(o.roed),
                ikke_besvaret: t(o.ikke_besvaret),
                i_alt: t(o.i_alt()),
            },
            beskrivelse: saetninger::fordeling(&o),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_uses_danish_plurals() {
        let o = Optaelling {
            groen: 9,
            gul: 5,
            roed: 1,
            ikke_besvaret: 1,
        };
        assert_eq!(
            Fordeling::ny("", o).beskrivelse,
            "9 grønne, 5 gule, 1 rød og 1 ikke besvaret"
        );
        let o = Optaelling {
            groen: 1,
            gul: 0,
            roed: 2,
            ikke_besvaret: 0,
        };
        assert_eq!(Fordeling::ny("", o).beskrivelse, "1 grøn og 2 røde");
        assert_eq!(
            Fordeling::ny("", Optaelling::default()).beskrivelse,
            "ingen"
        );
    }
}
