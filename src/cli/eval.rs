use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zitat::eval::calibration::{calibration, outcomes};
use zitat::eval::errors::{list_errors, render_errors};
use zitat::ingest::dataset::strip_annotations;
use zitat::Document;

/// Score quotations against the annotated dataset with its own metric.
///
/// Reads every `*.json` in --gold (the dataset's article files). Without --pred, zitat
/// annotates the gold articles itself — text and tokens only, the annotations removed —
/// with --engine, and scores that. With --pred, it scores the dataset-format files in that
/// folder (as `zitat run --format dataset` writes them), paired with gold by documentName,
/// else by file name; they must carry the gold originalText unchanged.
///
/// The metric (docs/metric.md of the data): quotations are matched per document by the
/// assignment maximising message token-overlap F1; Messages, Roles and Joint P/R are means
/// over matched pairs, Form (type) and STWR (medium) are micro. Printed in percent: each
/// part, each role, each quotation type, then one summary line `Messages F1 … Roles F1 …
/// Joint F1 … Form F1 …`.
///
/// A gold or predicted file that cannot be read is named on stderr and left out (exit code
/// 1); a gold article without prediction counts as predicting nothing (warned on stderr).
#[derive(clap::Args)]
pub struct Args {
    /// Folder of gold articles (the dataset's .json files, e.g.
    /// ../shared/data/german-news-quotes-2024/dev).
    #[arg(long, value_name = "DIR")]
    gold: PathBuf,
    /// Folder of predicted articles in the dataset's schema; without it, zitat predicts.
    #[arg(long, value_name = "DIR")]
    pred: Option<PathBuf>,
    #[command(flatten)]
    engine: super::engine::EngineArgs,
    /// Also list misses, false alarms, poor matches and matched quotations with another
    /// type or other roles, each with its document, quote and sentence.
    #[arg(long)]
    errors: bool,
    /// Print the report (and with --errors the error list) as one JSON object on stdout;
    /// the summary line goes to stderr.
    #[arg(long)]
    json: bool,
    /// Also print the reliability table of `confidence` (bins against the share of predicted
    /// quotations that overlap their matched gold quotation and have its speaker) and the
    /// expected calibration error.
    #[arg(long)]
    calibration: bool,
    /// Also score the speakers' names against a name key (tests/keys/names-dev.tsv for dev;
    /// its guidelines beside it): name accuracy (of key quotations whose speaker the article
    /// names, the share where zitat gives exactly that person or body), wrong-name rate (of
    /// zitat's names there, the share naming someone else) and coverage. With --errors, every
    /// name that differs from the key.
    #[arg(long, value_name = "KEY")]
    names: Option<PathBuf>,
    /// Fit the model's calibration map on these gold articles and save it with the model
    /// (`--model`/model.json, `heads.calibration`): the engine's raw confidences against
    /// which quotations are right (as --calibration counts), by isotonic regression. Prints
    /// the reliability table before, on held-out articles (fitted on every other article,
    /// scored on the rest, both ways) and after. For the lead the engine runs with
    /// (--model-only or not); fit on dev, never on test.
    #[arg(long)]
    fit_calibration: bool,
    /// Score the gold articles' sentence boundaries (zitat's segmenter and sentencex)
    /// instead of quotations.
    #[arg(long)]
    sentences: bool,
}

pub fn main(args: Args) -> Result<ExitCode> {
    let key = args.names.as_deref().map(zitat::eval::names::read_key).transpose().map_err(anyhow::Error::msg)?;
    let (gold, gold_failed) = read_folder(&args.gold)?;
    if gold.is_empty() {
        bail!("no gold article in {} could be read (see the errors above)", args.gold.display());
    }
    if args.sentences {
        print_to_stdout(&zitat::segment::evaluate::boundary_report(&gold)?)?;
        return Ok(exit_code(gold_failed));
    }
    if args.fit_calibration {
        return fit_calibration(&args, &gold).map(|()| exit_code(gold_failed));
    }
    let (predicted, pred_failed) = match &args.pred {
        Some(dir) => read_folder(dir)?,
        None => (annotate(&args.engine, &gold)?, 0),
    };
    let (comparisons, problems) = zitat::eval::compare(&gold, &predicted);
    let names = key.map(|key| zitat::eval::names::score(&key, &comparisons));
    problems.iter().for_each(|p| zitat::say!("zitat: warning: {p}"));
    let report = zitat::eval::report(&comparisons, problems);
    let errors = args.errors.then(|| list_errors(&comparisons));
    let calibration = args.calibration.then(|| calibration(&outcomes(&comparisons)));
    let mut out = String::new();
    if args.json {
        let mut value = serde_json::to_value(&report)?;
        if let Some(errors) = &errors {
            value["errors"] = serde_json::to_value(errors)?;
        }
        if let Some(calibration) = &calibration {
            value["calibration"] = serde_json::to_value(calibration)?;
        }
        if let Some(names) = &names {
            value["names"] = serde_json::to_value(names)?;
        }
        out = serde_json::to_string_pretty(&value)? + "\n";
        zitat::say!("{}", report.summary_line());
    } else {
        out += &report.render_table();
        if let Some(errors) = &errors {
            out += &format!("\n{}", render_errors(errors));
        }
        if let Some(calibration) = &calibration {
            out += &format!("\n{}", calibration.render());
        }
        if let Some(names) = &names {
            out += &format!("\n{}", names.render(args.errors));
        }
        out += &format!("\n{}\n", report.summary_line());
    }
    print_to_stdout(&out)?;
    Ok(exit_code(gold_failed + pred_failed))
}

/// Writes to stdout; a reader that stops early (`| head`) is not an error.
fn print_to_stdout(text: &str) -> Result<()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err).context("cannot write to stdout"),
        _ => Ok(()),
    }
}

fn exit_code(failed: usize) -> ExitCode {
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The gold articles with their annotations removed, annotated by the chosen engine.
fn annotate(engine: &super::engine::EngineArgs, gold: &[Document]) -> Result<Vec<Document>> {
    annotate_with(engine.build()?.as_ref(), gold)
}

fn annotate_with(engine: &dyn zitat::pipeline::Engine, gold: &[Document]) -> Result<Vec<Document>> {
    let mut docs: Vec<Document> = gold.to_vec();
    docs.iter_mut().for_each(strip_annotations);
    for (k, err) in zitat::pipeline::annotate_each(engine, &mut docs) {
        zitat::say!("zitat: error: {}: {err}; scored without predictions", docs[k].id);
    }
    Ok(docs)
}

/// The dataset folder's articles; a file that cannot be read is named on stderr and
/// counted.
fn read_folder(dir: &Path) -> Result<(Vec<Document>, usize)> {
    let (docs, notices) = zitat::ingest::dataset::read_folder(dir, None)?;
    for notice in &notices {
        zitat::say!("zitat: error: {notice}");
    }
    Ok((docs, notices.len()))
}

/// Quotations per isotonic block: about 25 blocks over dev's 630 predicted quotations, so
/// that no handful of quotations pins a level.
#[cfg(feature = "model")]
const MIN_BLOCK: usize = 25;

#[cfg(feature = "model")]
fn fit_calibration(args: &Args, gold: &[Document]) -> Result<()> {
    use zitat::model::confidence::ConfidenceMap;
    use zitat::model::engine::Lead;
    if args.engine.engine != super::engine::EngineChoice::Model || args.pred.is_some() {
        bail!("--fit-calibration fits the model engine's map: use it with --engine model and without --pred");
    }
    let lead = if args.engine.model_only { Lead::Model } else { Lead::Rules };
    let engine = args.engine.load_model_engine()?.led_by(lead).uncalibrated();
    let predicted = annotate_with(&engine, gold)?;
    let (comparisons, _) = zitat::eval::compare(gold, &predicted);
    let per_article: Vec<Vec<(f64, bool)>> = comparisons.chunks(1).map(outcomes).collect();
    let half = |k: usize| -> Vec<(f64, bool)> { per_article.iter().skip(k).step_by(2).flatten().copied().collect() };
    let mapped = |map: &ConfidenceMap, outcomes: &[(f64, bool)]| -> Vec<(f64, bool)> {
        outcomes.iter().map(|&(raw, right)| (f64::from(map.apply(raw as f32)), right)).collect()
    };
    let held_out: Vec<(f64, bool)> = (0..2).flat_map(|k| mapped(&ConfidenceMap::fit(&half(k), MIN_BLOCK, lead.as_str(), String::new()), &half(1 - k))).collect();
    let all: Vec<(f64, bool)> = per_article.concat();
    let fitted_on = format!("zitat eval --gold {} --fit-calibration{}: {} quotations of {} articles", args.gold.display(), if args.engine.model_only { " --model-only" } else { "" }, all.len(), gold.len());
    let map = ConfidenceMap::fit(&all, MIN_BLOCK, lead.as_str(), fitted_on);
    let mut out = format!("raw confidence ({} leading):\n{}", lead.as_str(), calibration(&all).render());
    out += &format!("\nheld out (fitted on every other article, scored on the others):\n{}", calibration(&held_out).render());
    out += &format!("\nfitted on all, in sample:\n{}", calibration(&mapped(&map, &all)).render());
    out += &format!("\nmap (raw → calibrated): {}\n", map.knots.iter().map(|(x, y)| format!("{x:.3}→{y:.3}")).collect::<Vec<_>>().join(" "));
    print_to_stdout(&out)?;
    save_calibration(&args.engine.model, &map)?;
    zitat::say!("zitat: calibration saved in {}", args.engine.model.join("model.json").display());
    Ok(())
}

#[cfg(not(feature = "model"))]
fn fit_calibration(_: &Args, _: &[Document]) -> Result<()> {
    bail!("this zitat was built without the `model` feature; --fit-calibration needs it")
}

/// Writes `map` into the model's description, keeping everything else in it as it was.
#[cfg(feature = "model")]
fn save_calibration(model: &Path, map: &zitat::model::confidence::ConfidenceMap) -> Result<()> {
    let mut meta = zitat::model::store::read_meta(model)?;
    meta.heads.calibration = Some(map.clone());
    let path = model.join("model.json");
    std::fs::write(&path, serde_json::to_string_pretty(&meta)?).with_context(|| format!("cannot write {}", path.display()))
}
