//! The corpus of `scripts/soak.sh`: N synthetic news articles as `.jsonl` files.
//!
//! ```text
//! cargo run --release --example soak_corpus N DIR [FILES]
//! ```
//!
//! Writes `DIR/part-1.jsonl` … `DIR/part-FILES.jsonl` (default 4 files), article k (ids
//! `soak-k`) into file k mod FILES + 1, from [`zitat::synthetic::news_article`] with a
//! fixed seed, so the same N always gives the same corpus. Prints the number of bytes of text.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use zitat::synthetic::{news_article, SplitMix, Statements, Vocabulary};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: soak_corpus N DIR [FILES]";
    let n: usize = args.first().and_then(|a| a.parse().ok()).expect(usage);
    let dir = PathBuf::from(args.get(1).expect(usage));
    let files: usize = args.get(2).map_or(4, |a| a.parse().expect(usage));
    std::fs::create_dir_all(&dir).expect("the corpus folder can be made");
    let mut out: Vec<BufWriter<File>> = (1..=files)
        .map(|k| BufWriter::new(File::create(dir.join(format!("part-{k}.jsonl"))).expect("a corpus file can be written")))
        .collect();
    // About 60 words in the vocabulary per article, as the merge benchmark's quotations.
    let mut statements = Statements::new(Vocabulary::zipf((30.0 * (n as f64 * 18.0).powf(0.55)) as usize));
    let mut random = SplitMix(24);
    let mut bytes = 0;
    for k in 0..n {
        let text = news_article(k, &mut statements, &mut random);
        bytes += text.len();
        let line = serde_json::json!({"id": format!("soak-{k}"), "text": text});
        writeln!(out[k % files], "{line}").expect("a corpus file can be written");
    }
    for file in &mut out {
        file.flush().expect("a corpus file can be written");
    }
    println!("{n} articles, {bytes} bytes of text, in {files} files");
}
