//! One module per subcommand: its arguments (whose doc comments are the `--help`) and a
//! `main` that calls into the library.

pub mod bench;
pub mod engine;
pub mod eval;
pub mod find;
pub mod fit_names;
pub mod import_base;
pub mod info;
pub mod merge;
pub mod run;
pub mod serve;
pub mod train;

use std::path::{Path, PathBuf};

/// `models/NAME` under zitat's home: `$ZITAT_HOME`, else the nearest folder above the
/// executable that holds `models/` (a checkout whose target/ holds the binary), else the
/// working directory. So zitat finds its models from any working directory.
pub fn models_dir(name: &str) -> PathBuf {
    home().join("models").join(name)
}

fn home() -> PathBuf {
    if let Some(home) = std::env::var_os("ZITAT_HOME").filter(|h| !h.is_empty()) {
        return PathBuf::from(home);
    }
    let exe = std::env::current_exe().ok().and_then(|e| e.canonicalize().ok());
    exe.as_deref()
        .and_then(Path::parent)
        .and_then(|dir| dir.ancestors().find(|a| a.join("models").is_dir()))
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// `--lang`: the language of the review site (German by default, for German news).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SiteLang {
    #[default]
    De,
    En,
}

impl From<SiteLang> for zitat::output::html::Lang {
    fn from(lang: SiteLang) -> Self {
        match lang {
            SiteLang::De => zitat::output::html::Lang::De,
            SiteLang::En => zitat::output::html::Lang::En,
        }
    }
}
