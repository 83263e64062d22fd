//! The CLI conventions people expect: JSON diagnostics from `check`, the project found
//! from any subfolder, shell completions, `help <kommando>`, a busy port asked for is an
//! error, and `-q`/`-v` on every command.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;
use serde_json::Value;

/// Runs fremdrift in `mappe` without `-C`.
fn fremdrift_i(mappe: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fremdrift"))
        .current_dir(mappe)
        .args(args)
        .output()
        .expect("fremdrift runs")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout er ikke JSON ({e}):\n{}", stdout(o)))
}

/// The mini fixture with one status word that does not exist.
fn med_ugyldig_status() -> tempfile::TempDir {
    let dir = projekt("mini");
    let fil = dir.path().join("content/2015/status/beta.yaml");
    let t = std::fs::read_to_string(&fil).unwrap();
    std::fs::write(&fil, t.replacen("status: gul", "status: blå", 1)).unwrap();
    dir
}

#[test]
fn check_as_json_gives_every_diagnostic_with_its_place_and_the_same_exit_code() {
    let dir = med_ugyldig_status();
    let o = fremdrift(dir.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["version"], 1);
    assert_eq!(j["period"], "2015");
    assert_eq!(j["success"], false);
    assert_eq!(j["errors"], 1);
    let d = &j["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "content/2015/status/beta.yaml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(13))
    );
    assert_eq!(d["message"], "ugyldig status «blå»");
    assert_eq!(d["hint"], "gyldige værdier er grøn, gul og rød");
    // Standard error only sums up; the text diagnostics are not repeated there.
    assert_eq!(stderr(&o).trim(), "2015: 1 fejl og 0 advarsler");
    let tekst = fremdrift(dir.path(), &["check"]);
    assert_eq!(tekst.status.code(), Some(1));
}

#[test]
fn check_as_json_of_valid_content_lists_the_warnings_and_succeeds() {
    let dir = projekt("mini");
    let o = fremdrift(dir.path(), &["check", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(
        (j["success"].as_bool(), j["errors"].as_u64()),
        (Some(true), Some(0))
    );
    let advarsler = j["diagnostics"].as_array().unwrap();
    assert_eq!(advarsler.len() as u64, j["warnings"].as_u64().unwrap());
    assert!(advarsler.iter().all(|d| d["severity"] == "warning"));
    assert_eq!(
        advarsler[0]["line"],
        Value::Null,
        "a warning about a whole file"
    );
}

#[test]
fn check_as_json_reports_a_usage_error_as_json_with_exit_code_2() {
    let dir = projekt("mini");
    let o = fremdrift(
        dir.path(),
        &["--periode", "2099", "check", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(2));
    let j = json(&o);
    assert_eq!(
        j["diagnostics"][0]["message"],
        "perioden «2099» findes ikke"
    );
    assert_eq!(j["diagnostics"][0]["hint"], "der er anbefalinger for: 2015");
    assert!(stderr(&o).contains("fejl: perioden «2099» findes ikke"));
}

#[test]
fn commands_find_the_project_from_any_subfolder_and_c_still_wins() {
    let mini = projekt("mini");
    let dybt = mini.path().join("content/2015/status");
    let o = fremdrift_i(&dybt, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 af 3 kommuner"), "{}", stdout(&o));

    let standard = standardprojekt();
    let o = fremdrift_i(&dybt, &["-C", standard.path().to_str().unwrap(), "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("af 29 kommuner"), "{}", stdout(&o));

    let o = fremdrift_i(&dybt, &["-v", "check"]);
    let rod = mini.path().canonicalize().unwrap();
    assert!(
        stderr(&o).contains(&format!("projekt: {} (periode 2015)", rod.display())),
        "{}",
        stderr(&o)
    );
}

#[test]
fn outside_any_project_the_error_says_where_it_looked() {
    let tom = tempfile::tempdir().unwrap();
    let o = fremdrift_i(tom.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    let her = tom.path().canonicalize().unwrap();
    assert!(
        stderr(&o).starts_with(&format!(
            "fejl: fandt intet fremdrift-projekt i «{}» eller mapperne over den",
            her.display()
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn completion_scripts_name_the_commands_and_options_for_every_shell() {
    let tom = tempfile::tempdir().unwrap();
    for skal in ["bash", "zsh", "fish", "powershell"] {
        let o = fremdrift_i(tom.path(), &["completions", skal]);
        assert!(o.status.success(), "{skal}: {}", stderr(&o));
        let script = stdout(&o);
        for ord in [
            "skabelon", "preview", "skema", "stille", "detaljer", "format",
        ] {
            assert!(script.contains(ord), "{skal} mangler {ord}");
        }
        if skal != "bash" {
            assert!(
                script.contains("Vis kun fejl"),
                "{skal}: Danish descriptions"
            );
        }
        assert!(
            !script.contains("oversaetter"),
            "{skal}: the hidden worker is not offered"
        );
    }
    let bash = fremdrift_i(tom.path(), &["completions", "bash"]);
    let fil = tom.path().join("fremdrift.bash");
    std::fs::write(&fil, &bash.stdout).unwrap();
    let syntaks = Command::new("bash").arg("-n").arg(&fil).output().unwrap();
    assert!(syntaks.status.success(), "{}", stderr(&syntaks));
    let o = fremdrift_i(tom.path(), &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("fejl: ugyldig værdi «tcsh»"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_for_a_command_is_its_danish_help() {
    let tom = tempfile::tempdir().unwrap();
    let help = fremdrift_i(tom.path(), &["help", "preview"]);
    assert!(help.status.success());
    let flag = fremdrift_i(tom.path(), &["preview", "--help"]);
    assert_eq!(stdout(&help), stdout(&flag));
    assert!(
        stdout(&help).contains("-p, --port <PORT>"),
        "{}",
        stdout(&help)
    );
    assert!(stdout(&help).contains("Vis kun fejl"), "{}", stdout(&help));
    let alle_kommandoer =
        "check bilag tilbagemelding build skabelon preview init skema completions help";
    for kommando in alle_kommandoer.split(' ') {
        let tekst = stdout(&fremdrift_i(tom.path(), &["help", kommando]));
        for engelsk in [
            "ossible values",
            "[default:",
            "Usage:",
            "Options:",
            "Print help",
        ] {
            assert!(
                !tekst.contains(engelsk),
                "{kommando}: «{engelsk}» i\n{tekst}"
            );
        }
    }
    let alle = fremdrift_i(tom.path(), &["help"]);
    assert!(stdout(&alle).contains("Vis hjælp til fremdrift eller til en kommando"));
}

#[test]
fn a_busy_port_that_was_asked_for_is_an_error_naming_it() {
    let dir = projekt("mini");
    let optaget = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = optaget.local_addr().unwrap().port().to_string();
    let o = fremdrift(dir.path(), &["preview", "-p", &port]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!("fejl: port {port} er optaget\n")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn quiet_prints_nothing_but_errors_and_verbose_adds_timings_per_document() {
    let dir = projekt("mini");
    let o = fremdrift(dir.path(), &["-q", "build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!((stdout(&o).as_str(), stderr(&o).as_str()), ("", ""));
    assert!(dir.path().join("out/2015/tilbagemelding.pdf").is_file());

    let o = fremdrift(dir.path(), &["--detaljer", "build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let tider = err
        .lines()
        .find(|l| l.starts_with("tider(ms): "))
        .expect(&err);
    for fase in ["indlaes=", "skabeloner=", "typst=", "skriv="] {
        assert!(tider.contains(fase), "{tider}");
    }
    let dokumenter = err
        .lines()
        .filter(|l| l.starts_with("dokument(ms): "))
        .count();
    assert_eq!(dokumenter, stdout(&o).lines().count(), "{err}");
    assert!(err.contains("tilbagemelding.pdf"), "{err}");

    let fejl = med_ugyldig_status();
    let o = fremdrift(fejl.path(), &["-q", "build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("ugyldig status «blå»"),
        "errors are still shown"
    );

    let begge = fremdrift(dir.path(), &["-q", "-v", "check"]);
    assert_eq!(begge.status.code(), Some(2));
}
