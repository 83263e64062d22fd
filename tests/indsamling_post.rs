//! The collection's letters through a real SMTP server: Debian's python3-aiosmtpd on a
//! free loopback port (tests/post/smtp_modtager.py), which writes every message it
//! accepts to a folder before answering, so the test reads exactly what arrived.
//! `bash scripts/test` installs python3-aiosmtpd (scripts/install-test-deps).

use crate::common;

use common::smtp::Modtager;
use fremdrift::indhold::dato::Dato;
use fremdrift::indhold::model::Sekretariat;
use fremdrift::indsamlingspost::{Brev, Brevdata, Postopsaetning, invitation, paamindelse};
use serde_json::Value;

fn sekretariat() -> Sekretariat {
    Sekretariat {
        navn: Some("KKR Hovedstadens sekretariat".into()),
        email: Some("HGB@kl.dk".into()),
        telefon: Some("3370 3370".into()),
        ..Sekretariat::default()
    }
}

fn brev(lav: fn(&Brevdata) -> Brev) -> Brev {
    let (s, frist) = (sekretariat(), Dato::parse("2016-02-29").unwrap());
    lav(&Brevdata {
        kommune: "Høje-Taastrup Kommune",
        til: "jobcenter@htk.dk",
        link: "https://indsamling.kkr.dk/k/Zm9vYmFyYmF6cXV4",
        frist: Some(&frist),
        kkr: "KKR Hovedstaden",
        periode: "2015",
        titel: "Status for anbefalinger til tværkommunalt samarbejde på beskæftigelsesområdet",
        sekretariat: &s,
    })
}

fn uden_miljoe(_: &str) -> Option<String> {
    None
}

fn linjer(v: &Value) -> String {
    v.as_str().unwrap().replace("\r\n", "\n")
}

#[test]
fn an_invitation_arrives_with_its_danish_subject_body_and_link() {
    let m = Modtager::start(None);
    let post =
        Postopsaetning::med_miljoe(&m.url(""), "KKR Hovedstaden <kkr@kl.dk>", uden_miljoe).unwrap();
    let b = brev(invitation);
    post.send(&b).unwrap();

    assert_eq!(m.antal(), 1);
    let (v, raa) = m.brev(1);
    assert_eq!(v["mail_from"], "kkr@kl.dk");
    assert_eq!(v["rcpt_tos"], serde_json::json!(["jobcenter@htk.dk"]));
    assert_eq!(v["to"], "jobcenter@htk.dk");
    assert_eq!(v["from"], "KKR Hovedstaden <kkr@kl.dk>");
    assert_eq!(v["subject"], b.emne.as_str());
    assert_eq!(v["content_type"], "text/plain");
    assert_eq!(v["charset"], "utf-8");
    assert_eq!(linjer(&v["body"]), b.tekst);
    assert!(linjer(&v["body"]).contains("\nhttps://indsamling.kkr.dk/k/Zm9vYmFyYmF6cXV4\n"));

    // The head went out as 7-bit text, the Danish subject RFC 2047-encoded.
    let hoved = raa.split("\r\n\r\n").next().unwrap();
    assert!(hoved.is_ascii(), "{hoved}");
    let emne = hoved.lines().find(|l| l.starts_with("Subject: ")).unwrap();
    assert!(emne.contains("=?utf-8?"), "{hoved}");
}

#[test]
fn a_reminder_arrives_through_a_server_that_requires_login() {
    let m = Modtager::start(Some(("kkr", "hemmelig æ")));
    let miljoe = |n: &str| (n == "FREMDRIFT_SMTP_ADGANGSKODE").then(|| "hemmelig æ".to_string());
    let post = Postopsaetning::med_miljoe(&m.url("kkr@"), "kkr@kl.dk", miljoe).unwrap();
    let b = brev(paamindelse);
    post.send(&b).unwrap();

    let (v, _) = m.brev(1);
    assert_eq!(v["subject"], b.emne.as_str());
    assert!(
        v["subject"]
            .as_str()
            .unwrap()
            .contains("den 29. februar 2016")
    );
    assert_eq!(linjer(&v["body"]), b.tekst);
}

#[test]
fn a_wrong_password_is_a_danish_error_that_does_not_show_it() {
    let m = Modtager::start(Some(("kkr", "rigtig")));
    let miljoe = |n: &str| (n == "FREMDRIFT_SMTP_ADGANGSKODE").then(|| "forkert-kode".to_string());
    let post = Postopsaetning::med_miljoe(&m.url("kkr@"), "kkr@kl.dk", miljoe).unwrap();
    let e = post.send(&brev(invitation)).unwrap_err();
    let tekst = format!(
        "{e}: {:?}",
        std::error::Error::source(&e).map(ToString::to_string)
    );
    assert!(
        tekst.starts_with(&format!(
            "SMTP-serveren 127.0.0.1:{} afviste brugernavnet eller adgangskoden",
            m.port
        )),
        "{tekst}"
    );
    assert!(!tekst.contains("forkert-kode"), "{tekst}");
    assert_eq!(m.antal(), 0);
}

#[test]
fn a_server_that_is_not_there_is_a_connection_error() {
    let ledig = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = ledig.local_addr().unwrap().port();
    drop(ledig);
    let url = format!("smtp://127.0.0.1:{port}");
    let post = Postopsaetning::med_miljoe(&url, "kkr@kl.dk", uden_miljoe).unwrap();
    let e = post.send(&brev(invitation)).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("kunne ikke sende via SMTP-serveren 127.0.0.1:{port}")
    );
}

#[test]
fn a_recipient_with_a_line_break_is_refused_before_anything_is_sent() {
    let m = Modtager::start(None);
    let post = Postopsaetning::med_miljoe(&m.url(""), "kkr@kl.dk", uden_miljoe).unwrap();
    let mut b = brev(invitation);
    b.til = "jobcenter@htk.dk\r\nBcc: alle@x.dk".into();
    let e = post.send(&b).unwrap_err();
    assert!(e.to_string().contains("indeholder linjeskift"), "{e}");
    assert_eq!(m.antal(), 0);
}
