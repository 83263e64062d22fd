//! Sending one letter through the SMTP server with lettre's blocking transport (the
//! server calls it on tokio's blocking pool), and what went wrong in Danish.

use std::fmt;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};

use super::adresse::postkasse;
use super::breve::Brev;
use super::opsaetning::{Forbindelse, Postopsaetning};

/// How long a connection, a command or an answer may take.
const FRIST: Duration = Duration::from_secs(30);

/// Why a letter was not sent. The text is Danish and holds no password.
#[derive(Debug)]
pub enum Postfejl {
    /// The recipient's address cannot be used.
    Modtager {
        adresse: String,
        grund: &'static str,
    },
    /// The server refused the user name or password.
    Login {
        server: String,
        aarsag: lettre::transport::smtp::Error,
    },
    /// The server refused the letter or a recipient; `midlertidig` if it asks to retry.
    Afvist {
        server: String,
        midlertidig: bool,
        aarsag: lettre::transport::smtp::Error,
    },
    /// No connection, no TLS, or no answer in time.
    Forbindelse {
        server: String,
        aarsag: lettre::transport::smtp::Error,
    },
}

impl fmt::Display for Postfejl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Modtager { adresse, grund } => {
                write!(f, "modtageradressen «{}» {grund}", adresse.escape_debug())
            }
            Self::Login { server, .. } => {
                write!(
                    f,
                    "SMTP-serveren {server} afviste brugernavnet eller adgangskoden"
                )
            }
            Self::Afvist {
                server,
                midlertidig: true,
                aarsag,
            } => write!(
                f,
                "SMTP-serveren {server} afviste brevet for nu{}; prøv igen senere",
                kode(aarsag)
            ),
            Self::Afvist {
                server,
                midlertidig: false,
                aarsag,
            } => {
                write!(f, "SMTP-serveren {server} afviste brevet{}", kode(aarsag))
            }
            Self::Forbindelse { server, aarsag } if aarsag.is_tls() => write!(
                f,
                "den krypterede forbindelse til SMTP-serveren {server} kunne ikke oprettes"
            ),
            Self::Forbindelse { server, aarsag } if aarsag.is_timeout() => {
                write!(f, "SMTP-serveren {server} svarede ikke i tide")
            }
            Self::Forbindelse { server, .. } => {
                write!(f, "kunne ikke sende via SMTP-serveren {server}")
            }
        }
    }
}

fn kode(e: &lettre::transport::smtp::Error) -> String {
    e.status()
        .map(|k| format!(" (kode {k})"))
        .unwrap_or_default()
}

impl std::error::Error for Postfejl {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Modtager { .. } => None,
            Self::Login { aarsag, .. }
            | Self::Afvist { aarsag, .. }
            | Self::Forbindelse { aarsag, .. } => Some(aarsag),
        }
    }
}

impl Postopsaetning {
    /// Sends `brev` as plain UTF-8 text from the sender to `brev.til`.
    pub fn send(&self, brev: &Brev) -> Result<(), Postfejl> {
        let til = postkasse(&brev.til).map_err(|grund| Postfejl::Modtager {
            adresse: brev.til.clone(),
            grund,
        })?;
        let besked = Message::builder()
            .from(self.afsender.clone())
            .to(til)
            .subject(brev.emne.clone())
            .header(ContentType::TEXT_PLAIN)
            // lettre ends the body with a line break of its own.
            .body(
                brev.tekst
                    .strip_suffix('\n')
                    .unwrap_or(&brev.tekst)
                    .to_string(),
            )
            .map_err(|_| Postfejl::Modtager {
                adresse: brev.til.clone(),
                grund: "kan ikke bruges som modtager",
            })?;
        self.transport()
            .and_then(|t| t.send(&besked))
            .map(|_| ())
            .map_err(|e| self.postfejl(e))
    }

    /// The transport; TLS that cannot be set up is an error, never plain SMTP instead.
    fn transport(&self) -> Result<SmtpTransport, lettre::transport::smtp::Error> {
        let tls = || TlsParameters::new(self.vaert.clone());
        let tls = match self.forbindelse {
            Forbindelse::UkrypteretLokal => Tls::None,
            Forbindelse::Starttls => Tls::Required(tls()?),
            Forbindelse::Tls => Tls::Wrapper(tls()?),
        };
        let mut b = SmtpTransport::builder_dangerous(self.vaert.clone())
            .port(self.port)
            .tls(tls)
            .timeout(Some(FRIST));
        if let Some((bruger, kode)) = &self.login {
            b = b.credentials(Credentials::new(bruger.clone(), kode.clone()));
        }
        Ok(b.build())
    }

    fn postfejl(&self, aarsag: lettre::transport::smtp::Error) -> Postfejl {
        let server = self.server();
        let login = aarsag.status().is_some_and(|k| k.to_string() == "535");
        match () {
            _ if login => Postfejl::Login { server, aarsag },
            _ if aarsag.is_permanent() || aarsag.is_transient() => Postfejl::Afvist {
                server,
                midlertidig: aarsag.is_transient(),
                aarsag,
            },
            _ => Postfejl::Forbindelse { server, aarsag },
        }
    }
}
