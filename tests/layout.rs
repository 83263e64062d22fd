//! Page layout of the generated PDFs: a table row is never split across pages unless it
//! alone is taller than a page, the SKAL/KAN rows are table subheaders (kept with the
//! first row under them and repeated after a page break), and nothing is drawn outside
//! a page — not even a remark of 40 000 characters.

use crate::common;

use std::path::Path;

use common::*;
use fremdrift::indhold::projekt;

/// Every PDF under `out/` of a built project.
fn pdfer(dir: &Path) -> Vec<std::path::PathBuf> {
    fn saml(d: &Path, ud: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                saml(&p, ud);
            } else if p.extension().is_some_and(|e| e == "pdf") {
                ud.push(p);
            }
        }
    }
    let mut ud = Vec::new();
    saml(&dir.join("out"), &mut ud);
    ud.sort();
    ud
}

/// A page's text without its running footer «Side n/m».
fn uden_sidetal(side: &str) -> &str {
    side.rfind("Side ").map_or(side, |i| side[..i].trim_end())
}

#[test]
fn no_page_ends_with_a_skal_or_kan_subheader() {
    let dir = bygget_standardprojekt();
    let mut forkerte = Vec::new();
    for pdf in pdfer(dir) {
        for (i, side) in sidetekster(&std::fs::read(&pdf).unwrap())
            .iter()
            .enumerate()
        {
            let krop = uden_sidetal(side);
            if krop.ends_with("SKAL-initiativer i 2015:")
                || krop.ends_with("KAN-initiativer i 2015")
            {
                forkerte.push(format!("{}, side {}", pdf.display(), i + 1));
            }
        }
    }
    assert!(
        forkerte.is_empty(),
        "{} pages end with an orphaned subheader:\n{}",
        forkerte.len(),
        forkerte.join("\n")
    );
}

/// Whether some page holds all of `tekst` (ignoring whitespace).
fn paa_en_side(sider: &[String], tekst: &str) -> bool {
    sider.iter().any(|s| indeholder(s, tekst))
}

#[test]
fn no_table_row_of_the_default_content_is_split_across_pages() {
    let dir = bygget_standardprojekt();
    let (p, _) = projekt::indlaes(dir, "2015").uden_fejl().unwrap();
    let tilbagemelding =
        sidetekster(&std::fs::read(dir.join("out/2015/tilbagemelding.pdf")).unwrap());
    let mut delte = Vec::new();
    for s in &p.status {
        let bilag = dir
            .join("out/2015/bilag")
            .join(format!("{}-{}.pdf", s.kommune.kode, s.kommune.id));
        let sider = sidetekster(&std::fs::read(&bilag).unwrap());
        for a in p.runde.anbefalinger() {
            let bem = s.svar.get(&a.id).and_then(|v| v.bemaerkning.as_deref());
            // A row of the fremdriftsskema: the anbefaling and the remark on one page.
            let hel = sider
                .iter()
                .any(|side| indeholder(side, &a.tekst) && bem.is_none_or(|b| indeholder(side, b)));
            if !hel {
                delte.push(format!("bilag {}: {}", s.kommune.navn, a.id));
            }
            // A row of the tilbagemelding's table for the anbefaling.
            if let Some(b) = bem
                && !paa_en_side(&tilbagemelding, b)
            {
                delte.push(format!("tilbagemelding: {} {}", s.kommune.navn, a.id));
            }
        }
    }
    assert!(
        delte.is_empty(),
        "{} table rows are split across pages:\n{}",
        delte.len(),
        delte.join("\n")
    );
}

/// Lays out one document of a project in process.
fn layout(dir: &Path, id: &str) -> typst_layout::PagedDocument {
    use fremdrift::koersel::Motor;
    let rod = dir.canonicalize().unwrap();
    let (p, _) = projekt::indlaes(&rod, "2015").uden_fejl().unwrap();
    let dok = fremdrift::dokument::alle(&p)
        .into_iter()
        .find(|d| d.id == id)
        .unwrap();
    let motor = Motor::ny(&rod);
    let kilde = motor.kilde(&p, &dok).unwrap();
    fremdrift::oversaet::layout(motor.grundlag(), &rod, &kilde)
        .expect("lays out")
        .resultat
}

/// Text runs that lie (partly) outside their page: overflowing content that no reader
/// sees, e.g. an unbreakable row taller than the page. Returns "page n: text".
fn tekst_uden_for_siden(dok: &typst_layout::PagedDocument) -> Vec<String> {
    use typst::layout::{Frame, FrameItem, Point, Size, Transform};
    fn gaa(f: &Frame, t: Transform, side: usize, stoerrelse: Size, ud: &mut Vec<String>) {
        for (pos, item) in f.items() {
            match item {
                FrameItem::Group(g) => {
                    let t = t
                        .pre_concat(Transform::translate(pos.x, pos.y))
                        .pre_concat(g.transform);
                    gaa(&g.frame, t, side, stoerrelse, ud);
                }
                FrameItem::Text(tekst) => {
                    let start = pos.transform(t);
                    let slut = (*pos + Point::with_x(tekst.width())).transform(t);
                    let inde = |p: Point| {
                        p.x.to_pt() >= -0.5
                            && p.y.to_pt() >= -0.5
                            && p.x.to_pt() <= stoerrelse.x.to_pt() + 0.5
                            && p.y.to_pt() <= stoerrelse.y.to_pt() + 0.5
                    };
                    if !inde(start) || !inde(slut) {
                        let s: String = tekst.text.chars().take(40).collect();
                        ud.push(format!("side {side}: {s}"));
                    }
                }
                _ => {}
            }
        }
    }
    let mut ud = Vec::new();
    for (i, side) in dok.pages().iter().enumerate() {
        let f = &side.frame;
        gaa(f, Transform::identity(), i + 1, f.size(), &mut ud);
    }
    ud
}

/// A remark of `tegn` characters or more: numbered sentences, so each can be found.
fn lang_bemaerkning(tegn: usize) -> (String, usize) {
    let mut s = String::new();
    let mut n = 0;
    while s.len() < tegn {
        n += 1;
        s.push_str(&format!(
            "Sætning nummer {n} i en meget lang bemærkning om fremdriften i samarbejdet. "
        ));
    }
    (s.trim_end().to_string(), n)
}

/// The mini fixture's Alfa with `tekst` as its remark on v2.
fn med_bemaerkning(dir: &Path, tekst: &str) {
    let yaml = format!(
        "kommune: alfa\nudkast: false\nsvar:\n  v1:\n    status: grøn\n  v2:\n    status: gul\n    bemærkning: \"{tekst}\"\n  b1:\n    status: rød\n  b2:\n    status: grøn\n"
    );
    std::fs::write(dir.join("content/2015/status/alfa.yaml"), yaml).unwrap();
}

#[test]
fn a_remark_of_40_000_characters_renders_completely_on_the_pages() {
    let dir = projekt("mini");
    let (tekst, n) = lang_bemaerkning(40_000);
    med_bemaerkning(dir.path(), &tekst);
    let o = fremdrift(dir.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));

    for (id, fil) in [
        ("bilag-alfa", "out/2015/bilag/101-alfa.pdf"),
        ("tilbagemelding", "out/2015/tilbagemelding.pdf"),
    ] {
        let dok = layout(dir.path(), id);
        let uden = tekst_uden_for_siden(&dok);
        assert!(
            uden.is_empty(),
            "{id}: text outside the page:\n{}",
            uden.join("\n")
        );
        assert!(dok.pages().len() > 10, "{id}: {} pages", dok.pages().len());
        let alt = sidetekster(&std::fs::read(dir.path().join(fil)).unwrap()).join(" ");
        for i in [1, n / 2, n] {
            // A sentence may begin on one page and go on after the next page's
            // repeated table header, so its number and what follows are what is sought.
            assert!(
                alt.contains(&format!("nummer {i} i en meget lang bemærkning")),
                "{id}: sentence {i} of {n} is missing"
            );
        }
    }
}

#[test]
fn no_text_of_the_default_content_lies_outside_a_page() {
    let dir = bygget_standardprojekt();
    for id in ["tilbagemelding", "bilag-albertslund", "bilag-herlev"] {
        let uden = tekst_uden_for_siden(&layout(dir, id));
        assert!(
            uden.is_empty(),
            "{id}: text outside the page:\n{}",
            uden.join("\n")
        );
    }
}

/// A round whose first fokusområde has eight SKAL anbefalinger with long remarks, so
/// its table breaks inside the SKAL group.
fn lange_skal_raekker() -> tempfile::TempDir {
    let dir = projekt("mini");
    let mut runde = String::from(
        "titel: Status for anbefalinger\ndato: 2016-01-26\nfokusområder:\n  - titel: Virksomhedsrettede indsatser\n    anbefalinger:\n",
    );
    let mut status = String::from("kommune: alfa\nudkast: false\nsvar:\n");
    let (bem, _) = lang_bemaerkning(700);
    for i in 1..=10 {
        let niveau = if i <= 8 { "skal" } else { "kan" };
        runde.push_str(&format!(
            "      - id: s{i}\n        niveau: {niveau}\n        tekst: Anbefaling nummer {i} om et formaliseret samarbejde.\n"
        ));
        status.push_str(&format!(
            "  s{i}:\n    status: grøn\n    bemærkning: \"{bem}\"\n"
        ));
    }
    std::fs::write(dir.path().join("content/2015/anbefalinger.yaml"), runde).unwrap();
    let st = dir.path().join("content/2015/status");
    std::fs::remove_file(st.join("beta.yaml")).unwrap();
    std::fs::write(st.join("alfa.yaml"), status).unwrap();
    dir
}

#[test]
fn the_subheader_repeats_under_the_column_header_after_a_page_break() {
    let dir = lange_skal_raekker();
    let o = fremdrift(dir.path(), &["bilag", "alfa"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let sider =
        sidetekster(&std::fs::read(dir.path().join("out/2015/bilag/101-alfa.pdf")).unwrap());
    assert!(sider.len() >= 3, "{} pages", sider.len());
    let hoved = "Virksomhedsrettede indsatser Grøn/gul/rød Bemærkninger";
    // Page 2 continues the SKAL group: the column header, then the SKAL subheader.
    assert!(
        sider[1].starts_with(&format!("{hoved} SKAL-initiativer i 2015:")),
        "page 2: {}",
        &sider[1][..200.min(sider[1].len())]
    );
}

#[test]
fn a_long_row_that_fits_on_a_page_is_measured_and_kept_whole() {
    let dir = projekt("mini");
    // Heavier than what the templates leave unmeasured, lighter than a page.
    let (tekst, n) = lang_bemaerkning(1_400);
    assert!(fremdrift::dokument::tabel::vaegt([Some(tekst.as_str())]) > 800);
    med_bemaerkning(dir.path(), &tekst);
    let o = fremdrift(dir.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for fil in ["out/2015/bilag/101-alfa.pdf", "out/2015/tilbagemelding.pdf"] {
        let sider = sidetekster(&std::fs::read(dir.path().join(fil)).unwrap());
        assert!(
            paa_en_side(&sider, &tekst),
            "{fil}: the row of {n} sentences is split:\n{}",
            sider.join("\n---\n")
        );
    }
}

#[test]
fn an_anbefaling_and_its_legend_start_on_the_page_of_its_table() {
    let dir = bygget_standardprojekt();
    let sider = sidetekster(&std::fs::read(dir.join("out/2015/tilbagemelding.pdf")).unwrap());
    for (i, side) in sider.iter().enumerate() {
        // The legend «Grøn: n Gul: n Rød: n Ikke besvaret: n» comes right before a table.
        let krop = uden_sidetal(side);
        let slutter_med_forklaring = krop.rsplit_once("Ikke besvaret: ").is_some_and(|(_, tal)| {
            !tal.is_empty() && tal.chars().all(|c| c.is_ascii_digit() || c == '.')
        });
        assert!(
            !slutter_med_forklaring,
            "page {} ends with a legend without its table:\n{side}",
            i + 1
        );
    }
}
