//! What the service's handlers share: the document view and the form (as the preview
//! has them), the links, the sessions, the limit on failed look-ups, and how the
//! service was started.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::indsamling::graense::Fejlgraense;
use crate::indsamling::haendelser::{self, Haendelse};
use crate::indsamling::links::Register;
use crate::indsamling::noegle::Noegle;
use crate::indsamling::post::Postopsaetning;
use crate::indsamling::sessioner::Sessioner;
use crate::preview::sider::App;

/// How `serve` was started.
pub(crate) struct Opsaetning {
    pub url: String,
    pub https: bool,
    pub bag_proxy: bool,
    pub noegle: Option<Noegle>,
    pub post: Option<Postopsaetning>,
}

pub(crate) struct Tjeneste {
    pub rod: PathBuf,
    pub periode: String,
    /// The preview's document view and form, which the handlers pass on to.
    pub vis: Arc<App>,
    pub register: Register,
    pub sessioner: Sessioner,
    pub graense: Fejlgraense,
    pub url: String,
    pub https: bool,
    pub bag_proxy: bool,
    pub noegle: Option<Noegle>,
    pub post: Option<Postopsaetning>,
}

impl Tjeneste {
    pub fn ny(rod: &Path, periode: &str, vis: Arc<App>, register: Register, o: Opsaetning) -> Self {
        Self {
            rod: rod.to_path_buf(),
            periode: periode.to_string(),
            vis,
            register,
            sessioner: Sessioner::default(),
            graense: Fejlgraense::default(),
            url: o.url,
            https: o.https,
            bag_proxy: o.bag_proxy,
            noegle: o.noegle,
            post: o.post,
        }
    }

    /// Logs events; a log that cannot be written is said on standard error (the save
    /// itself stands).
    pub fn log(&self, h: Haendelse) {
        if let Err(e) = haendelser::skriv(&self.rod, &self.periode, std::slice::from_ref(&h)) {
            eprintln!(
                "fejl: kunne ikke skrive i {}: {e}",
                haendelser::sti(&self.rod, &self.periode).display()
            );
        }
        // Open dashboards follow: a version with no document changed.
        self.vis.delt.skriv(|_, _| true);
    }
}
