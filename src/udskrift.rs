//! How much a command prints besides its errors: `-q/--stille` only errors, `-v/--detaljer`
//! also the project found, stage and per-document timings. Set once per run.

use std::sync::atomic::{AtomicU8, Ordering};

/// The chosen amount of output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Niveau {
    /// Only errors (and output that was asked for, such as JSON or a completion script).
    Stille = 0,
    Normal = 1,
    /// Also where the project is, and timings.
    Detaljer = 2,
}

static NIVEAU: AtomicU8 = AtomicU8::new(Niveau::Normal as u8);

/// Sets the level for the rest of the run.
pub fn saet(n: Niveau) {
    NIVEAU.store(n as u8, Ordering::Relaxed);
}

/// The level of this run.
pub fn niveau() -> Niveau {
    match NIVEAU.load(Ordering::Relaxed) {
        0 => Niveau::Stille,
        1 => Niveau::Normal,
        _ => Niveau::Detaljer,
    }
}

/// True unless `-q`: messages, warnings and summaries are shown.
pub fn vis_beskeder() -> bool {
    niveau() >= Niveau::Normal
}

/// True with `-v`.
pub fn detaljer() -> bool {
    niveau() == Niveau::Detaljer
}

/// A message line on standard error, unless `-q`.
#[macro_export]
macro_rules! besked {
    ($($arg:tt)*) => {
        if $crate::udskrift::vis_beskeder() {
            eprintln!($($arg)*);
        }
    };
}

/// A result line on standard output, unless `-q`.
#[macro_export]
macro_rules! resultat {
    ($($arg:tt)*) => {
        if $crate::udskrift::vis_beskeder() {
            println!($($arg)*);
        }
    };
}
