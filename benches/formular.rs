//! «Udfyld status»: from pressing «Gem» in the form to the updated bilag beside it.
//!
//! Starts `fremdrift preview` on a copy of the default content (24 bilag and the
//! tilbagemelding), opens a kommune's form in headless Chromium, and saves it again and
//! again (a new «Behandlet af» and another status each time, so the bilag always
//! changes). Measured inside the page, from the click:
//!
//!   gemt    the status line says «Gemt» (the POST: checks, history, atomic write)
//!   hentet  the new page (PNG) of the bilag has arrived in the browser
//!   bilag   the new page stands, decoded, beside the form
//!
//! `cargo bench --bench formular` (release, 30 saves; `-- --antal N` for another
//! count; `-- --foer BIN` measures another build of fremdrift too, save for save in
//! turn with this one, and prints the ratios of the medians;
//! `-- --skaermbillede docs/formular.png` also saves the README's picture of the form
//! after the first save). Under `cargo test` it runs two saves as a smoke test. No
//! timing is asserted.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;

use common::browser::{Browser, Preview, SIDER_KLAR};

/// Saves once and resolves with the two times in milliseconds.
const MAAL: &str = r#"(async (nr) => {
  const sider = () => [...document.querySelectorAll('#sider img')].map(i => i.getAttribute('src'));
  const foer = new Set(sider());
  const gemt = document.getElementById('gemt');
  gemt.textContent = '';
  const organ = document.getElementById('f-organ');
  organ.value = 'Beskæftigelsesudvalget (måling ' + nr + ')';
  document.getElementById(nr % 2 ? 'a1-status-gul' : 'a1-status-roed').click();
  performance.clearResourceTimings();
  const t0 = performance.now();
  const tider = {};
  await new Promise((klar) => {
    const tjek = () => {
      if (tider.gemt === undefined && gemt.textContent.startsWith('Gemt')) tider.gemt = performance.now() - t0;
      const nu = sider();
      const ny = nu.some(s => !foer.has(s)) && [...document.querySelectorAll('#sider img')].every(i => i.complete);
      if (tider.bilag === undefined && ny) tider.bilag = performance.now() - t0;
      if (tider.gemt !== undefined && tider.bilag !== undefined) { obs.disconnect(); klar(); }
    };
    const obs = new MutationObserver(tjek);
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    document.getElementById('gem').click();
  });
  const nye = performance.getEntriesByType('resource')
    .filter(e => e.name.includes('/side/') && !foer.has(new URL(e.name).pathname + new URL(e.name).search));
  tider.hentet = Math.min(...nye.map(e => e.responseEnd - t0));
  return tider;
})"#;

/// The page URLs of a document.
fn sider(pv: &Preview, id: &str) -> Vec<String> {
    let liste = pv.dokumenter();
    let dok = liste["dokumenter"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["id"] == id).cloned())
        .unwrap_or_default();
    serde_json::from_value(dok["sider"].clone()).unwrap_or_default()
}

/// Waits until every document has pages and the tilbagemelding (compiled last) has
/// new pages (when `foer` is given) and its PDF.
fn vent_til_ro(pv: &Preview, foer: Option<Vec<String>>) {
    common::vent_paa(
        "forhåndsvisningen bliver færdig",
        std::time::Duration::from_secs(120),
        || {
            let alle = pv.dokumenter()["dokumenter"]
                .as_array()?
                .iter()
                .all(|d| d["sider"].as_array().is_some_and(|s| !s.is_empty()));
            let samlet = sider(pv, "tilbagemelding");
            (alle && foer.as_ref() != Some(&samlet)).then_some(())
        },
        || pv.log(),
    );
    // «Hent PDF» waits (a while) for the PDF that is being made.
    common::vent_paa(
        "tilbagemeldingens PDF",
        std::time::Duration::from_secs(120),
        || {
            let s =
                common::browser::anmod(pv.port, "GET", "/dok/tilbagemelding/pdf", &[], "", "1.0");
            s.ok().filter(|s| s.status == 200).map(|_| ())
        },
        || pv.log(),
    );
}

/// The value after `--navn` on the command line.
fn valg(navn: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != navn).nth(1)
}

const VINDUE: (u32, u32) = (1400, 860);

/// One build under measurement: its preview, the form in Chromium, the times.
struct Maaling {
    navn: String,
    _projekt: tempfile::TempDir,
    pv: Preview,
    _browser: Browser,
    side: common::browser::Cdp,
    kommune: String,
    /// gemt, hentet, bilag.
    tider: [Vec<f64>; 3],
}

impl Maaling {
    /// Starts `binaer preview` on a copy of the default content and opens the first
    /// kommune's form.
    fn start(navn: &str, binaer: &Path) -> Self {
        let projekt = common::standardprojekt();
        let pv = Preview::start_med(binaer, projekt.path());
        let kommune = pv.dokumenter()["dokumenter"]
            .as_array()
            .and_then(|d| {
                d.iter()
                    .find_map(|d| d["id"].as_str()?.strip_prefix("bilag-"))
            })
            .expect("et bilag i standardindholdet")
            .to_string();
        vent_til_ro(&pv, None);
        let url = format!("{}udfyld/{kommune}/", pv.url);
        let browser = Browser::start_med(&url, VINDUE);
        let mut side = browser.side(&url);
        side.vent("bilaget vises", SIDER_KLAR, &pv);
        Maaling {
            navn: navn.into(),
            _projekt: projekt,
            pv,
            _browser: browser,
            side,
            kommune,
            tider: Default::default(),
        }
    }

    /// Saves once and waits until the preview is at rest again, as when a person types
    /// in between.
    fn gem(&mut self, nr: usize) {
        let samlet = sider(&self.pv, "tilbagemelding");
        let t = self.side.js(&format!("{MAAL}({nr})"));
        vent_til_ro(&self.pv, Some(samlet));
        for (v, navn) in self.tider.iter_mut().zip(["gemt", "hentet", "bilag"]) {
            v.push(t[navn].as_f64().expect(navn));
        }
    }

    fn skaermbillede(&mut self, sti: &str) {
        // The first fokusområde under the «Gem» bar, beside the bilag.
        self.side
            .js("document.getElementById('fokus1').scrollIntoView()");
        let png = self.side.skaermbillede(0.6);
        std::fs::write(common::repo().join(sti), png).expect("skærmbilledet gemmes");
    }
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let maaling = std::env::args().any(|a| a == "--bench");
    let antal: usize = valg("--antal")
        .and_then(|n| n.parse().ok())
        .unwrap_or(if maaling { 30 } else { 2 });
    let mut bygninger = vec![Maaling::start(
        "denne",
        Path::new(env!("CARGO_BIN_EXE_fremdrift")),
    )];
    // `--foer BIN`: another build, measured save for save in turn with this one.
    if let Some(foer) = valg("--foer") {
        bygninger.push(Maaling::start("før", Path::new(&foer)));
    }
    for nr in 0..antal {
        for m in &mut bygninger {
            m.gem(nr);
        }
        if let Some(sti) = valg("--skaermbillede").filter(|_| nr == 0) {
            bygninger[0].skaermbillede(&sti);
        }
    }
    let profil = if cfg!(debug_assertions) {
        "dev"
    } else {
        "release"
    };
    println!(
        "formular: {antal} gemninger af {}s status i Chromium pr. build, {profil}-build, {} kerner",
        bygninger[0].kommune,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "{:<6} {:<8} {:>9} {:>9} {:>9}",
        "build", "til", "median", "min", "maks"
    );
    for m in &bygninger {
        for (navn, v) in ["gemt", "hentet", "bilag"].iter().zip(&m.tider) {
            let mut v = v.clone();
            v.sort_by(f64::total_cmp);
            println!(
                "{:<6} {navn:<8} {:>6.0} ms {:>6.0} ms {:>6.0} ms",
                m.navn,
                v[v.len() / 2],
                v[0],
                v[v.len() - 1]
            );
        }
    }
    if let [ny, foer] = &bygninger[..] {
        for (i, navn) in ["gemt", "hentet", "bilag"].iter().enumerate() {
            println!(
                "{navn}: denne / før = {:.2}",
                median(&ny.tider[i]) / median(&foer.tider[i])
            );
        }
    }
}
