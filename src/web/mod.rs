//! The web stack every page is served on: HTML building blocks and the pages'
//! templates.

#[cfg(any(test, feature = "sider-foer"))]
pub mod foer;
pub mod html;
pub mod sider;
