//! Stage 3: finds quotations (their spans, type, medium and cue).

use crate::document::{Document, Quotation};
use crate::error::StageError;

/// Reads `Document::text`, `sentences` and `boilerplate`; returns the quotations found,
/// unattributed, each with the cue as analysed. Changes nothing in the document.
pub trait Detector: Send + Sync {
    fn detect(&self, doc: &Document) -> Result<Vec<Detection>, StageError>;
}

/// What detection hands attribution for one quotation: the quotation (spans, type,
/// medium, cue spans, confidence), its cue as analysed (construction, head word, source
/// phrase), and the rule that found it. Attribution reads the speaker off this cue
/// instead of analysing the sentence again.
#[derive(Clone, Debug)]
pub struct Detection {
    pub quotation: Quotation,
    pub cue: Option<cues::AnchoredCue>,
    pub rule: Rule,
}

pub mod cues;
pub mod direct;
pub mod indirect;
pub mod lexicon;
pub mod phrase;
pub mod rules;
pub mod words;

pub use rules::{Rule, RuleDetector};
