//! A posted form body checked all the way to the status it would save, without a
//! server or a file: the path the form's fuzz target drives (`fuzz/`).

use std::path::Path;

use super::krop;
use crate::diagnose::Diagnoser;
use crate::indhold::model::{Kkr, KommuneStatus, Runde};

/// Reads `krop` as the form of kommune `kommune` and validates it with the rules of
/// `check`: the status it would save (`None` on errors) and the diagnostics, or why the
/// body is not a form of ours.
pub fn status_af_krop(
    krop: &[u8],
    kkr: &Kkr,
    runde: &Runde,
    kommune: &str,
) -> Result<(Option<KommuneStatus>, Diagnoser), String> {
    let ind = krop::fortolk(krop).map_err(|u| u.0)?;
    Ok(super::gem::kontroller(
        &ind.formular,
        kkr,
        runde,
        kommune,
        Path::new("content/status.yaml"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indhold::model::Status;
    use crate::indhold::projekt;

    fn mini() -> (Kkr, Runde) {
        let rod = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
        let (p, _) = projekt::indlaes(&rod.canonicalize().unwrap(), "2015")
            .uden_fejl()
            .unwrap();
        (p.kkr, p.runde)
    }

    #[test]
    fn a_posted_body_becomes_the_status_of_the_kommune_in_the_address() {
        let (kkr, runde) = mini();
        let (status, d) = status_af_krop(
            b"token=t&version=ny&organ=Byr%C3%A5det&dato=2016-02-03&status.v1=GUL+&bemaerkning.v1=I+gang.&handling=gem",
            &kkr,
            &runde,
            "beta",
        )
        .unwrap();
        let s = status.unwrap_or_else(|| panic!("{d}"));
        assert_eq!(s.kommune.id, "beta");
        assert_eq!(s.status_for("v1"), Some(Status::Gul));
    }

    /// The messages for a body that must give no status.
    fn afvist(krop: &[u8]) -> String {
        let (kkr, runde) = mini();
        let (status, d) = status_af_krop(krop, &kkr, &runde, "alfa").unwrap();
        assert!(status.is_none(), "{d}");
        d.to_string()
    }

    #[test]
    fn an_invalid_field_is_an_error_at_that_field_and_no_status() {
        let tekst = afvist(b"token=t&version=ny&organ=Byr%C3%A5det&dato=i+g%C3%A5r&handling=gem");
        assert!(tekst.contains("feltet «Dato for behandling»"), "{tekst}");
        let (kkr, runde) = mini();
        assert!(status_af_krop(b"kommune=alfa", &kkr, &runde, "alfa").is_err());
    }

    #[test]
    fn a_control_character_in_a_field_is_an_error_and_no_status() {
        let tekst = afvist(
            b"token=t&version=ny&kontakt-navn=Anne%00+Alfa&status.v1=gul&bemaerkning.v1=Et%0Bto&handling=gem",
        );
        // At their fields, each once.
        let navn =
            "feltet «Kontaktperson»: fejl: teksten indeholder et usynligt styretegn (U+0000)";
        let bem =
            "feltet «Bemærkning til v1»: fejl: teksten indeholder et usynligt styretegn (U+000B)";
        assert_eq!(tekst.matches(navn).count(), 1, "{tekst}");
        assert_eq!(tekst.matches(bem).count(), 1, "{tekst}");
        assert_eq!(tekst.matches("usynligt styretegn").count(), 2, "{tekst}");
    }
}
