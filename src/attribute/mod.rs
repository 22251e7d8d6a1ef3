//! Stage 4: gives each quotation its speaker, frame and addressee, and the speaker a name.

use crate::detect::Detection;
use crate::document::Document;
use crate::error::StageError;

/// Reads the text, `sentences` and the detections; fills `Document::quotations` with
/// them, attributed: roles (speaker, frame, addressee) and `speaker_name`.
pub trait Attributor: Send + Sync {
    fn attribute(&self, doc: &mut Document, found: Vec<Detection>) -> Result<(), StageError>;
}

pub mod name_confidence;
pub mod names;
pub mod referent;
pub mod rules;
pub mod speaker;

pub use rules::RuleAttributor;
