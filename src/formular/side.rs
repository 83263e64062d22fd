//! The form's HTML: a «Gem» bar with a status line (`role="status"`), then the fields
//! — every control with a visible label, every message of `check` at its field
//! (`aria-describedby`, `role="alert"`) and in a list at the top. Everything swapped
//! after a save lives in `#felter`; the bar and its status line stay, so a screen
//! reader hears the status line change.

use std::fmt::Write;
use std::path::PathBuf;
use std::time::SystemTime;

use super::felter::{Felt, Formular};
use super::gem::Grundlag;
use crate::diagnose::Diagnose;
use crate::web::html::{escape, url_del};
use crate::skriv::historik;

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
    /// A forslag was added or removed (numbered from 1), not saved yet.
    Tilfoejet(usize),
    Fjernet(usize),
}

/// Everything the form shows.
pub struct Side<'a> {
    pub g: &'a Grundlag,
    pub formular: &'a Formular,
    pub token: &'a str,
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

impl Side<'_> {
    /// The form column.
    pub fn html(&self) -> String {
        let g = self.g;
        let note = if self.haandrettet {
            r#" aria-describedby="haandrettet""#
        } else {
            ""
        };
        format!(
            r#"<p class="forklaring">Udfyld {kommune}s svar på anbefalingerne for {periode}. «Gem» kontrollerer svarene som <code>fremdrift check</code> og skriver <code>{fil}</code>; bilaget ved siden af opdateres med det samme.</p>
<form id="formular" method="post" action="/udfyld/{del}/" novalidate accept-charset="utf-8">
<input type="hidden" name="token" value="{token}">
<div class="gem-linje"><button type="submit" name="handling" value="gem" id="gem" class="gem"{note}>Gem</button><p id="gemt" class="gemt" role="status">{status}</p></div>
{felter}
</form>"#,
            kommune = escape(&g.kommune.navn),
            periode = escape(&g.runde.periode),
            fil = escape(&vis(&g.fil)),
            del = escape(&url_del(&g.kommune.id)),
            token = escape(self.token),
            status = self.status(),
            felter = self.felter(),
        )
    }

    /// The part swapped after every post.
    fn felter(&self) -> String {
        let fokus = self
            .fokus
            .as_deref()
            .map(|f| format!(r#" data-fokus="{}""#, escape(f)))
            .unwrap_or_default();
        format!(
            r#"<div id="felter"{fokus}><input type="hidden" name="version" value="{version}">{konflikt}{fejlliste}{advarsler}{note}{oplysninger}{anbefalinger}{forslag}</div>"#,
            version = escape(self.version),
            konflikt = self.konflikt(),
            fejlliste = self.fejlliste(),
            advarsler = self.advarsler(),
            note = self.note(),
            oplysninger = self.oplysninger(),
            anbefalinger = self.anbefalinger(),
            forslag = self.forslag(),
        )
    }

    /// The status line's text (HTML).
    fn status(&self) -> String {
        match &self.besked {
            Besked::Ingen => String::new(),
            Besked::Gemt {
                tid,
                historik,
                ny_fil,
                uaendret,
            } => {
                let mut s = format!("Gemt kl. {}.", tidspunkt(*tid));
                if *uaendret {
                    s.push_str(" Der var ingen ændringer.");
                }
                if *ny_fil {
                    let _ = write!(s, " Filen {} er oprettet.", escape(&vis(&self.g.fil)));
                }
                if let Some(h) = historik {
                    let _ = write!(s, " Den forrige udgave ligger i {}.", escape(&vis(h)));
                }
                let advarsler = self.diagnoser.len();
                if advarsler > 0 {
                    let ord = if advarsler == 1 {
                        "advarsel"
                    } else {
                        "advarsler"
                    };
                    let _ = write!(s, " {advarsler} {ord}: se herunder.");
                }
                s
            }
            Besked::Fejl(n) => format!(
                "Ikke gemt: {n} fejl. Ret {}, og tryk «Gem» igen.",
                if *n == 1 { "den" } else { "dem" }
            ),
            Besked::Konflikt => "Ikke gemt: filen er ændret på disken.".into(),
            Besked::Tilfoejet(n) => format!("Forslag {n} er tilføjet (ikke gemt endnu)."),
            Besked::Fjernet(n) => format!("Forslag {n} er fjernet (ikke gemt endnu)."),
        }
    }

    fn konflikt(&self) -> String {
        if !matches!(self.besked, Besked::Konflikt) {
            return String::new();
        }
        format!(
            r#"<div id="konflikt" class="konflikt" role="alert"><h2>Filen er ændret, siden formularen blev hentet</h2><p>{fil} er ændret på disken (af en anden, i en editor, af <code>git pull</code> eller en indlæsning). Intet er gemt, og filen er ikke rørt.</p><p><a href="/udfyld/{del}/">Indlæs filen igen</a> for at se og rette det, der står i den nu. Det, du har skrevet her, kommer ikke med: kopiér det først, hvis du vil beholde det.</p></div>"#,
            fil = escape(&vis(&self.g.fil)),
            del = escape(&url_del(&self.g.kommune.id)),
        )
    }

    /// Every error, each linked to its field, as `check` writes it.
    fn fejlliste(&self) -> String {
        let fejl: Vec<&Diagnose> = self.diagnoser.iter().filter(|d| d.er_fejl()).collect();
        if fejl.is_empty() {
            return String::new();
        }
        let mut ud = format!(
            r#"<div id="fejlliste" class="fejlliste" tabindex="-1"><h2>Intet er gemt: {} fejl</h2><ul>"#,
            fejl.len()
        );
        for d in fejl {
            let tekst = escape(&d.to_string()).replace('\n', "<br>");
            match Felt::for_diagnose(d, self.formular) {
                Some(f) => _ = write!(ud, r##"<li><a href="#{}">{tekst}</a></li>"##, f.html_id()),
                None => _ = write!(ud, "<li>{tekst}</li>"),
            }
        }
        ud.push_str("</ul></div>");
        ud
    }

    fn advarsler(&self) -> String {
        let advarsler: Vec<String> = self
            .diagnoser
            .iter()
            .filter(|d| !d.er_fejl())
            .map(|d| format!("<li>{}</li>", escape(&d.to_string()).replace('\n', "<br>")))
            .collect();
        if advarsler.is_empty() {
            return String::new();
        }
        format!(
            r#"<div id="advarsler-formular" class="advarsler-formular"><h2>Advarsler</h2><ul>{}</ul></div>"#,
            advarsler.concat()
        )
    }

    fn note(&self) -> String {
        if !self.haandrettet {
            return String::new();
        }
        format!(
            r#"<div id="haandrettet" class="note"><p><strong>Bemærk:</strong> {fil} er skrevet eller rettet i hånden. Når du gemmer, skrives filen i fremdrifts standardform, så kommentarer og opstilling, du selv har skrevet i den, bevares ikke. Den nuværende udgave gemmes først i {mappe}/.</p></div>"#,
            fil = escape(&vis(&self.g.fil)),
            mappe = escape(&vis(&historik::mappe_for(&self.g.fil))),
        )
    }

    fn oplysninger(&self) -> String {
        let f = self.formular;
        let udkast = if f.udkast { " checked" } else { "" };
        let mut ud =
            String::from(r#"<fieldset class="oplysninger"><legend>Behandling og kontakt</legend>"#);
        let felter = [
            (
                Felt::Organ,
                "organ",
                &f.organ,
                r#" autocomplete="off""#,
                Some("Fx Beskæftigelsesudvalget eller Byrådet."),
            ),
            (Felt::Dato, "dato", &f.dato, r#" type="date""#, None),
            (
                Felt::Navn,
                "kontakt-navn",
                &f.navn,
                r#" autocomplete="name""#,
                None,
            ),
            (
                Felt::Email,
                "kontakt-email",
                &f.email,
                r#" type="email" autocomplete="email""#,
                None,
            ),
            (
                Felt::Telefon,
                "kontakt-telefon",
                &f.telefon,
                r#" type="tel" autocomplete="tel""#,
                None,
            ),
        ];
        for (felt, navn, vaerdi, attributter, hjaelp) in felter {
            let etiket = felt.etiket(f);
            ud.push_str(&self.tekstfelt(felt, &etiket, navn, vaerdi, attributter, hjaelp));
        }
        let (fejl, beskrevet) = self.fejl_ved(Felt::Udkast, Some("f-udkast-hjaelp"));
        let _ = write!(
            ud,
            r#"<div class="felt afkryds"><input type="checkbox" id="f-udkast" name="udkast" value="ja"{udkast}{beskrevet}><label for="f-udkast">Udkast</label><p class="hjaelp" id="f-udkast-hjaelp">Så længe «Udkast» er valgt, står der UDKAST på hver side af bilaget.</p>{fejl}</div></fieldset>"#
        );
        ud
    }

    /// A labelled single-line field.
    pub(super) fn tekstfelt(
        &self,
        felt: Felt,
        etiket: &str,
        navn: &str,
        vaerdi: &str,
        attributter: &str,
        hjaelp: Option<&str>,
    ) -> String {
        let id = felt.html_id();
        let hjaelp_id = format!("{id}-hjaelp");
        let (fejl, beskrevet) = self.fejl_ved(felt, hjaelp.map(|_| hjaelp_id.as_str()));
        let hjaelp = hjaelp
            .map(|h| format!(r#"<p class="hjaelp" id="{hjaelp_id}">{}</p>"#, escape(h)))
            .unwrap_or_default();
        format!(
            r#"<div class="felt"><label for="{id}">{etiket}</label>{hjaelp}{fejl}<input id="{id}" name="{navn}" value="{v}"{attributter}{beskrevet}></div>"#,
            etiket = escape(etiket),
            navn = escape(navn),
            v = escape(vaerdi),
        )
    }

    /// A labelled text area (paragraphs allowed).
    pub(super) fn tekstomraade(
        &self,
        felt: Felt,
        etiket: &str,
        navn: &str,
        vaerdi: &str,
    ) -> String {
        let id = felt.html_id();
        let (fejl, beskrevet) = self.fejl_ved(felt, None);
        // The line break after the tag is eaten by the HTML parser, so a value that
        // starts with one keeps it.
        format!(
            "<div class=\"felt\"><label for=\"{id}\">{etiket}</label>{fejl}<textarea id=\"{id}\" name=\"{navn}\" rows=\"3\"{beskrevet}>\n{v}</textarea></div>",
            etiket = escape(etiket),
            navn = escape(navn),
            v = escape(vaerdi),
        )
    }

    /// The messages at `felt` (announced as an alert) and the attributes that tie
    /// them, and any help text, to the control.
    pub(super) fn fejl_ved(&self, felt: Felt, hjaelp: Option<&str>) -> (String, String) {
        let id = format!("{}-fejl", felt.html_id());
        let beskeder: Vec<String> = self
            .diagnoser
            .iter()
            .filter(|d| d.er_fejl() && Felt::for_diagnose(d, self.formular) == Some(felt))
            .map(|d| {
                let hint = d
                    .hint
                    .as_deref()
                    .map(|h| format!(r#"<br><span class="hint">hint: {}</span>"#, escape(h)))
                    .unwrap_or_default();
                format!("<strong>Fejl:</strong> {}{hint}", escape(&d.besked))
            })
            .collect();
        let mut ider: Vec<&str> = hjaelp.into_iter().collect();
        let fejl = if beskeder.is_empty() {
            String::new()
        } else {
            ider.push(&id);
            format!(
                r#"<p class="felt-fejl" id="{id}" role="alert">{}</p>"#,
                beskeder.join("<br>")
            )
        };
        let mut attributter = String::new();
        if !ider.is_empty() {
            let _ = write!(attributter, r#" aria-describedby="{}""#, ider.join(" "));
        }
        if !beskeder.is_empty() {
            attributter.push_str(r#" aria-invalid="true""#);
        }
        (fejl, attributter)
    }
}

/// A project path as the user reads it, with forward slashes.
pub(super) fn vis(sti: &std::path::Path) -> String {
    sti.display().to_string().replace('\\', "/")
}

/// `<time>` with the UTC time; the page's script shows it in local time.
fn tidspunkt(t: SystemTime) -> String {
    let stempel = historik::tidsstempel(t);
    let (dato, tid) = stempel.split_once('T').unwrap_or((&stempel, ""));
    let tid = tid.trim_end_matches('Z');
    format!(
        r#"<time datetime="{dato}T{}Z">{tid} UTC</time>"#,
        tid.replace('.', ":")
    )
}
