//! Fine-tuning: the frozen part (the embeddings and any frozen lower layers) is computed once
//! per window and cached; each epoch then runs the tuned layers and the heads, in bf16 where
//! asked (fp32 master weights and optimizer state). Every document is analysed by the rules
//! first, as at inference, and the network reads that analysis as evidence, dropped at random
//! per document so it also learns from the text alone. Dev scores (the dataset's metric,
//! through the same decoding path as `zitat run`) after every epoch drive early stopping on
//! Joint F1.

use super::batch::{evidence_batch, flatten, gather, hidden_batch, id_batch, padded_rows, Prepared, WindowConfig};
use super::device::Precision;
use super::engine::{analyse, finish, DEFAULT_LEAD};
use super::data::{subwords, targets, Targets};
use super::loss::document_loss;
use super::network::{HeadConfig, Network, HEAD_GROUP};
use super::predict::predict;
use super::store::{self, Loaded, ModelMeta};
use crate::document::Document;
use crate::error::TrainError;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tch::nn::{self, OptimizerConfig};
use tch::{Device, Kind, Tensor};

type Result<T> = std::result::Result<T, TrainError>;

#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub train: PathBuf,
    pub dev: PathBuf,
    pub out: PathBuf,
    pub base: PathBuf,
    pub device: Device,
    pub seed: u64,
    pub epochs: usize,
    pub patience: usize,
    /// Peak learning rate of the tuned encoder layers.
    pub learning_rate: f64,
    /// Peak learning rate of the heads.
    pub head_learning_rate: f64,
    pub batch_documents: usize,
    pub window: WindowConfig,
    pub heads: HeadConfig,
    /// Use only the first N training documents (for quick experiments and tests).
    pub limit: Option<usize>,
    pub resume: bool,
    /// A trained model to start from (a continued-training stage).
    pub init: Option<PathBuf>,
    pub quiet: bool,
    /// Number format of the tuned layers' arithmetic (the weights stay fp32).
    pub precision: Precision,
    /// Share of training documents per step whose rule evidence is withheld.
    pub evidence_dropout: f64,
    /// GePaDe's train folder, extra training quotations for the speaker pass.
    pub extra_train: Option<PathBuf>,
}

/// A document with its network inputs, targets and cached lower-layer window states.
pub struct Example {
    pub(super) doc: Document,
    pub(super) prepared: Prepared,
    targets: Targets,
    cached: Vec<Tensor>,
}

impl Example {
    /// Runs the frozen layers over the document's windows once; training reuses the result.
    pub fn new(net: &Network, doc: Document, prepared: Prepared) -> Self {
        let targets = targets(&doc, &prepared.sub);
        let windows: Vec<Vec<i64>> = (0..prepared.windows.len()).map(|k| prepared.window_ids(k)).collect();
        let (ids, mask) = id_batch(&windows, net.device());
        let lower = net.lower(&ids, &mask);
        let cached = windows.iter().enumerate().map(|(k, w)| lower.get(k as i64).narrow(0, 0, w.len() as i64)).collect();
        Example { doc, prepared, targets, cached }
    }
}

/// The training state beside the checkpoint's weights.
const STATE: &str = "state.json";

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Checkpoint {
    epoch: usize,
    best_joint: f64,
    best_epoch: usize,
}

pub fn train(opts: &TrainOptions) -> Result<()> {
    tch::manual_seed(opts.seed as i64);
    let mut loaded = store::load_base(&opts.base, opts.device, opts.heads.clone(), opts.window)?;
    let origin = store::origin(&loaded.tuned);
    let started = Instant::now();
    let mut train_set = examples(&loaded, &opts.train, opts.limit, opts.quiet)?;
    let dev_set = examples(&loaded, &opts.dev, None, opts.quiet)?;
    let cache_seconds = started.elapsed().as_secs_f64();
    let checkpoint_dir = opts.out.join("checkpoint");
    let mut state = Checkpoint { epoch: 0, best_joint: -1.0, best_epoch: 0 };
    if let Some(init) = &opts.init {
        store::load_tuned(&mut loaded.tuned, init)?;
        crate::say!("starting from the trained model in {}", init.display());
    }
    if opts.resume && checkpoint_dir.join(store::META).exists() {
        store::load_tuned(&mut loaded.tuned, &checkpoint_dir)?;
        state = read_state(&checkpoint_dir.join(STATE))?;
        crate::say!("resuming after epoch {} (best dev Joint F1 {:.2} at epoch {})", state.epoch, state.best_joint, state.best_epoch);
    }
    let steps_per_epoch = train_set.len().div_ceil(opts.batch_documents);
    let total_steps = steps_per_epoch * opts.epochs;
    let mut opt = nn::AdamW::default().build(&loaded.tuned, opts.learning_rate)?;
    let mut rng = crate::synthetic::SplitMix(opts.seed);
    // A resumed run sees the same epoch orders as an uninterrupted one.
    for _ in 0..state.epoch {
        rng.shuffle(&mut train_set);
    }
    for epoch in state.epoch + 1..=opts.epochs {
        let epoch_start = Instant::now();
        rng.shuffle(&mut train_set);
        let bar = progress(steps_per_epoch, &format!("epoch {epoch}"), opts.quiet);
        let mut loss_sum = 0.0;
        let mut trained_subwords = 0;
        for (k, batch) in train_set.chunks(opts.batch_documents).enumerate() {
            let dropped: Vec<bool> = batch.iter().map(|_| withheld(&mut rng, opts.evidence_dropout)).collect();
            trained_subwords += batch.iter().flat_map(|e| &e.cached).map(|t| t.size()[0]).sum::<i64>();
            let loss = batch_loss(&loaded.net, batch, &dropped, opts.precision.kind(), opts.device);
            loss_sum += optimise(&mut opt, opts, (epoch - 1) * steps_per_epoch + k, total_steps, &loss);
            bar.set_message(format!("loss {:.4}", loss_sum / (k + 1) as f64));
            bar.inc(1);
        }
        bar.finish_and_clear();
        let train_seconds = epoch_start.elapsed().as_secs_f64();
        let (scores, forward) = evaluate(&loaded.net, &dev_set, opts.precision.kind(), opts.device);
        let joint = scores.joint.f1;
        crate::say!(
            "epoch {epoch}: loss {:.4}, dev {} | training {:.0} subwords/s (forward + backward), forward only {:.0} subwords/s, {:?} | epoch {:.0} s",
            loss_sum / steps_per_epoch as f64,
            scores.summary_line(),
            trained_subwords as f64 / train_seconds,
            forward,
            opts.precision.kind(),
            epoch_start.elapsed().as_secs_f64()
        );
        if joint > state.best_joint {
            state.best_joint = joint;
            state.best_epoch = epoch;
            let meta = meta(opts, &scores, epoch, started.elapsed().as_secs_f64(), cache_seconds)?;
            store::save_deltas(&loaded.tuned, &origin, &meta, &opts.out)?;
        }
        state.epoch = epoch;
        save_checkpoint(&loaded, &origin, opts, &state, &checkpoint_dir, &scores)?;
        if epoch - state.best_epoch >= opts.patience {
            crate::say!("no dev improvement for {} epochs: stopping", opts.patience);
            break;
        }
    }
    crate::say!("best dev Joint F1 {:.2} at epoch {}; model in {}", state.best_joint, state.best_epoch, opts.out.display());
    Ok(())
}

/// One AdamW step on `loss`, the learning rates at `step` of `total` (see [`schedule`]),
/// gradients clipped at norm 1; gives the loss.
pub(super) fn optimise(opt: &mut nn::Optimizer, opts: &TrainOptions, step: usize, total: usize, loss: &Tensor) -> f64 {
    let factor = schedule(step, total);
    opt.set_lr_group(0, opts.learning_rate * factor);
    opt.set_lr_group(HEAD_GROUP, opts.head_learning_rate * factor);
    opt.zero_grad();
    loss.backward();
    opt.clip_grad_norm(1.0);
    opt.step();
    loss.double_value(&[])
}

/// Whether an example's rule evidence is withheld this step, with probability `share`.
pub(super) fn withheld(rng: &mut crate::synthetic::SplitMix, share: f64) -> bool {
    rng.below(1000) < (share * 1000.0) as usize
}

/// Linear warm-up over the first 6 % of steps, then linear decay.
fn schedule(step: usize, total: usize) -> f64 {
    let warmup = (total as f64 * 0.06).max(1.0);
    let s = step as f64;
    if s < warmup {
        (s + 1.0) / warmup
    } else {
        ((total as f64 - s) / (total as f64 - warmup)).max(0.0)
    }
}

/// The tuned layers over a batch of examples' cached windows, in `kind`, with their
/// evidence (none for the `dropped` examples, one flag per example): [windows, len, hidden] in fp32 for the heads.
pub(super) fn run_upper(net: &Network, batch: &[Example], dropped: &[bool], kind: Kind, device: Device, train: bool) -> Tensor {
    let cached: Vec<&Tensor> = batch.iter().flat_map(|e| e.cached.iter()).collect();
    let (lower, mask) = hidden_batch(&cached, device);
    let windows: Vec<_> = batch.iter().flat_map(|e| (0..e.cached.len()).map(|k| e.prepared.window_evidence(k))).collect();
    let dropped_windows: Vec<bool> =
        batch.iter().zip(dropped).flat_map(|(e, &d)| std::iter::repeat(d).take(e.cached.len())).collect();
    let evidence = evidence_batch(&windows, &dropped_windows, device);
    net.upper(&lower.to_kind(kind), Some(&evidence), &mask, train).to_kind(Kind::Float)
}

/// An example's subword states [subwords, hidden] through the whole network, without gradient.
pub(super) fn states(net: &Network, e: &Example, kind: Kind, device: Device) -> Tensor {
    tch::no_grad(|| {
        let upper = run_upper(net, std::slice::from_ref(e), &[false], kind, device, false);
        gather(&flatten(&upper), &padded_rows(&upper, 0, e.cached.len()), &e.prepared)
    })
}

/// Mean loss of a batch of documents, their windows run through the tuned layers together.
pub fn batch_loss(net: &Network, batch: &[Example], dropped: &[bool], kind: Kind, device: Device) -> Tensor {
    let upper = run_upper(net, batch, dropped, kind, device, true);
    let flat = flatten(&upper);
    let mut first = 0;
    let losses: Vec<Tensor> = batch
        .iter()
        .zip(dropped)
        .map(|(e, &drop)| {
            let rows = padded_rows(&upper, first, e.cached.len());
            let hidden = gather(&flat, &rows, &e.prepared);
            first += e.cached.len();
            let evidence = (net.reads_evidence() && !drop).then_some(&e.prepared.evidence);
            document_loss(net, hidden, &e.targets, evidence)
        })
        .collect();
    Tensor::stack(&losses, 0).mean(Kind::Float)
}

/// Decodes every example as `zitat run` would and scores it against its gold annotations;
/// also gives the tuned layers' forward speed (subwords/s).
fn evaluate(net: &Network, set: &[Example], kind: Kind, device: Device) -> (crate::eval::Report, f64) {
    let (mut subwords, mut seconds) = (0, 0.0);
    let predictions: Vec<Document> = tch::no_grad(|| {
        set.chunks(8)
            .flat_map(|batch| {
                let started = Instant::now();
                let upper = run_upper(net, batch, &vec![false; batch.len()], kind, device, false);
                seconds += started.elapsed().as_secs_f64();
                subwords += batch.iter().flat_map(|e| &e.cached).map(|t| t.size()[0]).sum::<i64>();
                let flat = flatten(&upper);
                let mut first = 0;
                batch
                    .iter()
                    .map(|e| {
                        let mut doc = e.doc.clone();
                        let rows = padded_rows(&upper, first, e.cached.len());
                        // A diverged model (non-finite scores) predicts nothing and scores zero.
                        let quotations = predict(net, gather(&flat, &rows, &e.prepared), &e.prepared).unwrap_or_default();
                        doc.quotations = finish(&doc, &e.prepared, quotations, DEFAULT_LEAD, None);
                        first += e.cached.len();
                        doc
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    });
    let gold: Vec<Document> = set.iter().map(|e| e.doc.clone()).collect();
    (crate::eval::evaluate(&gold, &predictions), subwords as f64 / seconds.max(1e-9))
}

/// Reads a dataset folder, tokenises in parallel and caches the frozen layers' output.
pub(super) fn examples(loaded: &Loaded, dir: &Path, limit: Option<usize>, quiet: bool) -> Result<Vec<Example>> {
    let (docs, notices) = crate::ingest::dataset::read_folder(dir, limit)?;
    if let Some(notice) = notices.first() {
        return Err(TrainError::UnreadableGold { dir: dir.to_path_buf(), first: notice.to_string(), failed: notices.len() });
    }
    examples_of(loaded, docs, dir, quiet)
}

/// The documents with their network inputs and cached states; `dir` names them in progress.
pub(super) fn examples_of(loaded: &Loaded, docs: Vec<Document>, dir: &Path, quiet: bool) -> Result<Vec<Example>> {
    let tokenizer = &loaded.tokenizer;
    let window = loaded.window;
    let rules = crate::pipeline::rules_engine();
    let prepared: Vec<(Document, Prepared)> = docs
        .into_par_iter()
        .map(|mut doc| {
            let analysis = analyse(&rules, &mut doc).map_err(|e| TrainError::Analysis { id: doc.id.clone(), source: e })?;
            let prepared = Prepared::with_evidence(subwords(tokenizer, &doc.text)?, window, &analysis);
            Ok((doc, prepared))
        })
        .collect::<Result<_>>()?;
    let bar = progress(prepared.len(), &format!("caching {}", dir.display()), quiet);
    let examples = prepared
        .into_iter()
        .map(|(doc, prepared)| {
            bar.inc(1);
            Example::new(&loaded.net, doc, prepared)
        })
        .collect();
    bar.finish_and_clear();
    Ok(examples)
}

fn meta(opts: &TrainOptions, scores: &crate::eval::Report, epoch: usize, seconds: f64, cache_seconds: f64) -> Result<ModelMeta> {
    Ok(ModelMeta {
        base_sha256: crate::setup::base_checksum(&opts.base)?,
        heads: opts.heads.clone(),
        window: opts.window,
        shards: Default::default(),
        training: serde_json::json!({
            "command": std::env::args().collect::<Vec<_>>().join(" "),
            "train": opts.train.display().to_string(),
            "dev": opts.dev.display().to_string(),
            "seed": opts.seed,
            "init": opts.init.as_ref().map(|p| p.display().to_string()),
            "epoch": epoch,
            "learning_rate": opts.learning_rate,
            "head_learning_rate": opts.head_learning_rate,
            "batch_documents": opts.batch_documents,
            "precision": format!("{:?}", opts.precision.kind()),
            "evidence_dropout": opts.evidence_dropout,
            "device": format!("{:?}", opts.device),
            "seconds": seconds.round(),
            "cache_seconds": cache_seconds.round(),
            "dev_scores": scores,
        }),
    })
}

fn save_checkpoint(loaded: &Loaded, origin: &store::Origin, opts: &TrainOptions, state: &Checkpoint, dir: &Path, scores: &crate::eval::Report) -> Result<()> {
    let meta = meta(opts, scores, state.epoch, 0.0, 0.0)?;
    store::save_deltas(&loaded.tuned, origin, &meta, dir)?;
    let path = dir.join(STATE);
    // Three numbers always serialise.
    let text = serde_json::to_string(state).expect("a checkpoint state serialises");
    std::fs::write(&path, text).map_err(|source| TrainError::WriteState { path, source })
}

fn read_state(path: &Path) -> Result<Checkpoint> {
    let unreadable = |source: crate::error::BoxedCause| TrainError::ReadState { path: path.to_path_buf(), source };
    let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.into()))?;
    serde_json::from_str(&text).map_err(|e| unreadable(e.into()))
}

pub(super) fn progress(len: usize, prefix: &str, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg} ({eta})")
            .unwrap()
            .progress_chars("=> "),
    );
    bar.set_prefix(prefix.to_string());
    bar
}

