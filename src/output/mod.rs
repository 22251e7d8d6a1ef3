//! Stage 5: annotated documents are written out.
//!
//! [`jsonl`]: one line per quotation, to a stream (stdout or a file). [`csv`]: one row per
//! quotation. [`html`]: a review site in a directory. [`dataset`]: one JSON per document in
//! the annotated dataset's schema, into a directory. A [`Sink`] takes documents chunk by
//! chunk, renders them in parallel and writes them in the order given.
//!
//! jsonl, csv and html carry corpus-wide facts (speaker ids, quote clusters), so they keep
//! each document's small [`record`]s and write them in [`Sink::finish`].

pub mod csv;
pub mod dataset;
pub mod html;
pub mod jsonl;
pub mod record;

use crate::document::Document;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Where and how a run writes.
pub enum Sink {
    /// jsonl, csv or the review site: records collected per chunk, written at the end.
    Corpus(CorpusSink),
    /// `DIR/<document id with .json extension>`, one file per document.
    DatasetDir(PathBuf),
}

/// A format written from the whole corpus's records.
pub enum CorpusFormat {
    Jsonl(Box<dyn Write + Send>),
    Csv(Box<dyn Write + Send>),
    /// Article pages are written per chunk, the rest at the end.
    Html(html::Site),
}

pub struct CorpusSink {
    format: CorpusFormat,
    corpus: record::Corpus,
}

impl Sink {
    pub fn corpus(format: CorpusFormat) -> Sink {
        Sink::Corpus(CorpusSink { format, corpus: record::Corpus::default() })
    }
}

/// A document that could not be written, and why.
pub struct WriteFailure {
    pub id: String,
    pub message: String,
}

impl Sink {
    /// What must be unique among the documents of a run: the output file for a directory,
    /// the id for a stream.
    pub fn unique_key(&self, id: &str) -> String {
        match self {
            Sink::Corpus(_) => id.to_string(),
            Sink::DatasetDir(_) => dataset_file_name(id).map_or_else(|_| id.to_string(), |p| p.to_string_lossy().into_owned()),
        }
    }

    /// Writes a chunk of annotated documents. An error of the stream ends the run; a
    /// document whose file cannot be written is reported and the others go on.
    pub fn write_chunk(&mut self, docs: &[Document]) -> io::Result<Vec<WriteFailure>> {
        match self {
            Sink::Corpus(sink) => Ok(sink.add_chunk(docs)),
            Sink::DatasetDir(dir) => Ok(docs
                .par_iter()
                .filter_map(|doc| write_dataset_file(dir, doc).err())
                .collect()),
        }
    }

    /// Writes what only the whole corpus can give (jsonl, csv, the site's index); call once,
    /// after the last chunk.
    pub fn finish(&mut self) -> io::Result<Vec<WriteFailure>> {
        match self {
            Sink::Corpus(sink) => sink.finish(),
            Sink::DatasetDir(_) => Ok(Vec::new()),
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
            CorpusFormat::Jsonl(out) => jsonl::write(&self.corpus, out).map(|()| Vec::new()),
            CorpusFormat::Csv(out) => csv::write(&self.corpus, out).map(|()| Vec::new()),
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
    std::fs::write(&path, dataset::render_dataset_document(doc))
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
