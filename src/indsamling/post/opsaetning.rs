//! `--smtp` and `--afsender`: which server, how it is secured, who logs in. The password
//! comes only from `FREMDRIFT_SMTP_ADGANGSKODE`, never from a flag or a file.

use std::fmt;
use std::net::IpAddr;

use lettre::message::Mailbox;
use url::{Host, Url};

use super::adresse::postkasse;
use crate::fejl::fejl;

/// The user name when the URL has none.
pub const MILJOE_BRUGER: &str = "FREMDRIFT_SMTP_BRUGER";
/// The password, and the only place it is read from.
pub const MILJOE_ADGANGSKODE: &str = "FREMDRIFT_SMTP_ADGANGSKODE";

/// How the connection to the SMTP server is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forbindelse {
    /// `smtp://` to another machine: STARTTLS, required.
    Starttls,
    /// `smtps://`: TLS from the first byte.
    Tls,
    /// `smtp://` to this machine (a local relay): plain SMTP.
    UkrypteretLokal,
}

/// Where and as whom the service sends its letters.
#[derive(Clone)]
pub struct Postopsaetning {
    pub(super) vaert: String,
    pub(super) port: u16,
    pub(super) forbindelse: Forbindelse,
    pub(super) afsender: Mailbox,
    pub(super) login: Option<(String, String)>,
}

impl fmt::Debug for Postopsaetning {
    /// Never the password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Postopsaetning")
            .field("vaert", &self.vaert)
            .field("port", &self.port)
            .field("forbindelse", &self.forbindelse)
            .field("afsender", &self.afsender.to_string())
            .field("bruger", &self.login.as_ref().map(|(b, _)| b))
            .finish()
    }
}

impl Postopsaetning {
    /// From `--smtp smtp://vaert:port` (or `smtps://`) and `--afsender ADRESSE`, with the
    /// user name from the URL or `FREMDRIFT_SMTP_BRUGER` and the password from
    /// `FREMDRIFT_SMTP_ADGANGSKODE`.
    pub fn ny(smtp: &str, afsender: &str) -> anyhow::Result<Self> {
        Self::med_miljoe(smtp, afsender, |navn| std::env::var(navn).ok())
    }

    /// As [`Postopsaetning::ny`], with the environment variables read through `miljoe`.
    pub fn med_miljoe(
        smtp: &str,
        afsender: &str,
        miljoe: impl Fn(&str) -> Option<String>,
    ) -> anyhow::Result<Self> {
        let url = smtp_url(smtp)?;
        let forbindelse = forbindelse(&url)?;
        let vaert = vaert(&url)?;
        let port = url.port().unwrap_or(match forbindelse {
            Forbindelse::Tls => 465,
            _ => 587,
        });
        let afsender = postkasse(afsender).map_err(|grund| {
            fejl(
                format!("--afsender «{}» {grund}", afsender.trim()),
                "skriv afsenderens adresse, fx --afsender kkr@kl.dk eller \
                 --afsender \"KKR Hovedstaden <kkr@kl.dk>\"",
            )
        })?;
        let login = login(&url, &miljoe)?;
        Ok(Self {
            vaert,
            port,
            forbindelse,
            afsender,
            login,
        })
    }

    /// How the connection is secured.
    pub fn forbindelse(&self) -> Forbindelse {
        self.forbindelse
    }

    /// "smtp.kl.dk:587", for messages.
    pub fn server(&self) -> String {
        match self.vaert.contains(':') {
            true => format!("[{}]:{}", self.vaert, self.port),
            false => format!("{}:{}", self.vaert, self.port),
        }
    }
}

const SMTP_HINT: &str = "skriv fx --smtp smtp://smtp.kommune.dk:587 (STARTTLS) eller \
                         --smtp smtps://smtp.kommune.dk:465 (TLS)";

fn smtp_url(smtp: &str) -> anyhow::Result<Url> {
    let url = Url::parse(smtp.trim()).map_err(|_| {
        fejl(
            format!("--smtp «{smtp}» er ikke en SMTP-adresse"),
            SMTP_HINT,
        )
    })?;
    if url.password().is_some() {
        return Err(fejl(
            "--smtp må ikke indeholde adgangskoden",
            format!("fjern den fra adressen og sæt den i miljøvariablen {MILJOE_ADGANGSKODE}"),
        ));
    }
    if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
        return Err(fejl(
            format!("--smtp «{url}» må kun have vært og port"),
            SMTP_HINT,
        ));
    }
    Ok(url)
}

fn forbindelse(url: &Url) -> anyhow::Result<Forbindelse> {
    match url.scheme() {
        "smtps" => Ok(Forbindelse::Tls),
        "smtp" if er_lokal(url) => Ok(Forbindelse::UkrypteretLokal),
        "smtp" => Ok(Forbindelse::Starttls),
        andet => Err(fejl(
            format!("--smtp kender ikke «{andet}://»"),
            format!("brug smtp:// eller smtps://; {SMTP_HINT}"),
        )),
    }
}

/// The loopback host names and addresses: 127.0.0.0/8, ::1, localhost.
fn er_lokal(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        // smtp:// is no special scheme to the URL standard: an IPv4 address stays text.
        Some(Host::Domain(d)) => {
            d.eq_ignore_ascii_case("localhost")
                || d.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        None => false,
    }
}

fn vaert(url: &Url) -> anyhow::Result<String> {
    match url.host() {
        Some(Host::Domain(d)) if !d.is_empty() => Ok(d.to_string()),
        Some(Host::Ipv4(ip)) => Ok(ip.to_string()),
        Some(Host::Ipv6(ip)) => Ok(ip.to_string()),
        _ => Err(fejl(
            format!("--smtp «{url}» mangler serverens navn"),
            SMTP_HINT,
        )),
    }
}

fn login(
    url: &Url,
    miljoe: &impl Fn(&str) -> Option<String>,
) -> anyhow::Result<Option<(String, String)>> {
    let fra_url = percent_encoding::percent_decode_str(url.username())
        .decode_utf8_lossy()
        .into_owned();
    let bruger = Some(fra_url)
        .filter(|b| !b.is_empty())
        .or_else(|| miljoe(MILJOE_BRUGER).filter(|b| !b.is_empty()));
    let kode = miljoe(MILJOE_ADGANGSKODE).filter(|k| !k.is_empty());
    match (bruger, kode) {
        (Some(b), Some(k)) => Ok(Some((b, k))),
        (None, None) => Ok(None),
        (Some(b), None) => Err(fejl(
            format!("SMTP-brugeren «{b}» har ingen adgangskode"),
            format!("sæt adgangskoden i miljøvariablen {MILJOE_ADGANGSKODE}"),
        )),
        (None, Some(_)) => Err(fejl(
            format!("{MILJOE_ADGANGSKODE} er sat, men der er intet SMTP-brugernavn"),
            format!(
                "skriv brugeren i adressen (--smtp smtp://bruger@vaert:587) eller i \
                 miljøvariablen {MILJOE_BRUGER}"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fejl::tekst;

    fn intet(_: &str) -> Option<String> {
        None
    }

    fn opsaet(smtp: &str) -> Postopsaetning {
        Postopsaetning::med_miljoe(smtp, "kkr@kl.dk", intet).unwrap()
    }

    fn fejltekst(smtp: &str, afsender: &str, miljoe: impl Fn(&str) -> Option<String>) -> String {
        tekst(&Postopsaetning::med_miljoe(smtp, afsender, miljoe).unwrap_err())
    }

    #[test]
    fn smtp_to_another_machine_requires_starttls_on_port_587() {
        let p = opsaet("smtp://smtp.kl.dk");
        assert_eq!(p.forbindelse(), Forbindelse::Starttls);
        assert_eq!(p.server(), "smtp.kl.dk:587");
    }

    #[test]
    fn smtps_is_implicit_tls_on_port_465() {
        let p = opsaet("smtps://smtp.kl.dk");
        assert_eq!(p.forbindelse(), Forbindelse::Tls);
        assert_eq!(p.port, 465);
        assert_eq!(opsaet("smtps://smtp.kl.dk:2465").port, 2465);
    }

    #[test]
    fn only_loopback_hosts_get_plain_smtp() {
        for lokal in [
            "smtp://127.0.0.1:2525",
            "smtp://localhost:25",
            "smtp://[::1]:25",
            "smtp://127.0.0.2",
        ] {
            assert_eq!(
                opsaet(lokal).forbindelse(),
                Forbindelse::UkrypteretLokal,
                "{lokal}"
            );
        }
        for fjern in [
            "smtp://10.0.0.1:25",
            "smtp://localhost.kl.dk",
            "smtp://127.0.0.1.nip.io",
        ] {
            assert_eq!(
                opsaet(fjern).forbindelse(),
                Forbindelse::Starttls,
                "{fjern}"
            );
        }
        assert_eq!(opsaet("smtp://[::1]:25").server(), "[::1]:25");
    }

    #[test]
    fn the_user_comes_from_the_url_and_the_password_from_the_environment() {
        let miljoe = |n: &str| (n == MILJOE_ADGANGSKODE).then(|| "hemmelig".to_string());
        let p = Postopsaetning::med_miljoe("smtp://kkr%40kl.dk@smtp.kl.dk", "kkr@kl.dk", miljoe)
            .unwrap();
        assert_eq!(p.login, Some(("kkr@kl.dk".into(), "hemmelig".into())));
        assert!(!format!("{p:?}").contains("hemmelig"));
    }

    #[test]
    fn the_user_may_come_from_the_environment_too() {
        let miljoe = |n: &str| match n {
            MILJOE_BRUGER => Some("kkr".to_string()),
            _ => Some("hemmelig".to_string()),
        };
        let p = Postopsaetning::med_miljoe("smtp://smtp.kl.dk", "kkr@kl.dk", miljoe).unwrap();
        assert_eq!(p.login, Some(("kkr".into(), "hemmelig".into())));
    }

    #[test]
    fn no_user_and_no_password_sends_without_login() {
        assert_eq!(opsaet("smtp://127.0.0.1:25").login, None);
    }

    #[test]
    fn a_password_in_the_url_is_refused_without_showing_it() {
        let e = fejltekst("smtp://kkr:hemmelig@smtp.kl.dk", "kkr@kl.dk", intet);
        assert!(e.contains("--smtp må ikke indeholde adgangskoden"), "{e}");
        assert!(e.contains(MILJOE_ADGANGSKODE), "{e}");
        assert!(!e.contains("hemmelig"), "{e}");
    }

    #[test]
    fn a_user_without_a_password_says_which_variable_to_set() {
        let e = fejltekst("smtp://kkr@smtp.kl.dk", "kkr@kl.dk", intet);
        assert!(
            e.contains("SMTP-brugeren «kkr» har ingen adgangskode"),
            "{e}"
        );
        assert!(e.contains(MILJOE_ADGANGSKODE), "{e}");
    }

    #[test]
    fn a_password_without_a_user_says_where_the_user_goes() {
        let miljoe = |n: &str| (n == MILJOE_ADGANGSKODE).then(|| "x".to_string());
        let e = fejltekst("smtp://smtp.kl.dk", "kkr@kl.dk", miljoe);
        assert!(e.contains("intet SMTP-brugernavn"), "{e}");
        assert!(e.contains(MILJOE_BRUGER), "{e}");
    }

    #[test]
    fn another_scheme_or_a_path_is_refused_with_a_hint() {
        let e = fejltekst("http://smtp.kl.dk", "kkr@kl.dk", intet);
        assert!(e.contains("--smtp kender ikke «http://»"), "{e}");
        assert!(e.contains("smtps://"), "{e}");
        let e = fejltekst("smtp://smtp.kl.dk/post?tls=nej", "kkr@kl.dk", intet);
        assert!(e.contains("må kun have vært og port"), "{e}");
        let e = fejltekst("smtp.kl.dk:587", "kkr@kl.dk", intet);
        assert!(e.contains("--smtp"), "{e}");
    }

    #[test]
    fn a_bad_sender_names_the_flag() {
        let e = fejltekst("smtp://smtp.kl.dk", "kkr@kl.dk\r\nBcc: x@y.dk", intet);
        assert!(e.contains("--afsender"), "{e}");
        assert!(e.contains("linjeskift"), "{e}");
        let e = fejltekst("smtp://smtp.kl.dk", "kkr", intet);
        assert!(
            e.contains("--afsender «kkr» er ikke en gyldig e-mailadresse"),
            "{e}"
        );
    }
}
