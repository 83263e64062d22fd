//! Reading an OpenDocument spreadsheet (.ods) as a stream: `content.xml` is read
//! event by event, only the first [`MAKS_ARK`] tables are looked at, and a repeated
//! row or cell (`table:number-rows-repeated="1048576"`,
//! `table:number-columns-repeated="16384"`) is expanded only within the rows and
//! columns read — never materialised as a range, however far it reaches.

use std::io::{BufRead, BufReader, Cursor, Read, Seek};

use calamine::{Data, Dimensions};
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::QName;

use super::aabningsfejl::{Aabningsfejl, beskadiget, krypteret};
use super::celle::{Vaerdi, vaerdi};
use super::graenser::{Fylde, MAKS_ARK, MAKS_FLETTEDE, MAKS_KOLONNER, MAKS_RAEKKER, tekst_laengde};
use super::pakke::{REGNEARK, dtd};
use super::projektmappe::{Ark, Projektmappe};

const RAEKKE: QName = QName("table:table-row");
const TABEL: QName = QName("table:table");

/// Reads the sheets of an .ods file (the zip already checked by
/// [`super::pakke::tjek_zip`]).
pub(super) fn laes_ods(bytes: Vec<u8>) -> Result<Projektmappe, Aabningsfejl> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(beskadiget)?;
    tjek_kryptering(&mut zip)?;
    let mut xml = xml_laeser(zip.by_name("content.xml").map_err(beskadiget)?);
    let (mut mappe, mut fylde) = (Projektmappe::default(), Fylde::default());
    let mut buf = Vec::new();
    while mappe.ark.len() < MAKS_ARK {
        let navn = match naeste(&mut xml, &mut buf)? {
            Event::Start(e) if e.name() == TABEL => attribut(&e, "table:name")?.unwrap_or_default(),
            Event::Eof => break,
            _ => continue,
        };
        let mut ark = Ark {
            navn,
            ..Ark::default()
        };
        laes_tabel(&mut xml, &mut ark, &mut fylde)?;
        mappe.ark.push(ark);
    }
    Ok(mappe)
}

fn xml_laeser<R: Read>(del: R) -> Reader<BufReader<R>> {
    let mut xml = Reader::from_reader(BufReader::new(del));
    // <text:s/> and <text:s></text:s> alike: every element has its end event.
    xml.config_mut().expand_empty_elements = true;
    xml
}

/// The next event; a document type declaration anywhere is refused.
fn naeste<'b, R: BufRead>(
    xml: &mut Reader<R>,
    buf: &'b mut Vec<u8>,
) -> Result<Event<'b>, Aabningsfejl> {
    buf.clear();
    match xml.read_event_into(buf).map_err(beskadiget)? {
        Event::DocType(_) => Err(dtd("content.xml", &REGNEARK)),
        e => Ok(e),
    }
}

/// Skips to the end of the element `navn` that was just started.
fn spring_over<R: BufRead>(xml: &mut Reader<R>, navn: &str) -> Result<(), Aabningsfejl> {
    let mut buf = Vec::new();
    xml.read_to_end_into(QName(navn), &mut buf)
        .map(|_| ())
        .map_err(beskadiget)
}

/// An encrypted .ods names its encryption in the manifest.
fn tjek_kryptering<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<(), Aabningsfejl> {
    let Ok(del) = zip.by_name("META-INF/manifest.xml") else {
        return Ok(());
    };
    let mut xml = xml_laeser(del);
    let mut buf = Vec::new();
    loop {
        match naeste(&mut xml, &mut buf)? {
            Event::Start(e) if e.name() == QName("manifest:encryption-data") => {
                return Err(krypteret());
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Reads a table's rows (the start of `table:table` just read) up to its end.
fn laes_tabel<R: BufRead>(
    xml: &mut Reader<R>,
    ark: &mut Ark,
    fylde: &mut Fylde,
) -> Result<(), Aabningsfejl> {
    let mut buf = Vec::new();
    let mut raekke = 0u64;
    loop {
        let gange = match naeste(xml, &mut buf)? {
            Event::Start(e) if e.name() == RAEKKE => antal(&e, "table:number-rows-repeated")?,
            Event::End(e) if e.name() == TABEL => return Ok(()),
            Event::Eof => return Err(beskadiget("content.xml slutter midt i et ark")),
            _ => continue,
        };
        if raekke >= u64::from(MAKS_RAEKKER) {
            // Rows below those read: the rest of the table is skipped unread.
            return spring_over(xml, TABEL.0);
        }
        let celler = laes_raekke(xml, ark, raekke as u32, fylde)?;
        let slut = raekke.saturating_add(gange).min(u64::from(MAKS_RAEKKER));
        for r in raekke..slut {
            for (k, v) in &celler {
                fylde.indsaet(ark, r as u32, *k, v.clone())?;
            }
        }
        raekke = raekke.saturating_add(gange);
    }
}

/// Reads a row's cells (the start of `table:table-row` just read) up to its end: the
/// values in the columns read, each repeated cell once per column it covers.
fn laes_raekke<R: BufRead>(
    xml: &mut Reader<R>,
    ark: &mut Ark,
    raekke: u32,
    fylde: &Fylde,
) -> Result<Vec<(u32, Vaerdi)>, Aabningsfejl> {
    let mut buf = Vec::new();
    let (mut kolonne, mut celler, mut tekst) = (0u64, Vec::new(), 0usize);
    loop {
        let (navn, gange, celle) = match naeste(xml, &mut buf)? {
            Event::Start(e) if er_celle(&e) => {
                let navn = e.name().0.to_string();
                (
                    navn,
                    antal(&e, "table:number-columns-repeated")?,
                    Celle::fra(&e)?,
                )
            }
            Event::End(e) if e.name() == RAEKKE => return Ok(celler),
            Event::Eof => return Err(beskadiget("content.xml slutter midt i en række")),
            _ => continue,
        };
        if kolonne >= u64::from(MAKS_KOLONNER) {
            spring_over(xml, &navn)?;
            spring_over(xml, RAEKKE.0)?;
            return Ok(celler);
        }
        celle.flet(ark, raekke, kolonne as u32);
        if let Some(v) = celle.vaerdi(xml, &navn, fylde)? {
            let slut = kolonne.saturating_add(gange).min(u64::from(MAKS_KOLONNER));
            tekst += tekst_laengde(&v) * (slut - kolonne) as usize;
            fylde.tjek_tekst(tekst)?;
            celler.extend((kolonne..slut).map(|k| (k as u32, v.clone())));
        }
        kolonne = kolonne.saturating_add(gange);
    }
}

fn er_celle(e: &BytesStart) -> bool {
    e.name() == QName("table:table-cell") || e.name() == QName("table:covered-table-cell")
}

/// A cell's attributes.
struct Celle {
    /// office:value-type (calcext:value-type «error» for an error value).
    art: String,
    fejl: bool,
    /// office:value, office:date-value, office:time-value, office:boolean-value or
    /// office:string-value: the one that belongs to `art`.
    vaerdi: Option<String>,
    formel: Option<String>,
    /// table:number-columns-spanned, table:number-rows-spanned.
    spaend: (u64, u64),
}

impl Celle {
    fn fra(e: &BytesStart) -> Result<Celle, Aabningsfejl> {
        let art = attribut(e, "office:value-type")?.unwrap_or_default();
        let felt = match art.as_str() {
            "float" | "percentage" | "currency" => "office:value",
            "date" => "office:date-value",
            "time" => "office:time-value",
            "boolean" => "office:boolean-value",
            _ => "office:string-value",
        };
        Ok(Celle {
            vaerdi: attribut(e, felt)?,
            fejl: attribut(e, "calcext:value-type")?.as_deref() == Some("error"),
            formel: attribut(e, "table:formula")?.filter(|f| !f.is_empty()),
            spaend: (
                antal(e, "table:number-columns-spanned")?,
                antal(e, "table:number-rows-spanned")?,
            ),
            art,
        })
    }

    /// A merged area starting at this cell, as [`Ark::flettede`] keeps it.
    fn flet(&self, ark: &mut Ark, raekke: u32, kolonne: u32) {
        let (kolonner, raekker) = self.spaend;
        if (kolonner > 1 || raekker > 1) && ark.flettede.len() < MAKS_FLETTEDE {
            let til =
                |fra: u32, n: u64| fra.saturating_add(u32::try_from(n - 1).unwrap_or(u32::MAX));
            ark.flettede.push(Dimensions {
                start: (raekke, kolonne),
                end: (til(raekke, raekker), til(kolonne, kolonner)),
            });
        }
    }

    /// The cell's value, reading its content (the start of the cell `navn` just read)
    /// up to its end.
    fn vaerdi<R: BufRead>(
        self,
        xml: &mut Reader<R>,
        navn: &str,
        fylde: &Fylde,
    ) -> Result<Option<Vaerdi>, Aabningsfejl> {
        let data = match (self.formel, self.vaerdi) {
            (Some(f), _) => {
                spring_over(xml, navn)?;
                return Ok(Some(Vaerdi::Formel(uden_navnerum(f))));
            }
            (None, _) if self.fejl => return Ok(Some(Vaerdi::Fejl(laes_tekst(xml, navn, fylde)?))),
            (None, Some(v)) => {
                spring_over(xml, navn)?;
                match self.art.as_str() {
                    "float" | "percentage" | "currency" => {
                        v.trim().parse().map_or(Data::String(v), Data::Float)
                    }
                    "date" => Data::DateTimeIso(v),
                    "time" => Data::DurationIso(v),
                    "boolean" => Data::Bool(matches!(v.trim(), "true" | "TRUE" | "1")),
                    _ => Data::String(v),
                }
            }
            // A string without office:string-value, or a cell without a value type
            // from a program that leaves it out: the text of its paragraphs.
            (None, None) => Data::String(laes_tekst(xml, navn, fylde)?),
        };
        Ok(vaerdi(data).filter(|v| !matches!(v, Vaerdi::Tekst(s) if s.is_empty())))
    }
}

/// A formula as the user typed it: «of:=IF(…)» as «=IF(…)».
fn uden_navnerum(f: String) -> String {
    match (f.find(':'), f.find('=')) {
        (Some(kolon), Some(lig)) if kolon < lig => f[kolon + 1..].to_string(),
        _ => f,
    }
}

/// The text of a cell's paragraphs up to the end of the cell `navn`: paragraphs and
/// line breaks as `\n`, `<text:s text:c="3"/>` as three spaces, `<text:tab/>` as a tab;
/// comments, drawings and anything else that is not text left out. At most
/// [`super::graenser::MAKS_TEKST`] bytes.
fn laes_tekst<R: BufRead>(
    xml: &mut Reader<R>,
    navn: &str,
    fylde: &Fylde,
) -> Result<String, Aabningsfejl> {
    let (mut buf, mut s) = (Vec::new(), String::new());
    let (mut afsnit, mut inde) = (0usize, 0usize);
    loop {
        match naeste(xml, &mut buf)? {
            Event::Start(e) => match e.name().0 {
                "text:p" | "text:h" => {
                    if afsnit > 0 {
                        s.push('\n');
                    }
                    afsnit += 1;
                    inde += 1;
                }
                "text:s" => {
                    let n = antal(&e, "text:c")?;
                    fylde.tjek_tekst(s.len().saturating_add(n as usize))?;
                    s.extend(std::iter::repeat_n(' ', n as usize));
                }
                "text:tab" => s.push('\t'),
                "text:line-break" => s.push('\n'),
                t if t.starts_with("text:") => {}
                andet => spring_over(xml, andet)?,
            },
            Event::End(e) if matches!(e.name().0, "text:p" | "text:h") => {
                inde = inde.saturating_sub(1);
            }
            Event::End(e) if e.name().0 == navn => return Ok(s),
            Event::Text(t) if inde > 0 => s.push_str(&t.xml10_content()),
            Event::CData(t) if inde > 0 => s.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inde > 0 => s.push_str(&entitet(&r)?),
            Event::GeneralRef(r) => _ = entitet(&r)?,
            Event::Eof => return Err(beskadiget("content.xml slutter midt i en celle")),
            _ => {}
        }
        fylde.tjek_tekst(s.len())?;
    }
}

/// An entity reference in the file's XML ([`super::pakke::xml_entitet`]).
fn entitet(r: &BytesRef) -> Result<String, Aabningsfejl> {
    super::pakke::xml_entitet(r, &REGNEARK)
}

/// An attribute's value, its references resolved (an unknown entity is an error).
fn attribut(e: &BytesStart, navn: &str) -> Result<Option<String>, Aabningsfejl> {
    let Some(a) = e.try_get_attribute(navn).map_err(beskadiget)? else {
        return Ok(None);
    };
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map(|v| Some(v.into_owned()))
        .map_err(beskadiget)
}

/// A count such as table:number-rows-repeated: 1 when absent.
fn antal(e: &BytesStart, navn: &str) -> Result<u64, Aabningsfejl> {
    match attribut(e, navn)? {
        None => Ok(1),
        Some(v) => v
            .trim()
            .parse::<u64>()
            .map(|n| n.max(1))
            .map_err(|_| beskadiget(format!("{navn}=«{v}» er ikke et antal"))),
    }
}

#[cfg(test)]
mod tests;
