//! Every address of the hosted collection. The session middleware runs first on all of
//! them; the handlers decide what a session may reach.

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tower_http::limit::RequestBodyLimitLayer;

use super::{Tjeneste, adgang, kommune, sekretariat, sider};
use crate::preview::sider as vis;

/// The largest workbook or Word document an upload takes.
pub(crate) const MAKS_UPLOAD: usize = 16 * 1024 * 1024;

pub(crate) fn ruter(t: Arc<Tjeneste>) -> Router {
    let formular = Router::new()
        .route("/udfyld/{id}", get(kommune::udfyld).post(kommune::gem))
        .route("/udfyld/{id}/", get(kommune::udfyld).post(kommune::gem))
        .route_layer(RequestBodyLimitLayer::new(crate::formular::MAKS_KROP))
        .route_layer(axum::middleware::from_fn(crate::formular::skrivevagt));
    let upload = Router::new()
        .route("/udfyld/{id}/regneark", post(kommune::regneark))
        .route_layer(DefaultBodyLimit::max(MAKS_UPLOAD))
        .route_layer(RequestBodyLimitLayer::new(MAKS_UPLOAD + 64 * 1024));
    Router::new()
        .route("/", get(kommune::rod))
        .route("/l/{token}", get(kommune::aabn_link))
        .route("/log-ud", post(kommune::log_ud))
        .route("/events", get(kommune::begivenheder))
        .route("/preview.css", get(vis::css))
        .route("/preview.js", get(vis::js))
        .route("/formular.css", get(vis::formular_css))
        .route("/formular.js", get(vis::formular_js))
        .route("/indsamling.css", get(sekretariat::css))
        .route("/indsamling.js", get(sekretariat::js))
        .route("/udfyld/{id}/bilag", get(kommune::udfyld_bilag))
        .route("/dok/{id}", get(kommune::dok))
        .route("/dok/{id}/", get(kommune::dok))
        .route("/dok/{id}/fragment", get(kommune::dok_fragment))
        .route("/dok/{id}/pdf", get(kommune::pdf))
        .route("/dok/{id}/side/{fil}", get(kommune::side))
        .route("/sekretariat/", get(sekretariat::side))
        .route("/sekretariat/fragment", get(sekretariat::fragment))
        .route("/sekretariat/nyt-link/{id}", post(sekretariat::nyt_link))
        .route("/sekretariat/paamind/{id}", post(sekretariat::paamind))
        .route("/sekretariat/paamind-alle", post(sekretariat::paamind_alle))
        .route("/sekretariat/genaabn/{id}", post(sekretariat::genaabn))
        .route("/sekretariat/bilag.zip", get(sekretariat::bilag_zip))
        .route("/sekretariat/svar.xlsx", get(sekretariat::svar_xlsx))
        .merge(formular)
        .merge(upload)
        .fallback(|| async { sider::ikke_fundet() })
        .method_not_allowed_fallback(vis::kun_formularen_tager_post)
        .layer(axum::middleware::from_fn_with_state(
            t.clone(),
            adgang::find_session,
        ))
        .with_state(t)
}
