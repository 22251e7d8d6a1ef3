//! The real base encoder (models/base, built by scripts/setup.sh): weights and tokenizer
//! must be right, not merely loadable.
#![cfg(feature = "model")]

use std::path::{Path, PathBuf};
use tch::{Device, Kind, Tensor};
use zitat::model::encoder::Encoder;
use zitat::setup::e5;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn encoder() -> Encoder {
    let base = root().join("models/base");
    assert!(base.join(".complete").exists(), "run scripts/setup.sh first: {} is missing or incomplete", base.display());
    Encoder::load(&base, Device::Cpu).expect("the base encoder loads")
}

fn cosine(e: &Encoder, a: &str, b: &str) -> f64 {
    let v = e.embed_mean(&[a, b]).unwrap();
    (v.get(0) * v.get(1)).sum(Kind::Float).double_value(&[])
}

#[test]
fn paraphrases_are_closer_than_unrelated_sentences() {
    let e = encoder();
    let said = "query: Die Kanzlerin sagte, die Lage sei ernst.";
    let paraphrase = cosine(&e, said, "query: Die Regierungschefin erklärte, die Situation sei schwierig.");
    let unrelated = cosine(&e, said, "query: Der Hund spielt im Garten mit einem Ball.");
    // Measured on CPU: paraphrase 0.923, unrelated 0.759 (without the prefix 0.926 / 0.762;
    // toolchain.md: 0.92 / 0.79). Random or misplaced weights give near-equal values.
    println!("paraphrase {paraphrase:.3}, unrelated {unrelated:.3}");
    assert!(paraphrase > 0.90, "paraphrase cosine {paraphrase}");
    assert!(unrelated < 0.80, "unrelated cosine {unrelated}");
    assert!(paraphrase - unrelated > 0.12, "gap {}", paraphrase - unrelated);
}

#[test]
fn padding_does_not_change_an_embedding() {
    let e = encoder();
    let short = "query: Er schwieg.";
    let alone = e.embed_mean(&[short]).unwrap();
    let padded = e.embed_mean(&[short, "query: Ein deutlich längerer Satz, der das Stapeln mit Auffüllung erzwingt."]).unwrap();
    let difference = (alone.get(0) - padded.get(0)).abs().max().double_value(&[]);
    assert!(difference < 1e-5, "padding changed the embedding by {difference}");
}

#[test]
fn token_offsets_are_character_offsets_into_the_text() {
    let e = encoder();
    let text = "„Die Straße in München ist\u{a0}gesperrt“, sagte der Bürgermeister.";
    let chars: Vec<char> = text.chars().collect();
    let encoded = e.encode(text).unwrap();
    assert_eq!((encoded.ids[0], *encoded.ids.last().unwrap()), (0, 2), "<s> … </s>");
    let mut covered = vec![false; chars.len()];
    for (piece, span) in encoded.pieces.iter().zip(&encoded.spans) {
        let slice: String = chars[span.start..span.end].iter().collect();
        let piece = piece.trim_start_matches('▁');
        if ["<s>", "</s>"].contains(&piece) {
            assert!(span.start == span.end, "{piece} covers {slice:?}");
            continue;
        }
        assert_eq!(piece, slice, "token text vs its character span {span:?}");
        covered[span.start..span.end].iter_mut().for_each(|c| *c = true);
    }
    let uncovered: String = chars.iter().zip(&covered).filter(|(_, &c)| !c).map(|(ch, _)| *ch).collect();
    assert!(uncovered.chars().all(char::is_whitespace), "not covered by any token: {uncovered:?}");
    let quote_marks: Vec<usize> = text.chars().enumerate().filter(|(_, c)| "„“".contains(*c)).map(|(i, _)| i).collect();
    assert_eq!(quote_marks.len(), 2);
    assert!(quote_marks.iter().all(|&i| covered[i]));
}

#[test]
fn loaded_weights_are_the_dequantized_ones() {
    let e = encoder();
    let q4 = root().join(".deps/encoder/e5-small-q4.bin");
    let data = std::fs::read(&q4).unwrap_or_else(|err| panic!("run scripts/setup.sh first: {}: {err}", q4.display()));
    let container = e5::parse(&data).unwrap();
    for short in ["l7.fi.w", "emb.word", "l11.oln.b"] {
        let stored = container.tensors.iter().find(|t| t.name == short).unwrap();
        let (name, shape) = e5::hf_name(short, &container.shape).unwrap();
        let values = if stored.quantized { e5::dequantize_q4_0(stored.bytes) } else { e5::f32_values(stored.bytes) };
        let expected = Tensor::from_slice(&values).view(&shape.iter().map(|&d| d as i64).collect::<Vec<_>>()[..]);
        let loaded = e.weight(&name).unwrap_or_else(|| panic!("{name} is not an encoder weight"));
        assert!(loaded.equal(&expected), "{name} differs from the dequantized {short}");
    }
}

#[test]
fn a_missing_base_tells_what_to_do() {
    let error = Encoder::load(Path::new("/nonexistent/base"), Device::Cpu).err().unwrap().to_string();
    assert!(error.contains("run scripts/setup.sh"), "{error}");
}
