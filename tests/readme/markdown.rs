//! Just enough Markdown for the README tests: code lines and inline code spans with their
//! line numbers, headings as GitHub anchors them, and link targets.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A Markdown file of the repository: its path from the crate root, and its text.
pub struct Side {
    pub sti: String,
    pub tekst: String,
}

impl Side {
    /// `README.md` and every `docs/*.md`, in a fixed order.
    pub fn alle() -> Vec<Side> {
        let rod = rod();
        let mut stier = vec![PathBuf::from("README.md")];
        let mut docs: Vec<PathBuf> = std::fs::read_dir(rod.join("docs"))
            .expect("docs/ can be read")
            .map(|e| e.expect("docs/ can be read").path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .map(|p| {
                p.strip_prefix(&rod)
                    .expect("inside the crate")
                    .to_path_buf()
            })
            .collect();
        docs.sort();
        stier.extend(docs);
        stier.into_iter().map(|s| Side::laes(&s)).collect()
    }

    /// The file at `sti` (from the crate root).
    pub fn laes(sti: &Path) -> Side {
        let tekst = std::fs::read_to_string(rod().join(sti))
            .unwrap_or_else(|e| panic!("{} can be read: {e}", sti.display()));
        Side {
            sti: sti.to_string_lossy().replace('\\', "/"),
            tekst,
        }
    }

    /// Each line with its number (from 1) and whether it is inside a fenced code block
    /// (the fences themselves count as inside).
    fn linjer(&self) -> Vec<(usize, &str, bool)> {
        let mut i_blok = false;
        let mut ud = Vec::new();
        for (nr, linje) in self.tekst.lines().enumerate() {
            let hegn = linje.trim_start().starts_with("```");
            ud.push((nr + 1, linje, i_blok || hegn));
            if hegn {
                i_blok = !i_blok;
            }
        }
        ud
    }

    /// The lines inside fenced code blocks, fences left out.
    pub fn kodelinjer(&self) -> Vec<Stump> {
        self.linjer()
            .into_iter()
            .filter(|(_, l, kode)| *kode && !l.trim_start().starts_with("```"))
            .map(|(linje, l, _)| Stump {
                linje,
                tekst: l.trim().to_string(),
            })
            .collect()
    }

    /// Every inline code span outside the code blocks; a span may run over a line break
    /// (which becomes a space) but not over a blank line.
    pub fn kodestumper(&self) -> Vec<Stump> {
        let mut ud = Vec::new();
        for (start, afsnit) in self.afsnit() {
            let dele: Vec<&str> = afsnit.split('`').collect();
            // An odd part is a span; an unclosed last one is no span.
            for (i, del) in dele.iter().enumerate().skip(1).step_by(2) {
                if i + 1 < dele.len() {
                    let foer = dele[..i]
                        .iter()
                        .map(|d| d.matches('\n').count())
                        .sum::<usize>();
                    ud.push(Stump {
                        linje: start + foer,
                        tekst: del.replace('\n', " "),
                    });
                }
            }
        }
        ud
    }

    /// The paragraphs outside the code blocks (runs of non-blank lines), each with the
    /// number of its first line.
    fn afsnit(&self) -> Vec<(usize, String)> {
        let mut ud: Vec<(usize, String)> = Vec::new();
        let mut aabent = false;
        for (nr, linje, kode) in self.linjer() {
            if kode || linje.trim().is_empty() {
                aabent = false;
            } else if aabent {
                let (_, tekst) = ud.last_mut().expect("an open paragraph");
                tekst.push('\n');
                tekst.push_str(linje);
            } else {
                ud.push((nr, linje.to_string()));
                aabent = true;
            }
        }
        ud
    }

    /// The anchors GitHub gives the headings outside the code blocks.
    pub fn ankre(&self) -> Vec<String> {
        let mut set: HashMap<String, usize> = HashMap::new();
        let mut ud = Vec::new();
        for (_, linje, kode) in self.linjer() {
            let Some(overskrift) = overskrift(linje).filter(|_| !kode) else {
                continue;
            };
            let grund = anker(overskrift);
            let n = set.entry(grund.clone()).or_default();
            ud.push(if *n == 0 {
                grund
            } else {
                format!("{grund}-{n}")
            });
            *n += 1;
        }
        ud
    }

    /// Every link and image target `](…)` outside the code blocks, with its line.
    pub fn lenker(&self) -> Vec<Stump> {
        let mut ud = Vec::new();
        for (nr, linje, kode) in self.linjer() {
            if kode {
                continue;
            }
            for (i, _) in linje.match_indices("](") {
                let rest = &linje[i + 2..];
                if let Some(slut) = rest.find(')') {
                    ud.push(Stump {
                        linje: nr,
                        tekst: rest[..slut].to_string(),
                    });
                }
            }
        }
        ud
    }
}

/// A piece of a file with the line it starts on.
pub struct Stump {
    pub linje: usize,
    pub tekst: String,
}

/// The crate root.
pub fn rod() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The text of an ATX heading (`## Tekst`), if the line is one.
fn overskrift(linje: &str) -> Option<&str> {
    let uden = linje.trim_start_matches('#');
    let niveau = linje.len() - uden.len();
    ((1..=6).contains(&niveau) && uden.starts_with(' '))
        .then(|| uden.trim().trim_end_matches('#').trim())
}

/// GitHub's anchor for a heading: lower case, letters, digits, `-` and `_` kept, spaces
/// made hyphens, everything else (punctuation, backticks, «», dashes) dropped.
pub fn anker(overskrift: &str) -> String {
    overskrift
        .chars()
        .filter_map(|c| match c {
            ' ' => Some(vec!['-']),
            '-' | '_' => Some(vec![c]),
            c if c.is_alphanumeric() => Some(c.to_lowercase().collect()),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn headings_are_anchored_as_github_anchors_them() {
    assert_eq!(anker("Fuzzing (cargo-fuzz)"), "fuzzing-cargo-fuzz");
    assert_eq!(
        anker("Årshjulet: fra den ene periode til den næste"),
        "årshjulet-fra-den-ene-periode-til-den-næste"
    );
    assert_eq!(
        anker("Afhængigheder – og hvorfor"),
        "afhængigheder--og-hvorfor"
    );
    assert_eq!(anker("`content/kkr.yaml`"), "contentkkryaml");
    assert_eq!(
        anker("Arkivkontrol af PDF'erne (PDF/A-2a og PDF/UA-1)"),
        "arkivkontrol-af-pdferne-pdfa-2a-og-pdfua-1"
    );
}

#[test]
fn an_inline_span_may_run_over_a_line_break() {
    let side = Side {
        sti: "x.md".into(),
        tekst: "se `fremdrift\nskema` og `-o MAPPE`.\n\n```sh\nfremdrift build\n```\n".into(),
    };
    let stumper: Vec<(usize, String)> = side
        .kodestumper()
        .into_iter()
        .map(|s| (s.linje, s.tekst))
        .collect();
    assert_eq!(
        stumper,
        [
            (1, "fremdrift skema".to_string()),
            (2, "-o MAPPE".to_string())
        ]
    );
    let kode: Vec<String> = side.kodelinjer().into_iter().map(|s| s.tekst).collect();
    assert_eq!(kode, ["fremdrift build"]);
}
