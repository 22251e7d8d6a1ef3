//! The `zitat` command line; each subcommand lives in `cli/`.

mod cli;

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Who said what in German news: finds direct, indirect and reported speech in articles and
/// attributes each quotation to its speaker.
///
/// Exit codes: 0 = everything processed; 1 = some input files failed (the others were
/// processed and written); 2 = usage error or nothing could be done.
#[derive(Parser)]
#[command(name = "zitat", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find and attribute quotations in a corpus (files, directories or - for stdin).
    Run(cli::run::Args),
    /// Look a claimed quotation up in a corpus: who said it, where, in which words.
    Find(cli::find::Args),
    /// Score predictions against the annotated dataset with its metric.
    Eval(cli::eval::Args),
    /// Fit the speaker names' confidence on name-key evaluations (`eval --names KEY --json`).
    ///
    /// Reads the name outcomes of one `zitat eval --gold DIR --names KEY --json` run per key,
    /// fits the logistic name confidence on every key quotation zitat named (right or wrong)
    /// and writes the weights the next build embeds (rebuild to use them). Fit on development
    /// keys only; keep a key whose errors nobody reads (tests/keys/names-heldout2.tsv) out, to
    /// measure the fit. scripts/fit-name-confidence.sh runs the whole round.
    FitNames(cli::fit_names::Args),
    /// Merge the outputs of a sharded run (`run --shard K/N`) into the single run's output.
    Merge(cli::merge::Args),
    /// Fine-tune the transformer attribution model.
    Train(cli::train::Args),
    /// Serve attribution over HTTP (JSON API and a paste-an-article page).
    Serve(cli::serve::Args),
    /// Print versions, the compute device and model paths.
    Info(cli::info::Args),
    /// Rebuild the base encoder (models/base) from the pinned quantized package (run by
    /// scripts/setup.sh).
    ImportBase(cli::import_base::Args),
    /// Measure throughput (used by scripts/bench.sh).
    #[command(hide = true)]
    Bench(cli::bench::Args),
}

fn main() -> ExitCode {
    keep_standard_streams_open();
    let cli = Cli::parse();
    // `serve` logs one line per request unless --quiet; ZITAT_LOG overrides.
    let default_filter = match &cli.command {
        Command::Serve(args) if !args.quiet => "warn,zitat::serve=info",
        _ => "warn",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ZITAT_LOG")
                .unwrap_or_else(|_| default_filter.into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let result = match cli.command {
        Command::Run(args) => cli::run::main(args),
        Command::Eval(args) => cli::eval::main(args),
        Command::Merge(args) => cli::merge::main(args),
        Command::FitNames(args) => cli::fit_names::main(args),
        Command::Find(args) => cli::find::main(args),
        Command::Train(args) => cli::train::main(args),
        Command::Serve(args) => cli::serve::main(args),
        Command::Info(args) => cli::info::main(args),
        Command::ImportBase(args) => cli::import_base::main(args),
        Command::Bench(args) => cli::bench::main(args),
    };
    result.unwrap_or_else(|err| {
        zitat::say!("zitat: error: {err:#}");
        ExitCode::from(2)
    })
}

/// A closed stdin, stdout or stderr (`2>&-`) would let the next file opened take its
/// number, so that messages land in the output file; /dev/null takes the place instead.
fn keep_standard_streams_open() {
    for fd in 0..=2 {
        // SAFETY: fcntl(F_GETFD) only queries the descriptor; open returns a new one.
        unsafe {
            if libc::fcntl(fd, libc::F_GETFD) == -1 {
                libc::open(c"/dev/null".as_ptr(), if fd == 0 { libc::O_RDONLY } else { libc::O_WRONLY });
            }
        }
    }
}
