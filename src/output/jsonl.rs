//! The JSON-lines output: one line per quotation.
//!
//! ```text
//! {"doc":"a.txt","id":"a.txt#1","type":"Direct","medium":"Speech",
//!  "quote":{"text":"…","spans":[[12,40]]},
//!  "speaker":{"text":"der Kanzler","spans":[[45,56]],"name":"Olaf Scholz","kind":"person","name_confidence":0.91},
//!  "cue":{"text":"sagte","spans":[[41,46]]},"frame":null,"addressee":null,"confidence":0.92,
//!  "speaker_id":"olaf-scholz","speaker_ids":["olaf-scholz"],"speaker_canonical":"Olaf Scholz","cluster":"c3"}
//! ```
//!
//! Offsets are Unicode characters, end exclusive; the `text` of a role with several spans is
//! their texts joined by one space. `medium` is left out when unknown; an empty role is
//! `null`. `speaker.kind` is person, organisation, document or unnamed;
//! `speaker.name_confidence` (only with a name) how far the name can be trusted, which
//! `confidence` (the quotation's) does not say (`attribute::name_confidence`). Quotations are numbered from 1 within each document, in the document's order.
//!
//! The last four fields are corpus-wide ([`identity`](crate::identity),
//! [`cluster`](crate::cluster)): `speaker_id` and `speaker_canonical` are the same for a
//! person in every document of the run (`speaker.name` stays the name the article itself
//! gives), `cluster` is shared by the variants of one statement; each is `null` when there is
//! no named speaker or no variant. `speaker_ids` lists every person the speaker names, one
//! id each („Stoltenberg und Scholz“ → both; `[]` for none); `speaker_id` is the first of
//! them and `speaker_canonical` their canonical names joined („Jens Stoltenberg und Olaf
//! Scholz“).
//!
//! `title`, `date` and `url` of the article follow the per-quotation fields when the input
//! had them (jsonl fields, an HTML page's meta tags, the dataset's document name).
//!
//! A sharded run (`--shard K/N`) adds `"shard": {"position", "context"}` before the corpus
//! fields: the document's place in the whole corpus and the sentence(s) around the
//! quotation, which `zitat merge` reads and drops. It also writes one document line before
//! the quotations of each document, articles without quotations too:
//! `{"doc", "title", "date", "url", "shard": {"position", "text", "furniture"}}` (no `id`,
//! no `quote`): the text and the page furniture the review site shows, so that
//! `zitat merge --format html` builds the single run's site from the shards alone.

use super::record::{self, RoleText};
use crate::document::{Document, Quotation, SpeakerKind};
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

/// The fields of a line that one document decides.
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
    #[serde(flatten)]
    article: Article<'a>,
    /// Only in the output of a sharded run, for `zitat merge` (which drops it).
    #[serde(skip_serializing_if = "Option::is_none")]
    shard: Option<ShardFields>,
}

/// What `zitat merge` needs beyond a line's own fields: where the document stands in the
/// whole corpus (to write the single run's order) and the sentence(s) around the quotation
/// (for csv).
#[derive(Serialize)]
struct ShardFields {
    position: u64,
    context: String,
}

/// The article's title, date and url, each left out when the input had none.
#[derive(Serialize)]
struct Article<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

impl<'a> Article<'a> {
    fn of(doc: &'a Document) -> Self {
        Article { title: doc.meta.title.as_deref(), date: doc.meta.date.as_deref(), url: doc.meta.url.as_deref() }
    }
}

/// A sharded run's line for a document (see the module documentation).
#[derive(Serialize)]
struct DocumentLine<'a> {
    doc: &'a str,
    #[serde(flatten)]
    article: Article<'a>,
    shard: DocumentFields<'a>,
}

#[derive(Serialize)]
struct DocumentFields<'a> {
    position: u64,
    text: &'a str,
    furniture: Vec<[usize; 2]>,
}

/// The key that opens the shard fields; no JSON string can hold it unescaped, and only
/// the top-level object has it.
pub const SHARD_KEY: &str = ",\"shard\":{";

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
    /// person, organisation, document or unnamed.
    kind: Option<SpeakerKind>,
    /// How far the name can be trusted, 0..=1; only with a name.
    #[serde(skip_serializing_if = "Option::is_none")]
    name_confidence: Option<f32>,
}

/// The fields the corpus-wide pass added, appended to each line.
#[derive(Serialize)]
struct CorpusFields<'a> {
    speaker_id: Option<&'a str>,
    speaker_ids: Vec<&'a str>,
    speaker_canonical: Option<String>,
    cluster: Option<String>,
}

/// What the corpus-wide pass reads back from a line (a document line has no quote).
#[derive(Deserialize)]
struct Written {
    doc: String,
    quote: Option<WrittenText>,
    speaker: Option<WrittenSpeaker>,
}

#[derive(Deserialize)]
struct WrittenText {
    text: String,
}

#[derive(Deserialize)]
struct WrittenSpeaker {
    name: Option<String>,
    #[serde(default)]
    kind: Option<SpeakerKind>,
}

/// The lines of one document without the corpus-wide fields, each ending in a newline
/// (empty without quotations, but for a sharded run's document line): what a run writes
/// chunk by chunk.
pub fn render_document(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(position) = doc.corpus_position {
        out.push_str(&serde_json::to_string(&document_line(doc, position)).expect("a document line always serialises"));
        out.push('\n');
    }
    for (index, quotation) in doc.quotations.iter().enumerate() {
        let line = line(doc, index + 1, quotation);
        out.push_str(&serde_json::to_string(&line).expect("a quotation line always serialises"));
        out.push('\n');
    }
    out
}

fn document_line(doc: &Document, position: u64) -> DocumentLine<'_> {
    DocumentLine {
        doc: &doc.id,
        article: Article::of(doc),
        shard: DocumentFields { position, text: &doc.text, furniture: doc.boilerplate.iter().map(|s| [s.start, s.end]).collect() },
    }
}

/// Copies the lines of `partial` to `out` with the corpus-wide fields appended to each
/// quotation's line, computed from the lines themselves (speaker names, quotation texts,
/// documents) in a first pass, so the result is the same whether the lines were written by
/// one run or a resumed one. Document lines are copied as they are.
pub fn add_corpus_fields(partial: &Path, out: &mut dyn Write) -> io::Result<()> {
    let lines = || -> io::Result<_> { Ok(BufReader::new(std::fs::File::open(partial)?).lines()) };
    let (facts, documents) = facts_of_lines(lines()?)?;
    let mut index = 0;
    for (number, line) in lines()?.enumerate() {
        let line = line?;
        if documents.binary_search(&number).is_ok() {
            writeln!(out, "{line}")?;
            continue;
        }
        writeln!(out, "{}", with_corpus_fields(&line, &facts, index)?)?;
        index += 1;
    }
    Ok(())
}

/// Each quotation's line as `zitat run` writes it for this one document (its corpus
/// fields are those of a corpus of this document alone), without the newline: for callers
/// that frame the records differently (the HTTP API of `zitat serve`).
pub fn records(doc: &Document) -> Vec<String> {
    let names: Vec<Option<&str>> = doc.quotations.iter().map(|q| q.speaker_name.as_deref()).collect();
    let kinds: Vec<Option<SpeakerKind>> = doc.quotations.iter().map(|q| q.speaker_kind).collect();
    let texts: Vec<String> = doc.quotations.iter().map(|q| doc.join(&q.quote)).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let facts = record::CorpusFacts::of(&names, &kinds, &texts, &vec![0; texts.len()]);
    render_document(doc)
        .lines()
        .enumerate()
        .map(|(k, line)| with_corpus_fields(line, &facts, k).expect("a rendered line is an object"))
        .collect()
}

/// Speaker identities and clusters of the quotations written as `lines`, and the numbers
/// of the document lines among them (ascending).
fn facts_of_lines(lines: impl Iterator<Item = io::Result<String>>) -> io::Result<(record::CorpusFacts, Vec<usize>)> {
    let (mut names, mut kinds, mut texts, mut sources) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut documents = Vec::new();
    let mut last_doc: Option<String> = None;
    for (number, line) in lines.enumerate() {
        let written: Written = serde_json::from_str(&line?).map_err(io::Error::other)?;
        let Some(quote) = written.quote else {
            documents.push(number);
            continue;
        };
        let same_doc = last_doc.as_deref() == Some(written.doc.as_str());
        sources.push(match sources.last() {
            Some(&d) if same_doc => d,
            Some(&d) => d + 1,
            None => 0,
        });
        last_doc = Some(written.doc);
        kinds.push(written.speaker.as_ref().and_then(|s| s.kind));
        names.push(written.speaker.and_then(|s| s.name));
        texts.push(quote.text);
    }
    let names: Vec<Option<&str>> = names.iter().map(Option::as_deref).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    Ok((record::CorpusFacts::of(&names, &kinds, &texts, &sources), documents))
}

/// A line with the corpus fields of quotation `index` appended.
pub fn with_corpus_fields(line: &str, facts: &record::CorpusFacts, index: usize) -> io::Result<String> {
    let person = facts.speaker_of(index);
    let fields = CorpusFields {
        speaker_id: person.map(|p| p.id.as_str()),
        speaker_ids: facts.speakers_of(index).iter().map(|p| p.id.as_str()).collect(),
        speaker_canonical: facts.canonical_of(index),
        cluster: facts.cluster_of(index),
    };
    let fields = serde_json::to_string(&fields).map_err(io::Error::other)?;
    let body = line.strip_suffix('}').ok_or_else(|| io::Error::other(format!("quotation line {} is no JSON object", index + 1)))?;
    Ok(format!("{body},{}", &fields[1..]))
}

fn line<'a>(doc: &'a Document, number: usize, q: &Quotation) -> Line<'a> {
    let speaker = (!q.speaker.is_empty() || q.speaker_name.is_some())
        .then(|| Speaker { role: role(&record::role(doc, &q.speaker)), name: q.speaker_name.clone(), kind: q.speaker_kind, name_confidence: q.speaker_name_confidence });
    let optional = |spans: &[crate::document::Span]| (!spans.is_empty()).then(|| role(&record::role(doc, spans)));
    Line {
        doc: &doc.id,
        id: format!("{}#{number}", doc.id),
        kind: q.kind.as_str(),
        medium: q.medium.map(|m| m.as_str()),
        quote: role(&record::role(doc, &q.quote)),
        speaker,
        cue: optional(&q.cue),
        frame: optional(&q.frame),
        addressee: optional(&q.addressee),
        confidence: q.confidence.clamp(0.0, 1.0),
        article: Article::of(doc),
        shard: doc.corpus_position.map(|position| ShardFields { position, context: record::context(doc, &q.quote) }),
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
        q.speaker_kind = Some(crate::document::SpeakerKind::Person);
        q.confidence = 0.75;
        doc.quotations.push(q);
        doc.quotations.push(Quotation::new(QuoteType::Reported, vec![Span::new(26, 28), Span::new(29, 35)]));
        let out = render_document(&doc);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            r#"{"doc":"k.txt","id":"k.txt#1","type":"Direct","medium":"Speech","quote":{"text":"„Wir bleiben“","spans":[[0,13]]},"speaker":{"text":"sie","spans":[[21,24]],"name":"Anna Weber","kind":"person"},"cue":{"text":"sagte","spans":[[15,20]]},"frame":null,"addressee":null,"confidence":0.75}"#
        );
        assert_eq!(
            lines[1],
            r#"{"doc":"k.txt","id":"k.txt#2","type":"Reported","quote":{"text":"Er nickte","spans":[[26,28],[29,35]]},"speaker":null,"cue":null,"frame":null,"addressee":null,"confidence":1.0}"#
        );
    }

    #[test]
    fn a_shard_has_a_line_per_document_that_the_corpus_pass_leaves_as_it_is() {
        let mut doc = Document::new("k.txt", "Foto: dpa\n„Wir bleiben“, sagte sie.");
        doc.corpus_position = Some(7);
        doc.boilerplate = vec![Span::new(0, 9)];
        doc.meta.title = Some("Kiel".into());
        doc.quotations.push(Quotation::new(QuoteType::Direct, vec![Span::new(10, 23)]));
        let lines = render_document(&doc);
        let first = lines.lines().next().unwrap();
        assert_eq!(first, r#"{"doc":"k.txt","title":"Kiel","shard":{"position":7,"text":"Foto: dpa\n„Wir bleiben“, sagte sie.","furniture":[[0,9]]}}"#);
        let dir = tempfile::tempdir().unwrap();
        let partial = dir.path().join("out.jsonl.partial");
        std::fs::write(&partial, &lines).unwrap();
        let mut out = Vec::new();
        add_corpus_fields(&partial, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.lines().next(), Some(first));
        assert!(out.lines().nth(1).unwrap().ends_with(r#""speaker_id":null,"speaker_ids":[],"speaker_canonical":null,"cluster":null}"#), "{out}");
    }

    #[test]
    fn the_corpus_pass_appends_speaker_ids_and_clusters_to_every_line() {
        let quote = "„Wir werden die Brücke im Sommer sanieren lassen“";
        let docs: Vec<Document> = ["a.txt", "b.txt"]
            .iter()
            .map(|id| {
                let mut doc = Document::new(*id, format!("{quote}, sagte Bürgermeisterin Jana Keller."));
                let mut q = Quotation::new(QuoteType::Direct, vec![Span::new(0, quote.chars().count())]);
                q.speaker_name = Some(if *id == "a.txt" { "Jana Keller" } else { "Keller" }.into());
                doc.quotations.push(q);
                doc
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let partial = dir.path().join("out.jsonl.partial");
        std::fs::write(&partial, docs.iter().map(render_document).collect::<String>()).unwrap();
        let mut out = Vec::new();
        add_corpus_fields(&partial, &mut out).unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2);
        for line in &lines {
            assert_eq!(line["speaker_id"], "jana-keller");
            assert_eq!(line["cluster"], "c1");
        }
        assert_eq!(lines[1]["speaker"]["name"], "Keller", "the article's own name stays");
    }
}
