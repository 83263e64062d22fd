//! Output: atomic, all-or-nothing writes, the history that keeps every replaced
//! status file, and the text of a status file in its canonical form (`statusfil`).

mod atomisk;
pub mod historik;
pub mod statusfil;

pub use atomisk::{Forberedt, forbered, laeg_paa_plads, ryd_op, skriv_atomisk, skriv_ny_atomisk};
