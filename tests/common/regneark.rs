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

/// Text as XML character data.
pub fn xml_tekst(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A cell as LibreOffice writes it in content.xml (a text's lines as paragraphs).
fn ods_celle(v: &V) -> String {
    let afsnit = |s: &str| -> String {
        s.split('\n')
            .map(|l| format!("<text:p>{}</text:p>", xml_tekst(l.trim_end_matches('\r'))))
            .collect()
    };
    match v {
        V::T(s) => format!(
            "<table:table-cell office:value-type=\"string\" calcext:value-type=\"string\">{}</table:table-cell>",
            afsnit(s)
        ),
        V::N(n) => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
        ),
        V::B(b) => format!(
            "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"{b}\"><text:p>{}</text:p></table:table-cell>",
            if *b { "SAND" } else { "FALSK" }
        ),
        V::D(a, m, d) => format!(
            "<table:table-cell office:value-type=\"date\" office:date-value=\"{a:04}-{m:02}-{d:02}\"><text:p>{d:02}-{m:02}-{a:04}</text:p></table:table-cell>"
        ),
        V::F(f) => format!(
            "<table:table-cell table:formula=\"of:={}\" office:value-type=\"string\" office:string-value=\"\"><text:p/></table:table-cell>",
            xml_tekst(f.trim_start_matches('='))
        ),
    }
}

/// A sheet as a `table:table` element, its empty rows and cells as repeats.
fn ods_tabel(a: &Ark) -> String {
    let mut ud = format!("<table:table table:name=\"{}\">", xml_tekst(&a.navn));
    let mut raekke = 0u32;
    let mut i = a.celler.iter().peekable();
    while let Some(&(&(r, _), _)) = i.peek() {
        if r > raekke {
            ud += &format!(
                "<table:table-row table:number-rows-repeated=\"{}\"><table:table-cell/></table:table-row>",
                r - raekke
            );
        }
        ud += "<table:table-row>";
        let mut kolonne = 0u16;
        while let Some((&(_, k), v)) = i.next_if(|(p, _)| p.0 == r) {
            if k > kolonne {
                ud += &format!(
                    "<table:table-cell table:number-columns-repeated=\"{}\"/>",
                    k - kolonne
                );
            }
            ud += &ods_celle(v);
            kolonne = k + 1;
        }
        ud += "</table:table-row>";
        raekke = r + 1;
    }
    ud + "</table:table>"
}

pub const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// The start of content.xml, up to the first table.
pub const ODS_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"><office:body><office:spreadsheet>"#;
pub const ODS_SLUT: &str = "</office:spreadsheet></office:body></office:document-content>";

impl Mappe {
    /// content.xml of the model as an .ods.
    pub fn ods_indhold(&self) -> String {
        let tabeller: String = self.ark.iter().map(ods_tabel).collect();
        format!("{ODS_START}{tabeller}{ODS_SLUT}")
    }

    /// The model as an .ods, as LibreOffice lays one out (mimetype first, stored).
    pub fn ods(&self) -> Vec<u8> {
        ods_zip(&self.ods_indhold(), ODS_MANIFEST)
    }
}

/// An .ods of the given content.xml and manifest.
pub fn ods_zip(indhold: &str, manifest: &str) -> Vec<u8> {
    zip_af(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", indhold.as_bytes()),
    ])
}

/// A zip of the given parts, the first stored, the others deflated.
pub fn zip_af(dele: &[(&str, &[u8])]) -> Vec<u8> {
    let mut ud = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (i, (navn, indhold)) in dele.iter().enumerate() {
        let metode = if i == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let valg = zip::write::SimpleFileOptions::default().compression_method(metode);
        ud.start_file(*navn, valg).unwrap();
        ud.write_all(indhold).unwrap();
    }
    ud.finish().unwrap().into_inner()
}

/// The part `del` of a zip, inflated.
pub fn del_af_zip(bytes: &[u8], del: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(del).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The zip with part `del` replaced by `indhold` (written with `skriv`, so that a
/// part of hundreds of megabytes need not be held as one string).
pub fn med_del(bytes: &[u8], del: &str, skriv: impl Fn(&mut dyn Write)) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut ud = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let navn = f.name().unwrap().to_string();
        let metode = if navn == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let valg = zip::write::SimpleFileOptions::default()
            .compression_method(metode)
            .large_file(false);
        ud.start_file(navn.as_str(), valg).unwrap();
        if navn == del {
            skriv(&mut ud);
        } else {
            std::io::copy(&mut f, &mut ud).unwrap();
        }
    }
    ud.finish().unwrap().into_inner()
}

/// The zip with the part `del` claiming to inflate to `bytes` bytes (in its local
/// header and the central directory) whatever it really inflates to: a zip bomb whose
/// declared sizes pass every check.
pub fn med_loegnagtig_stoerrelse(mut zip: Vec<u8>, del: &str, stoerrelse: u32) -> Vec<u8> {
    let navn = del.as_bytes();
    let mut rettet = 0;
    for i in 0..zip.len().saturating_sub(46) {
        // (offset of the uncompressed size, of the name's length, of the name)
        let (felt, laengde_ved, navn_ved) = match &zip[i..i + 4] {
            b"PK\x03\x04" => (22, 26, 30),
            b"PK\x01\x02" => (24, 28, 46),
            _ => continue,
        };
        let laengde = u16::from_le_bytes([zip[i + laengde_ved], zip[i + laengde_ved + 1]]) as usize;
        if zip.get(i + navn_ved..i + navn_ved + laengde) == Some(navn) {
            zip[i + felt..i + felt + 4].copy_from_slice(&stoerrelse.to_le_bytes());
            rettet += 1;
        }
    }
    assert_eq!(
        rettet, 2,
        "delen {del} findes ikke i både lokal og central header"
    );
    zip
}

/// `n` bytes that look random (a fixed sequence, so every run tests the same file).
pub fn tilfaeldige_bytes(n: usize, mut froe: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            froe ^= froe << 13;
            froe ^= froe >> 7;
            froe ^= froe << 17;
            froe as u8
        })
        .collect()
}

/// «Billion laughs»: ten entities, each ten times the one before, the last used in
/// a cell — 10⁹ «lol» if anything expands it.
pub fn milliard_latter(rod: &str) -> String {
    let mut dtd = format!("<!DOCTYPE {rod} [<!ENTITY lol0 \"lol\">");
    for i in 1..10 {
        let forrige = format!("&lol{};", i - 1).repeat(10);
        dtd += &format!("<!ENTITY lol{i} \"{forrige}\">");
    }
    dtd + "]>"
}

/// A document type declaration with an external entity that points at a local file.
pub fn ekstern_entitet(rod: &str) -> String {
    format!("<!DOCTYPE {rod} [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
}

/// The XML `xml` with `dtd` put after its XML declaration.
pub fn med_dtd(xml: &str, dtd: &str) -> String {
    match xml.find("?>") {
        Some(i) => format!("{}{dtd}{}", &xml[..i + 2], &xml[i + 2..]),
        None => format!("{dtd}{xml}"),
    }
}

/// The mini project without Alfa's status file, and Alfa's workbook pre-filled with
/// its answers (v1 grøn, v2 gul with two paragraphs, b1 rød, b2 grøn).
pub fn alfa() -> (tempfile::TempDir, Mappe) {
    let dir = super::projekt("mini");
    let skemaer = dir.path().join("skemaer");
    let o = super::fremdrift(
        dir.path(),
        &[
            "skabelon",
            "alfa",
            "--xlsx",
            "-o",
            skemaer.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", super::stderr(&o));
    let bytes = std::fs::read(skemaer.join("101-alfa.xlsx")).unwrap();
    std::fs::remove_file(status_fil(dir.path())).unwrap();
    (dir, Mappe::fra_xlsx(&bytes))
}

/// Alfa's status file in the mini project.
pub fn status_fil(rod: &std::path::Path) -> std::path::PathBuf {
    rod.join("content/2015/status/alfa.yaml")
}

/// A finished run of the fremdrift binary with what it cost: its wall time (from its
/// start to its end, as the starter saw it) and the peak resident memory of its
/// process.
pub struct Koersel {
    /// The exit code; `None` when a signal ended it (an abort).
    pub kode: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub tid: std::time::Duration,
    pub rss_mb: f64,
}

/// Starts the command in argv[2:] from a small process and writes its peak RSS (kB),
/// exit code and wall time (ms) to argv[1]. Linux counts the memory of the process a child is
/// spawned from into the child's ru_maxrss (its pages until exec), so a child of the
/// test process itself would report the test's own peak, not the child's.
const STARTER: &str = r#"
import os, sys, time
start = time.monotonic()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, forbrug = os.wait4(pid, 0)
ms = (time.monotonic() - start) * 1000
with open(sys.argv[1], "w") as f:
    f.write(f"{forbrug.ru_maxrss} {os.waitstatus_to_exitcode(status)} {ms:.0f}")
"#;

/// Runs the fremdrift binary in `projekt` and waits for it at most `frist` (polling
/// the process; its process group is killed when time runs out).
pub fn maalt_fremdrift(
    projekt: &std::path::Path,
    args: &[&str],
    frist: std::time::Duration,
) -> Koersel {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let maaling = tempfile::NamedTempFile::new().unwrap();
    let start = std::time::Instant::now();
    let mut barn = Command::new("python3")
        .args(["-c", STARTER])
        .arg(maaling.path())
        .arg(env!("CARGO_BIN_EXE_fremdrift"))
        .arg("-C")
        .arg(projekt)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("python3 starter fremdrift");
    let laes = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = Vec::new();
            r.read_to_end(&mut s).unwrap();
            String::from_utf8_lossy(&s).into_owned()
        })
    };
    let ud = laes(Box::new(barn.stdout.take().unwrap()));
    let fejl = laes(Box::new(barn.stderr.take().unwrap()));
    let status = loop {
        if let Some(status) = barn.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > frist {
            // SAFETY: kill(2) on the process group this test started.
            unsafe { libc::kill(-(barn.id() as libc::pid_t), libc::SIGKILL) };
            let _ = barn.wait();
            panic!("fremdrift {args:?} blev ikke færdig på {frist:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let (stdout, stderr) = (ud.join().unwrap(), fejl.join().unwrap());
    assert!(status.success(), "python3-starteren fejlede: {stderr}");
    let tal = std::fs::read_to_string(maaling.path()).unwrap();
    let [rss_kb, kode, ms]: [&str; 3] = tal
        .split(' ')
        .collect::<Vec<_>>()
        .try_into()
        .expect("målingen");
    let kode: i32 = kode.parse().unwrap();
    let tid = std::time::Duration::from_millis(ms.parse().unwrap());
    Koersel {
        kode: (kode >= 0).then_some(kode),
        stdout,
        stderr,
        tid,
        rss_mb: rss_kb.parse::<f64>().unwrap() / 1024.0,
    }
}
