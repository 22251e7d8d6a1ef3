//! From documents to what the network sees: subword ids with character spans, windows
//! that fit the encoder, and (for training) per-subword tag targets and quote–role links.

use crate::document::{Document, Quotation, QuoteType, Span};
use crate::error::ModelError;
use std::ops::Range;
use tokenizers::Tokenizer;

/// Ids of XLM-R's `<s>` and `</s>`, which frame every window.
pub const BOS: i64 = 0;
pub const EOS: i64 = 2;

/// A document's text as subwords (no special tokens), each with its character span.
#[derive(Clone, Debug, Default)]
pub struct Subwords {
    pub ids: Vec<i64>,
    pub spans: Vec<Span>,
}

pub fn subwords(tokenizer: &Tokenizer, text: &str) -> Result<Subwords, ModelError> {
    let encoding = tokenizer.encode_char_offsets(text, false).map_err(ModelError::Tokenize)?;
    let mut out = Subwords::default();
    for (&id, &(start, end)) in encoding.get_ids().iter().zip(encoding.get_offsets()) {
        // A bare "▁" (word start marker) covers no character of its own.
        if start == end {
            continue;
        }
        out.ids.push(id as i64);
        out.spans.push(trim_leading_space(text, Span::new(start, end)));
    }
    Ok(out)
}

/// Metaspace offsets can include the space before a word; role spans never start with one.
fn trim_leading_space(text: &str, span: Span) -> Span {
    let skipped = text.chars().skip(span.start).take(span.len());
    let blanks = skipped.take_while(|c| c.is_whitespace()).count();
    Span::new((span.start + blanks).min(span.end), span.end)
}

/// Overlapping windows of at most `size` subwords, `overlap` shared between neighbours.
pub fn windows(n: usize, size: usize, overlap: usize) -> Vec<Range<usize>> {
    assert!(overlap < size, "window overlap must be smaller than the window");
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let end = (start + size).min(n);
        out.push(start..end);
        if end == n {
            return out;
        }
        start = end - overlap;
    }
}

/// For every subword position, the window (index) and offset within it where the position
/// is farthest from a window edge: its best-contextualised copy.
pub fn central_copies(windows: &[Range<usize>], n: usize) -> Vec<(usize, usize)> {
    (0..n)
        .map(|i| {
            windows
                .iter()
                .enumerate()
                .filter(|(_, w)| w.contains(&i))
                .map(|(k, w)| (k, i - w.start, (i - w.start).min(w.end - 1 - i)))
                .max_by_key(|&(_, _, margin)| margin)
                .map(|(k, offset, _)| (k, offset))
                .expect("windows cover every position")
        })
        .collect()
}

/// Subword indices whose characters overlap a span.
/// Subword spans are sorted and do not nest, so the candidates are found by binary search
/// (the evidence asks this for every word of an article: a scan was quadratic); an empty
/// span at either edge of them overlaps nothing and is trimmed as before.
pub fn subword_range(sub: &Subwords, span: Span) -> Option<Range<usize>> {
    let near = crate::document::overlapping_range(&sub.spans, span);
    let candidates = &sub.spans[near.clone()];
    let first = candidates.iter().position(|s| s.overlaps(span))?;
    let last = candidates.iter().rposition(|s| s.overlaps(span))?;
    Some(near.start + first..near.start + last + 1)
}

/// Tag layers over subwords. Quote tags: 0 = outside, 1 + 2t = begin of type t,
/// 2 + 2t = inside, [`QUOTE_CONTINUE`] = begins another part of the previous quotation
/// (a quote split by „…“, sagte X, „…“). The other layers are plain BIO (0, 1, 2).
pub const QUOTE_TAGS: i64 = 12;
pub const QUOTE_CONTINUE: i64 = 11;
pub const BIO_TAGS: i64 = 3;

/// The roles a quotation is linked to, in the order the network's heads use.
pub const ROLES: [Role; 4] = [Role::Speaker, Role::Cue, Role::Frame, Role::Addressee];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Speaker,
    Cue,
    Frame,
    Addressee,
}

impl Role {
    pub fn spans(self, q: &Quotation) -> &[Span] {
        match self {
            Role::Speaker => &q.speaker,
            Role::Cue => &q.cue,
            Role::Frame => &q.frame,
            Role::Addressee => &q.addressee,
        }
    }
    pub fn spans_mut(self, q: &mut Quotation) -> &mut Vec<Span> {
        match self {
            Role::Speaker => &mut q.speaker,
            Role::Cue => &mut q.cue,
            Role::Frame => &mut q.frame,
            Role::Addressee => &mut q.addressee,
        }
    }
}

pub fn type_index(t: QuoteType) -> i64 {
    QuoteType::ALL.iter().position(|&x| x == t).unwrap() as i64
}

/// A gold quotation in subword space: its parts and, per role, the role mentions it links to.
#[derive(Clone, Debug)]
pub struct GoldQuote {
    pub parts: Vec<Range<usize>>,
    pub nested: bool,
    pub kind: QuoteType,
    pub medium: i64,
    pub links: [Vec<usize>; 4],
}

/// Training targets of one document.
#[derive(Clone, Debug)]
pub struct Targets {
    pub quote_tags: Vec<i64>,
    pub nested_tags: Vec<i64>,
    pub role_tags: [Vec<i64>; 4],
    /// Per role, the distinct mentions (subword ranges) in the document.
    pub mentions: [Vec<Range<usize>>; 4],
    pub quotes: Vec<GoldQuote>,
}

/// Medium classes: 0 = none, then `Medium::ALL` in order.
pub const MEDIUM_CLASSES: i64 = 7;

pub fn targets(doc: &Document, sub: &Subwords) -> Targets {
    let n = sub.ids.len();
    let mut t = Targets {
        quote_tags: vec![0; n],
        nested_tags: vec![0; n],
        role_tags: std::array::from_fn(|_| vec![0; n]),
        mentions: Default::default(),
        quotes: Vec::new(),
    };
    for q in &doc.quotations {
        let nested = is_nested(q, &doc.quotations);
        let parts: Vec<Range<usize>> =
            sorted(&q.quote).iter().filter_map(|&s| subword_range(sub, s)).collect();
        if parts.is_empty() {
            continue;
        }
        for (k, part) in parts.iter().enumerate() {
            if nested {
                write_bio(&mut t.nested_tags, part.clone(), 1, 2);
            } else {
                let ty = type_index(q.kind);
                let begin = if k == 0 { 1 + 2 * ty } else { QUOTE_CONTINUE };
                write_bio(&mut t.quote_tags, part.clone(), begin, 2 + 2 * ty);
            }
        }
        let links = std::array::from_fn(|r| {
            sorted(ROLES[r].spans(q))
                .iter()
                .filter_map(|&s| subword_range(sub, s))
                .map(|range| mention_index(&mut t.mentions[r], &mut t.role_tags[r], range))
                .collect()
        });
        let medium = q.medium.map_or(0, |m| {
            1 + crate::document::Medium::ALL.iter().position(|&x| x == m).unwrap() as i64
        });
        t.quotes.push(GoldQuote { parts, nested, kind: q.kind, medium, links });
    }
    t
}

fn sorted(spans: &[Span]) -> Vec<Span> {
    let mut v = spans.to_vec();
    v.sort();
    v
}

/// A quotation lying inside another one (a „…“ part of an indirect quote).
pub fn is_nested(q: &Quotation, all: &[Quotation]) -> bool {
    all.iter().any(|other| {
        !std::ptr::eq(other, q)
            && q.quote.iter().all(|s| other.quote.iter().any(|o| o.contains(*s)))
            && other.quote.iter().map(Span::len).sum::<usize>()
                > q.quote.iter().map(Span::len).sum::<usize>()
    })
}

fn write_bio(tags: &mut [i64], range: Range<usize>, begin: i64, inside: i64) {
    let start = range.start;
    for i in range {
        tags[i] = if i == start { begin } else { inside };
    }
}

fn mention_index(mentions: &mut Vec<Range<usize>>, tags: &mut [i64], range: Range<usize>) -> usize {
    if let Some(k) = mentions.iter().position(|m| *m == range) {
        return k;
    }
    write_bio(tags, range.clone(), 1, 2);
    mentions.push(range);
    mentions.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_overlap_and_cover() {
        assert_eq!(windows(5, 8, 2), vec![0..5]);
        assert_eq!(windows(10, 4, 1), vec![0..4, 3..7, 6..10]);
        let copies = central_copies(&windows(10, 4, 1), 10);
        assert_eq!(copies[0], (0, 0));
        assert_eq!(copies[4], (1, 1));
        assert!(copies.iter().enumerate().all(|(i, &(k, off))| windows(10, 4, 1)[k].start + off == i));
    }
}
