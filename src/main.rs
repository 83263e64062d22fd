//! The `fremdrift` command: parse arguments, run, print the error chain in Danish.

use std::process::ExitCode;

use fremdrift::cli::{self, Parset};

#[global_allocator]
static ALLOKATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let resultat = cli::parse().and_then(|p| match p {
        Parset::Koer(args) => cli::koer(args),
        Parset::Vis(tekst) => tekst.print().map_err(Into::into),
    });
    match resultat {
        Ok(()) => ExitCode::SUCCESS,
        Err(fejl) => {
            cli::udskriv_fejl(&fejl);
            cli::exitkode(&fejl)
        }
    }
}
