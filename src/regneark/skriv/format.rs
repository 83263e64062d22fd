//! The cell formats of the workbooks: locked text on grey, unlocked fill-in cells on
//! white, headers, and the status colours from [`Status`](crate::indhold::model::Status).

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// The formats one workbook uses.
pub struct Formater {
    pub titel: Format,
    pub forklaring: Format,
    /// Running text: wrapped, no border.
    pub tekst: Format,
    pub overskrift: Format,
    /// Locked text the kommune reads but does not change.
    pub laast: Format,
    /// A cell the kommune fills in.
    pub udfyld: Format,
    /// A date the kommune fills in.
    pub udfyld_dato: Format,
    /// Text as typed (telephone numbers keep their spaces and leading zeros).
    pub udfyld_tekst: Format,
}

const GRAA: u32 = 0xEDEDED;
const OVERSKRIFT: u32 = 0xD9D9D9;
const KANT: u32 = 0x808080;

impl Formater {
    pub fn ny() -> Self {
        let celle = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(KANT));
        let udfyld = celle
            .clone()
            .set_unlocked()
            .set_background_color(Color::White);
        Self {
            titel: Format::new().set_bold().set_font_size(14),
            forklaring: Format::new().set_italic(),
            tekst: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            overskrift: celle
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(OVERSKRIFT)),
            laast: celle.set_background_color(Color::RGB(GRAA)),
            udfyld_dato: udfyld.clone().set_num_format("dd-mm-yyyy"),
            udfyld_tekst: udfyld.clone().set_num_format("@"),
            udfyld,
        }
    }
}

/// `#2e7d32` → an Excel colour.
pub fn farve(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0))
}

/// Text for a page header or footer, where `&` starts a code.
pub fn sidehoved(tekst: &str) -> String {
    tekst.replace('&', "&&")
}

/// The height of a row (points) that shows each `(text, column width)` wrapped in
/// full, with room for at least `min_linjer` lines. Spreadsheet programs do not all
/// fit rows to wrapped text when they open a file (LibreOffice does not), so the
/// height is set; the user can still change it.
pub fn raekkehoejde(tekster: &[(&str, f64)], min_linjer: usize) -> f64 {
    let linjer = tekster
        .iter()
        .map(|(t, bredde)| {
            let pr_linje = (bredde * 1.1).max(1.0) as usize;
            t.split('\n')
                .map(|l| l.chars().count().div_ceil(pr_linje).max(1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
        .max(min_linjer);
    (linjer as f64 * 15.0 + 3.0).min(409.0)
}
