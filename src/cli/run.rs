use anyhow::{bail, Context};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zitat::ingest::{Corpus, Input, DEFAULT_MAX_BYTES};
use zitat::output::html::Site;
use zitat::output::{CorpusFormat, Sink};
use zitat::pipeline::run::{run, RunOptions};

const MANUAL: &str = "\
INPUT is a directory (walked recursively, files in name order), a file, or `-` for stdin. \
By extension: `.txt` is one article in UTF-8 (a leading byte-order mark is dropped; \
offsets count characters after it); `.jsonl` is one article per line, {\"id\": …, \
\"text\": …} with optional \"title\", \"date\", \"url\"; `.json` is an article of the annotated \
dataset (its annotations are ignored); `.html` and `.htm` are web pages, of which the main \
text is read (navigation, scripts, comments and other page furniture left out; offsets \
count characters of that text, which `--format dataset` writes) with title, date and url \
from the meta tags. Other files are skipped and counted. Stdin is read \
as jsonl when its first non-blank line is a JSON object with a string \"text\", otherwise \
as one plain-text article with the id `stdin`.\n\n\
Document ids: the path relative to the directory given, the file name for a file given \
directly, or the jsonl \"id\". They must be unique within a run.\n\n\
Bad input never stops the run: each unreadable file (or jsonl line) is named on stderr \
with its problem, the rest is processed and written. Refused: invalid UTF-8 (with the \
byte offset), UTF-16, binary files (NUL bytes), files or jsonl lines over \
--max-file-size. Empty and whitespace-only inputs are skipped with a notice (not a \
failure).\n\n\
Exit codes: 0 = every input processed (skipped files do not count as failures); \
1 = some inputs failed, everything else was written; 2 = usage error or nothing could be \
done (missing INPUT, unwritable output, unavailable engine).";

/// `zitat run`; MANUAL is printed after the options by --help.
#[derive(clap::Args)]
#[command(after_long_help = MANUAL)]
pub struct Args {
    /// Files, directories, or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,

    #[command(flatten)]
    engine: super::engine::EngineArgs,

    /// `jsonl`: one line per quotation: {"doc", "id": "<doc>#<n>", "type", "medium",
    /// "quote": {"text", "spans": [[start, end], …]}, "speaker": {"text", "spans", "name"},
    /// "cue", "frame", "addressee", "confidence", "speaker_id", "speaker_canonical",
    /// "cluster"}; offsets are Unicode characters, end exclusive; empty roles are null, an
    /// unknown medium is left out; speaker_id (one per person across the whole run) and
    /// cluster (variants of one statement) are corpus-wide. `csv`: the same, one row per
    /// quotation with a header row, plus the sentence(s) around each quotation and the
    /// article's title, date and url. `html`: a review site for a browser at OUT/index.html
    /// (needs -o). jsonl, csv and html are written when the whole corpus is annotated.
    /// `dataset`: one JSON per document in the annotated dataset's schema, at OUT/<id with
    /// .json extension> (needs -o).
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,

    /// Output: a file for jsonl and csv (default: stdout), a directory for dataset and html
    /// (created if missing).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,

    /// Worker threads (default: all cores). Output is identical for any number.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// No progress bar, skip notices or summary; errors are still printed.
    #[arg(long, short = 'q')]
    quiet: bool,

    /// Largest input accepted per article, in MB (10^6 bytes): a .txt or .json file, or one
    /// jsonl line.
    /// Larger ones are refused (and named), which keeps memory and time bounded.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_BYTES as f64 / 1e6)]
    max_file_size: f64,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Jsonl,
    Csv,
    Html,
    Dataset,
}

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    let engine = args.engine.build()?;
    let inputs = check_inputs(&args.inputs)?;
    if args.max_file_size.is_nan() || args.max_file_size <= 0.0 {
        bail!("--max-file-size must be a positive number of MB");
    }
    let max_bytes = (args.max_file_size * 1e6) as u64;
    if let Some(output) = &args.output {
        refuse_overwriting_inputs(&inputs, output)?;
    }
    let mut sink = open_sink(args.format, args.output.as_ref())?;
    let mut corpus = Corpus::new(inputs, max_bytes);
    if let Some(output) = &args.output {
        corpus = corpus.exclude(output);
    }
    let pool = thread_pool(args.threads)?;
    let options = pool.install(|| RunOptions::new(max_bytes, !args.quiet));
    let result = pool.install(|| run(engine.as_ref(), corpus, &mut sink, &options));
    let summary = match result {
        Ok(summary) => summary,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(err) => return Err(err).context("writing the output failed"),
    };
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Inputs as given; a missing path is a usage error, found before anything is written.
fn check_inputs(args: &[String]) -> anyhow::Result<Vec<Input>> {
    let inputs: Vec<Input> = args.iter().map(|arg| Input::parse(arg)).collect();
    if inputs.iter().filter(|input| **input == Input::Stdin).count() > 1 {
        bail!("`-` (stdin) can be given only once");
    }
    for input in &inputs {
        if let Input::Path(path) = input {
            if std::fs::symlink_metadata(path).is_err() {
                bail!("input {} does not exist", path.display());
            }
        }
    }
    Ok(inputs)
}

fn refuse_overwriting_inputs(inputs: &[Input], output: &Path) -> anyhow::Result<()> {
    let Ok(output) = output.canonicalize() else { return Ok(()) };
    for input in inputs {
        if let Input::Path(path) = input {
            if path.canonicalize().is_ok_and(|path| path == output) {
                bail!("the output {} is also an input; write the output elsewhere", output.display());
            }
        }
    }
    Ok(())
}

/// A rayon pool of `threads` workers (all cores when `None`).
pub fn thread_pool(threads: Option<usize>) -> anyhow::Result<rayon::ThreadPool> {
    if threads == Some(0) {
        bail!("--threads must be at least 1");
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .context("cannot start the worker threads")
}

fn open_sink(format: Format, output: Option<&PathBuf>) -> anyhow::Result<Sink> {
    match (format, output) {
        (Format::Jsonl, output) => Ok(Sink::corpus(CorpusFormat::Jsonl(open_stream(output)?))),
        (Format::Csv, output) => Ok(Sink::corpus(CorpusFormat::Csv(open_stream(output)?))),
        (Format::Dataset | Format::Html, None) => {
            let (name, what) = if format == Format::Html { ("html", "a review site") } else { ("dataset", "one file per document") };
            bail!("--format {name} writes {what} and needs a directory: add -o DIR")
        }
        (Format::Html, Some(dir)) => {
            let site = Site::create(dir)
                .with_context(|| format!("cannot create the output directory {}", dir.display()))?;
            Ok(Sink::corpus(CorpusFormat::Html(site)))
        }
        (Format::Dataset, Some(dir)) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the output directory {}", dir.display()))?;
            Ok(Sink::DatasetDir(dir.clone()))
        }
    }
}

/// The output file, or stdout without one.
fn open_stream(output: Option<&PathBuf>) -> anyhow::Result<Box<dyn Write + Send>> {
    match output {
        None => Ok(Box::new(BufWriter::new(io::stdout()))),
        Some(path) => {
            let file = File::create(path)
                .with_context(|| format!("cannot create the output file {}", path.display()))?;
            Ok(Box::new(BufWriter::new(file)))
        }
    }
}
