//! Per-quotation records: what the corpus-level formats keep of an annotated document.
//!
//! Speaker identities and quote clusters are corpus-wide, so jsonl, csv and html are
//! written only once every document has been annotated. Keeping whole documents until then
//! would make memory grow with the corpus text; a [`QuoteRecord`] holds only the texts and
//! spans of one quotation's roles and the sentence(s) around it, so memory grows with the
//! number of quotations. [`Corpus`] is the collection plus the corpus-level results
//! ([`identity`](crate::identity), [`cluster`](crate::cluster)) that every format reads.

use crate::cluster::{self, Clusters};
use crate::document::{overlapping, Document, Medium, Quotation, QuoteType, Span, SpeakerKind};
use crate::identity::{self, Identities};

/// The text of a role and its spans (character offsets into the document's text).
#[derive(Clone, Debug, PartialEq)]
pub struct RoleText {
    pub text: String,
    pub spans: Vec<Span>,
}

/// A document as the corpus-level formats need it: no text, only its facts.
#[derive(Clone, Debug, PartialEq)]
pub struct DocRecord {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The article page of the review site (relative to the site's root), when there is one.
    pub page: Option<String>,
}

/// One quotation, self-contained.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteRecord {
    /// Index into [`Corpus::docs`].
    pub doc: usize,
    /// 1-based number within its document, in document order (the `#n` of its id).
    pub number: usize,
    pub kind: QuoteType,
    pub medium: Option<Medium>,
    pub quote: RoleText,
    pub speaker: Option<RoleText>,
    pub speaker_name: Option<String>,
    pub speaker_kind: Option<SpeakerKind>,
    pub speaker_name_confidence: Option<f32>,
    pub cue: Option<RoleText>,
    pub frame: Option<RoleText>,
    pub addressee: Option<RoleText>,
    pub confidence: f32,
    /// The sentence(s) the quotation lies in, joined by one space.
    pub context: String,
}

impl QuoteRecord {
    /// The quotation again, as far as a page marks it (spans, type, speaker's name,
    /// confidence): for a review site built from records, as `zitat merge` builds it.
    pub fn quotation(&self) -> Quotation {
        let spans = |role: &Option<RoleText>| role.as_ref().map_or_else(Vec::new, |r| r.spans.clone());
        Quotation {
            kind: self.kind,
            medium: self.medium,
            quote: self.quote.spans.clone(),
            speaker: spans(&self.speaker),
            cue: spans(&self.cue),
            frame: spans(&self.frame),
            addressee: spans(&self.addressee),
            speaker_name: self.speaker_name.clone(),
            speaker_kind: self.speaker_kind,
            speaker_name_confidence: self.speaker_name_confidence,
            speaker_name_features: Vec::new(),
            speaker_choice: None,
            confidence: self.confidence,
        }
    }
}

/// The records of a whole corpus, in input order, with speaker identities and clusters.
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<DocRecord>,
    pub quotes: Vec<QuoteRecord>,
    pub facts: CorpusFacts,
}

impl Corpus {
    /// Adds a document's quotations (after annotation); returns the index of the first one.
    pub fn add(&mut self, doc: &Document, page: Option<String>) -> usize {
        let first = self.quotes.len();
        let index = self.docs.len();
        self.docs.push(DocRecord {
            id: doc.id.clone(),
            title: doc.meta.title.clone(),
            date: doc.meta.date.clone(),
            url: doc.meta.url.clone(),
            page,
        });
        self.quotes.extend(records(doc, index));
        first
    }

    /// Computes speaker identities and quote clusters over everything added.
    pub fn resolve(&mut self) {
        let names: Vec<Option<&str>> = self.quotes.iter().map(|q| q.speaker_name.as_deref()).collect();
        let texts: Vec<&str> = self.quotes.iter().map(|q| q.quote.text.as_str()).collect();
        let sources: Vec<usize> = self.quotes.iter().map(|q| q.doc).collect();
        let kinds: Vec<Option<SpeakerKind>> = self.quotes.iter().map(|q| q.speaker_kind).collect();
        self.facts = CorpusFacts::of(&names, &kinds, &texts, &sources);
    }

    /// The quotation's id as every format writes it: `<doc id>#<number>`.
    pub fn quote_id(&self, quote: &QuoteRecord) -> String {
        format!("{}#{}", self.docs[quote.doc].id, quote.number)
    }

    /// The corpus-wide speaker id and canonical name of quotation `index` (the first
    /// person of a coordinated speaker).
    pub fn speaker_of(&self, index: usize) -> Option<&identity::Person> {
        self.facts.speaker_of(index)
    }

    /// Every person quotation `index` is said by.
    pub fn speakers_of(&self, index: usize) -> Vec<&identity::Person> {
        self.facts.speakers_of(index)
    }

    /// The canonical names of all its speakers, joined.
    pub fn canonical_of(&self, index: usize) -> Option<String> {
        self.facts.canonical_of(index)
    }

    /// The cluster id (`c1`, `c2`, …) of quotation `index`, when it has variants.
    pub fn cluster_of(&self, index: usize) -> Option<String> {
        self.facts.cluster_of(index)
    }
}

/// What only the whole corpus tells about each quotation: its speaker's identity and its
/// cluster of variants. Every output format computes them here, from the speaker names,
/// the quotation texts and the document of each quotation, in corpus order.
#[derive(Debug, Default)]
pub struct CorpusFacts {
    pub identities: Identities,
    pub clusters: Clusters,
}

impl CorpusFacts {
    pub fn of(names: &[Option<&str>], kinds: &[Option<SpeakerKind>], texts: &[&str], sources: &[usize]) -> Self {
        CorpusFacts { identities: identity::resolve(names, kinds, sources), clusters: cluster::cluster(texts, sources, cluster::THRESHOLD) }
    }

    /// The first person the quotation's speaker names: its one `speaker_id`.
    pub fn speaker_of(&self, index: usize) -> Option<&identity::Person> {
        self.identities.of.get(index).copied().flatten().map(|p| &self.identities.people[p])
    }

    /// Every person the speaker names (two or more for „Stoltenberg und Scholz“).
    pub fn speakers_of(&self, index: usize) -> Vec<&identity::Person> {
        let all = self.identities.all_of.get(index).map_or(&[][..], Vec::as_slice);
        all.iter().map(|&p| &self.identities.people[p]).collect()
    }

    /// The canonical names of every person the speaker names, joined as German joins them
    /// („Jens Stoltenberg und Olaf Scholz“, „A, B und C“).
    pub fn canonical_of(&self, index: usize) -> Option<String> {
        let names: Vec<&str> = self.speakers_of(index).iter().map(|p| p.name.as_str()).collect();
        (!names.is_empty()).then(|| identity::join_names(&names))
    }

    pub fn cluster_of(&self, index: usize) -> Option<String> {
        self.clusters.of.get(index).copied().flatten().map(cluster::cluster_id)
    }
}

/// The records of one document's quotations.
pub fn records(doc: &Document, doc_index: usize) -> Vec<QuoteRecord> {
    (doc.quotations.iter().enumerate()).map(|(k, q)| record(doc, doc_index, k + 1, q)).collect()
}

fn record(doc: &Document, doc_index: usize, number: usize, q: &Quotation) -> QuoteRecord {
    QuoteRecord {
        doc: doc_index,
        number,
        kind: q.kind,
        medium: q.medium,
        quote: role(doc, &q.quote),
        speaker: optional_role(doc, &q.speaker),
        speaker_name: q.speaker_name.clone(),
        speaker_kind: q.speaker_kind,
        speaker_name_confidence: q.speaker_name_confidence,
        cue: optional_role(doc, &q.cue),
        frame: optional_role(doc, &q.frame),
        addressee: optional_role(doc, &q.addressee),
        confidence: q.confidence.clamp(0.0, 1.0),
        context: context(doc, &q.quote),
    }
}

pub fn role(doc: &Document, spans: &[Span]) -> RoleText {
    RoleText { text: doc.join(spans), spans: spans.to_vec() }
}

fn optional_role(doc: &Document, spans: &[Span]) -> Option<RoleText> {
    (!spans.is_empty()).then(|| role(doc, spans))
}

/// The sentences that share a character with the quotation; the quotation itself when the
/// document has no sentences (as in dataset input without segmentation). A binary search
/// per quote span, not a scan of all sentences per quotation.
pub fn context(doc: &Document, quote: &[Span]) -> String {
    let mut around: Vec<Span> = quote
        .iter()
        .flat_map(|q| overlapping(&doc.sentences, *q).iter().copied().filter(move |s| s.overlaps(*q)))
        .collect();
    around.sort();
    around.dedup();
    if around.is_empty() {
        doc.join(quote)
    } else {
        doc.join(&around)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_keeps_the_roles_and_the_sentence_around_the_quotation() {
        let mut doc = Document::new("a.txt", "Es regnet. „Wir bleiben“, sagte Anna Weber. Ende.");
        doc.sentences = vec![Span::new(0, 10), Span::new(11, 43), Span::new(44, 49)];
        let mut q = Quotation::new(QuoteType::Direct, vec![Span::new(11, 24)]);
        q.cue = vec![Span::new(26, 31)];
        q.speaker = vec![Span::new(32, 42)];
        q.speaker_name = Some("Anna Weber".into());
        doc.quotations.push(q);
        let records = records(&doc, 3);
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!((r.doc, r.number), (3, 1));
        assert_eq!(r.quote.text, "„Wir bleiben“");
        assert_eq!(r.cue.as_ref().unwrap().text, "sagte");
        assert_eq!(r.speaker.as_ref().unwrap().text, "Anna Weber");
        assert_eq!(r.context, "„Wir bleiben“, sagte Anna Weber.");
        assert!(r.frame.is_none() && r.addressee.is_none());
    }
}
