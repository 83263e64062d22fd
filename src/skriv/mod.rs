//! Output: atomic, all-or-nothing writes, and the history that keeps every replaced
//! status file.

mod atomisk;
pub mod historik;

pub use atomisk::{Forberedt, forbered, laeg_paa_plads, ryd_op, skriv_atomisk, skriv_ny_atomisk};
