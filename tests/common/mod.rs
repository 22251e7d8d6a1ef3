//! Helpers shared by the test binaries (each includes this with `mod common;`).

pub mod chromium;
