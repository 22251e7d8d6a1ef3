//! The corpus side: a zitat jsonl output read for its quotation texts (building the
//! index) and, for the quotations found, for their whole record.
//!
//! The index keeps only where each record's line starts; a match's record is read from
//! the corpus itself, so the index holds no text but its terms.

use serde::Deserialize;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// What building the index reads of a line: the quotation, and its speaker's name for the
/// names the verdict knows.
#[derive(Deserialize)]
struct QuoteOnly {
    quote: Text,
    #[serde(default)]
    speaker_canonical: Option<String>,
}

#[derive(Deserialize)]
struct Text {
    text: String,
}

/// What a match reports of a line (the fields `zitat run` writes; `speaker_id` and
/// `speaker_canonical` are null for a quotation without a named speaker).
#[derive(Clone, Debug, Deserialize)]
pub struct Record {
    pub doc: String,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub quote: RecordText,
    pub speaker: Option<RecordSpeaker>,
    #[serde(default)]
    pub speaker_id: Option<String>,
    #[serde(default)]
    pub speaker_canonical: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RecordText {
    pub text: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RecordSpeaker {
    pub text: String,
    pub name: Option<String>,
}

/// The quotation texts of a corpus, the byte offset of each one's line, and the
/// speakers' canonical names (once each).
pub struct Lines {
    pub texts: Vec<String>,
    pub offsets: Vec<u64>,
    pub speakers: Vec<String>,
}

/// Reads every line's quotation text; a line that is not a zitat record is an error
/// naming the file and the line.
pub fn read_texts(path: &Path) -> Result<Lines, String> {
    let file = File::open(path).map_err(|err| format!("cannot open the corpus {}: {err}", path.display()))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let (mut lines, mut line, mut offset) = (Lines { texts: Vec::new(), offsets: Vec::new(), speakers: Vec::new() }, String::new(), 0u64);
    let mut speakers = std::collections::BTreeSet::new();
    for number in 1.. {
        line.clear();
        let read = reader.read_line(&mut line).map_err(|err| format!("cannot read the corpus {}: {err}", path.display()))?;
        if read == 0 {
            break;
        }
        if !line.trim().is_empty() {
            let record: QuoteOnly = serde_json::from_str(&line).map_err(|err| {
                format!("{} line {number} is not a zitat jsonl record ({err}); give `zitat find` the output of `zitat run`", path.display())
            })?;
            lines.texts.push(record.quote.text);
            lines.offsets.push(offset);
            speakers.extend(record.speaker_canonical);
        }
        offset += read as u64;
    }
    lines.speakers = speakers.into_iter().collect();
    Ok(lines)
}

/// The record whose line starts at `offset`.
pub fn read_record(file: &mut File, path: &Path, offset: u64) -> Result<Record, String> {
    let problem = |err: &dyn std::fmt::Display| format!("cannot read the record at byte {offset} of {}: {err}", path.display());
    file.seek(SeekFrom::Start(offset)).map_err(|e| problem(&e))?;
    let mut line = String::new();
    BufReader::new(file.take(u64::MAX)).read_line(&mut line).map_err(|e| problem(&e))?;
    serde_json::from_str(&line).map_err(|e| problem(&e))
}
