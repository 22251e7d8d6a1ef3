//! Quotations as the metric sees them (token-id groups), and their matching per document.

use super::hungarian::max_assignment;
use crate::document::{Document, Medium, QuoteType, Span, Token};
use crate::output::dataset::token_ids;

/// The four roles in the metric's order; index into [`Group::roles`].
pub const ROLE_NAMES: [&str; 4] = ["addressee", "cue", "frame", "speaker"];

/// A quotation as the metric sees it: sorted, distinct token ids per part. Roles are
/// deduplicated like the message (the dataset lists a token twice where two spans of a
/// role overlap, which would otherwise count it twice).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    pub message: Vec<usize>,
    pub roles: [Vec<usize>; 4],
    /// `None` only for the empty group an unassigned group is compared with.
    pub kind: Option<QuoteType>,
    pub medium: Option<Medium>,
}

/// What an unassigned group is compared with.
pub static EMPTY_GROUP: Group =
    Group { message: Vec::new(), roles: [Vec::new(), Vec::new(), Vec::new(), Vec::new()], kind: None, medium: None };

/// The groups of a document's quotations, on the given tokens (the gold document's).
pub fn groups(doc: &Document, tokens: &[Token]) -> Vec<Group> {
    let ids = |spans: &[Span]| token_ids(tokens, spans);
    (doc.quotations.iter())
        .map(|q| Group {
            message: ids(&q.quote),
            roles: [ids(&q.addressee), ids(&q.cue), ids(&q.frame), ids(&q.speaker)],
            kind: Some(q.kind),
            medium: q.medium,
        })
        .collect()
}

/// True positives, false positives, false negatives of one part (sorted, distinct ids).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

pub fn counts(gold: &[usize], system: &[usize]) -> Counts {
    let both = gold.iter().filter(|t| system.binary_search(t).is_ok()).count();
    Counts { tp: both, fp: system.len() - both, fn_: gold.len() - both }
}

/// Token-overlap F1 of two messages; 0 when disjoint.
pub fn overlap_f1(gold: &[usize], system: &[usize]) -> f64 {
    let Counts { tp, fp, fn_ } = counts(gold, system);
    if tp == 0 {
        return 0.0;
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    2.0 * precision * recall / (precision + recall)
}

/// The matching score: message F1, plus 0.01 for the same type and 0.001 for the same
/// medium when the messages overlap.
pub fn match_score(gold: &Group, system: &Group) -> f64 {
    let f1 = overlap_f1(&gold.message, &system.message);
    if f1 == 0.0 {
        return 0.0;
    }
    let mut score = f1;
    if gold.kind == system.kind {
        score += 0.01;
    }
    if gold.medium == system.medium {
        score += 0.001;
    }
    score
}

/// One compared pair: indices into the gold and system groups. A side is `None` for an
/// unassigned group, which is compared with an empty one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub gold: Option<usize>,
    pub system: Option<usize>,
}

/// The compared pairs of one document: the optimal assignment (pairs without overlap
/// included, as the reference scorer does), then unassigned gold, then unassigned system.
pub fn align(gold: &[Group], system: &[Group]) -> Vec<Pair> {
    let scores: Vec<Vec<f64>> = gold.iter().map(|g| system.iter().map(|s| match_score(g, s)).collect()).collect();
    let assigned = max_assignment(&scores);
    let mut gold_used = vec![false; gold.len()];
    let mut system_used = vec![false; system.len()];
    let mut pairs = Vec::with_capacity(gold.len() + system.len());
    for &(g, s) in &assigned {
        gold_used[g] = true;
        system_used[s] = true;
        pairs.push(Pair { gold: Some(g), system: Some(s) });
    }
    pairs.extend((0..gold.len()).filter(|&g| !gold_used[g]).map(|g| Pair { gold: Some(g), system: None }));
    pairs.extend((0..system.len()).filter(|&s| !system_used[s]).map(|s| Pair { gold: None, system: Some(s) }));
    pairs
}
