//! `fremdrift completions <skal>`: a completion script for bash, zsh, fish or
//! PowerShell on standard output (clap_complete), to install as the README shows.

use clap::{Command, CommandFactory};

use crate::argumenter::{Cli, CompletionsArgs};

pub fn koer(a: &CompletionsArgs) -> anyhow::Result<()> {
    let mut cmd = uden_skjulte(Cli::command());
    clap_complete::generate(a.skal, &mut cmd, "fremdrift", &mut std::io::stdout());
    Ok(())
}

/// The command line without hidden commands (the preview's worker is no user's business).
fn uden_skjulte(cmd: Command) -> Command {
    let synlige: Vec<Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let args: Vec<clap::Arg> = cmd.get_arguments().cloned().collect();
    Command::new("fremdrift")
        .about(cmd.get_about().cloned().unwrap_or_default())
        .version(env!("CARGO_PKG_VERSION"))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .args(args)
        .subcommands(synlige)
}
