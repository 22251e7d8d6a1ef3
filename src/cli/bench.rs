use anyhow::bail;
use rayon::prelude::*;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use zitat::document::Document;
use zitat::ingest::{Corpus, Input, Outcome, DEFAULT_MAX_BYTES};
use zitat::output::jsonl::render_document;
use zitat::pipeline::Engine;

const MANUAL: &str = "Measures throughput; all documents are loaded into memory first, so \
reading files is not timed.

--engine rules: annotate + render JSON lines per thread count, --repeat times each on \
fresh copies of the documents; prints best and median times, MB of text per second and the \
speed-up over the first thread count.

--engine model (default): subword tokens per second of the whole pipeline (segment, tokenize, encode, \
decode, render) against the encoder's forward pass alone over the same windows, their ratio, \
and the process's peak resident memory.";

/// `zitat bench`; MANUAL is printed after the options by --help.
#[derive(clap::Args)]
#[command(after_long_help = MANUAL)]
pub struct Args {
    /// Files or directories, as for `zitat run`.
    #[arg(required_unless_present = "scaling", value_name = "INPUT")]
    inputs: Vec<String>,

    /// Instead of INPUT: seconds per MB of the rules engine on one synthetic article of
    /// each size (MB) in three shapes (plain, name-heavy, quote-heavy), one thread; the
    /// per-MB figure must not grow with size.
    #[arg(long, value_delimiter = ',', value_name = "MB,MB,…", num_args = 0.., default_missing_value = "0.1,1,10")]
    scaling: Option<Vec<f64>>,

    /// Comma-separated thread counts (default: 1 and all cores).
    #[arg(long, value_delimiter = ',', value_name = "N,M,…")]
    threads: Vec<usize>,

    /// Timed runs per thread count (rules) or per measurement (model).
    #[arg(long, default_value_t = 5)]
    repeat: usize,

    #[command(flatten)]
    engine: super::engine::EngineArgs,
}

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(sizes) = &args.scaling {
        return scaling_bench(sizes, args.repeat);
    }
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
    if args.engine.engine == super::engine::EngineChoice::Model {
        return model_bench(&args.engine, docs, args.repeat);
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

#[cfg(feature = "model")]
fn model_bench(choice: &super::engine::EngineArgs, docs: Vec<Document>, repeat: usize) -> anyhow::Result<ExitCode> {
    let engine = choice.load_model_engine()?;
    let prepared = engine.prepare(&mut docs.clone())?;
    let tokens: usize = prepared.iter().map(|p| p.tokens()).sum();
    println!("{} documents, {tokens} subword tokens in {} windows; model engine on {}, best of {repeat}",
        docs.len(), prepared.iter().map(|p| p.windows.len()).sum::<usize>(), engine.describe());
    let best = |f: &dyn Fn()| {
        (0..repeat).map(|_| { let t = Instant::now(); f(); t.elapsed().as_secs_f64() }).fold(f64::MAX, f64::min)
    };
    engine.encode(&prepared)?;
    let forward = best(&|| drop(std::hint::black_box(engine.encode(&prepared))));
    let whole = (0..repeat).map(|_| time_once(&engine, docs.clone()).as_secs_f64()).fold(f64::MAX, f64::min);
    println!("{:<34} {:>9} {:>10}", "", "seconds", "tokens/s");
    println!("{:<34} {forward:>9.2} {:>10.0}", "encoder forward pass alone", tokens as f64 / forward);
    println!("{:<34} {whole:>9.2} {:>10.0}", "whole zitat run (annotate+render)", tokens as f64 / whole);
    println!("ratio whole / forward: {:.2}x", forward / whole);
    println!("peak resident memory: {}", peak_memory().unwrap_or_else(|| "unknown".into()));
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "model"))]
fn model_bench(_: &super::engine::EngineArgs, _: Vec<Document>, _: usize) -> anyhow::Result<ExitCode> {
    bail!("this zitat was built without the `model` feature; rebuild with default features")
}

/// The kernel's record of this process's peak resident set (Linux).
#[cfg(feature = "model")]
fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(format!("{:.0} MB", kb / 1024.0))
}

/// Seconds per MB of one article per shape and size, best of `repeat`, on one thread.
fn scaling_bench(sizes: &[f64], repeat: usize) -> anyhow::Result<ExitCode> {
    use zitat::synthetic::{article, Shape};
    if repeat == 0 || sizes.iter().any(|&mb| !(mb > 0.0)) {
        bail!("--scaling takes positive sizes in MB and --repeat at least 1");
    }
    let engine = zitat::pipeline::rules_engine();
    let pool = super::run::thread_pool(Some(1))?;
    println!("rules engine, one article per size, annotate + render jsonl, 1 thread, best of {repeat}");
    println!("{:<12} {:>8} {:>9} {:>9} {:>10}", "shape", "MB", "seconds", "s per MB", "vs first");
    for shape in Shape::ALL {
        let mut first = None;
        for &mb in sizes {
            let doc = Document::new("synthetic", article(shape, (mb * 1e6) as usize));
            let megabytes = doc.text.len() as f64 / 1e6;
            let best = (0..repeat)
                .map(|_| pool.install(|| time_once(&engine, vec![doc.clone()])).as_secs_f64())
                .fold(f64::MAX, f64::min);
            let per_mb = best / megabytes;
            let base = *first.get_or_insert(per_mb);
            println!("{:<12} {megabytes:>8.2} {best:>9.3} {per_mb:>9.3} {:>9.2}x", shape.as_str(), per_mb / base);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn time_once(engine: &dyn Engine, mut docs: Vec<Document>) -> Duration {
    let started = Instant::now();
    for (k, err) in zitat::pipeline::annotate_each(engine, &mut docs) {
        zitat::say!("zitat: error: {}: {err}", docs[k].id);
    }
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
            Outcome::Failed(notice) => zitat::say!("zitat: error: {notice}"),
        }
    }
    if docs.is_empty() {
        bail!("no documents to measure in {}", inputs.join(" "));
    }
    Ok(docs)
}
