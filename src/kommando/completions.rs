//! `fremdrift completions <skal>`: a completion script for bash, zsh, fish or
//! PowerShell on standard output (clap_complete), to install as the README shows.

use clap::CommandFactory;

use crate::argumenter::{Cli, CompletionsArgs};

pub fn koer(a: &CompletionsArgs) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(a.skal, &mut cmd, "fremdrift", &mut std::io::stdout());
    Ok(())
}
