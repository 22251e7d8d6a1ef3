//! `--engine`, `--device` and `--model`, shared by `run`, `eval` and `bench`.

use anyhow::Result;
use std::path::PathBuf;
use zitat::pipeline::Engine;

#[derive(clap::Args, Clone)]
pub struct EngineArgs {
    /// Which engine annotates: `model` (the fine-tuned transformer in --model on top of the
    /// base encoder in --base, with the rules leading unless --model-only) or `rules` (German
    /// rules alone, no libtorch work, fastest).
    #[arg(long, value_enum, default_value_t = EngineChoice::Model)]
    pub engine: EngineChoice,
    /// The model engine's compute device: auto (CUDA when available), cpu or cuda.
    #[arg(long, value_enum, default_value_t = DeviceChoice::Auto)]
    pub device: DeviceChoice,
    /// The encoder's number format: auto (bf16 on a GPU or on a CPU with native bf16
    /// arithmetic, AVX512-BF16 or AMX; fp32 elsewhere), fp32 or bf16. On dev, bf16 scores
    /// within 0.5 Joint F1 of fp32 and runs about twice as fast on such a CPU.
    #[arg(long, value_enum, default_value_t = PrecisionChoice::Auto)]
    pub precision: PrecisionChoice,
    /// The fine-tuned model folder (model.json + tuned-NN.safetensors shards).
    #[arg(long, default_value_os_t = super::models_dir("zitat-news"))]
    pub model: PathBuf,
    /// The base encoder folder rebuilt by scripts/setup.sh.
    #[arg(long, default_value_os_t = super::models_dir("base"))]
    pub base: PathBuf,
    /// With the model engine: the model leads, writing its own quotations only, never the
    /// rules' (it still reads the rules' analysis as input). By default the rules find the
    /// quotations and the model completes their speaker, cue, frame and medium and adds the
    /// quotations it is confident of where the rules found none (better on dev: Joint 75.8
    /// against 69.3).
    #[arg(long)]
    pub model_only: bool,
    /// With a model that has a conditioned speaker pass: leave the speakers to the link heads
    /// and the rules, as a model without it (to measure what the pass adds).
    #[arg(long)]
    pub no_speaker_pass: bool,
    /// How the model cuts its quotations: `thresholds` (each subword on its own, short
    /// wobbles bridged) or `path` (the likeliest tag path over the document, an inside tag
    /// only after a begin). Without it, what the model was saved with (`thresholds` for the
    /// shipped one; models/README.md, "Ablations", for what `path` measured).
    #[arg(long, value_enum)]
    pub boundaries: Option<BoundariesChoice>,
    /// Give a speaker's name only where its name confidence (`speaker.name_confidence`) is
    /// at least C; other speakers keep their phrase, kind and confidence but no name and no
    /// id. On dev articles, which the model never trained on (scored by article folds the
    /// fit left out): from 0.9 on, 4 % of the names given are wrong against 9 % for all; on
    /// the second held-out name key: from 0.85 on, 30 % against 35 %, at the cost of 12 of
    /// 81 right names (models/README.md, "Name confidence").
    #[arg(long, value_name = "C")]
    pub min_name_confidence: Option<f32>,
}

/// `--boundaries`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum BoundariesChoice {
    Thresholds,
    Path,
}

/// `--device`, for run, eval, bench, train and info.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DeviceChoice {
    Auto,
    Cpu,
    Cuda,
}

impl DeviceChoice {
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceChoice::Auto => "auto",
            DeviceChoice::Cpu => "cpu",
            DeviceChoice::Cuda => "cuda",
        }
    }
}

/// `--precision`, for run, eval, bench and serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PrecisionChoice {
    Auto,
    Fp32,
    Bf16,
}

impl PrecisionChoice {
    #[cfg(feature = "model")]
    pub fn as_str(self) -> &'static str {
        match self {
            PrecisionChoice::Auto => "auto",
            PrecisionChoice::Fp32 => "fp32",
            PrecisionChoice::Bf16 => "bf16",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EngineChoice {
    Rules,
    Model,
}

impl EngineArgs {
    pub fn build(&self) -> Result<Box<dyn Engine>> {
        let engine: Box<dyn Engine> = match self.engine {
            EngineChoice::Rules => Box::new(zitat::pipeline::rules_engine()),
            EngineChoice::Model => self.model_engine()?,
        };
        Ok(match self.min_name_confidence {
            Some(min) if !(0.0..=1.0).contains(&min) => anyhow::bail!("--min-name-confidence takes a number from 0 to 1, not {min}"),
            Some(min_confidence) => Box::new(zitat::pipeline::NamesFrom { engine, min_confidence }),
            None => engine,
        })
    }

    #[cfg(feature = "model")]
    fn model_engine(&self) -> Result<Box<dyn Engine>> {
        use zitat::model::engine::Lead;
        let mut engine = self.load_model_engine()?;
        if self.no_speaker_pass {
            engine = engine.without_speaker_pass();
        }
        if let Some(choice) = self.boundaries {
            use zitat::model::decode::Boundaries;
            engine = engine.with_boundaries(match choice {
                BoundariesChoice::Thresholds => Boundaries::Thresholds,
                BoundariesChoice::Path => Boundaries::Path,
            });
        }
        Ok(Box::new(if self.model_only { engine.led_by(Lead::Model) } else { engine }))
    }

    /// The transformer engine on --device in --precision.
    #[cfg(feature = "model")]
    pub fn load_model_engine(&self) -> Result<zitat::model::engine::ModelEngine> {
        let (device, precision) = self.device_and_precision()?;
        Ok(zitat::model::engine::ModelEngine::load(&self.model, &self.base, device, precision)?)
    }

    /// What --device and --precision resolve to here (`auto` decided).
    #[cfg(feature = "model")]
    pub fn device_and_precision(&self) -> Result<(tch::Device, zitat::model::device::Precision)> {
        use zitat::model::device::{parse, Precision};
        let device = parse(self.device.as_str())?;
        Ok((device, Precision::parse(self.precision.as_str(), device)?))
    }

    #[cfg(not(feature = "model"))]
    fn model_engine(&self) -> Result<Box<dyn Engine>> {
        anyhow::bail!("this zitat was built without the `model` feature; use --engine rules or rebuild with default features")
    }
}
