//! fremdrift: fremdriftsskemaer og KKR-tilbagemeldinger fra YAML til PDF.
//!
//! The pipeline is content (YAML) → validated model → minijinja templates → Typst
//! markup → PDF, compiled in-process.

pub mod aggregat;
pub mod cli;
pub mod cmd;
pub mod compile;
pub mod dato;
pub mod diag;
pub mod dokumenter;
pub mod eksempel;
pub mod escape;
pub mod kontrol;
pub mod model;
pub mod output;
pub mod preview;
pub mod project;
pub mod render;
pub mod samlet;
pub mod templates;
pub mod tider;
pub mod tilbagemelding;
pub mod world;
pub mod yaml;
