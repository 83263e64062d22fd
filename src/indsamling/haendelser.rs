//! The append-only event log `indsamling/<periode>/haendelser.log`: one JSON line an
//! event — link made, revoked, opened, saved, submitted, uploaded, invited, reminded,
//! reopened — with the time, the kommune and the link's number (never its token).
//! Each event is one `write` to a file opened for appending, synced before the answer;
//! a line torn by a killed process is skipped when the log is read.

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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

/// What was read of a log file: the events of its complete lines and where they end.
/// The log only grows, so the next read goes on from there (the dashboard and every
/// form page read it, and in a busy round it has thousands of lines).
struct Laest {
    sti: PathBuf,
    inode: u64,
    /// The file's first bytes: a log replaced by another (restored from a backup) is
    /// read anew, even if it got the same inode.
    start: Vec<u8>,
    slut: u64,
    haendelser: Vec<Haendelse>,
    ulaeselige: usize,
}

static LAEST: Mutex<Vec<Laest>> = Mutex::new(Vec::new());

/// Every event in the log, oldest first, and how many lines could not be read.
pub(crate) fn laes(rod: &Path, periode: &str) -> std::io::Result<(Vec<Haendelse>, usize)> {
    let sti = sti(rod, periode);
    let mut f = match std::fs::File::open(&sti) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(e) => return Err(e),
    };
    let md = f.metadata()?;
    let inode = crate::filaftryk::inode(&md);
    let mut lager = LAEST.lock().unwrap_or_else(|e| e.into_inner());
    let i = lager.iter().position(|l| l.sti == sti);
    let mut start = vec![0; md.len().min(128) as usize];
    f.read_exact(&mut start)?;
    let mut l = match i {
        Some(i)
            if lager[i].inode == inode
                && lager[i].slut <= md.len()
                && start.starts_with(&lager[i].start) =>
        {
            lager.remove(i)
        }
        _ => Laest {
            sti,
            inode,
            start: Vec::new(),
            slut: 0,
            haendelser: Vec::new(),
            ulaeselige: 0,
        },
    };
    f.seek(std::io::SeekFrom::Start(l.slut))?;
    let mut nyt = Vec::new();
    f.read_to_end(&mut nyt)?;
    let hele = nyt.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    for linje in String::from_utf8_lossy(&nyt[..hele]).lines() {
        l.tilfoej(linje);
    }
    l.slut += hele as u64;
    if l.start.len() < start.len() {
        l.start = start;
    }
    // A last line without its newline (torn by a kill, or being written) is read each
    // time, not kept.
    let (mut h, mut u) = (l.haendelser.clone(), l.ulaeselige);
    let hale = String::from_utf8_lossy(&nyt[hele..]);
    if !hale.trim().is_empty() {
        match serde_json::from_str(&hale) {
            Ok(e) => h.push(e),
            Err(_) => u += 1,
        }
    }
    lager.push(l);
    if lager.len() > 8 {
        lager.remove(0);
    }
    Ok((h, u))
}

impl Laest {
    fn tilfoej(&mut self, linje: &str) {
        if linje.trim().is_empty() {
            return;
        }
        match serde_json::from_str(linje) {
            Ok(h) => self.haendelser.push(h),
            Err(_) => self.ulaeselige += 1,
        }
    }
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
        assert_eq!(h, vec![a.clone()]);
        assert_eq!(ulaeselige, 1);
        // The next event completes the torn line (unreadable) and is read on its own
        // line after it, from where the last read stopped.
        f = std::fs::OpenOptions::new()
            .append(true)
            .open(sti(d.path(), "2015"))
            .unwrap();
        f.write_all(b"\n").unwrap();
        let b = Haendelse::ny(Art::Gemt, "albertslund", Some(3));
        skriv(d.path(), "2015", std::slice::from_ref(&b)).unwrap();
        assert_eq!(
            laes(d.path(), "2015").unwrap(),
            (vec![a.clone(), b.clone()], 1)
        );
        assert_eq!(laes(d.path(), "2015").unwrap(), (vec![a, b.clone()], 1));
        // A log replaced by another file (restored from a backup) is read anew.
        std::fs::remove_file(sti(d.path(), "2015")).unwrap();
        skriv(d.path(), "2015", std::slice::from_ref(&b)).unwrap();
        assert_eq!(laes(d.path(), "2015").unwrap(), (vec![b], 0));
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
