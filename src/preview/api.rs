//! `/api/dokumenter`: the document list as JSON, for scripts such as
//! `scripts/preview-bench`.

use serde::Serialize;

use crate::web::html::url_del;
use crate::visning::tilstand::Oversigt;

#[derive(Serialize)]
struct Liste<'a> {
    version: u64,
    periode: &'a str,
    fejl: usize,
    advarsler: usize,
    dokumenter: Vec<Dok<'a>>,
}

#[derive(Serialize)]
struct Dok<'a> {
    id: &'a str,
    titel: &'a str,
    tilstand: &'static str,
    version: u64,
    /// The URLs of the pages as PNG, with each page's hash.
    sider: Vec<String>,
    pdf: String,
    /// The problems that concern the document, as `fremdrift check` prints them.
    diagnoser: Vec<String>,
    /// The document is waiting for (or in) the compiler.
    venter: bool,
}

pub fn json(o: &Oversigt) -> String {
    let fejl = o.diagnoser.iter().filter(|d| d.er_fejl()).count();
    let liste = Liste {
        version: o.version,
        periode: &o.periode,
        fejl,
        advarsler: o.diagnoser.len() - fejl,
        dokumenter: o
            .dokumenter
            .iter()
            .map(|v| {
                let del = url_del(&v.dok.id);
                Dok {
                    id: &v.dok.id,
                    titel: &v.dok.titel,
                    tilstand: v.tilstand().navn(),
                    version: v.version,
                    sider: v
                        .sider
                        .iter()
                        .enumerate()
                        .map(|(i, s)| format!("/dok/{del}/side/{}.png?v={}", i + 1, s.noegle))
                        .collect(),
                    pdf: format!("/dok/{del}/pdf"),
                    diagnoser: v.diagnoser.iter().map(ToString::to_string).collect(),
                    venter: v.venter,
                }
            })
            .collect(),
    };
    serde_json::to_string_pretty(&liste).unwrap_or_else(|_| "{}".into())
}
