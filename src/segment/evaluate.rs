//! Sentence-boundary scoring against the dataset's sentences.

use crate::document::Document;

/// A printable report of boundary precision/recall/F1 on gold documents (their
/// `sentences` hold the gold segmentation), for zitat's segmenter and for `sentencex`.
pub fn boundary_report(_gold: &[Document]) -> anyhow::Result<String> {
    anyhow::bail!("sentence-boundary scoring is not implemented yet")
}
