//! The form's HTML: a «Gem» bar with a status line (`role="status"`), then the fields
//! — every control with a visible label, every message of `check` at its field
//! (`aria-describedby`, `role="alert"`) and in a list at the top. Everything swapped
//! after a save lives in `#felter`; the bar and its status line stay, so a screen
//! reader hears the status line change.

use std::path::PathBuf;
use std::time::SystemTime;

use serde::Serialize;

use super::felter::{Felt, Formular};
use super::feltgrupper;
use super::feltvisning::{Feltvisning, Kontrolbygger};
use super::gem::Grundlag;
use crate::diagnose::Diagnose;

use crate::skriv::historik;
use crate::web::html::url_del;
use crate::web::sider;

/// What the status line says.
#[derive(Debug)]
pub enum Besked {
    Ingen,
    Gemt {
        tid: SystemTime,
        historik: Option<PathBuf>,
        ny_fil: bool,
        uaendret: bool,
    },
    /// Not saved: this many errors.
    Fejl(usize),
    Konflikt,
    /// Not saved: the hosted page is read-only (after the frist).
    Laast,
    /// A forslag was added or removed (numbered from 1), not saved yet.
    Tilfoejet(usize),
    Fjernet(usize),
}

/// Everything the form shows.
pub struct Side<'a> {
    pub g: &'a Grundlag,
    pub formular: &'a Formular,
    pub token: &'a str,
    /// On the hosted collection: what the kommune's page shows besides the form.
    pub(crate) hostet: Option<&'a Hostet>,
    /// The version of the file the form was loaded from.
    pub version: &'a str,
    /// The messages of `check` for the posted answers.
    pub diagnoser: &'a [Diagnose],
    pub besked: Besked,
    /// The file differs from its canonical form: a save rewrites it.
    pub haandrettet: bool,
    /// The id of the control to focus after the page part is swapped in.
    pub fokus: Option<String>,
}

/// What the hosted collection's page adds to the form.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct Hostet {
    /// Read-only (after the frist): the message saying why and whom to write to.
    pub laast: Option<String>,
    /// A message left by the previous answer (after an upload), shown once.
    pub besked: Option<String>,
    /// The errors of an upload that was refused, as `indlaes` prints them.
    pub uploadfejl: Vec<String>,
    /// The secretariat's e-mail, for the page's help text.
    pub sekretariat: Option<String>,
}

/// What `formular.html` shows.
#[derive(Serialize)]
struct Kontekst<'a> {
    kommune: &'a str,
    periode: &'a str,
    fil: String,
    del: String,
    token: &'a str,
    hostet: Option<&'a Hostet>,
    version: &'a str,
    fokus: Option<&'a str>,
    haandrettet: bool,
    historikmappe: String,
    status: Statuslinje,
    fejlliste: Vec<Fejlpunkt>,
    advarsler: Vec<String>,
    oplysninger: Vec<Feltvisning<'a>>,
    udkast: Afkrydsning<'a>,
    fokusomraader: Vec<feltgrupper::Fokusomraade<'a>>,
    statusvalg: Vec<feltgrupper::Statusvalg>,
    forslag: Vec<feltgrupper::Forslag<'a>>,
}

/// The status line: `art` is `ingen`, `gemt`, `fejl`, `konflikt`, `tilfoejet` or
/// `fjernet`; `n` the number that goes with it.
#[derive(Serialize)]
struct Statuslinje {
    art: &'static str,
    n: usize,
    tid: Option<Tidspunkt>,
    uaendret: bool,
    ny_fil: bool,
    historik: Option<String>,
}

/// An error in the list at the top, linked to its field where it has one.
#[derive(Serialize)]
struct Fejlpunkt {
    tekst: String,
    felt: Option<String>,
}

#[derive(Serialize)]
struct Afkrydsning<'a> {
    valgt: bool,
    felt: Feltvisning<'a>,
}

impl Side<'_> {
    /// The form column.
    pub fn html(&self) -> String {
        let g = self.g;
        let kontekst = Kontekst {
            kommune: &g.kommune.navn,
            periode: &g.runde.periode,
            fil: vis(&g.fil),
            del: url_del(&g.kommune.id),
            token: self.token,
            hostet: self.hostet,
            version: self.version,
            fokus: self.fokus.as_deref(),
            haandrettet: self.haandrettet,
            historikmappe: vis(&historik::mappe_for(&g.fil)),
            status: self.status(),
            fejlliste: self.fejlliste(),
            advarsler: self
                .diagnoser
                .iter()
                .filter(|d| !d.er_fejl())
                .map(|d| d.to_string())
                .collect(),
            oplysninger: self.oplysninger(),
            udkast: Afkrydsning {
                valgt: self.formular.udkast,
                felt: self.felt(
                    Felt::Udkast,
                    "Udkast".into(),
                    "udkast",
                    "ja",
                    Some("Så længe «Udkast» er valgt, står der UDKAST på hver side af bilaget."),
                ),
            },
            fokusomraader: feltgrupper::fokusomraader(&self.kontroller(), self.g),
            statusvalg: feltgrupper::statusvalg(),
            forslag: feltgrupper::forslag(&self.kontroller()),
        };
        sider::gengiv("formular.html", kontekst)
    }

    /// The status line.
    fn status(&self) -> Statuslinje {
        let mut linje = Statuslinje {
            art: "ingen",
            n: 0,
            tid: None,
            uaendret: false,
            ny_fil: false,
            historik: None,
        };
        match &self.besked {
            Besked::Ingen => {}
            Besked::Gemt {
                tid,
                historik,
                ny_fil,
                uaendret,
            } => {
                linje.art = "gemt";
                linje.n = self.diagnoser.len();
                linje.tid = Some(tidspunkt(*tid));
                linje.uaendret = *uaendret;
                linje.ny_fil = *ny_fil;
                linje.historik = historik.as_deref().map(vis);
            }
            Besked::Fejl(n) => (linje.art, linje.n) = ("fejl", *n),
            Besked::Konflikt => linje.art = "konflikt",
            Besked::Laast => linje.art = "laast",
            Besked::Tilfoejet(n) => (linje.art, linje.n) = ("tilfoejet", *n),
            Besked::Fjernet(n) => (linje.art, linje.n) = ("fjernet", *n),
        }
        linje
    }

    /// Every error, each linked to its field, as `check` writes it.
    fn fejlliste(&self) -> Vec<Fejlpunkt> {
        self.diagnoser
            .iter()
            .filter(|d| d.er_fejl())
            .map(|d| Fejlpunkt {
                tekst: d.to_string(),
                felt: Felt::for_diagnose(d, self.formular).map(Felt::html_id),
            })
            .collect()
    }

    fn oplysninger(&self) -> Vec<Feltvisning<'_>> {
        let f = self.formular;
        let felter = [
            (Felt::Organ, "organ", &f.organ, None, Some("off")),
            (Felt::Dato, "dato", &f.dato, Some("date"), None),
            (Felt::Navn, "kontakt-navn", &f.navn, None, Some("name")),
            (
                Felt::Email,
                "kontakt-email",
                &f.email,
                Some("email"),
                Some("email"),
            ),
            (
                Felt::Telefon,
                "kontakt-telefon",
                &f.telefon,
                Some("tel"),
                Some("tel"),
            ),
        ];
        felter
            .into_iter()
            .map(|(felt, navn, vaerdi, type_, autocomplete)| {
                let hjaelp =
                    (felt == Felt::Organ).then_some("Fx Beskæftigelsesudvalget eller Byrådet.");
                self.felt(felt, felt.etiket(f), navn, vaerdi, hjaelp)
                    .med_type(type_, autocomplete)
            })
            .collect()
    }

    /// A control of this page (see [`Kontrolbygger::felt`]).
    pub(super) fn felt<'b>(
        &'b self,
        felt: Felt,
        etiket: String,
        navn: &str,
        vaerdi: &'b str,
        hjaelp: Option<&'static str>,
    ) -> Feltvisning<'b> {
        self.kontroller().felt(felt, etiket, navn, vaerdi, hjaelp)
    }

    /// What the page's controls are made from: the form and the messages of `check`.
    fn kontroller(&self) -> Kontrolbygger<'_> {
        Kontrolbygger {
            formular: self.formular,
            diagnoser: self.diagnoser,
        }
    }
}

/// A project path as the user reads it, with forward slashes.
pub(super) fn vis(sti: &std::path::Path) -> String {
    sti.display().to_string().replace('\\', "/")
}

/// A moment for `<time>`: Danish time, as the clock on the wall in Denmark shows it.
#[derive(Serialize)]
struct Tidspunkt {
    /// `2016-02-29T02:01:01+01:00`.
    datetime: String,
    /// `02.01.01`.
    klokken: String,
}

fn tidspunkt(t: SystemTime) -> Tidspunkt {
    let tid = crate::klokken::dansk_tid(t);
    Tidspunkt {
        datetime: tid.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        klokken: tid.strftime("%H.%M.%S").to_string(),
    }
}
