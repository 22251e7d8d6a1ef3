//! Quality and speed of `zitat find` (run by `scripts/find-bench.sh`):
//!
//! `cargo run --release --example find_bench -- DEV_DIR TRAIN_DIR [N]`
//!
//! **Quality.** The corpus is the gold quotations of the dev split (the annotated
//! dataset's `.json` files in DEV_DIR), so that the figures measure the search, not the
//! detection. Every quotation of six words or more gives claims (seeded, the same on
//! every run): 1, 2 and 3 words substituted by other words of the corpus, the first half
//! of its words, its punctuation removed, and, when it has a form in the Konjunktiv table,
//! the Konjunktiv turned into the Indikativ and back. The absent claims are sentences of
//! the train split's articles (TRAIN_DIR) outside any quotation: real German news
//! sentences that no one in the dev corpus said. A claim is found at rank k when one of
//! its first k matches (above the threshold) is its quotation or one worded the same. The
//! false-match rate is the share of absent claims with any match above the threshold.
//!
//! **Speed.** N (default 1,000,000) synthetic quotations of 6–30 words from a
//! Zipf-distributed vocabulary (as `examples/cluster_bench.rs` builds them): index build
//! time, the index file's write and read time, and the latency of 2,000 perturbed queries
//! on one thread (p50, p99), with their recall@1.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;
use zitat::find::{words, Index, THRESHOLD};
use zitat::synthetic::{SplitMix as Random, Vocabulary};

const MIN_CLAIM_WORDS: usize = 6;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: find_bench DEV_DIR TRAIN_DIR [N]");
        std::process::exit(2);
    }
    let n: usize = args.get(2).map_or(1_000_000, |a| a.parse().expect("N is a number"));
    quality(Path::new(&args[0]), Path::new(&args[1]));
    speed(n);
}

/// The gold quotation texts of a dataset folder, and its sentences outside quotations.
fn read_split(dir: &Path) -> (Vec<String>, Vec<String>) {
    let (docs, _) = zitat::ingest::dataset::read_folder(dir, None).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    let (mut quotes, mut outside) = (Vec::new(), Vec::new());
    for doc in &docs {
        quotes.extend(doc.quotations.iter().map(|q| doc.join(&q.quote)));
        let quoted: Vec<zitat::Span> = doc.quotations.iter().flat_map(|q| q.quote.iter().copied()).collect();
        outside.extend(
            (doc.sentences.iter())
                .filter(|s| !quoted.iter().any(|q| q.overlaps(**s)))
                .map(|s| doc.slice(*s).to_owned()),
        );
    }
    (quotes, outside)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Substituted1,
    Substituted2,
    Substituted3,
    Half,
    NoPunctuation,
    Indikativ,
    Konjunktiv,
}

fn quality(dev: &Path, train: &Path) {
    let (quotes, _) = read_split(dev);
    let (_, train_sentences) = read_split(train);
    let started = Instant::now();
    let index = Index::build(&quotes);
    println!("dev corpus: {} gold quotations, indexed in {:.3} s", quotes.len(), started.elapsed().as_secs_f64());
    let keys: Vec<Vec<String>> = quotes.iter().map(|q| words::terms(q)).collect();
    let vocabulary: Vec<&str> = quotes.iter().flat_map(|q| words::split(q)).collect();
    let konjunktiv = konjunktiv_swaps();
    let mut random = Random(2024);
    let mut claims: Vec<(Kind, String, usize)> = Vec::new();
    for (q, text) in quotes.iter().enumerate() {
        if words::split(text).count() < MIN_CLAIM_WORDS {
            continue;
        }
        for (kind, k) in [(Kind::Substituted1, 1), (Kind::Substituted2, 2), (Kind::Substituted3, 3)] {
            claims.push((kind, substitute(text, k, &vocabulary, &mut random), q));
        }
        claims.push((Kind::Half, half(text), q));
        claims.push((Kind::NoPunctuation, words::split(text).collect::<Vec<_>>().join(" "), q));
        for (kind, from_konjunktiv) in [(Kind::Indikativ, true), (Kind::Konjunktiv, false)] {
            if let Some(claim) = reword(text, &konjunktiv, from_konjunktiv) {
                claims.push((kind, claim, q));
            }
        }
    }
    let found_at = |claim: &str, target: usize| {
        let hits = index.search(claim, 5, THRESHOLD);
        hits.iter().position(|h| h.quote == target || keys[h.quote] == keys[target])
    };
    let mut by_kind: std::collections::BTreeMap<Kind, (usize, usize, usize)> = Default::default();
    for (kind, claim, target) in &claims {
        let entry = by_kind.entry(*kind).or_default();
        let rank = found_at(claim, *target);
        entry.0 += 1;
        entry.1 += usize::from(rank == Some(0));
        entry.2 += usize::from(rank.is_some());
    }
    let absent: Vec<&String> = train_sentences.iter().filter(|s| words::split(s).count() >= MIN_CLAIM_WORDS).collect();
    let false_matches = absent.iter().filter(|s| !index.search(s, 1, THRESHOLD).is_empty()).count();
    let (total, at1, at5) = by_kind.values().fold((0, 0, 0), |t, v| (t.0 + v.0, t.1 + v.1, t.2 + v.2));
    println!("claims: {total} perturbed (from the {} dev quotations of {MIN_CLAIM_WORDS}+ words), {} absent (train-split sentences)", claims.iter().map(|c| c.2).collect::<std::collections::BTreeSet<_>>().len(), absent.len());
    for (kind, (n, one, five)) in &by_kind {
        println!("  {:<14} {n:>5} claims  recall@1 {:.3}  recall@5 {:.3}", format!("{kind:?}"), *one as f64 / *n as f64, *five as f64 / *n as f64);
    }
    println!("recall@1 {:.3}", at1 as f64 / total as f64);
    println!("recall@5 {:.3}", at5 as f64 / total as f64);
    println!("false-match rate on absent claims {:.3} ({false_matches} of {})", false_matches as f64 / absent.len() as f64, absent.len());
    sweep(&index, &claims, &absent, &keys);
}

/// Recall@1 and the false-match rate at other thresholds, to show the choice of THRESHOLD.
fn sweep(index: &Index, claims: &[(Kind, String, usize)], absent: &[&String], keys: &[Vec<String>]) {
    // For each claim: the best score, whether the best is right, and the score of its
    // quotation when that is among the first five.
    let ranked: Vec<(f32, bool, Option<f32>)> = (claims.iter())
        .map(|(_, claim, target)| {
            let hits = index.search(claim, 5, 0.0);
            let right = |h: &&zitat::find::Hit| h.quote == *target || keys[h.quote] == keys[*target];
            let best = hits.first().map_or((0.0, false), |h| (h.similarity.score, right(&h)));
            (best.0, best.1, hits.iter().find(right).map(|h| h.similarity.score))
        })
        .collect();
    let absent_best: Vec<f32> = absent.iter().map(|s| index.search(s, 1, 0.0).first().map_or(0.0, |h| h.similarity.score)).collect();
    println!("threshold sweep (recall@1 / recall@5 / false-match rate):");
    for threshold in [0.45, 0.5, 0.55, 0.6, 0.65, 0.7] {
        let share = |n: usize| n as f64 / ranked.len() as f64;
        let recall = share(ranked.iter().filter(|(score, right, _)| *right && *score >= threshold).count());
        let recall5 = share(ranked.iter().filter(|(_, _, found)| found.is_some_and(|s| s >= threshold)).count());
        let false_rate = absent_best.iter().filter(|&&s| s >= threshold).count() as f64 / absent_best.len() as f64;
        println!("  {threshold:.2}: {recall:.3} / {recall5:.3} / {false_rate:.3}");
    }
}

/// `k` distinct words replaced by random words of the corpus.
fn substitute(text: &str, k: usize, vocabulary: &[&str], random: &mut Random) -> String {
    let mut words: Vec<&str> = words::split(text).collect();
    let mut positions: Vec<usize> = (0..words.len()).collect();
    random.shuffle(&mut positions);
    for &at in positions.iter().take(k) {
        words[at] = vocabulary[random.below(vocabulary.len())];
    }
    words.join(" ")
}

/// The first half of the words (rounded up).
fn half(text: &str) -> String {
    let words: Vec<&str> = words::split(text).collect();
    words[..words.len().div_ceil(2)].join(" ")
}

/// Konjunktiv → Indikativ and back, from the search's own table (lower case, folded).
fn konjunktiv_swaps() -> HashMap<bool, HashMap<String, String>> {
    let pairs: Vec<(String, String)> = (words::KONJUNKTIV_TSV.lines())
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, i)| (k.to_owned(), i.to_owned()))
        .collect();
    let forward = pairs.iter().cloned().collect();
    let backward = pairs.iter().map(|(k, i)| (i.clone(), k.clone())).collect();
    HashMap::from([(true, forward), (false, backward)])
}

/// The text with its Konjunktiv forms as Indikativ (or the reverse); `None` when it has none.
fn reword(text: &str, swaps: &HashMap<bool, HashMap<String, String>>, from_konjunktiv: bool) -> Option<String> {
    let table = &swaps[&from_konjunktiv];
    let mut changed = false;
    let words: Vec<String> = (words::split(text))
        .map(|w| match table.get(&words::spelling(w)) {
            Some(other) => {
                changed = true;
                other.clone()
            }
            None => w.to_owned(),
        })
        .collect();
    changed.then(|| words.join(" "))
}

fn speed(n: usize) {
    let mut random = Random(n as u64);
    let vocabulary = Vocabulary::zipf((30.0 * (n as f64 * 18.0).powf(0.55)) as usize);
    let texts: Vec<String> = (0..n)
        .map(|_| (0..6 + random.below(25)).map(|_| vocabulary.word(&mut random)).collect::<Vec<_>>().join(" "))
        .collect();
    let started = Instant::now();
    let index = Index::build(&texts);
    let build = started.elapsed().as_secs_f64();
    let (write, read) = store_round_trip(&index, n);
    let (mut latencies, mut found) = (Vec::new(), 0);
    let queries = 2000;
    for k in 0..queries {
        let target = random.below(n);
        let claim = match k % 3 {
            0 => substitute(&texts[target], 1 + random.below(3), &texts[random.below(n)].split(' ').collect::<Vec<_>>(), &mut random),
            1 => half(&texts[target]),
            _ => texts[target].clone(),
        };
        let started = Instant::now();
        let hits = index.search(&claim, 5, THRESHOLD);
        latencies.push(started.elapsed().as_secs_f64() * 1e3);
        found += usize::from(hits.first().is_some_and(|h| h.quote == target || texts[h.quote] == texts[target]));
    }
    latencies.sort_by(f64::total_cmp);
    let at = |p: f64| latencies[((latencies.len() - 1) as f64 * p).round() as usize];
    println!("synthetic corpus: {n} quotations, index built in {build:.2} s (index file written in {write:.2} s, read in {read:.2} s)");
    println!("query latency over {queries} queries: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; recall@1 {:.3}", at(0.5), at(0.99), at(1.0), found as f64 / queries as f64);
}

/// Seconds to write and read the index file of an index (offsets made up: one per line).
fn store_round_trip(index: &Index, n: usize) -> (f64, f64) {
    let dir = std::env::temp_dir().join(format!("zitat-find-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join("corpus.jsonl.findindex");
    let offsets: Vec<u64> = (0..n as u64).collect();
    let print = [7u8; 32];
    let started = Instant::now();
    zitat::find::store::save(&path, &print, index, &offsets).expect("the index file is written");
    let write = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let loaded = zitat::find::store::load(&path, &print).expect("the index file is read").expect("and current");
    let read = started.elapsed().as_secs_f64();
    assert_eq!(loaded.0.len(), n);
    let _ = std::fs::remove_dir_all(&dir);
    (write, read)
}
