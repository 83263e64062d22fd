//! Reading and validating content: YAML files → raw model (with places) → rules →
//! the validated model, and a whole project of periods on disk.

pub mod dato;
pub mod forskel;
pub mod kommuner;
pub mod model;
pub mod projekt;
pub mod raa;
pub mod statusfil;
pub mod valider;
pub mod yaml;
