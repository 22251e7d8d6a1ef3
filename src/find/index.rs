//! The inverted index over the quotations' terms and the similarity of a claim to a
//! quotation.
//!
//! Each quotation is a sorted set of term numbers, stored one after the other; each term
//! has the list of quotations it occurs in (postings) and a weight, its inverse document
//! frequency, so that „Nato“ counts for more than „die“. A claim is compared with a
//! quotation by the weight `S` of the terms they share against the weights of the claim
//! (`C`) and of the quotation (`Q`): the [`Similarity`] is the larger of the Dice overlap
//! `D = 2S / (C + Q)` (the same statement with words changed) and, when the claim is the
//! shorter side, the share of it found in the quotation, `S / C` (a shortened quote, the
//! common case). A claim longer than the quotation (words added around it) scores
//! `(S / Q + D) / 2` instead: a short quotation nested in a longer one (a partial quote
//! inside indirect speech) would otherwise beat the longer one the claim rewords.
//! Containment counts only when the shorter side has [`MIN_CONTAINED`] terms, since two
//! or three words are found in many quotations.
//!
//! A query looks up the postings of its rarest terms only (those in at most
//! [`MAX_LOOKUP`] quotations, and always its [`ALWAYS_LOOKED_UP`] rarest), adds up the
//! weights per quotation, and verifies the best [`CANDIDATES`] against all their terms. So
//! a query touches a bounded share of the postings, whatever the size of the corpus.

use super::words;
use rayon::prelude::*;
use std::collections::HashMap;

/// The shorter side must have this many terms for containment to count.
pub const MIN_CONTAINED: usize = 4;
/// Terms in more quotations than this are not looked up (they still count in verification).
pub const MAX_LOOKUP: usize = 20_000;
/// The rarest terms of a claim are looked up even when they are frequent, unless they are
/// in more than one quotation in [`STOP_SHARE`] (a claim of nothing but such words
/// identifies no quotation).
pub const ALWAYS_LOOKED_UP: usize = 2;
pub const STOP_SHARE: usize = 10;
/// Quotations verified per query.
pub const CANDIDATES: usize = 200;

/// The index: term numbers, per-quotation term sets and postings.
#[derive(Debug, Default)]
pub struct Index {
    /// Term → number.
    numbers: HashMap<String, u32>,
    /// Number → term, in numbering order.
    pub(super) terms: Vec<String>,
    /// Set `q` is `sets[starts[q]..starts[q + 1]]`, sorted.
    pub(super) sets: Vec<u32>,
    pub(super) starts: Vec<u64>,
    /// Number of quotations each term occurs in.
    frequency: Vec<u32>,
    weight: Vec<f32>,
    postings: Vec<u32>,
    posting_starts: Vec<u64>,
}

/// How alike a claim and a quotation are, in 0..=1 (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Similarity {
    /// What the threshold and the order look at.
    pub score: f32,
    /// The Dice overlap; breaks ties in favour of the quotation closest in length.
    pub dice: f32,
}

/// One quotation found for a claim.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// The quotation's number in the order the index was built.
    pub quote: usize,
    pub similarity: Similarity,
}

impl Index {
    /// Indexes texts (in parallel); quotation `q` is `texts[q]`.
    pub fn build<S: AsRef<str> + Sync>(texts: &[S]) -> Index {
        let term_lists: Vec<Vec<String>> = texts.par_iter().map(|t| words::terms(t.as_ref())).collect();
        let mut index = Index { starts: vec![0], ..Index::default() };
        for list in term_lists {
            let mut set: Vec<u32> = list.into_iter().map(|t| index.number(t)).collect();
            set.sort_unstable();
            index.sets.extend(set);
            index.starts.push(index.sets.len() as u64);
        }
        index.finish();
        index
    }

    /// Builds from stored parts (see [`super::store`]).
    pub(super) fn from_parts(terms: Vec<String>, sets: Vec<u32>, starts: Vec<u64>) -> Index {
        let numbers = terms.iter().enumerate().map(|(n, t)| (t.clone(), n as u32)).collect();
        let mut index = Index { numbers, terms, sets, starts, ..Index::default() };
        index.finish();
        index
    }

    fn number(&mut self, term: String) -> u32 {
        let next = self.terms.len() as u32;
        *self.numbers.entry(term).or_insert_with_key(|term| {
            self.terms.push(term.clone());
            next
        })
    }

    /// Frequencies, weights and postings (a counting sort of the sets by term).
    fn finish(&mut self) {
        let n_terms = self.terms.len();
        self.frequency = vec![0; n_terms];
        for &t in &self.sets {
            self.frequency[t as usize] += 1;
        }
        let n = self.len().max(1) as f32;
        self.weight = self.frequency.iter().map(|&f| weight(n, f)).collect();
        self.posting_starts = Vec::with_capacity(n_terms + 1);
        self.posting_starts.push(0);
        for &f in &self.frequency {
            let last = *self.posting_starts.last().expect("starts at 0");
            self.posting_starts.push(last + u64::from(f));
        }
        let mut next: Vec<u64> = self.posting_starts[..n_terms].to_vec();
        let mut postings = vec![0; self.sets.len()];
        for q in 0..self.len() {
            for &t in self.set(q) {
                postings[next[t as usize] as usize] = q as u32;
                next[t as usize] += 1;
            }
        }
        self.postings = postings;
    }

    /// Number of quotations.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn set(&self, q: usize) -> &[u32] {
        &self.sets[self.starts[q] as usize..self.starts[q + 1] as usize]
    }

    fn postings(&self, t: u32) -> &[u32] {
        &self.postings[self.posting_starts[t as usize] as usize..self.posting_starts[t as usize + 1] as usize]
    }

    /// The quotations most like `claim`, best first, at most `limit`, each with a score of
    /// at least `threshold`.
    pub fn search(&self, claim: &str, limit: usize, threshold: f32) -> Vec<Hit> {
        let claim = self.claim(claim);
        if claim.known.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = (self.candidates(&claim).into_iter())
            .map(|quote| Hit { quote, similarity: self.similarity(&claim, quote) })
            .filter(|hit| hit.similarity.score >= threshold)
            .collect();
        hits.sort_by(|a, b| {
            (b.similarity.score.total_cmp(&a.similarity.score))
                .then(b.similarity.dice.total_cmp(&a.similarity.dice))
                .then(a.quote.cmp(&b.quote))
        });
        hits.truncate(limit);
        hits
    }

    /// The claim's terms: those the corpus has (sorted numbers) and the weight of all,
    /// an unknown term weighing as much as the rarest, since it speaks against every match.
    fn claim(&self, text: &str) -> Claim {
        let terms = words::terms(text);
        let rarest = weight(self.len().max(1) as f32, 1);
        let mut known: Vec<u32> = terms.iter().filter_map(|t| self.numbers.get(t).copied()).collect();
        known.sort_unstable();
        let unknown = terms.len() - known.len();
        let total = known.iter().map(|&t| self.weight[t as usize]).sum::<f32>() + unknown as f32 * rarest;
        Claim { known, count: terms.len(), total }
    }

    /// The quotations sharing the most weight of the claim's looked-up terms.
    fn candidates(&self, claim: &Claim) -> Vec<usize> {
        let mut by_rarity = claim.known.clone();
        by_rarity.sort_by_key(|&t| (self.frequency[t as usize], t));
        let looked_up = (by_rarity.iter().enumerate())
            .take_while(|(k, &t)| {
                let frequency = self.frequency[t as usize] as usize;
                frequency <= MAX_LOOKUP || (*k < ALWAYS_LOOKED_UP && frequency <= self.len() / STOP_SHARE)
            })
            .map(|(_, &t)| t);
        let mut shared: HashMap<u32, f32> = HashMap::new();
        for t in looked_up {
            for &q in self.postings(t) {
                *shared.entry(q).or_default() += self.weight[t as usize];
            }
        }
        let mut ranked: Vec<(u32, f32)> = shared.into_iter().collect();
        let keep = CANDIDATES.min(ranked.len());
        if keep < ranked.len() {
            ranked.select_nth_unstable_by(keep, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.truncate(keep);
        }
        ranked.into_iter().map(|(q, _)| q as usize).collect()
    }

    fn similarity(&self, claim: &Claim, quote: usize) -> Similarity {
        let set = self.set(quote);
        let shared = intersection_weight(&claim.known, set, &self.weight);
        let quote_total: f32 = set.iter().map(|&t| self.weight[t as usize]).sum();
        similarity(shared, (claim.total, claim.count), (quote_total, set.len()))
    }
}

struct Claim {
    /// Numbers of the terms the corpus has, sorted.
    known: Vec<u32>,
    /// All distinct terms, known or not.
    count: usize,
    total: f32,
}

/// Inverse document frequency of a term in `frequency` of `n` quotations.
fn weight(n: f32, frequency: u32) -> f32 {
    (1.0 + n / frequency.max(1) as f32).ln()
}

/// The similarity from the shared weight and the (weight, term count) of each side.
fn similarity(shared: f32, claim: (f32, usize), quote: (f32, usize)) -> Similarity {
    let dice = if claim.0 + quote.0 > 0.0 { 2.0 * shared / (claim.0 + quote.0) } else { 0.0 };
    let contained = |side: (f32, usize)| if side.1 >= MIN_CONTAINED && side.0 > 0.0 { shared / side.0 } else { 0.0 };
    let score = if claim.1 <= quote.1 { contained(claim) } else { (contained(quote) + dice) / 2.0 };
    Similarity { score: dice.max(score).min(1.0), dice }
}

/// The summed weight of the terms two sorted sets share.
fn intersection_weight(a: &[u32], b: &[u32], weight: &[f32]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += weight[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUOTES: [&str; 4] = [
        "„Die Welt ist gefährlich, aber die NATO ist stärker“",
        "„Wir werden die Schule im Sommer sanieren“",
        "Die Bahn sei pünktlicher geworden als im Vorjahr",
        "„Das ist ein guter Tag für die Stadt“",
    ];

    #[test]
    fn a_changed_word_a_shortened_quote_and_the_indikativ_still_match() {
        let index = Index::build(&QUOTES);
        let best = |claim: &str| index.search(claim, 1, 0.5).first().map(|h| h.quote);
        assert_eq!(best("Die Welt ist gefährlich, aber die Nato ist stark"), Some(0));
        assert_eq!(best("wir werden die schule sanieren"), Some(1));
        assert_eq!(best("Die Bahn ist puenktlicher geworden als im Vorjahr"), Some(2));
        assert_eq!(best("Der Hund bellt laut im Garten hinter dem Haus"), None);
    }

    #[test]
    fn the_exact_wording_scores_one() {
        let index = Index::build(&QUOTES);
        let hits = index.search("Das ist ein guter Tag für die Stadt.", 5, 0.0);
        assert_eq!(hits[0].quote, 3);
        assert!((hits[0].similarity.score - 1.0).abs() < 1e-6, "{hits:?}");
    }
}
