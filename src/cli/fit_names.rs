//! `zitat fit-names`: fits the name confidence on the outcomes of name-key evaluations.

use anyhow::{bail, Context, Result};
use std::path::PathBuf;
use std::process::ExitCode;
use zitat::eval::name_fit::{auc, fit, weights_file, Example};

/// The runs to fit on and where the weights go (the command's help says the rest). Prints
/// the AUC of each run's names under the fitted score.
#[derive(clap::Args)]
pub struct Args {
    /// Output of `zitat eval --gold DIR --names KEY --json`, one per key.
    #[arg(required = true)]
    runs: Vec<PathBuf>,
    /// Where to write the weights.
    #[arg(long, default_value = "models/name-confidence.json")]
    out: PathBuf,
}

#[derive(serde::Deserialize)]
struct Run {
    names: Names,
}

#[derive(serde::Deserialize)]
struct Names {
    outcomes: Vec<Outcome>,
}

#[derive(serde::Deserialize)]
struct Outcome {
    /// The corpus-wide name the score counts; a quotation whose article name did not become
    /// one (no id) is no named outcome.
    zitat_name: Option<String>,
    name_features: Vec<f32>,
    right: bool,
}

pub fn main(args: Args) -> Result<ExitCode> {
    let mut per_run = Vec::new();
    for path in &args.runs {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let run: Run = serde_json::from_str(&text).with_context(|| format!("{} is not the output of `zitat eval --names KEY --json`", path.display()))?;
        let examples: Vec<Example> = run.names.outcomes.into_iter().filter(|o| o.zitat_name.is_some() && !o.name_features.is_empty()).map(|o| Example { features: o.name_features, right: o.right }).collect();
        per_run.push((path, examples));
    }
    let all: Vec<&Example> = per_run.iter().flat_map(|(_, e)| e).collect();
    if all.iter().all(|e| e.right) || all.iter().all(|e| !e.right) {
        bail!("the runs hold {} named outcomes, and not both right and wrong names: nothing to fit", all.len());
    }
    let weights = fit(&all);
    let score = |e: &Example| zitat::attribute::name_confidence::score_with(&weights, &e.features);
    let mut fitted_on = Vec::new();
    for (path, examples) in &per_run {
        let scored: Vec<(f32, bool)> = examples.iter().map(|e| (score(e), e.right)).collect();
        let wrong = examples.iter().filter(|e| !e.right).count();
        println!("{}: {} names, {wrong} wrong, AUC {:.3}", path.display(), examples.len(), auc(&scored));
        let file = path.file_name().map_or_else(|| path.display().to_string(), |f| f.to_string_lossy().into_owned());
        fitted_on.push(serde_json::json!({"run": file, "names": examples.len(), "wrong": wrong, "auc": (auc(&scored) * 1000.0).round() / 1000.0}));
    }
    let fitted = serde_json::json!({"command": "scripts/fit-name-confidence.sh", "examples": all.len(), "runs": fitted_on});
    let json = serde_json::to_string_pretty(&weights_file(weights, fitted))?;
    std::fs::write(&args.out, json + "\n").with_context(|| format!("cannot write {}", args.out.display()))?;
    println!("wrote {} (rebuild zitat to use it)", args.out.display());
    Ok(ExitCode::SUCCESS)
}
