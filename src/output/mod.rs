//! Stage 5: annotated documents are written out.
//!
//! [`jsonl`]: one line per quotation, streamed chunk by chunk through a [`resumable`] file
//! (OUT, or a temporary one for stdout); the corpus-wide fields (speaker ids, quote
//! clusters) are added in one pass over it at the end. [`csv`]: one row per quotation, and
//! [`html`]: a review site, both written at the end from each document's small
//! [`record`]s. [`dataset`]: one JSON per document in the annotated dataset's schema, into
//! a directory, each file written whole or not at all. A [`Sink`] takes documents chunk by
//! chunk, renders them in parallel and writes them in the order given. [`merge`]: the
//! jsonl outputs of a sharded run become the single run's jsonl or csv.

pub mod csv;
pub mod dataset;
pub mod html;
pub mod jsonl;
pub mod merge;
pub mod record;
pub mod resumable;

use crate::document::Document;
use rayon::prelude::*;
use resumable::ResumableFile;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Where and how a run writes.
pub enum Sink {
    /// JSON lines into a resumable file; at the end, with the corpus-wide fields, onto
    /// that file's target or, for stdout, to stdout.
    Jsonl { file: ResumableFile, stdout: Option<Box<dyn Write + Send>> },
    /// csv or the review site: records collected per chunk, written at the end.
    Corpus(CorpusSink),
    /// `DIR/<document id with .json extension>`, one file per document; `resume` skips
    /// documents whose file exists.
    DatasetDir { dir: PathBuf, resume: bool },
}

/// A format written from the whole corpus's records.
pub enum CorpusFormat {
    /// To this file (written at the end through `FILE.partial`, so an earlier result
    /// survives until then), or to stdout.
    Csv(Option<PathBuf>, csv::Flavour),
    /// Article pages are written per chunk, the rest at the end.
    Html(html::Site),
}

pub struct CorpusSink {
    format: CorpusFormat,
    corpus: record::Corpus,
}

/// A document that could not be written, and why.
pub struct WriteFailure {
    pub id: String,
    pub message: String,
}

impl Sink {
    pub fn corpus(format: CorpusFormat) -> Sink {
        Sink::Corpus(CorpusSink { format, corpus: record::Corpus::default() })
    }

    /// What must be unique among the documents of a run: the output file for a directory,
    /// the id for a stream.
    pub fn unique_key(&self, id: &str) -> String {
        match self {
            Sink::Jsonl { .. } | Sink::Corpus(_) => id.to_string(),
            Sink::DatasetDir { .. } => dataset_file_name(id).map_or_else(|_| id.to_string(), |p| p.to_string_lossy().into_owned()),
        }
    }

    /// Whether the run this one resumes wrote the document already.
    pub fn is_done(&self, id: &str) -> bool {
        match self {
            Sink::Jsonl { file, .. } => file.is_done(id),
            Sink::Corpus(_) => false,
            Sink::DatasetDir { dir, resume } => *resume && dataset_file_name(id).is_ok_and(|name| dir.join(name).exists()),
        }
    }

    /// After an interruption: where the run left what it wrote, for the message that says
    /// how to resume (None for stdout, which cannot resume).
    pub fn interrupted(&self) -> io::Result<Option<&Path>> {
        match self {
            Sink::Jsonl { file, stdout: None } => Ok(Some(file.partial_path())),
            _ => Ok(None),
        }
    }

    /// Writes a chunk of annotated documents. An error of the stream ends the run; a
    /// document whose file cannot be written is reported and the others go on.
    pub fn write_chunk(&mut self, docs: &[Document]) -> io::Result<Vec<WriteFailure>> {
        match self {
            Sink::Jsonl { file, .. } => {
                let rendered: Vec<(&str, String)> = docs.par_iter().map(|doc| (doc.id.as_str(), jsonl::render_document(doc))).collect();
                file.write_chunk(&rendered)?;
                Ok(Vec::new())
            }
            Sink::Corpus(sink) => Ok(sink.add_chunk(docs)),
            Sink::DatasetDir { dir, .. } => Ok(docs
                .par_iter()
                .filter_map(|doc| write_dataset_file(dir, doc).err())
                .collect()),
        }
    }

    /// Writes what only the whole corpus can give (jsonl's corpus fields, csv, the site's
    /// index) and moves the output into place; call once, after the last chunk.
    pub fn finish(&mut self) -> io::Result<Vec<WriteFailure>> {
        match self {
            Sink::Jsonl { file, stdout: None } => file.commit(jsonl::add_corpus_fields).map(|()| Vec::new()),
            Sink::Jsonl { file, stdout: Some(out) } => file.drain_into(out, jsonl::add_corpus_fields).map(|()| Vec::new()),
            Sink::Corpus(sink) => sink.finish(),
            Sink::DatasetDir { .. } => Ok(Vec::new()),
        }
    }
}

/// The spool of stdout jsonl is removed however the run ends (done, interrupted, a broken
/// pipe): nobody can resume it.
impl Drop for Sink {
    fn drop(&mut self) {
        if let Sink::Jsonl { file, stdout: Some(_) } = self {
            let _ = file.discard();
        }
    }
}

impl CorpusSink {
    /// Keeps the records of a chunk and writes its html pages. A document whose page could
    /// not be written is returned; its records stay (without a page), so that the corpus
    /// indices the written pages refer to do not shift.
    fn add_chunk(&mut self, docs: &[Document]) -> Vec<WriteFailure> {
        let CorpusFormat::Html(site) = &mut self.format else {
            for doc in docs {
                self.corpus.add(doc, None);
            }
            return Vec::new();
        };
        let mut first = self.corpus.quotes.len();
        let mut pages = Vec::with_capacity(docs.len());
        for doc in docs {
            pages.push((doc, site.page_name(&doc.id), first));
            first += doc.quotations.len();
        }
        let failures = site.write_articles(&pages);
        for (doc, page, _) in pages {
            let failed = failures.iter().any(|f| f.id == doc.id);
            self.corpus.add(doc, (!failed).then_some(page));
        }
        failures
    }

    fn finish(&mut self) -> io::Result<Vec<WriteFailure>> {
        self.corpus.resolve();
        match &mut self.format {
            CorpusFormat::Csv(None, flavour) => csv::write(&self.corpus, io::BufWriter::new(io::stdout()), *flavour).map(|()| Vec::new()),
            CorpusFormat::Csv(Some(path), flavour) => {
                let partial = resumable::companions(path).0;
                csv::write(&self.corpus, io::BufWriter::new(std::fs::File::create(&partial)?), *flavour)?;
                std::fs::rename(&partial, path).map(|()| Vec::new())
            }
            CorpusFormat::Html(site) => site.finish(&self.corpus),
        }
    }
}

fn write_dataset_file(dir: &Path, doc: &Document) -> Result<(), WriteFailure> {
    let fail = |message: String| WriteFailure { id: doc.id.clone(), message };
    let path = dir.join(dataset_file_name(&doc.id).map_err(fail)?);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|err| fail(format!("cannot create {}: {err}", parent.display())))?;
    }
    let partial = resumable::companions(&path).0;
    std::fs::write(&partial, dataset::render_dataset_document(doc))
        .and_then(|()| std::fs::rename(&partial, &path))
        .map_err(|err| fail(format!("cannot write {}: {err}", path.display())))
}

/// The output path for a document id, relative to the output directory: the id with its
/// `.txt` or `.json` extension replaced by `.json`, or `.json` appended (so that jsonl ids
/// like `a.1` and `a.2` stay apart). Ids that would leave the directory (absolute, `..`)
/// are refused.
pub fn dataset_file_name(id: &str) -> Result<PathBuf, String> {
    let path = Path::new(id);
    let stays_inside = path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !stays_inside || path.file_name().is_none() {
        return Err(format!(
            "document id {id:?} is not a relative file path, so it cannot name an output file; \
             use ids without a leading / or .. parts"
        ));
    }
    let known_extension = path.extension().is_some_and(|e| e == "txt" || e == "json");
    Ok(if known_extension { path.with_extension("json") } else { PathBuf::from(format!("{id}.json")) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_keep_folders_and_never_leave_the_directory() {
        assert_eq!(dataset_file_name("sport/trainer.txt").unwrap(), PathBuf::from("sport/trainer.json"));
        assert_eq!(dataset_file_name("42.pretty.json").unwrap(), PathBuf::from("42.pretty.json"));
        assert_eq!(dataset_file_name("artikel-7").unwrap(), PathBuf::from("artikel-7.json"));
        assert_eq!(dataset_file_name("dpa.2024.1").unwrap(), PathBuf::from("dpa.2024.1.json"));
        assert!(dataset_file_name("../x").is_err());
        assert!(dataset_file_name("/etc/x").is_err());
    }
}
