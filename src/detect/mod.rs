//! Stage 3: finds quotations (their spans, type, medium and cue).

use crate::document::Document;

/// Appends to `Document::quotations`; needs `Document::sentences`.
pub trait Detector: Send + Sync {
    fn detect(&self, doc: &mut Document);
}

pub mod cues;
pub mod direct;
pub mod indirect;
pub mod lexicon;
pub mod phrase;
pub mod rules;
pub mod words;

pub use rules::{Rule, RuleDetector};
