use anyhow::{bail, Context};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use zitat::output::csv::Flavour;
use zitat::output::merge::{merge, MergeFormat, MergeSummary};
use zitat::output::resumable::companions;
use zitat::output::WriteFailure;

const MANUAL: &str = "\
The reduce step after `zitat run --shard K/N`: reads the N shard outputs (jsonl, in any \
order), computes the corpus-wide fields over all of them (speaker ids and canonical names, \
quote variant clusters) and writes the corpus in the order a single run over the whole \
corpus writes it: the result is byte-identical to that run's output, the review site \
(--format html -o DIR) file for file (the shards carry each article's text for it). A shard whose run has \
not finished (FILE.partial or FILE.journal beside it, or a .partial file given) is refused, \
as is a file that is not a shard output.\n\n\
Memory grows with the number of quotations (their speaker names and texts), not with the \
articles; each shard is read twice, front to back.\n\n\
Exit codes: 0 = merged; 1 = merged, but documents with an id that an earlier document of \
the corpus has were left out (as a single run leaves them out; each is named); \
2 = nothing written (a shard unfinished, unreadable or not a shard; usage error). With \
--format html, 1 also when an article page could not be written (each is named).";

/// `zitat merge`; MANUAL is printed after the options by --help.
#[derive(clap::Args)]
#[command(after_long_help = MANUAL)]
pub struct Args {
    /// Shard outputs of `zitat run --shard K/N -o FILE` (jsonl), in any order.
    #[arg(required = true, value_name = "SHARD")]
    shards: Vec<PathBuf>,

    /// Output file (default, or `-`: stdout); written as OUT.partial and renamed onto OUT
    /// at the end, so a failed merge never leaves half a corpus. For html: the site's
    /// directory (created if missing).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,

    /// `jsonl` (the single run's lines), `csv` (its spreadsheet) or `html` (its review
    /// site, needs -o DIR).
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,

    /// With --format html: the language of the review site's labels, `de` (default) or `en`.
    #[arg(long, value_enum, default_value_t = super::SiteLang::De)]
    lang: super::SiteLang,

    /// With --format csv: the spreadsheet for a German Excel, as `zitat run --excel`
    /// writes it (`;`, CRLF).
    #[arg(long)]
    excel: bool,

    /// No summary line; errors are still printed.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Jsonl,
    Csv,
    Html,
}

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    if args.lang != super::SiteLang::De && args.format != Format::Html {
        bail!("--lang is the language of the review site: add --format html");
    }
    let format = match (args.format, args.excel) {
        (Format::Jsonl | Format::Html, true) => bail!("--excel is a flavour of the spreadsheet: add --format csv"),
        (Format::Html, false) => return site(&args),
        (Format::Jsonl, false) => MergeFormat::Jsonl,
        (Format::Csv, excel) => MergeFormat::Csv(if excel { Flavour::Excel } else { Flavour::Standard }),
    };
    let started = Instant::now();
    let output = args.output.as_deref().filter(|path| path.as_os_str() != "-");
    if let Some(output) = output {
        refuse_overwriting_a_shard(&args.shards, output)?;
    }
    let summary = match output {
        Some(path) => to_file(&args.shards, format, path)?,
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            let summary = merge(&args.shards, format, &mut out);
            match summary {
                Err(zitat::output::merge::MergeError::Write(err)) if err.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                other => other?,
            }
        }
    };
    Ok(report(&summary, &[], started, args.quiet))
}

/// `--format html`: the review site into the directory of -o.
fn site(args: &Args) -> anyhow::Result<ExitCode> {
    let Some(dir) = args.output.as_deref().filter(|path| path.as_os_str() != "-") else {
        bail!("--format html writes a review site and needs a directory: add -o DIR");
    };
    refuse_overwriting_a_shard(&args.shards, dir)?;
    let started = Instant::now();
    let (summary, failures) = zitat::output::merge::merge_site(&args.shards, dir, args.lang.into())?;
    Ok(report(&summary, &failures, started, args.quiet))
}

/// Names what was left out or could not be written, prints the summary, gives the exit code.
fn report(summary: &MergeSummary, failures: &[WriteFailure], started: Instant, quiet: bool) -> ExitCode {
    for (shard, doc) in &summary.duplicates {
        zitat::say!("zitat: error: {}: document {doc:?} left out: an earlier document of the corpus has the same id (a single run leaves it out too); give every article a unique id", shard.display());
    }
    for failure in failures {
        zitat::say!("zitat: error: {}: {}", failure.id, failure.message);
    }
    if !quiet {
        zitat::say!("zitat: {}", summary_line(summary, started.elapsed().as_secs_f64()));
    }
    if summary.duplicates.is_empty() && failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn to_file(shards: &[PathBuf], format: MergeFormat, path: &Path) -> anyhow::Result<MergeSummary> {
    let partial = companions(path).0;
    let file = std::fs::File::create(&partial).with_context(|| format!("cannot write the output file {}", partial.display()))?;
    let mut out = BufWriter::new(file);
    let merged = merge(shards, format, &mut out).and_then(|summary| {
        out.flush().map_err(zitat::output::merge::MergeError::Write)?;
        Ok(summary)
    });
    let summary = match merged {
        Ok(summary) => summary,
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            return Err(err.into());
        }
    };
    drop(out);
    std::fs::rename(&partial, path).with_context(|| format!("cannot rename {} onto {}", partial.display(), path.display()))?;
    Ok(summary)
}

fn refuse_overwriting_a_shard(shards: &[PathBuf], output: &Path) -> anyhow::Result<()> {
    let Ok(output) = output.canonicalize() else { return Ok(()) };
    for shard in shards {
        if shard.canonicalize().is_ok_and(|shard| shard == output) {
            bail!("the output {} is also a shard to merge; write the corpus elsewhere", output.display());
        }
    }
    Ok(())
}

fn summary_line(summary: &MergeSummary, seconds: f64) -> String {
    format!(
        "merged {} shards: {} documents, {} quotations in {seconds:.2} s ({:.0} quotations/s)",
        summary.shards,
        summary.documents,
        summary.quotations,
        summary.quotations as f64 / seconds.max(1e-9)
    )
}
