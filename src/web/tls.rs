//! TLS for the web stack from PEM files (`--tls-cert`, `--tls-key`): rustls with the
//! ring provider, HTTP/1.1 only (ALPN). Served by [`super::betjen_tls`]. Under https the
//! front end adds [`HSTS`] to its fixed headers.

// Until `fremdrift indsamling serve` uses it (the lead's branch).
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;

use rustls::ServerConfig;
use rustls_pki_types::pem::{self, PemObject};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use crate::fejl::Fejl;

/// `Strict-Transport-Security` for a front end served over https: browsers use https
/// only for a year. For [`super::Vaern::faste_hoveder`], never under plain http.
pub const HSTS: (&str, &str) = ("strict-transport-security", "max-age=31536000");

const CERT_HINT: &str = "angiv certifikatet som PEM-fil (-----BEGIN CERTIFICATE-----), \
                         serverens eget først og derefter mellemcertifikaterne";
const NOEGLE_HINT: &str = "angiv den private nøgle som PEM-fil (-----BEGIN PRIVATE KEY-----), \
                           ukrypteret, den der hører til certifikatet";

/// The server's TLS settings from a certificate chain and its private key in PEM files.
pub fn tls_opsaetning(cert: &Path, noegle: &Path) -> anyhow::Result<Arc<ServerConfig>> {
    let kaede = certifikater(cert)?;
    let privat = privat_noegle(noegle)?;
    let udbyder = Arc::new(rustls::crypto::ring::default_provider());
    let mut c = ServerConfig::builder_with_provider(udbyder)
        .with_safe_default_protocol_versions()
        .map_err(|e| Fejl::ny("TLS kan ikke sættes op").aarsag(e))?
        .with_no_client_auth()
        .with_single_cert(kaede, privat)
        .map_err(|e| {
            Fejl::ny(format!(
                "--tls-key: nøglen i «{}» passer ikke til certifikatet i «{}»",
                noegle.display(),
                cert.display()
            ))
            .hint("brug den private nøgle, som certifikatet blev udstedt til")
            .aarsag(e)
        })?;
    c.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(c))
}

fn laes(flag: &str, sti: &Path, hint: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(sti).map_err(|e| {
        let besked = match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("{flag}: filen «{}» findes ikke", sti.display())
            }
            _ => format!("{flag}: filen «{}» kan ikke læses", sti.display()),
        };
        Fejl::ny(besked).hint(hint).aarsag(e).into()
    })
}

fn certifikater(sti: &Path) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    let data = laes("--tls-cert", sti, CERT_HINT)?;
    let ikke_pem = |e: pem::Error| -> anyhow::Error {
        Fejl::ny(format!(
            "--tls-cert: «{}» er ikke en gyldig PEM-fil",
            sti.display()
        ))
        .hint(CERT_HINT)
        .aarsag(e)
        .into()
    };
    let kaede = CertificateDer::pem_slice_iter(&data)
        .collect::<Result<Vec<_>, _>>()
        .map_err(ikke_pem)?;
    if kaede.is_empty() {
        return Err(Fejl::ny(format!(
            "--tls-cert: «{}» indeholder intet certifikat",
            sti.display()
        ))
        .hint(CERT_HINT)
        .into());
    }
    Ok(kaede)
}

fn privat_noegle(sti: &Path) -> anyhow::Result<PrivateKeyDer<'static>> {
    let data = laes("--tls-key", sti, NOEGLE_HINT)?;
    PrivateKeyDer::from_pem_slice(&data).map_err(|e| {
        let besked = match e {
            pem::Error::NoItemsFound => {
                format!(
                    "--tls-key: «{}» indeholder ingen privat nøgle",
                    sti.display()
                )
            }
            _ => format!("--tls-key: «{}» er ikke en gyldig PEM-fil", sti.display()),
        };
        Fejl::ny(besked).hint(NOEGLE_HINT).aarsag(e).into()
    })
}

#[cfg(test)]
mod tests;
