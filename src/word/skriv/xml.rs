//! The WordprocessingML pieces the document is built of: paragraphs and runs, table
//! cells, and the content controls (structured document tags) for the answers.

use std::fmt::Write;

/// XML text or an attribute value, escaped.
pub fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// How a run looks.
#[derive(Clone, Copy, Default)]
pub struct Udseende {
    pub fed: bool,
    pub kursiv: bool,
    /// Half-points; 0 is the style's size.
    pub str: u32,
    /// `RRGGBB`, or none for the style's colour.
    pub farve: Option<&'static str>,
}

impl Udseende {
    pub const FED: Self = Self {
        fed: true,
        kursiv: false,
        str: 0,
        farve: None,
    };

    fn rpr(self) -> String {
        let mut s = String::new();
        if self.fed {
            s.push_str("<w:b/>");
        }
        if self.kursiv {
            s.push_str("<w:i/>");
        }
        if let Some(f) = self.farve {
            let _ = write!(s, r#"<w:color w:val="{f}"/>"#);
        }
        if self.str > 0 {
            let _ = write!(s, r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#, self.str);
        }
        if s.is_empty() {
            s
        } else {
            format!("<w:rPr>{s}</w:rPr>")
        }
    }
}

/// A run of text; a line feed becomes a line break, a tab a tab.
pub fn run(tekst: &str, u: Udseende) -> String {
    let mut s = format!("<w:r>{}", u.rpr());
    if tekst.is_empty() {
        // An empty field still has its text element, for programs that fill it in.
        s.push_str(r#"<w:t xml:space="preserve"></w:t>"#);
    }
    for (i, linje) in tekst.split('\n').enumerate() {
        if i > 0 {
            s.push_str("<w:br/>");
        }
        for (j, del) in linje.split('\t').enumerate() {
            if j > 0 {
                s.push_str("<w:tab/>");
            }
            if !del.is_empty() {
                let _ = write!(s, r#"<w:t xml:space="preserve">{}</w:t>"#, esc(del));
            }
        }
    }
    s.push_str("</w:r>");
    s
}

/// A paragraph of runs, with paragraph properties `ppr` (without `<w:pPr>`).
pub fn afsnit(ppr: &str, runs: &str) -> String {
    if ppr.is_empty() {
        format!("<w:p>{runs}</w:p>")
    } else {
        format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
    }
}

/// A text as paragraphs: a blank line begins a new paragraph, a single line feed is a
/// line break inside one (as in the status file and the workbook).
pub fn afsnit_af(tekst: &str, ppr: &str, u: Udseende) -> String {
    let dele: Vec<&str> = tekst.split("\n\n").collect();
    dele.iter()
        .map(|d| afsnit(ppr, &run(d.trim_matches('\n'), u)))
        .collect()
}

/// Whether a content control's content may be changed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Laas {
    /// Can be filled in, not deleted.
    Udfyld,
    /// Can neither be changed nor deleted.
    Laast,
}

impl Laas {
    fn xml(self) -> &'static str {
        match self {
            Laas::Udfyld => r#"<w:lock w:val="sdtLocked"/>"#,
            Laas::Laast => r#"<w:lock w:val="sdtContentLocked"/>"#,
        }
    }
}

/// The properties every control has: its title (shown by Word), a tag (for
/// programs that keep it; the reader never needs it), an id and its lock.
pub struct Kontrol<'a> {
    pub titel: &'a str,
    pub tag: &'a str,
    pub id: u32,
    pub laas: Laas,
}

impl Kontrol<'_> {
    fn pr(&self, art: &str) -> String {
        format!(
            r#"<w:sdtPr><w:alias w:val="{}"/><w:tag w:val="{}"/><w:id w:val="{}"/>{}{art}</w:sdtPr>"#,
            esc(self.titel),
            esc(self.tag),
            self.id,
            self.laas.xml()
        )
    }

    /// A drop-down inside a paragraph: `valg` its items, `valgt` the text shown.
    pub fn rulleliste(&self, valg: &[&str], valgt: &str, u: Udseende) -> String {
        let punkter: String = valg
            .iter()
            .map(|v| {
                let v = esc(v);
                format!(r#"<w:listItem w:displayText="{v}" w:value="{v}"/>"#)
            })
            .collect();
        let pr = self.pr(&format!("<w:dropDownList>{punkter}</w:dropDownList>"));
        format!(
            "<w:sdt>{pr}<w:sdtContent>{}</w:sdtContent></w:sdt>",
            run(valgt, u)
        )
    }

    /// A plain-text field inside a paragraph.
    pub fn tekstfelt(&self, tekst: &str, u: Udseende) -> String {
        let pr = self.pr("<w:text/>");
        format!(
            "<w:sdt>{pr}<w:sdtContent>{}</w:sdtContent></w:sdt>",
            run(tekst, u)
        )
    }

    /// A date picker inside a paragraph, shown as 21-01-2016.
    pub fn datofelt(&self, tekst: &str, fuld: Option<&str>, u: Udseende) -> String {
        let fuld = fuld
            .map(|d| format!(r#" w:fullDate="{d}T00:00:00Z""#))
            .unwrap_or_default();
        let pr = self.pr(&format!(
            r#"<w:date{fuld}><w:dateFormat w:val="dd-MM-yyyy"/><w:lid w:val="da-DK"/><w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>"#
        ));
        format!(
            "<w:sdt>{pr}<w:sdtContent>{}</w:sdtContent></w:sdt>",
            run(tekst, u)
        )
    }

    /// A rich-text field of whole paragraphs (`afsnit`, XML), in a table cell.
    pub fn rigtekst(&self, afsnit: &str) -> String {
        let pr = self.pr("");
        format!("<w:sdt>{pr}<w:sdtContent>{afsnit}</w:sdtContent></w:sdt>")
    }
}

/// A table cell `bredde` twips wide, `spand` grid columns, on `fyld` (RRGGBB).
pub fn celle(bredde: u32, spand: u32, fyld: Option<&str>, indhold: &str) -> String {
    let mut pr = format!(r#"<w:tcW w:w="{bredde}" w:type="dxa"/>"#);
    if spand > 1 {
        let _ = write!(pr, r#"<w:gridSpan w:val="{spand}"/>"#);
    }
    if let Some(f) = fyld {
        let _ = write!(pr, r#"<w:shd w:val="clear" w:color="auto" w:fill="{f}"/>"#);
    }
    format!("<w:tc><w:tcPr>{pr}</w:tcPr>{indhold}</w:tc>")
}

/// A table row; a header row repeats on every page.
pub fn raekke(celler: &str, overskrift: bool) -> String {
    let pr = if overskrift {
        "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
    } else {
        ""
    };
    format!("<w:tr>{pr}{celler}</w:tr>")
}

/// A table of `rows` with the column widths `bredder` (twips), thin grey borders.
pub fn tabel(bredder: &[u32], raekker: &str) -> String {
    let kant =
        |navn: &str| format!(r#"<w:{navn} w:val="single" w:sz="4" w:space="0" w:color="808080"/>"#);
    let kanter: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|k| kant(k))
        .collect();
    let i_alt: u32 = bredder.iter().sum();
    let gitter: String = bredder
        .iter()
        .map(|b| format!(r#"<w:gridCol w:w="{b}"/>"#))
        .collect();
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{i_alt}" w:type="dxa"/><w:tblBorders>{kanter}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{gitter}</w:tblGrid>{raekker}</w:tbl>"#
    )
}
