use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

/// Fine-tune the attribution model on the annotated German news data.
///
/// Every layer of the encoder is fine-tuned by default (--tuned-layers 12; with fewer, the
/// lower layers stay frozen and their output is computed once and cached), with the heads,
/// in bf16 where the CPU multiplies it natively (--precision). Each document is analysed by
/// the rules first and the network reads that analysis as evidence (--no-evidence to train
/// without). After every epoch the dev set is scored with the dataset's metric through the
/// same decoding as `zitat run`; the best epoch by Joint F1 is written to --out (the tuned
/// matrices as int8 differences from the base, the rest fp16, with model.json), and
/// training stops after --patience epochs without improvement. A checkpoint of the last
/// epoch lives in OUT/checkpoint; --resume continues from it (optimizer moments restart).
#[derive(clap::Args)]
pub struct Args {
    /// Folder of training documents (the dataset's .json files).
    #[arg(long)]
    train: PathBuf,
    /// Folder of dev documents, scored after every epoch.
    #[arg(long)]
    dev: PathBuf,
    /// Where the trained model goes (e.g. models/zitat-news).
    #[arg(long)]
    out: PathBuf,
    /// The base encoder built by scripts/setup.sh.
    #[arg(long, default_value_os_t = super::models_dir("base"))]
    base: PathBuf,
    /// auto (CUDA when available), cpu or cuda.
    #[arg(long, value_enum, default_value_t = super::engine::DeviceChoice::Auto)]
    device: super::engine::DeviceChoice,
    /// Seed for initialisation, dropout and shuffling.
    #[arg(long, default_value_t = 13)]
    seed: u64,
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Epochs without a better dev Joint F1 before stopping.
    #[arg(long, default_value_t = 3)]
    patience: usize,
    /// Peak learning rate of the tuned encoder layers (warm-up, then linear decay).
    #[arg(long, default_value_t = 5e-5)]
    learning_rate: f64,
    /// Peak learning rate of the heads and evidence tables, which start from scratch.
    #[arg(long, default_value_t = 2e-3)]
    head_learning_rate: f64,
    /// Documents per optimisation step.
    #[arg(long, default_value_t = 4)]
    batch: usize,
    /// Encoder layers (from the top) that are fine-tuned; the rest stay frozen.
    #[arg(long, default_value_t = 12)]
    tuned_layers: usize,
    /// Number format of the tuned layers' arithmetic: auto (bf16 where the CPU has
    /// AVX512-BF16 or AMX, and on a GPU), fp32 or bf16. The weights stay fp32.
    #[arg(long, value_enum, default_value_t = super::engine::PrecisionChoice::Auto)]
    precision: super::engine::PrecisionChoice,
    /// Train without the rules' analysis as input.
    #[arg(long)]
    no_evidence: bool,
    /// Share of training documents per step whose rule evidence is withheld.
    #[arg(long, default_value_t = 0.2)]
    evidence_dropout: f64,
    /// Subwords per encoder window (at most 510).
    #[arg(long, default_value_t = 254)]
    window: usize,
    /// Train on the first N documents only (quick experiments).
    #[arg(long)]
    limit: Option<usize>,
    /// Continue from OUT/checkpoint.
    #[arg(long)]
    resume: bool,
    /// Start from a trained model (e.g. models/zitat-news) instead of the base encoder and
    /// fresh heads: a continued-training stage, with its own warm-up and decay. The model
    /// must have been trained with the same heads and window.
    #[arg(long, value_name = "MODEL")]
    init: Option<PathBuf>,
    /// Train only a conditioned speaker pass on top of the --init model, which stays as it
    /// is: each quotation's speaker chosen again with that quotation marked (two transformer
    /// layers started from the encoder's top two, one start and one end per speaker, or
    /// nobody). Written to --out with the rest of the model, when it beats the model without
    /// it on dev. --learning-rate applies to its layers, --head-learning-rate to the rest.
    #[arg(long, requires = "init")]
    speaker_pass: bool,
    /// With --speaker-pass: GePaDe's train folder (../shared/data/gepade-spkatt-2023/train),
    /// whose Bundestag speeches add their cues' messages and sources to the training
    /// quotations (dev stays news).
    #[arg(long, value_name = "DIR", requires = "speaker_pass")]
    extra_train: Option<PathBuf>,
    /// With --speaker-pass, on a model without a pass: give the pass a free tag head too
    /// (one sigmoid per subword, trained beside the span choice) and score both decoders on
    /// dev after each epoch; the better one is kept (the candidate-choice ablation).
    #[arg(long, requires = "speaker_pass")]
    free_tags: bool,
    #[arg(long)]
    quiet: bool,
}

#[cfg(feature = "model")]
pub fn main(args: Args) -> Result<ExitCode> {
    use zitat::model::{batch::WindowConfig, network::HeadConfig, train};
    anyhow::ensure!(args.window <= 510 && args.window > 64, "--window must lie in 65..=510");
    let device = zitat::model::device::parse(args.device.as_str())?;
    let opts = train::TrainOptions {
        device,
        precision: zitat::model::device::Precision::parse(args.precision.as_str(), device)?,
        evidence_dropout: args.evidence_dropout,
        train: args.train,
        dev: args.dev,
        out: args.out,
        base: args.base,
        seed: args.seed,
        epochs: args.epochs,
        patience: args.patience,
        learning_rate: args.learning_rate,
        head_learning_rate: args.head_learning_rate,
        batch_documents: args.batch.max(1),
        window: WindowConfig { size: args.window, overlap: args.window / 4 },
        heads: HeadConfig { tuned_layers: args.tuned_layers, evidence: !args.no_evidence, ..HeadConfig::default() },
        limit: args.limit,
        resume: args.resume,
        init: args.init,
        extra_train: args.extra_train,
        quiet: args.quiet,
    };
    if args.speaker_pass {
        let pass = zitat::model::speaker_pass::SpeakerPassConfig { tags: args.free_tags, ..Default::default() };
        zitat::model::train_speaker::train_speaker_pass(&opts, pass)?;
    } else {
        train::train(&opts)?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "model"))]
pub fn main(_args: Args) -> Result<ExitCode> {
    anyhow::bail!("this zitat was built without the `model` feature; rebuild with default features to train")
}
