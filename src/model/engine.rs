//! The transformer as a pipeline [`Engine`]: each document is cut into windows, each window
//! runs through the encoder on its own, and a document's quotations are decoded from its own
//! windows alone; windows and documents are spread over the Rayon threads, every libtorch
//! operation runs on one thread.
//!
//! Why: a document's records must depend only on the document (and the model and
//! precision), never on what else is in the run or on the machine, so that shards merge into
//! exactly the single run and `serve` answers the same alone and in a batch. Windows of
//! several documents in one padded batch changed the float results (padding lengthens the
//! attention rows, another batch shape gives the matrix products another blocking), and so
//! does the number of threads sharing one matrix product (MKL splits it differently): 6 of
//! 126 confidences of the sample and seed articles moved in their last digits, and near a
//! threshold a decision can flip. A window alone has no padding and a shape of its own, and
//! one thread per operation computes it the same way on any machine (README, "Batch
//! invariance", for what it costs).

use super::batch::{evidence_batch, gather, id_batch, Prepared};
use super::combine;
use super::confidence::ConfidenceMap;
use super::device::Precision;
use super::network::Network;
use super::data::subwords;
use super::predict::{ensure_finite, predict};
use super::speaker_pass::{self, SpeakerPass};
use super::store::{self, Loaded};
use crate::document::{Document, Quotation};
use crate::pipeline::Engine;
use rayon::prelude::*;
use std::path::Path;
use crate::error::{ModelError, StageError};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tch::{Device, Kind, Tensor};
use tokenizers::Tokenizer;

pub struct ModelEngine {
    loaded: Shared,
    tokenizer: Arc<Tokenizer>,
    window: super::batch::WindowConfig,
    /// Segments each document once and gives the network its evidence (and, where the rules
    /// lead, the quotations to complete).
    rules: crate::pipeline::RulesEngine,
    precision: Precision,
    /// Who leads: the model's own quotations, or the rules' completed by the model.
    lead: Lead,
    /// Whether confidences go through the model's calibration map (off to fit one).
    calibrated: bool,
    /// Whether a model with a speaker pass uses it (off to measure what it adds).
    speaker_pass: bool,
    /// Window tokens encoded so far, for the run's summary.
    encoded: AtomicU64,
}

/// The network, read by the worker threads at once.
struct Shared(Loaded);

// SAFETY: tch leaves tensors `!Sync` because it cannot know how they are used. The engine
// only reads them: every forward pass runs under `no_grad`, no operator writes into a weight,
// and libtorch's operators may read one tensor from several threads (its reference counts
// are atomic).
unsafe impl Sync for Shared {}

/// Whose quotations the engine writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lead {
    /// The model's quotations (it reads the rules' analysis as evidence if it was trained to).
    Model,
    /// The rules' quotations the model supports, completed by the model's: [`combine::rules_lead`].
    Rules,
}

impl Lead {
    pub fn as_str(self) -> &'static str {
        match self {
            Lead::Model => "model",
            Lead::Rules => "rules",
        }
    }
}

/// Who leads unless told otherwise, in `zitat run` and in training's dev scoring. On dev
/// (Joint F1, fp32) the shipped model scores 75.78 with the rules leading and 69.34 leading
/// itself, the rules alone 70.89; the model leads once it beats the rules leading it.
pub const DEFAULT_LEAD: Lead = Lead::Rules;

impl ModelEngine {
    pub fn load(model: &Path, base: &Path, device: Device, precision: Precision) -> Result<Self, ModelError> {
        super::device::tune_allocators();
        single_threaded_ops();
        let mut loaded = store::load_model(model, base, device)?;
        store::set_precision(&mut loaded, precision);
        Ok(ModelEngine {
            tokenizer: loaded.tokenizer.clone(),
            window: loaded.window,
            loaded: Shared(loaded),
            rules: crate::pipeline::rules_engine(),
            precision,
            lead: DEFAULT_LEAD,
            calibrated: true,
            speaker_pass: true,
            encoded: AtomicU64::new(0),
        })
    }

    /// Device and number format, e.g. "cpu (2 threads), bf16".
    pub fn describe(&self) -> String {
        format!("{}, {}", super::device::describe(self.network().device()), self.precision.as_str())
    }

    /// Overrides who leads (`--model-only`).
    pub fn led_by(mut self, lead: Lead) -> Self {
        self.lead = lead;
        self
    }

    /// Writes the raw confidences, which a calibration map is fitted on.
    pub fn uncalibrated(mut self) -> Self {
        self.calibrated = false;
        self
    }

    /// Overrides how the model's quotations are cut (`--boundaries`).
    pub fn with_boundaries(mut self, boundaries: super::decode::Boundaries) -> Self {
        self.loaded.0.net.heads.decoding.boundaries = boundaries;
        self
    }

    /// Leaves the speakers to the link heads and the rules, as a model without the pass.
    pub fn without_speaker_pass(mut self) -> Self {
        self.speaker_pass = false;
        self
    }

    /// The calibration map that applies to this engine's lead, if any.
    fn calibration(&self) -> Option<&ConfidenceMap> {
        let map = self.network().heads.calibration.as_ref()?;
        (self.calibrated && map.lead == self.lead.as_str()).then_some(map)
    }

    fn network(&self) -> &Network {
        &self.loaded.0.net
    }

    /// Analyses the documents with the rules (which segment them: boilerplate is marked, so
    /// quotes there can be dropped) and cuts their subwords into windows with that evidence.
    pub fn prepare(&self, docs: &mut [Document]) -> Result<Vec<Prepared>, StageError> {
        docs.par_iter_mut()
            .map(|doc| {
                let analysis = analyse(&self.rules, doc)?;
                let sub = subwords(&self.tokenizer, &doc.text).unwrap_or_default();
                Ok(Prepared::with_evidence(sub, self.window, &analysis))
            })
            .collect()
    }

    /// Encoder output of every window, `<s>` and `</s>` included: [len_k, hidden] per window,
    /// windows numbered in document order. This is the encoder's forward pass alone, which
    /// the benchmark sets against the whole pipeline.
    pub fn encode(&self, docs: &[Prepared]) -> Result<Vec<Tensor>, StageError> {
        let tokens: usize = docs.iter().map(Prepared::tokens).sum();
        self.encoded.fetch_add(tokens as u64, Ordering::Relaxed);
        if self.network().device().is_cuda() {
            return self.encode_batched(docs);
        }
        all_windows(docs).into_par_iter().map(|(doc, k)| encode_window(self.network(), doc, k)).collect()
    }

    /// [`Self::encode`] as on a GPU, windows in padded batches (on any device: to compare).
    pub fn encode_batched(&self, docs: &[Prepared]) -> Result<Vec<Tensor>, StageError> {
        let windows = all_windows(docs);
        let batches: Vec<Vec<Tensor>> = windows.chunks(GPU_WINDOWS).map(|chunk| encode_windows(self.network(), chunk)).collect::<Result<_, _>>()?;
        Ok(batches.into_iter().flatten().collect())
    }

    /// A document's quotations from its windows' encoder states.
    fn decode(&self, doc: &mut Document, prepared: &Prepared, windows: &[Tensor]) -> Result<(), StageError> {
        single_threaded_ops();
        let hidden = document_states(windows, prepared);
        let quotations = predict(self.network(), hidden.shallow_clone(), prepared)?;
        let pass = self.network().speaker_pass.as_ref().filter(|_| self.speaker_pass).map(|p| (p, &hidden));
        doc.quotations = finish(doc, prepared, quotations, self.lead, pass);
        if let Some(map) = self.calibration() {
            doc.quotations.iter_mut().for_each(|q| q.confidence = map.apply(q.confidence));
        }
        Ok(())
    }
}

/// Makes libtorch run each operation on the calling thread alone (the engine spreads windows
/// and documents over the Rayon threads instead): MKL splits a matrix product over its
/// threads differently for another number of them, and rounds differently (10 rows by 384
/// times 384 by 128 differed by 1e-5 between 1 and 2 threads), so records would depend on
/// the machine's cores. libtorch applies the count to each thread when it first computes
/// there, MKL keeps it per thread; so every worker sets it before its first operation.
fn single_threaded_ops() {
    tch::set_num_threads(1);
}

/// Every (document, window number) pair, in document order.
fn all_windows(docs: &[Prepared]) -> Vec<(&Prepared, usize)> {
    docs.iter().flat_map(|d| (0..d.windows.len()).map(move |k| (d, k))).collect()
}

/// Window k of `doc` through the encoder, alone: a batch of one at the window's own length,
/// so that its states are a function of the window only.
fn encode_window(net: &Network, doc: &Prepared, k: usize) -> Result<Tensor, StageError> {
    single_threaded_ops();
    let device = net.device();
    let (input, mask) = id_batch(&[doc.window_ids(k)], device);
    let evidence = evidence_batch(&[doc.window_evidence(k)], &[false], device);
    let upper = tch::no_grad(|| net.upper(&net.lower(&input, &mask), Some(&evidence), &mask, false));
    ensure_finite(&upper, "encoder states")?;
    Ok(upper.get(0).to_kind(Kind::Float))
}

/// Windows per GPU batch: 32 × 256 subwords keep an H200 busy, where one window alone left
/// it waiting on kernel launches (the dev articles ran 3× slower on it than on 16 CPU cores).
const GPU_WINDOWS: usize = 32;

/// Windows through the encoder in one padded batch, each window's states cut back to its
/// length. Padding is masked, so a window's states are those it gets alone up to rounding: a
/// GPU run repeats itself exactly, but is not bit for bit the CPU's.
fn encode_windows(net: &Network, windows: &[(&Prepared, usize)]) -> Result<Vec<Tensor>, StageError> {
    let device = net.device();
    let ids: Vec<Vec<i64>> = windows.iter().map(|(doc, k)| doc.window_ids(*k)).collect();
    let evidence: Vec<_> = windows.iter().map(|(doc, k)| doc.window_evidence(*k)).collect();
    let (input, mask) = id_batch(&ids, device);
    let evidence = evidence_batch(&evidence, &vec![false; windows.len()], device);
    let upper = tch::no_grad(|| net.upper(&net.lower(&input, &mask), Some(&evidence), &mask, false));
    ensure_finite(&upper, "encoder states")?;
    Ok(ids.iter().enumerate().map(|(i, w)| upper.get(i as i64).narrow(0, 0, w.len() as i64).to_kind(Kind::Float)).collect())
}

/// A document's subword states [subwords, hidden] from its windows' states.
fn document_states(windows: &[Tensor], prepared: &Prepared) -> Tensor {
    let rows: Vec<i64> = windows
        .iter()
        .scan(0, |start, w| {
            let row = *start;
            *start += w.size()[0];
            Some(row)
        })
        .collect();
    gather(&Tensor::cat(windows, 0), &rows, prepared)
}

/// The rules' analysis of `doc` (a copy with the rules' quotations); `doc` takes its
/// segmentation, so every document is segmented once.
pub fn analyse(rules: &crate::pipeline::RulesEngine, doc: &mut Document) -> Result<Document, StageError> {
    let mut analysis = doc.clone();
    analysis.quotations.clear();
    rules.annotate(&mut analysis)?;
    doc.boilerplate.clone_from(&analysis.boilerplate);
    doc.sentences.clone_from(&analysis.sentences);
    Ok(analysis)
}

/// From the network's decoded quotations to what `zitat run` writes, the same in training's
/// dev scoring: quotations in boilerplate dropped, spans tidied, the rules leading if asked,
/// speakers chosen again by the speaker `pass` (with the document's subword states) where
/// the model has one, and resolved to names.
pub fn finish(doc: &Document, prepared: &Prepared, quotations: Vec<Quotation>, lead: Lead, pass: Option<(&SpeakerPass, &Tensor)>) -> Vec<Quotation> {
    let mut quotations = led(doc, prepared, quotations, lead);
    if let Some((pass, hidden)) = pass {
        let choices = pass.choose_all(hidden, doc, prepared, &quotations, pass.config.decode_tags);
        speaker_pass::apply(doc, &prepared.sub, &mut quotations, &choices, &pass.config);
    }
    // Measured on dev: +0.15 Joint with the rules leading, −0.28 with the model leading
    // (why, not examined).
    if lead == Lead::Rules {
        combine::speakers_outside(doc, &mut quotations);
    }
    crate::attribute::speaker::finish_roles(doc, &mut quotations);
    crate::attribute::names::resolve_names(doc, &mut quotations);
    quotations
}

/// The quotations outside boilerplate, tidied, with the rules leading if asked, in text order.
pub fn led(doc: &Document, prepared: &Prepared, mut quotations: Vec<Quotation>, lead: Lead) -> Vec<Quotation> {
    quotations.retain(|q| !q.quote.iter().any(|s| doc.is_boilerplate(*s)));
    combine::tidy(doc, &mut quotations);
    if lead == Lead::Rules {
        let model = quotations.into_iter().filter(|q| combine::is_plausible(doc, q)).collect();
        quotations = combine::rules_lead(prepared.evidence.quotations.clone(), model);
    }
    quotations.sort_by_key(|q| q.start());
    quotations
}

impl Engine for ModelEngine {
    fn name(&self) -> &'static str {
        "model"
    }

    fn subwords_encoded(&self) -> Option<u64> {
        Some(self.encoded.load(Ordering::Relaxed))
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        self.annotate_batch(std::slice::from_mut(doc))
    }

    fn annotate_batch(&self, docs: &mut [Document]) -> Result<(), StageError> {
        let prepared = self.prepare(docs)?;
        let mut windows = self.encode(&prepared)?.into_iter();
        let per_document: Vec<Vec<Tensor>> = prepared.iter().map(|p| windows.by_ref().take(p.windows.len()).collect()).collect();
        docs.par_iter_mut()
            .zip(&prepared)
            .zip(per_document)
            .try_for_each(|((doc, prepared), windows)| self.decode(doc, prepared, &windows))
    }
}
