//! Fuzzing on stable Rust with proptest: YAML loading and validation of mutated
//! content, and arbitrary text through escaping → Typst → PDF. A short run here; a long
//! one with e.g. `PROPTEST_CASES=100000 cargo test --release --test fuzz`.

use crate::common;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use common::*;
use fremdrift::diagnostik::Diagnoser;
use fremdrift::indhold::dato::Dato;
use fremdrift::indhold::model::{Kkr, Runde};
use fremdrift::indhold::raa::{RawKkr, RawStatus};
use fremdrift::indhold::{projekt, valider, yaml};
use fremdrift::markup::{Kilde, escape};
use fremdrift::oversaet::{self, Grundlag};
use proptest::prelude::*;

fn mini() -> &'static (Kkr, Runde, String) {
    static M: OnceLock<(Kkr, Runde, String)> = OnceLock::new();
    M.get_or_init(|| {
        let dir = fixtures().join("mini");
        let (p, _) = projekt::indlaes(&dir.canonicalize().unwrap(), "2015")
            .uden_fejl()
            .unwrap();
        let tekst = std::fs::read_to_string(dir.join("content/2015/status/alfa.yaml")).unwrap();
        (p.kkr, p.runde, tekst)
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Slet(usize, usize),
    Indsaet(usize, String),
    Byt(usize, usize),
    Dubler(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..20).prop_map(|(a, n)| Mutation::Slet(a, n)),
        (
            any::<usize>(),
            "[:\\-\\[\\]{}&*!|>'\"#%@` \\t\\nøæå0-9a-z,?\\\\]{1,8}"
        )
            .prop_map(|(a, s)| Mutation::Indsaet(a, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Byt(a, b)),
        any::<usize>().prop_map(Mutation::Dubler),
    ]
}

/// Applies mutations at character boundaries (and whole lines for swaps and doubling).
fn anvend(tekst: &str, mutationer: &[Mutation]) -> String {
    let mut t: Vec<char> = tekst.chars().collect();
    for m in mutationer {
        let n = t.len().max(1);
        match m {
            Mutation::Slet(a, k) => {
                let a = a % n;
                let b = (a + k).min(t.len());
                t.drain(a.min(t.len())..b);
            }
            Mutation::Indsaet(a, s) => {
                let a = a % (t.len() + 1);
                t.splice(a..a, s.chars());
            }
            Mutation::Byt(a, b) => linjevis(&mut t, |linjer| {
                let l = linjer.len();
                linjer.swap(a % l, b % l);
            }),
            Mutation::Dubler(a) => linjevis(&mut t, |linjer| {
                let l = a % linjer.len();
                linjer.insert(l, linjer[l].clone());
            }),
        }
    }
    t.into_iter().collect()
}

/// Applies an edit to the lines of a text (when it has any).
fn linjevis(t: &mut Vec<char>, f: impl FnOnce(&mut Vec<String>)) {
    let mut linjer: Vec<String> = t
        .iter()
        .collect::<String>()
        .lines()
        .map(str::to_string)
        .collect();
    if !linjer.is_empty() {
        f(&mut linjer);
    }
    *t = linjer.join("\n").chars().collect();
}

fn positioner_findes(d: &Diagnoser, tekst: &str) -> Result<(), String> {
    let linjer = tekst.lines().count() as u64 + 1;
    for x in &d.0 {
        if let Some(p) = x.pos()
            && (p.linje == 0 || p.linje > linjer || p.kolonne == 0)
        {
            return Err(format!(
                "position {}:{} uden for filen ({linjer} linjer): {x}",
                p.linje, p.kolonne
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn mutated_status_files_never_panic_and_point_inside_the_file(mutationer in prop::collection::vec(mutation(), 1..6)) {
        let (kkr, runde, original) = mini();
        let tekst = anvend(original, &mutationer);
        let vis = Path::new("content/2015/status/alfa.yaml");
        let mut d = Diagnoser::default();
        match yaml::fortolk::<RawStatus>(&tekst, vis) {
            Ok(raw) => { let _ = valider::valider_status(raw, kkr, runde, vis, &mut d); }
            Err(e) => d.push(e),
        }
        prop_assert!(positioner_findes(&d, &tekst).is_ok(), "{:?}", positioner_findes(&d, &tekst));
        for x in &d.0 {
            prop_assert!(!x.besked.is_empty());
        }
    }

    #[test]
    fn arbitrary_bytes_as_yaml_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let vis = Path::new("content/kkr.yaml");
        if let Ok(tekst) = yaml::utf8(&bytes, vis) {
            let _ = yaml::fortolk::<RawKkr>(tekst, vis);
        }
    }
}

fn faelles() -> &'static Arc<Grundlag> {
    static F: OnceLock<Arc<Grundlag>> = OnceLock::new();
    F.get_or_init(|| Grundlag::ny(Path::new("/nonexistent")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// Any Unicode text (including glyphs the font lacks) compiles or fails cleanly; never panics.
    #[test]
    fn any_unicode_text_compiles_to_a_pdf(s in "\\PC{0,60}") {
        let markup = format!("#set document(title: \"t\")\n#set text(font: \"Carlito\", lang: \"da\")\n{}\n", escape::markup(&s));
        let kilde = Kilde { navn: "fuzz".into(), markup, dato: Dato::parse("2016-01-26").unwrap() };
        match oversaet::pdf(faelles(), &std::env::temp_dir(), &kilde) {
            Ok(pdf) => prop_assert!(pdf.resultat.starts_with(b"%PDF")),
            Err(d) => prop_assert!(d.har_fejl()),
        }
    }
}
