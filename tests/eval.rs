//! The dataset's metric on a small example worked out by hand.

use zitat::document::{Document, Medium, Quotation, QuoteType, Span, Token};
use zitat::eval::evaluate;

/// "A B C D E F G H I J": token k is the letter at character 2k.
fn doc(quotations: Vec<Quotation>) -> Document {
    let mut d = Document::new("t", "A B C D E F G H I J");
    d.tokens = Some((0..10).map(|id| Token { id, span: Span::new(2 * id, 2 * id + 1) }).collect());
    d.quotations = quotations;
    d
}

fn tokens(ids: &[usize]) -> Vec<Span> {
    ids.iter().map(|&k| Span::new(2 * k, 2 * k + 1)).collect()
}

fn quote(kind: QuoteType, q: &[usize], speaker: &[usize], cue: &[usize], medium: Option<Medium>) -> Quotation {
    let mut x = Quotation::new(kind, tokens(q));
    x.speaker = tokens(speaker);
    x.cue = tokens(cue);
    x.medium = medium;
    x
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-3
}

#[test]
fn hand_worked_example() {
    let gold = doc(vec![
        quote(QuoteType::Direct, &[0, 1, 2, 3], &[5], &[], Some(Medium::Speech)),
        quote(QuoteType::Indirect, &[6, 7, 8], &[], &[9], None),
    ]);
    let system = doc(vec![
        quote(QuoteType::Direct, &[1, 2, 3, 4], &[5, 6], &[], Some(Medium::Speech)),
        quote(QuoteType::Reported, &[8, 9], &[], &[], None),
    ]);
    let r = evaluate(&[gold], &[system]);
    // Matching: (g1, s1) overlap F1 0.75 (+0.011), (g2, s2) overlap F1 0.4.
    // Pair 1: quote tp 3 fp 1 fn 1 → P .75 R .75; speaker tp 1 fp 1 fn 0 → P .5 R 1.
    // Pair 2: quote tp 1 fp 1 fn 2 → P .5 R 1/3; cue tp 0 fp 0 fn 1 → R 0 (no precision).
    // Messages P (.75+.5)/2 = 62.5, R (.75+1/3)/2 = 54.17, F1 58.04.
    assert!(close(r.messages.precision, 62.5));
    assert!(close(r.messages.recall, 54.1667));
    assert!(close(r.messages.f1, 58.0357));
    // Roles: precisions [.5] → 50; recalls [1, 0] → 50.
    assert!(close(r.roles.precision, 50.0) && close(r.roles.recall, 50.0) && close(r.roles.f1, 50.0));
    // Joint: P (.75+.5+.5)/3 = 58.33, R (.75+1/3+1+0)/4 = 52.08, F1 55.03.
    assert!(close(r.joint.precision, 58.3333));
    assert!(close(r.joint.recall, 52.0833));
    assert!(close(r.joint.f1, 55.0314));
    // Form: Direct = Direct (tp), Indirect vs Reported (fp + fn) → 50/50.
    assert!(close(r.form.f1, 50.0));
    // Medium: Speech = Speech; the second pair has none on both sides.
    assert!(close(r.medium.f1, 100.0));
}

#[test]
fn unmatched_groups_count_against_precision_and_recall() {
    let gold = doc(vec![quote(QuoteType::Direct, &[0, 1], &[], &[], None)]);
    let system = doc(vec![
        quote(QuoteType::Direct, &[0, 1], &[], &[], None),
        quote(QuoteType::Direct, &[5, 6], &[], &[], None),
    ]);
    let r = evaluate(&[gold.clone()], &[system]);
    assert!(close(r.messages.precision, 50.0) && close(r.messages.recall, 100.0));
    // Nothing predicted: every part scores 0, and nothing divides by zero.
    let r = evaluate(&[gold], &[doc(vec![])]);
    assert_eq!((r.messages.f1, r.roles.f1, r.joint.f1, r.form.f1), (0.0, 0.0, 0.0, 0.0));
}

#[test]
fn gold_against_itself_is_perfect() {
    let gold = doc(vec![
        quote(QuoteType::Direct, &[0, 1, 2, 3], &[5], &[], Some(Medium::Speech)),
        quote(QuoteType::Indirect, &[6, 7, 8], &[], &[9], None),
    ]);
    let r = evaluate(&[gold.clone()], &[gold]);
    assert_eq!((r.messages.f1, r.roles.f1, r.joint.f1, r.form.f1), (100.0, 100.0, 100.0, 100.0));
}
