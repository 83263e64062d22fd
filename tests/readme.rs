//! The README shows the commands and flags that exist, and all of them: every
//! `fremdrift …` line in the code blocks and inline code of README.md and docs/ is parsed
//! with the CLI's own parser (placeholders such as `KOMMUNE` or `<periode>` get a sample
//! value), every flag the README names on its own is one of fremdrift's, every command and
//! flag fremdrift has is in the README, and every link points at a file and heading that
//! exist.

#[path = "readme/kommandolinje.rs"]
mod kommandolinje;
#[path = "readme/markdown.rs"]
mod markdown;

use std::collections::BTreeSet;
use std::path::Path;

use clap::CommandFactory;
use fremdrift::cli::{Cli, fejltekst, parse_fra};
use kommandolinje::{fremdrift_del, udfold};
use markdown::{Side, rod};

/// A command a page shows, spelled out: where it stands and its arguments.
struct Vist {
    sted: String,
    args: Vec<String>,
    /// Prose that names a command (`fremdrift indlaes` reads …) rather than runs it.
    kun_navn: bool,
}

/// Every command a page shows: each line in its code blocks that runs fremdrift, and
/// each inline span `fremdrift …`. A span of one word after `fremdrift` names a
/// command; a span of `fremdrift` alone names the program.
fn kommandoer(side: &Side) -> Vec<Vist> {
    let mut ud = Vec::new();
    let kode = side.kodelinjer().into_iter().map(|s| (s, false));
    let stumper = side.kodestumper().into_iter().map(|s| (s, true));
    for (stump, i_tekst) in kode.chain(stumper) {
        let Some(del) = fremdrift_del(&stump.tekst) else {
            continue;
        };
        for args in udfold(del) {
            if i_tekst && args.is_empty() {
                continue;
            }
            ud.push(Vist {
                sted: format!("{}:{}", side.sti, stump.linje),
                kun_navn: i_tekst && args.len() == 1 && !args[0].starts_with('-'),
                args,
            });
        }
    }
    ud
}

/// The command an argument list runs, by its name or an alias.
fn kommando_i<'a>(cli: &'a clap::Command, args: &[String]) -> Option<&'a str> {
    args.iter().find_map(|a| {
        cli.get_subcommands()
            .find(|k| k.get_name() == a || k.get_all_aliases().any(|n| n == a))
            .map(|k| k.get_name())
    })
}

/// The flags in an inline span that begins with one (`-C/--projekt MAPPE`, `--typ`).
fn flag_i(stump: &str) -> Vec<String> {
    let t = stump.trim();
    let er_flag = t.starts_with('-')
        && t[1..].starts_with(|c: char| c.is_alphabetic() || c == '-')
        && !t.starts_with("-- ");
    if !er_flag {
        return Vec::new();
    }
    t.split_whitespace()
        .filter(|o| o.starts_with('-'))
        .flat_map(|o| o.split('/'))
        .map(|f| f.split('=').next().unwrap_or(f).to_string())
        .collect()
}

/// Every `-x` and `--lang` of fremdrift, of every command.
fn fremdrifts_flag(kommando: &clap::Command, ud: &mut BTreeSet<String>) {
    for a in kommando.get_arguments() {
        ud.extend(a.get_long().map(|l| format!("--{l}")));
        ud.extend(a.get_short().map(|s| format!("-{s}")));
    }
    for under in kommando.get_subcommands() {
        fremdrifts_flag(under, ud);
    }
}

fn readme() -> Side {
    Side::laes(Path::new("README.md"))
}

#[test]
fn every_command_the_readme_and_docs_show_is_one_the_cli_parses() {
    let cli = Cli::command();
    let mut fejl = Vec::new();
    for side in Side::alle() {
        for vist in kommandoer(&side) {
            if vist.kun_navn {
                if kommando_i(&cli, &vist.args).is_none() {
                    fejl.push(format!(
                        "{}: fremdrift {}: no such command",
                        vist.sted, vist.args[0]
                    ));
                }
                continue;
            }
            let argv = std::iter::once("fremdrift".to_string()).chain(vist.args.iter().cloned());
            if let Err(e) = parse_fra(argv) {
                let tekst = fejltekst(&e).replace('\n', "\n    ");
                fejl.push(format!(
                    "{}: fremdrift {}\n    {tekst}",
                    vist.sted,
                    vist.args.join(" ")
                ));
            }
        }
    }
    assert!(
        fejl.is_empty(),
        "commands fremdrift does not take:\n{}",
        fejl.join("\n")
    );
}

#[test]
fn every_flag_the_readme_names_on_its_own_is_one_of_fremdrifts() {
    let mut kendte = BTreeSet::new();
    fremdrifts_flag(&Cli::command(), &mut kendte);
    let ukendte: Vec<String> = readme()
        .kodestumper()
        .iter()
        .flat_map(|s| flag_i(&s.tekst).into_iter().map(move |f| (s.linje, f)))
        .filter(|(_, f)| !kendte.contains(f))
        .map(|(linje, f)| format!("README.md:{linje}: {f}"))
        .collect();
    assert!(
        ukendte.is_empty(),
        "flags fremdrift does not have:\n{}",
        ukendte.join("\n")
    );
}

#[test]
fn the_readme_shows_every_command_and_every_flag_fremdrift_has() {
    let readme = readme();
    let cli = Cli::command();
    let vist = kommandoer(&readme);
    let vist_som_kommando: BTreeSet<&str> = vist
        .iter()
        .filter(|v| !v.kun_navn)
        .filter_map(|v| kommando_i(&cli, &v.args))
        .collect();
    let mangler: Vec<&str> = cli
        .get_subcommands()
        .filter(|k| !k.is_hide_set() && !vist_som_kommando.contains(k.get_name()))
        .map(|k| k.get_name())
        .collect();
    assert!(
        mangler.is_empty(),
        "commands the README never shows: {mangler:?}"
    );

    let mut vist_som_flag: BTreeSet<String> = vist
        .iter()
        .flat_map(|v| v.args.iter())
        .filter(|a| a.starts_with('-'))
        .map(|a| a.split('=').next().unwrap_or(a).to_string())
        .collect();
    vist_som_flag.extend(readme.kodestumper().iter().flat_map(|s| flag_i(&s.tekst)));
    let mut mangler = Vec::new();
    let synlige = std::iter::once(&cli).chain(cli.get_subcommands().filter(|k| !k.is_hide_set()));
    for kommando in synlige {
        for a in kommando.get_arguments().filter(|a| !a.is_positional()) {
            let lang = a.get_long().map(|l| format!("--{l}"));
            let kort = a.get_short().map(|s| format!("-{s}"));
            if ![&lang, &kort]
                .into_iter()
                .flatten()
                .any(|n| vist_som_flag.contains(n))
            {
                mangler.push(format!(
                    "{} {}",
                    kommando.get_name(),
                    lang.or(kort).unwrap_or_default()
                ));
            }
        }
    }
    assert!(
        mangler.is_empty(),
        "flags the README never shows: {mangler:?}"
    );
}

#[test]
fn every_link_in_the_readme_and_docs_points_at_a_file_and_heading_that_exist() {
    let mut fejl = Vec::new();
    for side in Side::alle() {
        let mappe = Path::new(&side.sti).parent().unwrap_or(Path::new(""));
        for lenke in side.lenker() {
            let maal = lenke.tekst.as_str();
            if maal.contains("://") || maal.starts_with("mailto:") {
                continue;
            }
            let (fil, anker) = match maal.split_once('#') {
                Some((fil, anker)) => (fil, Some(anker)),
                None => (maal, None),
            };
            let sti = if fil.is_empty() {
                Path::new(&side.sti).to_path_buf()
            } else {
                mappe.join(fil)
            };
            let sted = format!("{}:{}: ({maal})", side.sti, lenke.linje);
            if !rod().join(&sti).exists() {
                fejl.push(format!("{sted}: {} does not exist", sti.display()));
            } else if let Some(anker) = anker
                && !Side::laes(&sti).ankre().iter().any(|a| a == anker)
            {
                fejl.push(format!("{sted}: {} has no heading #{anker}", sti.display()));
            }
        }
    }
    assert!(
        fejl.is_empty(),
        "links that lead nowhere:\n{}",
        fejl.join("\n")
    );
}
