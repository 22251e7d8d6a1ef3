//! The batch runner: reads a corpus chunk by chunk, annotates each chunk in parallel,
//! renders it in parallel and writes it in input order.
//!
//! Output is byte-identical for any thread count, chunk size, shard and input order because
//! the corpus order is fixed ([`Corpus`](crate::ingest::Corpus)), each document is annotated
//! on its own (the model engine encodes window by window, never padded into a batch with
//! another document's), and results are collected back into input order before writing.
//! Memory stays bounded by the chunk size; every chunk is flushed, so an interrupted run
//! keeps all chunks written so far.

use super::Engine;
use crate::document::Document;
use crate::ingest::{Notice, Outcome, Unit};
use crate::output::Sink;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::io::{self, IsTerminal};
use std::time::{Duration, Instant};

pub struct RunOptions {
    /// Cap on one article's input in bytes.
    pub max_bytes: u64,
    /// A chunk ends after this many units…
    pub chunk_units: usize,
    /// …or once its inputs reach this many bytes.
    pub chunk_bytes: u64,
    /// Progress bar, skip notices and the summary on stderr; errors are always printed.
    pub chatty: bool,
    /// Set by a signal handler: the run stops after the chunk in hand, everything written
    /// so far kept.
    pub stop: Arc<AtomicBool>,
}

impl RunOptions {
    /// 128 articles keep 16 threads busy with the rules and hold about 100 MB of encoder
    /// states.
    pub fn new(max_bytes: u64, chatty: bool) -> Self {
        RunOptions {
            max_bytes,
            chunk_units: 128,
            chunk_bytes: 32 * 1024 * 1024,
            chatty,
            stop: Arc::new(AtomicBool::new(false)),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub documents: usize,
    pub quotations: usize,
    pub skipped: usize,
    pub failed: usize,
    /// Documents an interrupted run had written already (with --resume).
    pub resumed: usize,
    /// Stopped by a signal before the end of the corpus.
    pub interrupted: bool,
    /// Bytes of text annotated.
    pub text_bytes: usize,
    /// Subword tokens through the encoder (the model engine).
    pub subwords: Option<u64>,
    pub elapsed: Duration,
}

impl Summary {
    pub fn line(&self) -> String {
        let seconds = self.elapsed.as_secs_f64();
        let resumed = if self.resumed > 0 { format!(" ({} more written before, resumed)", self.resumed) } else { String::new() };
        let subwords = self.subwords.map_or(String::new(), |n| format!(", {n} subwords ({:.0}/s)", n as f64 / seconds.max(1e-9)));
        format!(
            "{} documents{resumed}, {} quotations, {} skipped, {} failed in {:.2} s ({:.2} MB of text/s{subwords})",
            self.documents,
            self.quotations,
            self.skipped,
            self.failed,
            seconds,
            self.text_bytes as f64 / 1e6 / seconds.max(1e-9)
        )
    }
}

/// Runs `engine` over the corpus into `sink`. Inputs that cannot be read or written are
/// reported on stderr and counted as failed; only an error of the output stream stops the
/// run (and is returned).
pub fn run(
    engine: &dyn Engine,
    corpus: impl Iterator<Item = Unit>,
    sink: &mut Sink,
    options: &RunOptions,
) -> io::Result<Summary> {
    let started = Instant::now();
    let reporter = Reporter::new(options.chatty);
    let mut summary = Summary::default();
    let mut seen = HashSet::new();
    let mut chunks = Chunks::new(corpus, options);
    while chunks.has_more() && !options.stop.load(Ordering::SeqCst) {
        let chunk = chunks.next_chunk();
        let outcomes: Vec<Outcome> =
            chunk.into_par_iter().map(|unit| unit.load(options.max_bytes)).collect();
        let mut docs = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            match outcome {
                Outcome::Document(doc) if !seen.insert(sink.unique_key(&doc.id)) => {
                    summary.failed += 1;
                    reporter.error(&duplicate(&doc.id));
                }
                Outcome::Document(doc) if sink.is_done(&doc.id) => summary.resumed += 1,
                Outcome::Document(doc) => docs.push(doc),
                Outcome::Skipped(notice) => {
                    summary.skipped += 1;
                    reporter.notice(&notice);
                }
                Outcome::Failed(notice) => {
                    summary.failed += 1;
                    reporter.error(&notice);
                }
            }
        }
        for notice in annotate_guarded(engine, &mut docs) {
            summary.failed += 1;
            reporter.error(&notice);
        }
        let unwritten: HashSet<String> = sink.write_chunk(&docs)?.into_iter().map(|failure| {
            summary.failed += 1;
            reporter.error(&Notice::new(&failure.id, failure.message));
            failure.id
        }).collect();
        for doc in docs.iter().filter(|doc| !unwritten.contains(&doc.id)) {
            summary.documents += 1;
            summary.quotations += doc.quotations.len();
            summary.text_bytes += doc.text.len();
        }
        reporter.progress.inc(docs.len() as u64);
    }
    summary.interrupted = chunks.has_more();
    if !summary.interrupted {
        for failure in sink.finish()? {
            summary.failed += 1;
            reporter.error(&Notice::new(&failure.id, failure.message));
        }
    }
    summary.elapsed = started.elapsed();
    summary.subwords = engine.subwords_encoded();
    reporter.finish(&summary);
    Ok(summary)
}

/// The corpus in chunks of `chunk_units` units or `chunk_bytes` bytes, whichever comes
/// first.
struct Chunks<I: Iterator<Item = Unit>> {
    corpus: std::iter::Peekable<I>,
    units: usize,
    bytes: u64,
}

impl<I: Iterator<Item = Unit>> Chunks<I> {
    fn new(corpus: I, options: &RunOptions) -> Self {
        Chunks { corpus: corpus.peekable(), units: options.chunk_units.max(1), bytes: options.chunk_bytes }
    }

    fn has_more(&mut self) -> bool {
        self.corpus.peek().is_some()
    }

    fn next_chunk(&mut self) -> Vec<Unit> {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        while chunk.len() < self.units && bytes < self.bytes {
            let Some(unit) = self.corpus.next() else { break };
            bytes += unit.size();
            chunk.push(unit);
        }
        chunk
    }
}

fn duplicate(id: &str) -> Notice {
    Notice::new(
        id,
        "an earlier document has the same id (or output file), so this one was not processed; \
         give every article a unique id, or run directories with the same file names separately",
    )
}

/// Annotates a chunk; a document the engine fails on (an error or a panic) is removed
/// and reported instead of ending the run.
fn annotate_guarded(engine: &dyn Engine, docs: &mut Vec<Document>) -> Vec<Notice> {
    let failed = super::annotate_each(engine, docs);
    let notices = failed.iter().map(|(k, err)| Notice::new(&docs[*k].id, err.to_string())).collect();
    let failed: HashSet<usize> = failed.into_iter().map(|(k, _)| k).collect();
    let mut k = 0;
    docs.retain(|_| {
        k += 1;
        !failed.contains(&(k - 1))
    });
    notices
}

/// stderr: a progress bar that messages interrupt cleanly.
struct Reporter {
    progress: ProgressBar,
    chatty: bool,
}

impl Reporter {
    fn new(chatty: bool) -> Self {
        let progress = if chatty && io::stderr().is_terminal() {
            let style = ProgressStyle::with_template("{spinner} {human_pos} documents ({per_sec}, {elapsed})")
                .expect("the progress template is valid");
            ProgressBar::new_spinner().with_style(style)
        } else {
            ProgressBar::hidden()
        };
        progress.enable_steady_tick(Duration::from_millis(200));
        Reporter { progress, chatty }
    }

    fn error(&self, notice: &Notice) {
        self.progress.suspend(|| crate::say!("zitat: error: {notice}"));
    }

    fn notice(&self, notice: &Notice) {
        if self.chatty {
            self.progress.suspend(|| crate::say!("zitat: {notice}"));
        }
    }

    fn finish(&self, summary: &Summary) {
        self.progress.finish_and_clear();
        if self.chatty {
            crate::say!("zitat: {}", summary.line());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk_sizes(corpus_units: usize, chunk_units: usize, unit_bytes: usize, chunk_bytes: u64) -> Vec<usize> {
        let mut options = RunOptions::new(1 << 20, false);
        (options.chunk_units, options.chunk_bytes) = (chunk_units, chunk_bytes);
        let corpus = (0..corpus_units).map(|k| Unit::Stdin { bytes: vec![b'a' + (k % 26) as u8; unit_bytes] });
        let mut chunks = Chunks::new(corpus, &options);
        let mut sizes = Vec::new();
        let mut seen = 0;
        while chunks.has_more() {
            let chunk = chunks.next_chunk();
            for unit in &chunk {
                let Unit::Stdin { bytes } = unit else { unreachable!() };
                assert_eq!(bytes[0], b'a' + (seen % 26) as u8, "units stay in corpus order");
                seen += 1;
            }
            sizes.push(chunk.len());
        }
        assert_eq!(seen, corpus_units);
        sizes
    }

    #[test]
    fn chunks_fill_up_to_the_unit_limit() {
        assert_eq!(chunk_sizes(0, 4, 1, 1 << 20), Vec::<usize>::new());
        assert_eq!(chunk_sizes(3, 4, 1, 1 << 20), [3]);
        assert_eq!(chunk_sizes(10, 4, 1, 1 << 20), [4, 4, 2]);
    }

    #[test]
    fn the_byte_limit_still_bounds_a_chunk() {
        // Units of 10 bytes, chunks of 30 bytes.
        assert_eq!(chunk_sizes(10, 100, 10, 30), [3, 3, 3, 1]);
    }
}
