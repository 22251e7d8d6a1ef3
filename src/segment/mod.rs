//! Stage 2: marks page furniture and splits the text into sentences.

use crate::document::Document;
use crate::error::StageError;

/// Reads `Document::text`; fills `Document::boilerplate` (sorted, disjoint) and
/// `Document::sentences` (sorted, disjoint), replacing what was there.
pub trait Segmenter: Send + Sync {
    fn segment(&self, doc: &mut Document) -> Result<(), StageError>;
}

pub mod boilerplate;
pub mod evaluate;
pub mod german;
mod layout;
pub(crate) mod lexicon;
mod stops;

pub use german::GermanSegmenter;
