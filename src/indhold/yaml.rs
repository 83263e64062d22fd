//! Reading YAML files: UTF-8 check, BOM, strict serde-saphyr options, Danish errors.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, Options};

use crate::diagnose::{Diagnose, Pos, naermeste};

/// Strict options: YAML 1.2 booleans only, no legacy octal, leading zeros stay text,
/// duplicate keys are errors, and limits against alias bombs and deep nesting.
pub fn indstillinger() -> Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 32;
    budget.max_aliases = 1_000;
    budget.max_events = 200_000;
    serde_saphyr::options! {
        strict_booleans: true,
        legacy_octal_numbers: false,
        leading_zero_numbers_as_strings: true,
        budget: Some(budget),
    }
}

/// Reads and parses one YAML file; `vis` is the path shown to the user.
pub fn laes<T: DeserializeOwned>(fil: &Path, vis: &Path) -> Result<T, Diagnose> {
    let bytes = std::fs::read(fil).map_err(|e| {
        Diagnose::fejl(vis, None, format!("filen kan ikke læses: {}", io_fejl(&e)))
            .med_hint("tjek at filen findes, og at du har adgang til den")
    })?;
    let tekst = utf8(&bytes, vis)?;
    fortolk(tekst, vis)
}

/// Parses YAML text that is already in memory.
pub fn fortolk<T: DeserializeOwned>(tekst: &str, vis: &Path) -> Result<T, Diagnose> {
    let tekst = tekst.strip_prefix('\u{feff}').unwrap_or(tekst);
    if kun_kommentarer(tekst) {
        return Err(Diagnose::fejl(vis, Some(Pos::new(1, 1)), "filen er tom")
            .med_hint("se README for hvilke felter filen skal have"));
    }
    serde_saphyr::from_str_with_options(tekst, indstillinger())
        .map_err(|e| oversaet(&e, tekst, vis))
}

/// True when a file has nothing but blank lines and comments.
fn kun_kommentarer(tekst: &str) -> bool {
    tekst.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

/// Checks that the bytes are UTF-8, pointing at the first bad byte.
pub fn utf8<'a>(bytes: &'a [u8], vis: &Path) -> Result<&'a str, Diagnose> {
    std::str::from_utf8(bytes).map_err(|e| {
        let gyldig = &bytes[..e.valid_up_to()];
        let linje = gyldig.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let start = gyldig
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let kolonne = String::from_utf8_lossy(&gyldig[start..]).chars().count() as u64 + 1;
        Diagnose::fejl(
            vis,
            Some(Pos::new(linje, kolonne)),
            "filen er ikke gemt som UTF-8",
        )
        .med_hint("gem filen som UTF-8 (i Notesblok: «Gem som» → Kodning: UTF-8)")
    })
}

/// Danish text for an I/O error.
pub fn io_fejl(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "filen eller mappen findes ikke".into(),
        PermissionDenied => "adgang nægtet".into(),
        IsADirectory => "det er en mappe, ikke en fil".into(),
        _ => format!("{e}"),
    }
}

/// Turns a serde-saphyr error into a Danish diagnostic.
fn oversaet(e: &Error, tekst: &str, vis: &Path) -> Diagnose {
    let e = kerne(e);
    let pos = e.location().map(Pos::fra).map(|p| juster(e, tekst, p));
    let (mut besked, hint) = besked(e);
    if let (Error::Unexpected { expected, .. }, Some(p)) = (e, pos)
        && expected.contains("scalar")
        && let Some(fundet) = fundet_ved(tekst, p)
    {
        besked = besked.replacen("forventede", &format!("fandt {fundet}, forventede"), 1);
    }
    let mut hint = hint;
    if let (Error::SerdeMissingField { field, .. }, Some(p)) = (e, pos)
        && let Some((linje, ind)) = noegle_ved_siden_af(tekst, field, p)
    {
        hint = Some(format!(
            "«{field}» står på linje {linje} med {} foran, men nøglerne her har {}: ret indrykningen, så «{field}» flugter med dem",
            mellemrum(ind),
            p.kolonne.saturating_sub(1),
        ));
    }
    let d = Diagnose::fejl(vis, pos, besked);
    match hint {
        Some(h) => d.med_hint(h),
        None => d,
    }
}

/// A key `felt` written close below `p` (the start of the mapping that lacks it) but at
/// another indentation: its line and indentation. The search stops at the next item
/// of the same list or anything less indented than the list's dash.
fn noegle_ved_siden_af(tekst: &str, felt: &str, p: Pos) -> Option<(u64, usize)> {
    let kolonne = p.kolonne.checked_sub(1)? as usize;
    let start = p.linje.checked_sub(1)? as usize;
    let alle: Vec<&str> = tekst.lines().collect();
    let linjer = alle.iter().enumerate().skip(start).take(20);
    for (i, l) in linjer {
        let ind = l.len() - l.trim_start_matches(' ').len();
        let rest = l[ind..].trim_start_matches("- ");
        let ind_noegle = l.len() - rest.len();
        if rest.trim().is_empty() || rest.starts_with('#') {
            continue;
        }
        let naeste_punkt = ind + 2 <= kolonne && l[ind..].starts_with("- ");
        if i > start && (naeste_punkt || ind + 2 < kolonne) {
            return None;
        }
        let noegle = rest.split(':').next().unwrap_or("").trim();
        if noegle == felt
            && rest.contains(':')
            && ind_noegle != kolonne
            && !under_anden_noegle(&alle[..i], ind_noegle, kolonne)
        {
            return Some((i as u64 + 1, ind_noegle));
        }
    }
    None
}

/// True when a key indented `ind` (deeper than `kolonne`) belongs to another key's
/// block: the nearest line above it that is less indented opens a block (`sekretariat:`,
/// `- titel: …` under `pejlemærker:`) at or below the mapping's own column.
fn under_anden_noegle(foer: &[&str], ind: usize, kolonne: usize) -> bool {
    if ind < kolonne {
        return false;
    }
    let forael = foer.iter().rev().find(|l| {
        let t = l.trim_start_matches(' ');
        !t.trim().is_empty() && !t.starts_with('#') && l.len() - t.len() < ind
    });
    forael.is_some_and(|l| {
        let t = l.trim_start_matches(' ');
        let l_ind = l.len() - t.len();
        l_ind >= kolonne.saturating_sub(2) && (t.trim_end().ends_with(':') || t.starts_with("- "))
    })
}

/// «ét mellemrum», «7 mellemrum».
fn mellemrum(n: usize) -> String {
    if n == 1 {
        "ét mellemrum".into()
    } else {
        format!("{n} mellemrum")
    }
}

/// The error itself, without the snippet and alias wrappers.
fn kerne(mut e: &Error) -> &Error {
    loop {
        match e {
            Error::WithSnippet { error, .. } | Error::AliasError { error, .. } => e = error,
            andet => return andet,
        }
    }
}

/// Moves a position to where a person looks: the tab itself, the `---` line.
fn juster(e: &Error, tekst: &str, pos: Pos) -> Pos {
    let linje = |n: u64| {
        tekst
            .lines()
            .nth(n.saturating_sub(1) as usize)
            .unwrap_or("")
    };
    if let Error::MultipleDocuments { .. } = e {
        let start = tekst.lines().position(|l| {
            !l.trim().is_empty() && !l.trim_start().starts_with('#') && l.trim() != "---"
        });
        if let Some(n) = tekst
            .lines()
            .enumerate()
            .skip(start.unwrap_or(0))
            .find(|(_, l)| l.trim_end() == "---" || l.starts_with("--- "))
            .map(|(i, _)| i)
        {
            return Pos::new(n as u64 + 1, 1);
        }
    }
    if let Some(kol) = linje(pos.linje).find('\t')
        && (kol as u64) < pos.kolonne
        && engelsk_kerne(e).contains("tab")
    {
        return Pos::new(pos.linje, kol as u64 + 1);
    }
    pos
}

fn besked(e: &Error) -> (String, Option<String>) {
    match e {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let hint = match naermeste(field, expected.iter().copied()) {
                Some(n) => format!("mente du «{n}»?"),
                None => format!("tilladte felter her: {}", felter(expected)),
            };
            (format!("ukendt felt «{field}»"), Some(hint))
        }
        Error::SerdeMissingField { field, .. } => (
            format!("feltet «{field}» mangler"),
            Some(format!("tilføj «{field}: …» på dette niveau")),
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            format!("forkert type: fandt {}, forventede {}", type_navn(unexpected), type_navn(expected)),
            Some("tjek indrykningen og om værdien skal stå i anførselstegn".into()),
        ),
        Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            format!("ugyldig værdi: fandt {}, forventede {}", type_navn(unexpected), type_navn(expected)),
            None,
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            format!("ugyldig værdi «{variant}»"),
            Some(format!("gyldige værdier: {}", felter(expected))),
        ),
        Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("nøglen «{k}» står to gange"),
                None => "en nøgle står to gange".into(),
            },
            Some("slet eller omdøb den ene af dem".into()),
        ),
        Error::InvalidBooleanStrict { .. } => (
            "ugyldig sandhedsværdi".into(),
            Some("skriv true eller false (yes/no/on/off bruges ikke)".into()),
        ),
        Error::InvalidScalar { ty, .. } => (
            format!("værdien kan ikke læses som {}", type_navn(ty)),
            Some("tjek stavningen; tekst med kolon eller # skal stå i anførselstegn".into()),
        ),
        Error::Budget { breach, .. } => (
            budget(breach),
            Some("YAML-aliasser og dyb indlejring er begrænset for at beskytte mod misbrug".into()),
        ),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => (
            "filen udfolder YAML-aliasser for mange gange".into(),
            Some("YAML-aliasser og dyb indlejring er begrænset for at beskytte mod misbrug".into()),
        ),
        Error::Unexpected { expected, .. } => (
            format!("forkert type: forventede {}", type_navn(&forventet_navn(expected))),
            Some("tjek indrykningen og om værdien skal stå i anførselstegn".into()),
        ),
        Error::MultipleDocuments { .. } => (
            "filen indeholder flere YAML-dokumenter (---)".into(),
            Some("fjern den ekstra «---»-linje; hver fil er ét dokument".into()),
        ),
        Error::Eof { .. } => (
            "filen slutter for tidligt".into(),
            Some("tjek at alle anførselstegn og klammer er lukket".into()),
        ),
        Error::UnknownAnchor { .. } => (
            "aliasset henviser til et anker, der ikke findes".into(),
            Some("et «*navn» kræver et «&navn» tidligere i filen".into()),
        ),
        other => (
            format!("YAML-syntaksfejl: {}", syntaks(&engelsk_kerne(other))),
            Some("tjek indrykning (mellemrum, ikke tabulatorer), kolon efter hver nøgle og anførselstegn".into()),
        ),
    }
}

/// The English message of an error without its location and snippet.
fn engelsk_kerne(e: &Error) -> String {
    let mut valg = serde_saphyr::RenderOptions::default();
    valg.snippets = serde_saphyr::SnippetMode::Off;
    let fuld = e.render_with_options(valg);
    let linje = fuld.lines().next().unwrap_or("").trim();
    linje
        .split(" at line ")
        .next()
        .unwrap_or(linje)
        .trim_end_matches('.')
        .to_string()
}

fn budget(b: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    let g = indstillinger().budget.unwrap_or_default();
    match b {
        B::Aliases { .. } => format!(
            "filen har for mange YAML-aliasser (højst {})",
            g.max_aliases
        ),
        B::Depth { .. } => format!(
            "filen er indlejret for dybt (højst {} niveauer)",
            g.max_depth
        ),
        B::Events { .. } | B::Nodes { .. } => "filen har for mange elementer".into(),
        _ => "filen overskrider en af grænserne for YAML-filer".into(),
    }
}

/// "sequence start" → "a sequence", "mapping start" → "a map", "string scalar" → "a
/// string".
fn forventet_navn(engelsk: &str) -> String {
    if engelsk.contains("sequence") {
        "a sequence".into()
    } else if engelsk.contains("mapping") {
        "a map".into()
    } else if engelsk.contains("scalar") {
        "a string".into()
    } else {
        engelsk.into()
    }
}

/// What stands at a position where a value was expected: a list (`[` or `- `) or a
/// table (`{` or `key:`), in Danish; `None` when it is neither.
fn fundet_ved(tekst: &str, p: Pos) -> Option<&'static str> {
    let linje = tekst.lines().nth(p.linje.checked_sub(1)? as usize)?;
    let rest: String = linje
        .chars()
        .skip(p.kolonne.saturating_sub(1) as usize)
        .collect();
    let rest = rest.trim_start();
    if rest.starts_with('[') || rest.starts_with("- ") || rest == "-" {
        Some("en liste (linjer med «- »)")
    } else if rest.starts_with('{') || rest.split_once(':').is_some_and(|(k, _)| !k.contains(' ')) {
        Some("en tabel med felter")
    } else {
        None
    }
}

/// Danish for the YAML parser's most common complaints.
fn syntaks(engelsk: &str) -> String {
    let e = engelsk.to_lowercase();
    let dansk = if e.contains("mapping values are not allowed") {
        "kolon er ikke tilladt her"
    } else if e.contains("did not find expected key") {
        "linjen flugter ikke med nøglerne over den"
    } else if e.contains("tab") {
        "tabulator i indrykningen"
    } else if e.contains("unclosed quote")
        || e.contains("found unexpected end of stream while scanning a quoted")
    {
        "anførselstegnet lukkes aldrig"
    } else if e.contains("illegal placement of ':'") {
        "kolon er ikke tilladt her (mangler der en «]» eller «}»?)"
    } else if e.contains("unclosed bracket '['") {
        "«[» lukkes aldrig med «]»"
    } else if e.contains("unclosed bracket '{'") {
        "«{» lukkes aldrig med «}»"
    } else if e.contains("flow mapping") {
        "en tabel i «{ }» mangler «,» eller «}»"
    } else if e.contains("flow sequence") {
        "en liste i «[ ]» mangler «,» eller «]»"
    } else {
        return format!("ukendt fejl fra YAML-læseren ({engelsk})");
    };
    dansk.to_string()
}

fn felter(navne: &[&str]) -> String {
    let navne: Vec<String> = navne.iter().map(|n| format!("«{n}»")).collect();
    crate::dansk::liste(&navne)
}

/// Danish names for serde's type descriptions.
fn type_navn(engelsk: &str) -> String {
    let e = engelsk.trim();
    let kerne = e.split('`').next().unwrap_or(e).trim();
    let dansk = match kerne {
        "a string" | "string" | "str" | "String" => "tekst",
        "a boolean" | "boolean" | "bool" => "true eller false",
        "a sequence" | "sequence" => "en liste (linjer med «- »)",
        "a map" | "map" => "en tabel med felter",
        "unit value" | "null" | "unit" => "en tom værdi",
        "integer" | "an integer" | "u16" | "u32" | "u64" | "i32" | "i64" => "et heltal",
        "floating point" | "a float" | "f64" => "et kommatal",
        _ if kerne.starts_with("struct") => "en tabel med felter",
        _ if kerne.starts_with("tuple") => "en liste",
        _ => return e.to_string(),
    };
    match e.split('`').nth(1) {
        Some(vaerdi) if !vaerdi.is_empty() => format!("{dansk} «{vaerdi}»"),
        _ => dansk.to_string(),
    }
}
