//! Rule-based speaker attribution and name resolution.
//!
//! 1. Quotations with a cue get speaker, frame and addressee from the cue ([`speaker`]);
//!    reported speech then drops cue and frame, as the dataset annotates it.
//! 2. A quotation inside another one (a partial direct quote in indirect speech) shares
//!    its container's speaker, cue, frame and medium.
//! 3. A direct quote in headline form („Merkel: „…““) takes the phrase before the colon.
//! 4. Every other quotation without a speaker continues the previous quotation's speaker
//!    when that one is at most two sentences back.
//! 5. Speaker names are resolved in text order ([`names`]); pronouns and descriptions
//!    fall back only on person-like names (two words, or introduced with a role), never on
//!    a bare country or organisation.

use super::names::resolve_names;
use super::speaker::roles;
use super::Attributor;
use crate::detect::phrase;
use crate::detect::rules::{article_sentences, context};
use crate::detect::words::{cover, words};
use crate::document::{Document, Quotation, QuoteType, Span};

#[derive(Default)]
pub struct RuleAttributor;

/// How far back (in sentences) a speaker carries over to a cue-less quotation.
const CARRY_SENTENCES: usize = 2;

impl Attributor for RuleAttributor {
    fn attribute(&self, doc: &mut Document) {
        let sentences = article_sentences(doc);
        let mut qs = std::mem::take(&mut doc.quotations);
        qs.sort_by_key(Quotation::start);
        let directs: Vec<Span> = qs.iter().filter(|q| q.kind == QuoteType::Direct).flat_map(|q| q.quote.clone()).collect();
        for q in qs.iter_mut().filter(|q| !q.cue.is_empty()) {
            let others: Vec<Span> = directs.iter().filter(|d| !q.quote.contains(d)).copied().collect();
            from_cue(doc, &sentences, q, &others);
        }
        share_with_containers(&mut qs);
        for q in qs.iter_mut().filter(|q| q.speaker.is_empty() && q.kind == QuoteType::Direct) {
            headline_speaker(doc, &sentences, q);
        }
        carry_over(&sentences, &mut qs);
        resolve_names(doc, &mut qs);
        doc.quotations = qs;
    }
}

fn from_cue(doc: &Document, sentences: &[Span], q: &mut Quotation, other_quotes: &[Span]) {
    let all: Vec<Span> = q.quote.iter().chain(&q.cue).copied().collect();
    let ctx = context(sentences, Span::new(all.iter().map(|s| s.start).min().unwrap(), all.iter().map(|s| s.end).max().unwrap()));
    let ws = words(doc, ctx);
    if let Some(r) = roles(&ws, &q.quote, &q.cue, q.kind, other_quotes) {
        q.speaker = r.speaker;
        q.frame = r.frame;
        q.addressee = r.addressee;
    }
    if q.kind == QuoteType::Reported {
        q.cue.clear();
        q.frame.clear();
    }
}

fn share_with_containers(qs: &mut [Quotation]) {
    for i in 0..qs.len() {
        if !qs[i].cue.is_empty() {
            continue;
        }
        let inner = qs[i].quote.clone();
        let container = (0..qs.len()).find(|&j| j != i && inner.iter().all(|p| qs[j].quote.iter().any(|s| s.contains(*p) && s != p)));
        if let Some(j) = container {
            let c = qs[j].clone();
            let q = &mut qs[i];
            (q.speaker, q.cue, q.frame, q.addressee, q.medium) = (c.speaker, c.cue, c.frame, c.addressee, c.medium.or(q.medium));
        }
    }
}

/// „Merkel: „Wir schaffen das““ — a colon right before the quote with a bare phrase.
fn headline_speaker(doc: &Document, sentences: &[Span], q: &mut Quotation) {
    let ctx = context(sentences, q.quote[0]);
    let ws = words(doc, Span::new(ctx.start, q.quote[0].start));
    let Some(colon) = ws.iter().rposition(|w| w.is(":")).filter(|&c| c + 1 == ws.len()) else { return };
    let start = ws[..colon].iter().rposition(|w| w.is_punct() && !w.is(")") && !w.is("(")).map_or(0, |k| k + 1);
    if let Some((s, e)) = phrase::after(&ws, start).filter(|&(_, e)| e == colon) {
        q.speaker = vec![cover(&ws[s..e])];
        q.frame = vec![cover(&ws[s..=colon])];
    }
}

fn sentence_index(sentences: &[Span], at: usize) -> usize {
    sentences.partition_point(|s| s.end <= at)
}

fn carry_over(sentences: &[Span], qs: &mut [Quotation]) {
    for i in 1..qs.len() {
        if !qs[i].speaker.is_empty() || !qs[i].cue.is_empty() {
            continue;
        }
        let here = sentence_index(sentences, qs[i].start());
        let source = (0..i).rev().find(|&j| !qs[j].speaker.is_empty() && qs[j].kind != QuoteType::Reported || !qs[j].speaker.is_empty() && j + 1 == i);
        if let Some(j) = source {
            let end = qs[j].quote.iter().map(|s| s.end).max().unwrap_or(0);
            if here <= sentence_index(sentences, end.saturating_sub(1)) + CARRY_SENTENCES {
                qs[i].speaker = qs[j].speaker.clone();
                qs[i].medium = qs[i].medium.or(qs[j].medium);
            }
        }
    }
}

