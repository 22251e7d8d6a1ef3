//! `zitat merge` throughput and peak memory on synthetic shards:
//!
//! ```text
//! cargo build --release --bin zitat && cargo run --release --example merge_bench [N…] [--shards K]
//! ```
//!
//! For each N (default 100000 1000000) it writes N quotations as K shard files (default 8)
//! in a temporary directory, in the shape `zitat run --shard` writes them, then runs the
//! release binary's `zitat merge` on them (a child process, so that its memory is its own)
//! and prints quotations/s (by wall time and by CPU time) and the child's peak resident
//! memory (`wait4`'s rusage).
//! `ZITAT_BIN` names another binary.
//!
//! Articles hold 1–8 quotations (4.5 on average), each sent to the shard its number hashes
//! to, as `--shard` does. Quotations are 6–30 words from a Zipf vocabulary that grows with
//! the corpus (as in `cluster_bench`), one in five a variant of an earlier one (a word
//! changed, or shortened); speakers come from 40,000 people, named in full, by surname
//! alone, or two at once („A und B“).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use zitat::synthetic::{SplitMix as Random, Statements, Vocabulary};

const PEOPLE: usize = 40_000;

/// A speaker name as an article gives it.
fn speaker(random: &mut Random) -> Option<String> {
    let person = |random: &mut Random| random.below(PEOPLE);
    let full = |p: usize| format!("Vorname{} Nachname{}", p % 997, p);
    match random.below(10) {
        0 => None,
        1 | 2 => Some(format!("Nachname{}", person(random))),
        3 => Some(format!("{} und {}", full(person(random)), full(person(random)))),
        _ => Some(full(person(random))),
    }
}

/// One shard line, fields in the order `zitat run --shard` writes them.
fn line(doc: usize, number: usize, text: &str, name: Option<&str>) -> String {
    let quote = format!("„{text}“");
    let length = quote.chars().count();
    let json = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let speaker = match name {
        Some(name) => format!(r#"{{"text":{0},"spans":[[{1},{2}]],"name":{0}}}"#, json(name), length + 8, length + 8 + name.chars().count()),
        None => "null".into(),
    };
    format!(
        r#"{{"doc":"artikel-{doc}.txt","id":"artikel-{doc}.txt#{number}","type":"Direct","medium":"Speech","quote":{{"text":{q},"spans":[[0,{length}]]}},"speaker":{speaker},"cue":{{"text":"sagte","spans":[[{c0},{c1}]]}},"frame":null,"addressee":null,"confidence":0.9,"shard":{{"position":{doc},"context":{ctx}}},"speaker_id":null,"speaker_ids":[],"speaker_canonical":null,"cluster":null}}"#,
        q = json(&quote),
        c0 = length + 2,
        c1 = length + 7,
        ctx = json(&format!("{quote}, sagte er.")),
    )
}

/// Writes `n` quotations into `shards` files; returns them and their total size in bytes.
fn write_shards(dir: &Path, n: usize, shards: usize) -> (Vec<PathBuf>, u64) {
    let paths: Vec<PathBuf> = (1..=shards).map(|k| dir.join(format!("shard-{k}-of-{shards}.jsonl"))).collect();
    let mut files: Vec<BufWriter<File>> = paths.iter().map(|p| BufWriter::new(File::create(p).expect("the shard can be written"))).collect();
    let mut random = Random(n as u64);
    let mut statements = Statements::new(Vocabulary::zipf((30.0 * (n as f64 * 18.0).powf(0.55)) as usize));
    let (mut written, mut doc, mut bytes) = (0, 0, 0u64);
    while written < n {
        let shard = (Random(doc as u64).next() % shards as u64) as usize;
        for number in 1..=(1 + random.below(8)).min(n - written) {
            let text = statements.next(&mut random);
            let name = speaker(&mut random);
            let line = line(doc, number, &text, name.as_deref());
            bytes += line.len() as u64 + 1;
            writeln!(files[shard], "{line}").expect("the shard can be written");
            written += 1;
        }
        doc += 1;
    }
    for file in &mut files {
        file.flush().expect("the shard can be written");
    }
    (paths, bytes)
}

/// The zitat binary beside this example's directory (target/release/zitat), or ZITAT_BIN.
fn binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("ZITAT_BIN") {
        return bin.into();
    }
    let exe = std::env::current_exe().expect("the example knows where it is");
    let bin = exe.parent().and_then(Path::parent).map(|dir| dir.join("zitat")).expect("examples live in target/PROFILE/examples");
    assert!(bin.exists(), "{} is missing: cargo build --release --bin zitat first", bin.display());
    bin
}

/// What the merge child took: wall and CPU seconds (user + system, all threads) and its
/// peak resident memory in bytes.
struct Cost {
    wall: f64,
    cpu: f64,
    peak: u64,
}

/// Runs the merge as a child and measures it.
fn merge(bin: &Path, shards: &[PathBuf], out: &Path) -> Cost {
    let started = Instant::now();
    let child = Command::new(bin).arg("merge").arg("--quiet").arg("-o").arg(out).args(shards).spawn().expect("zitat starts");
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let seconds = started.elapsed().as_secs_f64();
    assert!(pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "zitat merge failed (status {status})");
    let time = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Cost { wall: seconds, cpu: time(usage.ru_utime) + time(usage.ru_stime), peak: usage.ru_maxrss as u64 * 1024 }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut shards = 8;
    if let Some(at) = args.iter().position(|a| a == "--shards") {
        shards = args.get(at + 1).and_then(|k| k.parse().ok()).expect("--shards takes a number");
        args.drain(at..at + 2);
    }
    let sizes: Vec<usize> = args.iter().map(|a| a.parse().expect("sizes are numbers")).collect();
    let sizes = if sizes.is_empty() { vec![100_000, 1_000_000] } else { sizes };
    let bin = binary();
    for n in sizes {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (paths, bytes) = write_shards(dir.path(), n, shards);
        let out = dir.path().join("corpus.jsonl");
        let cost = merge(&bin, &paths, &out);
        let lines = std::io::BufRead::lines(std::io::BufReader::new(File::open(&out).expect("merged"))).count();
        assert_eq!(lines, n, "every quotation is merged");
        // On a busy machine the wall time says more about the other work than about the
        // merge; the CPU time is the merge's own (all threads together).
        println!(
            "{n:>8} quotations in {shards} shards ({:.0} MB): merge {:.2} s wall, {:.2} s CPU; {:.0} quotations/s wall, {:.0} per CPU second; peak RSS {:.0} MB ({:.0} bytes per quotation)",
            bytes as f64 / 1e6,
            cost.wall,
            cost.cpu,
            n as f64 / cost.wall,
            n as f64 / cost.cpu,
            cost.peak as f64 / 1e6,
            cost.peak as f64 / n as f64
        );
    }
}
