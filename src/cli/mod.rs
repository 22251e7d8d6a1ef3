//! One module per subcommand: its arguments (whose doc comments are the `--help`) and a
//! `main` that calls into the library.

pub mod bench;
pub mod engine;
pub mod eval;
pub mod import_base;
pub mod info;
pub mod run;
pub mod serve;
pub mod train;
