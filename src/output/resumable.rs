//! An output file that a run never destroys and can resume.
//!
//! The run writes to `OUT.partial` beside the target, never to OUT itself, and renames it
//! onto OUT when every document is written: an interrupted run leaves OUT as it was.
//! After every chunk, once its lines are flushed and synced, `OUT.journal` gets one JSON
//! line naming the chunk's documents and the partial file's length. A resumed run reads
//! the journal, cuts the partial file back to the last length recorded (a chunk whose
//! journal line was never written is dropped whole) and skips the documents named; since
//! chunks are written in corpus order, appending the rest gives exactly the output of an
//! uninterrupted run.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// One journal line: the documents of a chunk and the partial file's length after it.
#[derive(Serialize, Deserialize)]
struct Entry {
    done: Vec<String>,
    bytes: u64,
}

pub struct ResumableFile {
    target: PathBuf,
    partial: PathBuf,
    journal_path: PathBuf,
    out: io::BufWriter<File>,
    journal: File,
    bytes: u64,
    done: HashSet<String>,
}

/// `OUT.partial` and `OUT.journal`.
pub fn companions(target: &Path) -> (PathBuf, PathBuf) {
    let with = |suffix: &str| {
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        target.with_file_name(name)
    };
    (with(".partial"), with(".journal"))
}

impl ResumableFile {
    /// Starts afresh; an earlier interrupted run's partial output is discarded.
    pub fn create(target: &Path) -> io::Result<Self> {
        let (partial, journal_path) = companions(target);
        let out = File::create(&partial)?;
        let journal = File::create(&journal_path)?;
        Ok(Self::assemble(target, partial, journal_path, out, journal, 0, HashSet::new()))
    }

    /// Continues an interrupted run, or starts afresh when there is nothing to continue.
    pub fn resume(target: &Path) -> io::Result<Self> {
        let (partial, journal_path) = companions(target);
        if !partial.exists() || !journal_path.exists() {
            return Self::create(target);
        }
        let (done, bytes) = read_journal(&journal_path)?;
        let mut out = OpenOptions::new().write(true).open(&partial)?;
        out.set_len(bytes)?;
        out.seek(SeekFrom::End(0))?;
        let journal = OpenOptions::new().append(true).open(&journal_path)?;
        Ok(Self::assemble(target, partial, journal_path, out, journal, bytes, done))
    }

    fn assemble(target: &Path, partial: PathBuf, journal_path: PathBuf, out: File, journal: File, bytes: u64, done: HashSet<String>) -> Self {
        ResumableFile { target: target.to_path_buf(), partial, journal_path, out: io::BufWriter::new(out), journal, bytes, done }
    }

    /// Documents already written by the run this one resumes.
    pub fn is_done(&self, id: &str) -> bool {
        self.done.contains(id)
    }

    pub fn partial_path(&self) -> &Path {
        &self.partial
    }

    /// Appends a chunk (`(document id, its lines)` in order) and records it in the journal.
    pub fn write_chunk(&mut self, chunk: &[(&str, String)]) -> io::Result<()> {
        for (_, lines) in chunk {
            self.out.write_all(lines.as_bytes())?;
            self.bytes += lines.len() as u64;
        }
        self.out.flush()?;
        self.out.get_ref().sync_data()?;
        let entry = Entry { done: chunk.iter().map(|(id, _)| id.to_string()).collect(), bytes: self.bytes };
        let mut line = serde_json::to_string(&entry).map_err(io::Error::other)?;
        line.push('\n');
        self.journal.write_all(line.as_bytes())?;
        self.journal.sync_data()
    }

    /// Writes the target from the complete partial file through `finish` (which reads the
    /// partial file and writes the final form), atomically: into `OUT.tmp`, renamed onto
    /// OUT; only then are the partial file and the journal removed, so that a journal
    /// beside OUT always means its run has not finished (what `zitat merge` checks).
    pub fn commit(&mut self, finish: impl FnOnce(&Path, &mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let tmp = companions(&self.target).0.with_extension("tmp");
        let mut out = io::BufWriter::new(File::create(&tmp)?);
        self.out.flush()?;
        finish(&self.partial, &mut out)?;
        out.flush()?;
        out.get_ref().sync_all()?;
        std::fs::rename(&tmp, &self.target)?;
        std::fs::remove_file(&self.partial)?;
        std::fs::remove_file(&self.journal_path)
    }

    /// Removes the partial file and the journal (what is already gone is no error): for a
    /// spool that nobody can resume.
    pub fn discard(&mut self) -> io::Result<()> {
        for path in [&self.partial, &self.journal_path] {
            match std::fs::remove_file(path) {
                Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
                _ => {}
            }
        }
        Ok(())
    }

    /// Like [`Self::commit`], but the final form goes to `out` (stdout).
    pub fn drain_into(&mut self, out: &mut dyn Write, finish: impl FnOnce(&Path, &mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        self.out.flush()?;
        finish(&self.partial, out)?;
        out.flush()?;
        std::fs::remove_file(&self.partial)?;
        std::fs::remove_file(&self.journal_path)
    }
}

/// The documents done and the partial length after the last complete journal line.
fn read_journal(path: &Path) -> io::Result<(HashSet<String>, u64)> {
    let mut done = HashSet::new();
    let mut bytes = 0;
    for line in BufReader::new(File::open(path)?).lines() {
        // A torn last line (the run died while writing it) ends the journal.
        let Ok(entry) = serde_json::from_str::<Entry>(&line?) else { break };
        done.extend(entry.done);
        bytes = entry.bytes;
    }
    Ok((done, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resumed_file_drops_the_unjournaled_tail_and_continues() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        std::fs::write(&target, "old result\n").unwrap();
        let mut file = ResumableFile::create(&target).unwrap();
        file.write_chunk(&[("a", "A\n".into()), ("b", String::new())]).unwrap();
        drop(file);
        let (partial, _) = companions(&target);
        std::fs::OpenOptions::new().append(true).open(&partial).unwrap().write_all(b"half a chu").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old result\n", "the target is untouched until the end");
        let mut file = ResumableFile::resume(&target).unwrap();
        assert!(file.is_done("a") && file.is_done("b") && !file.is_done("c"));
        file.write_chunk(&[("c", "C\n".into())]).unwrap();
        file.commit(|partial, out| out.write_all(&std::fs::read(partial)?)).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "A\nC\n");
        assert!(!partial.exists());
    }
}
