//! Writes a document in the annotated dataset's own schema (the structs of
//! `ingest::dataset`), so that the dataset's scorer and `zitat eval --pred` read zitat's
//! output, and zitat's reader gives the same quotations back.
//!
//! Tokens are the document's dataset tokens, or, for documents that came as plain text,
//! words and punctuation marks found here ([`word_tokens`]). A role's `tokenIds` are the
//! tokens that share at least one character with one of its spans — the rule that
//! reproduces the dataset's own ids exactly, and that counts a token the system cut into as
//! predicted. Span `begin`/`end` are indices into the token list (`end` exclusive; a span
//! touching no token gets `begin == end` at its position). zitat adds two fields the
//! dataset does not have: `speakerName` (when known) and `confidence`.

use crate::detect::words::scan;
use crate::document::{Document, Quotation, Span, Token};
use crate::ingest::dataset::{
    DatasetAnnotation, DatasetFile, DatasetRole, DatasetSentence, DatasetSpan, DatasetToken, NO_MEDIUM,
};
use std::borrow::Cow;
use std::ops::Range;

pub fn render_dataset_document(doc: &Document) -> String {
    let tokens: Cow<[Token]> = match &doc.tokens {
        Some(tokens) => Cow::Borrowed(tokens),
        None => Cow::Owned(word_tokens(&doc.text)),
    };
    let file = DatasetFile {
        document_name: Some(doc.meta.document_name.clone().unwrap_or_else(|| doc.id.clone())),
        original_text: doc.text.clone(),
        tokens: dataset_tokens(doc, &tokens),
        sentences: (doc.sentences.iter().enumerate()).map(|(k, s)| sentence(doc, &tokens, k, *s)).collect(),
        annotations: doc.quotations.iter().map(|q| annotation(doc, &tokens, q)).collect(),
    };
    serde_json::to_string_pretty(&file).expect("the dataset structs always serialise")
}

/// Tokens with their 1-based sentence number (sentences starting at or before the token)
/// and word number within that sentence.
fn dataset_tokens(doc: &Document, tokens: &[Token]) -> Vec<DatasetToken> {
    let mut word = 0;
    let mut current = 0;
    (tokens.iter())
        .map(|t| {
            let sentence = doc.sentences.partition_point(|s| s.start <= t.span.start);
            word = if sentence == current { word + 1 } else { 1 };
            current = sentence;
            DatasetToken {
                id: t.id,
                text: doc.slice(t.span).to_string(),
                char_begin: t.span.start,
                char_end: t.span.end,
                sentence,
                word,
            }
        })
        .collect()
}

fn sentence(doc: &Document, tokens: &[Token], id: usize, span: Span) -> DatasetSentence {
    let range = token_range(tokens, span);
    DatasetSentence {
        id,
        begin: range.start,
        end: range.end,
        char_begin: span.start,
        char_end: span.end,
        text: doc.slice(span).to_string(),
        token_ids: tokens[range.clone()].iter().map(|t| t.id).collect(),
        tokens: tokens[range].iter().map(|t| doc.slice(t.span).to_string()).collect(),
    }
}

fn annotation(doc: &Document, tokens: &[Token], q: &Quotation) -> DatasetAnnotation {
    let role = |spans: &[Span]| DatasetRole {
        text: doc.join(spans),
        spans: (spans.iter())
            .map(|s| {
                let range = token_range(tokens, *s);
                DatasetSpan { begin: range.start, end: range.end, char_begin: s.start, char_end: s.end }
            })
            .collect(),
        token_ids: token_ids(tokens, spans),
    };
    DatasetAnnotation {
        quote: role(&q.quote),
        speaker: role(&q.speaker),
        cue: role(&q.cue),
        frame: role(&q.frame),
        addressee: role(&q.addressee),
        kind: q.kind.as_str().to_string(),
        medium: q.medium.map_or(NO_MEDIUM, |m| m.as_str()).to_string(),
        is_nested: doc.quotations.iter().any(|outer| nested_in(q, outer)),
        has_nested: doc.quotations.iter().any(|inner| nested_in(inner, q)),
        speaker_name: q.speaker_name.clone(),
        confidence: Some(q.confidence),
    }
}

/// Whether `inner`'s message lies within `outer`'s (and is not the same message).
fn nested_in(inner: &Quotation, outer: &Quotation) -> bool {
    !inner.quote.is_empty()
        && inner.quote != outer.quote
        && inner.quote.iter().all(|s| outer.quote.iter().any(|o| o.contains(*s)))
}

/// Indices of the tokens sharing a character with `span` (tokens in text order). For a
/// span that touches no token, the empty range where such tokens would be.
pub fn token_range(tokens: &[Token], span: Span) -> Range<usize> {
    let first = tokens.partition_point(|t| t.span.end <= span.start);
    let last = first + tokens[first..].partition_point(|t| t.span.start < span.end);
    // A zero-width token inside the span shares no character with it; such tokens do not
    // occur in the dataset, so the range is not narrowed for them.
    if span.is_empty() {
        return first..first;
    }
    first..last.max(first)
}

/// Ids of the tokens sharing a character with any of the spans, ascending and distinct.
pub fn token_ids(tokens: &[Token], spans: &[Span]) -> Vec<usize> {
    let mut ids: Vec<usize> = spans.iter().flat_map(|s| tokens[token_range(tokens, *s)].iter().map(|t| t.id)).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Words and punctuation marks, for documents without dataset tokens: a word is a run of
/// letters and digits, joined across a hyphen, apostrophe, or a point or comma between
/// digits ("Nato-Chef", "geht's", "3,5", "12.10.2022"); every other visible character is
/// a token of its own.
pub fn word_tokens(text: &str) -> Vec<Token> {
    let joins = |previous: char, mark: char, after: &str| match (mark, after.chars().next()) {
        ('-' | '\'' | '’', next) => previous.is_alphanumeric() && next.is_some_and(char::is_alphanumeric),
        ('.' | ',', next) => previous.is_ascii_digit() && next.is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    scan(text, joins).into_iter().enumerate().map(|(id, (chars, _))| Token { id, span: Span::new(chars.start, chars.end) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Medium, QuoteType};
    use crate::ingest::dataset::read_dataset_document;
    use serde_json::{json, Value};

    fn example() -> Document {
        let mut doc = Document::new("a.txt", "Die Ministerin sagte: „Wir bleiben dabei.“ Das sei klar.");
        doc.sentences = vec![Span::new(0, 42), Span::new(43, 56)];
        let mut q = Quotation::new(QuoteType::Direct, vec![Span::new(22, 42)]);
        q.speaker = vec![Span::new(0, 14)];
        q.cue = vec![Span::new(15, 20)];
        q.medium = Some(Medium::Speech);
        q.speaker_name = Some("Anna Beispiel".into());
        q.confidence = 0.75;
        let mut nested = Quotation::new(QuoteType::Indirect, vec![Span::new(23, 40)]);
        nested.frame = vec![Span::new(43, 46), Span::new(51, 55)];
        doc.quotations = vec![q, nested];
        doc
    }

    #[test]
    fn round_trips_through_the_reader() {
        let doc = example();
        let json = render_dataset_document(&doc);
        let back = read_dataset_document("a.json", &json).unwrap();
        assert_eq!(back.quotations, doc.quotations);
        assert_eq!(back.sentences, doc.sentences);
        assert_eq!(back.meta.document_name.as_deref(), Some("a.txt"));
        assert_eq!(render_dataset_document(&back), json, "writing what was read changes nothing");
    }

    #[test]
    fn writes_the_dataset_schema_with_token_ids() {
        let value: Value = serde_json::from_str(&render_dataset_document(&example())).unwrap();
        let speaker = &value["annotations"][0]["speaker"];
        assert_eq!(speaker["tokenIds"], json!([0, 1]));
        assert_eq!(speaker["text"], "Die Ministerin");
        assert_eq!(speaker["spans"][0], json!({"begin": 0, "end": 2, "charBegin": 0, "charEnd": 14}));
        let frame = &value["annotations"][1]["frame"];
        assert_eq!(frame["text"], "Das klar");
        assert_eq!(value["annotations"][0]["medium"], "Speech");
        assert_eq!(value["annotations"][1]["medium"], "none");
        assert_eq!((value["annotations"][0]["hasNested"].clone(), value["annotations"][1]["isNested"].clone()), (json!(true), json!(true)));
        assert_eq!(value["tokens"][9], json!({"id": 9, "text": "“", "charBegin": 41, "charEnd": 42, "sentence": 1, "word": 10}));
        assert_eq!(value["tokens"][10]["sentence"], 2);
        assert_eq!(value["sentences"][1]["tokens"], json!(["Das", "sei", "klar", "."]));
    }

    #[test]
    fn tokens_of_plain_text_are_words_and_marks() {
        let text = "Der Nato-Chef sagt's: 3,5 Mio. am 12.10.2022 – „geht’s“?";
        let doc = Document::new("t", text);
        let words: Vec<&str> = word_tokens(text).iter().map(|t| doc.slice(t.span)).collect();
        assert_eq!(
            words,
            ["Der", "Nato-Chef", "sagt's", ":", "3,5", "Mio", ".", "am", "12.10.2022", "–", "„", "geht’s", "“", "?"]
        );
    }

    #[test]
    fn roles_take_every_token_they_touch() {
        let tokens = word_tokens("Wir bleiben dabei");
        assert_eq!(token_ids(&tokens, &[Span::new(5, 9)]), vec![1], "a cut token counts");
        assert_eq!(token_ids(&tokens, &[Span::new(2, 6), Span::new(4, 13)]), vec![0, 1, 2]);
        assert_eq!(token_range(&tokens, Span::new(3, 4)), 1..1, "whitespace touches no token");
        assert_eq!(token_range(&tokens, Span::new(17, 17)), 3..3);
    }
}
