//! A posted form body (`application/x-www-form-urlencoded`) → the form's values and
//! what the form carries besides: the server's token, the version of the file it was
//! loaded from, and which button was pressed. Unknown or repeated fields, too many
//! fields and overlong field names are refused; the values' lengths are checked where
//! a message can stand at the field (`graenser`).

use std::collections::HashSet;

use super::felter::{Formular, Forslagfelt, Svarfelt};
use crate::dansk::tal;

/// What a post asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Handling {
    Gem,
    TilfoejForslag,
    /// Remove the forslag at this index (from 0).
    FjernForslag(usize),
}

/// A posted form.
#[derive(Debug, PartialEq, Eq)]
pub struct Indsendt {
    pub token: String,
    /// The version of the status file the form was loaded from (see `gem::version`).
    pub version: String,
    pub handling: Handling,
    pub formular: Formular,
}

/// Why a body is not a form of ours (answered with 400).
#[derive(Debug, PartialEq, Eq)]
pub struct Ugyldig(pub String);

/// The most forslag a form may hold.
const MAKS_FORSLAG: usize = 200;
/// The most fields a body may hold: a round of 300 anbefalinger with 200 forslag is
/// below it; a body of a million tiny fields is not read.
pub const MAKS_FELTER: usize = 2000;
/// The longest field name (`bemaerkning.<id>` with a long anbefaling id is far below).
pub const MAKS_FELTNAVN: usize = 200;

/// Reads a posted body.
pub fn fortolk(krop: &[u8]) -> Result<Indsendt, Ugyldig> {
    let krop =
        std::str::from_utf8(krop).map_err(|_| Ugyldig("den er ikke sendt som UTF-8".into()))?;
    let mut ind = Indsendt {
        token: String::new(),
        version: String::new(),
        handling: Handling::Gem,
        formular: Formular::default(),
    };
    let mut set = HashSet::new();
    for (navn, vaerdi) in par(krop)? {
        if !set.insert(navn.clone()) {
            return Err(Ugyldig(format!("feltet «{navn}» er sendt to gange")));
        }
        felt(&mut ind, &navn, vaerdi)?;
    }
    Ok(ind)
}

/// Puts one posted field where it belongs.
fn felt(ind: &mut Indsendt, navn: &str, v: String) -> Result<(), Ugyldig> {
    let f = &mut ind.formular;
    match navn {
        "token" => ind.token = v,
        "version" => ind.version = v,
        "handling" => ind.handling = handling(&v)?,
        "organ" => f.organ = v,
        "dato" => f.dato = v,
        "kontakt-navn" => f.navn = v,
        "kontakt-email" => f.email = v,
        "kontakt-telefon" => f.telefon = v,
        "udkast" => f.udkast = true,
        _ => return sammensat(f, navn, v),
    }
    Ok(())
}

/// `status.<id>`, `bemaerkning.<id>`, `forslag.<n>.titel` and `forslag.<n>.tekst`.
fn sammensat(f: &mut Formular, navn: &str, v: String) -> Result<(), Ugyldig> {
    if let Some(id) = navn.strip_prefix("status.") {
        svar(f, id).status = v;
    } else if let Some(id) = navn.strip_prefix("bemaerkning.") {
        svar(f, id).bemaerkning = v;
    } else if let Some((n, del)) = navn
        .strip_prefix("forslag.")
        .and_then(|r| r.split_once('.'))
    {
        let n: usize = n
            .parse()
            .ok()
            .filter(|n| (1..=MAKS_FORSLAG).contains(n))
            .ok_or_else(|| Ugyldig(format!("ugyldigt felt «{navn}»")))?;
        if f.forslag.len() < n {
            f.forslag.resize_with(n, Forslagfelt::default);
        }
        match del {
            "titel" => f.forslag[n - 1].titel = v,
            "tekst" => f.forslag[n - 1].tekst = v,
            _ => return Err(Ugyldig(format!("ukendt felt «{navn}»"))),
        }
    } else {
        return Err(Ugyldig(format!("ukendt felt «{navn}»")));
    }
    Ok(())
}

/// The answer to `id`, added in the order the fields came.
fn svar<'a>(f: &'a mut Formular, id: &str) -> &'a mut Svarfelt {
    let i = match f.svar.iter().position(|s| s.id == id) {
        Some(i) => i,
        None => {
            f.svar.push(Svarfelt {
                id: id.to_string(),
                ..Svarfelt::default()
            });
            f.svar.len() - 1
        }
    };
    &mut f.svar[i]
}

fn handling(v: &str) -> Result<Handling, Ugyldig> {
    match v {
        "gem" => Ok(Handling::Gem),
        "tilfoej-forslag" => Ok(Handling::TilfoejForslag),
        _ => v
            .strip_prefix("fjern-forslag-")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n >= 1)
            .map(|n| Handling::FjernForslag(n - 1))
            .ok_or_else(|| Ugyldig(format!("ukendt handling «{v}»"))),
    }
}

/// The decoded name/value pairs (`form_urlencoded`, as browsers encode them); line
/// breaks as `\n` (browsers send `\r\n`).
fn par(krop: &str) -> Result<Vec<(String, String)>, Ugyldig> {
    let antal = form_urlencoded::parse(krop.as_bytes()).count();
    if antal > MAKS_FELTER {
        return Err(Ugyldig(format!(
            "den har {} felter, men en formular har højst {}",
            tal(antal as u64),
            tal(MAKS_FELTER as u64)
        )));
    }
    let ugyldig = ugyldig_utf8(krop);
    let mut ud = Vec::with_capacity(antal);
    for (n, v) in form_urlencoded::parse(krop.as_bytes()) {
        if ugyldig && n.contains(char::REPLACEMENT_CHARACTER) {
            return Err(Ugyldig("et feltnavn er ikke gyldig UTF-8".into()));
        }
        if n.chars().count() > MAKS_FELTNAVN {
            let start: String = n.chars().take(20).collect();
            return Err(Ugyldig(format!(
                "feltnavnet «{start}…» er længere end {MAKS_FELTNAVN} tegn"
            )));
        }
        if ugyldig && v.contains(char::REPLACEMENT_CHARACTER) {
            return Err(Ugyldig(format!("feltet «{n}» er ikke gyldig UTF-8")));
        }
        ud.push((n.into_owned(), v.replace("\r\n", "\n").replace('\r', "\n")));
    }
    if ugyldig {
        return Err(Ugyldig("den er ikke gyldig UTF-8".into()));
    }
    Ok(ud)
}

/// Whether a name or value of the body is invalid UTF-8 once decoded: `form_urlencoded`
/// would replace it by U+FFFD, which the form refuses instead. The whole body decodes
/// to valid UTF-8 exactly when every name and value does (`&`, `=` and `+` are ASCII,
/// never part of a character); the first part with U+FFFD is then named as the culprit.
fn ugyldig_utf8(krop: &str) -> bool {
    percent_encoding::percent_decode_str(krop)
        .decode_utf8()
        .is_err()
}

/// The body a browser sends for `ind` (for tests and the benchmark).
#[cfg(test)]
pub fn kod(ind: &Indsendt) -> String {
    let f = &ind.formular;
    let mut par: Vec<(String, String)> = vec![
        ("token".into(), ind.token.clone()),
        ("version".into(), ind.version.clone()),
        ("organ".into(), f.organ.clone()),
        ("dato".into(), f.dato.clone()),
        ("kontakt-navn".into(), f.navn.clone()),
        ("kontakt-email".into(), f.email.clone()),
        ("kontakt-telefon".into(), f.telefon.clone()),
    ];
    if f.udkast {
        par.push(("udkast".into(), "ja".into()));
    }
    for s in &f.svar {
        par.push((format!("status.{}", s.id), s.status.clone()));
        par.push((
            format!("bemaerkning.{}", s.id),
            s.bemaerkning.replace('\n', "\r\n"),
        ));
    }
    for (i, fs) in f.forslag.iter().enumerate() {
        par.push((format!("forslag.{}.titel", i + 1), fs.titel.clone()));
        par.push((format!("forslag.{}.tekst", i + 1), fs.tekst.clone()));
    }
    par.push(("handling".into(), "gem".into()));
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&par)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formular::felter::Formular;

    #[test]
    fn a_browser_body_is_read_with_paragraphs_and_danish_letters() {
        let ind = fortolk(
            b"token=abc&version=ny&organ=By%C3%A5det&dato=2016-02-03&udkast=ja\
             &status.v1=r%C3%B8d&bemaerkning.v1=F%C3%B8rste+afsnit.%0D%0A%0D%0A%23read%28%29+%24x%24\
             &status.3.2=&bemaerkning.3.2=&forslag.1.titel=A%26B&forslag.1.tekst=\
             &handling=gem",
        )
        .unwrap();
        assert_eq!(ind.token, "abc");
        assert_eq!(ind.handling, Handling::Gem);
        let f = &ind.formular;
        assert_eq!(f.organ, "Byådet");
        assert!(f.udkast);
        assert_eq!(f.svar[0].status, "rød");
        assert_eq!(f.svar[0].bemaerkning, "Første afsnit.\n\n#read() $x$");
        assert_eq!(f.svar[1].id, "3.2");
        assert_eq!(f.forslag[0].titel, "A&B");
    }

    #[test]
    fn plus_percent_and_broken_escapes_are_read_as_browsers_mean_them() {
        let f = fortolk(b"organ=1+%2B+1+%3D+2&kontakt-navn=100%&kontakt-email=%zz")
            .unwrap()
            .formular;
        assert_eq!(f.organ, "1 + 1 = 2");
        assert_eq!(f.navn, "100%", "a % without two hex digits stays");
        assert_eq!(f.email, "%zz");
    }

    #[test]
    fn invalid_utf8_is_refused_naming_the_field_not_replaced() {
        assert_eq!(
            fortolk(b"organ=ok&kontakt-navn=%C3%28").unwrap_err().0,
            "feltet «kontakt-navn» er ikke gyldig UTF-8"
        );
        assert_eq!(
            fortolk(b"organ=ok&%ff=x").unwrap_err().0,
            "et feltnavn er ikke gyldig UTF-8"
        );
        let ind = fortolk("organ=%EF%BF%BD".as_bytes()).unwrap();
        assert_eq!(
            ind.formular.organ, "\u{fffd}",
            "a sent U+FFFD is text like any"
        );
    }

    #[test]
    fn an_unticked_draft_box_is_sent_as_nothing() {
        assert!(!fortolk(b"token=a&organ=x").unwrap().formular.udkast);
    }

    #[test]
    fn every_form_survives_the_body_a_browser_sends() {
        let p = crate::formular::felter::tests::standard();
        for s in &p.status {
            let formular = Formular::fra_status(&p.runde, Some(s));
            let ind = Indsendt {
                token: "t".into(),
                version: "v".into(),
                handling: Handling::Gem,
                formular,
            };
            assert_eq!(
                fortolk(kod(&ind).as_bytes()).unwrap(),
                ind,
                "{}",
                s.kommune.id
            );
        }
    }

    #[test]
    fn buttons_for_forslag_are_read() {
        assert_eq!(
            fortolk(b"handling=tilfoej-forslag").unwrap().handling,
            Handling::TilfoejForslag
        );
        assert_eq!(
            fortolk(b"handling=fjern-forslag-2").unwrap().handling,
            Handling::FjernForslag(1)
        );
        for h in ["fjern-forslag-0", "fjern-forslag-x", "slet-alt"] {
            assert!(fortolk(format!("handling={h}").as_bytes()).is_err(), "{h}");
        }
    }

    #[test]
    fn unknown_repeated_or_broken_fields_are_refused() {
        for krop in [
            "organ=a&organ=b",
            "sti=../../etc/passwd",
            "forslag.0.titel=x",
            "forslag.99999.titel=x",
            "forslag.1.farve=x",
            "organ=%ff",
        ] {
            assert!(fortolk(krop.as_bytes()).is_err(), "{krop}");
        }
    }

    #[test]
    fn too_many_fields_or_an_overlong_field_name_are_refused_in_danish() {
        let mange = "bemaerkning.v1=&".repeat(MAKS_FELTER + 1);
        assert_eq!(
            fortolk(mange.as_bytes()).unwrap_err().0,
            "den har 2.001 felter, men en formular har højst 2.000"
        );
        let navn = format!("status.{}=x", "v".repeat(MAKS_FELTNAVN));
        assert_eq!(
            fortolk(navn.as_bytes()).unwrap_err().0,
            "feltnavnet «status.vvvvvvvvvvvvv…» er længere end 200 tegn"
        );
        assert_eq!(
            fortolk(b"organ=\xff").unwrap_err().0,
            "den er ikke sendt som UTF-8"
        );
        let tomme = format!("{}handling=gem", "&".repeat(5000));
        assert!(
            fortolk(tomme.as_bytes()).is_ok(),
            "empty parts are not fields"
        );
    }
}
