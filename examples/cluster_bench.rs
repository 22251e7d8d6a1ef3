//! Clustering throughput on synthetic quotations: `cargo run --release --example
//! cluster_bench [N…]` (default 10000 100000) prints quotations per second for each N (the
//! best of three runs), and how many of the planted variants ended in the cluster of their
//! original.
//!
//! Every quotation counts as its own article. Quotations are 6–30 words drawn from a
//! Zipf-distributed vocabulary (so common words are very common, as in German text) whose
//! size grows with the corpus as natural text's does (Heaps' law, V = 30 · tokens^0.55:
//! 21,000 words at 10k quotations, 76,000 at 100k); one in five quotations is a variant
//! of an earlier one: a word changed, a word dropped, or shortened to its first two thirds.

use std::time::Instant;
use zitat::cluster::{cluster, THRESHOLD};

/// The same corpus on every run.
use zitat::synthetic::{SplitMix as Random, Vocabulary};


/// The corpus and, for each planted variant, the index of its original.
fn corpus(n: usize, random: &mut Random) -> (Vec<String>, Vec<(usize, usize)>) {
    let tokens = n as f64 * 18.0;
    let vocabulary = Vocabulary::zipf((30.0 * tokens.powf(0.55)) as usize);
    let (mut texts, mut planted): (Vec<String>, Vec<(usize, usize)>) = (Vec::with_capacity(n), Vec::new());
    for i in 0..n {
        if i > 0 && random.below(5) == 0 {
            let original = random.below(i);
            let mut words: Vec<String> = texts[original].split(' ').map(str::to_string).collect();
            match random.below(3) {
                0 => {
                    let at = random.below(words.len());
                    words[at] = vocabulary.word(random);
                }
                1 => {
                    words.remove(random.below(words.len()));
                }
                _ => words.truncate((words.len() * 2).div_ceil(3)),
            }
            planted.push((original, i));
            texts.push(words.join(" "));
        } else {
            let length = 6 + random.below(25);
            texts.push((0..length).map(|_| vocabulary.word(random)).collect::<Vec<_>>().join(" "));
        }
    }
    (texts, planted)
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).map(|a| a.parse().expect("sizes are numbers")).collect();
    let sizes = if sizes.is_empty() { vec![10_000, 100_000] } else { sizes };
    // Starts rayon's thread pool, so that the first size does not pay for it.
    cluster(&["ein kurzer Satz hier"], &[0], THRESHOLD);
    for n in sizes {
        let (texts, planted) = corpus(n, &mut Random(n as u64));
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let sources: Vec<usize> = (0..n).collect();
        // The best of three runs: the machine may be busy with other work.
        let mut seconds = f64::INFINITY;
        let mut clusters = Default::default();
        for _ in 0..3 {
            let started = Instant::now();
            clusters = cluster(&refs, &sources, THRESHOLD);
            seconds = seconds.min(started.elapsed().as_secs_f64());
        }
        let clusters: zitat::cluster::Clusters = clusters;
        let found = planted.iter().filter(|(a, b)| clusters.of[*a].is_some() && clusters.of[*a] == clusters.of[*b]).count();
        println!(
            "{n:>8} quotations: {seconds:>7.3} s, {:>10.0} quotations/s, {} clusters, {found}/{} planted variants found",
            n as f64 / seconds,
            clusters.members.len(),
            planted.len()
        );
    }
}
