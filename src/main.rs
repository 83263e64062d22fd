//! The `fremdrift` command: parse arguments, run, print the error chain in Danish.

use std::process::ExitCode;

use fremdrift::cli::{self, Parset};

#[global_allocator]
static ALLOKATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let parset = cli::parse();
    let startet = matches!(parset, Ok(Parset::Start));
    let resultat = parset.and_then(|p| match p {
        Parset::Koer(args) => cli::koer(args),
        Parset::Vis(tekst) => tekst.print().map_err(Into::into),
        Parset::Start => cli::start(),
    });
    match resultat {
        Ok(()) => ExitCode::SUCCESS,
        Err(fejl) => {
            cli::udskriv_fejl(&fejl);
            if startet {
                // A double-clicked window would close before the error is read.
                cli::vent_paa_enter();
            }
            cli::exitkode(&fejl)
        }
    }
}
