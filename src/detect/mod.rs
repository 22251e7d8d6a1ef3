//! Stage 3: finds quotations (their spans, type, medium and cue).

use crate::document::Document;

/// Appends to `Document::quotations`; needs `Document::sentences`.
pub trait Detector: Send + Sync {
    fn detect(&self, doc: &mut Document);
}

pub mod rules;

pub use rules::RuleDetector;
