//! The preview's document pages as PNG: every page of a laid-out document at 144 dpi
//! (Typst's own default for PNG). A browser shows such a page as soon as it has it,
//! where an SVG page of a table-heavy bilag took Chromium 50–120 ms to decode. Pages
//! are rendered in parallel, and a page whose layout did not change since the
//! document's last compilation is reused, not rendered again.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use typst::utils::{Scalar, hash128};
use typst_layout::{Page, PagedDocument};
use typst_render::RenderOptions;

/// Pixels per typographic point: 2 is 144 dpi, an A4 page 1191 × 1684 pixels — sharp at
/// the preview's widest page (60rem) on an ordinary screen.
const PX_PR_PT: f64 = 2.0;

/// One page as PNG.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    pub png: Arc<Vec<u8>>,
    /// A hash of the PNG: it names the page in its URL, so an unchanged page is never
    /// sent twice.
    pub noegle: String,
    /// Size in points.
    pub bredde: f64,
    pub hoejde: f64,
}

/// The pages of each document's last compilation, by a hash of their layout.
#[derive(Default)]
pub struct SideLager(HashMap<String, HashMap<u128, Side>>);

impl SideLager {
    /// Every page of the document named `navn` as PNG. Keeps them for its next
    /// compilation, and forgets the pages of its compilation before.
    pub fn sider(&mut self, navn: &str, dokument: &PagedDocument) -> Vec<Side> {
        let gamle = self.0.remove(navn).unwrap_or_default();
        let sider: Vec<(u128, Side)> = dokument
            .pages()
            .par_iter()
            .map(|side| {
                let aftryk = hash128(side);
                let side = gamle.get(&aftryk).cloned().unwrap_or_else(|| tegn(side));
                (aftryk, side)
            })
            .collect();
        self.0
            .insert(navn.to_string(), sider.iter().cloned().collect());
        sider.into_iter().map(|(_, s)| s).collect()
    }
}

/// Renders one page.
fn tegn(side: &Page) -> Side {
    let valg = RenderOptions {
        pixel_per_pt: Scalar::new(PX_PR_PT),
        render_bleed: false,
    };
    let billede = typst_render::render(side, &valg);
    let (bredde, hoejde) = (billede.width(), billede.height());
    // An opaque page (every page on the default white) is the same premultiplied or not.
    let uigennemsigtig = billede.pixels().iter().all(|p| p.alpha() == u8::MAX);
    let rgba = if uigennemsigtig {
        billede.take()
    } else {
        billede.take_demultiplied()
    };
    let png = png_af(bredde, hoejde, &rgba);
    let mut h = DefaultHasher::new();
    png.hash(&mut h);
    let maal = side.frame.size();
    Side {
        noegle: format!("{:016x}", h.finish()),
        png: Arc::new(png),
        bredde: maal.x.to_pt(),
        hoejde: maal.y.to_pt(),
    }
}

/// RGBA pixels as PNG, with fdeflate's fast level: a third of the time of the default
/// level for files about twice the size, which only travel over loopback.
fn png_af(bredde: u32, hoejde: u32, rgba: &[u8]) -> Vec<u8> {
    let mut ud = Vec::new();
    let mut koder = png::Encoder::new(&mut ud, bredde, hoejde);
    koder.set_color(png::ColorType::Rgba);
    koder.set_depth(png::BitDepth::Eight);
    koder.set_compression(png::Compression::Fast);
    koder
        .write_header()
        .and_then(|mut w| w.write_image_data(rgba))
        .expect("a PNG written to memory, with as many pixels as its size");
    ud
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indhold::dato::Dato;
    use crate::markup::Kilde;
    use crate::oversaet::{Grundlag, layout};

    fn dokument(markup: &str) -> PagedDocument {
        let dir = tempfile::tempdir().unwrap();
        let kilde = Kilde {
            navn: "test/dok".into(),
            markup: format!(
                "#set text(font: \"Carlito\", lang: \"da\")\n#set document(title: \"T\")\n{markup}"
            ),
            dato: Dato::parse("2016-01-26").unwrap(),
        };
        layout(&Grundlag::ny(dir.path()), dir.path(), &kilde)
            .unwrap()
            .resultat
    }

    fn png_maal(png: &[u8]) -> (u32, u32) {
        let info = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .expect("a valid PNG");
        (info.info().width, info.info().height)
    }

    #[test]
    fn an_a4_page_becomes_a_png_at_144_dpi() {
        let dok = dokument("#set page(paper: \"a4\")\nHej");
        let sider = SideLager::default().sider("a", &dok);
        assert_eq!(sider.len(), 1);
        assert!(sider[0].png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(png_maal(&sider[0].png), (1191, 1684));
        assert!(
            (sider[0].bredde - 595.28).abs() < 0.01,
            "{}",
            sider[0].bredde
        );
    }

    #[test]
    fn the_same_layout_gives_the_same_png_and_key() {
        let en = SideLager::default().sider("a", &dokument("Hej"));
        let to = SideLager::default().sider("a", &dokument("Hej"));
        assert_eq!(en, to);
        let anden = SideLager::default().sider("a", &dokument("Farvel"));
        assert_ne!(en[0].noegle, anden[0].noegle);
    }

    #[test]
    fn an_unchanged_page_is_reused_and_a_changed_one_rendered_anew() {
        let mut lager = SideLager::default();
        let foer = lager.sider("a", &dokument("Et\n#pagebreak()\nTo"));
        let efter = lager.sider("a", &dokument("Et\n#pagebreak()\nTre"));
        assert!(Arc::ptr_eq(&foer[0].png, &efter[0].png), "page 1 reused");
        assert_ne!(foer[1].noegle, efter[1].noegle, "page 2 rendered anew");
        // Another document never takes a page from this one.
        let andet = lager.sider("b", &dokument("Et\n#pagebreak()\nTre"));
        assert!(!Arc::ptr_eq(&andet[0].png, &efter[0].png));
    }

    #[test]
    fn a_transparent_page_keeps_its_alpha_straight() {
        let dok = dokument(
            "#set page(fill: none, width: 20pt, height: 20pt, margin: 0pt)\n#box(width: 10pt, height: 20pt, fill: rgb(0, 0, 255, 128))",
        );
        let side = &SideLager::default().sider("a", &dok)[0];
        let mut laeser = png::Decoder::new(std::io::Cursor::new(side.png.as_slice()))
            .read_info()
            .unwrap();
        let mut pixels = vec![0; laeser.output_buffer_size().unwrap()];
        laeser.next_frame(&mut pixels).unwrap();
        let (venstre, hoejre) = (&pixels[0..4], &pixels[pixels.len() - 4..]);
        assert_eq!(
            venstre,
            &[0, 0, 255, 128],
            "blue at half alpha, not darkened"
        );
        assert_eq!(hoejre[3], 0, "transparent where nothing is drawn");
    }
}
