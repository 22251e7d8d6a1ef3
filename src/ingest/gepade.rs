//! GePaDe (GermEval 2023 speaker attribution, Bundestag speeches), read as extra training
//! documents: one [`Document`] per speech, every cue with a message becoming a quotation
//! whose speaker is the cue's source.
//!
//! Its `task1/*.json` give tokens per sentence and roles as `"sentence:token"` ids; the text
//! is rebuilt from the tokens (a space between tokens, none before closing punctuation), so
//! offsets are into that text. Speech types are not annotated: every message is read as
//! indirect speech, which only the speaker pass's training uses (it does not learn types).

use crate::document::{Document, QuoteType, Quotation, Span, Token};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Speech {
    sentences: Vec<Sentence>,
    annotations: Vec<Annotation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Sentence {
    sentence_id: usize,
    tokens: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Annotation {
    #[serde(default)]
    message: Vec<String>,
    #[serde(default)]
    source: Vec<String>,
    #[serde(default)]
    cue: Vec<String>,
    #[serde(default)]
    addr: Vec<String>,
}

/// Every speech of `dir/task1` (GePaDe's train or dev folder), in file-name order.
pub fn read_folder(dir: &Path) -> Result<Vec<Document>, String> {
    let folder = dir.join("task1");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .map_err(|e| format!("cannot read {}: {e}; give GePaDe's train or dev folder (it holds task1/)", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let id = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            read_speech(&id, &json).map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}

fn read_speech(id: &str, json: &str) -> Result<Document, String> {
    let speech: Speech = serde_json::from_str(json).map_err(|e| format!("not a GePaDe task1 file ({e})"))?;
    let (text, token_spans, sentence_spans) = detokenise(&speech.sentences);
    let mut doc = Document::new(id, text);
    let mut in_text_order: Vec<Span> = token_spans.values().copied().collect();
    in_text_order.sort();
    doc.tokens = Some(in_text_order.into_iter().enumerate().map(|(id, span)| Token { id, span }).collect());
    doc.sentences = sentence_spans;
    for annotation in speech.annotations.iter().filter(|a| !a.message.is_empty()) {
        let spans = |ids: &[String]| role_spans(ids, &token_spans);
        let mut quotation = Quotation::new(QuoteType::Indirect, spans(&annotation.message)?);
        quotation.speaker = spans(&annotation.source)?;
        quotation.cue = spans(&annotation.cue)?;
        quotation.addressee = spans(&annotation.addr)?;
        doc.quotations.push(quotation);
    }
    Ok(doc)
}

type TokenSpans = std::collections::BTreeMap<(usize, usize), Span>;

/// The text of the speech, each token's character span by (sentence, token), and each
/// sentence's span.
fn detokenise(sentences: &[Sentence]) -> (String, TokenSpans, Vec<Span>) {
    const NO_SPACE_BEFORE: [&str; 7] = [".", ",", "!", "?", ";", ":", ")"];
    let (mut text, mut chars) = (String::new(), 0);
    let (mut tokens, mut spans) = (TokenSpans::new(), Vec::new());
    for sentence in sentences {
        let start = chars + usize::from(chars > 0);
        for (k, token) in sentence.tokens.iter().enumerate() {
            let glued = chars == 0 || NO_SPACE_BEFORE.contains(&token.as_str()) || text.ends_with('(');
            if !glued {
                text.push(' ');
                chars += 1;
            }
            let len = token.chars().count();
            tokens.insert((sentence.sentence_id, k), Span::new(chars, chars + len));
            text.push_str(token);
            chars += len;
        }
        spans.push(Span::new(start.min(chars), chars));
    }
    (text, tokens, spans)
}

/// `"sentence:token"` ids as spans, neighbouring tokens joined.
fn role_spans(ids: &[String], tokens: &TokenSpans) -> Result<Vec<Span>, String> {
    let mut spans: Vec<Span> = ids
        .iter()
        .map(|id| {
            let (s, t) = id.split_once(':').ok_or_else(|| format!("token id {id:?} is not sentence:token"))?;
            let key = (s.parse().map_err(|_| format!("bad sentence in {id:?}"))?, t.parse().map_err(|_| format!("bad token in {id:?}"))?);
            tokens.get(&key).copied().ok_or_else(|| format!("token id {id:?} names no token"))
        })
        .collect::<Result<_, _>>()?;
    spans.sort();
    let mut joined: Vec<Span> = Vec::new();
    for span in spans {
        match joined.last_mut() {
            Some(last) if span.start <= last.end + 1 => last.end = last.end.max(span.end),
            _ => joined.push(span),
        }
    }
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speech_becomes_text_with_quotations_at_the_right_words() {
        let json = r#"{"Sentences": [{"SentenceId": 0, "Tokens": ["Frau", "Präsidentin", "!"]},
            {"SentenceId": 1, "Tokens": ["Die", "Ministerin", "hat", "gesagt", ",", "das", "reiche", "nicht", "."]}],
            "Annotations": [{"Cue": ["1:3"], "Source": ["1:0", "1:1"], "Message": ["1:5", "1:6", "1:7"], "Addr": []},
            {"Cue": ["0:0"], "Source": [], "Message": [], "Addr": []}]}"#;
        let doc = read_speech("rede.json", json).unwrap();
        assert_eq!(doc.text, "Frau Präsidentin! Die Ministerin hat gesagt, das reiche nicht.");
        assert_eq!(doc.quotations.len(), 1, "a cue without message is no quotation");
        let q = &doc.quotations[0];
        assert_eq!(doc.slice(q.quote[0]), "das reiche nicht");
        assert_eq!(doc.slice(q.speaker[0]), "Die Ministerin");
        assert_eq!(doc.slice(q.cue[0]), "gesagt");
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.slice(doc.sentences[1]), "Die Ministerin hat gesagt, das reiche nicht.");
    }
}
