//! The preview's URLs.

use crate::web::html::url_afkod;

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Rute {
    Oversigt,
    OversigtFragment,
    Begivenheder,
    Api,
    Css,
    Js,
    Dok(String),
    DokFragment(String),
    Pdf(String),
    /// A document's page, numbered from 1.
    Side(String, usize),
    /// A kommune's form (by kommune id), and the live bilag beside it.
    Udfyld(String),
    UdfyldBilag(String),
    FormularCss,
    FormularJs,
    Ukendt,
}

/// Splits a request URL into the route and the query string.
pub fn rute(url: &str) -> (Rute, &str) {
    let (sti, forespoergsel) = url.split_once('?').unwrap_or((url, ""));
    (fra_sti(sti).unwrap_or(Rute::Ukendt), forespoergsel)
}

fn fra_sti(sti: &str) -> Option<Rute> {
    let r = match sti {
        "/" | "/index.html" => Rute::Oversigt,
        "/fragment" => Rute::OversigtFragment,
        "/events" => Rute::Begivenheder,
        "/api/dokumenter" => Rute::Api,
        "/preview.css" => Rute::Css,
        "/preview.js" => Rute::Js,
        "/formular.css" => Rute::FormularCss,
        "/formular.js" => Rute::FormularJs,
        _ if sti.starts_with("/udfyld/") => return udfyld(&sti["/udfyld/".len()..]),
        _ => return dok(sti.strip_prefix("/dok/")?),
    };
    Some(r)
}

fn dok(rest: &str) -> Option<Rute> {
    let (id, under) = rest.split_once('/').unwrap_or((rest, ""));
    let id = url_afkod(id).filter(|i| !i.is_empty())?;
    let r = match under {
        "" => Rute::Dok(id),
        "fragment" => Rute::DokFragment(id),
        "pdf" => Rute::Pdf(id),
        _ => {
            let n = under.strip_prefix("side/")?.strip_suffix(".png")?;
            Rute::Side(id, n.parse().ok().filter(|n| *n > 0)?)
        }
    };
    Some(r)
}

fn udfyld(rest: &str) -> Option<Rute> {
    let (id, under) = rest.split_once('/').unwrap_or((rest, ""));
    let id = url_afkod(id).filter(|i| !i.is_empty())?;
    match under {
        "" => Some(Rute::Udfyld(id)),
        "bilag" => Some(Rute::UdfyldBilag(id)),
        _ => None,
    }
}

/// The value of `navn` in a query string.
pub fn parameter<'a>(forespoergsel: &'a str, navn: &str) -> Option<&'a str> {
    forespoergsel
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(n, _)| *n == navn)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_urls_are_recognised() {
        assert_eq!(rute("/dok/bilag-beta/").0, Rute::Dok("bilag-beta".into()));
        assert_eq!(rute("/dok/bilag-beta").0, Rute::Dok("bilag-beta".into()));
        assert_eq!(
            rute("/dok/bilag-beta/fragment").0,
            Rute::DokFragment("bilag-beta".into())
        );
        assert_eq!(
            rute("/dok/bilag-beta/pdf").0,
            Rute::Pdf("bilag-beta".into())
        );
        assert_eq!(
            rute("/dok/bilag-%C3%A6r%C3%B8/side/2.png?v=ab").0,
            Rute::Side("bilag-ærø".into(), 2)
        );
    }

    #[test]
    fn form_urls_name_the_kommune() {
        assert_eq!(rute("/udfyld/alfa/").0, Rute::Udfyld("alfa".into()));
        assert_eq!(rute("/udfyld/alfa").0, Rute::Udfyld("alfa".into()));
        assert_eq!(
            rute("/udfyld/h%C3%B8je/bilag").0,
            Rute::UdfyldBilag("høje".into())
        );
        for u in ["/udfyld/", "/udfyld/alfa/andet", "/udfyld/alfa/bilag/x"] {
            assert_eq!(rute(u).0, Rute::Ukendt, "{u}");
        }
    }

    #[test]
    fn nonsense_urls_are_unknown() {
        for u in [
            "/dok/",
            "/dok/x/side/0.png",
            "/dok/x/side/-1.png",
            "/dok/x/side/abc.png",
            "/dok/x/andet",
            "/../etc/passwd",
            "/dok/%ff/",
        ] {
            assert_eq!(rute(u).0, Rute::Ukendt, "{u}");
        }
    }

    #[test]
    fn query_parameter_is_found() {
        let (_, q) = rute("/dok/x/side/1.png?a=1&v=abc");
        assert_eq!(parameter(q, "v"), Some("abc"));
        assert_eq!(parameter(q, "w"), None);
    }
}
