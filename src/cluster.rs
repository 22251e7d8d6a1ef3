//! Quote variants: the same statement quoted in several places, verbatim or with small
//! differences (a word changed, shortened, re-punctuated), forms one cluster.
//!
//! Quotations are compared as sets of normalised words (lower case, punctuation and
//! quotation marks dropped, so re-punctuation changes nothing). Two quotations are variants
//! when their [`similarity`] reaches [`THRESHOLD`]: the larger of the Jaccard overlap and,
//! when the shorter one has at least [`MIN_CONTAINED`] words, the share of the shorter one
//! found in the longer one (a shortened quote). Clusters are the connected groups of
//! variants (single linkage). A cluster needs quotations from two sources (articles) or
//! more: a statement repeated within one article (a headline quoting the body, a partial
//! quote inside indirect speech) is not what sets outlets apart.
//!
//! Scaling: candidates come from an inverted index, never from all pairs. By the prefix
//! filter of set-similarity joins, two word sets with similarity ≥ t share at least one of
//! the `n − ⌈t·n⌉ + 1` rarest words of the smaller one, so each text looks up only that many
//! of its rarest words. Words in more than [`MAX_POSTINGS`] distinct texts are never looked
//! up (they are stop words at that point, and would make the join quadratic); identical
//! texts are grouped by hashing first. Cost is near-linear in the number of quotations.

use std::collections::HashMap;

/// Similarity from which two quotations are variants; chosen on the hand-made German pairs
/// in `tests/clusters.rs`: variants (one word in five or more changed, shortened,
/// re-punctuated) score 0.80 or more, different statements built alike (two words changed:
/// „zufrieden mit“ / „enttäuscht von“) 0.75 or less.
pub const THRESHOLD: f64 = 0.8;
/// A shorter quotation counts as contained in a longer one only from this many words.
pub const MIN_CONTAINED: usize = 5;
/// Quotations with fewer distinct normalised words are in no cluster, not even with the
/// same text: one or two words (a scare quote, „Nein“) say too little to be one statement.
pub const MIN_WORDS: usize = 3;
/// Words found in more distinct texts than this are not looked up.
pub const MAX_POSTINGS: usize = 2000;

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

/// Similarity of two texts (see the module documentation), in 0..=1.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (mut words, mut ids) = (HashMap::new(), Vec::new());
    let a = word_set(&normalise(a), &mut words, &mut ids);
    let b = word_set(&normalise(b), &mut words, &mut ids);
    set_similarity(&a, &b)
}

/// Groups the texts into clusters of variants at `threshold`; `sources[i]` is the article
/// of `texts[i]`.
pub fn cluster(texts: &[&str], sources: &[usize], threshold: f64) -> Clusters {
    assert_eq!(texts.len(), sources.len(), "one source per text");
    let unique = Unique::collect(texts);
    let mut sets = UnionFind::new(unique.sets.len());
    for (a, b) in unique.candidates(threshold) {
        if set_similarity(&unique.sets[a], &unique.sets[b]) >= threshold {
            sets.union(a, b);
        }
    }
    let roots: Vec<Option<usize>> = (unique.of.iter())
        .map(|u| u.filter(|&u| unique.sets[u].len() >= MIN_WORDS).map(|u| sets.find(u)))
        .collect();
    number_clusters(&roots, sources)
}

/// Distinct normalised texts as sorted sets of word numbers.
struct Unique {
    sets: Vec<Vec<u32>>,
    /// Distinct-text index of each input text (`None` for a text without words).
    of: Vec<Option<usize>>,
    /// Number of distinct texts each word occurs in.
    frequency: Vec<usize>,
}

impl Unique {
    fn collect(texts: &[&str]) -> Unique {
        let (mut words, mut ids) = (HashMap::new(), Vec::new());
        let mut index: HashMap<Vec<String>, usize> = HashMap::new();
        let mut unique = Unique { sets: Vec::new(), of: Vec::with_capacity(texts.len()), frequency: Vec::new() };
        for text in texts {
            let normal = normalise(text);
            if normal.is_empty() {
                unique.of.push(None);
                continue;
            }
            let next = unique.sets.len();
            let u = *index.entry(normal).or_insert_with_key(|normal| {
                unique.sets.push(word_set(normal, &mut words, &mut ids));
                next
            });
            unique.of.push(Some(u));
        }
        unique.frequency = vec![0; ids.len()];
        for set in &unique.sets {
            for &w in set {
                unique.frequency[w as usize] += 1;
            }
        }
        unique
    }

    /// Pairs `(a, b)`, `a < b`, that may reach `threshold` (prefix filter), each once.
    fn candidates(&self, threshold: f64) -> Vec<(usize, usize)> {
        let mut postings: Vec<Vec<usize>> = vec![Vec::new(); self.frequency.len()];
        for (u, set) in self.sets.iter().enumerate().filter(|(_, s)| s.len() >= MIN_WORDS) {
            for &w in set.iter().filter(|&&w| self.frequency[w as usize] <= MAX_POSTINGS) {
                postings[w as usize].push(u);
            }
        }
        let mut pairs = Vec::new();
        for (u, set) in self.sets.iter().enumerate().filter(|(_, s)| s.len() >= MIN_WORDS) {
            let mut found: Vec<usize> = (self.prefix(set, threshold).iter())
                .flat_map(|&w| postings[w as usize].iter().copied())
                .filter(|&v| v != u)
                .collect();
            found.sort_unstable();
            found.dedup();
            pairs.extend(found.into_iter().map(|v| (u.min(v), u.max(v))));
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// The rarest `n − ⌈t·n⌉ + 1` words of a set that are looked up at all.
    fn prefix(&self, set: &[u32], threshold: f64) -> Vec<u32> {
        let n = set.len();
        // The small epsilon keeps 0.8 × 5 from rounding up past 4 words.
        let length = n + 1 - ((threshold * n as f64 - 1e-9).ceil() as usize).clamp(1, n);
        let mut rare: Vec<u32> =
            set.iter().copied().filter(|&w| self.frequency[w as usize] <= MAX_POSTINGS).collect();
        rare.sort_by_key(|&w| (self.frequency[w as usize], w));
        rare.truncate(length);
        rare
    }
}

fn word_set(normal: &[String], words: &mut HashMap<String, u32>, ids: &mut Vec<String>) -> Vec<u32> {
    let mut set: Vec<u32> = (normal.iter())
        .map(|w| {
            *words.entry(w.clone()).or_insert_with(|| {
                ids.push(w.clone());
                (ids.len() - 1) as u32
            })
        })
        .collect();
    set.sort_unstable();
    set.dedup();
    set
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
