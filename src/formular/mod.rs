//! «Udfyld status»: a kommune's answers in a form beside its live bilag. `GET
//! /udfyld/<id>/` shows the form; `POST` to the same URL saves it (or adds or removes a
//! forslag) after the gate in [`vagt`], with the rules of `check`, and answers with the
//! page again — which the page's script swaps in, so the bilag beside it stays and
//! follows the save through the live reload. The form is its own stage: the preview
//! serves it, and so will the hosted collection; both show the one document view.

mod felter;
mod gem;
mod graenser;
mod kontrol;
mod krop;
mod side;
mod skema;
mod statussti;
mod vagt;

pub use kontrol::status_af_krop;
pub(crate) use vagt::{MAKS_KROP, laes_krop, skrivevagt};

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use crate::web::html::{self, Ramme, escape, url_del};
use crate::web::svar;
use axum::response::Response;

use crate::visning::tilstand::{Delt, Oversigt};
use crate::visning::{dokside, kontrol as oversigt};
use crate::diagnose::Diagnose;
use crate::indhold::yaml::io_fejl;
use felter::{Formular, Forslagfelt};
use gem::{Grundlag, Mangel, Udfald};
use krop::{Handling, Indsendt};
use side::{Besked, Side};

/// The form page's script.
pub(crate) const JS: &str = include_str!("assets/formular.js");
const CSS: &str = include_str!("assets/formular.css");

/// The form page's style sheet, with the status colours from the model.
pub(crate) fn css() -> String {
    format!("{CSS}{}", skema::css())
}

/// What the form's endpoints share: the project, the period, this server start's
/// token, and a lock so that one save runs at a time.
pub(crate) struct Udfyldning {
    rod: PathBuf,
    periode: String,
    token: String,
    laas: Mutex<()>,
}

impl Udfyldning {
    pub fn ny(rod: &Path, periode: &str) -> anyhow::Result<Self> {
        Ok(Self {
            rod: rod.to_path_buf(),
            periode: periode.to_string(),
            token: vagt::nyt_token()?,
            laas: Mutex::new(()),
        })
    }

    /// `GET /udfyld/<id>/`: the form, filled in from the kommune's file.
    pub fn side(&self, id: &str, delt: &Delt) -> Response {
        let g = match Grundlag::laes(&self.rod, &self.periode, id) {
            Ok(g) => g,
            Err(m) => return mangel(m, id),
        };
        let data = match g.laes_fil(&self.rod) {
            Ok(d) => d,
            Err(e) => return skrivefejl(&g, &e),
        };
        let status = match data.as_deref().map(|d| g.status(d)).transpose() {
            Ok(s) => s,
            Err(d) => return sidesvar(200, &g, &filfejl(&g, &d.0), delt),
        };
        let formular = Formular::fra_status(&g.runde, status.as_ref());
        let version = gem::version(data.as_deref());
        let side = self.ny_side(&g, &formular, &version, &[], Besked::Ingen);
        sidesvar(200, &g, &side.html(), delt)
    }

    /// `POST /udfyld/<id>/`: save, or add or remove a forslag.
    pub fn post(&self, krop: &[u8], id: &str, delt: &Delt) -> Response {
        let ind = match self.indsendt(krop) {
            Ok(ind) => ind,
            Err(a) => return a.svar(),
        };
        let g = match Grundlag::laes(&self.rod, &self.periode, id) {
            Ok(g) => g,
            Err(m) => return mangel(m, id),
        };
        let mut f = ind.formular;
        f.tilfoej_manglende(&g.runde);
        let forslag = f.forslag.len();
        let (besked, fokus) = match ind.handling {
            Handling::Gem => return self.gem(&g, &f, &ind.version, delt),
            Handling::TilfoejForslag => {
                f.forslag.push(Forslagfelt::default());
                let n = f.forslag.len();
                (Besked::Tilfoejet(n), format!("forslag{n}-titel"))
            }
            Handling::FjernForslag(i) if i < forslag => {
                f.forslag.remove(i);
                let fokus = if i < f.forslag.len() {
                    format!("forslag{}-titel", i + 1)
                } else {
                    "tilfoej-forslag".into()
                };
                (Besked::Fjernet(i + 1), fokus)
            }
            Handling::FjernForslag(_) => return svar::tekst(400, "Forslaget findes ikke."),
        };
        let mut side = self.ny_side(&g, &f, &ind.version, &[], besked);
        side.fokus = Some(fokus);
        sidesvar(200, &g, &side.html(), delt)
    }

    /// The rest of the gate, once the body is read: a form of ours with this start's
    /// token.
    fn indsendt(&self, krop: &[u8]) -> Result<Indsendt, vagt::Afvist> {
        let ind = krop::fortolk(krop).map_err(|u| vagt::Afvist {
            status: 400,
            besked: format!("Formularen kan ikke læses: {}.", u.0),
        })?;
        vagt::tjek_token(&ind.token, &self.token)?;
        Ok(ind)
    }

    fn gem(&self, g: &Grundlag, f: &Formular, version: &str, delt: &Delt) -> Response {
        let udfald = {
            let _en_ad_gangen = self.laas.lock().unwrap_or_else(|e| e.into_inner());
            gem::gem(&self.rod, g, f, version)
        };
        let (status, side) = match udfald {
            Ok(Udfald::Gemt {
                status: s,
                version,
                historik,
                ny_fil,
                uaendret,
                advarsler,
            }) => {
                let gemt = Formular::fra_status(&g.runde, Some(&s));
                let besked = Besked::Gemt {
                    tid: SystemTime::now(),
                    historik,
                    ny_fil,
                    uaendret,
                };
                let mut side = self.ny_side(g, &gemt, &version, &advarsler, besked);
                side.haandrettet = false;
                (200, side.html())
            }
            Ok(Udfald::Fejl(d)) => {
                let n = d.iter().filter(|d| d.er_fejl()).count();
                let side = self.ny_side(g, f, version, &d, Besked::Fejl(n));
                (422, side.html())
            }
            Ok(Udfald::Konflikt) => {
                let side = self.ny_side(g, f, version, &[], Besked::Konflikt);
                (409, side.html())
            }
            Err(e) => return skrivefejl(g, &e),
        };
        sidesvar(status, g, &side, delt)
    }

    fn ny_side<'a>(
        &'a self,
        g: &'a Grundlag,
        formular: &'a Formular,
        version: &'a str,
        diagnoser: &'a [Diagnose],
        besked: Besked,
    ) -> Side<'a> {
        Side {
            g,
            formular,
            token: &self.token,
            version,
            diagnoser,
            besked,
            haandrettet: self.haandrettet(g),
            fokus: None,
        }
    }

    /// Whether the file on disk is not in the canonical form a save writes.
    fn haandrettet(&self, g: &Grundlag) -> bool {
        let Ok(Some(data)) = g.laes_fil(&self.rod) else {
            return false;
        };
        g.status(&data)
            .is_ok_and(|s| g.tekst(&s).as_bytes() != data.as_slice())
    }
}

/// `GET /udfyld/<id>/bilag`: the live part of the form page.
pub(crate) fn bilag(o: &Oversigt, kommune: &str) -> String {
    let id = format!("bilag-{kommune}");
    if o.dokument(&id).is_some() {
        return dokside::fragment(o, &id);
    }
    format!(
        r#"<div id="dokument" data-version="{}" data-tilstand="mangler"><p class="tom">Der er intet bilag endnu. Det vises her, når status er gemt, og filen er uden fejl.</p><div id="sider"></div></div>"#,
        o.global_version
    )
}

/// The whole page: the form column beside the live bilag.
fn sidesvar(status: u16, g: &Grundlag, kolonne: &str, delt: &Delt) -> Response {
    let id = format!("bilag-{}", g.kommune.id);
    let del = url_del(&g.kommune.id);
    let (findes, fragment) = delt.laes(|o| (o.dokument(&id).is_some(), bilag(o, &g.kommune.id)));
    let handlinger = if findes {
        format!(
            r#"<a class="knap" href="/dok/{d}/">Se bilaget</a><a class="knap" id="hent-pdf" href="/dok/{d}/pdf" download>Hent PDF</a>"#,
            d = escape(&url_del(&id))
        )
    } else {
        String::new()
    };
    let html = Ramme {
        titel: &format!("Udfyld status: {}", g.kommune.navn),
        dok: Some(&id),
        fragment_url: &format!("/udfyld/{del}/bilag"),
        handlinger: &handlinger,
        fragment: &fragment,
        formular: Some(kolonne),
    }
    .html();
    svar::html(status, html)
}

/// The form column when the file cannot be read into the form.
fn filfejl(g: &Grundlag, d: &[Diagnose]) -> String {
    format!(
        r#"<div id="filfejl" class="konflikt" role="alert"><h2>Filen har fejl og kan ikke åbnes i formularen</h2><p>Ret fejlene i {} i en editor, og indlæs så siden igen. Fejlene, som <code>fremdrift check</code> skriver dem:</p>{}</div>"#,
        escape(&side::vis(&g.fil)),
        oversigt::kontrol(d)
    )
}

fn mangel(m: Mangel, id: &str) -> Response {
    match m {
        Mangel::UkendtKommune => svar::html(
            404,
            html::enkel_side(
                "Kommunen findes ikke",
                &format!(
                    "<p>Der er ingen kommune med id «{}» i content/kkr.yaml.</p>",
                    escape(id)
                ),
            ),
        ),
        Mangel::Projekt(d) => svar::html(
            409,
            html::enkel_side(
                "Formularen kan ikke vises",
                &format!(
                    "<p>Rundens anbefalinger eller kommunelisten har fejl. Ret dem først:</p>{}",
                    oversigt::kontrol(&d.0)
                ),
            ),
        ),
    }
}

fn skrivefejl(g: &Grundlag, e: &std::io::Error) -> Response {
    svar::html(
        500,
        html::enkel_side(
            "Ikke gemt",
            &format!(
                "<p>{} kunne ikke læses eller skrives: {}. Intet er ændret. Tjek, at du har adgang til mappen, og prøv igen.</p>",
                escape(&side::vis(&g.fil)),
                escape(&io_fejl(e))
            ),
        ),
    )
}

#[cfg(test)]
mod tests;
