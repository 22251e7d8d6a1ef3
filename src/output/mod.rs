//! Stage 5: annotated documents are written out.
//!
//! [`jsonl`]: one line per quotation, to stdout or to a file written through
//! [`resumable`]. [`dataset`]: one JSON per document in the annotated dataset's schema,
//! into a directory, each file written whole or not at all. A [`Sink`] takes documents
//! chunk by chunk, renders them in parallel and writes them in the order given.

pub mod dataset;
pub mod jsonl;
pub mod resumable;

use resumable::ResumableFile;
use crate::document::Document;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Where and how a run writes.
pub enum Sink {
    /// JSON lines to a stream (stdout), in document order, flushed after every chunk.
    Jsonl(Box<dyn Write + Send>),
    /// JSON lines to a file, which appears only when the run is complete.
    JsonlFile(ResumableFile),
    /// `DIR/<document id with .json extension>`, one file per document; `resume` skips
    /// documents whose file exists.
    DatasetDir { dir: PathBuf, resume: bool },
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
            Sink::Jsonl(_) | Sink::JsonlFile(_) => id.to_string(),
            Sink::DatasetDir { .. } => dataset_file_name(id).map_or_else(|_| id.to_string(), |p| p.to_string_lossy().into_owned()),
        }
    }

    /// Whether the run this one resumes wrote the document already.
    pub fn is_done(&self, id: &str) -> bool {
        match self {
            Sink::Jsonl(_) => false,
            Sink::JsonlFile(file) => file.is_done(id),
            Sink::DatasetDir { dir, resume } => *resume && dataset_file_name(id).is_ok_and(|name| dir.join(name).exists()),
        }
    }

    /// Ends the run: the output file moves into place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Jsonl(mut out) => out.flush(),
            Sink::JsonlFile(file) => file.finish(),
            Sink::DatasetDir { .. } => Ok(()),
        }
    }

    /// Writes a chunk of annotated documents. An error of the stream ends the run; a
    /// document whose file cannot be written is reported and the others go on.
    pub fn write_chunk(&mut self, docs: &[Document]) -> io::Result<Vec<WriteFailure>> {
        match self {
            Sink::Jsonl(out) => {
                let rendered: Vec<String> = docs.par_iter().map(jsonl::render_document).collect();
                for lines in rendered {
                    out.write_all(lines.as_bytes())?;
                }
                out.flush()?;
                Ok(Vec::new())
            }
            Sink::JsonlFile(file) => {
                let rendered: Vec<(&str, String)> = docs.par_iter().map(|doc| (doc.id.as_str(), jsonl::render_document(doc))).collect();
                file.write_chunk(&rendered)?;
                Ok(Vec::new())
            }
            Sink::DatasetDir { dir, .. } => Ok(docs
                .par_iter()
                .filter_map(|doc| write_dataset_file(dir, doc).err())
                .collect()),
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
