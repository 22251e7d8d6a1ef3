//! Sentence-boundary scoring against the dataset's sentences.
//!
//! A boundary is where a sentence ends: the character offset just past its last
//! non-whitespace character. The end of the document's text is not a boundary (every
//! segmenter finds it). Boundaries are compared as sets per document and counted over all
//! documents (micro precision, recall and F1). Zitat's [`GermanSegmenter`] and the
//! `sentencex` crate (language "de") are scored side by side on the same texts.

use super::layout::is_space;
use super::GermanSegmenter;
use crate::document::{Document, Span};
use crate::error::SentenceScoreError;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// How many error classes and examples the report lists.
const TOP_CLASSES: usize = 12;
/// Characters of context shown on each side of an error.
const CONTEXT: usize = 30;

/// A printable report of boundary precision/recall/F1 on gold documents (their
/// `sentences` hold the gold segmentation), for zitat's segmenter and for `sentencex`.
pub fn boundary_report(gold: &[Document]) -> Result<String, SentenceScoreError> {
    if gold.iter().all(|d| d.sentences.is_empty()) {
        return Err(SentenceScoreError::NoGoldSentences(gold.len()));
    }
    let compared: Vec<Compared> = gold.par_iter().map(compare).collect();
    Ok(render(gold, &compared).expect("writing into a String never fails"))
}

fn render(gold: &[Document], compared: &[Compared]) -> Result<String, std::fmt::Error> {
    let mut out = String::new();
    writeln!(out, "Sentence boundaries on {} documents", gold.len())?;
    writeln!(out, "(a boundary = a sentence's end offset, trailing whitespace trimmed; the text's end not counted)")?;
    writeln!(
        out,
        "{:<10} {:>6} {:>6} {:>6} {:>5} {:>5} {:>7} {:>7} {:>7}",
        "system", "gold", "found", "TP", "FP", "FN", "P", "R", "F1"
    )?;
    for (name, pick) in [("zitat", 0), ("sentencex", 1)] {
        let counts = compared.iter().map(|c| c.counts[pick]).fold(Counts::default(), Counts::add);
        writeln!(out, "{:<10} {}", name, counts.row())?;
    }
    furniture_summary(&mut out, gold, compared)?;
    error_classes(&mut out, gold, compared)?;
    Ok(out)
}

/// One document's boundaries: gold, zitat's and sentencex's, and zitat's furniture.
struct Compared {
    gold: BTreeSet<usize>,
    zitat: BTreeSet<usize>,
    furniture: Vec<Span>,
    counts: [Counts; 2],
}

fn compare(doc: &Document) -> Compared {
    let mut ours = Document::new(doc.id.clone(), doc.text.clone());
    GermanSegmenter.split(&mut ours);
    let gold = boundaries(doc, &doc.sentences);
    let zitat = boundaries(doc, &ours.sentences);
    let baseline = boundaries(doc, &sentencex_sentences(doc));
    let counts = [Counts::of(&gold, &zitat), Counts::of(&gold, &baseline)];
    Compared { gold, zitat, furniture: ours.boilerplate, counts }
}

/// `sentencex`'s sentences as character spans (it reports byte offsets).
fn sentencex_sentences(doc: &Document) -> Vec<Span> {
    sentencex::get_sentence_boundaries("de", &doc.text)
        .iter()
        .map(|b| {
            doc.span_of_bytes(floor_char_boundary(&doc.text, b.start_byte), floor_char_boundary(&doc.text, b.end_byte))
        })
        .collect()
}

fn floor_char_boundary(text: &str, byte: usize) -> usize {
    (0..=byte.min(text.len())).rev().find(|&b| text.is_char_boundary(b)).unwrap_or(0)
}

/// Sentence ends after trimming trailing whitespace, without the end of the text.
fn boundaries(doc: &Document, sentences: &[Span]) -> BTreeSet<usize> {
    let text_end = trimmed_end(doc, Span::new(0, doc.char_len()));
    sentences.iter().map(|&s| trimmed_end(doc, s)).filter(|&end| end > 0 && end < text_end).collect()
}

fn trimmed_end(doc: &Document, span: Span) -> usize {
    let trailing = doc.slice(span).chars().rev().take_while(|&c| is_space(c)).count();
    span.end - trailing
}

#[derive(Clone, Copy, Default)]
struct Counts {
    gold: usize,
    found: usize,
    tp: usize,
}

impl Counts {
    fn of(gold: &BTreeSet<usize>, found: &BTreeSet<usize>) -> Counts {
        Counts { gold: gold.len(), found: found.len(), tp: gold.intersection(found).count() }
    }

    fn add(self, other: Counts) -> Counts {
        Counts { gold: self.gold + other.gold, found: self.found + other.found, tp: self.tp + other.tp }
    }

    fn row(&self) -> String {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
        let (p, r) = (ratio(self.tp, self.found), ratio(self.tp, self.gold));
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        format!(
            "{:>6} {:>6} {:>6} {:>5} {:>5} {:>7.2} {:>7.2} {:>7.2}",
            self.gold,
            self.found,
            self.tp,
            self.found - self.tp,
            self.gold - self.tp,
            p,
            r,
            f1
        )
    }
}

/// How much zitat marks as furniture, and how many gold quotations that would hide.
fn furniture_summary(out: &mut String, gold: &[Document], compared: &[Compared]) -> std::fmt::Result {
    let spans: usize = compared.iter().map(|c| c.furniture.len()).sum();
    let chars: usize = compared.iter().flat_map(|c| &c.furniture).map(Span::len).sum();
    let quotes: usize = gold.iter().map(|d| d.quotations.len()).sum();
    let hidden: usize = gold
        .iter()
        .zip(compared)
        .map(|(doc, c)| {
            let inside = |s: &Span| c.furniture.iter().any(|f| f.contains(*s));
            doc.quotations.iter().filter(|q| q.quote.iter().any(inside)).count()
        })
        .sum();
    writeln!(
        out,
        "\nzitat's page furniture: {spans} spans, {chars} characters; gold quotations inside it: {hidden} of {quotes}"
    )
}

/// Zitat's errors grouped by what stands around the boundary, commonest first, each
/// with its count and one example ("|" marks the boundary).
fn error_classes(out: &mut String, gold: &[Document], compared: &[Compared]) -> std::fmt::Result {
    let mut classes: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (doc, c) in gold.iter().zip(compared) {
        let missed = c.gold.difference(&c.zitat).map(|&b| ("missed", b));
        let extra = c.zitat.difference(&c.gold).map(|&b| ("extra", b));
        for (kind, at) in missed.chain(extra) {
            let key = format!("{kind:<6} {}", describe(doc, at));
            let entry = classes.entry(key).or_insert_with(|| (0, context(doc, at)));
            entry.0 += 1;
        }
    }
    let mut ranked: Vec<_> = classes.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
    writeln!(
        out,
        "\nzitat's commonest errors (missed = gold boundary zitat lacks, extra = zitat boundary not in gold):"
    )?;
    for (key, (count, example)) in ranked.into_iter().take(TOP_CLASSES) {
        writeln!(out, "{count:>5}  {key:<44} e.g. {example}")?;
    }
    Ok(())
}

/// "after '.' then ' ' + Upper": the character before a boundary and what follows it.
fn describe(doc: &Document, at: usize) -> String {
    let before = doc.slice(Span::new(at - 1, at)).chars().next().unwrap_or(' ');
    let rest = doc.slice(Span::new(at, doc.char_len()));
    let gap: String = rest.chars().take_while(|&c| is_space(c)).collect();
    let next = rest.chars().find(|&c| !is_space(c)).unwrap_or(' ');
    let gap = if gap.contains('\n') {
        "line break"
    } else if gap.is_empty() {
        "no space"
    } else {
        "space"
    };
    format!("after {} then {gap} + {}", class_of(before), class_of(next))
}

fn class_of(c: char) -> String {
    if c.is_uppercase() {
        "Upper".into()
    } else if c.is_lowercase() {
        "lower".into()
    } else if c.is_ascii_digit() {
        "digit".into()
    } else {
        format!("'{c}'")
    }
}

fn context(doc: &Document, at: usize) -> String {
    let left = doc.slice(Span::new(at.saturating_sub(CONTEXT), at));
    let right = doc.slice(Span::new(at, (at + CONTEXT).min(doc.char_len())));
    format!("{left}|{right}").replace('\n', "⏎")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold_doc(text: &str, sentences: &[(usize, usize)]) -> Document {
        let mut doc = Document::new("t", text);
        doc.sentences = sentences.iter().map(|&(s, e)| Span::new(s, e)).collect();
        doc
    }

    #[test]
    fn boundaries_are_trimmed_ends_without_the_text_end() {
        let doc = gold_doc("Eins. Zwei.  \n", &[(0, 6), (6, 14)]);
        assert_eq!(boundaries(&doc, &doc.sentences), BTreeSet::from([5]));
    }

    #[test]
    fn report_counts_hits_and_misses() {
        // Gold splits after "Dr." (wrongly): zitat misses that one and finds the other.
        let doc = gold_doc("Dr. Weber kam. Er ging.", &[(0, 3), (4, 14), (15, 23)]);
        let c = compare(&doc);
        assert_eq!((c.counts[0].gold, c.counts[0].found, c.counts[0].tp), (2, 1, 1));
        let report = boundary_report(&[doc]).unwrap();
        assert!(report.contains("missed after '.' then space + Upper"), "{report}");
    }

    #[test]
    fn documents_without_sentences_are_an_error() {
        assert!(boundary_report(&[Document::new("t", "Text.")]).is_err());
    }
}
