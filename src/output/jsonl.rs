//! The JSON-lines output: one line per quotation.
//!
//! ```text
//! {"doc":"a.txt","id":"a.txt#1","type":"Direct","medium":"Speech",
//!  "quote":{"text":"…","spans":[[12,40]]},
//!  "speaker":{"text":"der Kanzler","spans":[[45,56]],"name":"Olaf Scholz"},
//!  "cue":{"text":"sagte","spans":[[41,46]]},"frame":null,"addressee":null,"confidence":0.92,
//!  "speaker_id":"olaf-scholz","speaker_canonical":"Olaf Scholz","cluster":"c3"}
//! ```
//!
//! Offsets are Unicode characters, end exclusive; the `text` of a role with several spans is
//! their texts joined by one space. `medium` is left out when unknown; an empty role is
//! `null`. Quotations are numbered from 1 within each document, in the document's order.
//!
//! The last three fields are corpus-wide ([`identity`](crate::identity),
//! [`cluster`](crate::cluster)): `speaker_id` and `speaker_canonical` are the same for a
//! person in every document of the run (`speaker.name` stays the name the article itself
//! gives), `cluster` is shared by the variants of one statement; each is `null` when there is
//! no named speaker or no variant. `title`, `date` and `url` of the article follow when the
//! input had them (jsonl fields, an HTML page's meta tags).

use super::record::{Corpus, QuoteRecord, RoleText};
use crate::document::Document;
use serde::Serialize;
use std::io::{self, Write};

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
    speaker_id: Option<&'a str>,
    speaker_canonical: Option<&'a str>,
    cluster: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
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

/// All lines of one document, each ending in a newline (empty without quotations); speaker
/// ids and clusters are those of a corpus of this one document.
pub fn render_document(doc: &Document) -> String {
    let mut corpus = Corpus::default();
    corpus.add(doc, None);
    corpus.resolve();
    let mut out = Vec::new();
    write(&corpus, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Writes one line per quotation of the corpus, in corpus order.
pub fn write(corpus: &Corpus, mut out: impl Write) -> io::Result<()> {
    for (index, quote) in corpus.quotes.iter().enumerate() {
        let line = serde_json::to_string(&line(corpus, index, quote)).expect("a quotation line always serialises");
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

fn line<'a>(corpus: &'a Corpus, index: usize, q: &'a QuoteRecord) -> Line<'a> {
    let speaker = (q.speaker.is_some() || q.speaker_name.is_some()).then(|| Speaker {
        role: q.speaker.as_ref().map_or_else(|| Role { text: String::new(), spans: Vec::new() }, role),
        name: q.speaker_name.clone(),
    });
    let person = corpus.speaker_of(index);
    let doc = &corpus.docs[q.doc];
    Line {
        doc: &doc.id,
        id: corpus.quote_id(q),
        kind: q.kind.as_str(),
        medium: q.medium.map(|m| m.as_str()),
        quote: role(&q.quote),
        speaker,
        cue: q.cue.as_ref().map(role),
        frame: q.frame.as_ref().map(role),
        addressee: q.addressee.as_ref().map(role),
        confidence: q.confidence,
        speaker_id: person.map(|p| p.id.as_str()),
        speaker_canonical: person.map(|p| p.name.as_str()),
        cluster: corpus.cluster_of(index),
        title: doc.title.as_deref(),
        date: doc.date.as_deref(),
        url: doc.url.as_deref(),
    }
}

fn role(r: &RoleText) -> Role {
    Role { text: r.text.clone(), spans: r.spans.iter().map(|s| [s.start, s.end]).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Medium, Quotation, QuoteType, Span};

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
            r#"{"doc":"k.txt","id":"k.txt#1","type":"Direct","medium":"Speech","quote":{"text":"„Wir bleiben“","spans":[[0,13]]},"speaker":{"text":"sie","spans":[[21,24]],"name":"Anna Weber"},"cue":{"text":"sagte","spans":[[15,20]]},"frame":null,"addressee":null,"confidence":0.75,"speaker_id":"anna-weber","speaker_canonical":"Anna Weber","cluster":null}"#
        );
        assert_eq!(
            lines[1],
            r#"{"doc":"k.txt","id":"k.txt#2","type":"Reported","quote":{"text":"Er nickte","spans":[[26,28],[29,35]]},"speaker":null,"cue":null,"frame":null,"addressee":null,"confidence":1.0,"speaker_id":null,"speaker_canonical":null,"cluster":null}"#
        );
    }
}
