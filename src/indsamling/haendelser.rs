//! The append-only event log `indsamling/<periode>/haendelser.log`: one JSON line an
//! event — link made, revoked, opened, saved, submitted, uploaded, invited, reminded,
//! reopened — with the time, the kommune and the link's number (never its token).
//! Each event is one `write` to a file opened for appending, synced before the answer;
//! a line torn by a killed process is skipped when the log is read.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::linkfil::{self, SEKRETARIAT};
use super::tid;
use crate::indhold::model::Kkr;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Art {
    LinkLavet,
    LinkTilbagekaldt,
    Aabnet,
    Gemt,
    Indsendt,
    Indlaest,
    Inviteret,
    Paamindet,
    Genaabnet,
}

/// One event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Haendelse {
    pub tid: String,
    pub art: Art,
    /// The kommune's id, or `sekretariat`.
    pub hvem: String,
    /// The link's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<u32>,
    /// Who did it, when it was not `hvem` itself: `sekretariatet`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub af: Option<String>,
}

impl Haendelse {
    pub fn ny(art: Art, hvem: &str, link: Option<u32>) -> Self {
        Self {
            tid: tid::nu().to_string(),
            art,
            hvem: hvem.to_string(),
            link,
            af: None,
        }
    }

    /// Done by the secretariat on the kommune's behalf.
    pub fn af_sekretariatet(mut self) -> Self {
        self.af = Some("sekretariatet".into());
        self
    }

    /// The line `indsamling log` prints: time (Danish), who, what.
    pub fn linje(&self, kkr: Option<&Kkr>) -> String {
        let tid = tid::laes(&self.tid).map_or_else(|| self.tid.clone(), tid::dansk);
        let hvem = navn(&self.hvem, kkr);
        let link = self.link.map(|n| format!("link {n}"));
        let link = link.as_deref().unwrap_or("linket");
        let hvad = match self.art {
            Art::LinkLavet => format!("fik {link}"),
            Art::LinkTilbagekaldt => format!("fik {link} tilbagekaldt"),
            Art::Aabnet => format!("åbnede {link}"),
            Art::Gemt => "gemte en kladde".into(),
            Art::Indsendt => "indsendte sin status".into(),
            Art::Indlaest => "indlæste et regneark".into(),
            Art::Inviteret => format!("fik en e-mail med {link}"),
            Art::Paamindet => format!("fik en påmindelse med {link}"),
            Art::Genaabnet => "blev genåbnet efter fristen".into(),
        };
        let af = match &self.af {
            Some(af) => format!(" (af {af})"),
            None => String::new(),
        };
        format!("{tid}  {hvem} {hvad}{af}")
    }
}

/// A kommune's name from kkr.yaml, «Sekretariatet», or the id.
pub(crate) fn navn(hvem: &str, kkr: Option<&Kkr>) -> String {
    if hvem == SEKRETARIAT {
        return "Sekretariatet".into();
    }
    kkr.and_then(|k| k.kommuner.iter().find(|k| k.id == hvem))
        .map_or_else(|| hvem.to_string(), |k| k.navn.clone())
}

pub(crate) fn sti(rod: &Path, periode: &str) -> PathBuf {
    linkfil::mappe(rod, periode).join("haendelser.log")
}

/// Appends events, synced to disk before it returns.
pub(crate) fn skriv(rod: &Path, periode: &str, h: &[Haendelse]) -> std::io::Result<()> {
    if h.is_empty() {
        return Ok(());
    }
    let sti = sti(rod, periode);
    if let Some(m) = sti.parent() {
        std::fs::create_dir_all(m)?;
    }
    let mut tekst = String::new();
    for e in h {
        tekst.push_str(&serde_json::to_string(e).map_err(std::io::Error::other)?);
        tekst.push('\n');
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&sti)?;
    f.write_all(tekst.as_bytes())?;
    f.sync_data()
}

/// Every event in the log, oldest first, and how many lines could not be read.
pub(crate) fn laes(rod: &Path, periode: &str) -> std::io::Result<(Vec<Haendelse>, usize)> {
    let tekst = match std::fs::read_to_string(sti(rod, periode)) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let mut ulaeselige = 0;
    let h = tekst
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let h = serde_json::from_str(l).ok();
            ulaeselige += usize::from(h.is_none());
            h
        })
        .collect();
    Ok((h, ulaeselige))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_appended_and_read_back_and_a_torn_line_is_skipped() {
        let d = tempfile::tempdir().unwrap();
        let a = Haendelse::ny(Art::Aabnet, "albertslund", Some(3));
        skriv(d.path(), "2015", std::slice::from_ref(&a)).unwrap();
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(sti(d.path(), "2015"))
            .unwrap();
        f.write_all(b"{\"tid\":\"2026-").unwrap();
        drop(f);
        let (h, ulaeselige) = laes(d.path(), "2015").unwrap();
        assert_eq!(h, vec![a]);
        assert_eq!(ulaeselige, 1);
    }

    #[test]
    fn a_line_names_time_in_danish_the_kommune_and_the_link_never_the_token() {
        let h = Haendelse {
            tid: "2026-12-02T18:04:00Z".into(),
            art: Art::Paamindet,
            hvem: "albertslund".into(),
            link: Some(3),
            af: None,
        };
        assert_eq!(
            h.linje(None),
            "2. december 2026 kl. 19.04  albertslund fik en påmindelse med link 3"
        );
        let s = Haendelse::ny(Art::Genaabnet, "albertslund", None).af_sekretariatet();
        assert!(
            s.linje(None)
                .ends_with("albertslund blev genåbnet efter fristen (af sekretariatet)")
        );
    }
}
