//! Parsing the command line: clap's own errors become Danish messages with a hint,
//! returned to the one error printer (exit code 2); help and version are text to show.

use clap::Parser;
use clap::error::{ContextKind, ErrorKind};

use super::{Cli, Kommando};
use crate::fejl::fejl;

/// What the command line asked for.
// Made once per run and moved straight into `koer`: boxing it buys nothing.
#[allow(clippy::large_enum_variant)]
pub enum Parset {
    /// A command to run.
    Koer(Cli),
    /// Help or version: shown on standard output, exit code 0.
    Vis(clap::Error),
    /// No arguments on a console (a double-click): the start mode.
    Start,
}

/// Parses the process's arguments. With none at all and a console on standard input
/// (as when Explorer starts the program) it is the start mode; without a console, as
/// in scripts, no arguments stay a usage error.
pub fn parse() -> anyhow::Result<Parset> {
    use std::io::IsTerminal;
    if std::env::args_os().len() == 1 && std::io::stdin().is_terminal() {
        return Ok(Parset::Start);
    }
    parse_fra(std::env::args_os())
}

/// Parses the given arguments (the first is the program name).
pub fn parse_fra<I, T>(args: I) -> anyhow::Result<Parset>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    match Cli::try_parse_from(&args) {
        Ok(Cli {
            kommando: Kommando::Hjaelp(h),
            ..
        }) => hjaelp(&args[0], h.kommando.as_deref()),
        Ok(cli) => Ok(Parset::Koer(cli)),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            Ok(Parset::Vis(e))
        }
        Err(e) => Err(fejl(besked(&e), "se «fremdrift --help»")),
    }
}

/// `fremdrift help [KOMMANDO]`: the same text as `fremdrift [KOMMANDO] --help`.
fn hjaelp(program: &std::ffi::OsStr, kommando: Option<&str>) -> anyhow::Result<Parset> {
    let mut args = vec![program.to_os_string()];
    args.extend(kommando.map(Into::into));
    args.push("--help".into());
    parse_fra(args)
}

/// A Danish message for one of clap's errors.
fn besked(e: &clap::Error) -> String {
    let ctx = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    match e.kind() {
        ErrorKind::UnknownArgument => format!("ukendt argument «{}»", ctx(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            format!("ukendt kommando «{}»", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => format!(
            "ugyldig værdi «{}» for {}; mulige værdier: {}",
            ctx(ContextKind::InvalidValue),
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => format!(
            "ugyldig værdi «{}» for {}",
            ctx(ContextKind::InvalidValue),
            ctx(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("der mangler et argument: {}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "angiv en kommando, fx «fremdrift build»".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "{} kan ikke bruges sammen med {}",
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => format!("for mange værdier: {}", ctx(ContextKind::InvalidArg)),
        _ => "ugyldige argumenter".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fejl::{exitkode, tekst};

    #[test]
    fn argument_errors_are_returned_in_danish_with_a_hint() {
        let Err(e) = parse_fra(["fremdrift", "byg"]) else {
            panic!("an unknown command is an error")
        };
        assert_eq!(
            tekst(&e),
            "fejl: ukendt kommando «byg»\n  hint: se «fremdrift --help»"
        );
        assert_eq!(exitkode(&e), std::process::ExitCode::from(2));
    }

    #[test]
    fn help_with_a_command_shows_that_commands_help() {
        let vist = |args: &[&str]| match parse_fra(args.iter().copied()) {
            Ok(Parset::Vis(e)) => e.render().to_string(),
            _ => panic!("{args:?} is help to show"),
        };
        assert_eq!(
            vist(&["fremdrift", "help", "skabelon"]),
            vist(&["fremdrift", "skabelon", "--help"])
        );
        assert!(vist(&["fremdrift", "help", "build"]).contains("Lav alle dokumenter"));
        assert_eq!(vist(&["fremdrift", "help"]), vist(&["fremdrift", "--help"]));
        let Err(e) = parse_fra(["fremdrift", "help", "byg"]) else {
            panic!("help for an unknown command is an error")
        };
        assert_eq!(
            tekst(&e),
            "fejl: ukendt kommando «byg»\n  hint: se «fremdrift --help»"
        );
    }

    #[test]
    fn help_is_text_to_show_not_an_error() {
        assert!(matches!(
            parse_fra(["fremdrift", "--help"]),
            Ok(Parset::Vis(_))
        ));
    }
}
