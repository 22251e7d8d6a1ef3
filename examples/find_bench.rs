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
//! **The verdict.** Beside the search, claims test whether `zitat find` confirms only
//! what the quotation says. Meaning-keeping claims: the first half, no punctuation,
//! Konjunktiv ↔ Indikativ (above), and two more, the words lower-cased with umlauts
//! typed as ae/oe/ue/ss, and a filler word („ja“, „doch“, „eben“, „halt“) put after the
//! second word; their recall@1 counts a claim when its quotation is the first match and
//! judged verbatim or same meaning. Meaning-changing claims, from every quotation that
//! has what is changed: the negation flipped (a „nicht“, „nie“, „niemals“ dropped, a
//! „kein…“ made „ein…“, or „nicht“ put after the second word of a quotation without
//! negation), a number changed (a number of digits raised by 1–9; without digits a
//! number word or a month replaced by another), and a name swapped (a word that the
//! verdict knows as a name, past the first, replaced by another name: the words of the
//! dev split's speaker names and the countries). Their confirm-rate is the share that
//! `zitat find` would answer with exit status 0 (some match above the threshold, among
//! the first five, judged verbatim or same meaning). The random substitutions are
//! neither kind (a random word may replace a „nicht“ or a name): for them the share
//! judged meaning changed is printed, not counted in either figure. The verdict knows
//! the names of the dev split's speakers and each quotation's speaker, as `zitat find`
//! knows a corpus's.
//!
//! **Speed.** N (default 1,000,000) synthetic quotations of 6–30 words from a
//! Zipf-distributed vocabulary (as `examples/cluster_bench.rs` builds them): index build
//! time, the index file's write and read time, and the latency of 2,000 perturbed queries
//! on one thread (p50, p99), with their recall@1.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;
use zitat::find::verdict::{self, Names, Verdict};
use zitat::find::{diff, words, Index, LIMIT, THRESHOLD};
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

/// A dataset folder's gold quotation texts, its sentences outside quotations, and each
/// quotation's speaker as written.
struct Split {
    quotes: Vec<String>,
    outside: Vec<String>,
    speakers: Vec<Option<String>>,
}

fn read_split(dir: &Path) -> Split {
    let (docs, _) = zitat::ingest::dataset::read_folder(dir, None).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    let (mut quotes, mut outside, mut speakers) = (Vec::new(), Vec::new(), Vec::new());
    for doc in &docs {
        quotes.extend(doc.quotations.iter().map(|q| doc.join(&q.quote)));
        speakers.extend(doc.quotations.iter().map(|q| (!q.speaker.is_empty()).then(|| doc.join(&q.speaker))));
        let quoted: Vec<zitat::Span> = doc.quotations.iter().flat_map(|q| q.quote.iter().copied()).collect();
        outside.extend(
            (doc.sentences.iter())
                .filter(|s| !quoted.iter().any(|q| q.overlaps(**s)))
                .map(|s| doc.slice(*s).to_owned()),
        );
    }
    Split { quotes, outside, speakers }
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
    Spelling,
    Filler,
    Negation,
    Number,
    Name,
}

impl Kind {
    /// Claims that say what the quotation says (the verdict must not flag them).
    fn keeps_meaning(self) -> bool {
        matches!(self, Kind::Half | Kind::NoPunctuation | Kind::Indikativ | Kind::Konjunktiv | Kind::Spelling | Kind::Filler)
    }

    /// Claims that say something else (the verdict must flag them).
    fn changes_meaning(self) -> bool {
        matches!(self, Kind::Negation | Kind::Number | Kind::Name)
    }

    /// The claims of the search's own figures, as before the verdict.
    fn searched(self) -> bool {
        !matches!(self, Kind::Spelling | Kind::Filler) && !self.changes_meaning()
    }
}

type Claim = (Kind, String, usize);

fn quality(dev: &Path, train: &Path) {
    let split = read_split(dev);
    let quotes = &split.quotes;
    let train_sentences = read_split(train).outside;
    let started = Instant::now();
    let index = Index::build(quotes);
    println!("dev corpus: {} gold quotations, indexed in {:.3} s", quotes.len(), started.elapsed().as_secs_f64());
    let keys: Vec<Vec<String>> = quotes.iter().map(|q| words::terms(q)).collect();
    let names = Names::with_speakers(split.speakers.iter().flatten().map(String::as_str));
    let all_claims = claims(quotes, &split.speakers, &names);
    let claims: Vec<Claim> = all_claims.iter().filter(|c| c.0.searched()).cloned().collect();
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
    verdicts(&Judge { index: &index, quotes, keys: &keys, names: &names, speakers: &split.speakers }, &all_claims);
}

/// Every claim of the bench: the search's perturbations and the verdict's edits.
fn claims(quotes: &[String], speakers: &[Option<String>], names: &Names) -> Vec<Claim> {
    let vocabulary: Vec<&str> = quotes.iter().flat_map(|q| words::split(q)).collect();
    let konjunktiv = konjunktiv_swaps();
    let pool = name_pool(speakers, names);
    // The verdict's edits draw from their own generator, so the search's claims stay those
    // of the figures before it.
    let (mut random, mut edits) = (Random(2024), Random(2025));
    let mut claims: Vec<Claim> = Vec::new();
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
        claims.push((Kind::Spelling, typed(text), q));
        claims.push((Kind::Filler, filler(text, &mut edits), q));
        claims.push((Kind::Negation, negation_flipped(text), q));
        claims.extend(number_changed(text, &mut edits).map(|claim| (Kind::Number, claim, q)));
        claims.extend(name_swapped(text, names, &pool, &mut edits).map(|claim| (Kind::Name, claim, q)));
    }
    claims
}

/// How `zitat find` answers a claim: whether its quotation is the first match and judged
/// keeping the meaning, whether any match would confirm it (exit status 0), and whether
/// the first match is judged meaning changed.
struct Answered {
    kept_at_1: bool,
    confirmed: bool,
    flagged: bool,
}

/// What `zitat find` knows: the index, the quotations, their search keys and speakers,
/// and the names.
struct Judge<'a> {
    index: &'a Index,
    quotes: &'a [String],
    keys: &'a [Vec<String>],
    names: &'a Names,
    speakers: &'a [Option<String>],
}

fn answer(judge: &Judge, claim: &str, target: usize) -> Answered {
    let Judge { index, quotes, keys, names, speakers } = judge;
    let hits = index.search(claim, LIMIT, THRESHOLD);
    let verdict_of = |q: usize| verdict::judge(claim, &quotes[q], &diff::steps(claim, &quotes[q]), names, speakers[q].as_deref()).verdict;
    let verdicts: Vec<Verdict> = hits.iter().map(|h| verdict_of(h.quote)).collect();
    let right = hits.first().is_some_and(|h| h.quote == target || keys[h.quote] == keys[target]);
    Answered {
        kept_at_1: right && verdicts[0] != Verdict::MeaningChanged,
        confirmed: verdicts.iter().any(|v| *v != Verdict::MeaningChanged),
        flagged: verdicts.first() == Some(&Verdict::MeaningChanged),
    }
}

/// The verdict's figures: recall@1 of the meaning-keeping claims, the confirm-rate of the
/// meaning-changing ones, and what it makes of random substitutions.
fn verdicts(judge: &Judge, claims: &[Claim]) {
    let mut by_kind: std::collections::BTreeMap<Kind, (usize, usize, usize, usize)> = Default::default();
    for (kind, claim, target) in claims {
        let answered = answer(judge, claim, *target);
        let entry = by_kind.entry(*kind).or_default();
        entry.0 += 1;
        entry.1 += usize::from(answered.kept_at_1);
        entry.2 += usize::from(answered.confirmed);
        entry.3 += usize::from(answered.flagged);
    }
    let share = |part: usize, n: usize| part as f64 / n.max(1) as f64;
    println!("verdict: meaning-keeping claims (found first and judged verbatim or same meaning):");
    let (mut kept, mut kept_n) = (0, 0);
    for (kind, (n, at1, _, _)) in by_kind.iter().filter(|(k, _)| k.keeps_meaning()) {
        println!("  {:<14} {n:>5} claims  recall@1 {:.3}", format!("{kind:?}"), share(*at1, *n));
        (kept, kept_n) = (kept + at1, kept_n + n);
    }
    println!("recall@1 of meaning-keeping claims {:.3} ({kept} of {kept_n})", share(kept, kept_n));
    println!("verdict: meaning-changing claims (confirmed: zitat find would exit 0):");
    let (mut confirmed, mut changed_n) = (0, 0);
    for (kind, (n, _, yes, flagged)) in by_kind.iter().filter(|(k, _)| k.changes_meaning()) {
        println!("  {:<14} {n:>5} claims  confirmed {:.3}  first match judged meaning changed {:.3}", format!("{kind:?}"), share(*yes, *n), share(*flagged, *n));
        (confirmed, changed_n) = (confirmed + yes, changed_n + n);
    }
    println!("confirm-rate on meaning-changing claims {:.3} ({confirmed} of {changed_n})", share(confirmed, changed_n));
    println!("verdict: random substitutions (neither kind):");
    for (kind, (n, _, _, flagged)) in by_kind.iter().filter(|(k, _)| matches!(k, Kind::Substituted1 | Kind::Substituted2 | Kind::Substituted3)) {
        println!("  {:<14} {n:>5} claims  first match judged meaning changed {:.3}", format!("{kind:?}"), share(*flagged, *n));
    }
}

/// Recall@1 and the false-match rate at other thresholds, to show the choice of THRESHOLD.
fn sweep(index: &Index, claims: &[Claim], absent: &[&String], keys: &[Vec<String>]) {
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

/// Lower case, umlauts typed as ae/oe/ue and ß as ss.
fn typed(text: &str) -> String {
    words::split(text).map(words::spelling).collect::<Vec<_>>().join(" ")
}

/// A filler word after the second word.
fn filler(text: &str, random: &mut Random) -> String {
    let mut words: Vec<&str> = words::split(text).collect();
    words.insert(2, ["ja", "doch", "eben", "halt"][random.below(4)]);
    words.join(" ")
}

/// The negation turned around: the first negation dropped („kein…“ made „ein…“), or
/// „nicht“ put after the second word when there is none.
fn negation_flipped(text: &str) -> String {
    let mut words: Vec<String> = words::split(text).map(str::to_owned).collect();
    let negated = words.iter().position(|w| ["nicht", "nie", "niemals"].contains(&words::spelling(w).as_str()) || is_kein(w));
    match negated {
        Some(at) if is_kein(&words[at]) => words[at] = words[at][1..].to_owned(),
        Some(at) => {
            words.remove(at);
        }
        None => words.insert(2, "nicht".to_owned()),
    }
    words.join(" ")
}

fn is_kein(word: &str) -> bool {
    ["kein", "keine", "keinen", "keinem", "keiner", "keines"].contains(&words::spelling(word).as_str())
}

/// A number changed: digits raised by 1–9, or else a number word or month replaced by
/// another; `None` for a quotation without either.
fn number_changed(text: &str, random: &mut Random) -> Option<String> {
    const NUMBER_WORDS: [&str; 8] = ["zwei", "drei", "vier", "fünf", "zehn", "hundert", "Millionen", "Milliarden"];
    const MONTHS: [&str; 6] = ["Januar", "März", "Mai", "Juli", "September", "November"];
    let mut words: Vec<String> = words::split(text).map(str::to_owned).collect();
    let digits = words.iter().position(|w| w.chars().all(|c| c.is_ascii_digit()) && w.len() < 10);
    if let Some(at) = digits {
        words[at] = (words[at].parse::<u64>().unwrap_or(0) + 1 + random.below(9) as u64).to_string();
        return Some(words.join(" "));
    }
    for list in [&NUMBER_WORDS[..], &MONTHS[..]] {
        let spelled: Vec<String> = list.iter().map(|w| words::spelling(w)).collect();
        if let Some(at) = words.iter().position(|w| spelled.contains(&words::spelling(w))) {
            let others: Vec<&&str> = list.iter().filter(|o| words::spelling(o) != words::spelling(&words[at])).collect();
            words[at] = others[random.below(others.len())].to_string();
            return Some(words.join(" "));
        }
    }
    None
}

/// The names a swap picks from: the words of the speakers' names and the countries.
fn name_pool(speakers: &[Option<String>], names: &Names) -> Vec<String> {
    let mut pool: Vec<String> = (speakers.iter().flatten())
        .flat_map(|s| words::split(s).map(str::to_owned).collect::<Vec<_>>())
        .chain(zitat::lexicon::COUNTRIES.list().into_iter().map(str::to_owned))
        .filter(|w| names.key(w).is_some())
        .collect();
    pool.sort();
    pool.dedup();
    pool
}

/// A name past the first word replaced by another name; `None` for a quotation without one.
fn name_swapped(text: &str, names: &Names, pool: &[String], random: &mut Random) -> Option<String> {
    let mut words: Vec<String> = words::split(text).map(str::to_owned).collect();
    let at = (1..words.len()).find(|&k| names.key(&words[k]).is_some())?;
    let key = names.key(&words[at]);
    let other = (0..100).map(|_| &pool[random.below(pool.len())]).find(|other| names.key(other) != key)?;
    words[at] = other.clone();
    Some(words.join(" "))
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
    zitat::find::store::save(&path, &print, index, &offsets, &Names::builtin()).expect("the index file is written");
    let write = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let loaded = zitat::find::store::load(&path, &print).expect("the index file is read").expect("and current");
    let read = started.elapsed().as_secs_f64();
    assert_eq!(loaded.0.len(), n);
    let _ = std::fs::remove_dir_all(&dir);
    (write, read)
}
