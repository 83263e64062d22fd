//! Workbooks for the spreadsheet tests, made here (no binary files in git): a
//! workbook read into a plain model of cells, changed as a user would change it in
//! Excel, and written again; zip-level edits for what no spreadsheet program writes
//! (a 40 000-character cell, a stray far-corner cell); an encrypted workbook as an
//! OLE compound file.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Formula, Workbook};

/// A cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    T(String),
    N(f64),
    D(u16, u8, u8),
    F(String),
    B(bool),
}

pub fn t(s: &str) -> V {
    V::T(s.to_string())
}

/// A sheet: cells by (row, column), 0-based; merged areas; hidden rows.
#[derive(Clone, Debug, Default)]
pub struct Ark {
    pub navn: String,
    pub celler: BTreeMap<(u32, u16), V>,
    pub flettede: Vec<(u32, u16, u32, u16)>,
    pub skjulte: Vec<u32>,
}

/// «E7» → (6, 4).
pub fn pos(celle: &str) -> (u32, u16) {
    let bogstaver: String = celle
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let kolonne = bogstaver
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A') + 1)
        - 1;
    let raekke: u32 = celle[bogstaver.len()..].parse().unwrap();
    (raekke - 1, kolonne as u16)
}

impl Ark {
    pub fn ny(navn: &str) -> Self {
        Self {
            navn: navn.into(),
            ..Self::default()
        }
    }

    pub fn saet(&mut self, celle: &str, v: V) -> &mut Self {
        self.celler.insert(pos(celle), v);
        self
    }

    pub fn ryd(&mut self, celle: &str) -> &mut Self {
        self.celler.remove(&pos(celle));
        self
    }

    pub fn hent(&self, celle: &str) -> Option<&V> {
        self.celler.get(&pos(celle))
    }

    /// Swaps two rows (0-based), as sorting does.
    pub fn byt_raekker(&mut self, a: u32, b: u32) {
        let byt = |r| {
            if r == a {
                b
            } else if r == b {
                a
            } else {
                r
            }
        };
        self.flyt(|(r, k)| (byt(r), k));
    }

    /// Swaps two columns, as moving a column does.
    pub fn byt_kolonner(&mut self, a: u16, b: u16) {
        let byt = |k| {
            if k == a {
                b
            } else if k == b {
                a
            } else {
                k
            }
        };
        self.flyt(|(r, k)| (r, byt(k)));
    }

    fn flyt(&mut self, til: impl Fn((u32, u16)) -> (u32, u16)) {
        let celler = std::mem::take(&mut self.celler);
        self.celler = celler.into_iter().map(|(p, v)| (til(p), v)).collect();
    }
}

/// A workbook of sheets.
#[derive(Clone, Debug, Default)]
pub struct Mappe {
    pub ark: Vec<Ark>,
}

impl Mappe {
    /// Reads an .xlsx (values and formulas) into the model.
    pub fn fra_xlsx(bytes: &[u8]) -> Self {
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
        let mut mappe = Mappe::default();
        for navn in wb.sheet_names() {
            let mut ark = Ark::ny(&navn);
            let data = wb.worksheet_range(&navn).unwrap();
            let (r0, k0) = data.start().unwrap_or_default();
            for (r, k, d) in data.used_cells() {
                let p = (r as u32 + r0, (k as u32 + k0) as u16);
                let v = match d {
                    Data::String(s) => V::T(s.clone()),
                    Data::Float(f) => V::N(*f),
                    Data::Int(i) => V::N(*i as f64),
                    Data::Bool(b) => V::B(*b),
                    Data::DateTime(d) => {
                        let (a, m, dag, ..) = d.to_ymd_hms_milli();
                        V::D(a, m, dag)
                    }
                    other => panic!("uventet celle {other:?}"),
                };
                ark.celler.insert(p, v);
            }
            mappe.ark.push(ark);
        }
        mappe
    }

    pub fn ark(&mut self, navn: &str) -> &mut Ark {
        self.ark.iter_mut().find(|a| a.navn == navn).unwrap()
    }

    /// Writes the model as .xlsx.
    pub fn xlsx(&self) -> Vec<u8> {
        let mut wb = Workbook::new();
        for a in &self.ark {
            let ws = wb.add_worksheet();
            ws.set_name(&a.navn).unwrap();
            for (&(r, k), v) in &a.celler {
                match v {
                    V::T(s) => ws.write_string(r, k, s).map(|_| ()),
                    V::N(n) => ws.write_number(r, k, *n).map(|_| ()),
                    V::B(b) => ws.write_boolean(r, k, *b).map(|_| ()),
                    V::F(f) => ws.write_formula(r, k, Formula::new(f)).map(|_| ()),
                    V::D(a, m, d) => {
                        let dato = ExcelDateTime::from_ymd(*a, *m, *d).unwrap();
                        let f = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
                        ws.write_datetime_with_format(r, k, &dato, &f).map(|_| ())
                    }
                }
                .unwrap();
            }
            for &(r1, k1, r2, k2) in &a.flettede {
                let f = rust_xlsxwriter::Format::new();
                let tekst = match a.celler.get(&(r1, k1)) {
                    Some(V::T(s)) => s.clone(),
                    _ => String::new(),
                };
                ws.merge_range(r1, k1, r2, k2, &tekst, &f).unwrap();
            }
            for &r in &a.skjulte {
                ws.set_row_hidden(r).unwrap();
            }
        }
        wb.save_to_buffer().unwrap()
    }
}

/// A zip written again, each part (index, name, content) through `endr`, with
/// `metode` as compression.
pub fn omskriv_zip(
    bytes: &[u8],
    metode: zip::CompressionMethod,
    mut endr: impl FnMut(usize, &str, &mut Vec<u8>),
) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut ud = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let valg = zip::write::SimpleFileOptions::default().compression_method(metode);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let navn = f.name().unwrap().to_string();
        let mut indhold = Vec::new();
        f.read_to_end(&mut indhold).unwrap();
        endr(i, &navn, &mut indhold);
        ud.start_file(navn, valg).unwrap();
        ud.write_all(&indhold).unwrap();
    }
    ud.finish().unwrap().into_inner()
}

/// Replaces `fra` by `til` in the part `del` of a zip (e.g. a workbook).
pub fn erstat_i_zip(bytes: &[u8], del: &str, fra: &str, til: &str) -> Vec<u8> {
    omskriv_zip(
        bytes,
        zip::CompressionMethod::Deflated,
        |_, navn, indhold| {
            if navn == del {
                let tekst = String::from_utf8(std::mem::take(indhold)).unwrap();
                assert!(tekst.contains(fra), "«{fra}» står ikke i {del}");
                *indhold = tekst.replacen(fra, til, 1).into_bytes();
            }
        },
    )
}

/// A zip whose one part inflates to `mb` megabytes of zeros.
pub fn zip_med_stor_del(mb: usize) -> Vec<u8> {
    let mut ud = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let valg = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    ud.start_file("xl/workbook.xml", valg).unwrap();
    ud.write_all(b"<workbook/>").unwrap();
    ud.start_file("xl/worksheets/sheet1.xml", valg).unwrap();
    let nul = vec![b' '; 1 << 20];
    for _ in 0..mb {
        ud.write_all(&nul).unwrap();
    }
    ud.finish().unwrap().into_inner()
}

/// An encrypted workbook as Excel saves one: an OLE compound file holding the
/// streams EncryptionInfo and EncryptedPackage.
pub fn krypteret() -> Vec<u8> {
    let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cfb.create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .unwrap();
    cfb.create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0x5a; 4096])
        .unwrap();
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}
