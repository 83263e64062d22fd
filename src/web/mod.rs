//! The web stack every page is served on: HTML building blocks.

pub mod html;
