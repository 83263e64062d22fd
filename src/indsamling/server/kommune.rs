//! The kommune's side: opening its link (a session, and on to the form without the
//! token in the address), the form beside its live bilag, «Indlæs regneark», «Hent
//! PDF», the event stream. Every handler checks that the session may reach the
//! kommune or document in the address before it passes on to the preview's handler.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Extension;
use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{ConnectInfo, Multipart, Path, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;

use super::adgang::{self, Aktiv, Med};
use super::{Tjeneste, sider};
use crate::formular::{self, Adgang, Hostet};
use crate::indsamling::haendelser::{Art, Haendelse};
use crate::indsamling::linkfil::SEKRETARIAT;
use crate::indsamling::links::Fundet;
use crate::indsamling::tid;
use crate::kommando::{Upload, upload};
use crate::preview::sider::{self as vis, Id, blokerende};
use crate::web::svar;

type T = State<Arc<Tjeneste>>;

/// `GET /l/<token>`: a session for the link's kommune (or the secretariat), then on to
/// its page — a 303 the browser follows with the Lax cookie, also when the click came
/// from a webmail on another site.
pub(crate) async fn aabn_link(
    State(t): T,
    fra: Option<Extension<ConnectInfo<SocketAddr>>>,
    h: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let ip = adgang::klient(&t, &h, fra.as_ref().map(|e| &e.0));
    if let Err(sek) = t.graense.tjek(ip) {
        return sider::for_mange(sek);
    }
    match t.register.find(&token) {
        Fundet::Gyldig { nr, hvem } => {
            let Ok(id) = t.sessioner.ny(&hvem, nr) else {
                return svar::tekst(500, "Intern fejl: ingen tilfældige tal fra systemet.");
            };
            t.log(Haendelse::ny(Art::Aabnet, &hvem, Some(nr)));
            let til = if hvem == SEKRETARIAT {
                "/sekretariat/".to_string()
            } else {
                format!("/udfyld/{}/", crate::web::html::url_del(&hvem))
            };
            let s = svar::med(
                svar::tekst(303, "Videre til jeres side"),
                header::LOCATION,
                &til,
            );
            svar::med(s, header::SET_COOKIE, &adgang::saet_cookie(t.https, &id))
        }
        Fundet::Tilbagekaldt { .. } => {
            let email = t.vis.delt.laes(|o| o.sekretariat.clone());
            sider::tilbagekaldt(email.as_deref())
        }
        Fundet::Ukendt => {
            t.graense.fejlet(ip);
            sider::ukendt_link()
        }
    }
}

/// `GET /`: on to the session's page.
pub(crate) async fn rod(Med(a): Med) -> Response {
    let til = if a.er_sekretariat() {
        "/sekretariat/".to_string()
    } else {
        format!("/udfyld/{}/", crate::web::html::url_del(&a.session.hvem))
    };
    svar::med(
        svar::tekst(303, "Videre til jeres side"),
        header::LOCATION,
        &til,
    )
}

/// `POST /log-ud`: ends the session.
pub(crate) async fn log_ud(State(t): T, Med(a): Med) -> Response {
    t.sessioner.afslut(&a.id);
    let s = sider::side(
        200,
        "Logget ud",
        "<p>I er logget ud. Åbn jeres link igen for at fortsætte.</p>",
    );
    svar::med(s, header::SET_COOKIE, &adgang::slet_cookie(t.https))
}

/// What the page of kommune `id` adds to the form for this session.
fn hostet(t: &Tjeneste, a: &Aktiv, id: &str) -> Hostet {
    let (frist, email) = t.vis.delt.laes(|o| (o.frist, o.sekretariat.clone()));
    let laast = frist
        .filter(|f| !a.er_sekretariat() && tid::efter_frist(f, tid::nu()))
        .filter(|_| !super::overblik::genaabnet(t, id))
        .map(|f| {
            let skriv = match &email {
                Some(e) => format!(" Skal I rette noget, så skriv til sekretariatet på {e}."),
                None => " Skal I rette noget, så skriv til sekretariatet.".into(),
            };
            format!(
                "Fristen var den {}, så svarene kan nu kun læses.{skriv}",
                f.dansk()
            )
        });
    Hostet {
        laast,
        besked: t.sessioner.tag_besked(&a.id),
        uploadfejl: Vec::new(),
        sekretariat: email,
    }
}

/// `GET /udfyld/<id>/`.
pub(crate) async fn udfyld(State(t): T, Med(a): Med, Id(id): Id) -> Response {
    if !a.maa_kommune(&id) {
        return sider::ikke_fundet();
    }
    blokerende(move || {
        let h = hostet(&t, &a, &id);
        let adgang = Adgang {
            token: &a.session.skrivetoken,
            hostet: Some(&h),
        };
        t.vis.udfyld.side(&id, &adgang, &t.vis.delt)
    })
    .await
}

/// `POST /udfyld/<id>/`: save (logged as saved or submitted), or add or remove a
/// forslag.
pub(crate) async fn gem(State(t): T, Med(a): Med, Id(id): Id, krop: Body) -> Response {
    if !a.maa_kommune(&id) {
        return sider::ikke_fundet();
    }
    let krop = match formular::laes_krop(krop).await {
        Ok(k) => k,
        Err(afvist) => return afvist.svar(),
    };
    blokerende(move || {
        let h = hostet(&t, &a, &id);
        let adgang = Adgang {
            token: &a.session.skrivetoken,
            hostet: Some(&h),
        };
        let (svar, gemt) = t.vis.udfyld.post_udfald(&krop, &id, &adgang, &t.vis.delt);
        if let Some(udkast) = gemt {
            let art = if udkast { Art::Gemt } else { Art::Indsendt };
            t.log(haendelse(art, &id, &a));
        }
        svar
    })
    .await
}

/// An event of kommune `id` by session `a` (the secretariat's, when it helps).
fn haendelse(art: Art, id: &str, a: &Aktiv) -> Haendelse {
    let h = Haendelse::ny(art, id, Some(a.session.link));
    if a.er_sekretariat() {
        h.af_sekretariatet()
    } else {
        h
    }
}

/// `POST /udfyld/<id>/regneark`: a filled workbook or Word document instead of the
/// form, by the rules of `indlaes`; then back to the form with what happened.
pub(crate) async fn regneark(
    State(t): T,
    Med(a): Med,
    Id(id): Id,
    m: Result<Multipart, MultipartRejection>,
) -> Response {
    // Another kommune's address is not found, whatever the body is.
    if !a.maa_kommune(&id) {
        return sider::ikke_fundet();
    }
    let mut m = match m {
        Ok(m) => m,
        Err(_) => {
            return svar::tekst(
                400,
                "Filen kunne ikke modtages: der kom ingen fil med. Vælg filen, og tryk «Indlæs regneark» igen.",
            );
        }
    };
    let mut fil: Option<(String, Vec<u8>)> = None;
    let mut token = String::new();
    loop {
        match m.next_field().await {
            Ok(Some(f)) => {
                let navn = f.name().unwrap_or("").to_string();
                let filnavn = f.file_name().map(str::to_string);
                let Ok(data) = f.bytes().await else {
                    return svar::tekst(400, "Filen kom ikke helt frem. Prøv igen.");
                };
                match navn.as_str() {
                    "token" => token = String::from_utf8_lossy(&data).into_owned(),
                    "fil" => fil = Some((filnavn.unwrap_or_default(), data.to_vec())),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(e) => {
                return svar::tekst(
                    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                        413
                    } else {
                        400
                    },
                    format!("Filen kunne ikke modtages: {}", e.body_text()),
                );
            }
        }
    }
    if !crate::web::token::samme_token(&token, &a.session.skrivetoken) {
        return svar::tekst(
            403,
            "Afvist: siden er for gammel eller fra en anden session. Genindlæs siden, og prøv igen.",
        );
    }
    blokerende(move || indlaes(&t, &a, &id, fil)).await
}

/// The upload's work, on the blocking pool.
fn indlaes(t: &Tjeneste, a: &Aktiv, id: &str, fil: Option<(String, Vec<u8>)>) -> Response {
    let mut h = hostet(t, a, id);
    let adgang_side = |h: &Hostet, status: u16| {
        let adgang = Adgang {
            token: &a.session.skrivetoken,
            hostet: Some(h),
        };
        let s = t.vis.udfyld.side(id, &adgang, &t.vis.delt);
        let (mut dele, krop) = s.into_parts();
        dele.status = axum::http::StatusCode::from_u16(status).unwrap_or(dele.status);
        Response::from_parts(dele, krop)
    };
    if h.laast.is_some() {
        return adgang_side(&h, 403);
    }
    let Some((navn, data)) = fil.filter(|(_, d)| !d.is_empty()) else {
        h.uploadfejl =
            vec!["Vælg en fil (.xlsx, .ods eller .docx), før I trykker «Indlæs regneark».".into()];
        return adgang_side(&h, 422);
    };
    let vis_navn = std::path::PathBuf::from(renset_navn(&navn));
    let udfald = (|| -> std::io::Result<Upload> {
        let mappe = tempfile::tempdir()?;
        let sti = mappe.path().join(&vis_navn);
        std::fs::write(&sti, &data)?;
        Ok(upload(&t.rod, &t.periode, &sti, &vis_navn, id))
    })();
    match udfald {
        Ok(Upload::Gemt(besked)) => {
            t.log(haendelse(Art::Indlaest, id, a));
            t.sessioner.saet_besked(&a.id, besked);
            let til = format!("/udfyld/{}/", crate::web::html::url_del(id));
            svar::med(svar::tekst(303, "Indlæst"), header::LOCATION, &til)
        }
        Ok(Upload::Afvist(fejl)) => {
            h.uploadfejl = fejl;
            adgang_side(&h, 422)
        }
        Err(e) => svar::tekst(500, format!("Filen kunne ikke gemmes til indlæsning: {e}")),
    }
}

/// The uploaded file's name without folders or odd characters (it only names the file
/// in messages and tells its kind by the extension).
fn renset_navn(navn: &str) -> String {
    let sidst = navn.rsplit(['/', '\\']).next().unwrap_or("");
    let ren: String = sidst
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    if ren.trim().is_empty() || ren.starts_with('.') {
        "regneark.xlsx".into()
    } else {
        ren
    }
}

/// `GET /udfyld/<id>/bilag`.
pub(crate) async fn udfyld_bilag(State(t): T, Med(a): Med, id: Id) -> Response {
    if !a.maa_kommune(&id.0) {
        return sider::ikke_fundet();
    }
    vis::udfyld_bilag(State(t.vis.clone()), id).await
}

/// `GET /dok/<id>/…`: a document's page, live part, PDF or page image, for a session
/// that may see it.
pub(crate) async fn dok(State(t): T, Med(a): Med, id: Id) -> Response {
    if !a.maa_dokument(&id.0) {
        return sider::ikke_fundet();
    }
    vis::dok(State(t.vis.clone()), id).await
}

pub(crate) async fn dok_fragment(State(t): T, Med(a): Med, id: Id) -> Response {
    if !a.maa_dokument(&id.0) {
        return sider::ikke_fundet();
    }
    vis::dok_fragment(State(t.vis.clone()), id).await
}

pub(crate) async fn pdf(State(t): T, Med(a): Med, id: Id) -> Response {
    if !a.maa_dokument(&id.0) {
        return sider::ikke_fundet();
    }
    vis::pdf(State(t.vis.clone()), id).await
}

pub(crate) async fn side(
    State(t): T,
    Med(a): Med,
    id: Id,
    sti: Path<(String, String)>,
    q: Result<axum::extract::Query<vis::SideQ>, axum::extract::rejection::QueryRejection>,
) -> Response {
    if !a.maa_dokument(&id.0) {
        return sider::ikke_fundet();
    }
    vis::side(State(t.vis.clone()), id, sti, q).await
}

/// `GET /events`: a kommune's stream tells only of its own bilag.
pub(crate) async fn begivenheder(State(t): T, Med(a): Med) -> Response {
    let kun = (!a.er_sekretariat()).then(|| format!("bilag-{}", a.session.hvem));
    crate::preview::sse::stroem(t.vis.delt.clone(), &t.vis.stroemme, kun)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uploaded_name_loses_its_folders() {
        assert_eq!(
            renset_navn("C:\\Users\\x\\Albertslund.xlsx"),
            "Albertslund.xlsx"
        );
        assert_eq!(renset_navn("../../etc/passwd"), "passwd");
        assert_eq!(renset_navn(".skjult"), "regneark.xlsx");
    }
}
