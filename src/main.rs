//! The `fremdrift` command: parse arguments, run, print the error chain in Danish.

use std::process::ExitCode;

#[global_allocator]
static ALLOKATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match fremdrift::cli::parse() {
        Ok(args) => args,
        Err(kode) => return kode,
    };
    let resultat = fremdrift::cmd::koer(args);
    fremdrift::tider::udskriv();
    match resultat {
        Ok(kode) => kode,
        Err(fejl) => {
            fremdrift::cmd::udskriv_fejl(&fejl);
            ExitCode::from(2)
        }
    }
}
