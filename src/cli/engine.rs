//! `--engine`, `--device` and `--model`, shared by `run`, `eval` and `bench`.

use anyhow::Result;
use std::path::PathBuf;
use zitat::pipeline::Engine;

#[derive(clap::Args, Clone)]
pub struct EngineArgs {
    /// Which engine annotates: `rules` (German rules, no model needed) or `model` (the
    /// fine-tuned transformer in --model on top of the base encoder in --base).
    #[arg(long, value_enum, default_value_t = EngineChoice::Rules)]
    pub engine: EngineChoice,
    /// The model engine's compute device: auto (CUDA when available), cpu or cuda.
    #[arg(long, default_value = "auto")]
    pub device: String,
    /// The fine-tuned model folder (model.json + tuned.safetensors).
    #[arg(long, default_value = "models/zitat-news")]
    pub model: PathBuf,
    /// The base encoder folder rebuilt by scripts/setup.sh.
    #[arg(long, default_value = "models/base")]
    pub base: PathBuf,
    /// With the model engine: also keep the rules' quotations where the model found none.
    #[arg(long)]
    pub rules_fallback: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EngineChoice {
    Rules,
    Model,
}

impl EngineArgs {
    pub fn build(&self) -> Result<Box<dyn Engine>> {
        match self.engine {
            EngineChoice::Rules => Ok(Box::new(zitat::pipeline::rules_engine())),
            EngineChoice::Model => self.model_engine(),
        }
    }

    #[cfg(feature = "model")]
    fn model_engine(&self) -> Result<Box<dyn Engine>> {
        let device = zitat::model::device::parse(&self.device)?;
        let engine = zitat::model::engine::ModelEngine::load(&self.model, &self.base, device)?;
        Ok(Box::new(if self.rules_fallback { engine.with_rules_fallback() } else { engine }))
    }

    #[cfg(not(feature = "model"))]
    fn model_engine(&self) -> Result<Box<dyn Engine>> {
        anyhow::bail!("this zitat was built without the `model` feature; use --engine rules or rebuild with default features")
    }
}
