//! `fremdrift indsamling serve`: the hosted collection's service. The live document
//! view (rebuild loop and compile worker) keeps the main thread, as in the preview; the
//! pages are served on the shared web stack on a runtime of their own, over TLS when
//! asked. Every request is tied to its session first ([`adgang`]); a kommune reaches
//! only its own form, bilag and event stream, the secretariat everything.

mod adgang;
mod kommune;
mod overblik;
mod ruter;
mod sekretariat;
mod sider;
mod tilstand;

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::Semaphore;

use super::links::{self, Register};
use super::noegle::Noegle;
use super::post::Postopsaetning;
use super::tid;
use crate::argumenter::{Kontekst, ServeArgs};
use crate::fejl::fejl;
use crate::formular::Udfyldning;
use crate::preview::Brugere;
use crate::preview::sider::App;
use crate::web::{self, Graenser, Vaern};
pub(crate) use tilstand::Tjeneste;

/// Connections and event streams open at once.
const FORBINDELSER: usize = 4096;
const STROEMME: usize = 2048;

pub fn koer(ctx: &Kontekst, a: &ServeArgs) -> anyhow::Result<()> {
    let p = crate::kommando::indsamling_projekt(ctx)?;
    let register = Register::ny(&ctx.rod, &ctx.periode)?;
    let url = match (&a.url, register.fil()?.url) {
        (Some(u), _) => links::tjek_url(u)?,
        (None, Some(u)) => u,
        (None, None) => {
            return Err(fejl(
                "der er ingen links for perioden endnu",
                "lav dem først med «fremdrift indsamling links --url https://…»",
            ));
        }
    };
    let tls = match (&a.tls_cert, &a.tls_key) {
        (Some(c), Some(k)) => Some(tokio_rustls::TlsAcceptor::from(web::tls::tls_opsaetning(
            c, k,
        )?)),
        _ => None,
    };
    let https = tls.is_some() || url.starts_with("https://");
    let post = match (&a.smtp, &a.afsender) {
        (Some(s), Some(f)) => Some(Postopsaetning::ny(s, f)?),
        _ => None,
    };
    let noegle = Noegle::hent()?;
    if noegle.is_none() {
        eprintln!(
            "advarsel: indsamlingsnøglen findes ikke på denne maskine, så links kan ikke kopieres eller sendes i påmindelser\n  hint: kopiér nøglen fra den maskine, der lavede linkene (sæt FREMDRIFT_NOEGLEFIL), eller lav nye med «fremdrift indsamling nyt-link»"
        );
    }
    let lytter = TcpListener::bind(a.adresse).map_err(|e| {
        fejl(
            format!("kunne ikke lytte på {}: {e}", a.adresse),
            "vælg en anden adresse eller port med --adresse, fx --adresse 127.0.0.1:8080",
        )
    })?;
    let udfyld = Arc::new(Udfyldning::ny(&ctx.rod, &ctx.periode)?);
    fristbesked(&p.runde.frist, &ctx.periode);
    crate::preview::vis_og_byg(&ctx.rod, &ctx.periode, Brugere::Mange, |delt| {
        let vis = Arc::new(App {
            delt: delt.clone(),
            udfyld,
            stroemme: Arc::new(Semaphore::new(STROEMME)),
        });
        let t = Arc::new(Tjeneste::ny(
            &ctx.rod,
            &ctx.periode,
            vis,
            register,
            tilstand::Opsaetning {
                url: url.clone(),
                https,
                bag_proxy: a.bag_proxy,
                noegle,
                post,
            },
        ));
        start(lytter, t, tls, https)?;
        println!("Indsamlingen kører på {url} (lytter på {}).", a.adresse);
        crate::besked!(
            "Kommunerne åbner deres links; sekretariatet åbner sit link for overblikket. Stop med Ctrl+C."
        );
        Ok(())
    })
}

/// Says at start when the frist has passed, and how to reopen.
fn fristbesked(frist: &Option<crate::indhold::dato::Dato>, periode: &str) {
    let Some(f) = frist else {
        crate::besked!(
            "Runden har ingen frist, så kommunerne kan svare, indtil tjenesten stoppes."
        );
        return;
    };
    if tid::efter_frist(f, tid::nu()) {
        eprintln!(
            "Fristen {} er overskredet: kommunernes sider kan kun læses.\n  hint: genåbn en kommune med «Genåbn» i sekretariatets overblik, eller flyt «frist» i content/{periode}/anbefalinger.yaml",
            f.dansk()
        );
    } else {
        crate::besked!("Fristen er {}.", f.dansk());
    }
}

/// Starts answering on a runtime of its own.
fn start(
    lytter: TcpListener,
    t: Arc<Tjeneste>,
    tls: Option<tokio_rustls::TlsAcceptor>,
    https: bool,
) -> anyhow::Result<()> {
    lytter.set_nonblocking(true)?;
    let app = web::beskyt(ruter::ruter(t.clone()), &vaern(&t, https));
    let g = Graenser {
        forbindelser: FORBINDELSER,
        hoved_frist: Duration::from_secs(10),
        hoved_bytes: 32 * 1024,
        hoved_linjer: 100,
        optaget: sider::OPTAGET,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .thread_name("indsamling-web")
        .enable_all()
        .build()
        .context("kunne ikke starte webserveren")?;
    std::thread::Builder::new()
        .name("indsamling-web".into())
        .spawn(move || {
            rt.block_on(async move {
                match tokio::net::TcpListener::from_std(lytter) {
                    Ok(l) => match tls {
                        Some(tls) => web::betjen_tls(l, app, g, tls).await,
                        None => web::betjen(l, app, g).await,
                    },
                    Err(e) => eprintln!("fejl: webserveren kunne ikke lytte: {e}"),
                }
            })
        })
        .context("kunne ikke starte webserveren")?;
    Ok(())
}

/// The guards: only the public host name of `--url` (a proxy passes it on), the fixed
/// headers (HSTS under https), limits as the preview's.
fn vaern(t: &Tjeneste, https: bool) -> Vaern {
    let vaert = t
        .url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("")
        .to_string();
    Vaern {
        vaerter: vec![vaert],
        forkert_vaert: "Forkert værtsnavn: brug adressen fra jeres link.",
        fremmed_side: "Afvist: ændringer kan kun gemmes fra indsamlingens egne sider. Åbn jeres link igen, og gem derfra.",
        faste_hoveder: if https {
            sider::FASTE_HOVEDER_HTTPS
        } else {
            sider::FASTE_HOVEDER
        },
        samtidige: 512,
        svar_frist: Duration::from_secs(60),
        krop_frist: Duration::from_secs(30),
    }
}
