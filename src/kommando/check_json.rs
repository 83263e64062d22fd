//! `fremdrift check --format json`: every diagnostic as one JSON object on standard
//! output, for editors and CI. The shape (documented in the README, «Fejl som JSON»):
//!
//! ```json
//! { "version": 1, "project": "/abs/path", "period": "2015", "success": false,
//!   "errors": 1, "warnings": 0,
//!   "diagnostics": [ { "severity": "error", "file": "content/2015/status/beta.yaml",
//!     "line": 8, "column": 13, "message": "ugyldig status «blå»",
//!     "hint": "gyldige værdier er grøn, gul og rød" } ] }
//! ```
//!
//! `line` and `column` are `null` when the problem concerns a whole file; a problem in a
//! spreadsheet has `sheet` and `cell`, one in a form `field`. Messages stay Danish.

use std::path::Path;

use serde_json::{Value, json};

use crate::diagnose::{Alvor, Diagnose, Diagnoser, Sted};
use crate::fejl::dele;

/// The version of the shape; raised only when a field changes meaning or goes away.
const VERSION: u32 = 1;

/// The report of a check that ran: every diagnostic, errors first per file.
pub fn rapport(rod: &Path, periode: &str, d: &Diagnoser) -> Value {
    json!({
        "version": VERSION,
        "project": rod.display().to_string(),
        "period": periode,
        "success": !d.har_fejl(),
        "errors": d.antal_fejl(),
        "warnings": d.antal_advarsler(),
        "diagnostics": d.0.iter().map(diagnose).collect::<Vec<_>>(),
    })
}

/// The report when the check could not run (no project, an unknown period …): the
/// error as the one diagnostic, without a file.
pub fn fejlrapport(e: &anyhow::Error) -> Value {
    let dele = dele(e);
    let mut besked = dele.besked;
    for a in dele.aarsager {
        besked.push_str(&format!(" (årsag: {a})"));
    }
    json!({
        "version": VERSION,
        "project": null,
        "period": null,
        "success": false,
        "errors": 1,
        "warnings": 0,
        "diagnostics": [{
            "severity": "error",
            "file": null,
            "line": null,
            "column": null,
            "message": besked,
            "hint": (!dele.hints.is_empty()).then(|| dele.hints.join("; ")),
        }],
    })
}

/// One diagnostic.
pub fn diagnose(d: &Diagnose) -> Value {
    let mut ud = json!({
        "severity": match d.alvor {
            Alvor::Fejl => "error",
            Alvor::Advarsel => "warning",
        },
        "file": d.fil.display().to_string().replace('\\', "/"),
        "line": null,
        "column": null,
        "message": d.besked,
        "hint": d.hint,
    });
    match &d.sted {
        Some(Sted::Linje(p)) => {
            ud["line"] = p.linje.into();
            ud["column"] = p.kolonne.into();
        }
        Some(Sted::Celle(c)) => {
            ud["sheet"] = c.ark.clone().into();
            ud["cell"] = c.celle.clone().into();
        }
        Some(Sted::Felt(navn)) => ud["field"] = navn.clone().into(),
        Some(Sted::Dokument(hvor)) => ud["place"] = hvor.clone().into(),
        None => {}
    }
    ud
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::Pos;

    #[test]
    fn a_line_diagnostic_carries_file_line_column_severity_message_and_hint() {
        let d = Diagnose::fejl("content/a.yaml", Some(Pos::new(3, 7)), "ugyldig status «x»")
            .med_hint("gyldige værdier er grøn, gul og rød");
        assert_eq!(
            diagnose(&d),
            json!({"severity": "error", "file": "content/a.yaml", "line": 3, "column": 7,
                   "message": "ugyldig status «x»", "hint": "gyldige værdier er grøn, gul og rød"})
        );
    }

    #[test]
    fn a_spreadsheet_diagnostic_names_sheet_and_cell() {
        let d = Diagnose::advarsel("a.xlsx", None, "tom").med_sted(Sted::celle("Skema", "E7"));
        let j = diagnose(&d);
        assert_eq!(j["severity"], "warning");
        assert_eq!((&j["sheet"], &j["cell"]), (&json!("Skema"), &json!("E7")));
        assert_eq!((&j["line"], &j["hint"]), (&Value::Null, &Value::Null));
        let felt =
            diagnose(&Diagnose::fejl("formular", None, "x").med_sted(Sted::Felt("E-mail".into())));
        assert_eq!(felt["field"], "E-mail");
    }

    #[test]
    fn an_error_before_the_check_is_one_diagnostic_without_a_file() {
        let e = crate::fejl::fejl(
            "perioden «2099» findes ikke",
            "der er anbefalinger for: 2015",
        );
        let j = fejlrapport(&e);
        assert_eq!(j["errors"], 1);
        assert_eq!(
            j["diagnostics"][0]["message"],
            "perioden «2099» findes ikke"
        );
        assert_eq!(j["diagnostics"][0]["hint"], "der er anbefalinger for: 2015");
        assert_eq!(j["diagnostics"][0]["file"], Value::Null);
    }
}
