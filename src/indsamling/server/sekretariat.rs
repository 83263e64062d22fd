//! The secretariat's side: the overview (every kommune's state, with «Kopiér link»,
//! «Nyt link», «Send påmindelse» and after the frist «Genåbn») above the tilbagemelding
//! as it stands, both live; «Send påmindelse til alle, der mangler»; «Hent alle bilag»
//! as a zip and the answers as a workbook; the event log. Every write carries the
//! session's token and is answered with a redirect back to the overview and a message.

use std::io::Write;
use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::header;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::adgang::{Aktiv, Sekretariat};
use super::overblik::{self, Raekke, Tilstand};
use super::{Tjeneste, sider};
use crate::indsamling::haendelser::{self, Art, Haendelse};
use crate::indsamling::links;
use crate::indsamling::post::{self, Brev, Brevdata};
use crate::indsamling::tid;
use crate::koersel::{Koersel, Udvalg};
use crate::preview::sider::Id;
use crate::preview::sider::blokerende;
use crate::visning::dokside;
use crate::web::html::Ramme;
use crate::web::{sider as skabeloner, svar};

type T = State<Arc<Tjeneste>>;

/// The form fields of every write from the overview.
#[derive(Deserialize)]
pub(crate) struct Skriv {
    token: String,
}

/// `GET /sekretariat/`.
pub(crate) async fn side(State(t): T, Sekretariat(a): Sekretariat) -> Response {
    blokerende(move || {
        let titel = t.vis.delt.laes(|o| {
            format!(
                "Indsamling {}: {}",
                t.periode,
                o.kkr.clone().unwrap_or_default()
            )
        });
        let fragment = fragment_html(&t, &a, true);
        let handlinger = skabeloner::gengiv("indsamling-overblik.html", ());
        let html = Ramme {
            titel: &titel,
            dok: None,
            fragment_url: "/sekretariat/fragment",
            handlinger: &handlinger,
            fragment: &fragment,
            formular: None,
        }
        .html();
        svar::html(200, html)
    })
    .await
}

/// `GET /sekretariat/fragment`: the live part.
pub(crate) async fn fragment(State(t): T, Sekretariat(a): Sekretariat) -> Response {
    blokerende(move || svar::html(200, fragment_html(&t, &a, false))).await
}

/// What `indsamling-tabel.html` shows.
#[derive(Serialize)]
struct Tabel<'a> {
    token: &'a str,
    besked: Option<String>,
    raekker: Vec<Raekke>,
    indsendt: usize,
    i_alt: usize,
    frist: Option<String>,
    efter_frist: bool,
    smtp: bool,
    noegle: bool,
    mailto: Vec<Option<String>>,
    log: Vec<String>,
}

/// The overview's table and log above the tilbagemelding's pages, in the document's
/// live part (so the pages' script updates both); for a whole page (`hel`) it takes the
/// session's new message, for a live update it keeps the one shown.
fn fragment_html(t: &Tjeneste, a: &Aktiv, hel: bool) -> String {
    let o = overblik::lav(t);
    let frist = o.projekt.as_ref().and_then(|p| p.runde.frist);
    let mailto = o
        .raekker
        .iter()
        .map(|r| {
            if t.post.is_some() {
                return None;
            }
            brev(&o.projekt, r).map(|b| post::mailto(&b))
        })
        .collect();
    let (log, _) = haendelser::laes(&t.rod, &t.periode).unwrap_or_default();
    let kkr = o.projekt.as_ref().map(|p| &p.kkr);
    let tabel = Tabel {
        token: &a.session.skrivetoken,
        besked: match hel {
            true => t.sessioner.tag_besked(&a.id),
            false => t.sessioner.vist_besked(&a.id),
        },
        indsendt: o
            .raekker
            .iter()
            .filter(|r| r.tilstand == Tilstand::Indsendt)
            .count(),
        i_alt: o.raekker.len(),
        frist: frist.map(|f| f.dansk()),
        efter_frist: frist.is_some_and(|f| tid::efter_frist(&f, tid::nu())),
        smtp: t.post.is_some(),
        noegle: t.noegle.is_some(),
        mailto,
        log: log.iter().rev().take(30).map(|h| h.linje(kkr)).collect(),
        raekker: o.raekker,
    };
    let foran = skabeloner::gengiv("indsamling-tabel.html", tabel);
    t.vis
        .delt
        .laes(|ov| dokside::fragment_med(ov, "tilbagemelding", &foran))
}

/// The letter kommune `r` gets now: the invitation the first time, then reminders.
fn brev(p: &Option<crate::indhold::projekt::Projekt>, r: &Raekke) -> Option<Brev> {
    let p = p.as_ref()?;
    let til = r.email.as_deref()?;
    let link = r.link.as_deref()?;
    let k = p.kkr.kommuner.iter().find(|k| k.id == r.id)?;
    let d = Brevdata::ny(&p.kkr, &p.runde, k, til, link);
    Some(if r.inviteret {
        post::paamindelse(&d)
    } else {
        post::invitation(&d)
    })
}

/// Back to the overview with a message.
fn tilbage(t: &Tjeneste, a: &Aktiv, besked: String) -> Response {
    t.sessioner.saet_besked(&a.id, besked);
    svar::med(
        svar::tekst(303, "Tilbage til overblikket"),
        header::LOCATION,
        "/sekretariat/",
    )
}

fn forkert_token() -> Response {
    svar::tekst(
        403,
        "Afvist: siden er for gammel eller fra en anden session. Genindlæs overblikket, og prøv igen.",
    )
}

/// `POST /sekretariat/nyt-link/<id>`: revokes the kommune's link and makes a new one.
pub(crate) async fn nyt_link(
    State(t): T,
    Sekretariat(a): Sekretariat,
    Id(id): Id,
    Form(f): Form<Skriv>,
) -> Response {
    if !crate::web::token::samme_token(&f.token, &a.session.skrivetoken) {
        return forkert_token();
    }
    blokerende(move || {
        let Some(n) = t.noegle.as_ref() else {
            return tilbage(&t, &a, "Der kan ikke laves nye links her: indsamlingsnøglen findes ikke på denne maskine.".into());
        };
        let Some(navn) = kommunenavn(&t, &id) else {
            return sider::ikke_fundet();
        };
        match links::nyt(&t.rod, &t.periode, &id, n) {
            Ok((nr, tok, gammel)) => {
                if let Some(g) = gammel {
                    t.sessioner.afslut_link(g);
                    t.log(Haendelse::ny(Art::LinkTilbagekaldt, &id, Some(g)));
                }
                t.log(Haendelse::ny(Art::LinkLavet, &id, Some(nr)));
                tilbage(
                    &t,
                    &a,
                    format!(
                        "{navn} har fået et nyt link (link {nr}); det gamle virker ikke længere: {}",
                        links::adresse(&t.url, &tok)
                    ),
                )
            }
            Err(e) => tilbage(&t, &a, format!("Intet nyt link: {}", crate::fejl::tekst(&e))),
        }
    })
    .await
}

fn kommunenavn(t: &Tjeneste, id: &str) -> Option<String> {
    t.vis.delt.laes(|o| {
        o.kommuner
            .iter()
            .find(|k| k.id == id)
            .map(|k| k.navn.clone())
    })
}

/// `POST /sekretariat/paamind/<id>`.
pub(crate) async fn paamind(
    State(t): T,
    Sekretariat(a): Sekretariat,
    Id(id): Id,
    Form(f): Form<Skriv>,
) -> Response {
    if !crate::web::token::samme_token(&f.token, &a.session.skrivetoken) {
        return forkert_token();
    }
    blokerende(move || {
        let o = overblik::lav(&t);
        let Some(r) = o.raekker.iter().find(|r| r.id == id) else {
            return sider::ikke_fundet();
        };
        let besked = send(&t, &o.projekt, r).unwrap_or_else(|e| e);
        tilbage(&t, &a, besked)
    })
    .await
}

/// `POST /sekretariat/paamind-alle`: every kommune that has not submitted.
pub(crate) async fn paamind_alle(
    State(t): T,
    Sekretariat(a): Sekretariat,
    Form(f): Form<Skriv>,
) -> Response {
    if !crate::web::token::samme_token(&f.token, &a.session.skrivetoken) {
        return forkert_token();
    }
    blokerende(move || {
        let o = overblik::lav(&t);
        let mangler: Vec<&Raekke> = o
            .raekker
            .iter()
            .filter(|r| r.tilstand != Tilstand::Indsendt)
            .collect();
        if mangler.is_empty() {
            return tilbage(
                &t,
                &a,
                "Alle kommuner har indsendt; ingen påmindelser er sendt.".into(),
            );
        }
        let (mut sendt, mut ikke) = (0, Vec::new());
        for r in &mangler {
            match send(&t, &o.projekt, r) {
                Ok(_) => sendt += 1,
                Err(e) => ikke.push(e),
            }
        }
        let mut besked = format!(
            "Sendte til {sendt} af {} kommuner, der mangler at indsende.",
            mangler.len()
        );
        for e in ikke {
            besked.push(' ');
            besked.push_str(&e);
        }
        tilbage(&t, &a, besked)
    })
    .await
}

/// Sends kommune `r` its invitation or a reminder; the message either way.
fn send(
    t: &Tjeneste,
    p: &Option<crate::indhold::projekt::Projekt>,
    r: &Raekke,
) -> Result<String, String> {
    let Some(postkasse) = &t.post else {
        return Err(format!(
            "{}: tjenesten er startet uden --smtp, så brug knappen «Send påmindelse» i rækken, der åbner brevet i jeres eget postprogram.",
            r.navn
        ));
    };
    if r.email.is_none() {
        return Err(format!(
            "{} har ingen e-mail: skriv «e-mail:» ved kommunen i content/kkr.yaml.",
            r.navn
        ));
    }
    if r.link.is_none() {
        return Err(format!(
            "{}s link kan ikke sendes: indsamlingsnøglen findes ikke på denne maskine, eller kommunen har intet link (kør «fremdrift indsamling links»).",
            r.navn
        ));
    }
    let Some(b) = brev(p, r) else {
        return Err(format!("{}: brevet kunne ikke laves.", r.navn));
    };
    postkasse
        .send(&b)
        .map_err(|e| format!("{}: ikke sendt: {e}.", r.navn))?;
    let art = if r.inviteret {
        Art::Paamindet
    } else {
        Art::Inviteret
    };
    t.log(Haendelse::ny(art, &r.id, r.link_nr));
    Ok(format!(
        "{} til {} er sendt til {}.",
        if r.inviteret {
            "Påmindelsen"
        } else {
            "Invitationen"
        },
        r.navn,
        b.til
    ))
}

/// `POST /sekretariat/genaabn/<id>`: the kommune may answer after the frist.
pub(crate) async fn genaabn(
    State(t): T,
    Sekretariat(a): Sekretariat,
    Id(id): Id,
    Form(f): Form<Skriv>,
) -> Response {
    if !crate::web::token::samme_token(&f.token, &a.session.skrivetoken) {
        return forkert_token();
    }
    blokerende(move || {
        let Some(navn) = kommunenavn(&t, &id) else {
            return sider::ikke_fundet();
        };
        t.log(Haendelse::ny(Art::Genaabnet, &id, None).af_sekretariatet());
        tilbage(
            &t,
            &a,
            format!("{navn} er genåbnet og kan svare igen, også efter fristen."),
        )
    })
    .await
}

/// `GET /sekretariat/bilag.zip`: every kommune's bilag as it stands.
pub(crate) async fn bilag_zip(State(t): T, Sekretariat(_): Sekretariat) -> Response {
    blokerende(move || match alle_bilag(&t) {
        Ok(zip) => {
            let s = svar::bytes(200, "application/zip", Arc::new(zip));
            let navn = format!("attachment; filename=\"bilag-{}.zip\"", ascii(&t.periode));
            svar::med(s, header::CONTENT_DISPOSITION, &navn)
        }
        Err(e) => projektfejl("Bilagene kan ikke hentes", "Bilagene", &e),
    })
    .await
}

/// The bilag of every kommune with a status file, compiled into a zip in memory.
fn alle_bilag(t: &Tjeneste) -> anyhow::Result<Vec<u8>> {
    let mut k = Koersel::start(&t.rod, &t.periode);
    let p = k.gyldigt()?;
    let ids: Vec<String> = p.status.iter().map(|s| s.kommune.id.clone()).collect();
    let mappe = tempfile::tempdir()?;
    let opgaver = k
        .planlaeg(&Udvalg::Bilag(ids))
        .opgaver(|d| mappe.path().join(d.ud.file_name().unwrap_or_default()))?;
    let mut filer = k.generer(opgaver, false)?;
    filer.sort();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let valg = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for f in filer {
        let navn = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("bilag.pdf");
        zip.start_file(navn, valg)?;
        zip.write_all(&std::fs::read(&f)?)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// `GET /sekretariat/svar.xlsx`: every answer in one workbook (as `fremdrift eksport`).
pub(crate) async fn svar_xlsx(State(t): T, Sekretariat(_): Sekretariat) -> Response {
    blokerende(move || {
        let k = Koersel::start(&t.rod, &t.periode);
        let bytes = k
            .gyldigt()
            .map_err(anyhow::Error::from)
            .and_then(|p| Ok(crate::regneark::eksport::xlsx(p)?));
        match bytes {
            Ok(b) => {
                let s = svar::bytes(
                    200,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    Arc::new(b),
                );
                let navn = format!("attachment; filename=\"svar-{}.xlsx\"", ascii(&t.periode));
                svar::med(s, header::CONTENT_DISPOSITION, &navn)
            }
            Err(e) => projektfejl("Svarene kan ikke hentes", "Regnearket", &e),
        }
    })
    .await
}

/// The page for a download the project's errors stop, with `check`'s messages.
fn projektfejl(titel: &str, hvad: &str, e: &anyhow::Error) -> Response {
    sider::med_tekst(
        409,
        titel,
        &format!("<p>{hvad} kan ikke laves, mens projektet har fejl:</p>"),
        Some(&crate::fejl::tekst(e)),
    )
}

fn ascii(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// `GET /indsamling.js`: «Kopiér link».
pub(crate) async fn js() -> Response {
    svar::statisk(
        "text/javascript; charset=utf-8",
        include_str!("indsamling.js"),
    )
}

/// `GET /indsamling.css`.
pub(crate) async fn css() -> Response {
    svar::statisk("text/css; charset=utf-8", include_str!("indsamling.css"))
}
