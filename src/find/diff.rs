//! The word-level difference between a claim and the wording it was matched to.
//!
//! Words are compared by their [`spelling`](super::words::spelling) (lower case, umlauts
//! folded, punctuation dropped), so capitals and re-punctuation are no difference while a
//! changed word („stark“ for „stärker“), the Indikativ for the Konjunktiv („ist“ for „sei“),
//! an added and a dropped word are. The two word sequences are aligned by their longest
//! common subsequence; between two kept words, the claim's and the quotation's words pair
//! up as changed, and what is left over on one side is added (only in the claim) or
//! dropped (only in the quotation).

use super::words;
use serde::Serialize;

/// One step of the alignment, in reading order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Step {
    /// The same word (as the quotation writes it).
    Same { word: String },
    /// The claim has `claim` where the quotation has `quote`.
    Changed { claim: String, quote: String },
    /// Only in the claim.
    Added { word: String },
    /// Only in the quotation.
    Dropped { word: String },
}

/// The difference as lists, for a reader who wants only what changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub added: Vec<String>,
    pub dropped: Vec<String>,
    pub changed: Vec<Changed>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Changed {
    pub claim: String,
    pub quote: String,
}

/// Quotations are short; beyond this many word pairs the table is not built and words
/// are compared by membership.
const MAX_TABLE: usize = 250_000;

/// The alignment of the claim's words with the quotation's.
pub fn steps(claim: &str, quote: &str) -> Vec<Step> {
    let left: Vec<&str> = words::split(claim).collect();
    let right: Vec<&str> = words::split(quote).collect();
    let (l, r): (Vec<String>, Vec<String>) =
        (left.iter().map(|w| words::spelling(w)).collect(), right.iter().map(|w| words::spelling(w)).collect());
    let pairs = common(&l, &r);
    let mut steps = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (a, b) in pairs.into_iter().chain([(left.len(), right.len())]) {
        gap(&left[i..a], &right[j..b], &mut steps);
        if a < left.len() {
            steps.push(Step::Same { word: right[b].to_owned() });
        }
        (i, j) = (a + 1, b + 1);
    }
    steps
}

/// The words between two kept ones: paired as changed, the rest added or dropped.
fn gap(claim: &[&str], quote: &[&str], steps: &mut Vec<Step>) {
    let paired = claim.len().min(quote.len());
    for k in 0..paired {
        steps.push(Step::Changed { claim: claim[k].to_owned(), quote: quote[k].to_owned() });
    }
    steps.extend(claim[paired..].iter().map(|w| Step::Added { word: (*w).to_owned() }));
    steps.extend(quote[paired..].iter().map(|w| Step::Dropped { word: (*w).to_owned() }));
}

/// The index pairs of a longest common subsequence, ascending.
fn common(left: &[String], right: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (left.len(), right.len());
    if n.saturating_mul(m) > MAX_TABLE {
        return greedy(left, right);
    }
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] =
                if left[i] == right[j] { table[at(i + 1, j + 1)] + 1 } else { table[at(i + 1, j)].max(table[at(i, j + 1)]) };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if left[i] == right[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// For very long texts: each claim word kept at its next occurrence in the quotation.
fn greedy(left: &[String], right: &[String]) -> Vec<(usize, usize)> {
    let (mut j, mut pairs) = (0, Vec::new());
    for (i, word) in left.iter().enumerate() {
        if let Some(k) = right[j..].iter().position(|w| w == word) {
            pairs.push((i, j + k));
            j += k + 1;
        }
    }
    pairs
}

/// The changed, added and dropped words of an alignment.
pub fn summary(steps: &[Step]) -> Summary {
    let mut summary = Summary::default();
    for step in steps {
        match step {
            Step::Same { .. } => {}
            Step::Changed { claim, quote } => summary.changed.push(Changed { claim: claim.clone(), quote: quote.clone() }),
            Step::Added { word } => summary.added.push(word.clone()),
            Step::Dropped { word } => summary.dropped.push(word.clone()),
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_word_is_paired_and_case_is_no_difference() {
        let steps = steps("Die Welt ist gefährlich, aber die Nato ist stark", "„Die Welt ist gefährlich, aber die NATO ist stärker“");
        let summary = summary(&steps);
        assert_eq!(summary.changed, vec![Changed { claim: "stark".into(), quote: "stärker".into() }]);
        assert!(summary.added.is_empty() && summary.dropped.is_empty(), "{summary:?}");
        assert_eq!(steps[6], Step::Same { word: "NATO".into() });
    }

    #[test]
    fn added_and_dropped_words() {
        let summary = summary(&steps("wir bleiben ganz sicher hier", "Wir bleiben hier, sagte sie"));
        assert_eq!(summary.added, vec!["ganz", "sicher"]);
        assert_eq!(summary.dropped, vec!["sagte", "sie"]);
        assert!(summary.changed.is_empty());
    }
}
