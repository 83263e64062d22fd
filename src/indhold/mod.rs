//! Reading and validating content: YAML files → raw model (with places) → rules →
//! the validated model, and a whole project of periods on disk.

pub mod dato;
pub mod datotekst;
pub mod forloeb;
pub mod kommuner;
pub mod linjeskift;
pub mod model;
pub mod projekt;
pub mod raa;
pub mod udfyldning;
pub mod valider;
pub mod yaml;
