//! `.jsonl` input: one article per line, `{"id": …, "text": …}` with optional `title`,
//! `date` and `url`; other fields are ignored.
//!
//! A file is streamed line by line, so a corpus of any size needs memory for one chunk of
//! lines only; a line longer than the size cap is skipped over without being stored.

use super::text::invalid_utf8;
use crate::document::{Document, Metadata};
use serde::Deserialize;
use std::io::{self, BufRead};

#[derive(Deserialize)]
struct Article {
    id: String,
    text: String,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

/// Parses one line into a document (its `id` is the jsonl `id`).
pub fn parse_article(line: &[u8]) -> Result<Document, String> {
    let line = std::str::from_utf8(line).map_err(|err| invalid_utf8(err, 0))?;
    let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
    let article: Article = serde_json::from_str(line).map_err(|err| {
        // serde's own "at line 1 column N" would contradict the file's line number.
        let problem = err.to_string();
        let problem = problem.split(" at line ").next().unwrap_or_default();
        format!(
            "not a JSON article ({problem} at column {}); each line must be an object like \
             {{\"id\": \"…\", \"text\": \"…\"}}",
            err.column()
        )
    })?;
    if article.id.trim().is_empty() {
        return Err("the `id` is empty; every article needs a unique id".into());
    }
    let mut doc = Document::new(article.id, article.text);
    doc.meta = Metadata { title: article.title, date: article.date, url: article.url, document_name: None };
    Ok(doc)
}

/// Whether a line looks like a jsonl article: a JSON object with a string `text`. This is
/// how stdin is told apart from plain text.
pub fn looks_like_article(line: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(line)
        .is_ok_and(|value| value.get("text").is_some_and(|text| text.is_string()))
}

/// One line as read, with its 1-based number.
pub enum Line {
    Bytes(Vec<u8>),
    /// Longer than the cap: its length in bytes; the content was not kept.
    TooLong(usize),
}

/// Reads lines of at most `max_len` bytes; longer lines are consumed but not stored.
pub struct Lines<R> {
    reader: R,
    line_no: usize,
    max_len: usize,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R, max_len: usize) -> Self {
        Lines { reader, line_no: 0, max_len }
    }

    pub fn next_line(&mut self) -> io::Result<Option<(usize, Line)>> {
        let mut kept = Vec::new();
        let mut len = 0;
        let mut read_any = false;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                break;
            }
            read_any = true;
            let newline = available.iter().position(|&b| b == b'\n');
            let piece = &available[..newline.unwrap_or(available.len())];
            len += piece.len();
            if len <= self.max_len {
                kept.extend_from_slice(piece);
            } else {
                kept = Vec::new();
            }
            let used = newline.map_or(piece.len(), |at| at + 1);
            self.reader.consume(used);
            if newline.is_some() {
                break;
            }
        }
        if !read_any {
            return Ok(None);
        }
        self.line_no += 1;
        if len > self.max_len {
            return Ok(Some((self.line_no, Line::TooLong(len))));
        }
        if kept.last() == Some(&b'\r') {
            kept.pop();
        }
        Ok(Some((self.line_no, Line::Bytes(kept))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_article_with_metadata() {
        let doc = parse_article(
            r#"{"id":"a1","text":"„Nein“, sagte sie.","title":"Streit","url":"https://x.de/1"}"#.as_bytes(),
        )
        .unwrap();
        assert_eq!((doc.id.as_str(), doc.text.as_str()), ("a1", "„Nein“, sagte sie."));
        assert_eq!(doc.meta.title.as_deref(), Some("Streit"));
        assert!(parse_article(br#"{"text":"ohne id"}"#).unwrap_err().contains("`id`"));
    }

    #[test]
    fn skips_over_lines_beyond_the_cap_and_keeps_counting() {
        let input = format!("kurz\r\n{}\nauch kurz", "x".repeat(100));
        let mut lines = Lines::new(io::BufReader::with_capacity(8, input.as_bytes()), 20);
        assert!(matches!(lines.next_line().unwrap(), Some((1, Line::Bytes(b))) if b == b"kurz"));
        assert!(matches!(lines.next_line().unwrap(), Some((2, Line::TooLong(100)))));
        assert!(matches!(lines.next_line().unwrap(), Some((3, Line::Bytes(b))) if b == b"auch kurz"));
        assert!(lines.next_line().unwrap().is_none());
    }
}
