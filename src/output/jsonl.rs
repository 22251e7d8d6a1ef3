//! The JSON-lines output: one line per quotation.
//!
//! ```text
//! {"doc":"a.txt","id":"a.txt#1","type":"Direct","medium":"Speech",
//!  "quote":{"text":"…","spans":[[12,40]]},
//!  "speaker":{"text":"der Kanzler","spans":[[45,56]],"name":"Olaf Scholz"},
//!  "cue":{"text":"sagte","spans":[[41,46]]},"frame":null,"addressee":null,"confidence":0.92}
//! ```
//!
//! Offsets are Unicode characters, end exclusive; the `text` of a role with several spans is
//! their texts joined by one space. `medium` is left out when unknown; an empty role is
//! `null`. Quotations are numbered from 1 within each document, in the document's order.

use crate::document::{Document, Quotation, Span};
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a> {
    doc: &'a str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    medium: Option<&'static str>,
    quote: Role,
    speaker: Option<Speaker>,
    cue: Option<Role>,
    frame: Option<Role>,
    addressee: Option<Role>,
    confidence: f32,
}

#[derive(Serialize)]
struct Role {
    text: String,
    spans: Vec<[usize; 2]>,
}

#[derive(Serialize)]
struct Speaker {
    #[serde(flatten)]
    role: Role,
    name: Option<String>,
}

/// All lines of one document, each ending in a newline (empty without quotations).
pub fn render_document(doc: &Document) -> String {
    let mut out = String::new();
    for record in records(doc) {
        out.push_str(&record);
        out.push('\n');
    }
    out
}

/// Each quotation's line as one JSON object without the newline, in the document's order,
/// for callers that frame the records differently (the HTTP API of `zitat serve`).
pub fn records(doc: &Document) -> impl Iterator<Item = String> + '_ {
    doc.quotations.iter().enumerate().map(|(index, quotation)| {
        serde_json::to_string(&line(doc, index + 1, quotation)).expect("a quotation line always serialises")
    })
}

fn line<'a>(doc: &'a Document, number: usize, q: &Quotation) -> Line<'a> {
    let speaker = (!q.speaker.is_empty() || q.speaker_name.is_some())
        .then(|| Speaker { role: role(doc, &q.speaker), name: q.speaker_name.clone() });
    Line {
        doc: &doc.id,
        id: format!("{}#{number}", doc.id),
        kind: q.kind.as_str(),
        medium: q.medium.map(|m| m.as_str()),
        quote: role(doc, &q.quote),
        speaker,
        cue: optional_role(doc, &q.cue),
        frame: optional_role(doc, &q.frame),
        addressee: optional_role(doc, &q.addressee),
        confidence: q.confidence.clamp(0.0, 1.0),
    }
}

fn role(doc: &Document, spans: &[Span]) -> Role {
    Role { text: doc.join(spans), spans: spans.iter().map(|s| [s.start, s.end]).collect() }
}

fn optional_role(doc: &Document, spans: &[Span]) -> Option<Role> {
    (!spans.is_empty()).then(|| role(doc, spans))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Medium, QuoteType};

    #[test]
    fn writes_one_line_per_quotation_in_the_documented_shape() {
        let mut doc = Document::new("k.txt", "„Wir bleiben“, sagte sie. Er\u{A0}nickte.");
        let mut q = Quotation::new(QuoteType::Direct, vec![Span::new(0, 13)]);
        q.medium = Some(Medium::Speech);
        q.cue = vec![Span::new(15, 20)];
        q.speaker = vec![Span::new(21, 24)];
        q.speaker_name = Some("Anna Weber".into());
        q.confidence = 0.75;
        doc.quotations.push(q);
        doc.quotations.push(Quotation::new(QuoteType::Reported, vec![Span::new(26, 28), Span::new(29, 35)]));
        let out = render_document(&doc);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            r#"{"doc":"k.txt","id":"k.txt#1","type":"Direct","medium":"Speech","quote":{"text":"„Wir bleiben“","spans":[[0,13]]},"speaker":{"text":"sie","spans":[[21,24]],"name":"Anna Weber"},"cue":{"text":"sagte","spans":[[15,20]]},"frame":null,"addressee":null,"confidence":0.75}"#
        );
        assert_eq!(
            lines[1],
            r#"{"doc":"k.txt","id":"k.txt#2","type":"Reported","quote":{"text":"Er nickte","spans":[[26,28],[29,35]]},"speaker":null,"cue":null,"frame":null,"addressee":null,"confidence":1.0}"#
        );
    }
}
