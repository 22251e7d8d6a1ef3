use anyhow::{bail, Context};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zitat::ingest::shard::Shard;
use zitat::ingest::{Corpus, Input, DEFAULT_MAX_BYTES};
use signal_hook::consts::{SIGINT, SIGTERM};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use zitat::output::csv::Flavour;
use zitat::output::html::{Lang, Site};
use zitat::output::resumable::ResumableFile;
use zitat::output::{CorpusFormat, Sink};
use zitat::pipeline::run::{run, RunOptions, Summary};

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
Output: with -o FILE the run writes FILE.partial and renames it onto FILE at the end, so \
an interrupted run never destroys an earlier result; FILE.journal records after every \
chunk which documents are written. Ctrl-C or SIGTERM stops after the chunk in hand (a \
second one at once) and says how far it got; `--resume` then continues where it stopped, \
also after a killed job, and the final FILE is byte-identical to an uninterrupted run. \
`-o -` (or no -o) writes to stdout.\n\n\
Exit codes: 0 = every input processed (skipped files do not count as failures); \
1 = some inputs failed, everything else was written; 2 = usage error or nothing could be \
done (missing INPUT, unwritable output, unavailable engine, every input failed); \
130 = interrupted by a signal (run again with --resume).";

/// `zitat run`; MANUAL is printed after the options by --help.
#[derive(clap::Args)]
#[command(after_long_help = MANUAL)]
pub struct Args {
    /// Files, directories, or - for stdin.
    #[arg(required_unless_present = "files_from", value_name = "INPUT")]
    inputs: Vec<String>,

    /// Also read the inputs named in LIST, one path per line (blank lines and lines
    /// starting with # ignored); a listed file's document id is its path as listed.
    #[arg(long, value_name = "LIST")]
    files_from: Option<PathBuf>,

    /// Process only shard K of N (1 <= K <= N): a stable split of the corpus by document
    /// id (a .jsonl line by file and line number), the same on every machine. The N shard
    /// outputs together hold every record of the whole run once. In a Kubernetes Indexed
    /// Job or a Slurm array, see deploy/.
    #[arg(long, value_name = "K/N", value_parser = |s: &str| Shard::parse(s))]
    shard: Option<Shard>,

    #[command(flatten)]
    engine: super::engine::EngineArgs,

    /// `jsonl`: one line per quotation: {"doc", "id": "<doc>#<n>", "type", "medium",
    /// "quote": {"text", "spans": [[start, end], …]}, "speaker": {"text", "spans", "name"},
    /// "cue", "frame", "addressee", "confidence", "speaker_id", "speaker_canonical",
    /// "cluster"}; offsets are Unicode characters, end exclusive; empty roles are null, an
    /// unknown medium is left out; speaker_id (one per person across the whole run) and
    /// cluster (variants of one statement) are corpus-wide. `csv`: the same, one row per
    /// quotation with a header row, plus the sentence(s) around each quotation and the
    /// article's title, date and url; UTF-8 with a byte-order mark (see --excel). `html`: a review site for a browser at OUT/index.html
    /// (needs -o). jsonl, csv and html are written when the whole corpus is annotated.
    /// `dataset`: one JSON per document in the annotated dataset's schema, at OUT/<id with
    /// .json extension> (needs -o).
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,

    /// Output: a file for jsonl and csv (default, or `-`: stdout), a directory for dataset
    /// and html (created if missing).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,

    /// With --format csv: a spreadsheet for a German Excel, fields separated by `;` and
    /// lines ended by CRLF (opened by double-click, a German Excel puts a comma-separated
    /// row into one column). Every csv starts with a UTF-8 byte-order mark, so that Excel
    /// reads „“ and umlauts right (LibreOffice asks for the character set: UTF-8).
    #[arg(long)]
    excel: bool,

    /// With --format html: the language of the review site's labels, `de` (default) or `en`.
    #[arg(long, value_enum, default_value_t = super::SiteLang::De)]
    lang: super::SiteLang,

    /// Continue an interrupted run with the same inputs and -o: documents it wrote
    /// already are skipped (for dataset output: those whose file exists).
    #[arg(long)]
    resume: bool,

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
    let inputs = check_inputs(&args.inputs, args.files_from.as_deref())?;
    if args.max_file_size.is_nan() || args.max_file_size <= 0.0 {
        bail!("--max-file-size must be a positive number of MB");
    }
    let max_bytes = (args.max_file_size * 1e6) as u64;
    let output = args.output.as_ref().filter(|path| path.as_os_str() != "-");
    if let Some(output) = output {
        refuse_overwriting_inputs(&inputs, output)?;
    }
    if args.excel && args.format != Format::Csv {
        bail!("--excel is a flavour of the spreadsheet: add --format csv");
    }
    if args.lang != super::SiteLang::De && args.format != Format::Html {
        bail!("--lang is the language of the review site: add --format html");
    }
    let flavour = if args.excel { Flavour::Excel } else { Flavour::Standard };
    let mut sink = open_sink(args.format, output, args.resume, flavour, args.lang.into())?;
    let mut corpus = Corpus::new(inputs, max_bytes);
    if let Some(shard) = args.shard {
        corpus = corpus.shard(shard);
    }
    if let Some(output) = output {
        let (partial, journal) = zitat::output::resumable::companions(output);
        corpus = corpus.exclude(output).exclude(&partial).exclude(&journal);
    }
    let pool = thread_pool(args.threads)?;
    let mut options = pool.install(|| RunOptions::new(max_bytes, !args.quiet));
    options.stop = stop_on_signals()?;
    let result = pool.install(|| run(engine.as_ref(), corpus, &mut sink, &options));
    let summary = match result {
        Ok(summary) => summary,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(err) => return Err(err).context("writing the output failed"),
    };
    if summary.interrupted {
        let done = summary.documents + summary.resumed;
        match sink.interrupted().context("cleaning up after the interruption failed")? {
            Some(partial) => zitat::say!(
                "zitat: interrupted after {done} documents; what is written is in {}; run the same command with --resume to continue",
                partial.display()
            ),
            None => zitat::say!(
                "zitat: interrupted after {done} documents; nothing was written (jsonl reaches stdout at the end); use -o FILE to be able to resume"
            ),
        }
    }
    Ok(exit_code(&summary))
}

fn exit_code(summary: &Summary) -> ExitCode {
    if summary.interrupted {
        ExitCode::from(130)
    } else if summary.failed > 0 && summary.documents + summary.resumed == 0 {
        ExitCode::from(2)
    } else if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A flag that SIGINT and SIGTERM set; a second signal ends the process at once.
fn stop_on_signals() -> anyhow::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&stop))
            .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&stop)))
            .context("cannot install the signal handlers")?;
    }
    Ok(stop)
}

/// Inputs as given, then those of the --files-from list; a missing path is a usage error,
/// found before anything is written.
fn check_inputs(args: &[String], list: Option<&Path>) -> anyhow::Result<Vec<Input>> {
    let mut inputs: Vec<Input> = args.iter().map(|arg| Input::parse(arg)).collect();
    if let Some(list) = list {
        let text = std::fs::read_to_string(list).with_context(|| format!("cannot read the --files-from list {}", list.display()))?;
        let listed = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        inputs.extend(listed.map(|line| Input::Listed(PathBuf::from(line))));
    }
    if inputs.iter().filter(|input| **input == Input::Stdin).count() > 1 {
        bail!("`-` (stdin) can be given only once");
    }
    for input in &inputs {
        if let Input::Path(path) | Input::Listed(path) = input {
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
        if let Input::Path(path) | Input::Listed(path) = input {
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

fn open_sink(format: Format, output: Option<&PathBuf>, resume: bool, flavour: Flavour, lang: Lang) -> anyhow::Result<Sink> {
    match (format, output) {
        (_, None) if resume => bail!("--resume continues an output file: add -o FILE (or -o DIR for dataset)"),
        (Format::Csv | Format::Html, Some(_)) if resume => bail!("--resume works with jsonl and dataset output; csv and html are written whole at the end"),
        (Format::Jsonl, None) => {
            let spool = std::env::temp_dir().join(format!("zitat-{}.jsonl", std::process::id()));
            let file = ResumableFile::create(&spool).with_context(|| format!("cannot write the spool file {}", spool.display()))?;
            Ok(Sink::Jsonl { file, stdout: Some(Box::new(BufWriter::new(io::stdout()))) })
        }
        (Format::Jsonl, Some(path)) => {
            let open = if resume { ResumableFile::resume } else { ResumableFile::create };
            let file = open(path).with_context(|| format!("cannot write the output file {} (beside it: .partial, .journal)", path.display()))?;
            Ok(Sink::Jsonl { file, stdout: None })
        }
        (Format::Csv, output) => Ok(Sink::corpus(CorpusFormat::Csv(output.cloned(), flavour))),
        (Format::Dataset | Format::Html, None) => {
            let (name, what) = if format == Format::Html { ("html", "a review site") } else { ("dataset", "one file per document") };
            bail!("--format {name} writes {what} and needs a directory: add -o DIR")
        }
        (Format::Html, Some(dir)) => {
            let site = Site::create(dir, lang)
                .with_context(|| format!("cannot create the output directory {}", dir.display()))?;
            Ok(Sink::corpus(CorpusFormat::Html(site)))
        }
        (Format::Dataset, Some(dir)) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the output directory {}", dir.display()))?;
            Ok(Sink::DatasetDir { dir: dir.clone(), resume })
        }
    }
}
