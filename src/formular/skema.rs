//! The fremdriftsskema in the form: per fokusområde (with the SKAL/KAN subheadings when
//! the round has them) one fieldset per anbefaling, its legend the id and the text;
//! the status as radio buttons with words (a colour mark beside them, never alone);
//! and the «Forslag» list, whose add and remove buttons work without a script.

use std::fmt::Write;

use super::felter::{Felt, Svarfelt};
use super::side::Side;
use crate::indhold::model::{Anbefaling, StatusVis};
use crate::web::html::escape;

impl Side<'_> {
    pub(super) fn anbefalinger(&self) -> String {
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

    pub(super) fn forslag(&self) -> String {
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

/// The colour marks beside the status words, from the one place statuses are defined.
pub fn css() -> String {
    StatusVis::alle()
        .iter()
        .map(|v| {
            let kant = v.kant.map_or("#00000040", |(k, _)| k);
            format!(
                ".maerke.{} {{ background: {}; border-color: {kant}; }}\n",
                v.kode, v.farve
            )
        })
        .collect()
}
