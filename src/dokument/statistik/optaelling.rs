//! Counting statuses: what the summaries and charts are drawn from.

use serde::Serialize;

use crate::dansk;
use crate::dokument::saetninger;
use crate::indhold::model::{Anbefaling, KommuneStatus, Status, StatusVis};

/// How many grøn, gul, rød and unanswered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Optaelling {
    pub groen: u32,
    pub gul: u32,
    pub roed: u32,
    pub ikke_besvaret: u32,
}

/// One part of a bar: its status code, word and count (also as Danish text, «1.234»).
#[derive(Clone, Debug, Serialize)]
pub struct Del {
    pub kode: &'static str,
    pub navn: &'static str,
    pub antal: u32,
    pub tal: String,
}

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

impl Optaelling {
    /// The counts of grøn, gul, rød and unanswered.
    pub const fn ny(groen: u32, gul: u32, roed: u32, ikke_besvaret: u32) -> Self {
        Self {
            groen,
            gul,
            roed,
            ikke_besvaret,
        }
    }

    pub fn tael(&mut self, status: Option<Status>) {
        match status {
            Some(Status::Groen) => self.groen += 1,
            Some(Status::Gul) => self.gul += 1,
            Some(Status::Roed) => self.roed += 1,
            None => self.ikke_besvaret += 1,
        }
    }

    /// Counts one kommune's answers to the given anbefalinger.
    pub fn for_kommune<'a>(
        s: &KommuneStatus,
        anbefalinger: impl IntoIterator<Item = &'a Anbefaling>,
    ) -> Self {
        let mut o = Self::default();
        for a in anbefalinger {
            o.tael(s.status_for(&a.id));
        }
        o
    }

    pub fn i_alt(&self) -> u32 {
        self.groen + self.gul + self.roed + self.ikke_besvaret
    }

    /// How many of one kind, by the kind's template code.
    fn af(&self, kode: &str) -> u32 {
        match kode {
            "groen" => self.groen,
            "gul" => self.gul,
            "roed" => self.roed,
            _ => self.ikke_besvaret,
        }
    }

    /// The parts in the fixed order of charts and legends.
    pub fn dele(&self) -> Vec<Del> {
        StatusVis::alle()
            .into_iter()
            .map(|v| Del {
                kode: v.kode,
                navn: v.navn,
                antal: self.af(v.kode),
                tal: dansk::tal(self.af(v.kode).into()),
            })
            .collect()
    }

    /// "9 grønne, 5 gule, 1 rød og 1 ikke besvaret" (see [`saetninger::fordeling`]).
    pub fn saetning(&self) -> String {
        saetninger::fordeling(self)
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
        assert_eq!(o.saetning(), "9 grønne, 5 gule, 1 rød og 1 ikke besvaret");
        let o = Optaelling {
            groen: 1,
            gul: 0,
            roed: 2,
            ikke_besvaret: 0,
        };
        assert_eq!(o.saetning(), "1 grøn og 2 røde");
        assert_eq!(Optaelling::default().saetning(), "ingen");
    }

    #[test]
    fn counting_puts_missing_under_ikke_besvaret() {
        let mut o = Optaelling::default();
        for s in [Some(Status::Groen), None, Some(Status::Roed), None] {
            o.tael(s);
        }
        assert_eq!(
            (o.groen, o.gul, o.roed, o.ikke_besvaret, o.i_alt()),
            (1, 0, 1, 2, 4)
        );
    }
}
