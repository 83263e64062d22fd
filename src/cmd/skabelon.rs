//! `fremdrift skabelon`: a kommune's status file, ready to fill in.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::cli::SkabelonArgs;
use crate::diag::naermeste;
use crate::model::{Kkr, Kommune, Runde};

use crate::render::niveau_overskrift;

pub fn koer(sti: &Path, periode: Option<&str>, a: &SkabelonArgs) -> anyhow::Result<ExitCode> {
    let p = super::indlaes_gyldigt(sti, periode)?;
    let kommune = find_kommune(&p.kkr, &a.kommune)?;
    let rel = format!("content/{}/status/{}.yaml", p.runde.periode, kommune.id);
    let fil = p.rod.join(&rel);
    if fil.exists() {
        bail!(
            "{rel} findes allerede og bliver ikke overskrevet\n  hint: ret i den eksisterende fil, eller slet den først"
        );
    }
    std::fs::create_dir_all(fil.parent().expect("status folder"))?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&fil)
        .with_context(|| format!("kunne ikke oprette {rel}"))?;
    f.write_all(statusfil(kommune, &p.runde).as_bytes())?;
    println!("{rel}");
    Ok(ExitCode::SUCCESS)
}

/// Finds a kommune by id, kode or name ("albertslund", "165", "Albertslund Kommune").
pub fn find_kommune<'a>(kkr: &'a Kkr, hvem: &str) -> anyhow::Result<&'a Kommune> {
    let h = hvem.trim().to_lowercase();
    let fundet = kkr.kommuner.iter().find(|k| {
        let navn = k.navn.to_lowercase();
        k.id == h || k.kode.to_string() == h || navn == h || navn.trim_end_matches(" kommune") == h
    });
    if let Some(k) = fundet {
        return Ok(k);
    }
    let hint = match naermeste(&h, kkr.kommuner.iter().map(|k| k.id.as_str())) {
        Some(n) => format!("mente du «{n}»?"),
        None => "brug kommunens id, kode eller navn fra content/kkr.yaml".into(),
    };
    bail!(
        "kommunen «{hvem}» findes ikke i {}\n  hint: {hint}",
        kkr.navn
    )
}

/// The text of a new status file: every anbefaling with an empty status and its text as a comment.
pub fn statusfil(k: &Kommune, r: &Runde) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Status for {} – {}", k.navn, r.titel);
    let _ = writeln!(
        s,
        "# Periode {}. Udfyld «status» med grøn, gul eller rød, og beskriv fremdriften",
        r.periode
    );
    let _ = writeln!(
        s,
        "# i «bemærkning». Tom status vises som «Ikke besvaret». Kontrollér med «fremdrift check»."
    );
    let _ = writeln!(s, "kommune: {}", k.id);
    s.push_str("# behandlet:\n#   organ: Beskæftigelsesudvalget\n#   dato: ÅÅÅÅ-MM-DD\n");
    s.push_str("kontakt:\n  navn: \"\"\n  e-mail: \"\"\n  telefon: \"\"\n");
    s.push_str("udkast: true\nsvar:\n");
    for f in &r.fokusomraader {
        let mut forrige = None;
        for a in &f.anbefalinger {
            if forrige != Some(a.niveau) {
                let del = a
                    .niveau
                    .map(|n| format!(" – {}", niveau_overskrift(n, &r.periode)))
                    .unwrap_or_default();
                let _ = writeln!(s, "\n  # === {}{del}", f.titel);
                forrige = Some(a.niveau);
            }
            for linje in ombryd(&a.tekst, 84) {
                let _ = writeln!(s, "  # {linje}");
            }
            let _ = writeln!(s, "  {}:\n    status:\n    bemærkning: \"\"", a.id);
        }
    }
    s.push_str("\n# Forslag til nye samarbejdsområder (valgfrit):\n# forslag:\n#   - titel: …\n#     tekst: …\n");
    s
}

fn ombryd(tekst: &str, bredde: usize) -> Vec<String> {
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
