//! The rules for a kommune's status: a known kommune, answers only to the round's
//! anbefalinger (each once), statuses grøn/gul/rød, a valid date of treatment, and no
//! invisible control characters in any text. The same rules serve YAML files,
//! spreadsheets and the preview's form.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::{Regler, ikke_tom, naermeste_id};
use crate::dansk::liste;
use crate::diagnose::{Diagnoser, Sted};
use crate::indhold::dato::Dato;
use crate::indhold::model::{
    Behandlet, Forslag, Kkr, Kommune, KommuneStatus, Kontakt, Runde, Status, Svar,
};
use crate::indhold::raa::{Placeret, RawStatus, RawSvar, Tekst};

/// Validates one kommune's answers; `fil` is where they came from.
pub fn valider_status(
    raw: RawStatus,
    kkr: &Kkr,
    runde: &Runde,
    fil: &Path,
    d: &mut Diagnoser,
) -> Option<KommuneStatus> {
    let mut r = Regler::ny(fil, d).med_eksempel(runde.dato);
    styretegn_i_status(&raw, &mut r);
    let kommune = kommune(&raw.kommune, kkr, &mut r);
    let behandlet = raw.behandlet.and_then(|b| {
        let dato = r.dato(&b.dato, "behandlet.dato")?;
        behandlingsdato(dato, &b.dato.sted, runde, &mut r);
        Some(Behandlet {
            organ: ikke_tom(b.organ.map(|o| o.vaerdi)),
            dato,
        })
    });
    let kilde = raw.kommune.sted.clone();
    let svar = svar(raw.svar, runde, &mut r);
    if r.uden_fejl() {
        ubesvarede(runde, &svar, &kilde, &mut r);
    }
    // An empty contact (as `fremdrift skabelon` writes it) is no contact.
    let kontakt = raw
        .kontakt
        .map(|k| Kontakt {
            navn: ikke_tom(k.navn.map(|n| n.vaerdi)),
            email: ikke_tom(k.email.map(|e| e.vaerdi)),
            telefon: ikke_tom(k.telefon.map(|t| t.vaerdi.0)),
        })
        .filter(|k| k.navn.is_some() || k.email.is_some() || k.telefon.is_some());
    let forslag = raw
        .forslag
        .into_iter()
        .map(|f| Forslag {
            titel: f.titel.vaerdi.trim().to_string(),
            tekst: ikke_tom(f.tekst.map(|t| t.vaerdi)),
        })
        .collect();
    let kommune = kommune?;
    r.resultat(|| KommuneStatus {
        kommune,
        behandlet,
        kontakt,
        udkast: raw.udkast,
        svar,
        forslag,
        fil: fil.to_path_buf(),
    })
}

/// A warning for a date of treatment outside the round: after its frist, or more than
/// a year before the notat's date — most likely a wrong year.
fn behandlingsdato(dato: Dato, sted: &Sted, runde: &Runde, r: &mut Regler) {
    let notat = runde.dato;
    let sent = runde
        .frist
        .filter(|frist| dato > *frist)
        .map(|frist| format!("efter fristen {}", frist.dansk()));
    let tidligt = (notat.dagnummer() - dato.dagnummer() > 366)
        .then(|| format!("mere end et år før notatets dato {}", notat.dansk()));
    if let Some(hvor) = sent.or(tidligt) {
        r.advarsel(
            Some(sted),
            format!("behandlingsdatoen {} ligger {hvor}", dato.dansk()),
            "tjek årstallet: datoen er den dag, udvalget eller kommunalbestyrelsen behandlede årets status",
        );
    }
}

/// Every text of the status checked for control characters, each at its place.
fn styretegn_i_status(raw: &RawStatus, r: &mut Regler) {
    let organ = raw.behandlet.as_ref().and_then(|b| b.organ.as_ref());
    r.styretegn("«behandlet.organ»", organ);
    if let Some(k) = &raw.kontakt {
        r.styretegn("«kontakt.navn»", k.navn.as_ref());
        r.styretegn("«kontakt.e-mail»", k.email.as_ref());
        r.styretegn("«kontakt.telefon»", k.telefon.as_ref());
    }
    for (id, s) in &raw.svar {
        let felt = format!("bemærkningen til «{}»", id.vaerdi.as_str().trim());
        r.styretegn(&felt, s.bemaerkning.as_ref());
    }
    for (i, f) in raw.forslag.iter().enumerate() {
        r.styretegn(&format!("titlen på forslag {}", i + 1), Some(&f.titel));
        r.styretegn(&format!("teksten i forslag {}", i + 1), f.tekst.as_ref());
    }
}

/// A status file is named for its kommune: `albertslund.yaml` holds `kommune: albertslund`.
pub fn tjek_filnavn(s: &KommuneStatus, sted: &Sted, filer: &[PathBuf], d: &mut Diagnoser) -> bool {
    let Some(stamme) = s.fil.file_stem().and_then(|n| n.to_str()) else {
        return true;
    };
    let id = &s.kommune.id;
    if stamme == id {
        return true;
    }
    let findes = filer
        .iter()
        .any(|f| f.file_stem().is_some_and(|n| n == id.as_str()));
    let hint = if findes {
        format!(
            "«{id}.yaml» findes allerede: ret «kommune:» i denne fil, eller slet den ene af filerne"
        )
    } else {
        format!("omdøb filen til «{id}.yaml», så hver kommune har én fil")
    };
    Regler::ny(&s.fil, d).fejl(
        Some(sted),
        format!("filen hedder «{stamme}», men er for kommunen «{id}»"),
        hint,
    );
    false
}

fn kommune(k: &Placeret<Tekst>, kkr: &Kkr, r: &mut Regler) -> Option<Kommune> {
    let id = k.vaerdi.as_str().trim();
    if let Some(fundet) = kkr.kommuner.iter().find(|m| m.id == id) {
        return Some(fundet.clone());
    }
    r.ukendt(
        &k.sted,
        format!("kommunen «{id}» findes ikke i {}", kkr.navn),
        id,
        kkr.kommuner.iter().map(|m| m.id.as_str()),
        "Kommunerne står i content/kkr.yaml",
        "brug et id fra listen «kommuner» i content/kkr.yaml",
    );
    None
}

/// The answers by anbefaling id: only ids of the round, each once.
fn svar(
    raw: Vec<(Placeret<Tekst>, RawSvar)>,
    runde: &Runde,
    r: &mut Regler,
) -> BTreeMap<String, Svar> {
    let mut ud = BTreeMap::new();
    let mut hvor: HashMap<String, String> = HashMap::new();
    for (id, s) in raw {
        let id_s = id.vaerdi.as_str().trim().to_string();
        if !runde.anbefalinger().any(|a| a.id == id_s) {
            ukendt_id(&id, runde, r);
            continue;
        }
        if let Some(foer) = hvor.insert(id_s.clone(), id.hvor()) {
            r.fejl(
                Some(&id.sted),
                format!("anbefaling «{id_s}» er besvaret to gange"),
                format!("den er også besvaret i {foer}; slet den ene"),
            );
            continue;
        }
        let status = s.status.as_ref().and_then(|st| status(st, r));
        if let Some(b) = &s.bemaerkning {
            lang_bemaerkning(&id_s, b, r);
        }
        let bemaerkning = ikke_tom(s.bemaerkning.map(|b| b.vaerdi));
        // An empty answer (as `fremdrift skabelon` writes them) is no answer.
        if status.is_some() || bemaerkning.is_some() {
            ud.insert(
                id_s,
                Svar {
                    status,
                    bemaerkning,
                },
            );
        }
    }
    ud
}

/// A remark longer than this many characters fills more than a page of the bilag's
/// remark column (about 40 characters a line, 50 lines a page).
pub const LANG_BEMAERKNING: usize = 2_000;

/// A warning for a remark so long that it breaks across pages of the bilag.
fn lang_bemaerkning(id: &str, b: &Placeret<String>, r: &mut Regler) {
    let tegn = b.vaerdi.trim().chars().count();
    if tegn > LANG_BEMAERKNING {
        r.advarsel(
            Some(&b.sted),
            format!(
                "bemærkningen til «{id}» er {} tegn og fylder mere end en side i bilaget",
                crate::dansk::tal(tegn as u64)
            ),
            format!("den fortsætter i rækker med «{id} (fortsat)»; overvej at korte den ned til det vigtigste (højst ca. {} tegn)", crate::dansk::tal(LANG_BEMAERKNING as u64)),
        );
    }
}

fn ukendt_id(id: &Placeret<Tekst>, runde: &Runde, r: &mut Regler) {
    let t = id.vaerdi.as_str();
    let ids = runde.anbefalinger().map(|a| a.id.as_str());
    let kilde = format!("content/{}/anbefalinger.yaml", runde.periode);
    let hint = match naermeste_id(t, ids) {
        Some(n) => format!("mente du «{n}»? Anbefalingerne står i {kilde}"),
        None => format!("brug et id fra {kilde}"),
    };
    r.fejl(
        Some(&id.sted),
        format!(
            "der findes ingen anbefaling med id «{t}» i {}",
            runde.periode
        ),
        hint,
    );
}

/// grøn, gul or rød in any case; empty means not answered yet.
fn status(s: &Placeret<Tekst>, r: &mut Regler) -> Option<Status> {
    let t = s.vaerdi.as_str();
    if t.trim().is_empty() {
        return None;
    }
    let fundet = Status::fra_tekst(t);
    if fundet.is_none() {
        r.ukendt(
            &s.sted,
            format!("ugyldig status «{t}»"),
            t.trim(),
            Status::ALLE.iter().map(|s| s.yaml()),
            "Gyldige værdier er grøn, gul og rød",
            "gyldige værdier er grøn, gul og rød",
        );
    }
    fundet
}

/// A warning naming the anbefalinger without a status; its hint speaks of where they
/// are answered — the file's field, the workbook's column or the form's choices
/// (`kilde` is where the answers came from).
fn ubesvarede(runde: &Runde, svar: &BTreeMap<String, Svar>, kilde: &Sted, r: &mut Regler) {
    let mangler: Vec<&str> = runde
        .anbefalinger()
        .map(|a| a.id.as_str())
        .filter(|id| svar.get(*id).and_then(|s| s.status).is_none())
        .collect();
    let n = mangler.len();
    if n == 0 {
        return;
    }
    let ord = if n == 1 {
        "anbefaling er"
    } else {
        "anbefalinger er"
    };
    r.advarsel(
        None,
        format!("{n} {ord} ikke besvaret: {}", liste(&mangler)),
        match kilde {
            Sted::Linje(_) => "de vises som «Ikke besvaret» i bilaget; udfyld «status» for at besvare dem",
            Sted::Celle(_) => "de vises som «Ikke besvaret» i bilaget; vælg grøn, gul eller rød i kolonnen «Status» for at besvare dem",
            Sted::Felt(_) => "de vises som «Ikke besvaret» i bilaget; vælg Grøn, Gul eller Rød ved dem for at besvare dem",
            Sted::Dokument(_) => "de vises som «Ikke besvaret» i bilaget; vælg Grøn, Gul eller Rød i feltet «Status» ved dem for at besvare dem",
        },
    );
}
