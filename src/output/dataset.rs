//! Writes a document in the annotated dataset's own schema, so that the dataset's scorer
//! (and `zitat eval --pred`) can read zitat's output.
//!
//! Roles carry `tokenIds`: every token whose characters overlap one of the role's spans
//! (the rule that reproduces the dataset's own ids exactly). Documents that came without
//! tokens (plain text) are tokenised here into words and punctuation marks.

use crate::document::{Document, Quotation, Span, Token};
use serde_json::{json, Value};

pub fn render_dataset_document(doc: &Document) -> String {
    let own_tokens;
    let tokens: &[Token] = match &doc.tokens {
        Some(tokens) => tokens,
        None => {
            own_tokens = tokens_of(&doc.text);
            &own_tokens
        }
    };
    let value = json!({
        "documentName": doc.meta.document_name.clone().unwrap_or_else(|| doc.id.clone()),
        "originalText": doc.text,
        "tokens": tokens.iter().map(|t| json!({
            "id": t.id, "text": doc.slice(t.span), "charBegin": t.span.start, "charEnd": t.span.end,
        })).collect::<Vec<_>>(),
        "sentences": doc.sentences.iter().enumerate().map(|(k, s)| {
            let ids = token_ids(tokens, &[*s]);
            json!({
                "id": k, "begin": ids.first().copied().unwrap_or(0), "end": ids.last().map_or(0, |l| l + 1),
                "charBegin": s.start, "charEnd": s.end, "text": doc.slice(*s), "tokenIds": ids,
            })
        }).collect::<Vec<_>>(),
        "annotations": doc.quotations.iter().enumerate().map(|(k, q)| annotation(doc, tokens, k, q)).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&value).expect("JSON values always serialise")
}

fn annotation(doc: &Document, tokens: &[Token], k: usize, q: &Quotation) -> Value {
    let inside_other = |a: &Quotation, b: &Quotation| {
        !std::ptr::eq(a, b) && a.quote.iter().all(|s| b.quote.iter().any(|o| o.contains(*s)))
            && a.quote != b.quote
    };
    json!({
        "id": k,
        "quote": role(doc, tokens, &q.quote),
        "speaker": role(doc, tokens, &q.speaker),
        "cue": role(doc, tokens, &q.cue),
        "frame": role(doc, tokens, &q.frame),
        "addressee": role(doc, tokens, &q.addressee),
        "type": q.kind.as_str(),
        "medium": q.medium.map_or("none", |m| m.as_str()),
        "isNested": doc.quotations.iter().any(|o| inside_other(q, o)),
        "hasNested": doc.quotations.iter().any(|o| inside_other(o, q)),
    })
}

fn role(doc: &Document, tokens: &[Token], spans: &[Span]) -> Value {
    json!({
        "text": doc.join(spans),
        "spans": spans.iter().map(|s| {
            let ids = token_ids(tokens, &[*s]);
            json!({
                "begin": ids.first().copied().unwrap_or(0), "end": ids.last().map_or(0, |l| l + 1),
                "charBegin": s.start, "charEnd": s.end,
            })
        }).collect::<Vec<_>>(),
        "tokenIds": token_ids(tokens, spans),
    })
}

/// Words (letters, digits and joining hyphens/apostrophes) and single punctuation marks.
fn tokens_of(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word_start: Option<usize> = None;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let in_word = c.is_alphanumeric()
            || (matches!(c, '-' | '\'' | '’') && word_start.is_some() && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()));
        match (in_word, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(start)) => {
                tokens.push(Span::new(start, i));
                word_start = None;
            }
            _ => {}
        }
        if !in_word && !c.is_whitespace() {
            tokens.push(Span::new(i, i + 1));
        }
    }
    if let Some(start) = word_start {
        tokens.push(Span::new(start, chars.len()));
    }
    tokens.into_iter().enumerate().map(|(id, span)| Token { id, span }).collect()
}

/// Ids of the tokens overlapping any of the spans, ascending.
pub fn token_ids(tokens: &[Token], spans: &[Span]) -> Vec<usize> {
    let mut ids: Vec<usize> = tokens
        .iter()
        .filter(|t| spans.iter().any(|s| t.span.overlaps(*s)))
        .map(|t| t.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Medium, QuoteType};
    use crate::ingest::dataset::read_dataset_document;

    #[test]
    fn round_trips_through_the_reader() {
        let mut doc = Document::new("a.txt", "Die Ministerin sagte: „Wir bleiben dabei.“ Das sei klar.");
        doc.sentences = vec![Span::new(0, 42), Span::new(43, 56)];
        let mut q = Quotation::new(QuoteType::Direct, vec![Span::new(22, 42)]);
        q.speaker = vec![Span::new(0, 14)];
        q.cue = vec![Span::new(15, 20)];
        q.medium = Some(Medium::Speech);
        doc.quotations.push(q);
        let json = render_dataset_document(&doc);
        let back = read_dataset_document("a.json", &json).unwrap();
        assert_eq!(back.quotations, doc.quotations);
        assert_eq!(back.sentences, doc.sentences);
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["annotations"][0]["speaker"]["tokenIds"], json!([0, 1]));
        assert_eq!(value["annotations"][0]["speaker"]["text"], "Die Ministerin");
    }
}
