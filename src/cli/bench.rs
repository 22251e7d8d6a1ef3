use anyhow::bail;
use rayon::prelude::*;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use zitat::document::Document;
use zitat::ingest::{Corpus, Input, Outcome, DEFAULT_MAX_BYTES};
use zitat::output::jsonl::render_document;
use zitat::pipeline::Engine;

const MANUAL: &str = "Measures the throughput of the rules path (annotate + render JSON lines) \
per thread count. All documents are loaded into memory first, so reading files is not timed. \
Each thread count runs --repeat times on fresh copies of the documents; the best and median \
times are printed with MB of text per second and the speed-up over the first thread count.";

/// `zitat bench`; MANUAL is printed after the options by --help.
#[derive(clap::Args)]
#[command(after_long_help = MANUAL)]
pub struct Args {
    /// Files or directories, as for `zitat run`.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,

    /// Comma-separated thread counts (default: 1 and all cores).
    #[arg(long, value_delimiter = ',', value_name = "N,M,…")]
    threads: Vec<usize>,

    /// Timed runs per thread count.
    #[arg(long, default_value_t = 5)]
    repeat: usize,
}

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    let docs = load(&args.inputs)?;
    let megabytes = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
    let threads = if args.threads.is_empty() {
        let all = std::thread::available_parallelism().map_or(1, |n| n.get());
        if all > 1 { vec![1, all] } else { vec![1] }
    } else {
        args.threads
    };
    if args.repeat == 0 {
        bail!("--repeat must be at least 1");
    }
    let engine = zitat::pipeline::rules_engine();
    println!("{} documents, {megabytes:.2} MB of text; rules engine, annotate + render jsonl, {} runs each", docs.len(), args.repeat);
    println!("{:>7} {:>9} {:>9} {:>11} {:>8}", "threads", "best s", "median s", "MB/s (best)", "speed-up");
    let mut baseline = None;
    for &n in &threads {
        let pool = super::run::thread_pool(Some(n))?;
        let mut times: Vec<Duration> =
            (0..args.repeat).map(|_| pool.install(|| time_once(&engine, docs.clone()))).collect();
        times.sort();
        let (best, median) = (times[0].as_secs_f64(), times[times.len() / 2].as_secs_f64());
        let base = *baseline.get_or_insert(best);
        println!("{n:>7} {best:>9.3} {median:>9.3} {:>11.2} {:>7.2}x", megabytes / best, base / best);
    }
    Ok(ExitCode::SUCCESS)
}

fn time_once(engine: &dyn Engine, mut docs: Vec<Document>) -> Duration {
    let started = Instant::now();
    engine.annotate_batch(&mut docs);
    let bytes: usize = docs.par_iter().map(|doc| render_document(doc).len()).sum();
    std::hint::black_box(bytes);
    started.elapsed()
}

/// Every readable document of the inputs, in corpus order; unreadable ones are named.
fn load(inputs: &[String]) -> anyhow::Result<Vec<Document>> {
    let corpus = Corpus::new(inputs.iter().map(|arg| Input::parse(arg)).collect(), DEFAULT_MAX_BYTES);
    let units: Vec<_> = corpus.collect();
    let mut docs = Vec::new();
    for outcome in units.into_par_iter().map(|unit| unit.load(DEFAULT_MAX_BYTES)).collect::<Vec<_>>() {
        match outcome {
            Outcome::Document(doc) => docs.push(doc),
            Outcome::Skipped(_) => {}
            Outcome::Failed(notice) => eprintln!("zitat: error: {notice}"),
        }
    }
    if docs.is_empty() {
        bail!("no documents to measure in {}", inputs.join(" "));
    }
    Ok(docs)
}
