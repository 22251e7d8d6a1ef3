//! German sentence segmentation (to be replaced by the full implementation).

use super::Segmenter;
use crate::document::{Document, Span};

#[derive(Default)]
pub struct GermanSegmenter;

impl Segmenter for GermanSegmenter {
    fn segment(&self, doc: &mut Document) {
        // Interim: split after . ! ? followed by whitespace.
        let chars: Vec<char> = doc.text.chars().collect();
        let mut start = 0;
        for i in 0..chars.len() {
            let end_here = matches!(chars[i], '.' | '!' | '?')
                && chars.get(i + 1).is_some_and(|c| c.is_whitespace());
            if end_here || i + 1 == chars.len() {
                doc.sentences.push(Span::new(start, i + 1));
                start = i + 1;
            }
        }
    }
}
