//! Walks the inputs and yields [`Unit`]s in a fixed order: inputs as given, directories
//! depth-first with entries sorted by file name, `.jsonl` files line by line. The same inputs
//! always give the same sequence, which is what makes output independent of thread count.

use super::jsonl::{self, Line, Lines};
use super::{check_size, FileFormat, Notice, Outcome, Unit};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use super::shard::{line_key, Shard};

/// One command-line input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    /// A path named in a `--files-from` list: its document id is the path as listed, so
    /// that files of the same name in different folders stay apart.
    Listed(PathBuf),
    /// `-`: plain text, or jsonl when its first non-blank line is a JSON object with a
    /// string `text`.
    Stdin,
}

impl Input {
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

type LineSource = Lines<Box<dyn BufRead + Send>>;

enum Source {
    Walk { root: PathBuf, walker: walkdir::IntoIter },
    /// `file`: the file's id (its shard key), `origin`: its path as given (for messages).
    Jsonl { origin: Arc<str>, file: Arc<str>, lines: LineSource },
}

/// The units of all inputs, in order. Reads ahead only one `.jsonl` line at a time.
pub struct Corpus {
    inputs: VecDeque<Input>,
    /// Innermost last: a `.jsonl` being read sits above the directory walk that found it.
    sources: Vec<Source>,
    max_bytes: u64,
    /// Paths never read as input (the run's own output).
    exclude: Vec<PathBuf>,
    shard: Shard,
    /// Set by [`Corpus::shard`]: units carry their index in the whole corpus.
    positioned: bool,
    /// Units walked so far, of every shard.
    walked: u64,
}

impl Corpus {
    pub fn new(inputs: Vec<Input>, max_bytes: u64) -> Self {
        Corpus { inputs: inputs.into(), sources: Vec::new(), max_bytes, exclude: Vec::new(), shard: Shard { index: 1, count: 1 }, positioned: false, walked: 0 }
    }

    /// Only the units of one shard of the corpus, each with its index in the whole corpus
    /// (every machine walks the whole corpus, so the indexes agree).
    pub fn shard(mut self, shard: Shard) -> Self {
        self.shard = shard;
        self.positioned = true;
        self
    }

    /// Leaves out a path (a file or a directory) if a walk comes across it, so that a run
    /// never reads what it is writing.
    pub fn exclude(mut self, path: &Path) -> Self {
        if let Ok(path) = path.canonicalize() {
            self.exclude.push(path);
        }
        self
    }

    fn start(&mut self, input: Input) -> Option<Unit> {
        match input {
            Input::Stdin => self.start_stdin(),
            Input::Path(path) | Input::Listed(path) if path.is_dir() => {
                let walker = walkdir::WalkDir::new(&path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter();
                self.sources.push(Source::Walk { root: path, walker });
                None
            }
            Input::Listed(path) if !path.is_dir() => {
                let id = path.to_string_lossy().into_owned();
                self.file_unit(path, id)
            }
            Input::Path(path) | Input::Listed(path) => {
                let id = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                );
                self.file_unit(path, id)
            }
        }
    }

    /// The unit for a file by its extension; `.jsonl` opens a line source instead, its lines
    /// keyed by `id`.
    fn file_unit(&mut self, path: PathBuf, id: String) -> Option<Unit> {
        let origin = path.display().to_string();
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        let format = match extension.as_deref() {
            Some("txt") => FileFormat::Text,
            Some("json") => FileFormat::Dataset,
            Some("html" | "htm") => FileFormat::Html,
            Some("jsonl") => {
                return match File::open(&path) {
                    Ok(file) => {
                        let reader: Box<dyn BufRead + Send> = Box::new(BufReader::new(file));
                        let lines = Lines::new(reader, self.max_bytes as usize);
                        self.sources.push(Source::Jsonl { origin: origin.into(), file: id.into(), lines });
                        None
                    }
                    Err(err) => Some(failed(id, origin, format!("cannot read: {err}"))),
                };
            }
            other => {
                let what = other.map_or("no extension".into(), |e| format!("unknown extension .{e}"));
                let message = format!("{what}, skipped (zitat reads .txt, .jsonl, .json, .html and .htm)");
                return Some(skipped(id, origin, message));
            }
        };
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        Some(Unit::File { path, id, format, size })
    }

    fn start_stdin(&mut self) -> Option<Unit> {
        match sniff_stdin(self.max_bytes) {
            Ok(Sniffed::Jsonl(reader)) => {
                let lines = Lines::new(reader, self.max_bytes as usize);
                self.sources.push(Source::Jsonl { origin: "<stdin>".into(), file: "<stdin>".into(), lines });
                None
            }
            Ok(Sniffed::Text(bytes)) => Some(Unit::Stdin { bytes }),
            Err(err) => Some(failed("<stdin>", "<stdin>".into(), format!("cannot read: {err}"))),
        }
    }

    fn next_walked(&mut self, root: &Path, entry: walkdir::Result<walkdir::DirEntry>) -> Option<Unit> {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root);
                let cause = err.io_error().map_or_else(|| err.to_string(), |io| io.to_string());
                return Some(failed(relative_id(root, path), path.display().to_string(), format!("cannot read: {cause}")));
            }
        };
        if entry.file_type().is_dir() || self.is_excluded(entry.path()) {
            return None;
        }
        let id = relative_id(root, entry.path());
        if !entry.file_type().is_file() {
            let message = "not a regular file (a FIFO, socket or device), skipped: zitat reads files it can read to the end";
            return Some(skipped(id, entry.path().display().to_string(), message.into()));
        }
        self.file_unit(entry.into_path(), id)
    }

    fn is_excluded(&self, path: &Path) -> bool {
        !self.exclude.is_empty()
            && path.canonicalize().is_ok_and(|p| self.exclude.iter().any(|x| p.starts_with(x)))
    }
}

impl Iterator for Corpus {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        loop {
            let unit = self.next_unit()?;
            let position = self.walked;
            self.walked += 1;
            if !self.shard.takes(&unit) {
                continue;
            }
            return Some(if self.positioned { Unit::Positioned { position, unit: Box::new(unit) } } else { unit });
        }
    }
}

impl Corpus {
    fn next_unit(&mut self) -> Option<Unit> {
        loop {
            let unit = match self.sources.last_mut() {
                None => {
                    let input = self.inputs.pop_front()?;
                    self.start(input)
                }
                Some(Source::Jsonl { origin, file, lines }) => match lines.next_line() {
                    Ok(Some((line, content))) => line_unit(origin, file, line, content, self.max_bytes),
                    Ok(None) => {
                        self.sources.pop();
                        None
                    }
                    Err(err) => {
                        let unit = failed(file.to_string(), origin.to_string(), format!("stopped reading: {err}"));
                        self.sources.pop();
                        Some(unit)
                    }
                },
                Some(Source::Walk { root, walker }) => match walker.next() {
                    Some(entry) => {
                        let root = root.clone();
                        self.next_walked(&root, entry)
                    }
                    None => {
                        self.sources.pop();
                        None
                    }
                },
            };
            if unit.is_some() {
                return unit;
            }
        }
    }
}

fn line_unit(origin: &Arc<str>, file: &Arc<str>, line: usize, content: Line, max_bytes: u64) -> Option<Unit> {
    match content {
        Line::Bytes(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => None,
        Line::Bytes(bytes) => Some(Unit::JsonlLine { origin: origin.clone(), file: file.clone(), line, bytes }),
        Line::TooLong(len) => {
            let message = check_size(len as u64, max_bytes).unwrap_err();
            Some(failed(line_key(file, line), format!("{origin} line {line}"), message))
        }
    }
}

/// A file's id below the directory `root` it was found in.
fn relative_id(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().into_owned()
}

/// `key` places the notice in a shard; `origin` names the input in the message.
fn failed(key: impl Into<String>, origin: String, message: String) -> Unit {
    Unit::Done { key: key.into(), outcome: Outcome::Failed(Notice::new(origin, message)) }
}

fn skipped(key: impl Into<String>, origin: String, message: String) -> Unit {
    Unit::Done { key: key.into(), outcome: Outcome::Skipped(Notice::new(origin, message)) }
}

enum Sniffed {
    Jsonl(Box<dyn BufRead + Send>),
    Text(Vec<u8>),
}

/// Reads stdin up to its first non-blank line to tell jsonl from text, then hands back a
/// reader that starts again at the first byte.
fn sniff_stdin(max_bytes: u64) -> io::Result<Sniffed> {
    let mut stdin = BufReader::new(io::stdin());
    let mut head = Vec::new();
    let mut line_start;
    loop {
        line_start = head.len();
        let room = (max_bytes + 1).saturating_sub(head.len() as u64);
        let read = (&mut stdin).take(room).read_until(b'\n', &mut head)?;
        let line = &head[line_start..];
        if read == 0 || !line.iter().all(u8::is_ascii_whitespace) || head.len() as u64 > max_bytes {
            break;
        }
    }
    let first_line = head[line_start..].strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&head[line_start..]);
    let is_jsonl = jsonl::looks_like_article(first_line);
    let rest = Cursor::new(head).chain(stdin);
    if is_jsonl {
        return Ok(Sniffed::Jsonl(Box::new(BufReader::new(rest))));
    }
    let mut bytes = Vec::new();
    rest.take(max_bytes + 1).read_to_end(&mut bytes)?;
    Ok(Sniffed::Text(bytes))
}
