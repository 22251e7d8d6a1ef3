//! The transformer as a pipeline [`Engine`]: windows of all documents in a batch are sorted
//! by length and run together, so little compute goes to padding; results are gathered back
//! per document, whose order is never changed.

use super::batch::{gather, id_batch, Prepared};
use super::combine;
use super::device::Precision;
use super::data::subwords;
use super::predict::predict;
use super::store::{self, Loaded};
use crate::document::{Document, Quotation};
use crate::pipeline::Engine;
use crate::segment::{GermanSegmenter, Segmenter};
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
    segmenter: GermanSegmenter,
    precision: Precision,
    /// When set (the default), the rules lead and the model completes them: [`combine`].
    rules: Option<crate::pipeline::RulesEngine>,
}

impl ModelEngine {
    pub fn load(model: &Path, base: &Path, device: Device, precision: Precision) -> Result<Self, ModelError> {
        super::device::tune_allocators();
        let mut loaded = store::load_model(model, base, device)?;
        store::set_precision(&mut loaded, precision);
        Ok(ModelEngine {
            tokenizer: loaded.tokenizer.clone(),
            window: loaded.window,
            loaded: Mutex::new(loaded),
            segmenter: GermanSegmenter::default(),
            rules: Some(crate::pipeline::rules_engine()),
            precision,
        })
    }

    /// Device and number format, e.g. "cpu (2 threads), bf16".
    pub fn describe(&self) -> String {
        format!("{}, {}", super::device::describe(self.network().net.device()), self.precision.as_str())
    }

    /// The model's own quotations only, without the rules.
    pub fn model_only(mut self) -> Self {
        self.rules = None;
        self
    }

    fn with_rules(&self, doc: &Document, model: Vec<Quotation>) -> Result<Vec<Quotation>, StageError> {
        let Some(rules) = &self.rules else { return Ok(model) };
        let mut by_rules = doc.clone();
        rules.annotate(&mut by_rules)?;
        let model = model.into_iter().filter(|q| combine::is_plausible(doc, q)).collect();
        Ok(combine::rules_lead(by_rules.quotations, model))
    }

    /// The network, also after a panic elsewhere poisoned its lock: inference never
    /// changes it, so what a panicking thread left behind is intact.
    fn network(&self) -> MutexGuard<'_, Loaded> {
        self.loaded.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Segments the documents (boilerplate is marked, so quotes there can be dropped) and
    /// cuts their subwords into windows.
    pub fn prepare(&self, docs: &mut [Document]) -> Result<Vec<Prepared>, StageError> {
        docs.par_iter_mut()
            .map(|doc| {
                self.segmenter.segment(doc)?;
                let sub = subwords(&self.tokenizer, &doc.text).unwrap_or_default();
                Ok(Prepared::new(sub, self.window))
            })
            .collect()
    }

    /// Encoder output of every window, `<s>` and `</s>` included: [len_k, hidden] per window,
    /// windows numbered in document order. This is the encoder's forward pass alone, which
    /// the benchmark sets against the whole pipeline.
    pub fn encode(&self, docs: &[Prepared]) -> Result<Vec<Tensor>, StageError> {
        let ids: Vec<Vec<i64>> =
            docs.iter().flat_map(|d| (0..d.windows.len()).map(move |k| d.window_ids(k))).collect();
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(ids[i].len()));
        let loaded = self.network();
        let device = loaded.net.device();
        let mut outputs: Vec<Option<Tensor>> = (0..ids.len()).map(|_| None).collect();
        tch::no_grad(|| {
            for chunk in order.chunks(WINDOWS_PER_BATCH) {
                let batch: Vec<Vec<i64>> = chunk.iter().map(|&i| ids[i].clone()).collect();
                let (input, mask) = id_batch(&batch, device);
                let upper = loaded.net.upper(&loaded.net.lower(&input, &mask), &mask, false);
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
            let mut quotations = predict(&loaded.net, gather(&flat, &rows, prep), prep)?;
            quotations.retain(|q| !q.quote.iter().any(|s| doc.is_boilerplate(*s)));
            combine::tidy(doc, &mut quotations);
            let mut quotations = self.with_rules(doc, quotations)?;
            quotations.sort_by_key(|q| q.start());
            crate::attribute::names::resolve_names(doc, &mut quotations);
            doc.quotations = quotations;
        }
        Ok(())
    }
}

/// Refuses NaN and infinity, which damaged weights produce: such output is never decoded.
pub fn ensure_finite(t: &Tensor, what: &'static str) -> Result<(), StageError> {
    if t.numel() == 0 || bool::try_from(t.isfinite().all()).unwrap_or(false) {
        Ok(())
    } else {
        Err(StageError::NonFinite(what))
    }
}
