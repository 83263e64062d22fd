//! Checks raw content and turns it into the validated model, collecting every problem.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use super::raw::*;
use super::*;
use crate::dato::{Dato, DatoFejl};
use crate::diag::{Diagnose, Diagnoser, Pos, liste, naermeste};

fn pos<T>(s: &Spanned<T>) -> Option<Pos> {
    Some(Pos::fra(s.referenced))
}

/// True for ids such as `albertslund`, `hoeje-taastrup` or `v1`.
fn er_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn dato(s: &Spanned<Tekst>, felt: &str, fil: &Path, d: &mut Diagnoser) -> Option<Dato> {
    match Dato::parse(s.value.as_str()) {
        Ok(dato) => Some(dato),
        Err(DatoFejl::Form) => {
            d.push(
                Diagnose::fejl(
                    fil,
                    pos(s),
                    format!("«{}» er ikke en dato ({felt})", s.value.as_str()),
                )
                .med_hint("skriv datoen som ÅÅÅÅ-MM-DD, fx 2016-01-26"),
            );
            None
        }
        Err(DatoFejl::FindesIkke) => {
            d.push(
                Diagnose::fejl(
                    fil,
                    pos(s),
                    format!("datoen {} findes ikke ({felt})", s.value.as_str()),
                )
                .med_hint("tjek måned og dag; februar har 28 dage (29 i skudår)"),
            );
            None
        }
    }
}

fn ikke_tom(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Validates `kkr.yaml`.
pub fn valider_kkr(raw: RawKkr, fil: &Path, d: &mut Diagnoser) -> Option<Kkr> {
    let start = d.antal_fejl();
    if raw.navn.value.trim().is_empty() {
        d.push(
            Diagnose::fejl(fil, pos(&raw.navn), "KKR'ets navn er tomt")
                .med_hint("fx «navn: KKR Hovedstaden»"),
        );
    }
    if raw.kommuner.value.is_empty() {
        d.push(
            Diagnose::fejl(fil, pos(&raw.kommuner), "listen «kommuner» er tom")
                .med_hint("tilføj KKR'ets kommuner med id, kode og navn"),
        );
    }
    let mut ids: HashMap<String, u64> = HashMap::new();
    let mut koder: HashMap<u32, u64> = HashMap::new();
    let mut kommuner = Vec::new();
    for k in raw.kommuner.value {
        let id = k.id.value.as_str().to_string();
        let linje = k.id.referenced.line();
        if !er_slug(&id) {
            d.push(
                Diagnose::fejl(
                    fil,
                    pos(&k.id),
                    format!("kommune-id «{id}» må kun have små bogstaver a-z, tal og bindestreg"),
                )
                .med_hint("skriv æ som ae, ø som oe og å som aa, fx «hoeje-taastrup»"),
            );
        } else if let Some(foer) = ids.insert(id.clone(), linje) {
            d.push(
                Diagnose::fejl(fil, pos(&k.id), format!("kommune-id «{id}» står to gange"))
                    .med_hint(format!("det blev også brugt i linje {foer}")),
            );
        }
        let Some(kode) = kommunekode(&k.kode, fil, d) else {
            continue;
        };
        if let Some(foer) = koder.insert(kode, k.kode.referenced.line()) {
            d.push(
                Diagnose::fejl(
                    fil,
                    pos(&k.kode),
                    format!("kommunekode {kode} står to gange"),
                )
                .med_hint(format!("den blev også brugt i linje {foer}")),
            );
        }
        kommuner.push(Kommune {
            id,
            kode,
            navn: k.navn.trim().to_string(),
        });
    }
    let s = raw.sekretariat.unwrap_or(RawSekretariat {
        navn: None,
        email: None,
        telefon: None,
        mobil: None,
        adresse: Vec::new(),
    });
    (d.antal_fejl() == start).then(|| Kkr {
        navn: raw.navn.value.trim().to_string(),
        web: ikke_tom(raw.web),
        sekretariat: Sekretariat {
            navn: ikke_tom(s.navn),
            email: ikke_tom(s.email),
            telefon: ikke_tom(s.telefon.map(|t| t.tekst)),
            mobil: ikke_tom(s.mobil.map(|t| t.tekst)),
            adresse: s.adresse,
        },
        kommuner,
    })
}

fn kommunekode(k: &Spanned<Tekst>, fil: &Path, d: &mut Diagnoser) -> Option<u32> {
    let t = k.value.as_str();
    if k.value.tal {
        if let Ok(n @ 1..=999) = t.parse::<u32>() {
            return Some(n);
        }
        d.push(
            Diagnose::fejl(fil, pos(k), format!("kommunekoden {t} er uden for 1-999"))
                .med_hint("kommunekoder har tre cifre, fx 165 for Albertslund"),
        );
    } else if t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit()) {
        d.push(
            Diagnose::fejl(
                fil,
                pos(k),
                format!("kommunekoden «{t}» har et foranstillet nul"),
            )
            .med_hint("skriv koden uden nul foran; et foranstillet nul læses ikke som oktaltal"),
        );
    } else {
        d.push(
            Diagnose::fejl(fil, pos(k), format!("kommunekoden «{t}» er ikke et tal"))
                .med_hint("kommunekoder har tre cifre, fx 165 for Albertslund"),
        );
    }
    None
}

/// Validates `anbefalinger.yaml` for one period.
pub fn valider_runde(raw: RawRunde, periode: &str, fil: &Path, d: &mut Diagnoser) -> Option<Runde> {
    let start = d.antal_fejl();
    let dato_v = dato(&raw.dato, "dato", fil, d);
    let frist = raw.frist.as_ref().and_then(|f| dato(f, "frist", fil, d));
    if raw.fokusomraader.is_empty() {
        d.push(
            Diagnose::fejl(fil, None, "listen «fokusområder» er tom")
                .med_hint("tilføj mindst ét fokusområde med anbefalinger"),
        );
    }
    let har_niveauer = raw
        .fokusomraader
        .iter()
        .flat_map(|f| &f.anbefalinger)
        .any(|a| a.niveau.is_some());
    let mut set: HashMap<String, u64> = HashMap::new();
    let mut fokusomraader = Vec::new();
    for f in raw.fokusomraader {
        let mut anbefalinger = Vec::new();
        for a in f.anbefalinger {
            if let Some(anb) = anbefaling(a, har_niveauer, &mut set, fil, d) {
                anbefalinger.push(anb);
            }
        }
        // SKAL before KAN, keeping the written order within each.
        anbefalinger.sort_by_key(|a: &Anbefaling| a.niveau);
        fokusomraader.push(Fokus {
            titel: f.titel.trim().to_string(),
            indledning: ikke_tom(f.indledning),
            anbefalinger,
        });
    }
    let pejlemaerker = raw
        .pejlemaerker
        .into_iter()
        .map(|p| Pejlemaerke {
            titel: p.titel.trim().to_string(),
            tekst: ikke_tom(p.tekst),
        })
        .collect();
    (d.antal_fejl() == start).then(|| Runde {
        periode: periode.to_string(),
        titel: raw.titel.trim().to_string(),
        dato: dato_v.expect("checked above"),
        sags_id: ikke_tom(raw.sags_id.map(|t| t.tekst)),
        dok_id: ikke_tom(raw.dok_id.map(|t| t.tekst)),
        frist,
        indledning: ikke_tom(raw.indledning),
        pejlemaerker,
        fokusomraader,
        har_niveauer,
    })
}

/// Reads `niveau: skal|kan`, reporting anything else with a suggestion.
fn niveau(n: &Spanned<Tekst>, fil: &Path, d: &mut Diagnoser) -> Option<Niveau> {
    match n.value.as_str().trim().to_lowercase().as_str() {
        "skal" => Some(Niveau::Skal),
        "kan" => Some(Niveau::Kan),
        andet => {
            let hint = match naermeste(andet, ["skal", "kan"]) {
                Some(f) => format!("mente du «{f}»? Gyldige værdier er skal og kan"),
                None => "gyldige værdier er skal og kan (eller udelad feltet)".into(),
            };
            let besked = format!("ugyldigt niveau «{}»", n.value.as_str());
            d.push(Diagnose::fejl(fil, pos(n), besked).med_hint(hint));
            None
        }
    }
}

fn anbefaling(
    a: RawAnbefaling,
    har_niveauer: bool,
    set: &mut HashMap<String, u64>,
    fil: &Path,
    d: &mut Diagnoser,
) -> Option<Anbefaling> {
    let id = a.id.value.as_str().to_string();
    if !er_slug(&id) {
        d.push(
            Diagnose::fejl(
                fil,
                pos(&a.id),
                format!("anbefalings-id «{id}» må kun have små bogstaver a-z, tal og bindestreg"),
            )
            .med_hint("fx «v1» eller «virk-1»"),
        );
        return None;
    }
    if let Some(foer) = set.insert(id.clone(), a.id.referenced.line()) {
        d.push(
            Diagnose::fejl(
                fil,
                pos(&a.id),
                format!("anbefalings-id «{id}» står to gange"),
            )
            .med_hint(format!(
                "det blev også brugt i linje {foer}; hvert id skal være entydigt i runden"
            )),
        );
        return None;
    }
    let niveau = match &a.niveau {
        None if har_niveauer => {
            d.push(Diagnose::fejl(fil, pos(&a.id), format!("anbefaling «{id}» mangler «niveau»"))
                .med_hint("runden deler anbefalingerne i SKAL og KAN: skriv «niveau: skal» eller «niveau: kan»"));
            return None;
        }
        None => None,
        Some(n) => Some(niveau(n, fil, d)?),
    };
    Some(Anbefaling {
        id,
        niveau,
        tekst: a.tekst.trim().to_string(),
    })
}

/// Validates one kommune's status file.
pub fn valider_status(
    raw: RawStatus,
    kkr: &Kkr,
    runde: &Runde,
    fil: &Path,
    filer: &[PathBuf],
    d: &mut Diagnoser,
) -> Option<KommuneStatus> {
    let start = d.antal_fejl();
    let kommune = find_kommune(&raw.kommune, kkr, fil, d);
    if let (Some(k), Some(stamme)) = (&kommune, fil.file_stem().and_then(|s| s.to_str()))
        && k.id != stamme
    {
        d.push(
            Diagnose::fejl(
                fil,
                pos(&raw.kommune),
                format!("filen hedder «{stamme}», men er for kommunen «{}»", k.id),
            )
            .med_hint(if filer.iter().any(|f| f.file_stem().is_some_and(|n| n == k.id.as_str())) {
                format!("«{}.yaml» findes allerede: ret «kommune:» i denne fil, eller slet den ene af filerne", k.id)
            } else {
                format!("omdøb filen til «{}.yaml», så hver kommune har én fil", k.id)
            }),
        );
    }
    let behandlet = raw.behandlet.and_then(|b| {
        let dato = dato(&b.dato, "behandlet.dato", fil, d)?;
        Some(Behandlet {
            organ: ikke_tom(b.organ),
            dato,
        })
    });
    let svar = svar(raw.svar, runde, fil, d);
    let mangler: Vec<&str> = runde
        .anbefalinger()
        .map(|a| a.id.as_str())
        .filter(|id| svar.get(*id).and_then(|s| s.status).is_none())
        .collect();
    if !mangler.is_empty() && d.antal_fejl() == start {
        let n = mangler.len();
        let ord = if n == 1 {
            "anbefaling er"
        } else {
            "anbefalinger er"
        };
        d.push(
            Diagnose::advarsel(
                fil,
                None,
                format!("{n} {ord} ikke besvaret: {}", liste(&mangler)),
            )
            .med_hint("de vises som «Ikke besvaret» i bilaget; udfyld «status» for at besvare dem"),
        );
    }
    let kontakt = raw.kontakt.map(|k| Kontakt {
        navn: ikke_tom(k.navn),
        email: ikke_tom(k.email),
        telefon: ikke_tom(k.telefon.map(|t| t.tekst)),
    });
    let forslag = raw
        .forslag
        .into_iter()
        .map(|f| Forslag {
            titel: f.titel.trim().to_string(),
            tekst: ikke_tom(f.tekst),
        })
        .collect();
    let kommune = kommune?;
    (d.antal_fejl() == start).then(|| KommuneStatus {
        kommune,
        behandlet,
        kontakt,
        udkast: raw.udkast,
        svar,
        forslag,
        fil: fil.to_path_buf(),
    })
}

fn find_kommune(k: &Spanned<Tekst>, kkr: &Kkr, fil: &Path, d: &mut Diagnoser) -> Option<Kommune> {
    let id = k.value.as_str().trim();
    if let Some(found) = kkr.kommuner.iter().find(|m| m.id == id) {
        return Some(found.clone());
    }
    let hint = match naermeste(id, kkr.kommuner.iter().map(|m| m.id.as_str())) {
        Some(n) => format!("mente du «{n}»? Kommunerne står i content/kkr.yaml"),
        None => "brug et id fra listen «kommuner» i content/kkr.yaml".into(),
    };
    d.push(
        Diagnose::fejl(
            fil,
            Some(Pos::fra(k.referenced)),
            format!("kommunen «{id}» findes ikke i {}", kkr.navn),
        )
        .med_hint(hint),
    );
    None
}

fn svar(
    raw: Vec<(Spanned<Tekst>, RawSvar)>,
    runde: &Runde,
    fil: &Path,
    d: &mut Diagnoser,
) -> BTreeMap<String, Svar> {
    let mut ud = BTreeMap::new();
    for (id, s) in raw {
        let id_s = id.value.as_str().to_string();
        if !runde.anbefalinger().any(|a| a.id == id_s) {
            let hint = match naermeste(&id_s, runde.anbefalinger().map(|a| a.id.as_str())) {
                Some(n) => format!(
                    "mente du «{n}»? Anbefalingerne står i content/{}/anbefalinger.yaml",
                    runde.periode
                ),
                None => format!("brug et id fra content/{}/anbefalinger.yaml", runde.periode),
            };
            d.push(
                Diagnose::fejl(
                    fil,
                    pos(&id),
                    format!(
                        "der findes ingen anbefaling med id «{id_s}» i {}",
                        runde.periode
                    ),
                )
                .med_hint(hint),
            );
            continue;
        }
        let status = s.status.as_ref().and_then(|st| status(st, fil, d));
        if s.status
            .as_ref()
            .is_some_and(|st| st.value.as_str().trim().is_empty())
        {
            // An empty status (as written by `fremdrift skabelon`) means not yet answered.
        }
        ud.insert(
            id_s,
            Svar {
                status,
                bemaerkning: ikke_tom(s.bemaerkning),
            },
        );
    }
    ud
}

fn status(s: &Spanned<Tekst>, fil: &Path, d: &mut Diagnoser) -> Option<Status> {
    let t = s.value.as_str();
    if t.trim().is_empty() {
        return None;
    }
    if let Some(st) = Status::fra_tekst(t) {
        return Some(st);
    }
    let hint = match naermeste(t, Status::ALLE.iter().map(|s| s.yaml())) {
        Some(n) => format!("mente du «{n}»? Gyldige værdier er grøn, gul og rød"),
        None => "gyldige værdier er grøn, gul og rød".into(),
    };
    d.push(Diagnose::fejl(fil, pos(s), format!("ugyldig status «{t}»")).med_hint(hint));
    None
}

/// Validates the optional `tilbagemelding.yaml`.
pub fn valider_tilbagemelding(
    raw: RawTilbagemelding,
    runde: &Runde,
    fil: &Path,
    d: &mut Diagnoser,
) -> Option<Tilbagemelding> {
    let start = d.antal_fejl();
    let dato_v = raw.dato.as_ref().and_then(|s| dato(s, "dato", fil, d));
    let mut justeringer = Vec::new();
    for j in raw.justeringer {
        let anbefaling = match &j.anbefaling {
            None => None,
            Some(id) => match runde.anbefalinger().find(|a| a.id == id.value.as_str()) {
                Some(a) => Some(a.clone()),
                None => {
                    let hint = match naermeste(
                        id.value.as_str(),
                        runde.anbefalinger().map(|a| a.id.as_str()),
                    ) {
                        Some(n) => format!(
                            "mente du «{n}»? Udelad «anbefaling» for et forslag til en ny anbefaling"
                        ),
                        None => "udelad «anbefaling» for et forslag til en ny anbefaling".into(),
                    };
                    d.push(
                        Diagnose::fejl(
                            fil,
                            pos(id),
                            format!(
                                "der findes ingen anbefaling med id «{}» i {}",
                                id.value.as_str(),
                                runde.periode
                            ),
                        )
                        .med_hint(hint),
                    );
                    continue;
                }
            },
        };
        let niveau = match &j.niveau {
            None => None,
            Some(n) => match niveau(n, fil, d) {
                Some(n) => Some(n),
                None => continue,
            },
        };
        justeringer.push(Justering {
            anbefaling,
            titel: ikke_tom(j.titel),
            fokusomraade: ikke_tom(j.fokusomraade),
            niveau,
            forslag: j.forslag.trim().to_string(),
            begrundelse: ikke_tom(j.begrundelse),
        });
    }
    (d.antal_fejl() == start).then(|| Tilbagemelding {
        titel: ikke_tom(raw.titel),
        dato: dato_v,
        sags_id: ikke_tom(raw.sags_id.map(|t| t.tekst)),
        dok_id: ikke_tom(raw.dok_id.map(|t| t.tekst)),
        sigte: ikke_tom(raw.sigte),
        baggrund: ikke_tom(raw.baggrund),
        sammenfatning: ikke_tom(raw.sammenfatning),
        justeringer,
    })
}
