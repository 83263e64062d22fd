//! What would change if a kommune's answers were replaced, per anbefaling and field:
//! «v3: gul → grøn; bemærkning ændret», «udkast: ja → nej».

use crate::indhold::model::{KommuneStatus, Runde, Status, Svar};

/// The differences from `foer` to `efter`, one line per anbefaling or field, in the
/// round's order; empty when the data are the same.
pub fn forskelle(runde: &Runde, foer: &KommuneStatus, efter: &KommuneStatus) -> Vec<String> {
    let mut ud: Vec<String> = runde
        .anbefalinger()
        .filter_map(|a| {
            let dele = svar(foer.svar.get(&a.id), efter.svar.get(&a.id));
            (!dele.is_empty()).then(|| format!("{}: {}", a.id, dele.join("; ")))
        })
        .collect();
    if foer.behandlet != efter.behandlet {
        ud.push("behandlet af eller dato for behandling ændret".into());
    }
    if foer.kontakt != efter.kontakt {
        ud.push("kontaktoplysninger ændret".into());
    }
    if foer.udkast != efter.udkast {
        ud.push(format!(
            "udkast: {} → {}",
            ja(foer.udkast),
            ja(efter.udkast)
        ));
    }
    if foer.forslag != efter.forslag {
        ud.push(format!(
            "forslag ændret ({} → {})",
            foer.forslag.len(),
            efter.forslag.len()
        ));
    }
    ud
}

fn svar(foer: Option<&Svar>, efter: Option<&Svar>) -> Vec<String> {
    let status = |s: Option<&Svar>| s.and_then(|s| s.status);
    let bem = |s: Option<&Svar>| s.and_then(|s| s.bemaerkning.clone());
    let mut dele = Vec::new();
    if status(foer) != status(efter) {
        dele.push(format!("{} → {}", ord(status(foer)), ord(status(efter))));
    }
    match (bem(foer), bem(efter)) {
        (None, Some(_)) => dele.push("bemærkning tilføjet".into()),
        (Some(_), None) => dele.push("bemærkning slettet".into()),
        (Some(a), Some(b)) if a != b => dele.push("bemærkning ændret".into()),
        _ => {}
    }
    dele
}

fn ord(s: Option<Status>) -> &'static str {
    s.map_or("ikke besvaret", Status::yaml)
}

fn ja(b: bool) -> &'static str {
    if b { "ja" } else { "nej" }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::indhold::projekt;

    #[test]
    fn changes_are_listed_per_anbefaling_and_field() {
        let rod = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (p, _) = projekt::indlaes(rod, "2015").uden_fejl().unwrap();
        let foer = p.status[0].clone();
        assert!(forskelle(&p.runde, &foer, &foer).is_empty());
        let mut efter = foer.clone();
        let id = p.runde.anbefalinger().next().unwrap().id.clone();
        let s = efter.svar.get_mut(&id).unwrap();
        let gammel = s.status;
        let ny = if gammel == Some(Status::Roed) {
            Status::Groen
        } else {
            Status::Roed
        };
        s.status = Some(ny);
        s.bemaerkning = Some("ny tekst".into());
        efter.udkast = !foer.udkast;
        let linjer = forskelle(&p.runde, &foer, &efter);
        assert_eq!(
            linjer[0],
            format!("{id}: {} → {}; bemærkning ændret", ord(gammel), ny.yaml())
        );
        assert!(linjer[1].starts_with("udkast: "), "{linjer:?}");
        assert_eq!(linjer.len(), 2);
    }
}
