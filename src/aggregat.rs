//! Counting statuses: what the summaries and charts are drawn from.

use serde::Serialize;

use crate::model::{Anbefaling, KommuneStatus, Status};

/// How many grøn, gul, rød and unanswered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Optaelling {
    pub groen: u32,
    pub gul: u32,
    pub roed: u32,
    pub ikke_besvaret: u32,
}

/// One part of a bar: its status code, word and count.
#[derive(Clone, Debug, Serialize)]
pub struct Del {
    pub kode: &'static str,
    pub navn: &'static str,
    pub antal: u32,
}

impl Optaelling {
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

    /// The parts in a fixed order, for charts and legends.
    pub fn dele(&self) -> Vec<Del> {
        vec![
            Del {
                kode: "groen",
                navn: "Grøn",
                antal: self.groen,
            },
            Del {
                kode: "gul",
                navn: "Gul",
                antal: self.gul,
            },
            Del {
                kode: "roed",
                navn: "Rød",
                antal: self.roed,
            },
            Del {
                kode: "ikke",
                navn: "Ikke besvaret",
                antal: self.ikke_besvaret,
            },
        ]
    }

    /// "9 grønne, 5 gule, 1 rød og 1 ikke besvaret".
    pub fn saetning(&self) -> String {
        let mut dele = Vec::new();
        let mut tilfoej = |n: u32, en: &str, flere: &str| {
            if n > 0 {
                dele.push(format!("{n} {}", if n == 1 { en } else { flere }));
            }
        };
        tilfoej(self.groen, "grøn", "grønne");
        tilfoej(self.gul, "gul", "gule");
        tilfoej(self.roed, "rød", "røde");
        tilfoej(self.ikke_besvaret, "ikke besvaret", "ikke besvaret");
        if dele.is_empty() {
            return "ingen anbefalinger".into();
        }
        crate::diag::liste(&dele)
    }
}

/// A status for display: code, word, and the short mark used in the overview matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusVis {
    pub kode: &'static str,
    pub navn: &'static str,
    /// "G", "Gu", "R" or "–": readable in greyscale and by a screen reader.
    pub bogstav: &'static str,
}

impl From<Option<Status>> for StatusVis {
    fn from(s: Option<Status>) -> Self {
        match s {
            Some(s) => StatusVis {
                kode: s.kode(),
                navn: s.navn(),
                bogstav: s.bogstav(),
            },
            None => StatusVis {
                kode: "ikke",
                navn: "Ikke besvaret",
                bogstav: "–",
            },
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
        assert_eq!(o.saetning(), "9 grønne, 5 gule, 1 rød og 1 ikke besvaret");
        let o = Optaelling {
            groen: 1,
            gul: 0,
            roed: 2,
            ikke_besvaret: 0,
        };
        assert_eq!(o.saetning(), "1 grøn og 2 røde");
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
