//! The one `Document` every stage reads and annotates.
//!
//! All positions are [`Span`]s: half-open ranges of Unicode-character offsets into
//! `Document::text`, exactly as decoded (no normalisation, so NBSP and other odd whitespace
//! stay where they are). Stages never copy text out; they store spans and slice on demand.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::OnceLock;

/// Half-open range `[start, end)` of character offsets into a document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The spans of a sorted list that overlap `span`: a binary search for the first, then
/// as long as they overlap. The list must be sorted by start and its spans must not nest
/// (as sentences and quoted passages are), so that ends grow with starts.
pub fn overlapping(sorted: &[Span], span: Span) -> &[Span] {
    &sorted[overlapping_range(sorted, span)]
}

/// The indices of [`overlapping`]'s spans.
pub fn overlapping_range(sorted: &[Span], span: Span) -> std::ops::Range<usize> {
    let first = sorted.partition_point(|s| s.end <= span.start);
    let count = sorted[first..].iter().take_while(|s| s.start < span.end).count();
    first..first + count
}

/// Answers "does any span of a set strictly contain this one?" in logarithmic time: spans
/// sorted by start with the running maximum of their ends.
pub struct ContainmentIndex {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl ContainmentIndex {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.into_iter().collect();
        spans.sort();
        let starts = spans.iter().map(|s| s.start).collect();
        let max_end = spans.iter().scan(0, |m, s| { *m = (*m).max(s.end); Some(*m) }).collect();
        ContainmentIndex { starts, max_end }
    }

    /// Whether some span `s` in the set has `s.contains(span) && s != span`.
    pub fn strictly_contains(&self, span: Span) -> bool {
        let furthest = |count: usize| count.checked_sub(1).map(|k| self.max_end[k]);
        let before = self.starts.partition_point(|&s| s < span.start);
        let at_or_before = self.starts.partition_point(|&s| s <= span.start);
        furthest(before).is_some_and(|e| e >= span.end) || furthest(at_or_before).is_some_and(|e| e > span.end)
    }
}

/// What a speaker is, so that an index can list people and bodies apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named human being.
    Person,
    /// A company, party, government, authority, court, police, country speaking as a body.
    Organisation,
    /// A report, study, statement, press release, law or letter as the source.
    Document,
    /// A person or group the article does not name („ein Augenzeuge“, „Experten“).
    Unnamed,
}

impl SpeakerKind {
    pub const ALL: [SpeakerKind; 4] = [SpeakerKind::Person, SpeakerKind::Organisation, SpeakerKind::Document, SpeakerKind::Unnamed];
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Document => "document",
            SpeakerKind::Unnamed => "unnamed",
        }
    }
    pub fn parse(s: &str) -> Option<SpeakerKind> {
        SpeakerKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How a quotation renders what was said (the dataset's `type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum QuoteType {
    Direct,
    Indirect,
    FreeIndirect,
    IndirectFreeIndirect,
    Reported,
}

impl QuoteType {
    pub const ALL: [QuoteType; 5] = [
        QuoteType::Direct,
        QuoteType::Indirect,
        QuoteType::FreeIndirect,
        QuoteType::IndirectFreeIndirect,
        QuoteType::Reported,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteType::Direct => "Direct",
            QuoteType::Indirect => "Indirect",
            QuoteType::FreeIndirect => "FreeIndirect",
            QuoteType::IndirectFreeIndirect => "IndirectFreeIndirect",
            QuoteType::Reported => "Reported",
        }
    }
    pub fn parse(s: &str) -> Option<QuoteType> {
        QuoteType::ALL.into_iter().find(|t| t.as_str() == s)
    }
    /// Whether the dataset annotates this type with a cue and frame: free indirect,
    /// continued and reported speech have none.
    pub fn takes_cue(self) -> bool {
        matches!(self, QuoteType::Direct | QuoteType::Indirect)
    }
}

/// Whether the words were spoken, written or thought (the dataset's `medium`; SW = speech
/// or writing, and so on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Medium {
    Speech,
    Writing,
    Thought,
    SW,
    ST,
    TW,
}

impl Medium {
    pub const ALL: [Medium; 6] =
        [Medium::Speech, Medium::Writing, Medium::Thought, Medium::SW, Medium::ST, Medium::TW];
    pub fn as_str(self) -> &'static str {
        match self {
            Medium::Speech => "Speech",
            Medium::Writing => "Writing",
            Medium::Thought => "Thought",
            Medium::SW => "SW",
            Medium::ST => "ST",
            Medium::TW => "TW",
        }
    }
    pub fn parse(s: &str) -> Option<Medium> {
        Medium::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// One attributed quotation. Every role is a list of spans because the dataset's roles
/// may be discontinuous (a quote split by „…“, sagte X, „…“ is one quotation, two spans).
#[derive(Clone, Debug, PartialEq)]
pub struct Quotation {
    pub kind: QuoteType,
    pub medium: Option<Medium>,
    pub quote: Vec<Span>,
    pub speaker: Vec<Span>,
    pub cue: Vec<Span>,
    pub frame: Vec<Span>,
    pub addressee: Vec<Span>,
    /// The speaker's fullest name in the document ("Jens Stoltenberg" for "der Nato-Chef").
    pub speaker_name: Option<String>,
    /// What the speaker is; `None` where there is no speaker.
    pub speaker_kind: Option<SpeakerKind>,
    /// How far `speaker_name` can be trusted, 0..=1 (`attribute::name_confidence`).
    pub speaker_name_confidence: Option<f32>,
    /// What that score was computed from, kept for fitting it again (`zitat fit-names`);
    /// empty without a name.
    pub speaker_name_features: Vec<f32>,
    /// How the model's speaker pass chose the speaker, where it did.
    pub speaker_choice: Option<SpeakerChoice>,
    /// Probability-like score in 0..=1.
    pub confidence: f32,
}

/// The speaker pass's choice of a quotation's speaker: how sure it was, and whether it
/// overruled a speaker the rules or the link heads had found elsewhere. Both say how far
/// the name resolved from it can be trusted (`attribute::name_confidence`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpeakerChoice {
    pub probability: f32,
    pub overruled: bool,
}

impl Quotation {
    pub fn new(kind: QuoteType, quote: Vec<Span>) -> Self {
        Quotation {
            kind,
            medium: None,
            quote,
            speaker: Vec::new(),
            cue: Vec::new(),
            frame: Vec::new(),
            addressee: Vec::new(),
            speaker_name: None,
            speaker_kind: None,
            speaker_name_confidence: None,
            speaker_name_features: Vec::new(),
            speaker_choice: None,
            confidence: 1.0,
        }
    }
    /// Start of the first quote span, for ordering quotations by position.
    pub fn start(&self) -> usize {
        self.quote.iter().map(|s| s.start).min().unwrap_or(0)
    }
}

/// A token of the dataset's own tokenisation, kept when a document comes from the dataset
/// so that output can be given as the dataset's `tokenIds` and scored against gold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub id: usize,
    pub span: Span,
}

/// Facts about a document that come with the input, not from the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The dataset's `documentName`, copied to dataset output.
    pub document_name: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Document {
    /// Path relative to the input root, or the jsonl `id`.
    pub id: String,
    pub text: String,
    /// Byte offset of every character, plus one past the end.
    char_bytes: Vec<usize>,
    /// The words of the whole text as `detect::words` tokenises it (character and byte
    /// range of each), filled on first use: every stage's words are views into it.
    word_ranges: OnceLock<Vec<(Range<usize>, Range<usize>)>>,
    pub meta: Metadata,
    /// The document's place in the whole corpus (its unit's index in corpus order, before
    /// sharding), set in sharded runs only: `zitat merge` writes the shards in this order.
    pub corpus_position: Option<u64>,
    pub tokens: Option<Vec<Token>>,
    /// Regions that are page furniture (captions, credits, menus), not article text.
    pub boilerplate: Vec<Span>,
    pub sentences: Vec<Span>,
    pub quotations: Vec<Quotation>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut char_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_bytes.push(text.len());
        Document {
            id: id.into(),
            text,
            char_bytes,
            word_ranges: OnceLock::new(),
            meta: Metadata::default(),
            corpus_position: None,
            tokens: None,
            boilerplate: Vec::new(),
            sentences: Vec::new(),
            quotations: Vec::new(),
        }
    }

    /// The word ranges of the whole text, made by `tokenise` on the first call.
    pub fn word_ranges(&self, tokenise: impl FnOnce(&str) -> Vec<(Range<usize>, Range<usize>)>) -> &[(Range<usize>, Range<usize>)] {
        self.word_ranges.get_or_init(|| tokenise(&self.text))
    }

    /// Number of characters in the text.
    pub fn char_len(&self) -> usize {
        self.char_bytes.len() - 1
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[self.char_bytes[span.start]..self.char_bytes[span.end]]
    }

    /// The span grown to whole words: a start or end inside a word moves to the word's edge.
    pub fn whole_words(&self, span: Span) -> Span {
        let is_word = |i: usize| self.slice(Span::new(i, i + 1)).chars().all(char::is_alphanumeric);
        let (mut start, mut end) = (span.start, span.end);
        while start > 0 && start < end && is_word(start) && is_word(start - 1) {
            start -= 1;
        }
        while end < self.char_len() && end > start && is_word(end - 1) && is_word(end) {
            end += 1;
        }
        Span::new(start, end)
    }

    /// Byte offset of a character offset.
    pub fn byte_of(&self, char_offset: usize) -> usize {
        self.char_bytes[char_offset]
    }

    /// Character offset of a byte offset (which must lie on a character boundary).
    pub fn char_of(&self, byte_offset: usize) -> usize {
        // Character i starts at byte i plus the extra bytes of the multi-byte characters
        // before it, so only a window as wide as all extra bytes needs searching.
        let extra_bytes = self.text.len() - self.char_len();
        let first = byte_offset.saturating_sub(extra_bytes);
        let last = byte_offset.min(self.char_len());
        self.char_bytes
            .get(first..=last)
            .and_then(|window| window.binary_search(&byte_offset).ok())
            .map(|i| first + i)
            .unwrap_or_else(|| panic!("byte {byte_offset} is not on a character boundary"))
    }

    /// Span of characters for a byte range (as regex matches give them).
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Span {
        Span::new(self.char_of(start), self.char_of(end))
    }

    /// The texts of several spans joined by one space, as the output formats want them.
    pub fn join(&self, spans: &[Span]) -> String {
        spans.iter().map(|s| self.slice(*s)).collect::<Vec<_>>().join(" ")
    }

    /// Characters `i..` as a string slice; handy for rules that look ahead.
    pub fn text_from(&self, char_offset: usize) -> &str {
        &self.text[self.char_bytes[char_offset]..]
    }

    /// Whether a span lies inside page furniture. `boilerplate` is sorted and disjoint
    /// (the segmenter makes it so), which makes this a binary search.
    pub fn is_boilerplate(&self, span: Span) -> bool {
        let after = self.boilerplate.partition_point(|b| b.start <= span.start);
        after > 0 && self.boilerplate[after - 1].contains(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containment_index_agrees_with_a_scan() {
        let spans = [Span::new(0, 10), Span::new(2, 4), Span::new(5, 30), Span::new(12, 14), Span::new(40, 41)];
        let index = ContainmentIndex::new(spans);
        for start in 0..45 {
            for end in start..45 {
                let probe = Span::new(start, end);
                let scanned = spans.iter().any(|s| s.contains(probe) && *s != probe);
                assert_eq!(index.strictly_contains(probe), scanned, "{probe:?}");
            }
        }
    }

    #[test]
    fn overlapping_finds_every_overlapping_span_of_a_chain() {
        let sorted = [Span::new(0, 5), Span::new(6, 9), Span::new(9, 15), Span::new(20, 22)];
        for start in 0..25 {
            for end in start..25 {
                let probe = Span::new(start, end);
                let scanned: Vec<Span> = sorted.iter().copied().filter(|s| s.overlaps(probe)).collect();
                let found: Vec<Span> = overlapping(&sorted, probe).iter().copied().filter(|s| s.overlaps(probe)).collect();
                assert_eq!(found, scanned, "{probe:?}");
            }
        }
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let doc = Document::new("t", "„Öl“ sagte er.");
        assert_eq!(doc.char_len(), 14);
        assert_eq!(doc.slice(Span::new(1, 3)), "Öl");
        assert_eq!(doc.char_of(doc.byte_of(5)), 5);
        assert_eq!(doc.span_of_bytes(3, 6), Span::new(1, 3));
        for (char_offset, (byte_offset, _)) in doc.text.char_indices().enumerate() {
            assert_eq!(doc.char_of(byte_offset), char_offset);
        }
        assert_eq!(doc.char_of(doc.text.len()), doc.char_len());
    }

    #[test]
    #[should_panic(expected = "not on a character boundary")]
    fn a_byte_inside_a_character_has_no_character_offset() {
        Document::new("t", "„Öl“").char_of(1);
    }
}
