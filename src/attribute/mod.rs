//! Stage 4: gives each quotation its speaker, frame and addressee, and the speaker a name.

use crate::document::Document;

/// Fills the roles and `speaker_name` of `Document::quotations`.
pub trait Attributor: Send + Sync {
    fn attribute(&self, doc: &mut Document);
}

pub mod names;
pub mod rules;
pub mod speaker;

pub use rules::RuleAttributor;
