//! The command line as a user meets it: checks, templates for status files, new
//! projects for every KKR, and Danish help and errors.

use crate::common;

use common::*;

#[test]
fn check_accepts_the_default_content_and_counts_status_files() {
    let o = fremdrift(&repo(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("24 af 29 kommuner har en statusfil"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_fails_with_exit_code_1_and_lists_every_error() {
    let dir = projekt("mini");
    let sti = dir.path().join("content/2015/status/alfa.yaml");
    let t = std::fs::read_to_string(&sti).unwrap();
    std::fs::write(
        &sti,
        t.replace("status: grøn", "status: grønn")
            .replace("status: rød", "status: blå"),
    )
    .unwrap();
    let o = fremdrift(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("content/2015/status/alfa.yaml:12:13: fejl: ugyldig status «grønn»"),
        "{e}"
    );
    assert!(e.contains("fejl: ugyldig status «blå»"), "{e}");
    assert!(e.contains("2015: 3 fejl og 1 advarsel"), "{e}");
}

#[test]
fn skabelon_lists_every_anbefaling_and_never_overwrites() {
    let dir = projekt("mini");
    let o = fremdrift(dir.path(), &["skabelon", "gamma"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fil = dir.path().join("content/2015/status/gamma.yaml");
    let t = std::fs::read_to_string(&fil).unwrap();
    for id in ["v1:", "v2:", "b1:", "b2:"] {
        assert!(
            t.contains(&format!("  {id}\n    status:\n")),
            "{id} mangler:\n{t}"
        );
    }
    assert!(
        t.contains("# Alle kommuner skal være en del af et formaliseret virksomhedsberedskab."),
        "{t}"
    );
    assert!(t.contains("SKAL-initiativer i 2015:"));
    let check = fremdrift(dir.path(), &["check"]);
    assert!(
        check.status.success(),
        "the new file must be valid: {}",
        stderr(&check)
    );
    assert!(stderr(&check).contains("gamma.yaml: advarsel: 4 anbefalinger er ikke besvaret"));
    std::fs::write(&fil, "kommune: gamma\n").unwrap();
    let igen = fremdrift(dir.path(), &["skabelon", "103"]);
    assert_eq!(igen.status.code(), Some(2));
    assert!(stderr(&igen).contains("findes allerede og bliver ikke overskrevet"));
    assert_eq!(std::fs::read_to_string(&fil).unwrap(), "kommune: gamma\n");
}

#[test]
fn unknown_kommune_gets_a_suggestion() {
    let dir = projekt("mini");
    let o = fremdrift(dir.path(), &["bilag", "alpha"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("kommunen «alpha» findes ikke i KKR Testregion"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("mente du «alfa»?"));
}

#[test]
fn init_makes_a_project_for_each_of_the_five_kkr() {
    let mut i_alt = 0;
    for (kkr, antal) in [
        ("hovedstaden", 29),
        ("sjaelland", 17),
        ("syddanmark", 22),
        ("midtjylland", 19),
        ("nordjylland", 11),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mappe = dir.path().join("nyt");
        let o = fremdrift(
            dir.path(),
            &[
                "--periode",
                "2026",
                "init",
                "--kkr",
                kkr,
                mappe.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{kkr}: {}", stderr(&o));
        let kkr_yaml = std::fs::read_to_string(mappe.join("content/kkr.yaml")).unwrap();
        assert_eq!(kkr_yaml.matches("  - id: ").count(), antal, "{kkr}");
        i_alt += antal;
        assert!(mappe.join("fonts/Carlito-Regular.ttf").is_file());
        let check = fremdrift(&mappe, &["check"]);
        assert!(check.status.success(), "{kkr}: {}", stderr(&check));
    }
    assert_eq!(i_alt, 98);
}

#[test]
fn init_plus_yaml_gives_a_tierless_bilag_for_midtjylland() {
    let dir = tempfile::tempdir().unwrap();
    let mappe = dir.path().join("midt");
    let o = fremdrift(
        dir.path(),
        &[
            "--periode",
            "2017",
            "init",
            "--kkr",
            "midtjylland",
            mappe.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = fremdrift(&mappe, &["skabelon", "Aarhus"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fil = mappe.join("content/2017/status/aarhus.yaml");
    let t = std::fs::read_to_string(&fil).unwrap();
    let t = t
        .replacen("    status:\n", "    status: gul\n", 1)
        .replacen(
            "bemærkning: \"\"",
            "bemærkning: Vi samarbejder med Randers.",
            1,
        );
    std::fs::write(&fil, t).unwrap();
    let o = fremdrift(&mappe, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(mappe.join("out/2017/bilag/751-aarhus.pdf")).unwrap();
    let tekst = pdf_tekst(&pdf);
    assert!(indeholder(&tekst, "Aarhus Kommune"), "{tekst}");
    assert!(indeholder(&tekst, "KKR MIDTJYLLAND"), "{tekst}");
    assert!(indeholder(&tekst, "Vi samarbejder med Randers."), "{tekst}");
    assert!(indeholder(&tekst, "Ikke besvaret"));
    assert!(!tekst.contains("SKAL-initiativer"), "{tekst}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = projekt("mini");
    let o = fremdrift(
        dir.path(),
        &["init", "--kkr", "hovedstaden", dir.path().to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("findes allerede og er ikke tom"));
}

#[test]
fn help_and_argument_errors_are_danish() {
    let o = fremdrift(&repo(), &["--help"]);
    let hjaelp = stdout(&o);
    assert!(
        hjaelp.contains("Kommandoer:") && hjaelp.contains("Lav bilag til kommunalbestyrelsen"),
        "{hjaelp}"
    );
    let o = fremdrift(&repo(), &["init", "--kkr", "fyn", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("fejl: ugyldig værdi «fyn» for --kkr"),
        "{}",
        stderr(&o)
    );
    let o = fremdrift(&repo(), &["preview", "--port", "abc"]);
    assert!(
        stderr(&o).contains("fejl: ugyldig værdi «abc» for --port"),
        "{}",
        stderr(&o)
    );
    let o = fremdrift(&repo(), &["byg"]);
    assert!(
        stderr(&o).contains("fejl: ukendt kommando «byg»"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn missing_project_folder_is_explained() {
    let o = fremdrift(std::path::Path::new("/findes/ikke"), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("fejl: projektmappen «/findes/ikke» findes ikke"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn build_writes_a_bilag_for_every_status_file() {
    let dir = standardprojekt();
    let o = fremdrift(dir.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let antal = std::fs::read_dir(dir.path().join("out/2015/bilag"))
        .unwrap()
        .count();
    assert_eq!(antal, 24);
    assert!(
        dir.path()
            .join("out/2015/bilag/165-albertslund.pdf")
            .is_file()
    );
}

/// Runs fremdrift in `dir` and gives its exit code.
fn kode(dir: &std::path::Path, args: &[&str]) -> Option<i32> {
    fremdrift(dir, args).status.code()
}

#[test]
fn every_command_exits_0_on_success_1_on_content_errors_and_2_on_usage_errors() {
    let godt = projekt("mini");
    let ud = godt.path().join("ud");
    let ud = ud.to_str().unwrap();
    let ny = tempfile::tempdir().unwrap();
    let init_mappe = ny.path().join("nyt");
    let init = ["init", "--kkr", "nordjylland", init_mappe.to_str().unwrap()];
    let succes: &[&[&str]] = &[
        &["check"],
        &["bilag", "alfa"],
        &["bilag", "--alle", "-o", ud],
        &["tilbagemelding"],
        &["build"],
        &["skabelon", "gamma"],
        &init,
    ];
    for args in succes {
        assert_eq!(kode(godt.path(), args), Some(0), "{args:?}");
    }

    let daarligt = projekt("mini");
    std::fs::write(
        daarligt.path().join("content/2015/status/alfa.yaml"),
        "kommune: alfa\nsvar:\n  v1:\n    status: grønn\n",
    )
    .unwrap();
    let indholdsfejl: &[&[&str]] = &[
        &["check"],
        &["bilag", "beta"],
        &["tilbagemelding"],
        &["build"],
        &["skabelon", "gamma"],
    ];
    for args in indholdsfejl {
        assert_eq!(kode(daarligt.path(), args), Some(1), "{args:?}");
    }
    assert!(!daarligt.path().join("out").exists(), "nothing written");
    assert!(
        !daarligt
            .path()
            .join("content/2015/status/gamma.yaml")
            .exists()
    );

    let brugsfejl: &[&[&str]] = &[
        &["byg"],
        &["check", "--ukendt"],
        &["bilag"],
        &["bilag", "delta"],
        &["--periode", "1999", "build"],
        &["tilbagemelding", "-o"],
        &["skabelon", "alfa"],
        &["preview", "--port", "abc"],
        &[
            "init",
            "--kkr",
            "hovedstaden",
            godt.path().to_str().unwrap(),
        ],
    ];
    for args in brugsfejl {
        assert_eq!(kode(godt.path(), args), Some(2), "{args:?}");
    }
    let ingen = std::path::Path::new("/findes/ikke");
    for args in [&["check"][..], &["build"], &["preview"]] {
        assert_eq!(kode(ingen, args), Some(2), "{args:?} uden projekt");
    }
}

#[test]
fn anbefaling_ids_as_secretariats_write_them_work_and_a_case_slip_gets_a_suggestion() {
    let dir = projekt("mini");
    let runde = dir.path().join("content/2015/anbefalinger.yaml");
    let t = std::fs::read_to_string(&runde).unwrap();
    std::fs::write(
        &runde,
        t.replace("id: v1", "id: A1")
            .replace("id: v2", "id: \"3.10\"")
            .replace("id: b1", "id: 1b")
            .replace("id: b2", "id: virk_2"),
    )
    .unwrap();
    let status = |dir: &std::path::Path, noegle: &str| {
        std::fs::write(
            dir.join("content/2015/status/alfa.yaml"),
            format!(
                "kommune: alfa\nsvar:\n  {noegle}:\n    status: gul\n    bemærkning: Nøglen {noegle}.\n  3.10:\n    status: grøn\n  1b:\n    status: rød\n  virk_2:\n    status: grøn\n"
            ),
        )
        .unwrap();
    };
    std::fs::remove_file(dir.path().join("content/2015/status/beta.yaml")).unwrap();
    status(dir.path(), "A1");
    let o = fremdrift(dir.path(), &["bilag", "alfa"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tekst = pdf_tekst(&std::fs::read(dir.path().join("out/2015/bilag/101-alfa.pdf")).unwrap());
    assert!(
        indeholder(&tekst, "1 grøn") || indeholder(&tekst, "2 grønne"),
        "{tekst}"
    );
    assert!(indeholder(&tekst, "Nøglen A1."), "{tekst}");

    for (slip, ret) in [("a1", "A1"), ("3-10", "3.10"), ("virk-2", "virk_2")] {
        status(dir.path(), slip);
        let o = fremdrift(dir.path(), &["check"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains(&format!(
                "fejl: der findes ingen anbefaling med id «{slip}» i 2015\n  hint: mente du «{ret}»?"
            )),
            "{}",
            stderr(&o)
        );
    }
}

#[cfg(unix)]
#[test]
fn written_files_get_the_mode_the_umask_gives_a_normal_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = projekt("mini");
    for (umask, forventet) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" -C \"$1\" build --typ"
            ))
            .arg(env!("CARGO_BIN_EXE_fremdrift"))
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        for f in [
            "out/2015/bilag/101-alfa.pdf",
            "out/2015/bilag/101-alfa.typ",
            "out/2015/tilbagemelding.pdf",
        ] {
            let tilstand = std::fs::metadata(dir.path().join(f))
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(tilstand, forventet, "{f} under umask {umask}");
        }
    }
}
