//! German sentence segmentation for news text.
//!
//! The text is first cut into regions at page furniture (each furniture span is segmented
//! on its own, so no sentence runs into a caption or credit), then into blocks at line
//! breaks: headlines, captions and list items carry no final punctuation, so a line break
//! ends a sentence, except where a hard-wrapped line goes on in lowercase. Inside a block,
//! [`stops::sentence_ends`] decides which stops end sentences. Spans never start or end
//! on whitespace. Runs in linear time in the length of the text.

use super::boilerplate::furniture;
use super::layout::{is_space, lines, trim, Line};
use super::stops::sentence_ends;
use super::Segmenter;
use crate::document::Document;
use crate::error::StageError;

/// Zitat's German segmenter: fills `Document::boilerplate` (page furniture, see
/// [`super::boilerplate`]) and `Document::sentences`, replacing what was there.
#[derive(Clone, Copy, Debug, Default)]
pub struct GermanSegmenter;

impl GermanSegmenter {
    /// The segmentation itself, which cannot fail.
    pub fn split(&self, doc: &mut Document) {
        let furniture = furniture(&doc.text);
        let sentences = sentence_ranges(&doc.text, &furniture);
        doc.boilerplate = furniture.iter().map(|&(s, e)| doc.span_of_bytes(s, e)).collect();
        doc.sentences = sentences.iter().map(|&(s, e)| doc.span_of_bytes(s, e)).collect();
    }
}

impl Segmenter for GermanSegmenter {
    fn segment(&self, doc: &mut Document) -> Result<(), StageError> {
        self.split(doc);
        Ok(())
    }
}

/// Sentence byte ranges of `text`, cut also at the edges of the sorted, disjoint
/// `furniture` ranges.
pub fn sentence_ranges(text: &str, furniture: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(start, end) in furniture {
        sentences_in(text, at, start, &mut out);
        sentences_in(text, start, end, &mut out);
        at = end;
    }
    sentences_in(text, at, text.len(), &mut out);
    out
}

/// Longest sentence in bytes. Real German sentences stay far below (the longest in the
/// dataset's train and dev splits is under 1,700 bytes); a longer run without a sentence
/// end is a list, a table or garbage, and cutting it keeps every later stage, which works
/// sentence by sentence, linear in the text.
pub const MAX_SENTENCE_BYTES: usize = 3_000;

fn sentences_in(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    for (block_start, block_end) in blocks(&text[start..end]) {
        let (block_start, block_end) = (start + block_start, start + block_end);
        let mut from = block_start;
        for to in sentence_ends(&text[block_start..block_end]) {
            push_capped(text, from, block_start + to, out);
            from = block_start + to;
        }
        push_capped(text, from, block_end, out);
    }
}

/// Pushes `text[from..to]` trimmed, cut at whitespace into pieces of at most
/// [`MAX_SENTENCE_BYTES`] (at a character boundary where there is no whitespace).
fn push_capped(text: &str, mut from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
    while to - from > MAX_SENTENCE_BYTES {
        let mut limit = from + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = text[from..limit].rfind(is_space).map(|k| from + k).filter(|&c| c > from).unwrap_or(limit);
        out.extend(trim(text, from, cut));
        from = cut;
    }
    out.extend(trim(text, from, to));
}

/// Runs of non-blank lines that belong together: a line joins the one before only when it
/// starts in lowercase after a line that stops mid-sentence (a word, comma or hyphen).
fn blocks(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut open = false;
    for line in lines(text) {
        let Some((start, end)) = line.trimmed(text) else {
            open = false;
            continue;
        };
        match out.last_mut() {
            Some(block) if open && continues(text, *block, line) => block.1 = end,
            _ => out.push((start, end)),
        }
        open = true;
    }
    out
}

fn continues(text: &str, block: (usize, usize), line: Line) -> bool {
    let last = text[..block.1].chars().next_back();
    let first = line.text(text).trim_start_matches(is_space).chars().next();
    last.is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '-')) && first.is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_ranges(text, &[]).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn a_line_break_ends_a_headline_but_not_a_wrapped_line() {
        assert_eq!(
            sentences("Neue Regeln für Banken\nDer Bundestag hat beschlossen."),
            ["Neue Regeln für Banken", "Der Bundestag hat beschlossen."]
        );
        assert_eq!(
            sentences("Der Bundestag hat am Freitag\nbeschlossen, dass."),
            ["Der Bundestag hat am Freitag\nbeschlossen, dass."]
        );
    }

    #[test]
    fn a_run_without_sentence_end_is_cut_at_whitespace() {
        let text = "wort ".repeat(2_000);
        let pieces = sentence_ranges(&text, &[]);
        assert!(pieces.len() >= 3, "{}", pieces.len());
        for &(s, e) in &pieces {
            assert!(e - s <= MAX_SENTENCE_BYTES && text[s..e].starts_with("wort") && text[s..e].ends_with("wort"));
        }
        let unbroken = "ö".repeat(4_000);
        let pieces = sentence_ranges(&unbroken, &[]);
        assert_eq!(pieces.iter().map(|&(s, e)| e - s).sum::<usize>(), unbroken.len());
    }

    #[test]
    fn furniture_edges_cut_sentences() {
        let text = "date 2024-06 Die Nato tagt.";
        assert_eq!(sentence_ranges(text, &[(0, 12)]), [(0, 12), (13, 27)]);
    }
}
