//! The dataset's scoring, exactly as `../shared/docs/metric.md` describes its reference
//! scorer, so that zitat's numbers compare with published ones.
//!
//! 1. Every quotation becomes a [`Group`]: the token ids of its message and of its four
//!    roles, its type and medium. Predictions are placed on the **gold** document's tokens
//!    (a token belongs to a role when it shares a character with one of the role's spans),
//!    so predicted and gold documents must have the same text.
//! 2. Per document, gold and system groups are matched by the assignment maximising
//!    message-overlap F1 (+0.01 same type, +0.001 same medium, when overlapping), solved
//!    like scipy's `linear_sum_assignment` so that ties break the same way ([`hungarian`]).
//! 3. Every assigned pair is compared (even without overlap); unassigned groups are
//!    compared with an empty group. Per pair and part: TP, FP, FN over token ids.
//! 4. Messages / Roles (the four pooled) / Joint (all five pooled) precision and recall
//!    are means over all compared pairs of the whole corpus, taking a pair's precision only
//!    where it has TP+FP > 0 and its recall only where TP+FN > 0; F1 is their harmonic
//!    mean. Form (type) and STWR (medium) are micro over label counts. Whatever has nothing
//!    to average scores 0 (the reference scorer divides by zero there).
//!
//! Decisions the metric leaves open: roles are deduplicated like messages; a medium of
//! `none` is no label (no TP/FP/FN), but two quotations without medium still count as
//! "same medium" when matching; per-type rows count a pair under its gold type and an
//! unassigned system group under its own type.

pub mod calibration;
pub mod errors;
mod groups;
pub mod hungarian;
pub mod name_fit;
pub mod names;
mod report;
mod score;

pub use groups::{align, counts, groups, match_score, Counts, Group, Pair, ROLE_NAMES};
pub use report::{Report, RoleRow, TypeRow};
pub use score::Prf;

use crate::document::{Document, Token};
use crate::output::dataset::word_tokens;
use rayon::prelude::*;
use report::Tally;
use std::borrow::Cow;
use std::collections::HashMap;

/// One gold document with its prediction, grouped and matched.
pub struct Comparison<'a> {
    pub gold: &'a Document,
    /// `None` when the document has no usable prediction (scored as predicting nothing).
    pub system: Option<&'a Document>,
    pub gold_groups: Vec<Group>,
    pub system_groups: Vec<Group>,
    pub pairs: Vec<Pair>,
}

/// Scores predictions against gold documents with the dataset's metric (see the module
/// documentation). Documents are paired by [`document_key`]s.
pub fn evaluate(gold: &[Document], predicted: &[Document]) -> Report {
    let (comparisons, problems) = compare(gold, predicted);
    report(&comparisons, problems)
}

/// Pairs, groups and matches every gold document with its prediction, in parallel. Returns
/// the comparisons in gold order and the problems found (predictions missing, unmatched,
/// duplicated or of another text).
pub fn compare<'a>(gold: &'a [Document], predicted: &'a [Document]) -> (Vec<Comparison<'a>>, Vec<String>) {
    let (system_of, problems) = pair_documents(gold, predicted);
    let comparisons: Vec<Comparison> = gold
        .par_iter()
        .zip(system_of.par_iter())
        .map(|(g, s)| compare_document(g, s.map(|i| &predicted[i])))
        .collect();
    (comparisons, problems)
}

/// The report of compared documents.
pub fn report(comparisons: &[Comparison], problems: Vec<String>) -> Report {
    let tally = comparisons.par_iter().map(Tally::of).reduce(Tally::default, Tally::merge);
    let without = comparisons.iter().filter(|c| c.system.is_none()).count();
    tally.into_report(comparisons.len(), without, problems)
}

fn compare_document<'a>(gold: &'a Document, system: Option<&'a Document>) -> Comparison<'a> {
    let tokens = scoring_tokens(gold);
    let gold_groups = groups(gold, &tokens);
    let system_groups = system.map_or_else(Vec::new, |s| groups(s, &tokens));
    let pairs = align(&gold_groups, &system_groups);
    Comparison { gold, system, gold_groups, system_groups, pairs }
}

/// The gold document's dataset tokens, or words and punctuation when it has none.
pub fn scoring_tokens(gold: &Document) -> Cow<'_, [Token]> {
    match &gold.tokens {
        Some(tokens) => Cow::Borrowed(tokens),
        None => Cow::Owned(word_tokens(&gold.text)),
    }
}

/// What pairs a prediction with its gold document: the dataset's `documentName`, else the
/// id (the file name) without `.json`.
pub fn document_key(doc: &Document) -> String {
    match &doc.meta.document_name {
        Some(name) => name.clone(),
        None => file_stem(&doc.id).to_string(),
    }
}

fn file_stem(id: &str) -> &str {
    let name = id.rsplit(['/', '\\']).next().unwrap_or(id);
    let name = name.strip_suffix(".json").unwrap_or(name);
    name.strip_suffix(".pretty").unwrap_or(name)
}

/// For every gold document, the index of its prediction: by document key, else by file
/// name. Predictions of another text, duplicates and strays are reported, not scored.
fn pair_documents(gold: &[Document], predicted: &[Document]) -> (Vec<Option<usize>>, Vec<String>) {
    let mut problems = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_file: HashMap<&str, usize> = HashMap::new();
    for (i, p) in predicted.iter().enumerate() {
        if let Some(first) = by_key.insert(document_key(p), i) {
            problems.push(format!(
                "{} and {} are predictions for the same document {:?}; only the second is scored",
                predicted[first].id, p.id, document_key(p)
            ));
        }
        by_file.insert(file_stem(&p.id), i);
    }
    let mut used = vec![false; predicted.len()];
    let system_of = gold
        .iter()
        .map(|g| {
            let found = by_key.get(&document_key(g)).or_else(|| by_file.get(file_stem(&g.id))).copied();
            let Some(i) = found else {
                problems.push(format!("{}: no prediction; counted as predicting no quotation", g.id));
                return None;
            };
            used[i] = true;
            if predicted[i].text != g.text {
                problems.push(format!(
                    "{}: the prediction {} has a different text, so its spans cannot be placed on the gold tokens; \
                     counted as predicting no quotation (predict on the gold originalText unchanged)",
                    g.id, predicted[i].id
                ));
                return None;
            }
            Some(i)
        })
        .collect();
    for (p, _) in predicted.iter().zip(&used).filter(|(_, used)| !**used) {
        problems.push(format!("{}: prediction for {:?}, which is not among the gold documents; ignored", p.id, document_key(p)));
    }
    (system_of, problems)
}
