//! Stage 2: marks page furniture and splits the text into sentences.

use crate::document::Document;

/// Fills `Document::boilerplate` and `Document::sentences`.
pub trait Segmenter: Send + Sync {
    fn segment(&self, doc: &mut Document);
}

pub mod boilerplate;
pub mod evaluate;
pub mod german;
mod layout;
mod lexicon;
mod stops;

pub use german::GermanSegmenter;
