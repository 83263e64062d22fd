//! The YAML targets: bytes → UTF-8 check → strict parse → the validators of `check`.

use std::path::Path;

use fremdrift::diagnostik::Diagnoser;
use fremdrift::indhold::raa::{RawKkr, RawRunde, RawStatus, RawTilbagemelding};
use fremdrift::indhold::valider::{self, Forgaenger};
use fremdrift::indhold::yaml;
use serde::de::DeserializeOwned;

use super::{mini, tjek_diagnoser};

/// Reads `data` as the file `vis` and hands the raw value to `valider`.
fn gennem<T: DeserializeOwned>(
    data: &[u8],
    vis: &str,
    valider: impl FnOnce(T, &Path, &mut Diagnoser),
) {
    let vis = Path::new(vis);
    let mut d = Diagnoser::default();
    let Ok(tekst) = yaml::utf8(data, vis) else {
        return;
    };
    match yaml::fortolk::<T>(tekst, vis) {
        Ok(raw) => valider(raw, vis, &mut d),
        Err(e) => d.push(e),
    }
    tjek_diagnoser(&d, tekst);
}

pub fn kkr(data: &[u8]) {
    gennem::<RawKkr>(data, "content/kkr.yaml", |raw, vis, d| {
        let _ = valider::valider_kkr(raw, vis, d);
    });
}

pub fn anbefalinger(data: &[u8]) {
    let (_, forrige) = mini();
    gennem::<RawRunde>(data, "content/2016/anbefalinger.yaml", |raw, vis, d| {
        let _ = valider::valider_runde(raw, "2016", Forgaenger::Runde(forrige), vis, d);
    });
}

pub fn status(data: &[u8]) {
    let (kkr, runde) = mini();
    gennem::<RawStatus>(data, "content/2015/status/alfa.yaml", |raw, vis, d| {
        let _ = valider::valider_status(raw, kkr, runde, vis, d);
    });
}

pub fn tilbagemelding(data: &[u8]) {
    let (_, runde) = mini();
    gennem::<RawTilbagemelding>(data, "content/2015/tilbagemelding.yaml", |raw, vis, d| {
        let _ = valider::valider_tilbagemelding(raw, runde, vis, d);
    });
}
