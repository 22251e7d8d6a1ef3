//! The annotated dataset's JSON (one article per file): its schema, and reading it into a
//! [`Document`] with the gold tokens, sentences and quotations.
//!
//! The schema structs are shared with the writer (`output::dataset`), so that what zitat
//! writes is read back by the same definitions. Only character offsets are trusted when
//! reading: token indices (`begin`/`end`) and `tokenIds` follow from them.

use crate::document::{Document, Medium, Quotation, QuoteType, Span, Token};
use serde::{Deserialize, Serialize};
use super::{FileFormat, Notice, Outcome, Unit};
use rayon::prelude::*;
use regex::Regex;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// One article file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetFile {
    #[serde(default)]
    pub document_name: Option<String>,
    pub original_text: String,
    #[serde(default)]
    pub tokens: Vec<DatasetToken>,
    #[serde(default)]
    pub sentences: Vec<DatasetSentence>,
    #[serde(default)]
    pub annotations: Vec<DatasetAnnotation>,
}

/// `sentence` and `word` count from 1, as in the dataset.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetToken {
    pub id: usize,
    #[serde(default)]
    pub text: String,
    pub char_begin: usize,
    pub char_end: usize,
    #[serde(default)]
    pub sentence: usize,
    #[serde(default)]
    pub word: usize,
}

/// `begin`/`end` are token indices, `end` exclusive.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetSentence {
    #[serde(default)]
    pub id: usize,
    #[serde(default)]
    pub begin: usize,
    #[serde(default)]
    pub end: usize,
    pub char_begin: usize,
    pub char_end: usize,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub token_ids: Vec<usize>,
    #[serde(default)]
    pub tokens: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetAnnotation {
    pub quote: DatasetRole,
    #[serde(default)]
    pub speaker: DatasetRole,
    #[serde(default)]
    pub cue: DatasetRole,
    #[serde(default)]
    pub frame: DatasetRole,
    #[serde(default)]
    pub addressee: DatasetRole,
    #[serde(rename = "type")]
    pub kind: String,
    /// A [`Medium`] name; the dataset writes `none` (and other tools may write "") when
    /// the annotators gave none.
    #[serde(default)]
    pub medium: String,
    #[serde(default)]
    pub is_nested: bool,
    #[serde(default)]
    pub has_nested: bool,
    /// zitat's extension (not in the original dataset): the speaker's fullest name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_name: Option<String>,
    /// zitat's extension (not in the original dataset): the quotation's confidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

/// One role of an annotation; `spans` is empty when the role is absent.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetRole {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub spans: Vec<DatasetSpan>,
    #[serde(default)]
    pub token_ids: Vec<usize>,
}

/// `begin`/`end` are token indices (`end` exclusive), `charBegin`/`charEnd` characters.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetSpan {
    pub begin: usize,
    pub end: usize,
    pub char_begin: usize,
    pub char_end: usize,
}

/// The `medium` written when a quotation has none (the dataset's own spelling).
pub const NO_MEDIUM: &str = "none";

/// Reads one dataset article. `id` becomes the document id (the file's path relative to the
/// input root); errors say which part of the JSON is wrong.
/// Why a dataset folder could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("cannot read the folder {0}: {1}; give a folder of the dataset's .json article files")]
    Unreadable(PathBuf, std::io::Error),
    #[error("{0} holds no .json files; give a folder of the dataset's article files")]
    Empty(PathBuf),
}

/// The annotated articles of a dataset folder (its `.json` files, not subfolders), with
/// their annotations, in file-name order, read in parallel through ingest's checks (size
/// cap, UTF-8, no binary data): the documents, and a notice for each file that failed.
/// `limit` keeps the first files only. Eval and training both read gold through here.
pub fn read_folder(dir: &Path, limit: Option<usize>) -> Result<(Vec<Document>, Vec<Notice>), FolderError> {
    let unreadable = |err| FolderError::Unreadable(dir.to_path_buf(), err);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(unreadable)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .map_err(unreadable)?;
    paths.retain(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"));
    paths.sort();
    paths.truncate(limit.unwrap_or(usize::MAX));
    if paths.is_empty() {
        return Err(FolderError::Empty(dir.to_path_buf()));
    }
    let outcomes: Vec<Outcome> = paths
        .into_par_iter()
        .map(|path| {
            let id = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            Unit::File { path, id, format: FileFormat::Gold, size }.load(super::DEFAULT_MAX_BYTES)
        })
        .collect();
    let (mut docs, mut notices) = (Vec::new(), Vec::new());
    for outcome in outcomes {
        match outcome {
            Outcome::Document(doc) => docs.push(doc),
            Outcome::Skipped(notice) | Outcome::Failed(notice) => notices.push(notice),
        }
    }
    Ok((docs, notices))
}

pub fn read_dataset_document(id: &str, json_text: &str) -> Result<Document, String> {
    let file: DatasetFile = serde_json::from_str(json_text).map_err(|err| {
        format!("not an article of the annotated dataset ({err}); expected a JSON object with originalText, tokens, sentences and annotations")
    })?;
    let mut doc = Document::new(id, file.original_text);
    if let Some(name) = &file.document_name {
        (doc.meta.title, doc.meta.date) = title_and_date(name);
    }
    doc.meta.document_name = file.document_name;
    let text_len = doc.char_len();
    let checked = |what: &dyn Fn() -> String, begin: usize, end: usize| -> Result<Span, String> {
        check_span(begin, end, text_len).map_err(|problem| format!("{}: {problem}", what()))
    };

    let mut tokens = Vec::with_capacity(file.tokens.len());
    for (i, token) in file.tokens.iter().enumerate() {
        let span = checked(&|| format!("token {i} (id {})", token.id), token.char_begin, token.char_end)?;
        tokens.push(Token { id: token.id, span });
    }
    check_token_order(&tokens)?;
    if !tokens.is_empty() {
        doc.tokens = Some(tokens);
    }

    for (i, sentence) in file.sentences.iter().enumerate() {
        let span = checked(&|| format!("sentence {i}"), sentence.char_begin, sentence.char_end)?;
        doc.sentences.push(span);
    }

    for (i, annotation) in file.annotations.iter().enumerate() {
        let quotation = read_annotation(annotation, &|role, k, begin, end| {
            checked(&|| format!("annotation {i}, {role} span {k}"), begin, end)
        })
        .map_err(|problem| format!("annotation {i}: {problem}"))?;
        doc.quotations.push(quotation);
    }
    Ok(doc)
}

/// The title and date a dataset document name holds: „12324 - Jenaer Feuerteufel gefasst
/// (2005-09-10)“ → „Jenaer Feuerteufel gefasst“, 2005-09-10 (the dataset's articles have no
/// other title or date). Other names give neither: the dataset output names a document by
/// its id, which is no title.
pub fn title_and_date(name: &str) -> (Option<String>, Option<String>) {
    static NAME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d+ - (.+) \((\d{4}-\d{2}-\d{2})\)$").expect("the name pattern is valid"));
    match NAME.captures(name.trim()) {
        Some(caps) => (Some(caps[1].trim().to_string()), Some(caps[2].to_string())),
        None => (None, None),
    }
}

/// Keeps what an engine may see (text, tokens, document name) and drops the gold
/// sentences, quotations and boilerplate.
pub fn strip_annotations(doc: &mut Document) {
    doc.sentences.clear();
    doc.quotations.clear();
    doc.boilerplate.clear();
}

type SpanCheck<'a> = dyn Fn(&str, usize, usize, usize) -> Result<Span, String> + 'a;

fn read_annotation(annotation: &DatasetAnnotation, checked: &SpanCheck) -> Result<Quotation, String> {
    let kind = QuoteType::parse(&annotation.kind).ok_or_else(|| {
        format!(
            "unknown type {:?}; expected one of {}",
            annotation.kind,
            QuoteType::ALL.map(QuoteType::as_str).join(", ")
        )
    })?;
    let medium = read_medium(&annotation.medium)?;
    let spans = |role: &str, value: &DatasetRole| -> Result<Vec<Span>, String> {
        (value.spans.iter().enumerate())
            .map(|(k, span)| checked(role, k, span.char_begin, span.char_end))
            .collect()
    };
    let mut quotation = Quotation::new(kind, spans("quote", &annotation.quote)?);
    quotation.medium = medium;
    quotation.speaker = spans("speaker", &annotation.speaker)?;
    quotation.cue = spans("cue", &annotation.cue)?;
    quotation.frame = spans("frame", &annotation.frame)?;
    quotation.addressee = spans("addressee", &annotation.addressee)?;
    quotation.speaker_name = annotation.speaker_name.clone();
    quotation.confidence = annotation.confidence.unwrap_or(1.0);
    Ok(quotation)
}

fn read_medium(medium: &str) -> Result<Option<Medium>, String> {
    if medium.is_empty() || medium == NO_MEDIUM {
        return Ok(None);
    }
    Medium::parse(medium).map(Some).ok_or_else(|| {
        format!(
            "unknown medium {medium:?}; expected one of {}, or {NO_MEDIUM:?}",
            Medium::ALL.map(Medium::as_str).join(", ")
        )
    })
}

fn check_span(begin: usize, end: usize, text_len: usize) -> Result<Span, String> {
    if begin > end {
        return Err(format!("charBegin {begin} is after charEnd {end}"));
    }
    if end > text_len {
        return Err(format!("charEnd {end} is beyond the end of originalText ({text_len} characters)"));
    }
    Ok(Span::new(begin, end))
}

/// Scoring maps spans to tokens by position, so tokens must be in text order, apart, and
/// their ids unique.
fn check_token_order(tokens: &[Token]) -> Result<(), String> {
    for pair in tokens.windows(2) {
        if pair[1].span.start < pair[0].span.end {
            return Err(format!(
                "tokens {} and {} overlap or are out of text order; tokens must follow the text",
                pair[0].id, pair[1].id
            ));
        }
    }
    let mut ids: Vec<usize> = tokens.iter().map(|t| t.id).collect();
    ids.sort_unstable();
    match ids.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(format!("token id {} occurs twice; token ids must be unique", w[0])),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = r#"{
      "documentName": "Testartikel",
      "originalText": "„Wir bleiben“, sagte Müller.",
      "tokens": [
        {"id": 0, "text": "„", "charBegin": 0, "charEnd": 1, "sentence": 1, "word": 1},
        {"id": 1, "text": "Wir", "charBegin": 1, "charEnd": 4, "sentence": 1, "word": 2},
        {"id": 2, "text": "bleiben", "charBegin": 5, "charEnd": 12, "sentence": 1, "word": 3},
        {"id": 3, "text": "“", "charBegin": 12, "charEnd": 13, "sentence": 1, "word": 4},
        {"id": 4, "text": ",", "charBegin": 13, "charEnd": 14, "sentence": 1, "word": 5},
        {"id": 5, "text": "sagte", "charBegin": 15, "charEnd": 20, "sentence": 1, "word": 6},
        {"id": 6, "text": "Müller", "charBegin": 21, "charEnd": 27, "sentence": 1, "word": 7},
        {"id": 7, "text": ".", "charBegin": 27, "charEnd": 28, "sentence": 1, "word": 8}
      ],
      "sentences": [{"id": 0, "begin": 0, "end": 8, "charBegin": 0, "charEnd": 28, "text": "", "tokenIds": []}],
      "annotations": [{
        "quote": {"text": "Wir bleiben", "spans": [{"begin": 1, "end": 3, "charBegin": 1, "charEnd": 12}], "tokenIds": [1, 2]},
        "speaker": {"text": "Müller", "spans": [{"begin": 6, "end": 7, "charBegin": 21, "charEnd": 27}], "tokenIds": [6]},
        "cue": {"text": "sagte", "spans": [{"begin": 5, "end": 6, "charBegin": 15, "charEnd": 20}], "tokenIds": [5]},
        "frame": {"text": "", "spans": [], "tokenIds": []},
        "addressee": {"text": "", "spans": [], "tokenIds": []},
        "type": "Direct", "medium": "none", "isNested": false, "hasNested": false
      }]
    }"#;

    #[test]
    fn the_document_name_gives_title_and_date() {
        let of = |name: &str| title_and_date(name);
        assert_eq!(
            of("12324 - Jenaer Feuerteufel gefasst (2005-09-10)"),
            (Some("Jenaer Feuerteufel gefasst".into()), Some("2005-09-10".into()))
        );
        assert_eq!(
            of("13837 - Erster Missionstag von „Shenzhou 6“: Taikonaut stieg in Orbitalmodul um (2005-10-13)").0.as_deref(),
            Some("Erster Missionstag von „Shenzhou 6“: Taikonaut stieg in Orbitalmodul um")
        );
        assert_eq!(of("Testartikel"), (None, None));
        assert_eq!(of("a.txt"), (None, None), "the dataset output's name for a document is its id");
    }

    #[test]
    fn reads_text_tokens_sentences_and_quotations_as_character_spans() {
        let doc = read_dataset_document("a.json", ARTICLE).unwrap();
        assert_eq!(doc.meta.document_name.as_deref(), Some("Testartikel"));
        assert_eq!(doc.tokens.as_ref().unwrap()[6], Token { id: 6, span: Span::new(21, 27) });
        assert_eq!(doc.sentences, vec![Span::new(0, 28)]);
        let q = &doc.quotations[0];
        assert_eq!((q.kind, q.medium), (QuoteType::Direct, None));
        assert_eq!(doc.join(&q.quote), "Wir bleiben");
        assert_eq!(doc.join(&q.speaker), "Müller");
        assert!(q.frame.is_empty());
    }

    #[test]
    fn stripping_keeps_text_and_tokens_only() {
        let mut doc = read_dataset_document("a.json", ARTICLE).unwrap();
        strip_annotations(&mut doc);
        assert!(doc.quotations.is_empty() && doc.sentences.is_empty());
        assert_eq!(doc.tokens.as_ref().map(Vec::len), Some(8));
    }

    #[test]
    fn errors_say_where_the_file_is_wrong() {
        let beyond = ARTICLE.replace(r#""charBegin": 21, "charEnd": 27}], "tokenIds": [6]"#, r#""charBegin": 21, "charEnd": 99}], "tokenIds": [6]"#);
        let err = read_dataset_document("a.json", &beyond).unwrap_err();
        assert!(err.contains("annotation 0, speaker span 0") && err.contains("beyond the end"), "{err}");
        let err = read_dataset_document("a.json", &ARTICLE.replace("\"Direct\"", "\"Direkt\"")).unwrap_err();
        assert!(err.contains("unknown type \"Direkt\""), "{err}");
        let err = read_dataset_document("a.json", &ARTICLE.replace("\"none\"", "\"Radio\"")).unwrap_err();
        assert!(err.contains("unknown medium"), "{err}");
        let err = read_dataset_document("a.json", "[1, 2]").unwrap_err();
        assert!(err.contains("expected a JSON object"), "{err}");
    }
}
