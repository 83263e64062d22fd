//! Rebuilding: plan, publish the new list and diagnostics at once, then recompile only
//! the documents whose source changed, publishing each as soon as it is ready.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use typst_layout::PagedDocument;

use crate::compile::{self, Kilde};
use crate::diag::{Diagnose, Diagnoser};
use crate::render::Motor;
use crate::templates;
use crate::world::Faelles;

use super::aendring::Omfang;
use super::plan::{self, Plan, Planlagt};
use super::tilstand::{Delt, Side, Udgave, Visning};

/// Keeps what survives between rebuilds: the fonts and the source each document was
/// last compiled from (with the compiler's errors for it).
pub struct Bygger {
    rod: PathBuf,
    periode: String,
    faelles: Arc<Faelles>,
    kompileret: HashMap<String, (Kilde, Vec<Diagnose>)>,
}

/// A document waiting to be compiled.
struct Opgave {
    /// The document reads only its own file (not every status).
    egen: bool,
    id: String,
    titel: String,
    kilde: Kilde,
    diagnoser: Vec<Diagnose>,
}

impl Bygger {
    pub fn ny(rod: PathBuf, periode: String) -> Self {
        Self {
            faelles: Faelles::ny(&rod),
            rod,
            periode,
            kompileret: HashMap::new(),
        }
    }

    /// Rebuilds what `omfang` can have changed; never panics.
    pub fn byg(&mut self, omfang: Omfang, delt: &Delt) {
        let resultat = catch_unwind(AssertUnwindSafe(|| self.byg_indre(omfang, delt)));
        if let Err(panik) = resultat {
            // Start from scratch next time: the caches may be half-updated.
            self.kompileret.clear();
            let d = intern_fejl(PathBuf::from("content"), &panik);
            eprintln!("{d}");
            delt.skriv(|o, v| {
                o.diagnoser.push(d);
                o.global_version = v;
                true
            });
        }
        typst::comemo::evict(10);
    }

    fn byg_indre(&mut self, omfang: Omfang, delt: &Delt) {
        if omfang == Omfang::Skrifter {
            self.faelles = Faelles::ny(&self.rod);
        }
        if omfang >= Omfang::Alt {
            self.kompileret.clear();
        }
        let motor = Motor {
            rod: self.rod.clone(),
            env: templates::miljoe(&self.rod),
            faelles: self.faelles.clone(),
        };
        let gamle = delt.laes(|o| o.dokumenter.clone());
        let mut plan = plan::planlaeg(&motor, &self.periode, &gamle);
        let opgaver = self.opgaver(&mut plan);
        udgiv_plan(plan, delt);
        for o in opgaver {
            self.oversaet(o, delt);
        }
    }

    /// Takes the sources that changed out of the plan; unchanged ones keep their
    /// compiler errors.
    fn opgaver(&self, plan: &mut Plan) -> Vec<Opgave> {
        let mut ud = Vec::new();
        for p in &mut plan.dokumenter {
            let Some(kilde) = p.kilde.take() else {
                continue;
            };
            match self.kompileret.get(&p.dok.id) {
                Some((k, fejl)) if k.markup == kilde.markup && k.dato == kilde.dato => {
                    p.diagnoser.extend(fejl.iter().cloned());
                    plan.diagnoser.0.extend(fejl.iter().cloned());
                }
                _ => ud.push(Opgave {
                    egen: p.egen_fil.is_some(),
                    id: p.dok.id.clone(),
                    titel: p.dok.titel.clone(),
                    kilde,
                    diagnoser: p.diagnoser.clone(),
                }),
            }
        }
        plan.diagnoser.sorter();
        // A kommune's bilag first: it is small, and the page open is most often one.
        ud.sort_by_key(|o| !o.egen);
        ud
    }

    /// Compiles one document and publishes the pages or the errors.
    fn oversaet(&mut self, o: Opgave, delt: &Delt) {
        let start = Instant::now();
        let (faelles, rod) = (&self.faelles, &self.rod);
        let resultat = catch_unwind(AssertUnwindSafe(|| {
            let dokument = compile::layout(faelles, rod, &o.kilde)?;
            Ok::<_, Diagnoser>((sider(&dokument), dokument))
        }));
        let fejl = match resultat {
            Ok(Ok((sider, dokument))) => {
                let udgave = Udgave {
                    kilde: o.kilde.clone(),
                    dokument,
                };
                udgiv_sider(delt, &o.id, sider, udgave, o.diagnoser);
                eprintln!("Opdaterede {} på {}", o.titel, sekunder(start));
                Vec::new()
            }
            Ok(Err(d)) => {
                udgiv_fejl(delt, &o.id, o.diagnoser, &d.0);
                d.0
            }
            Err(panik) => {
                let d = vec![intern_fejl(compile::genereret_sti(&o.kilde), &panik)];
                udgiv_fejl(delt, &o.id, o.diagnoser, &d);
                d
            }
        };
        self.kompileret.insert(o.id, (o.kilde, fejl));
    }
}

/// Publishes the list and every document's diagnostics; pages are kept.
fn udgiv_plan(plan: Plan, delt: &Delt) {
    delt.skriv(|o, v| {
        let mut aendret = o.kkr != plan.kkr || o.diagnoser != plan.diagnoser.0;
        let mut nye = Vec::new();
        for p in plan.dokumenter {
            let gammel = o.dokumenter.iter().find(|g| g.dok.id == p.dok.id);
            let ny = visning(gammel, p, v);
            aendret |= gammel.is_none_or(|g| g.version != ny.version);
            nye.push(ny);
        }
        aendret |= nye.len() != o.dokumenter.len();
        if aendret {
            o.kkr = plan.kkr;
            o.diagnoser = plan.diagnoser.0;
            o.dokumenter = nye;
            o.global_version = v;
        }
        aendret
    });
}

/// A planned document, keeping the old pages; stamped with `v` if anything changed.
fn visning(gammel: Option<&Visning>, p: Planlagt, v: u64) -> Visning {
    match gammel {
        Some(g) if g.dok == p.dok && g.diagnoser == p.diagnoser => g.clone(),
        _ => Visning {
            sider: gammel.map(|g| g.sider.clone()).unwrap_or_default(),
            udgave: gammel.and_then(|g| g.udgave.clone()),
            dok: p.dok,
            egen_fil: p.egen_fil,
            diagnoser: p.diagnoser,
            version: v,
        },
    }
}

fn udgiv_sider(delt: &Delt, id: &str, sider: Vec<Side>, udgave: Udgave, diag: Vec<Diagnose>) {
    delt.skriv(|o, v| {
        let Some(vis) = o.dokumenter.iter_mut().find(|d| d.dok.id == id) else {
            return false;
        };
        vis.sider = Arc::new(sider);
        vis.udgave = Some(Arc::new(udgave));
        vis.diagnoser = diag;
        vis.version = v;
        true
    });
}

fn udgiv_fejl(delt: &Delt, id: &str, mut diag: Vec<Diagnose>, fejl: &[Diagnose]) {
    eprint!("{}", Diagnoser(fejl.to_vec()));
    diag.extend(fejl.iter().cloned());
    delt.skriv(|o, v| {
        let Some(vis) = o.dokumenter.iter_mut().find(|d| d.dok.id == id) else {
            return false;
        };
        vis.diagnoser = diag;
        vis.version = v;
        for f in fejl {
            if !o.diagnoser.contains(f) {
                o.diagnoser.push(f.clone());
            }
        }
        o.global_version = v;
        true
    });
}

/// Every page as SVG.
fn sider(dokument: &PagedDocument) -> Vec<Side> {
    dokument
        .pages()
        .iter()
        .map(|side| {
            let svg = typst_svg::svg(side, &typst_svg::SvgOptions::default());
            let maal = side.frame.size();
            Side {
                noegle: noegle(&svg),
                svg: Arc::from(svg),
                bredde: maal.x.to_pt(),
                hoejde: maal.y.to_pt(),
            }
        })
        .collect()
}

fn noegle(svg: &str) -> String {
    let mut h = DefaultHasher::new();
    svg.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// "0,42 s".
pub fn sekunder(start: Instant) -> String {
    format!("{:.2} s", start.elapsed().as_secs_f64()).replace('.', ",")
}

/// A panic turned into a diagnostic, so the preview keeps running.
fn intern_fejl(fil: PathBuf, panik: &Box<dyn std::any::Any + Send>) -> Diagnose {
    let besked = panik
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panik.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "ukendt årsag".into());
    Diagnose::fejl(
        fil,
        None,
        format!("intern fejl under opdateringen: {besked}"),
    )
    .med_hint("gem filen igen for at prøve igen; sker det igen, så meld fejlen til fremdrift")
}
