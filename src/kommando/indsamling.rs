//! `fremdrift indsamling links|nyt-link|serve|log`: the hosted collection (see
//! [`crate::indsamling`]). `links` and `nyt-link` change `links.json` under its lock, so
//! they take effect in a running service at once.

use crate::argumenter::{IndsamlingArgs, IndsamlingKommando, Kontekst, LinksArgs, NytLinkArgs};
use crate::fejl::{Indholdsfejl, fejl};
use crate::indhold::model::Kkr;
use crate::indhold::projekt::{self, Projekt};
use crate::indsamling::haendelser::{self, Art, Haendelse};
use crate::indsamling::linkfil::{self, SEKRETARIAT};
use crate::indsamling::noegle::Noegle;
use crate::indsamling::{linkliste, links};

pub fn koer(ctx: &Kontekst, a: &IndsamlingArgs) -> anyhow::Result<()> {
    match &a.kommando {
        IndsamlingKommando::Links(a) => lav_links(ctx, a),
        IndsamlingKommando::NytLink(a) => nyt_link(ctx, a),
        IndsamlingKommando::Serve(a) => crate::indsamling::server::koer(ctx, a),
        IndsamlingKommando::Log(_) => log(ctx),
    }
}

/// The project of the period; errors in status files do not stop the collection.
pub(crate) fn projekt(ctx: &Kontekst) -> anyhow::Result<Projekt> {
    let indl = projekt::indlaes(&ctx.rod, &ctx.periode);
    indl.projekt
        .ok_or_else(|| Indholdsfejl::ny(indl.diagnoser).into())
}

fn lav_links(ctx: &Kontekst, a: &LinksArgs) -> anyhow::Result<()> {
    let p = projekt(ctx)?;
    let gemt = linkfil::laes(&linkfil::sti(&ctx.rod, &ctx.periode))?.url;
    let url = match (&a.url, gemt) {
        (Some(u), _) => links::tjek_url(u)?,
        (None, Some(u)) => u,
        (None, None) => {
            return Err(fejl(
                "der er ingen adresse til linkene",
                "angiv tjenestens offentlige adresse, fx «fremdrift indsamling links --url https://indsamling.kkr-eksempel.dk»",
            ));
        }
    };
    let n = Noegle::hent_eller_lav()?;
    let nye = links::lav_manglende(&ctx.rod, &ctx.periode, &url, &p.kkr, &n)?;
    let mut h: Vec<Haendelse> = nye
        .kommuner
        .iter()
        .map(|(id, nr)| Haendelse::ny(Art::LinkLavet, id, Some(*nr)))
        .collect();
    if let Some((nr, _)) = &nye.sekretariat {
        h.push(Haendelse::ny(Art::LinkLavet, SEKRETARIAT, Some(*nr)));
    }
    haendelser::skriv(&ctx.rod, &ctx.periode, &h)?;
    let csv = linkliste::skriv(&ctx.rod, &p, &n)?;
    let i_forvejen = p.kkr.kommuner.len() - nye.kommuner.len();
    crate::besked!(
        "Lavede {} links til kommunerne for {} ({i_forvejen} havde et i forvejen).",
        nye.kommuner.len(),
        ctx.periode
    );
    crate::besked!(
        "Skrev {} til brevfletning: den har linkene i klartekst, så del den kun med den, der sender dem ud, og slet den bagefter (den kan altid skrives igen med denne kommando).",
        crate::kommando::vis_sti(&csv).display()
    );
    match nye.sekretariat {
        Some((_, t)) => {
            crate::besked!("Sekretariatets link (vises kun denne gang – gem det et sikkert sted):");
            println!("{}", links::adresse(&url, &t));
        }
        None => crate::besked!(
            "Sekretariatet har sit link i forvejen; lav et nyt med «fremdrift indsamling nyt-link sekretariat»."
        ),
    }
    Ok(())
}

fn nyt_link(ctx: &Kontekst, a: &NytLinkArgs) -> anyhow::Result<()> {
    let p = projekt(ctx)?;
    let (hvem, navn) = hvem(&p.kkr, &a.hvem)?;
    let Some(url) = linkfil::laes(&linkfil::sti(&ctx.rod, &ctx.periode))?.url else {
        return Err(fejl(
            "der er ingen links for perioden endnu",
            "lav dem først med «fremdrift indsamling links --url https://…»",
        ));
    };
    let n = Noegle::hent_eller_lav()?;
    let (nr, t, gammel) = links::nyt(&ctx.rod, &ctx.periode, &hvem, &n)?;
    let mut h = Vec::new();
    if let Some(g) = gammel {
        h.push(Haendelse::ny(Art::LinkTilbagekaldt, &hvem, Some(g)));
    }
    h.push(Haendelse::ny(Art::LinkLavet, &hvem, Some(nr)));
    haendelser::skriv(&ctx.rod, &ctx.periode, &h)?;
    if linkliste::sti(&ctx.rod).exists() {
        linkliste::skriv(&ctx.rod, &p, &n)?;
    }
    match gammel {
        Some(g) => crate::besked!("Link {g} til {navn} er tilbagekaldt. Det nye link {nr}:"),
        None => crate::besked!("Nyt link {nr} til {navn}:"),
    }
    println!("{}", links::adresse(&url, &t));
    Ok(())
}

/// A kommune (by id, kode or name) or the secretariat: its id and name.
pub(crate) fn hvem(kkr: &Kkr, tekst: &str) -> anyhow::Result<(String, String)> {
    if tekst.trim().eq_ignore_ascii_case(SEKRETARIAT) {
        return Ok((SEKRETARIAT.into(), "sekretariatet".into()));
    }
    match kkr.find(tekst) {
        Some(k) => Ok((k.id.clone(), k.navn.clone())),
        None => {
            let ids = kkr.kommuner.iter().map(|k| k.id.as_str());
            let ellers = "skriv «sekretariat» eller en kommunes id, kode eller navn fra kkr.yaml";
            let hint = crate::diagnose::mente_du(tekst, ids, "", ellers);
            Err(fejl(
                format!("«{tekst}» er ikke en kommune i {}", kkr.navn),
                hint,
            ))
        }
    }
}

fn log(ctx: &Kontekst) -> anyhow::Result<()> {
    let kkr = projekt::indlaes(&ctx.rod, &ctx.periode)
        .projekt
        .map(|p| p.kkr);
    let (h, ulaeselige) = haendelser::laes(&ctx.rod, &ctx.periode).map_err(|e| {
        fejl(
            format!(
                "kunne ikke læse {}: {e}",
                haendelser::sti(&ctx.rod, &ctx.periode).display()
            ),
            "tjek at filen kan læses",
        )
    })?;
    if h.is_empty() {
        crate::besked!("Ingen hændelser for {} endnu.", ctx.periode);
    }
    for e in &h {
        println!("{}", e.linje(kkr.as_ref()));
    }
    if ulaeselige > 0 {
        eprintln!(
            "advarsel: {ulaeselige} linjer i {} kunne ikke læses (fx afbrudt midt i en skrivning) og er sprunget over",
            haendelser::sti(&ctx.rod, &ctx.periode).display()
        );
    }
    Ok(())
}
