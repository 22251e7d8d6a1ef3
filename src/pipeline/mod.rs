//! Runs the stages over a corpus: an [`Engine`] annotates documents, [`run`] drives it in
//! parallel and hands the results to a writer in input order.

use crate::attribute::Attributor;
use crate::detect::Detector;
use crate::document::Document;
use crate::error::StageError;
use crate::segment::Segmenter;
use rayon::prelude::*;
use std::panic::{self, AssertUnwindSafe};

pub mod run;

/// Annotates documents with quotations (stages 2–4): reads `Document::text` (and
/// `meta`), fills `boilerplate`, `sentences` and `quotations`.
pub trait Engine: Send + Sync {
    fn name(&self) -> &'static str;

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError>;

    /// All documents, or the first error. Engines that batch work across documents (the
    /// transformer) override this; on an error the runner retries one document at a time
    /// to find the one it concerns.
    fn annotate_batch(&self, docs: &mut [Document]) -> Result<(), StageError> {
        docs.par_iter_mut().try_for_each(|doc| self.annotate(doc))
    }

    /// Subword tokens through the encoder so far (window tokens, as `zitat bench` counts
    /// them), for engines that have one.
    fn subwords_encoded(&self) -> Option<u64> {
        None
    }
}

/// Annotates every document, a batch at once, and returns the ones that failed (index and
/// error) instead of stopping: when the batch fails or panics, each document is retried
/// alone from its original state, and a failed one is left unannotated.
pub fn annotate_each(engine: &dyn Engine, docs: &mut [Document]) -> Vec<(usize, StageError)> {
    let pristine: Vec<Annotations> = docs.iter().map(Annotations::of).collect();
    if matches!(panic::catch_unwind(AssertUnwindSafe(|| engine.annotate_batch(docs))), Ok(Ok(()))) {
        return Vec::new();
    }
    let mut failed = Vec::new();
    for (k, (doc, original)) in docs.iter_mut().zip(pristine).enumerate() {
        original.clone().restore(doc);
        if let Err(err) = annotate_one(engine, doc) {
            original.restore(doc);
            failed.push((k, err));
        }
    }
    failed
}

/// What an [`Engine`] writes into a document, kept to undo a failed batch (the text, its
/// index and the metadata, which engines only read, need no copy).
#[derive(Clone)]
struct Annotations {
    boilerplate: Vec<crate::document::Span>,
    sentences: Vec<crate::document::Span>,
    quotations: Vec<crate::document::Quotation>,
}

impl Annotations {
    fn of(doc: &Document) -> Self {
        Annotations { boilerplate: doc.boilerplate.clone(), sentences: doc.sentences.clone(), quotations: doc.quotations.clone() }
    }

    fn restore(self, doc: &mut Document) {
        (doc.boilerplate, doc.sentences, doc.quotations) = (self.boilerplate, self.sentences, self.quotations);
    }
}

/// One document, a panic turned into [`StageError::Panicked`].
pub fn annotate_one(engine: &dyn Engine, doc: &mut Document) -> Result<(), StageError> {
    panic::catch_unwind(AssertUnwindSafe(|| engine.annotate(doc))).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without message".into());
        Err(StageError::Panicked { engine: engine.name(), message })
    })
}

/// The rule-based engine: segmenter, detector and attributor in sequence.
pub struct RulesEngine {
    pub segmenter: Box<dyn Segmenter>,
    pub detector: Box<dyn Detector>,
    pub attributor: Box<dyn Attributor>,
}

impl Engine for RulesEngine {
    fn name(&self) -> &'static str {
        "rules"
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        self.segmenter.segment(doc)?;
        let found = self.detector.detect(doc)?;
        self.attributor.attribute(doc, found)?;
        doc.quotations.sort_by_key(|q| q.start());
        Ok(())
    }
}

/// An engine whose speakers keep their names only from a name confidence on: a desk that
/// publishes the speaker index unread trades names for fewer wrong ones (the phrase, kind
/// and confidence stay, so a reader still sees who was withheld and why).
pub struct NamesFrom {
    pub engine: Box<dyn Engine>,
    pub min_confidence: f32,
}

impl NamesFrom {
    fn withhold(&self, doc: &mut Document) {
        for q in &mut doc.quotations {
            if q.speaker_name_confidence.is_some_and(|c| c < self.min_confidence) {
                q.speaker_name = None;
            }
        }
    }
}

impl Engine for NamesFrom {
    fn name(&self) -> &'static str {
        self.engine.name()
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        self.engine.annotate(doc)?;
        self.withhold(doc);
        Ok(())
    }

    fn annotate_batch(&self, docs: &mut [Document]) -> Result<(), StageError> {
        self.engine.annotate_batch(docs)?;
        docs.iter_mut().for_each(|doc| self.withhold(doc));
        Ok(())
    }

    fn subwords_encoded(&self) -> Option<u64> {
        self.engine.subwords_encoded()
    }
}

/// The rules engine with zitat's German segmenter, detector and attributor.
pub fn rules_engine() -> RulesEngine {
    RulesEngine {
        segmenter: Box::new(crate::segment::GermanSegmenter),
        detector: Box::new(crate::detect::RuleDetector),
        attributor: Box::new(crate::attribute::RuleAttributor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Panics on documents that mention „Absturz“, fails on „Fehler“.
    struct Fragile;

    impl Engine for Fragile {
        fn name(&self) -> &'static str {
            "fragile"
        }
        fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
            if doc.text.contains("Absturz") {
                panic!("simulated bug");
            }
            if doc.text.contains("Fehler") {
                return Err(StageError::NonFinite("test scores"));
            }
            doc.sentences = vec![crate::Span::new(0, doc.char_len())];
            Ok(())
        }
    }

    #[test]
    fn a_failing_or_panicking_document_is_reported_and_the_others_are_annotated() {
        let texts = ["Gut.", "Absturz.", "Auch gut.", "Fehler."];
        let mut docs: Vec<Document> = texts.iter().enumerate().map(|(k, t)| Document::new(k.to_string(), *t)).collect();
        let failed = annotate_each(&Fragile, &mut docs);
        let failed: Vec<(usize, String)> = failed.into_iter().map(|(k, e)| (k, e.to_string())).collect();
        assert_eq!(failed.len(), 2);
        assert!(failed[0].0 == 1 && failed[0].1.contains("simulated bug"), "{failed:?}");
        assert!(failed[1].0 == 3 && failed[1].1.contains("non-finite"), "{failed:?}");
        assert!(docs[0].sentences.len() == 1 && docs[2].sentences.len() == 1 && docs[1].sentences.is_empty());
        // The engine works on after a panic: a second batch goes through.
        let mut again = vec![Document::new("x", "Noch einmal gut.")];
        assert!(annotate_each(&Fragile, &mut again).is_empty());
    }
}
