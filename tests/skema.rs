//! The JSON Schemas that `fremdrift skema` writes never disagree with `fremdrift check`:
//! every file of the default content, the `mini` fixture, generated projects and fresh
//! `init` projects is valid under its schema, and every invalid-input case under
//! `tests/fixtures/ugyldig/` is refused by the schema too — unless it is one of the
//! cases listed in [`UDENFOR`], which a JSON Schema cannot express.
//!
//! Files are read as an editor reads them: YAML 1.2 core schema (`010` is the number
//! 10, `yes` is text, `2016-01-26` is text), then checked by the `jsonschema` crate with
//! formats (`date`) validated.
//!
//! Known differences no schema can express, beyond the listed cases, because the
//! editor sees a typed value rather than the text as written: a kommunekode written
//! `1.0`, `+101` or `0x10` (numbers to YAML, refused by fremdrift), an anbefaling id
//! written `.5` or `+5`, and a date quoted with spaces around it (fremdrift trims it,
//! `format: date` does not).

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use fremdrift::jsonskema::skema_for;
use jsonschema::Validator;
use serde_json::Value;

/// Invalid-input cases outside what a JSON Schema can express, and why.
const UDENFOR: &[(&str, &str)] = &[
    (
        "alias-bombe",
        "YAML-aliasser ud over fremdrifts grænse: læseren afviser filen, før et skema ser den",
    ),
    (
        "alias-mange",
        "for mange YAML-aliasser: en grænse i læseren, ikke i indholdet",
    ),
    (
        "dublet-anbefaling-samme-fokus",
        "entydige id'er på tværs af listeelementer kan et skema ikke kræve",
    ),
    (
        "dublet-anbefaling-tvaers",
        "entydige id'er på tværs af fokusområder kan et skema ikke kræve",
    ),
    (
        "erstatter-ukendt-id",
        "at id'et findes i forrige periode, afhænger af en anden fil; ét skema gælder alle perioder",
    ),
    (
        "dublet-kommune-id",
        "entydige kommune-id'er på tværs af listen kan et skema ikke kræve",
    ),
    (
        "dublet-kommunekode",
        "entydige kommunekoder på tværs af listen kan et skema ikke kræve",
    ),
    (
        "dublet-noegle-svar",
        "en nøgle to gange er en YAML-fejl, som editoren selv viser; JSON har kun den sidste",
    ),
    (
        "dublet-noegle-titel",
        "en nøgle to gange er en YAML-fejl, som editoren selv viser; JSON har kun den sidste",
    ),
    (
        "dyb-indlejring-uafsluttet",
        "5000 «[», der aldrig lukkes: en YAML-syntaksfejl, intet at tjekke",
    ),
    (
        "filnavn-beta2",
        "filnavnet skal svare til «kommune:»: et skema ser ikke filnavnet",
    ),
    (
        "filnavn-forkert-kommune",
        "filnavnet skal svare til «kommune:»: et skema ser ikke filnavnet",
    ),
    (
        "kodning-latin1",
        "filen er ikke UTF-8: et spørgsmål om tegnkodning, ikke om indhold",
    ),
    (
        "mangler-anbefalinger-fil",
        "en fil, der mangler, har intet indhold at tjekke",
    ),
    (
        "mangler-content",
        "en mappe, der mangler, har intet indhold at tjekke",
    ),
    (
        "mangler-kkr-fil",
        "en fil, der mangler, har intet indhold at tjekke",
    ),
    (
        "skabelon-safe",
        "skabeloner (templates/) er ikke YAML og har intet skema",
    ),
    (
        "skabelon-syntaksfejl",
        "skabeloner (templates/) er ikke YAML og har intet skema",
    ),
    (
        "skabelon-ukendt-variabel",
        "skabeloner (templates/) er ikke YAML og har intet skema",
    ),
    (
        "syntaks-ekstra-dokument",
        "to YAML-dokumenter i én fil: editoren tjekker hvert for sig",
    ),
    (
        "syntaks-indrykning",
        "YAML-syntaksfejl: der er intet at tjekke mod skemaet",
    ),
    (
        "syntaks-indrykning-for-lidt",
        "YAML-syntaksfejl: der er intet at tjekke mod skemaet",
    ),
    (
        "syntaks-indrykning-svar",
        "YAML-syntaksfejl: der er intet at tjekke mod skemaet",
    ),
    (
        "syntaks-mangler-kolon",
        "YAML-syntaksfejl: der er intet at tjekke mod skemaet",
    ),
    (
        "syntaks-tabulator",
        "YAML-syntaksfejl: der er intet at tjekke mod skemaet",
    ),
    (
        "syntaks-uafsluttet-citat",
        "YAML-syntaksfejl: der er intet at tjekke mod skemaet",
    ),
    (
        "syntaks-uafsluttet-liste",
        "YAML-syntaksfejl: der er intet at tjekke mod skemaet",
    ),
    (
        "syntaks-uafsluttet-liste-filslut",
        "YAML-syntaksfejl: der er intet at tjekke mod skemaet",
    ),
    (
        "syntaks-uafsluttet-tabel",
        "YAML-syntaksfejl: der er intet at tjekke mod skemaet",
    ),
    (
        "type-kode-foranstillet-nul",
        "YAML 1.2 læser 010 som tallet 10: editoren ser ikke nullet",
    ),
];

/// The schemas of a project, compiled, by file name.
struct Skemaer(BTreeMap<String, Validator>);

impl Skemaer {
    /// Runs `fremdrift skema` in the project and compiles what it wrote.
    fn fra(projekt: &Path) -> Self {
        let o = fremdrift(projekt, &["skema"]);
        assert!(o.status.success(), "fremdrift skema: {}", stderr(&o));
        let mut ud = BTreeMap::new();
        for e in std::fs::read_dir(projekt.join("skema")).unwrap().flatten() {
            let navn = e.file_name().to_string_lossy().into_owned();
            let skema: Value = serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap();
            assert_eq!(
                skema["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{navn}"
            );
            let v = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(&skema)
                .unwrap_or_else(|e| panic!("{navn} er ikke et gyldigt skema: {e}"));
            ud.insert(navn, v);
        }
        Self(ud)
    }

    /// The schema's objections to a content file (relative path, text); `Err` when the
    /// file has no schema or is no YAML an editor could read.
    fn indvendinger(&self, rel: &Path, tekst: &str) -> Result<Vec<String>, String> {
        let navn = skema_for(rel).ok_or_else(|| format!("{} har intet skema", rel.display()))?;
        let v = self
            .0
            .get(&navn)
            .ok_or_else(|| format!("{navn} blev ikke skrevet"))?;
        let data = som_json(tekst)?;
        Ok(v.iter_errors(&data)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect())
    }
}

/// YAML as an editor reads it (YAML 1.2 core schema, no limits on nesting), as JSON.
/// On a thread with a large stack: the deep-nesting cases recurse deeply.
fn som_json(tekst: &str) -> Result<Value, String> {
    let tekst = tekst.strip_prefix('\u{feff}').unwrap_or(tekst).to_string();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || laes_yaml(&tekst))
        .unwrap()
        .join()
        .unwrap()
}

fn laes_yaml(tekst: &str) -> Result<Value, String> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 10_000;
    let valg = serde_saphyr::options! {
        strict_booleans: true,
        legacy_octal_numbers: false,
        budget: Some(budget),
    };
    serde_saphyr::from_str_with_options::<Value>(tekst, valg).map_err(|e| e.to_string())
}

/// Every YAML file under `content/` of a project, relative to it.
fn yamlfiler(rod: &Path) -> Vec<PathBuf> {
    fn gaa(rod: &Path, mappe: &Path, ud: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(mappe).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                gaa(rod, &p, ud);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                ud.push(p.strip_prefix(rod).unwrap().to_path_buf());
            }
        }
    }
    let mut ud = Vec::new();
    gaa(rod, &rod.join("content"), &mut ud);
    ud.sort();
    ud
}

/// Asserts that every content file of the project is valid under its schema.
fn alle_gyldige(rod: &Path, hvad: &str) -> usize {
    let o = fremdrift(rod, &["check"]);
    assert!(o.status.success(), "{hvad}: check fejlede: {}", stderr(&o));
    let s = Skemaer::fra(rod);
    let filer = yamlfiler(rod);
    for rel in &filer {
        let tekst = std::fs::read_to_string(rod.join(rel)).unwrap();
        let fejl = s.indvendinger(rel, &tekst).unwrap();
        assert!(
            fejl.is_empty(),
            "{hvad}: {} afvises af skemaet:\n{}",
            rel.display(),
            fejl.join("\n")
        );
    }
    filer.len()
}

#[test]
fn every_valid_file_of_the_default_content_the_fixture_and_generated_projects_matches_its_schema() {
    let standard = standardprojekt();
    assert!(alle_gyldige(standard.path(), "standardindholdet") > 25);
    let mini = projekt("mini");
    assert_eq!(alle_gyldige(mini.path(), "mini"), 4);

    let genereret = tempfile::tempdir().unwrap();
    let mut v = eksempel::Valg::med_kommuner(12);
    v.perioder = vec!["2015".into(), "2016".into()];
    eksempel::skriv(genereret.path(), &v).unwrap();
    assert!(alle_gyldige(genereret.path(), "genereret") > 20);

    let uden_niveauer = tempfile::tempdir().unwrap();
    let mut v = eksempel::Valg::med_kommuner(5);
    v.niveauer = false;
    eksempel::skriv(uden_niveauer.path(), &v).unwrap();
    alle_gyldige(uden_niveauer.path(), "uden niveauer");

    // Three periods whose anbefalinger are renamed, merged and new with «erstatter».
    let cyklus = tempfile::tempdir().unwrap();
    eksempel::tre_perioder(cyklus.path()).unwrap();
    let runder = (2015..=2017)
        .map(|p| {
            std::fs::read_to_string(cyklus.path().join(format!("content/{p}/anbefalinger.yaml")))
                .unwrap()
        })
        .collect::<String>();
    assert!(runder.contains("erstatter:"), "the project uses erstatter");
    assert!(alle_gyldige(cyklus.path(), "tre perioder") > 15);
}

#[test]
fn files_that_init_and_skabelon_write_match_their_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let mappe = dir.path().join("nyt");
    let init = fremdrift(
        dir.path(),
        &[
            "--periode",
            "2026",
            "init",
            "--kkr",
            "syddanmark",
            mappe.to_str().unwrap(),
        ],
    );
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(
        mappe.join("skema/status-2026.schema.json").is_file(),
        "init writes the schemas"
    );
    let o = fremdrift(&mappe, &["skabelon", "odense"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for (fil, linje) in [
        ("content/kkr.yaml", "../skema/kkr.schema.json"),
        (
            "content/2026/anbefalinger.yaml",
            "../../skema/anbefalinger.schema.json",
        ),
        (
            "content/2026/status/odense.yaml",
            "../../../skema/status-2026.schema.json",
        ),
    ] {
        let tekst = std::fs::read_to_string(mappe.join(fil)).unwrap();
        assert_eq!(
            tekst.lines().next(),
            Some(format!("# yaml-language-server: $schema={linje}").as_str()),
            "{fil}"
        );
        assert!(
            mappe.join(fil).parent().unwrap().join(linje).is_file(),
            "{fil} → {linje}"
        );
    }
    assert_eq!(alle_gyldige(&mappe, "init"), 3);
}

#[test]
fn skabelon_brings_the_schemas_up_to_date_after_the_anbefalinger_changed() {
    let mini = projekt("mini");
    let o = fremdrift(mini.path(), &["skema"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fil = mini.path().join("content/2015/anbefalinger.yaml");
    let t = std::fs::read_to_string(&fil).unwrap();
    std::fs::write(&fil, t.replace("Særlige indsatser", "Nye indsatser")).unwrap();
    let o = fremdrift(mini.path(), &["skabelon", "gamma"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let skema = std::fs::read_to_string(mini.path().join("skema/status-2015.schema.json")).unwrap();
    assert!(
        skema.contains("Nye indsatser for akademikere.") && !skema.contains("Særlige"),
        "{skema}"
    );
}

#[test]
fn content_errors_leave_the_schemas_unwritten_and_say_why() {
    let mini = projekt("mini");
    let fil = mini.path().join("content/kkr.yaml");
    let t = std::fs::read_to_string(&fil).unwrap();
    std::fs::write(&fil, t.replace("id: gamma", "id: Gamma")).unwrap();
    let o = fremdrift(mini.path(), &["skema"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("skemaerne er ikke skrevet"),
        "{}",
        stderr(&o)
    );
    assert!(!mini.path().join("skema").exists());
}

/// The case folders under `tests/fixtures/ugyldig/`, with whether `check` accepts them.
fn tilfaelde() -> Vec<(String, bool)> {
    let mut ud: Vec<(String, bool)> = std::fs::read_dir(fixtures().join("ugyldig"))
        .unwrap()
        .flatten()
        .map(|e| {
            let forventet = std::fs::read_to_string(e.path().join("forventet.txt")).unwrap();
            let gyldig = forventet.lines().any(|l| l.trim() == "ingen fejl");
            (e.file_name().to_string_lossy().into_owned(), gyldig)
        })
        .collect();
    ud.sort();
    ud
}

/// The schema's verdict on a case: `Ok(objections)` over its YAML files, or `Err(why)`
/// when no schema can look at it (no YAML, not readable as YAML).
fn dom(s: &Skemaer, sag: &str) -> Result<Vec<String>, String> {
    let filer = fixtures().join("ugyldig").join(sag).join("filer");
    if !filer.is_dir() {
        return Err("ingen filer".into());
    }
    let mut indvendinger = Vec::new();
    for rel in yamlfiler(&filer) {
        let bytes = std::fs::read(filer.join(&rel)).unwrap();
        let tekst = String::from_utf8(bytes).map_err(|_| "ikke UTF-8".to_string())?;
        indvendinger.extend(s.indvendinger(&rel, &tekst)?);
    }
    if yamlfiler(&filer).is_empty() {
        return Err("ingen YAML-filer".into());
    }
    Ok(indvendinger)
}

#[test]
fn every_invalid_fixture_the_schema_can_express_is_refused_by_it() {
    let mini = projekt("mini");
    let s = Skemaer::fra(mini.path());
    let alle = tilfaelde();
    assert!(alle.len() > 100, "{} tilfælde", alle.len());
    let mut uenige = Vec::new();
    for (sag, gyldig) in &alle {
        let udenfor = UDENFOR.iter().any(|(n, _)| n == sag);
        let afvist = match dom(&s, sag) {
            Ok(indv) if *gyldig && !indv.is_empty() => {
                uenige.push(format!(
                    "{sag}: gyldig, men skemaet afviser:\n  {}",
                    indv.join("\n  ")
                ));
                continue;
            }
            Ok(indv) => !indv.is_empty(),
            Err(grund) if *gyldig => {
                uenige.push(format!(
                    "{sag}: gyldig, men skemaet kan ikke læse den: {grund}"
                ));
                continue;
            }
            Err(_) => false,
        };
        if *gyldig {
            assert!(!udenfor, "{sag} er gyldig og hører ikke til i UDENFOR");
        } else if afvist && udenfor {
            uenige.push(format!("{sag}: skemaet afviser den; fjern den fra UDENFOR"));
        } else if !afvist && !udenfor {
            uenige.push(format!(
                "{sag}: check afviser den, men skemaet godtager den"
            ));
        }
    }
    for (n, _) in UDENFOR {
        assert!(
            alle.iter().any(|(sag, _)| sag == n),
            "UDENFOR nævner «{n}», som ikke findes"
        );
    }
    assert!(
        uenige.is_empty(),
        "skema og check er uenige:\n{}",
        uenige.join("\n")
    );
}

#[test]
fn the_status_schema_lists_the_periods_anbefalinger_with_their_text() {
    let mini = projekt("mini");
    let o = fremdrift(mini.path(), &["skema"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let laes = |navn: &str| -> Value {
        serde_json::from_slice(&std::fs::read(mini.path().join("skema").join(navn)).unwrap())
            .unwrap()
    };
    let status = laes("status-2015.schema.json");
    let svar = &status["properties"]["svar"];
    let ids: Vec<&String> = svar["properties"].as_object().unwrap().keys().collect();
    assert_eq!(ids, ["b1", "b2", "v1", "v2"]);
    assert_eq!(svar["additionalProperties"], false);
    let v1 = &svar["properties"]["v1"];
    assert_eq!(v1["title"], "Anbefaling v1 (SKAL)");
    assert!(
        v1["description"]
            .as_str()
            .unwrap()
            .starts_with("Alle kommuner skal være en del af et formaliseret virksomhedsberedskab."),
        "{v1}"
    );
    let ord = &v1["properties"]["status"]["anyOf"][0]["enum"];
    assert_eq!(ord, &serde_json::json!(["grøn", "gul", "rød"]));
    assert_eq!(
        status["properties"]["kommune"]["anyOf"][0]["enum"],
        serde_json::json!(["alfa", "beta", "gamma"])
    );
    assert_eq!(
        status["properties"]["behandlet"]["properties"]["dato"]["format"],
        "date"
    );
    assert_eq!(status["title"], "fremdrift: status for 2015");
    for navn in [
        "kkr.schema.json",
        "anbefalinger.schema.json",
        "tilbagemelding.schema.json",
    ] {
        let s = laes(navn);
        assert!(
            s["description"].as_str().is_some_and(|d| !d.is_empty()),
            "{navn}"
        );
    }
    assert_eq!(
        laes("anbefalinger.schema.json")["properties"]["dato"]["format"],
        "date"
    );
}
