//! The transformer as a pipeline [`Engine`]: windows of all documents in a batch are sorted
//! by length and run together, so little compute goes to padding; results are gathered back
//! per document, whose order is never changed.

use super::batch::{evidence_batch, gather, id_batch, Prepared};
use super::combine;
use super::device::Precision;
use super::data::subwords;
use super::predict::{ensure_finite, predict};
use super::store::{self, Loaded};
use crate::document::{Document, Quotation};
use crate::pipeline::Engine;
use rayon::prelude::*;
use std::path::Path;
use crate::error::{ModelError, StageError};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tch::{Device, Kind, Tensor};
use tokenizers::Tokenizer;

/// Windows run through the encoder at once.
const WINDOWS_PER_BATCH: usize = 16;

pub struct ModelEngine {
    /// libtorch tensors are not `Sync`; the network runs one batch at a time anyway
    /// (libtorch parallelises inside each operation).
    loaded: Mutex<Loaded>,
    tokenizer: Arc<Tokenizer>,
    window: super::batch::WindowConfig,
    /// Segments each document once and gives the network its evidence (and, where the rules
    /// lead, the quotations to complete).
    rules: crate::pipeline::RulesEngine,
    precision: Precision,
    /// Who leads: the model's own quotations, or the rules' completed by the model.
    lead: Lead,
}

/// Whose quotations the engine writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lead {
    /// The model's quotations (it reads the rules' analysis as evidence if it was trained to).
    Model,
    /// The rules' quotations, completed by the model's: [`combine::rules_lead`].
    Rules,
}

/// Who leads unless told otherwise, in `zitat run` and in training's dev scoring. On dev
/// (Joint F1, bf16) the shipped model scores 74.55 with the rules leading and 69.79 leading
/// itself, the rules alone 70.81; the model leads once it beats the rules leading it.
pub const DEFAULT_LEAD: Lead = Lead::Rules;

impl ModelEngine {
    pub fn load(model: &Path, base: &Path, device: Device, precision: Precision) -> Result<Self, ModelError> {
        super::device::tune_allocators();
        let mut loaded = store::load_model(model, base, device)?;
        store::set_precision(&mut loaded, precision);
        Ok(ModelEngine {
            tokenizer: loaded.tokenizer.clone(),
            window: loaded.window,
            loaded: Mutex::new(loaded),
            rules: crate::pipeline::rules_engine(),
            precision,
            lead: DEFAULT_LEAD,
        })
    }

    /// Device and number format, e.g. "cpu (2 threads), bf16".
    pub fn describe(&self) -> String {
        format!("{}, {}", super::device::describe(self.network().net.device()), self.precision.as_str())
    }

    /// Overrides who leads (`--model-only`).
    pub fn led_by(mut self, lead: Lead) -> Self {
        self.lead = lead;
        self
    }

    /// The network, also after a panic elsewhere poisoned its lock: inference never
    /// changes it, so what a panicking thread left behind is intact.
    fn network(&self) -> MutexGuard<'_, Loaded> {
        self.loaded.lock().unwrap_or_else(PoisonError::into_inner)
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
        let windows: Vec<(&Prepared, usize)> = docs.iter().flat_map(|d| (0..d.windows.len()).map(move |k| (d, k))).collect();
        let ids: Vec<Vec<i64>> = windows.iter().map(|&(d, k)| d.window_ids(k)).collect();
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(ids[i].len()));
        let loaded = self.network();
        let device = loaded.net.device();
        let mut outputs: Vec<Option<Tensor>> = (0..ids.len()).map(|_| None).collect();
        tch::no_grad(|| {
            for chunk in order.chunks(WINDOWS_PER_BATCH) {
                let batch: Vec<Vec<i64>> = chunk.iter().map(|&i| ids[i].clone()).collect();
                let (input, mask) = id_batch(&batch, device);
                let evidence: Vec<_> = chunk.iter().map(|&i| windows[i].0.window_evidence(windows[i].1)).collect();
                let evidence = evidence_batch(&evidence, &vec![false; evidence.len()], device);
                let upper = loaded.net.upper(&loaded.net.lower(&input, &mask), Some(&evidence), &mask, false);
                ensure_finite(&upper, "encoder states")?;
                for (row, &i) in chunk.iter().enumerate() {
                    let out = upper.get(row as i64).narrow(0, 0, ids[i].len() as i64);
                    outputs[i] = Some(out.to_kind(Kind::Float));
                }
            }
            Ok(())
        })?;
        Ok(outputs.into_iter().map(|o| o.expect("every window was encoded")).collect())
    }
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
/// speakers resolved to names.
pub fn finish(doc: &Document, prepared: &Prepared, mut quotations: Vec<Quotation>, lead: Lead) -> Vec<Quotation> {
    quotations.retain(|q| !q.quote.iter().any(|s| doc.is_boilerplate(*s)));
    combine::tidy(doc, &mut quotations);
    if lead == Lead::Rules {
        let model = quotations.into_iter().filter(|q| combine::is_plausible(doc, q)).collect();
        quotations = combine::rules_lead(prepared.evidence.quotations.clone(), model);
    }
    quotations.sort_by_key(|q| q.start());
    crate::attribute::names::resolve_names(doc, &mut quotations);
    quotations
}

impl Engine for ModelEngine {
    fn name(&self) -> &'static str {
        "model"
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        self.annotate_batch(std::slice::from_mut(doc))
    }

    fn annotate_batch(&self, docs: &mut [Document]) -> Result<(), StageError> {
        let prepared = self.prepare(docs)?;
        let windows = self.encode(&prepared)?;
        let loaded = self.network();
        let mut next = 0;
        for (doc, prep) in docs.iter_mut().zip(&prepared) {
            let own = &windows[next..next + prep.windows.len()];
            next += prep.windows.len();
            let rows: Vec<i64> = own
                .iter()
                .scan(0, |start, w| {
                    let row = *start;
                    *start += w.size()[0];
                    Some(row)
                })
                .collect();
            let flat = Tensor::cat(own, 0);
            let quotations = predict(&loaded.net, gather(&flat, &rows, prep), prep)?;
            doc.quotations = finish(doc, prep, quotations, self.lead);
        }
        Ok(())
    }
}
