//! The form as it was built before the templates (`format!` and `escape`), kept only
//! for `benches/sider.rs` and the tests that the templates give the same bytes.

#![allow(clippy::all, dead_code)]

use std::fmt::Write;
use std::ops::Deref;
use std::time::SystemTime;

use super::felter::{Felt, Svarfelt};
use super::side::{Besked, Side};
use crate::diagnose::Diagnose;
use crate::indhold::model::{Anbefaling, StatusVis};
use crate::skriv::historik;
use crate::visning::tilstand::Oversigt;
use crate::web::escape::escape;
use crate::web::html::url_del;

/// The form of before, over the same [`Side`].
pub struct Foer<'a>(pub &'a Side<'a>);

impl<'a> Deref for Foer<'a> {
    type Target = Side<'a>;
    fn deref(&self) -> &Side<'a> {
        self.0
    }
}

impl Foer<'_> {
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
            // The old code had no hosted page.
            Besked::Ingen | Besked::Laast => String::new(),
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
    fn tekstfelt(
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
    fn tekstomraade(&self, felt: Felt, etiket: &str, navn: &str, vaerdi: &str) -> String {
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
    fn fejl_ved(&self, felt: Felt, hjaelp: Option<&str>) -> (String, String) {
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
fn vis(sti: &std::path::Path) -> String {
    sti.display().to_string().replace('\\', "/")
}

/// `<time>` with the Danish time.
fn tidspunkt(t: SystemTime) -> String {
    let tid = crate::klokken::dansk_tid(t);
    format!(
        r#"<time datetime="{}">{}</time>"#,
        tid.strftime("%Y-%m-%dT%H:%M:%S%:z"),
        tid.strftime("%H.%M.%S")
    )
}

impl Foer<'_> {
    fn anbefalinger(&self) -> String {
        let runde = &self.g.runde;
        let mut ud = String::new();
        for (nr, fokus) in runde.fokusomraader.iter().enumerate() {
            let _ = write!(
                ud,
                r#"<section class="fokus" aria-labelledby="fokus{n}"><h2 id="fokus{n}">{}</h2>"#,
                escape(&fokus.titel),
                n = nr + 1
            );
            let mut forrige = None;
            for a in &fokus.anbefalinger {
                if let Some(niveau) = a.niveau.filter(|n| forrige != Some(*n)) {
                    let _ = write!(
                        ud,
                        "<h3>{}</h3>",
                        escape(&niveau.overskrift(&runde.periode))
                    );
                }
                forrige = a.niveau;
                ud.push_str(&self.anbefaling(a));
            }
            ud.push_str("</section>");
        }
        ud
    }

    fn anbefaling(&self, a: &Anbefaling) -> String {
        let svar = &self.formular.svar;
        let Some(i) = svar.iter().position(|s| s.id == a.id) else {
            return String::new();
        };
        format!(
            r#"<fieldset class="anbefaling" id="a{n}"><legend><span class="anb-id">{id}</span> {tekst}</legend>{tidligere}{status}{bem}</fieldset>"#,
            n = i + 1,
            id = escape(&a.id),
            tekst = escape(&a.tekst),
            tidligere = self.tidligere(&a.id),
            status = self.statusvalg(i, &svar[i]),
            bem = self.tekstomraade(
                Felt::Bemaerkning(i),
                "Bemærkning",
                &format!("bemaerkning.{}", a.id),
                &svar[i].bemaerkning
            ),
        )
    }

    /// The radio buttons «Grøn», «Gul», «Rød» and «Ikke besvaret».
    fn statusvalg(&self, i: usize, s: &Svarfelt) -> String {
        let felt = Felt::Status(i);
        let id = felt.html_id();
        let (fejl, attributter) = self.fejl_ved(felt, None);
        let valgt = s.status.trim().to_lowercase();
        let mut ud = format!(
            r#"<fieldset class="status" role="radiogroup" id="{id}"{attributter}><legend>Status</legend>{fejl}<div class="valg">"#
        );
        for v in StatusVis::alle() {
            let _ = write!(
                ud,
                r#"<span class="valg-{kode}"><input type="radio" id="{id}-{kode}" name="status.{navn}" value="{vaerdi}"{valgt}><label for="{id}-{kode}"><span class="maerke {kode}" aria-hidden="true"></span>{tekst}</label></span>"#,
                kode = v.kode,
                navn = escape(&s.id),
                vaerdi = v.yaml,
                valgt = if valgt == v.yaml { " checked" } else { "" },
                tekst = v.navn,
            );
        }
        ud.push_str("</div></fieldset>");
        ud
    }

    /// The kommune's answer of the previous period (through `erstatter`), to update:
    /// «2015: Gul – …», «2015 (v3): Grøn» or «Ny i 2016».
    fn tidligere(&self, id: &str) -> String {
        let Some(t) = &self.g.sidste_aar else {
            return String::new();
        };
        t.linjer(id)
            .iter()
            .map(|l| format!(r#"<p class="tidligere">{}</p>"#, escape(l)))
            .collect()
    }

    fn forslag(&self) -> String {
        let mut ud = String::from(
            r#"<section class="forslag-liste" aria-labelledby="forslag-overskrift"><h2 id="forslag-overskrift">Forslag til nye samarbejdsområder</h2>"#,
        );
        if self.formular.forslag.is_empty() {
            ud.push_str(r#"<p class="hjaelp">Ingen forslag endnu (de er valgfrie).</p>"#);
        }
        for (i, f) in self.formular.forslag.iter().enumerate() {
            let n = i + 1;
            let _ = write!(
                ud,
                r#"<fieldset class="forslag" id="forslag{n}"><legend>Forslag {n}</legend>{titel}{tekst}<button type="submit" name="handling" value="fjern-forslag-{n}" class="fjern">Fjern forslag {n}</button></fieldset>"#,
                titel = self.tekstfelt(
                    Felt::ForslagTitel(i),
                    "Titel",
                    &format!("forslag.{n}.titel"),
                    &f.titel,
                    "",
                    None
                ),
                tekst = self.tekstomraade(
                    Felt::ForslagTekst(i),
                    "Tekst",
                    &format!("forslag.{n}.tekst"),
                    &f.tekst
                ),
            );
        }
        ud.push_str(r#"<button type="submit" name="handling" value="tilfoej-forslag" id="tilfoej-forslag" class="tilfoej">Tilføj forslag</button></section>"#);
        ud
    }
}

/// The whole form page of before: the form column beside the live bilag.
pub(super) fn side_foer(kolonne: &str, g: &super::gem::Grundlag, o: &Oversigt) -> String {
    let id = format!("bilag-{}", g.kommune.id);
    let del = url_del(&g.kommune.id);
    let (findes, fragment) = (o.dokument(&id).is_some(), bilag_foer(o, &g.kommune.id));
    let handlinger = if findes {
        format!(
            r#"<a class="knap" href="/dok/{d}/">Se bilaget</a><a class="knap" id="hent-pdf" href="/dok/{d}/pdf" download>Hent PDF</a>"#,
            d = escape(&url_del(&id))
        )
    } else {
        String::new()
    };
    crate::web::foer::Ramme {
        titel: &format!("Udfyld status: {}", g.kommune.navn),
        dok: Some(&id),
        fragment_url: &format!("/udfyld/{del}/bilag"),
        handlinger: &handlinger,
        fragment: &fragment,
        formular: Some(kolonne),
    }
    .html()
}

fn bilag_foer(o: &Oversigt, kommune: &str) -> String {
    let id = format!("bilag-{kommune}");
    if o.dokument(&id).is_some() {
        return crate::web::foer::dok_fragment(o, &id);
    }
    format!(
        r#"<div id="dokument" data-version="{}" data-tilstand="mangler"><p class="tom">Der er intet bilag endnu. Det vises her, når status er gemt, og filen er uden fejl.</p><div id="sider"></div></div>"#,
        o.global_version
    )
}

/// A kommune's form page, rendered by the templates (`nu`) and by the code they
/// replaced (`foer`), beside a bilag of three pages: for `benches/sider.rs`.
pub struct Formularmaal {
    g: super::gem::Grundlag,
    formular: super::felter::Formular,
    version: String,
    o: Oversigt,
}

impl Formularmaal {
    /// The form of kommune `id` in the project at `rod`, filled in from its file.
    pub fn ny(rod: &std::path::Path, periode: &str, id: &str) -> Self {
        let g = super::gem::Grundlag::laes(rod, periode, id)
            .unwrap_or_else(|_| panic!("kommunen {id} findes i {}", rod.display()));
        let data = g.laes_fil(rod).expect("statusfilen kan læses");
        let status = data
            .as_deref()
            .map(|d| g.status(d).expect("statusfilen er gyldig"));
        let formular = super::felter::Formular::fra_status(&g.runde, status.as_ref());
        let mut o = Oversigt {
            periode: periode.into(),
            ..Oversigt::default()
        };
        o.dokumenter.push(crate::web::foer::visning(
            &format!("bilag-{id}"),
            "Bilag",
            None,
        ));
        Self {
            version: super::gem::version(data.as_deref()),
            g,
            formular,
            o,
        }
    }

    fn side(&self) -> Side<'_> {
        Side {
            g: &self.g,
            formular: &self.formular,
            token: "token",
            hostet: None,
            version: &self.version,
            diagnoser: &[],
            besked: Besked::Ingen,
            haandrettet: false,
            fokus: None,
        }
    }

    pub fn nu(&self) -> String {
        let (handlinger, fragment) = super::bilagsdele(&self.g, &self.o);
        super::side_med_bilag(&self.g, &self.side().html(), &handlinger, &fragment)
    }

    pub fn foer(&self) -> String {
        side_foer(&Foer(&self.side()).html(), &self.g, &self.o)
    }
}
