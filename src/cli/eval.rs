use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zitat::ingest::dataset::{read_dataset_document, strip_annotations};
use zitat::Document;

/// Score quotations against the annotated dataset with its metric.
///
/// Without --pred, zitat annotates the gold documents' texts itself (with --engine) and
/// scores that; with --pred, it scores the dataset-format files in that folder (as written
/// by `zitat run --format dataset`), paired with gold by file name. Prints P/R/F1 for
/// Messages, Roles and Joint (macro over matched quotation pairs), Form (type) and Medium
/// (micro), per role and per type, then a one-line summary.
#[derive(clap::Args)]
pub struct Args {
    /// Folder of gold documents (the dataset's .json files).
    #[arg(long)]
    gold: PathBuf,
    /// Folder of predicted documents in the dataset's schema.
    #[arg(long)]
    pred: Option<PathBuf>,
    #[command(flatten)]
    engine: super::engine::EngineArgs,
    /// Also list misses, false alarms and wrong roles with their context.
    #[arg(long)]
    errors: bool,
    /// Print the report as JSON instead of tables.
    #[arg(long)]
    json: bool,
    /// Score sentence boundaries (zitat's segmenter and sentencex) instead of quotations.
    #[arg(long)]
    sentences: bool,
}

pub fn main(args: Args) -> Result<ExitCode> {
    let (gold, gold_failed) = read_folder(&args.gold)?;
    if args.sentences {
        print!("{}", zitat::segment::evaluate::boundary_report(&gold)?);
        return Ok(exit_code(gold_failed));
    }
    let (predicted, pred_failed) = match &args.pred {
        Some(dir) => read_folder(dir)?,
        None => (annotate(&args.engine, &gold)?, 0),
    };
    let report = zitat::eval::evaluate(&gold, &predicted);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.render_table());
        if args.errors {
            print!("\n{}", zitat::eval::errors::error_listing(&gold, &predicted));
        }
        println!("\n{}", report.summary_line());
    }
    Ok(exit_code(gold_failed + pred_failed))
}

fn exit_code(failed: usize) -> ExitCode {
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn annotate(engine: &super::engine::EngineArgs, gold: &[Document]) -> Result<Vec<Document>> {
    let engine = engine.build()?;
    let mut docs: Vec<Document> = gold.to_vec();
    docs.iter_mut().for_each(strip_annotations);
    engine.annotate_batch(&mut docs);
    Ok(docs)
}

/// Every dataset `.json` in a folder, read in parallel; a broken file is named on stderr
/// and counted, the others are scored.
fn read_folder(dir: &Path) -> Result<(Vec<Document>, usize)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!("{} holds no .json documents", dir.display());
    }
    let results: Vec<Result<Document, String>> = paths
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
            let name = path.file_name().unwrap().to_string_lossy();
            read_dataset_document(&name, &text)
        })
        .collect();
    let mut docs = Vec::new();
    let mut failed = 0;
    for (path, result) in paths.iter().zip(results) {
        match result {
            Ok(doc) => docs.push(doc),
            Err(message) => {
                eprintln!("zitat: error: {}: {message}", path.display());
                failed += 1;
            }
        }
    }
    Ok((docs, failed))
}
