//! From the network's per-subword scores to `Quotation`s with character spans.

use super::data::{bio_runs, Subwords, QUOTE_CONTINUE, ROLES};
use crate::document::{Medium, Quotation, QuoteType, Span};
use std::ops::Range;

/// A quotation found in subword space, before its roles are linked.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteCandidate {
    pub parts: Vec<Range<usize>>,
    pub kind: QuoteType,
    pub nested: bool,
    /// Mean probability of the predicted tags over the quotation's subwords.
    pub confidence: f32,
}

/// How far (in subwords) a continuation part may lie from the part it continues.
const MAX_CONTINUATION_GAP: usize = 40;

/// Outer quotations from quote tags (argmax per subword) and their probabilities.
pub fn outer_quotes(tags: &[i64], probs: &[f32]) -> Vec<QuoteCandidate> {
    let is_begin = |t: i64| t == QUOTE_CONTINUE || (t > 0 && t % 2 == 1);
    let is_inside = |t: i64| t > 0 && t != QUOTE_CONTINUE && t % 2 == 0;
    let mut quotes: Vec<QuoteCandidate> = Vec::new();
    for run in bio_runs(tags, is_begin, is_inside) {
        let continues = tags[run.start] == QUOTE_CONTINUE;
        let near_previous = quotes
            .last()
            .is_some_and(|q| run.start - q.parts.last().unwrap().end <= MAX_CONTINUATION_GAP);
        if continues && near_previous {
            quotes.last_mut().unwrap().parts.push(run);
            continue;
        }
        quotes.push(QuoteCandidate {
            kind: majority_type(&tags[run.clone()]),
            parts: vec![run],
            nested: false,
            confidence: 0.0,
        });
    }
    for q in &mut quotes {
        q.confidence = mean_over(&q.parts, probs);
    }
    quotes
}

/// Nested quotations („…“ inside an indirect one) are direct speech in this data.
pub fn nested_quotes(tags: &[i64], probs: &[f32]) -> Vec<QuoteCandidate> {
    bio_runs(tags, |t| t == 1, |t| t == 2)
        .into_iter()
        .map(|run| QuoteCandidate {
            confidence: mean_over(std::slice::from_ref(&run), probs),
            parts: vec![run],
            kind: QuoteType::Direct,
            nested: true,
        })
        .collect()
}

fn majority_type(tags: &[i64]) -> QuoteType {
    let mut votes = [0usize; 5];
    for &t in tags.iter().filter(|&&t| t > 0 && t != QUOTE_CONTINUE) {
        votes[((t - 1) / 2) as usize] += 1;
    }
    let best = (0..5).max_by_key(|&k| (votes[k], std::cmp::Reverse(k))).unwrap();
    QuoteType::ALL[best]
}

fn mean_over(parts: &[Range<usize>], probs: &[f32]) -> f32 {
    let values: Vec<f32> = parts.iter().flat_map(|r| probs[r.clone()].iter().copied()).collect();
    values.iter().sum::<f32>() / values.len().max(1) as f32
}

/// Character span of a run of subwords.
pub fn char_span(sub: &Subwords, range: &Range<usize>) -> Span {
    Span::new(sub.spans[range.start].start, sub.spans[range.end - 1].end)
}

/// Builds the quotation: linked mentions per role (already chosen), medium class, spans.
pub fn quotation(
    sub: &Subwords,
    candidate: &QuoteCandidate,
    linked: [Vec<Range<usize>>; 4],
    medium_class: i64,
    link_confidence: f32,
) -> Quotation {
    let mut q = Quotation::new(
        candidate.kind,
        candidate.parts.iter().map(|r| char_span(sub, r)).collect(),
    );
    for (r, mentions) in linked.iter().enumerate() {
        let mut spans: Vec<Span> = mentions.iter().map(|m| char_span(sub, m)).collect();
        spans.sort();
        *ROLES[r].spans_mut(&mut q) = spans;
    }
    q.medium = (medium_class > 0).then(|| Medium::ALL[(medium_class - 1) as usize]);
    q.confidence = candidate.confidence * link_confidence;
    q
}

/// Which mentions of one role a quotation links to, from link probabilities: every mention
/// above one half (cues like „teilte … mit“ come in parts), the speaker only the best one.
pub fn choose_links(probs: &[f32], single: bool) -> Vec<usize> {
    let mut above: Vec<usize> = (0..probs.len()).filter(|&k| probs[k] > 0.5).collect();
    if single && above.len() > 1 {
        let best = *above.iter().max_by(|&&a, &&b| probs[a].total_cmp(&probs[b])).unwrap();
        above = vec![best];
    }
    above
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_quote_continues_previous() {
        // B-Direct I I O O C I O B-Indirect I
        let tags = [1, 2, 2, 0, 0, QUOTE_CONTINUE, 2, 0, 3, 4];
        let probs = [1.0; 10];
        let quotes = outer_quotes(&tags, &probs);
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0].parts, vec![0..3, 5..7]);
        assert_eq!(quotes[0].kind, QuoteType::Direct);
        assert_eq!(quotes[1].kind, QuoteType::Indirect);
    }

    #[test]
    fn links_keep_one_speaker_but_several_cue_parts() {
        assert_eq!(choose_links(&[0.7, 0.9, 0.1], true), vec![1]);
        assert_eq!(choose_links(&[0.7, 0.9, 0.1], false), vec![0, 1]);
        assert!(choose_links(&[0.2], true).is_empty());
    }
}
