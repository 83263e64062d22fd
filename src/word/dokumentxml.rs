//! `word/document.xml` read as a stream into what a person sees of it: the tables of
//! the body, in order, each row's cells with their grid column and their paragraphs
//! as plain text. Content controls, hyperlinks, fields and smart tags are looked
//! through (a deleted control leaves its text in the cell; formatting is dropped);
//! tracked changes are read as accepted — inserted text is read, deleted text, a deleted
//! row and a deleted paragraph mark are not; comments, drawings, text boxes and the
//! alternative content kept for older programs are skipped. Bounded: at most
//! [`MAKS_AFSNIT`] paragraphs, [`MAKS_TEKST`] bytes of text and [`MAKS_TABELLER`] tables.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::aabningsfejl::{DOKUMENT, beskadiget, for_stor};
use crate::regneark::Aabningsfejl;
use crate::regneark::pakke::dtd;

/// The most paragraphs, tables and bytes of text read: a filled document has some
/// 500 paragraphs and 100 kB of text.
pub const MAKS_AFSNIT: usize = 1_000_000;
pub const MAKS_TABELLER: usize = 10_000;
pub const MAKS_TEKST: usize = 32 * 1024 * 1024;

/// The body's tables, and whether it has tracked changes.
#[derive(Debug, Default)]
pub struct Dokument {
    pub tabeller: Vec<Tabel>,
    pub aendringer: bool,
}

/// A table of the body (tables nested in a cell are read as the cell's paragraphs).
#[derive(Debug, Default)]
pub struct Tabel {
    pub raekker: Vec<Raekke>,
}

#[derive(Debug, Default)]
pub struct Raekke {
    pub celler: Vec<Celle>,
}

/// A cell: its first grid column (0-based), how many it spans, its paragraphs' text.
#[derive(Debug, Default, Clone)]
pub struct Celle {
    pub kolonne: u32,
    pub spand: u32,
    pub afsnit: Vec<String>,
}

impl Celle {
    /// The cell's text: its non-empty paragraphs, a blank line between them.
    pub fn tekst(&self) -> String {
        self.afsnit
            .iter()
            .map(|a| a.trim_end_matches([' ', '\t', '\n']))
            .filter(|a| !a.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

impl Raekke {
    /// The cell at grid column `kolonne`.
    pub fn celle(&self, kolonne: u32) -> Option<&Celle> {
        self.celler.iter().find(|c| c.kolonne == kolonne)
    }
}

/// Elements whose content is not read: deleted text, the fallback copy of alternative
/// content, drawings and text boxes, tab stop definitions, formatting changes.
const SPRING_OVER: &[&str] = &[
    "del",
    "moveFrom",
    "Fallback",
    "drawing",
    "pict",
    "object",
    "txbxContent",
    "tabs",
    "rPrChange",
    "pPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "sectPrChange",
    "tblGridChange",
    "numberingChange",
    "sdtPr",
    "footnoteReference",
    "endnoteReference",
];

/// Marks of a tracked change.
const AENDRING: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rPrChange",
    "pPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "sectPrChange",
    "cellIns",
    "cellDel",
];

#[derive(Default)]
struct Laeser {
    dok: Dokument,
    dybde: usize,
    /// The depth of the element being skipped.
    spring: Option<usize>,
    /// How deep in tables (1: a table of the body).
    tabel: usize,
    raekke: Option<Raekke>,
    celle: Option<Celle>,
    kolonne: u32,
    spand: u32,
    afsnit: Option<String>,
    /// The text of paragraphs whose mark was deleted, joined to the next.
    flettet: String,
    i_t: bool,
    i_ppr: bool,
    i_trpr: bool,
    slettet_raekke: bool,
    slettet_maerke: bool,
    afsnit_antal: usize,
    tekst: usize,
}

/// Reads `document.xml`.
pub fn laes<R: BufRead>(kilde: R) -> Result<Dokument, Aabningsfejl> {
    let mut xml = Reader::from_reader(kilde);
    xml.config_mut().expand_empty_elements = true;
    let mut l = Laeser::default();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(beskadiget)? {
            Event::DocType(_) => return Err(dtd("word/document.xml", &DOKUMENT)),
            Event::Start(e) => l.start(&e)?,
            Event::End(e) => l.slut(e.local_name().into_inner())?,
            Event::Text(t) if l.laeser_tekst() => l.tilfoej(&t.xml10_content())?,
            Event::GeneralRef(r) => {
                let s = entitet(&r)?;
                if l.laeser_tekst() {
                    l.tilfoej(&s)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if l.dybde != 0 {
        return Err(beskadiget("word/document.xml slutter midt i et element"));
    }
    Ok(l.dok)
}

impl Laeser {
    fn laeser_tekst(&self) -> bool {
        self.spring.is_none() && self.i_t && self.afsnit.is_some()
    }

    fn tilfoej(&mut self, s: &str) -> Result<(), Aabningsfejl> {
        self.tekst += s.len();
        if self.tekst > MAKS_TEKST {
            return Err(for_stor(format!(
                "dokumentet har over {} MB tekst; fremdrift læser højst det",
                MAKS_TEKST >> 20
            )));
        }
        if let Some(a) = self.afsnit.as_mut() {
            a.push_str(s);
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart) -> Result<(), Aabningsfejl> {
        self.dybde += 1;
        if self.spring.is_some() {
            return Ok(());
        }
        let navn = e.local_name();
        let navn = navn.into_inner();
        if AENDRING.contains(&navn) {
            self.dok.aendringer = true;
        }
        match navn {
            "del" if self.i_trpr => self.slettet_raekke = true,
            "del" | "moveFrom" if self.i_ppr => self.slettet_maerke = true,
            _ if SPRING_OVER.contains(&navn) => self.spring = Some(self.dybde),
            "tbl" => self.tabel_start()?,
            "tr" if self.tabel == 1 => {
                self.raekke = Some(Raekke::default());
                self.kolonne = 0;
                self.slettet_raekke = false;
            }
            "trPr" => self.i_trpr = true,
            "gridBefore" if self.i_trpr && self.tabel == 1 => {
                self.kolonne = self.kolonne.saturating_add(tal(e)?)
            }
            "tc" if self.tabel == 1 => {
                self.celle = Some(Celle {
                    kolonne: self.kolonne,
                    spand: 1,
                    afsnit: Vec::new(),
                });
                self.spand = 1;
            }
            "gridSpan" if self.tabel == 1 => {
                self.spand = tal(e)?.clamp(1, 64);
                if let Some(c) = self.celle.as_mut() {
                    c.spand = self.spand;
                }
            }
            "p" => self.afsnit_start()?,
            "pPr" => self.i_ppr = true,
            "t" => self.i_t = true,
            "tab" if self.afsnit.is_some() => self.tilfoej("\t")?,
            "br" | "cr" if self.afsnit.is_some() => self.tilfoej("\n")?,
            "noBreakHyphen" if self.afsnit.is_some() => self.tilfoej("-")?,
            _ => {}
        }
        Ok(())
    }

    fn tabel_start(&mut self) -> Result<(), Aabningsfejl> {
        self.tabel += 1;
        if self.tabel == 1 {
            if self.dok.tabeller.len() >= MAKS_TABELLER {
                return Err(for_stor(format!(
                    "dokumentet har over {MAKS_TABELLER} tabeller; fremdrift læser højst det"
                )));
            }
            self.dok.tabeller.push(Tabel::default());
        }
        Ok(())
    }

    fn afsnit_start(&mut self) -> Result<(), Aabningsfejl> {
        self.afsnit_antal += 1;
        if self.afsnit_antal > MAKS_AFSNIT {
            return Err(for_stor(format!(
                "dokumentet har over {MAKS_AFSNIT} afsnit; fremdrift læser højst det"
            )));
        }
        self.afsnit = Some(std::mem::take(&mut self.flettet));
        self.slettet_maerke = false;
        Ok(())
    }

    fn slut(&mut self, navn: &str) -> Result<(), Aabningsfejl> {
        let dybde = self.dybde;
        self.dybde = self.dybde.saturating_sub(1);
        if let Some(d) = self.spring {
            if d == dybde {
                self.spring = None;
            }
            return Ok(());
        }
        match navn {
            "t" => self.i_t = false,
            "pPr" => self.i_ppr = false,
            "trPr" => self.i_trpr = false,
            "p" => self.afsnit_slut(),
            "tc" if self.tabel == 1 => {
                if let (Some(c), Some(r)) = (self.celle.take(), self.raekke.as_mut()) {
                    r.celler.push(c);
                }
                self.kolonne = self.kolonne.saturating_add(self.spand);
            }
            "tr" if self.tabel == 1 => {
                let r = self.raekke.take();
                if let (Some(r), Some(t)) = (r, self.dok.tabeller.last_mut())
                    && !self.slettet_raekke
                {
                    t.raekker.push(r);
                }
            }
            "tbl" => self.tabel = self.tabel.saturating_sub(1),
            _ => {}
        }
        Ok(())
    }

    /// A paragraph ends: into its cell (or, outside tables, nowhere), or — its mark
    /// deleted — joined to the next.
    fn afsnit_slut(&mut self) {
        let Some(a) = self.afsnit.take() else { return };
        if self.slettet_maerke {
            self.flettet = a;
            return;
        }
        if let Some(c) = self.celle.as_mut() {
            c.afsnit.push(a);
        }
    }
}

/// A number attribute `w:val`.
fn tal(e: &BytesStart) -> Result<u32, Aabningsfejl> {
    let v = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == "val")
        .map(|a| a.value.to_string())
        .unwrap_or_default();
    Ok(v.trim().parse().unwrap_or(1))
}

/// An entity reference in the document's XML ([`crate::regneark::pakke::xml_entitet`]).
fn entitet(r: &BytesRef) -> Result<String, Aabningsfejl> {
    crate::regneark::pakke::xml_entitet(r, &DOKUMENT)
}
