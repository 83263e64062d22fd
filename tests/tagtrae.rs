//! The PDF tag (structure) tree of the bilag and the tilbagemelding, snapshotted so a
//! template change that breaks the structure screen readers rely on (headings, tables
//! with header cells, links, alt text) shows up as a diff. Marked-content references
//! are collapsed to a count, so re-wrapped text does not churn the snapshot.
//! Re-bless after an intended change with `INSTA_UPDATE=always cargo test --test tagtrae`
//! and review the diff.

use crate::common;

use std::collections::HashSet;
use std::fmt::Write as _;

use common::*;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Deeper than this is treated as broken (typst's trees are about ten levels deep).
const MAKS_DYBDE: usize = 64;

/// One structure element: its type, the attributes shown, its kids and how many
/// marked-content references (MCIDs, MCRs) and annotations (OBJRs) it holds directly.
#[derive(Debug, Default)]
struct Element {
    s: String,
    egenskaber: Vec<String>,
    boern: Vec<Element>,
    mc: usize,
    objr: Vec<String>,
}

/// Walks `/StructTreeRoot /K`. Robust against missing keys, dangling references and
/// cycles: what cannot be read is shown as `?…` instead of panicking.
struct Vandrer<'a> {
    pdf: &'a Document,
    set: HashSet<ObjectId>,
}

impl<'a> Vandrer<'a> {
    fn deref(&self, o: &'a Object) -> Option<(Option<ObjectId>, &'a Object)> {
        self.pdf.dereference(o).ok()
    }

    /// The entries of a `/K` (or `/A`): the items of an array, else the object itself,
    /// still as a reference so that `barn` sees its object id.
    fn boern(&self, k: Option<&'a Object>) -> Vec<&'a Object> {
        match k.map(|k| (k, self.deref(k))) {
            Some((_, Some((_, Object::Array(a))))) => a.iter().collect(),
            Some((k, _)) => vec![k],
            None => vec![],
        }
    }

    fn rod(&mut self) -> Vec<Element> {
        let Some(rod) = self
            .pdf
            .catalog()
            .ok()
            .and_then(|c| c.get(b"StructTreeRoot").ok())
            .and_then(|r| self.deref(r))
            .and_then(|(_, r)| r.as_dict().ok())
        else {
            return vec![];
        };
        let mut ud = Element::default();
        for b in self.boern(rod.get(b"K").ok()) {
            self.barn(b, &mut ud, 0);
        }
        ud.boern
    }

    /// Adds one entry of a `/K` to `forælder`.
    fn barn(&mut self, o: &'a Object, foraelder: &mut Element, dybde: usize) {
        let Some((id, o)) = self.deref(o) else {
            foraelder.boern.push(Element {
                s: "?manglende-objekt".into(),
                ..Default::default()
            });
            return;
        };
        match o {
            Object::Integer(_) => foraelder.mc += 1,
            Object::Dictionary(d) => {
                if let Some(id) = id
                    && !self.set.insert(id)
                {
                    foraelder.boern.push(Element {
                        s: format!("?cyklus {} {}", id.0, id.1),
                        ..Default::default()
                    });
                    return;
                }
                match navn(d.get(b"Type").ok()).as_deref() {
                    Some("MCR") => foraelder.mc += 1,
                    Some("OBJR") => {
                        let sub = d
                            .get(b"Obj")
                            .ok()
                            .and_then(|x| self.deref(x))
                            .and_then(|(_, x)| x.as_dict().ok())
                            .and_then(|x| navn(x.get(b"Subtype").ok()));
                        foraelder.objr.push(sub.unwrap_or_else(|| "?".into()));
                    }
                    _ if dybde > MAKS_DYBDE => foraelder.boern.push(Element {
                        s: "?for-dybt".into(),
                        ..Default::default()
                    }),
                    _ => foraelder.boern.push(self.element(d, dybde)),
                }
            }
            andet => foraelder.boern.push(Element {
                s: format!("?{}", andet.enum_variant()),
                ..Default::default()
            }),
        }
    }

    fn element(&mut self, d: &'a Dictionary, dybde: usize) -> Element {
        let mut e = Element {
            s: navn(d.get(b"S").ok()).unwrap_or_else(|| "?uden-S".into()),
            ..Default::default()
        };
        for (noegle, vis) in [
            (&b"Alt"[..], "Alt"),
            (b"ActualText", "ActualText"),
            (b"Lang", "Lang"),
        ] {
            if let Some(t) = d.get(noegle).ok().and_then(|t| self.deref(t)) {
                let t = lopdf::decode_text_string(t.1).unwrap_or_else(|_| "?".into());
                e.egenskaber.push(format!("{vis}={t:?}"));
            }
        }
        self.attributter(d, &mut e);
        for b in self.boern(d.get(b"K").ok()) {
            self.barn(b, &mut e, dybde + 1);
        }
        e
    }

    /// Table and list attributes (`/A`, a dictionary or an array of them, owner `/O`):
    /// the ones that carry meaning for a screen reader. Layout attributes are left out.
    fn attributter(&self, d: &'a Dictionary, e: &mut Element) {
        for a in self.boern(d.get(b"A").ok()) {
            let Some(a) = self.deref(a).and_then(|(_, a)| a.as_dict().ok()) else {
                continue;
            };
            let ejer = navn(a.get(b"O").ok());
            if !matches!(ejer.as_deref(), Some("Table" | "List")) {
                continue;
            }
            for (noegle, vis) in [
                (&b"Scope"[..], "Scope"),
                (b"ColSpan", "ColSpan"),
                (b"RowSpan", "RowSpan"),
                (b"ListNumbering", "ListNumbering"),
            ] {
                match a.get(noegle).ok() {
                    Some(Object::Name(n)) => e
                        .egenskaber
                        .push(format!("{vis}={}", String::from_utf8_lossy(n))),
                    Some(Object::Integer(i)) => e.egenskaber.push(format!("{vis}={i}")),
                    _ => {}
                }
            }
        }
    }
}

fn navn(o: Option<&Object>) -> Option<String> {
    o.and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// The structure tree of a PDF.
fn struktur(pdf: &[u8]) -> Vec<Element> {
    let dok = Document::load_mem(pdf).expect("the PDF loads");
    Vandrer {
        pdf: &dok,
        set: HashSet::new(),
    }
    .rod()
}

/// The tree as indented text: `H1 (2 mc)`, `TH Scope=Column (1 mc)`, `Link [OBJR Link]`.
fn tekst(elementer: &[Element]) -> String {
    fn skriv(e: &Element, dybde: usize, ud: &mut String) {
        let _ = write!(ud, "{}{}", "  ".repeat(dybde), e.s);
        for x in &e.egenskaber {
            let _ = write!(ud, " {x}");
        }
        if e.mc > 0 {
            let _ = write!(ud, " ({} mc)", e.mc);
        }
        for o in &e.objr {
            let _ = write!(ud, " [OBJR {o}]");
        }
        ud.push('\n');
        for b in &e.boern {
            skriv(b, dybde + 1, ud);
        }
    }
    let mut ud = String::new();
    for e in elementer {
        skriv(e, 0, &mut ud);
    }
    ud
}

/// All elements in document order (depth first).
fn alle(elementer: &[Element]) -> Vec<&Element> {
    fn saml<'e>(e: &'e Element, ud: &mut Vec<&'e Element>) {
        ud.push(e);
        for b in &e.boern {
            saml(b, ud);
        }
    }
    let mut ud = vec![];
    for e in elementer {
        saml(e, &mut ud);
    }
    ud
}

fn antal(elementer: &[Element], s: &str) -> usize {
    alle(elementer).iter().filter(|e| e.s == s).count()
}

/// The level of a heading element (`H1`–`H6`).
fn niveau(e: &Element) -> Option<u8> {
    match e.s.as_bytes() {
        [b'H', n @ b'1'..=b'6'] => Some(n - b'0'),
        _ => None,
    }
}

/// The heading levels in document order, e.g. `[1, 2, 2, 3]`.
fn overskrifter(elementer: &[Element]) -> Vec<u8> {
    alle(elementer).into_iter().filter_map(niveau).collect()
}

/// Structure every document must have: no broken references or cycles, headings
/// that never skip a level and are not empty, tables whose first row is header cells,
/// figures with alt text.
fn faelles_krav(navn: &str, elementer: &[Element]) {
    let txt = tekst(elementer);
    assert!(!elementer.is_empty(), "{navn}: empty structure tree");
    assert!(
        alle(elementer).iter().all(|e| !e.s.starts_with('?')),
        "{navn}: unreadable structure:\n{txt}"
    );
    let mut forrige = 0;
    for n in overskrifter(elementer) {
        assert!(n <= forrige + 1, "{navn}: H{n} after H{forrige}:\n{txt}");
        forrige = n;
    }
    for e in alle(elementer) {
        if niveau(e).is_some() {
            assert!(
                e.mc > 0 || !e.boern.is_empty(),
                "{navn}: empty {}:\n{txt}",
                e.s
            );
        }
        if e.s == "Figure" {
            assert!(
                e.egenskaber
                    .iter()
                    .any(|x| x.starts_with("Alt=") || x.starts_with("ActualText=")),
                "{navn}: Figure without Alt:\n{txt}"
            );
        }
        if e.s == "Table" {
            let head = e.boern.iter().find(|b| b.s == "THead");
            let head = head.unwrap_or_else(|| panic!("{navn}: Table without THead:\n{txt}"));
            let celler: Vec<_> = head.boern.iter().flat_map(|tr| &tr.boern).collect();
            assert!(
                !celler.is_empty()
                    && celler
                        .iter()
                        .all(|c| c.s == "TH" && c.egenskaber.iter().any(|x| x == "Scope=Column")),
                "{navn}: header row must be TH cells with Scope=Column:\n{txt}"
            );
        }
    }
}

fn byg_mini() -> tempfile::TempDir {
    let dir = projekt("mini");
    let o = fremdrift(dir.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

#[test]
fn bilag_tag_tree() {
    let dir = byg_mini();
    let pdf = std::fs::read(dir.path().join("out/2015/bilag/101-alfa.pdf")).unwrap();
    let t = struktur(&pdf);
    faelles_krav("bilag", &t);

    assert_eq!(t.len(), 1, "one root element:\n{}", tekst(&t));
    assert_eq!(t[0].s, "Document");
    assert_eq!(
        overskrifter(&t),
        [1, 2, 2, 2, 3],
        "title, Sammenfatning, Fremdriftsskema, Forslag, one forslag:\n{}",
        tekst(&t)
    );
    assert_eq!(antal(&t, "H1"), 1);
    // One table per fokusområde in the fixture, each with a three-cell header row and
    // the SKAL and KAN rows as second-level header cells spanning the table.
    assert_eq!(antal(&t, "Table"), 2, "{}", tekst(&t));
    assert_eq!(antal(&t, "TH"), 2 * (3 + 2), "{}", tekst(&t));
    assert_eq!(
        tekst(&t).matches("TH Scope=Column ColSpan=3").count(),
        4,
        "the SKAL/KAN rows are header cells:\n{}",
        tekst(&t)
    );
    assert!(!tekst(&t).contains("TD ColSpan=3"), "{}", tekst(&t));
    // The status circles and the bar are decoration (artifacts), not figures.
    assert_eq!(antal(&t, "Figure"), 0, "{}", tekst(&t));

    insta::assert_snapshot!("bilag_alfa", tekst(&t));
}

#[test]
fn tilbagemelding_tag_tree() {
    let dir = byg_mini();
    let sti = dir.path().join("out/2015/tilbagemelding.pdf");
    let pdf = std::fs::read(&sti).unwrap();
    let t = struktur(&pdf);
    faelles_krav("tilbagemelding", &t);

    // Every section is a heading tagged H2: the headings (in document order) are paired
    // with the bookmarks (also in document order, text included). The one heading
    // without a bookmark is the outline's title «Indhold», just before the TOC.
    let elementer = alle(&t);
    let toc = elementer.iter().position(|e| e.s == "TOC").expect("a TOC");
    let indhold = elementer[..toc]
        .iter()
        .rposition(|e| niveau(e).is_some())
        .expect("the outline has a title heading");
    let niveauer: Vec<u8> = elementer
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != indhold)
        .filter_map(|(_, e)| niveau(e))
        .collect();
    let bogmaerker = Document::load_mem(&pdf).unwrap().get_toc().unwrap();
    let titler: Vec<&str> = bogmaerker.toc.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(niveauer.len(), titler.len(), "{titler:?}\n{}", tekst(&t));
    let par: Vec<(u8, &str)> = niveauer.into_iter().zip(titler).collect();
    assert_eq!(par[0].0, 1, "the document title is the H1: {par:?}");
    assert!(
        par[0]
            .1
            .starts_with("Samlet tilbagemelding til KKR Testregion")
    );
    let afsnit = [
        "Sammenfatning",
        "Svarprocent og politisk behandling",
        "Fordeling af status",
        "Oversigt over kommunernes status",
        "SKAL-initiativer, der er røde eller ikke besvaret",
        "Anbefalingerne enkeltvis",
        "Kommunernes forslag til nye samarbejdsområder",
        "Udkast til justeringer og nye anbefalinger",
    ];
    let h2: Vec<&str> = par.iter().filter(|p| p.0 == 2).map(|p| p.1).collect();
    assert_eq!(h2, afsnit, "every section is an H2: {par:?}");
    let h3: Vec<&str> = par.iter().filter(|p| p.0 == 3).map(|p| p.1).collect();
    assert_eq!(
        h3,
        [
            "Anbefaling v1 (Virksomhedsrettede indsatser, SKAL)",
            "Anbefaling v2 (Virksomhedsrettede indsatser, KAN)",
            "Anbefaling b1 (Borgerrettede indsatser, SKAL)",
            "Anbefaling b2 (Borgerrettede indsatser, KAN)",
            "Fælles indsats for sygemeldte (Alfa Kommune)",
        ],
        "anbefalinger and forslag are H3 under their section: {par:?}"
    );

    // The table of contents: a TOC whose entries link to the headings; and the
    // sender's e-mail and web address. Each link annotation nested in a Link element.
    assert_eq!(antal(&t, "TOC"), 2, "{}", tekst(&t));
    assert_eq!(antal(&t, "TOCI"), 1 + afsnit.len(), "{}", tekst(&t));
    let links: Vec<_> = alle(&t).into_iter().filter(|e| e.s == "Link").collect();
    assert_eq!(links.len(), 1 + afsnit.len() + 2, "{}", tekst(&t));
    assert!(links.iter().all(|l| l.objr == ["Link"]), "{}", tekst(&t));

    // Every table has a header row of TH cells (checked in faelles_krav).
    assert!(antal(&t, "Table") >= 8, "{}", tekst(&t));
    // The «Fordeling» bars in the distribution tables speak: a figure with the numbers
    // as its alternative text in each cell (I alt, two fokusområder, SKAL and KAN).
    let soejler: Vec<_> = alle(&t)
        .into_iter()
        .filter(|e| e.s == "TD")
        .flat_map(|td| &td.boern)
        .filter(|b| b.s == "Figure")
        .collect();
    assert_eq!(soejler.len(), 5, "{}", tekst(&t));
    assert!(
        soejler[0].egenskaber == [r#"Alt="3 grønne, 2 gule, 1 rød og 2 ikke besvaret""#],
        "{:?}",
        soejler[0].egenskaber
    );

    insta::assert_snapshot!("tilbagemelding_mini", tekst(&t));
}

#[test]
fn walker_survives_cycles_and_missing_keys() {
    use lopdf::dictionary;
    let mut dok = Document::with_version("1.7");
    let rod_id = dok.new_object_id();
    let a_id = dok.new_object_id();
    let b_id = dok.new_object_id();
    // a → b → a (a cycle), b also holds a dangling reference and an MCR.
    dok.objects.insert(
        a_id,
        Object::Dictionary(dictionary! {"S" => "Sect", "K" => Object::Reference(b_id)}),
    );
    dok.objects.insert(
        b_id,
        Object::Dictionary(dictionary! {
            "S" => "P",
            "Lang" => Object::string_literal("en"),
            "K" => vec![
                Object::Integer(0),
                Object::Dictionary(dictionary! {"Type" => "MCR", "MCID" => 1}),
                Object::Reference((999, 0)),
                Object::Reference(a_id),
            ],
        }),
    );
    dok.objects.insert(
        rod_id,
        Object::Dictionary(
            dictionary! {"Type" => "StructTreeRoot", "K" => Object::Reference(a_id)},
        ),
    );
    let katalog = dok.add_object(
        dictionary! {"Type" => "Catalog", "StructTreeRoot" => Object::Reference(rod_id)},
    );
    dok.trailer.set("Root", katalog);
    let mut bytes = Vec::new();
    dok.save_to(&mut bytes).unwrap();

    assert_eq!(
        tekst(&struktur(&bytes)),
        "Sect\n  P Lang=\"en\" (2 mc)\n    ?manglende-objekt\n    ?cyklus 2 0\n"
    );
    // A PDF without a structure tree gives an empty tree, not a panic.
    let mut tom = Document::with_version("1.7");
    let k = tom.add_object(dictionary! {"Type" => "Catalog"});
    tom.trailer.set("Root", k);
    let mut bytes = Vec::new();
    tom.save_to(&mut bytes).unwrap();
    assert!(struktur(&bytes).is_empty());
}
