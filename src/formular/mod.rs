//! «Udfyld status»: a kommune's answers in a form beside its live bilag. `GET
//! /udfyld/<id>/` shows the form; `POST` to the same URL saves it (or adds or removes a
//! forslag) after the gate in [`vagt`], with the rules of `check`, and answers with the
//! page again — which the page's script swaps in, so the bilag beside it stays and
//! follows the save through the live reload. The form is its own stage: the preview
//! serves it, and so will the hosted collection; both show the one document view.

mod felter;
mod feltgrupper;
mod feltvisning;
#[cfg(any(test, feature = "sider-foer"))]
pub mod foer;
mod gem;
mod graenser;
mod grundlagslager;
mod kontrol;
mod krop;
mod raastatus;
mod side;
mod vagt;

pub use kontrol::status_af_krop;
pub(crate) use side::Hostet;
pub(crate) use vagt::{MAKS_KROP, laes_krop, skrivevagt};

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use axum::response::Response;
use serde::Serialize;

use crate::diagnose::Diagnose;
use crate::indhold::yaml::io_fejl;
use crate::visning::dokside;
use crate::visning::kontrol::Kontrol;
use crate::visning::tilstand::{Delt, Oversigt};
use crate::web::html::{Ramme, url_del};
use crate::web::{sider, svar};
use felter::{Formular, Forslagfelt};
use gem::{Grundlag, Mangel, Udfald};
use krop::{Handling, Indsendt};
use side::{Besked, Side};

/// The form page's script.
pub(crate) const JS: &str = include_str!("assets/formular.js");
const CSS: &str = include_str!("assets/formular.css");

/// The form page's style sheet, with the status colours from the model.
pub(crate) fn css() -> String {
    format!("{CSS}{}", feltgrupper::css())
}

/// What the form's endpoints share: the project, the period and this server start's
/// token. Saves are kept apart by the status store's lock, across threads and processes.
pub(crate) struct Udfyldning {
    rod: PathBuf,
    periode: String,
    token: String,
}

/// Who the form is shown to: the token its writes must carry, and on the hosted
/// collection what the kommune's page shows besides the form.
pub(crate) struct Adgang<'a> {
    pub token: &'a str,
    pub hostet: Option<&'a Hostet>,
}

impl Udfyldning {
    pub fn ny(rod: &Path, periode: &str) -> anyhow::Result<Self> {
        Ok(Self {
            rod: rod.to_path_buf(),
            periode: periode.to_string(),
            token: vagt::nyt_token()?,
        })
    }

    /// The preview's access: this server start's token.
    pub fn lokal(&self) -> Adgang<'_> {
        Adgang {
            token: &self.token,
            hostet: None,
        }
    }

    /// `GET /udfyld/<id>/`: the form, filled in from the kommune's file.
    pub fn side(&self, id: &str, a: &Adgang, delt: &Delt) -> Response {
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
        let side = self.ny_side(&g, &formular, &version, &[], Besked::Ingen, a);
        sidesvar(200, &g, &side.html(), delt)
    }

    /// `POST /udfyld/<id>/`: save, or add or remove a forslag.
    pub fn post(&self, krop: &[u8], id: &str, a: &Adgang, delt: &Delt) -> Response {
        self.post_udfald(krop, id, a, delt).0
    }

    /// [`Self::post`], also telling whether a save was made and with «Udkast» ticked.
    pub fn post_udfald(
        &self,
        krop: &[u8],
        id: &str,
        a: &Adgang,
        delt: &Delt,
    ) -> (Response, Option<bool>) {
        let ind = match self.indsendt(krop, a.token) {
            Ok(ind) => ind,
            Err(a) => return (a.svar(), None),
        };
        let g = match Grundlag::laes(&self.rod, &self.periode, id) {
            Ok(g) => g,
            Err(m) => return (mangel(m, id), None),
        };
        let mut f = ind.formular;
        f.tilfoej_manglende(&g.runde);
        let forslag = f.forslag.len();
        if a.hostet.is_some_and(|h| h.laast.is_some()) {
            let side = self.ny_side(&g, &f, &ind.version, &[], Besked::Laast, a);
            return (sidesvar(403, &g, &side.html(), delt), None);
        }
        let (besked, fokus) = match ind.handling {
            Handling::Gem => return self.gem(&g, &f, &ind.version, a, delt),
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
            Handling::FjernForslag(_) => {
                return (svar::tekst(400, "Forslaget findes ikke."), None);
            }
        };
        let mut side = self.ny_side(&g, &f, &ind.version, &[], besked, a);
        side.fokus = Some(fokus);
        (sidesvar(200, &g, &side.html(), delt), None)
    }

    /// The rest of the gate, once the body is read: a form of ours with the token of
    /// this start (the preview) or of this session (the hosted collection).
    fn indsendt(&self, krop: &[u8], token: &str) -> Result<Indsendt, vagt::Afvist> {
        let ind = krop::fortolk(krop).map_err(|u| vagt::Afvist {
            status: 400,
            besked: format!("Formularen kan ikke læses: {}.", u.0),
        })?;
        vagt::tjek_token(&ind.token, token)?;
        Ok(ind)
    }

    fn gem(
        &self,
        g: &Grundlag,
        f: &Formular,
        version: &str,
        a: &Adgang,
        delt: &Delt,
    ) -> (Response, Option<bool>) {
        let mut gemt_udkast = None;
        let (status, side) = match gem::gem(&self.rod, g, f, version) {
            Ok(Udfald::Gemt {
                status: s,
                version,
                historik,
                ny_fil,
                uaendret,
                advarsler,
            }) => {
                gemt_udkast = Some(s.udkast);
                let gemt = Formular::fra_status(&g.runde, Some(&s));
                let besked = Besked::Gemt {
                    tid: SystemTime::now(),
                    historik,
                    ny_fil,
                    uaendret,
                };
                let mut side = self.ny_side(g, &gemt, &version, &advarsler, besked, a);
                side.haandrettet = false;
                (200, side.html())
            }
            Ok(Udfald::Fejl(d)) => {
                let n = d.iter().filter(|d| d.er_fejl()).count();
                let side = self.ny_side(g, f, version, &d, Besked::Fejl(n), a);
                (422, side.html())
            }
            Ok(Udfald::Konflikt) => {
                let side = self.ny_side(g, f, version, &[], Besked::Konflikt, a);
                (409, side.html())
            }
            Err(e) => return (skrivefejl(g, &e), None),
        };
        (sidesvar(status, g, &side, delt), gemt_udkast)
    }

    fn ny_side<'a>(
        &'a self,
        g: &'a Grundlag,
        formular: &'a Formular,
        version: &'a str,
        diagnoser: &'a [Diagnose],
        besked: Besked,
        a: &Adgang<'a>,
    ) -> Side<'a> {
        Side {
            g,
            formular,
            token: a.token,
            hostet: a.hostet,
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
    #[derive(Serialize)]
    struct IntetBilag {
        version: u64,
    }
    let id = format!("bilag-{kommune}");
    if o.dokument(&id).is_some() {
        return dokside::fragment(o, &id);
    }
    sider::gengiv(
        "formular-intet-bilag.html",
        IntetBilag {
            version: o.global_version,
        },
    )
}

/// The whole page: the form column beside the live bilag.
fn sidesvar(status: u16, g: &Grundlag, kolonne: &str, delt: &Delt) -> Response {
    let (handlinger, fragment) = delt.laes(|o| bilagsdele(g, o));
    svar::html(status, side_med_bilag(g, kolonne, &handlinger, &fragment))
}

/// What the page shows of the kommune's bilag: the header's links (once it exists)
/// and the live part.
fn bilagsdele(g: &Grundlag, o: &Oversigt) -> (String, String) {
    #[derive(Serialize)]
    struct Handlinger {
        del: String,
    }
    let id = format!("bilag-{}", g.kommune.id);
    let handlinger = match o.dokument(&id) {
        Some(_) => sider::gengiv("formular-handlinger.html", Handlinger { del: url_del(&id) }),
        None => String::new(),
    };
    (handlinger, bilag(o, &g.kommune.id))
}

/// The form column beside the bilag, in the page frame (all three already HTML).
fn side_med_bilag(g: &Grundlag, kolonne: &str, handlinger: &str, fragment: &str) -> String {
    Ramme {
        titel: &format!("Udfyld status: {}", g.kommune.navn),
        dok: Some(&format!("bilag-{}", g.kommune.id)),
        fragment_url: &format!("/udfyld/{}/bilag", url_del(&g.kommune.id)),
        handlinger,
        fragment,
        formular: Some(kolonne),
    }
    .html()
}

/// The form column when the file cannot be read into the form.
fn filfejl(g: &Grundlag, d: &[Diagnose]) -> String {
    #[derive(Serialize)]
    struct Filfejl {
        fil: String,
        kontrol: Option<Kontrol>,
    }
    sider::gengiv(
        "formular-filfejl.html",
        Filfejl {
            fil: side::vis(&g.fil),
            kontrol: Kontrol::af(d),
        },
    )
}

fn mangel(m: Mangel, id: &str) -> Response {
    let (status, html) = mangel_side(m, id);
    svar::html(status, html)
}

/// The page (and its status) for a kommune or project the form cannot be shown for.
fn mangel_side(m: Mangel, id: &str) -> (u16, String) {
    #[derive(Serialize)]
    struct UkendtKommune<'a> {
        titel: &'a str,
        id: &'a str,
    }
    #[derive(Serialize)]
    struct Projektfejl<'a> {
        titel: &'a str,
        kontrol: Option<Kontrol>,
    }
    match m {
        Mangel::UkendtKommune => (
            404,
            sider::gengiv(
                "formular-ukendt-kommune.html",
                UkendtKommune {
                    titel: "Kommunen findes ikke",
                    id,
                },
            ),
        ),
        Mangel::Projekt(d) => (
            409,
            sider::gengiv(
                "formular-projektfejl.html",
                Projektfejl {
                    titel: "Formularen kan ikke vises",
                    kontrol: Kontrol::af(&d.0),
                },
            ),
        ),
    }
}

fn skrivefejl(g: &Grundlag, e: &std::io::Error) -> Response {
    svar::html(500, skrivefejl_side(g, e))
}

/// The page for a file that could not be read or written.
fn skrivefejl_side(g: &Grundlag, e: &std::io::Error) -> String {
    #[derive(Serialize)]
    struct Skrivefejl<'a> {
        titel: &'a str,
        fil: String,
        fejl: String,
    }
    sider::gengiv(
        "formular-skrivefejl.html",
        Skrivefejl {
            titel: "Ikke gemt",
            fil: side::vis(&g.fil),
            fejl: io_fejl(e),
        },
    )
}

#[cfg(test)]
mod tests;
