//! When new answers only fill in what a status file left open — the empty file
//! `skabelon` writes in January, answered by the kommune's workbook — replacing it is
//! no conflict; changing or removing an answer already given is.

use super::model::{KommuneStatus, Runde, Svar};

/// True when `efter` keeps every answer `foer` has and only adds to it: a status or a
/// remark where there was none, new proposals after the existing ones, a treatment
/// where there was none, the contact person (which `skabelon` fills in from last
/// year) and a draft made final (udkast ja → nej).
pub fn udfylder_kun(runde: &Runde, foer: &KommuneStatus, efter: &KommuneStatus) -> bool {
    let svar = runde.anbefalinger().all(|a| {
        let (f, e) = (foer.svar.get(&a.id), efter.svar.get(&a.id));
        let status = |s: Option<&Svar>| s.and_then(|s| s.status);
        let bem = |s: Option<&Svar>| s.and_then(|s| s.bemaerkning.clone());
        udfyldt(status(f), status(e)) && udfyldt(bem(f), bem(e))
    });
    let forslag = efter.forslag.starts_with(&foer.forslag);
    let behandlet = udfyldt(foer.behandlet.clone(), efter.behandlet.clone());
    let udkast = foer.udkast || !efter.udkast;
    svar && forslag && behandlet && udkast
}

/// The same value, or one where there was none.
fn udfyldt<T: PartialEq>(foer: Option<T>, efter: Option<T>) -> bool {
    foer.is_none() || foer == efter
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::indhold::model::Status;
    use crate::indhold::projekt;

    #[test]
    fn filling_in_the_unanswered_is_no_conflict_but_changing_an_answer_is() {
        let rod = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (p, _) = projekt::indlaes(rod, "2015").uden_fejl().unwrap();
        let fuld = p.status[0].clone();
        let mut tom = fuld.clone();
        for s in tom.svar.values_mut() {
            *s = Svar {
                status: None,
                bemaerkning: None,
            };
        }
        tom.forslag.clear();
        tom.behandlet = None;
        tom.kontakt = None;
        tom.udkast = true;
        assert!(udfylder_kun(&p.runde, &tom, &fuld));
        assert!(udfylder_kun(&p.runde, &fuld, &fuld));
        assert!(!udfylder_kun(&p.runde, &fuld, &tom), "answers removed");
        let mut aendret = fuld.clone();
        let s = aendret
            .svar
            .values_mut()
            .find(|s| s.status.is_some())
            .unwrap();
        s.status = Some(if s.status == Some(Status::Roed) {
            Status::Groen
        } else {
            Status::Roed
        });
        assert!(!udfylder_kun(&p.runde, &fuld, &aendret), "a status changed");
        let mut kladde = fuld.clone();
        kladde.udkast = true;
        assert_eq!(udfylder_kun(&p.runde, &fuld, &kladde), fuld.udkast);
    }
}
