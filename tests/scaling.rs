//! The rules take time linear in the article length: the time per MB of an article four
//! times as long stays within twice that of the short one, for every shape of text
//! (quadratic stages give four times). A ratio measured in the same run, not a timing.

use std::time::Instant;
use zitat::pipeline::{rules_engine, Engine};
use zitat::synthetic::{article, Shape};
use zitat::Document;

fn seconds_per_byte(bytes: usize, shape: Shape) -> f64 {
    let engine = rules_engine();
    let doc = Document::new("synthetic", article(shape, bytes));
    (0..3)
        .map(|_| {
            let mut copy = doc.clone();
            let started = Instant::now();
            engine.annotate(&mut copy).unwrap();
            started.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
        / doc.text.len() as f64
}

#[test]
fn time_per_byte_does_not_grow_with_the_article() {
    for shape in Shape::ALL {
        let short = seconds_per_byte(40_000, shape);
        let long = seconds_per_byte(160_000, shape);
        println!("{}: {:.2} µs/KB at 40 KB, {:.2} at 160 KB", shape.as_str(), short * 1e9, long * 1e9);
        assert!(long < 2.0 * short, "{}: per-byte time grew {:.1}x for 4x the text", shape.as_str(), long / short);
    }
}
