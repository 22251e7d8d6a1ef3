//! Quote variants: the same statement quoted in several places, verbatim or with small
//! differences (a word changed, shortened, re-punctuated), forms one cluster.
//!
//! Quotations are compared as sets of normalised words (lower case, punctuation and
//! quotation marks dropped, so re-punctuation changes nothing). Two quotations are variants
//! when they say the same statement ([`variants`]): their [`similarity`] reaches
//! [`THRESHOLD`] (the larger of the Jaccard overlap and, when the shorter one has at least
//! [`MIN_CONTAINED`] words, the share of the shorter one found in the longer one: a
//! shortened quote), and [`same_statement`]: each has more than half of its content words
//! (those not in `src/lexicon/function_words.tsv`) in the other, in the same order. Word
//! overlap alone joined quotations that share a phrase („die Lizenz zu entziehen“ inside a
//! longer demand, „dass es kaum … gebe“): mostly the function words, or a few content
//! words of a much longer quotation. Clusters are the connected groups of variants (single
//! linkage). A cluster needs quotations from two sources (articles) or
//! more: a statement repeated within one article (a headline quoting the body, a partial
//! quote inside indirect speech) is not what sets outlets apart.
//!
//! Scaling: candidates come from an inverted index, never from all pairs. Each text looks
//! up its [`PROBE_WORDS`] rarest words (as the prefix filter of set-similarity joins does,
//! with a fixed length) and keeps the texts that share [`MIN_SHARED_PROBES`] of them: a variant with one
//! word changed still shares two of its original's three rarest words, and a shortened
//! quotation all of its own with the full one, so the variants meant here are found; a pair
//! whose rarest words mostly differ on both sides is missed (the benchmark counts the
//! planted variants found: about 95 %). Words in more than [`MAX_POSTINGS`] distinct texts
//! are never looked up (stop words, at that point). So each text scans at most
//! `PROBE_WORDS × MAX_POSTINGS` postings and the cost is linear in the number of
//! quotations; identical texts are grouped by hashing first. Texts are normalised and
//! looked up in parallel; the clusters do not depend on the order.

use crate::lexicon::{WordSet, FUNCTION_WORDS};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Similarity from which two quotations are variants; chosen on the hand-made German pairs
/// in `tests/clusters.rs`: variants (one word in five or more changed, shortened,
/// re-punctuated) score 0.80 or more, different statements built alike (two words changed:
/// „zufrieden mit“ / „enttäuscht von“) 0.75 or less.
pub const THRESHOLD: f64 = 0.8;
/// A shorter quotation counts as contained in a longer one only from this many words.
pub const MIN_CONTAINED: usize = 5;
/// Quotations with fewer distinct normalised words are in no cluster, not even with the
/// same text: up to three words (a scare quote, „Nein“, a name in quotation marks such as
/// „New York Times“) say too little to be one statement.
pub const MIN_WORDS: usize = 4;
/// A statement has at least this many content words: „Das hat es noch nicht gegeben“ is a
/// phrase many people say, not one statement quoted twice.
pub const MIN_CONTENT_WORDS: usize = 2;
/// Words found in more distinct texts than this are not looked up.
pub const MAX_POSTINGS: usize = 64;
/// How many of its rarest words a text looks up.
pub const PROBE_WORDS: usize = 3;
/// A candidate must share this many of the probe words (fewer when a text has fewer): one
/// shared rare word is mostly chance, while a variant keeps all but one of them.
pub const MIN_SHARED_PROBES: usize = 2;

/// Clusters of variants.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Clusters {
    /// Cluster index of each quotation, `None` when it has no variant.
    pub of: Vec<Option<usize>>,
    /// Quotation indices of each cluster, ascending; clusters ordered by first quotation.
    pub members: Vec<Vec<usize>>,
}

/// The id a cluster index is written as: `c1`, `c2`, ….
pub fn cluster_id(index: usize) -> String {
    format!("c{}", index + 1)
}

/// Lower-cased words of a text; letters, digits and inner hyphens make a word.
pub fn normalise(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

static FUNCTION: WordSet = LazyLock::new(|| FUNCTION_WORDS.set());

/// Whether a normalised word carries content (is no function word).
fn is_content(word: &str) -> bool {
    !FUNCTION.contains(word)
}

/// Word overlap of two texts (see the module documentation), in 0..=1.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (mut words, mut ids) = (HashMap::new(), Vec::new());
    let a = word_set(&normalise(a), &mut words, &mut ids);
    let b = word_set(&normalise(b), &mut words, &mut ids);
    set_similarity(&a, &b)
}

/// Whether two texts are variants of one statement at `threshold`, as [`cluster`] decides.
pub fn variants(a: &str, b: &str, threshold: f64) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    let distinct = |words: &[String]| words.iter().collect::<std::collections::HashSet<_>>().len();
    let content = |words: &[String]| words.iter().filter(|w| is_content(w)).cloned().collect::<Vec<_>>();
    let (mut numbers, mut ids) = (HashMap::new(), Vec::new());
    let sets = (word_set(&a, &mut numbers, &mut ids), word_set(&b, &mut numbers, &mut ids));
    distinct(&a).min(distinct(&b)) >= MIN_WORDS && set_similarity(&sets.0, &sets.1) >= threshold && same_statement(&content(&a), &content(&b))
}

/// Whether two sequences of content words say the same statement: each has
/// [`MIN_CONTENT_WORDS`] or more, and more than half of each lies in their longest common
/// subsequence (so the words also come in the same order).
pub fn same_statement<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.len().min(b.len()) < MIN_CONTENT_WORDS {
        return false;
    }
    let common = common_length(a, b);
    2 * common > a.len() && 2 * common > b.len()
}

/// Length of the longest common subsequence, in one row of memory.
fn common_length<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Groups the texts into clusters of variants at `threshold`; `sources[i]` is the article
/// of `texts[i]`.
pub fn cluster(texts: &[&str], sources: &[usize], threshold: f64) -> Clusters {
    assert_eq!(texts.len(), sources.len(), "one source per text");
    let unique = Unique::collect(texts);
    let mut sets = UnionFind::new(unique.len());
    for (a, b) in unique.variant_pairs(threshold) {
        sets.union(a, b);
    }
    let roots: Vec<Option<usize>> = (unique.of.iter())
        .map(|u| u.filter(|&u| unique.set(u).len() >= MIN_WORDS).map(|u| sets.find(u)))
        .collect();
    number_clusters(&roots, sources)
}

/// Distinct normalised texts as sorted sets of word numbers, stored one after the other
/// (one allocation, so that looking up many candidates stays in cache).
struct Unique {
    words: Vec<u32>,
    /// Set `u` is `words[starts[u]..starts[u + 1]]`.
    starts: Vec<usize>,
    /// The content words of text `u` in text order: `content[content_starts[u]..content_starts[u + 1]]`.
    content: Vec<u32>,
    content_starts: Vec<usize>,
    /// Distinct-text index of each input text (`None` for a text without words).
    of: Vec<Option<usize>>,
    /// Number of distinct texts each word occurs in.
    frequency: Vec<usize>,
}

impl Unique {
    fn collect(texts: &[&str]) -> Unique {
        let (mut numbers, mut ids) = (HashMap::new(), Vec::new());
        let mut index: HashMap<Vec<u32>, usize> = HashMap::new();
        let mut unique = Unique {
            words: Vec::new(),
            starts: vec![0],
            content: Vec::new(),
            content_starts: vec![0],
            of: Vec::with_capacity(texts.len()),
            frequency: Vec::new(),
        };
        let normalised: Vec<Vec<String>> = texts.par_iter().map(|text| normalise(text)).collect();
        for normal in &normalised {
            let sequence = word_numbers(normal, &mut numbers, &mut ids);
            if sequence.is_empty() {
                unique.of.push(None);
                continue;
            }
            let next = unique.len();
            let u = *index.entry(sequence).or_insert_with_key(|sequence| {
                unique.words.extend(as_set(sequence.clone()));
                unique.starts.push(unique.words.len());
                unique.content.extend(sequence.iter().filter(|&&w| is_content(&ids[w as usize])));
                unique.content_starts.push(unique.content.len());
                next
            });
            unique.of.push(Some(u));
        }
        unique.frequency = vec![0; ids.len()];
        for &w in &unique.words {
            unique.frequency[w as usize] += 1;
        }
        unique
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn set(&self, u: usize) -> &[u32] {
        &self.words[self.starts[u]..self.starts[u + 1]]
    }

    fn content(&self, u: usize) -> &[u32] {
        &self.content[self.content_starts[u]..self.content_starts[u + 1]]
    }

    /// The check of [`variants`] on two distinct texts.
    fn are_variants(&self, u: usize, v: usize, threshold: f64) -> bool {
        set_similarity(self.set(u), self.set(v)) >= threshold && same_statement(self.content(u), self.content(v))
    }

    /// Pairs `(a, b)` of variants at `threshold`: for each text (in parallel), the texts
    /// that share one of its probe words, verified. A pair may come twice (once from each
    /// side); union does not mind.
    fn variant_pairs(&self, threshold: f64) -> Vec<(usize, usize)> {
        let postings = Postings::of(self);
        (0..self.len())
            .into_par_iter()
            .filter(|&u| self.set(u).len() >= MIN_WORDS)
            .flat_map_iter(|u| {
                let probe = self.probe(self.set(u));
                let mut found: Vec<usize> = (probe.iter())
                    .flat_map(|&w| postings.texts(w).iter().map(|&v| v as usize))
                    .filter(|&v| v != u)
                    .collect();
                found.sort_unstable();
                let mut found = sharing_at_least(&found, probe.len().min(MIN_SHARED_PROBES));
                found.retain(|&v| self.are_variants(u, v, threshold));
                found.into_iter().map(move |v| (u, v))
            })
            .collect()
    }

    /// Whether a word is looked up at all.
    fn looked_up(&self, w: u32) -> bool {
        self.frequency[w as usize] <= MAX_POSTINGS
    }

    /// The [`PROBE_WORDS`] rarest words of a set that are looked up at all.
    fn probe(&self, set: &[u32]) -> Vec<u32> {
        let mut rare: Vec<u32> = set.iter().copied().filter(|&w| self.looked_up(w)).collect();
        rare.sort_by_key(|&w| (self.frequency[w as usize], w));
        rare.truncate(PROBE_WORDS);
        rare
    }
}

/// For each word looked up at all, the texts (of at least [`MIN_WORDS`] words) it is in,
/// stored one list after the other.
struct Postings {
    texts: Vec<u32>,
    starts: Vec<usize>,
}

impl Postings {
    fn of(unique: &Unique) -> Postings {
        let eligible = |u: &usize| unique.set(*u).len() >= MIN_WORDS;
        let mut starts = vec![0; unique.frequency.len() + 1];
        for u in (0..unique.len()).filter(eligible) {
            for &w in unique.set(u).iter().filter(|&&w| unique.looked_up(w)) {
                starts[w as usize + 1] += 1;
            }
        }
        for w in 0..unique.frequency.len() {
            starts[w + 1] += starts[w];
        }
        let mut next = starts.clone();
        let mut texts = vec![0; starts[unique.frequency.len()]];
        for u in (0..unique.len()).filter(eligible) {
            for &w in unique.set(u).iter().filter(|&&w| unique.looked_up(w)) {
                texts[next[w as usize]] = u as u32;
                next[w as usize] += 1;
            }
        }
        Postings { texts, starts }
    }

    fn texts(&self, w: u32) -> &[u32] {
        &self.texts[self.starts[w as usize]..self.starts[w as usize + 1]]
    }
}

/// The distinct values of a sorted list that occur at least `times` times.
fn sharing_at_least(sorted: &[usize], times: usize) -> Vec<usize> {
    sorted.chunk_by(|a, b| a == b).filter(|run| run.len() >= times).map(|run| run[0]).collect()
}

/// The words as numbers (new words numbered as they come), in text order.
fn word_numbers(normal: &[String], words: &mut HashMap<String, u32>, ids: &mut Vec<String>) -> Vec<u32> {
    (normal.iter())
        .map(|w| match words.get(w) {
            Some(&n) => n,
            None => {
                ids.push(w.clone());
                words.insert(w.clone(), (ids.len() - 1) as u32);
                (ids.len() - 1) as u32
            }
        })
        .collect()
}

fn as_set(mut numbers: Vec<u32>) -> Vec<u32> {
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

fn word_set(normal: &[String], words: &mut HashMap<String, u32>, ids: &mut Vec<String>) -> Vec<u32> {
    as_set(word_numbers(normal, words, ids))
}

fn set_similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.len().min(b.len()) < MIN_WORDS {
        return if a == b { 1.0 } else { 0.0 };
    }
    let shared = intersection(a, b) as f64;
    let jaccard = shared / ((a.len() + b.len()) as f64 - shared);
    let shorter = a.len().min(b.len());
    let contained = if shorter >= MIN_CONTAINED { shared / shorter as f64 } else { 0.0 };
    jaccard.max(contained)
}

/// Size of the intersection of two sorted sets.
fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Clusters from the group root of each quotation: groups with quotations from two
/// sources or more, numbered by their first quotation.
fn number_clusters(roots: &[Option<usize>], sources: &[usize]) -> Clusters {
    // For each root: its first source, and whether another source joined it.
    let mut seen: HashMap<usize, (usize, bool)> = HashMap::new();
    for (root, &source) in roots.iter().zip(sources).filter_map(|(r, s)| r.as_ref().map(|r| (r, s))) {
        let entry = seen.entry(*root).or_insert((source, false));
        entry.1 |= entry.0 != source;
    }
    let mut number: HashMap<usize, usize> = HashMap::new();
    let mut clusters = Clusters { of: Vec::with_capacity(roots.len()), members: Vec::new() };
    for (q, root) in roots.iter().enumerate() {
        let c = root.filter(|r| seen[r].1).map(|r| {
            *number.entry(r).or_insert_with(|| {
                clusters.members.push(Vec::new());
                clusters.members.len() - 1
            })
        });
        if let Some(c) = c {
            clusters.members[c].push(q);
        }
        clusters.of.push(c);
    }
    clusters
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind { parent: (0..n).collect() }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    /// The smaller root wins, so the result does not depend on the order of unions.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        self.parent[ra.max(rb)] = ra.min(rb);
    }
}

/// The words of `variant` (split at whitespace, as written), each marked `true` when it is
/// not part of the longest common word sequence with `reference` (compared normalised): the
/// words a reader should look at.
pub fn diff_words(reference: &str, variant: &str) -> Vec<(String, bool)> {
    let key = |w: &str| normalise(w).join(" ");
    let left: Vec<String> = reference.split_whitespace().map(key).collect();
    let shown: Vec<&str> = variant.split_whitespace().collect();
    let right: Vec<String> = shown.iter().map(|w| key(w)).collect();
    let common = common_subsequence(&left, &right);
    shown.iter().zip(common).map(|(w, kept)| (w.to_string(), !kept)).collect()
}

/// For each item of `right`, whether it is part of a longest common subsequence with
/// `left`. Quotations are short; very long ones are compared by membership instead of the
/// quadratic table.
fn common_subsequence(left: &[String], right: &[String]) -> Vec<bool> {
    if left.len().saturating_mul(right.len()) > 250_000 {
        return right.iter().map(|w| left.contains(w)).collect();
    }
    let (n, m) = (left.len(), right.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] =
                if left[i] == right[j] { table[i + 1][j + 1] + 1 } else { table[i + 1][j].max(table[i][j + 1]) };
        }
    }
    let mut kept = vec![false; m];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if left[i] == right[j] {
            kept[j] = true;
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_case_do_not_count() {
        assert_eq!(normalise("„Wir bleiben – hier!“"), vec!["wir", "bleiben", "hier"]);
        assert_eq!(similarity("„Wir bleiben hier.“", "wir bleiben hier"), 1.0);
    }

    #[test]
    fn identical_and_near_texts_cluster_and_others_do_not() {
        let texts = [
            "„Die Welt ist gefährlicher geworden.“",
            "Das Wetter bleibt heute trocken und mild.",
            "Die Welt ist gefährlicher geworden",
            "„Die Welt ist gefährlich geworden.“",
            "„Nein“",
            "nein",
            "Das Wetter bleibt heute trocken und mild.",
        ];
        let clusters = cluster(&texts, &[0, 1, 2, 3, 4, 5, 6], THRESHOLD);
        assert_eq!(clusters.of, vec![Some(0), Some(1), Some(0), Some(0), None, None, Some(1)]);
        assert_eq!(clusters.members, vec![vec![0, 2, 3], vec![1, 6]]);
        let one_article = cluster(&texts, &[0, 1, 0, 0, 4, 5, 1], THRESHOLD);
        assert!(one_article.members.is_empty(), "a statement repeated in one article: {one_article:?}");
    }

    #[test]
    fn the_changed_word_is_marked() {
        let marked = diff_words("Die Welt ist gefährlicher geworden.", "Die Welt ist gefährlich geworden.");
        let changed: Vec<&str> = marked.iter().filter(|(_, c)| *c).map(|(w, _)| w.as_str()).collect();
        assert_eq!(changed, vec!["gefährlich"]);
        assert_eq!(marked.len(), 5);
    }
}
