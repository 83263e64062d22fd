//! `fremdrift indsamling`: links made and revoked from the command line, and the real
//! service on loopback — a kommune's link opens a session and reaches only its own
//! form and bilag, a revoked link answers 410 and ends its sessions, unknown links are
//! limited per client, and no token is stored readable in the project.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::browser::{Svar, anmod};
use common::indsamling::{Links, Tjeneste, fremdrift, token};

/// The mini project with links made for `url`; gives (project, key folder, csv rows).
fn med_links(url: &str) -> (tempfile::TempDir, tempfile::TempDir, Vec<Vec<String>>) {
    let l = Links::lav("mini", url);
    (l.projekt, l.noegler, l.raekker)
}

/// Every file below `mappe` but `links.csv`.
fn filer(mappe: &Path) -> Vec<std::path::PathBuf> {
    let mut ud = Vec::new();
    for e in std::fs::read_dir(mappe).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            ud.extend(filer(&p));
        } else if p.file_name().is_some_and(|n| n != "links.csv") {
            ud.push(p);
        }
    }
    ud
}

#[test]
fn links_writes_a_mail_merge_file_and_keeps_no_token_readable_in_the_project() {
    let (p, n, raekker) = med_links("https://indsamling.kkr-eksempel.dk/");
    assert_eq!(raekker[0], ["kommune-id", "kommune", "e-mail", "link"]);
    assert_eq!(raekker.len(), 4, "a row per kommune: {raekker:?}");
    assert_eq!(raekker[1][0], "alfa");
    assert!(raekker[1][3].starts_with("https://indsamling.kkr-eksempel.dk/l/"));
    let tokens: Vec<&str> = raekker[1..].iter().map(|r| token(&r[3])).collect();
    assert!(
        tokens.iter().all(|t| t.len() >= 22),
        "at least 128 bits: {tokens:?}"
    );
    for f in filer(p.path()) {
        let data = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        for t in &tokens {
            assert!(!data.contains(t), "{} holds a token", f.display());
        }
    }
    let gitignore = std::fs::read_to_string(p.path().join("indsamling/.gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "links.csv"));
    // A second run makes no new links and writes the same links again.
    let o = fremdrift(p.path(), &n.path().join("noegle"), &["indsamling", "links"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(
        common::stderr(&o).contains("Lavede 0 links"),
        "{}",
        common::stderr(&o)
    );
    let igen = std::fs::read_to_string(p.path().join("indsamling/links.csv")).unwrap();
    assert!(igen.contains(&raekker[1][3]));
}

#[test]
fn nyt_link_for_an_unknown_kommune_names_it_with_a_hint() {
    let (p, n, _) = med_links("https://x.dk");
    let o = fremdrift(
        p.path(),
        &n.path().join("noegle"),
        &["indsamling", "nyt-link", "alfaa"],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "a usage error, as for other commands"
    );
    let e = common::stderr(&o);
    assert!(e.contains("«alfaa» er ikke en kommune"), "{e}");
    assert!(e.contains("mente du «alfa»?"), "{e}");
}

#[test]
fn a_kommunes_session_reaches_its_own_pages_and_nothing_of_the_others() {
    let port = common::fri_port();
    let (p, n, raekker) = med_links(&format!("http://127.0.0.1:{port}"));
    let t = Tjeneste::start(p.path(), &n.path().join("noegle"), port);
    let alfa = t.aabn(&raekker[1][3]);
    let s = t.get(&format!("/l/{}", token(&raekker[1][3])), None);
    assert_eq!(
        s.hoved("location"),
        Some("/udfyld/alfa/"),
        "the token leaves the address"
    );
    assert_eq!(t.get("/udfyld/alfa/", Some(&alfa)).status, 200);
    assert_eq!(t.get("/udfyld/alfa/bilag", Some(&alfa)).status, 200);
    for sti in [
        "/udfyld/beta/",
        "/udfyld/beta/bilag",
        "/udfyld/%62eta/",
        "/dok/bilag-beta/",
        "/dok/bilag-beta/pdf",
        "/dok/bilag-beta/side/1.png",
        "/dok/tilbagemelding/",
        "/dok/tilbagemelding/pdf",
        "/sekretariat/",
        "/sekretariat/bilag.zip",
        "/sekretariat/svar.xlsx",
    ] {
        assert_eq!(t.get(sti, Some(&alfa)).status, 404, "{sti}");
    }
    assert_eq!(
        t.get("/udfyld/alfa/", None).status,
        401,
        "no cookie, no page"
    );
    assert_eq!(t.get("/udfyld/alfa/", Some("forfalsket")).status, 401);
    // After the frist (29 February 2016) the form can only be read.
    let side = t.get("/udfyld/alfa/", Some(&alfa)).krop;
    assert!(side.contains("Fristen var den 29. februar 2016"), "{side}");
    let log = fremdrift(p.path(), &n.path().join("noegle"), &["indsamling", "log"]);
    assert!(
        common::stdout(&log).contains("Alfa Kommune åbnede link 1"),
        "{}",
        common::stdout(&log)
    );
    assert!(!common::stdout(&log).contains(token(&raekker[1][3])));
}

#[test]
fn a_revoked_link_answers_410_and_ends_its_sessions_and_the_new_one_works() {
    let port = common::fri_port();
    let (p, n, raekker) = med_links(&format!("http://127.0.0.1:{port}"));
    let t = Tjeneste::start(p.path(), &n.path().join("noegle"), port);
    let gammel = t.aabn(&raekker[1][3]);
    let o = fremdrift(
        p.path(),
        &n.path().join("noegle"),
        &["indsamling", "nyt-link", "alfa"],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let nyt = common::stdout(&o).trim().to_string();
    let s = t.get(&format!("/l/{}", token(&raekker[1][3])), None);
    assert_eq!(s.status, 410);
    assert!(s.krop.contains("Linket er udløbet"), "{}", s.krop);
    assert_eq!(t.get("/udfyld/alfa/", Some(&gammel)).status, 401);
    let ny = t.aabn(&nyt);
    assert_eq!(t.get("/udfyld/alfa/", Some(&ny)).status, 200);
}

#[test]
fn unknown_links_are_limited_per_client_with_a_danish_429() {
    let port = common::fri_port();
    let (p, n, raekker) = med_links(&format!("http://127.0.0.1:{port}"));
    let t = Tjeneste::start(p.path(), &n.path().join("noegle"), port);
    let forkert = format!("/l/{}", "A".repeat(43));
    for _ in 0..20 {
        assert_eq!(t.get(&forkert, None).status, 404);
    }
    let s = t.get(&forkert, None);
    assert_eq!(s.status, 429);
    assert!(s.krop.contains("For mange forsøg"), "{}", s.krop);
    assert!(s.hoved("retry-after").is_some());
    // Even a good link waits out the window from this client.
    assert_eq!(
        t.get(&format!("/l/{}", token(&raekker[1][3])), None).status,
        429
    );
}

#[test]
fn the_secretariats_link_opens_the_overview_with_every_kommune_in_words() {
    let port = common::fri_port();
    let p = common::projekt("mini");
    let n = tempfile::tempdir().unwrap();
    let o = fremdrift(
        p.path(),
        &n.path().join("noegle"),
        &[
            "indsamling",
            "links",
            "--url",
            &format!("http://127.0.0.1:{port}"),
        ],
    );
    let sekretariat = common::stdout(&o).trim().to_string();
    assert!(sekretariat.contains("/l/"), "printed once: {sekretariat}");
    let t = Tjeneste::start(p.path(), &n.path().join("noegle"), port);
    let c = t.aabn(&sekretariat);
    let s = t.get("/sekretariat/", Some(&c));
    assert_eq!(s.status, 200);
    for ord in [
        "Alfa Kommune",
        "Beta Kommune",
        "Gamma Kommune",
        "Kopiér link",
        "Nyt link",
        "Genåbn",
    ] {
        assert!(s.krop.contains(ord), "{ord}");
    }
    assert!(
        s.krop.contains("Indsendt") || s.krop.contains("Kladde"),
        "{}",
        s.krop
    );
    assert!(s.krop.contains("Ikke åbnet"));
    assert_eq!(
        t.get("/udfyld/beta/", Some(&c)).status,
        200,
        "the secretariat helps any kommune"
    );
}

/// A save of alfa's form as `cookie`'s session, with the token and version its page
/// carries; the answer.
fn gem_alfa(port: u16, cookie: &str, kontakt: &str) -> std::io::Result<Svar> {
    let c = format!("fremdrift={cookie}");
    let html = anmod(
        port,
        "GET",
        "/udfyld/alfa/",
        &[("Cookie", c.as_str())],
        "",
        "1.1",
    )?
    .krop;
    // A page cut off by the kill has no fields: as good as no answer.
    let felt = |navn: &str| -> std::io::Result<String> {
        let m = format!(r#"name="{navn}" value=""#);
        let i = html
            .find(&m)
            .ok_or_else(|| std::io::Error::other(format!("{navn} mangler")))?;
        Ok(html[i + m.len()..]
            .split('"')
            .next()
            .unwrap_or("")
            .to_string())
    };
    let krop = format!(
        "token={}&version={}&handling=gem&organ=Byr%C3%A5det&dato=2016-01-19\
         &kontakt-navn={kontakt}&status.v1=gr%C3%B8n&status.v2=gul\
         &status.b1=r%C3%B8d&status.b2=gr%C3%B8n",
        felt("token")?,
        felt("version")?
    );
    let egen = format!("http://127.0.0.1:{port}");
    let h = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Origin", egen.as_str()),
        ("Cookie", c.as_str()),
    ];
    anmod(port, "POST", "/udfyld/alfa/", &h, &krop, "1.1")
}

#[test]
fn after_the_frist_a_kommunes_save_is_refused_and_the_secretariat_can_save_for_it() {
    let port = common::fri_port();
    let p = common::projekt("mini");
    let n = tempfile::tempdir().unwrap();
    let noegle = n.path().join("noegle");
    let url = format!("http://127.0.0.1:{port}");
    let o = fremdrift(p.path(), &noegle, &["indsamling", "links", "--url", &url]);
    let sekretariat = common::stdout(&o).trim().to_string();
    let csv = std::fs::read_to_string(p.path().join("indsamling/links.csv")).unwrap();
    let alfa_link = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(';')
        .nth(3)
        .unwrap()
        .to_string();
    let status = p.path().join("content/2015/status/alfa.yaml");
    let foer = std::fs::read(&status).unwrap();
    let t = Tjeneste::start(p.path(), &noegle, port);
    let alfa = t.aabn(&alfa_link);
    let s = gem_alfa(port, &alfa, "Kommunen").unwrap();
    assert_eq!(s.status, 403, "{}", s.krop);
    assert_eq!(std::fs::read(&status).unwrap(), foer, "nothing written");
    let sek = t.aabn(&sekretariat);
    let s = gem_alfa(port, &sek, "Sekretariatet").unwrap();
    assert_eq!(s.status, 200, "{}", s.krop);
    assert!(
        std::fs::read_to_string(&status)
            .unwrap()
            .contains("Sekretariatet")
    );
    let log = common::stdout(&fremdrift(p.path(), &noegle, &["indsamling", "log"]));
    assert!(
        log.contains("Alfa Kommune indsendte sin status (af sekretariatet)"),
        "{log}"
    );
}

#[test]
fn killing_the_service_during_saves_leaves_every_file_whole_and_every_link_working() {
    let port = common::fri_port();
    let p = common::projekt("mini");
    let n = tempfile::tempdir().unwrap();
    let noegle = n.path().join("noegle");
    let url = format!("http://127.0.0.1:{port}");
    let o = fremdrift(p.path(), &noegle, &["indsamling", "links", "--url", &url]);
    let sekretariat = common::stdout(&o).trim().to_string();
    for runde in 0..3 {
        let t = Tjeneste::start(p.path(), &noegle, port);
        let sek = t.aabn(&sekretariat);
        let s = gem_alfa(port, &sek, &format!("Runde{runde}")).unwrap();
        assert_eq!(s.status, 200, "{}", s.krop);
        // Saves keep coming from another thread; once one more has been answered, the
        // process is killed (SIGKILL) with the next ones in flight.
        let (tx, rx) = std::sync::mpsc::channel();
        let skriver = std::thread::spawn(move || {
            for i in 0.. {
                match gem_alfa(port, &sek, &format!("Gem{i}")) {
                    Ok(s) if s.status == 200 => {
                        let _ = tx.send(());
                    }
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
        });
        rx.recv_timeout(std::time::Duration::from_secs(30))
            .expect("a save while the writer runs");
        drop(t);
        skriver.join().unwrap();
        let check = fremdrift(p.path(), &noegle, &["check"]);
        assert!(
            check.status.success(),
            "runde {runde}: {}",
            common::stderr(&check)
        );
        let links = std::fs::read_to_string(p.path().join("indsamling/2015/links.json")).unwrap();
        assert!(
            serde_json::from_str::<serde_json::Value>(&links).is_ok(),
            "{links}"
        );
    }
    let t = Tjeneste::start(p.path(), &noegle, port);
    t.aabn(&sekretariat);
}

/// The service on the mini project with a tilbagemelding that never finishes: only
/// the time limit (`sekunder`) ends its compilation.
fn med_endeloes_tilbagemelding(sekunder: u32) -> (Links, Tjeneste) {
    let port = common::fri_port();
    let p = common::projekt("mini");
    let skabelon = std::fs::read_to_string(common::repo().join("templates/tilbagemelding.typ.j2"))
        .unwrap()
        .replace(
            "{% block indhold %}",
            "{% block indhold %}\n#for i in range(100000) { for j in range(100000) { } }\n",
        );
    std::fs::create_dir_all(p.path().join("templates")).unwrap();
    std::fs::write(p.path().join("templates/tilbagemelding.typ.j2"), skabelon).unwrap();
    let l = Links::lav_i(p, &format!("http://127.0.0.1:{port}"));
    let graense = sekunder.to_string();
    let t = Tjeneste::start_fuldt(
        l.projekt.path(),
        &l.noegle(),
        port,
        &[],
        &[("FREMDRIFT_TIDSGRAENSE", graense.as_str())],
    );
    (l, t)
}

#[test]
fn the_service_compiles_to_the_end_however_often_kommuner_save() {
    let (l, t) = med_endeloes_tilbagemelding(5);
    let port = t.port;
    let sek = t.aabn(&l.sekretariat);
    // Saves keep coming while the tilbagemelding compiles; in the local preview the
    // compilation would give way to them (and the worker with its caches be stopped).
    for i in 0.. {
        if common::browser::Log::log(&t).contains("fordi tidsgrænsen blev nået") {
            break;
        }
        assert!(
            i < 400,
            "the time limit never came\n{}",
            common::browser::Log::log(&t)
        );
        let s = gem_alfa(port, &sek, &format!("Gem{i}")).unwrap();
        assert_eq!(s.status, 200, "{}", s.krop);
    }
    let log = common::browser::Log::log(&t);
    assert!(!log.contains("fordi filerne blev ændret igen"), "{log}");
}

#[test]
fn a_kommunes_bilag_is_updated_while_the_tilbagemelding_is_still_compiling() {
    // The tilbagemelding takes until the time limit: the bilag must not wait for it.
    let (l, t) = med_endeloes_tilbagemelding(15);
    let port = t.port;
    // The mini round's frist has passed: the secretariat saves for alfa.
    let alfa = t.aabn(&l.sekretariat);
    let indlaesning = |t: &Tjeneste| {
        let s = t.get("/udfyld/alfa/bilag", Some(&alfa));
        assert_eq!(s.status, 200, "{}", s.krop);
        let m = r#"data-indlaesning=""#;
        let i = s.krop.find(m)? + m.len();
        s.krop[i..].split('"').next()?.parse::<u64>().ok()
    };
    let foer = common::vent_paa(
        "alfas bilag er vist",
        Duration::from_secs(30),
        || indlaesning(&t).filter(|&n| n > 0),
        || common::browser::Log::log(&t),
    );
    let s = gem_alfa(port, &alfa, "Ny").unwrap();
    assert_eq!(s.status, 200, "{}", s.krop);
    common::vent_paa(
        "alfas bilag viser gemningen",
        Duration::from_secs(30),
        || indlaesning(&t).filter(|&n| n > foer),
        || common::browser::Log::log(&t),
    );
    let log = common::browser::Log::log(&t);
    assert!(
        !log.contains("fordi tidsgrænsen blev nået"),
        "the bilag waited for the tilbagemelding\n{log}"
    );
    // Let the time limit stop the endless compilation before the service goes.
    common::vent_paa(
        "tidsgrænsen stopper tilbagemeldingen",
        Duration::from_secs(60),
        || {
            common::browser::Log::log(&t)
                .contains("fordi tidsgrænsen blev nået")
                .then_some(())
        },
        || common::browser::Log::log(&t),
    );
}
