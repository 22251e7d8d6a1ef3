//! Stage 1: inputs become documents.
//!
//! [`Corpus`] walks the inputs in a fixed order and yields [`Unit`]s: cheap descriptions of
//! what to read (a file, a line of a `.jsonl`, stdin). [`Unit::load`] does the reading and
//! checking and is meant to run in parallel over a chunk of units; it gives an [`Outcome`]:
//! a document, or a notice saying why the input was skipped or failed.
//!
//! Formats, by extension: `.txt` (UTF-8 text, one article), `.jsonl` (one article per line:
//! `id`, `text`, optional `title`, `date`, `url`), `.json` (an article of the annotated
//! dataset; its annotations are dropped), `.html`/`.htm` (a web page: its main text, title,
//! date and url, see [`html`]). Other extensions are skipped and counted.

pub mod corpus;
pub mod dataset;
pub mod gepade;
pub mod html;
pub mod jsonl;
pub mod shard;
pub mod text;

pub use corpus::{Corpus, Input};

use crate::document::Document;
use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

/// The cap on one article's input in bytes (a file, or a `.jsonl` line), unless
/// `--max-file-size` says otherwise. News articles are kilobytes; anything near this size is
/// a dump or a mistake, and refusing it keeps memory and run time bounded.
pub const DEFAULT_MAX_BYTES: u64 = 16_000_000;

/// Which reader a file needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Text,
    /// An article of the annotated dataset, its annotations dropped (input to annotate).
    Dataset,
    /// An article of the annotated dataset with its annotations (gold, for eval and train).
    Gold,
    /// A web page; its main text is read ([`html`]).
    Html,
}

/// Something to read, in corpus order.
pub enum Unit {
    /// A file holding one article.
    File { path: PathBuf, id: String, format: FileFormat, size: u64 },
    /// Plain text read from stdin.
    Stdin { bytes: Vec<u8> },
    /// One line of a `.jsonl` file (or of jsonl on stdin): `file` is the file's id, what
    /// places the line in a shard; `origin` the path as given, for messages.
    JsonlLine { origin: Arc<str>, file: Arc<str>, line: usize, bytes: Vec<u8> },
    /// Decided while walking: skipped or failed; `key` places it in a shard ([`shard`]).
    Done { key: String, outcome: Outcome },
    /// A unit of a sharded corpus with its index in the whole corpus, which its document
    /// keeps ([`Document::corpus_position`]) so that `zitat merge` restores the order.
    Positioned { position: u64, unit: Box<Unit> },
}

/// The result of reading one unit.
pub enum Outcome {
    Document(Document),
    Skipped(Notice),
    Failed(Notice),
}

/// What happened to one input, for stderr: `origin: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The file as given on the command line or found in a directory, with the line number
    /// for `.jsonl`.
    pub origin: String,
    pub message: String,
}

impl Notice {
    pub fn new(origin: impl Into<String>, message: impl Into<String>) -> Self {
        Notice { origin: origin.into(), message: message.into() }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// The id of the document read from stdin as plain text.
pub const STDIN_ID: &str = "stdin";

impl Unit {
    /// Bytes this unit will occupy once read, for sizing chunks.
    pub fn size(&self) -> u64 {
        match self {
            Unit::File { size, .. } => *size,
            Unit::Stdin { bytes } | Unit::JsonlLine { bytes, .. } => bytes.len() as u64,
            Unit::Done { .. } => 0,
            Unit::Positioned { unit, .. } => unit.size(),
        }
    }

    /// Reads and checks the input; `max_bytes` caps its size.
    pub fn load(self, max_bytes: u64) -> Outcome {
        match self {
            Unit::File { path, id, format, .. } => {
                let origin = path.display().to_string();
                let result = read_capped(&path, max_bytes)
                    .and_then(text::decode_utf8)
                    .and_then(|text| document_from(&id, text, format));
                outcome(origin, result)
            }
            Unit::Stdin { bytes } => {
                let result = check_size(bytes.len() as u64, max_bytes)
                    .and_then(|()| text::decode_utf8(bytes))
                    .map(|text| Document::new(STDIN_ID, text));
                outcome("<stdin>".into(), result)
            }
            Unit::JsonlLine { origin, line, bytes, .. } => {
                outcome(format!("{origin} line {line}"), jsonl::parse_article(&bytes))
            }
            Unit::Done { outcome, .. } => outcome,
            Unit::Positioned { position, unit } => match unit.load(max_bytes) {
                Outcome::Document(mut doc) => {
                    doc.corpus_position = Some(position);
                    Outcome::Document(doc)
                }
                other => other,
            },
        }
    }
}

fn outcome(origin: String, result: Result<Document, String>) -> Outcome {
    match result {
        Ok(doc) if text::is_blank(&doc.text) => {
            Outcome::Skipped(Notice::new(origin, "no text (empty or only whitespace), skipped"))
        }
        Ok(doc) => Outcome::Document(doc),
        Err(message) => Outcome::Failed(Notice::new(origin, message)),
    }
}

fn document_from(id: &str, text: String, format: FileFormat) -> Result<Document, String> {
    match format {
        FileFormat::Text => Ok(Document::new(id, text)),
        FileFormat::Html => html::read_html_document(id, &text),
        FileFormat::Dataset => {
            if text::is_blank(&text) {
                return Ok(Document::new(id, text));
            }
            let mut doc = dataset::read_dataset_document(id, &text)?;
            dataset::strip_annotations(&mut doc);
            Ok(doc)
        }
        FileFormat::Gold => dataset::read_dataset_document(id, &text),
    }
}

/// Reads a file, refusing it when it is over the cap (checked before reading, and while
/// reading in case the file grows).
fn read_capped(path: &std::path::Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let cannot_read = |err: std::io::Error| format!("cannot read: {err}");
    let file = File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    check_size(size, max_bytes)?;
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max_bytes + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    check_size(bytes.len() as u64, max_bytes)?;
    Ok(bytes)
}

/// The refusal for inputs over the cap; `size` is in bytes.
pub fn check_size(size: u64, max_bytes: u64) -> Result<(), String> {
    if size <= max_bytes {
        return Ok(());
    }
    Err(format!(
        "{} is larger than the limit of {} per article; split it into articles (e.g. one per \
         line of a .jsonl) or raise --max-file-size",
        megabytes(size),
        megabytes(max_bytes)
    ))
}

/// A size for messages: MB with one decimal from 0.1 MB up, else kB or bytes, so that a
/// small limit never reads "0.0 MB".
fn megabytes(bytes: u64) -> String {
    match bytes {
        100_000.. => format!("{:.1} MB", bytes as f64 / 1e6),
        1_000.. => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{bytes} bytes"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn small_sizes_keep_their_digits() {
        assert_eq!(super::megabytes(16_000_000), "16.0 MB");
        assert_eq!(super::megabytes(20_000), "20.0 kB");
        assert_eq!(super::megabytes(512), "512 bytes");
    }
}
