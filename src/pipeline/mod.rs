//! Runs the stages over a corpus: an [`Engine`] annotates documents, [`run`] drives it in
//! parallel and hands the results to a writer in input order.

use crate::attribute::Attributor;
use crate::detect::Detector;
use crate::document::Document;
use crate::segment::Segmenter;
use rayon::prelude::*;

pub mod run;

/// Annotates documents with quotations (stages 2–4).
pub trait Engine: Send + Sync {
    fn name(&self) -> &'static str;

    fn annotate(&self, doc: &mut Document);

    /// Engines that batch work across documents (the transformer) override this.
    fn annotate_batch(&self, docs: &mut [Document]) {
        docs.par_iter_mut().for_each(|doc| self.annotate(doc));
    }
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

    fn annotate(&self, doc: &mut Document) {
        self.segmenter.segment(doc);
        self.detector.detect(doc);
        self.attributor.attribute(doc);
        doc.quotations.sort_by_key(|q| q.start());
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
