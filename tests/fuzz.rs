//! Property tests over ingest → segment → detect → attribute → render on arbitrary text:
//! German words, every kind of quotation mark, long runs of punctuation and odd whitespace,
//! and arbitrary Unicode. Whatever comes in: no panic, no stage error, every span inside
//! the text, every output line valid JSON whose texts are the slices its spans name.
//!
//! The suite runs a few hundred cases; `scripts/fuzz.sh` runs the same property for as
//! long as asked (`fuzz_for_a_while`, ignored here), with fresh seeds each round.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use zitat::ingest::{Outcome, Unit};
use zitat::output::{dataset::render_dataset_document, jsonl::render_document};
use zitat::pipeline::{rules_engine, Engine};
use zitat::{Document, Span};

const WORDS: &[&str] = &[
    "Der", "Minister", "sagte", "sei", "habe", "werde", "müsse", "laut", "zufolge", "so", "er", "sie",
    "Hans", "Müller", "Nato-Chef", "heißt", "es", "nach", "Angaben", "von", "Dr.", "z.B.", "3.", "Mai",
    "2024", "wie", "die", "Polizei", "mitteilte", "betonte", "Welt", "soll", "gewesen", "sein", "und",
    "Stoltenberg", "Jens", "erklärte", "dass", "man", "Sprecher", "des", "Ministeriums", "Foto:", "dpa",
];
const MARKS: &[&str] = &["„", "“", "”", "\"", "»", "«", "‚", "‘", "’", "'", "‹", "›"];
const PUNCT: &[&str] = &[".", ",", ":", ";", "!", "?", "…", "–", "-", "(", ")", "/", "...", "?!"];
const SPACE: &[&str] = &[" ", "\n", "\n\n", "\u{A0}", "\u{202F}", "\u{200B}", "\t", "\r\n", "\u{2028}", "\u{FEFF}"];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(WORDS).prop_map(str::to_string),
        3 => proptest::sample::select(MARKS).prop_map(str::to_string),
        2 => proptest::sample::select(PUNCT).prop_map(str::to_string),
        4 => proptest::sample::select(SPACE).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => (proptest::sample::select(PUNCT), 2..40usize).prop_map(|(p, n)| p.repeat(n)),
        1 => (proptest::sample::select(SPACE), 2..40usize).prop_map(|(s, n)| s.repeat(n)),
        1 => (proptest::sample::select(MARKS), 2..12usize).prop_map(|(m, n)| m.repeat(n)),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..120).prop_map(|pieces| pieces.concat())
}

fn check_span(doc: &Document, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end && span.end <= doc.char_len(), "{what} {span:?} outside 0..{}", doc.char_len());
    Ok(())
}

/// The whole pipeline on one text, with every property checked.
fn holds(text: &str) -> Result<(), TestCaseError> {
    let mut doc = match (Unit::Stdin { bytes: text.as_bytes().to_vec() }).load(u64::MAX) {
        Outcome::Document(doc) => doc,
        Outcome::Skipped(_) => return Ok(()),
        // Refused by design: NUL bytes mean binary data.
        Outcome::Failed(notice) if text.contains('\0') => {
            prop_assert!(notice.message.contains("NUL byte"));
            return Ok(());
        }
        Outcome::Failed(notice) => return Err(TestCaseError::fail(format!("valid UTF-8 refused: {notice}"))),
    };
    prop_assert!(rules_engine().annotate(&mut doc).is_ok());
    for &s in doc.sentences.iter().chain(&doc.boilerplate) {
        check_span(&doc, s, "sentence or furniture")?;
    }
    for q in &doc.quotations {
        for (what, spans) in [("quote", &q.quote), ("speaker", &q.speaker), ("cue", &q.cue), ("frame", &q.frame), ("addressee", &q.addressee)] {
            for &s in spans {
                check_span(&doc, s, what)?;
            }
        }
        prop_assert!(!q.quote.is_empty() && (0.0..=1.0).contains(&q.confidence));
    }
    for line in render_document(&doc).lines() {
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| TestCaseError::fail(format!("{e}: {line}")))?;
        let spans: Vec<Span> = value["quote"]["spans"].as_array().unwrap().iter().map(|s| Span::new(s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize)).collect();
        prop_assert_eq!(value["quote"]["text"].as_str().unwrap(), doc.join(&spans));
    }
    serde_json::from_str::<serde_json::Value>(&render_dataset_document(&doc)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: 500, failure_persistence: None, ..Config::default() })]

    #[test]
    fn any_text_goes_through_every_stage(text in text()) {
        holds(&text)?;
    }
}

/// `ZITAT_FUZZ_SECONDS` of rounds with fresh seeds; prints each seed so a failure can be
/// replayed (`ZITAT_FUZZ_SEED`).
#[test]
#[ignore = "long; run by scripts/fuzz.sh"]
fn fuzz_for_a_while() {
    let seconds: u64 = std::env::var("ZITAT_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let fixed: Option<u64> = std::env::var("ZITAT_FUZZ_SEED").ok().and_then(|s| s.parse().ok());
    let started = std::time::Instant::now();
    let (mut rounds, mut cases) = (0u64, 0u64);
    while started.elapsed().as_secs() < seconds {
        let seed = fixed.unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64);
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let config = Config { cases: 500, failure_persistence: None, ..Config::default() };
        let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
        if let Err(err) = runner.run(&text(), |t| holds(&t)) {
            panic!("seed {seed}: {err}");
        }
        rounds += 1;
        cases += 500;
        if fixed.is_some() {
            break;
        }
    }
    println!("{rounds} rounds, {cases} cases in {} s, no failure", started.elapsed().as_secs());
}
