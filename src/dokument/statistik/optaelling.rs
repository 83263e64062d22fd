//! Counting statuses: what the summaries and charts are drawn from.

use serde::Serialize;

use crate::dansk;
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
}

/// Two counts added, part by part.
pub(crate) fn sum(a: Optaelling, b: Optaelling) -> Optaelling {
    Optaelling {
        groen: a.groen + b.groen,
        gul: a.gul + b.gul,
        roed: a.roed + b.roed,
        ikke_besvaret: a.ikke_besvaret + b.ikke_besvaret,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
