//! A kommune's status file in its canonical form: what `fremdrift skabelon` writes to
//! fill in, and what answers read from a spreadsheet or saved from the preview's form
//! are written as. Every anbefaling's text stands as a comment above its answer, so
//! the file reads on its own — and, in a file to fill in, the kommune's answer of the
//! previous period; every value is quoted so that YAML reads it back exactly. The
//! first line names the period's JSON Schema (`skema/`) for editors.

use std::fmt::Write as _;

use crate::indhold::model::{Kommune, KommuneStatus, Runde, Svar};
use crate::sidste_aar::SidsteAar;

/// What goes into a status file.
pub struct Statusfil<'a> {
    pub kommune: &'a Kommune,
    pub runde: &'a Runde,
    /// The answers to write; `None` for an empty file, ready to fill in.
    pub status: Option<&'a KommuneStatus>,
}

impl Statusfil<'_> {
    /// The whole file.
    pub fn tekst(&self) -> String {
        self.tekst_med(None)
    }

    /// The whole file, with the kommune's answers of the previous period as comments
    /// under each anbefaling's text (see [`crate::sidste_aar`]).
    pub fn tekst_med(&self, sidste: Option<&SidsteAar>) -> String {
        let mut s = String::new();
        self.hoved(&mut s);
        if let Some(sa) = sidste {
            sidste_hoved(&mut s, sa);
        }
        self.oplysninger(&mut s);
        s.push_str("svar:\n");
        for f in &self.runde.fokusomraader {
            let mut forrige = None;
            for a in &f.anbefalinger {
                if forrige != Some(a.niveau) {
                    let del = a
                        .niveau
                        .map(|n| format!(" – {}", n.overskrift(&self.runde.periode)))
                        .unwrap_or_default();
                    let _ = writeln!(s, "\n  # === {}{del}", f.titel);
                    forrige = Some(a.niveau);
                }
                for linje in ombryd(&a.tekst, 84) {
                    let _ = writeln!(s, "  # {linje}");
                }
                if let Some(sa) = sidste {
                    sidste_svar(&mut s, sa, &a.id);
                }
                let svar = self.status.and_then(|st| st.svar.get(&a.id));
                skriv_svar(&mut s, &a.id, svar);
            }
        }
        self.forslag(&mut s);
        s
    }

    fn hoved(&self, s: &mut String) {
        let (k, r) = (self.kommune, self.runde);
        if let Some(linje) = crate::jsonskema::skemalinje(&self.sti()) {
            s.push_str(&linje);
        }
        let _ = writeln!(s, "# Status for {} – {}", k.navn, en_linje(&r.titel));
        let _ = writeln!(
            s,
            "# Periode {}. Udfyld «status» med grøn, gul eller rød, og beskriv fremdriften",
            r.periode
        );
        s.push_str(
            "# i «bemærkning». Tom status vises som «Ikke besvaret». Kontrollér med «fremdrift check».\n",
        );
    }

    /// Where the file belongs in the project: `content/<periode>/status/<kommune>.yaml`.
    pub fn sti(&self) -> std::path::PathBuf {
        std::path::PathBuf::from(format!(
            "content/{}/status/{}.yaml",
            self.runde.periode, self.kommune.id
        ))
    }

    fn oplysninger(&self, s: &mut String) {
        let _ = writeln!(s, "kommune: {}", self.kommune.id);
        let st = self.status;
        match st.and_then(|st| st.behandlet.as_ref()) {
            Some(b) => {
                s.push_str("behandlet:\n");
                if let Some(organ) = &b.organ {
                    let _ = writeln!(s, "  organ: {}", streng(organ));
                }
                let _ = writeln!(s, "  dato: {}", b.dato);
            }
            None => s.push_str(
                "# behandlet:\n#   organ: Beskæftigelsesudvalget\n#   dato: ÅÅÅÅ-MM-DD\n",
            ),
        }
        let kontakt = st.and_then(|st| st.kontakt.as_ref());
        let felt = |f: fn(&crate::indhold::model::Kontakt) -> &Option<String>| {
            streng(kontakt.and_then(|k| f(k).as_deref()).unwrap_or(""))
        };
        let _ = writeln!(
            s,
            "kontakt:\n  navn: {}\n  e-mail: {}\n  telefon: {}",
            felt(|k| &k.navn),
            felt(|k| &k.email),
            felt(|k| &k.telefon)
        );
        let _ = writeln!(s, "udkast: {}", st.is_none_or(|st| st.udkast));
    }

    fn forslag(&self, s: &mut String) {
        let forslag = self.status.map(|st| st.forslag.as_slice()).unwrap_or(&[]);
        if forslag.is_empty() {
            s.push_str("\n# Forslag til nye samarbejdsområder (valgfrit):\n# forslag:\n#   - titel: …\n#     tekst: …\n");
            return;
        }
        s.push_str("\n# Forslag til nye samarbejdsområder:\nforslag:\n");
        for f in forslag {
            let _ = writeln!(s, "  - titel: {}", streng(&f.titel));
            if let Some(t) = &f.tekst {
                let _ = writeln!(s, "    tekst: {}", vaerdi(t, 6));
            }
        }
    }
}

/// Says where last year's answers are, or that there were none.
fn sidste_hoved(s: &mut String, sa: &SidsteAar) {
    if sa.meldt {
        let _ = writeln!(
            s,
            "# Kommunens svar fra {} står som kommentarer under hver anbefaling. Brug dem som\n# udgangspunkt, og skriv årets status og bemærkning.",
            sa.periode
        );
    } else {
        let _ = writeln!(s, "# Kommunen meldte ikke status for {}.", sa.periode);
    }
}

/// «# Svar i 2015: gul» and the bemærkning, as comments; «# Ny i 2016.» for a new one;
/// «# Ingen status i 2015.» both without last year's file and for an item it left
/// unanswered (as the workbook and the form say it).
fn sidste_svar(s: &mut String, sa: &SidsteAar, id: &str) {
    if sa.er_ny(id) {
        let _ = writeln!(s, "  # Ny i {}.", sa.nu);
        return;
    }
    if !sa.meldt {
        let _ = writeln!(s, "  # Ingen status i {}.", sa.periode);
        return;
    }
    for svar in sa.for_anbefaling(id) {
        let hvor = if svar.id == id {
            sa.periode.clone()
        } else {
            format!("{} (som {})", sa.periode, svar.id)
        };
        match svar.status {
            Some(st) => _ = writeln!(s, "  # Svar i {hvor}: {}", st.yaml()),
            None => _ = writeln!(s, "  # Ingen status i {hvor}."),
        }
        if let Some(b) = &svar.bemaerkning {
            for (i, linje) in ombryd(b, 80).iter().enumerate() {
                let foran = if i == 0 { "Bemærkning: " } else { "  " };
                let _ = writeln!(s, "  #   {foran}{linje}");
            }
        }
    }
}

fn skriv_svar(s: &mut String, id: &str, svar: Option<&Svar>) {
    let _ = writeln!(s, "  {}:", noegle(id));
    match svar.and_then(|v| v.status) {
        Some(st) => _ = writeln!(s, "    status: {}", st.yaml()),
        None => s.push_str("    status:\n"),
    }
    let bem = svar.and_then(|v| v.bemaerkning.as_deref()).unwrap_or("");
    let _ = writeln!(s, "    bemærkning: {}", vaerdi(bem, 6));
}

/// A mapping key: plain, unless YAML would read it as null.
fn noegle(id: &str) -> String {
    if matches!(id, "null" | "Null" | "NULL") {
        streng(id)
    } else {
        id.to_string()
    }
}

/// A text value: a literal block (`|-`) for several lines, so paragraphs read as they
/// are written; otherwise a double-quoted string.
fn vaerdi(tekst: &str, indryk: usize) -> String {
    if tekst.contains('\n') && kan_staa_som_blok(tekst) {
        let luft = " ".repeat(indryk);
        let mut ud = String::from("|-");
        for linje in tekst.split('\n') {
            ud.push('\n');
            if !linje.is_empty() {
                ud.push_str(&luft);
                ud.push_str(linje);
            }
        }
        ud
    } else {
        streng(tekst)
    }
}

/// A literal block keeps every character but these: a first line that starts with a
/// space (it would set the indentation), trailing blanks, carriage returns, tabs and
/// other control characters, and lines holding only spaces.
fn kan_staa_som_blok(tekst: &str) -> bool {
    !tekst.starts_with([' ', '\n'])
        && !tekst.ends_with([' ', '\n'])
        && tekst.split('\n').all(|l| !l.ends_with(' '))
        && !tekst.chars().any(|c| c.is_control() && c != '\n')
        && !tekst.contains('\u{feff}')
}

/// A double-quoted YAML string holding `tekst` exactly.
pub fn streng(tekst: &str) -> String {
    let mut ud = String::with_capacity(tekst.len() + 2);
    ud.push('"');
    for c in tekst.chars() {
        match c {
            '"' => ud.push_str("\\\""),
            '\\' => ud.push_str("\\\\"),
            '\n' => ud.push_str("\\n"),
            '\t' => ud.push_str("\\t"),
            '\r' => ud.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(ud, "\\u{:04x}", c as u32);
            }
            c => ud.push(c),
        }
    }
    ud.push('"');
    ud
}

/// A title in a comment stays on one line.
fn en_linje(tekst: &str) -> String {
    tekst.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words wrapped into lines shorter than `bredde` characters.
pub(crate) fn ombryd(tekst: &str, bredde: usize) -> Vec<String> {
    let mut linjer = vec![String::new()];
    for ord in tekst.split_whitespace() {
        let l = linjer.last_mut().expect("non-empty");
        if !l.is_empty() && l.chars().count() + ord.chars().count() >= bredde {
            linjer.push(ord.to_string());
        } else {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(ord);
        }
    }
    linjer
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::diagnose::Diagnoser;
    use crate::indhold::projekt::{self, Projekt};
    use crate::indhold::{raa::RawStatus, valider, yaml};

    fn standard() -> Projekt {
        let rod = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (p, _) = projekt::indlaes(rod, "2015")
            .uden_fejl()
            .expect("valid content");
        p
    }

    /// Writes `s` in canonical form and reads it back with the rules of `check`.
    fn gennem_fil(p: &Projekt, s: &KommuneStatus) -> (String, KommuneStatus) {
        let tekst = Statusfil {
            kommune: &s.kommune,
            runde: &p.runde,
            status: Some(s),
        }
        .tekst();
        let mut d = Diagnoser::default();
        let raw: RawStatus =
            yaml::fortolk(&tekst, &s.fil).unwrap_or_else(|e| panic!("{e}\n{tekst}"));
        let igen = valider::valider_status(raw, &p.kkr, &p.runde, &s.fil, &mut d)
            .unwrap_or_else(|| panic!("{d}\n{tekst}"));
        (tekst, igen)
    }

    #[test]
    fn every_default_status_file_survives_the_canonical_form() {
        let p = standard();
        assert!(p.status.len() > 20);
        for s in &p.status {
            let (tekst, igen) = gennem_fil(&p, s);
            assert_eq!(&igen, s, "{tekst}");
        }
    }

    #[test]
    fn the_first_line_names_the_periods_schema_for_editors() {
        let p = standard();
        let tekst = Statusfil {
            kommune: &p.kkr.kommuner[0],
            runde: &p.runde,
            status: None,
        }
        .tekst();
        assert_eq!(
            tekst.lines().next(),
            Some("# yaml-language-server: $schema=../../../skema/status-2015.schema.json")
        );
    }

    #[test]
    fn an_empty_file_lists_every_anbefaling_with_its_text() {
        let p = standard();
        let k = &p.kkr.kommuner[0];
        let tekst = Statusfil {
            kommune: k,
            runde: &p.runde,
            status: None,
        }
        .tekst();
        for a in p.runde.anbefalinger() {
            assert!(
                tekst.contains(&format!("  {}:\n    status:\n", a.id)),
                "{}",
                a.id
            );
        }
        assert!(tekst.contains("SKAL-initiativer i 2015:"));
        assert!(tekst.contains("udkast: true"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_reads_back_exactly(bem in "\\PC{1,60}(\n{1,2}\\PC{0,40}){0,3}", titel in "\\PC{1,30}") {
            let p = standard();
            let mut s = p.status[0].clone();
            let bem = bem.trim().to_string();
            prop_assume!(!bem.is_empty());
            let id = p.runde.anbefalinger().next().unwrap().id.clone();
            s.svar.get_mut(&id).unwrap().bemaerkning = Some(bem);
            s.forslag = vec![crate::indhold::model::Forslag { titel: titel.trim().to_string(), tekst: None }];
            prop_assume!(!titel.trim().is_empty());
            let (_, igen) = gennem_fil(&p, &s);
            prop_assert_eq!(igen, s);
        }
    }
}
