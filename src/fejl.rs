//! Errors as a user reads them: a Danish message, the chain of causes, a hint — printed
//! in one place — and the exit code every command shares: 0 success (warnings allowed),
//! 1 content errors, 2 usage or I/O errors.

use std::fmt;
use std::process::ExitCode;

use crate::diagnose::Diagnoser;

/// What the user can do about an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint(pub String);

/// An error with a Danish message, maybe a hint and maybe its cause.
#[derive(Debug)]
pub struct Fejl {
    besked: String,
    hint: Option<Hint>,
    aarsag: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Fejl {
    pub fn ny(besked: impl Into<String>) -> Self {
        Self {
            besked: besked.into(),
            hint: None,
            aarsag: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(Hint(hint.into()));
        self
    }

    pub fn aarsag(mut self, e: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.aarsag = Some(Box::new(e));
        self
    }
}

impl fmt::Display for Fejl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.besked)
    }
}

impl std::error::Error for Fejl {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.aarsag
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A usage error with a hint, as an `anyhow::Error`.
pub fn fejl(besked: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    Fejl::ny(besked).hint(hint).into()
}

/// Content errors: every diagnostic, and the line that sums them up (exit code 1).
#[derive(Debug)]
pub struct Indholdsfejl {
    pub diagnoser: Diagnoser,
    pub opsummering: String,
}

impl Indholdsfejl {
    /// Content errors of a command that writes files: nothing was written.
    pub fn ny(diagnoser: Diagnoser) -> Self {
        let opsummering = format!(
            "indholdet har {}; der er ikke skrevet nogen filer",
            diagnoser.opsummering()
        );
        Self {
            diagnoser,
            opsummering,
        }
    }
}

impl Indholdsfejl {
    /// What `-q` shows: the errors alone, without warnings and the summary (which is
    /// kept only when it is all there is to say).
    pub fn kun_fejl(&self) -> String {
        let fejl: Vec<String> = self
            .diagnoser
            .0
            .iter()
            .filter(|d| d.er_fejl())
            .map(ToString::to_string)
            .collect();
        if fejl.is_empty() {
            return self.opsummering.clone();
        }
        fejl.join("\n")
    }
}

impl fmt::Display for Indholdsfejl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.diagnoser, self.opsummering)
    }
}

impl std::error::Error for Indholdsfejl {}

/// The whole error as printed: `fejl:` with the message, an `årsag:` line per cause,
/// and the hints. Content errors print their diagnostics and summary instead.
pub fn tekst(e: &anyhow::Error) -> String {
    if let Some(i) = e.downcast_ref::<Indholdsfejl>() {
        if !crate::udskrift::vis_beskeder() {
            return i.kun_fejl();
        }
        return i.to_string();
    }
    let d = dele(e);
    let mut ud = format!("fejl: {}", d.besked);
    for a in &d.aarsager {
        ud.push_str(&format!("\n  årsag: {a}"));
    }
    for h in &d.hints {
        ud.push_str(&format!("\n  hint: {h}"));
    }
    ud
}

/// An error taken apart: its message, its causes in Danish, and its hints.
pub struct Dele {
    pub besked: String,
    pub aarsager: Vec<String>,
    pub hints: Vec<String>,
}

/// The parts of an error, for printing it as text or as JSON.
pub fn dele(e: &anyhow::Error) -> Dele {
    let mut d = Dele {
        besked: e.to_string(),
        aarsager: Vec::new(),
        hints: Vec::new(),
    };
    for (i, led) in e.chain().enumerate() {
        if let Some(h) = led.downcast_ref::<Fejl>().and_then(|f| f.hint.as_ref()) {
            d.hints.push(h.0.clone());
        }
        if i > 0 {
            d.aarsager.push(aarsag(led));
        }
    }
    d
}

/// Danish for an I/O cause; other causes as they are.
fn aarsag(led: &(dyn std::error::Error + 'static)) -> String {
    match led.downcast_ref::<std::io::Error>() {
        Some(io) => crate::indhold::yaml::io_fejl(io),
        None => led.to_string(),
    }
}

/// Prints an error to standard error.
pub fn udskriv(e: &anyhow::Error) {
    eprintln!("{}", tekst(e));
}

/// 1 for content errors, 2 for everything else.
pub fn exitkode(e: &anyhow::Error) -> ExitCode {
    if e.chain().any(|l| l.is::<Indholdsfejl>()) {
        ExitCode::from(1)
    } else {
        ExitCode::from(2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::Diagnose;

    #[test]
    fn chain_is_printed_with_causes_then_hints() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let e: anyhow::Error = Fejl::ny("kunne ikke skrive out/a.pdf")
            .hint("tjek at mappen ikke er skrivebeskyttet")
            .aarsag(io)
            .into();
        assert_eq!(
            tekst(&e),
            "fejl: kunne ikke skrive out/a.pdf\n  årsag: adgang nægtet\n  hint: tjek at mappen ikke er skrivebeskyttet"
        );
        assert_eq!(exitkode(&e), ExitCode::from(2));
    }

    #[test]
    fn content_errors_exit_with_1_and_list_every_diagnostic() {
        let mut d = Diagnoser::default();
        d.push(Diagnose::fejl("content/kkr.yaml", None, "øv"));
        let e: anyhow::Error = Indholdsfejl::ny(d).into();
        assert_eq!(exitkode(&e), ExitCode::from(1));
        assert_eq!(
            tekst(&e),
            "content/kkr.yaml: fejl: øv\nindholdet har 1 fejl og 0 advarsler; der er ikke skrevet nogen filer"
        );
    }

    #[test]
    fn context_lines_become_causes() {
        let e = anyhow::Error::from(Fejl::ny("grunden")).context("kunne ikke bygge");
        assert_eq!(tekst(&e), "fejl: kunne ikke bygge\n  årsag: grunden");
    }
}
