//! The rules' analysis of a document as input to the network: per subword, the rules'
//! quotation tag, nested-quotation tag and role tags (the same encodings as the training
//! targets of `data`), and one lexicon class of the word the subword belongs to; per
//! (quotation, mention) pair, whether the rules linked them (a copy prior for the link
//! heads). The network embeds these and adds them to the input of its first tuned layer, so
//! the model reads the rules as evidence and can still overrule them.

use super::data::{subword_range, targets, Subwords, Targets};
use crate::detect::lexicon::{is_in, is_role_noun, PRONOUNS, SUBJUNCTIVES};
use crate::detect::words::words;
use crate::document::{Document, Span};
use crate::german::is_mark;
use std::ops::Range;

/// Features per subword: quote tag, nested tag, four role tags, lexicon class.
pub const FEATURES: usize = 7;

/// How many values each feature takes (0 is always "nothing here", also where the evidence
/// was dropped in training).
pub const FEATURE_SIZES: [i64; FEATURES] =
    [super::data::QUOTE_TAGS, super::data::BIO_TAGS, 3, 3, 3, 3, LEXICON_CLASSES];

/// Lexicon classes: none, cue word, Konjunktiv form, pronoun, role noun or title, quotation mark.
const LEXICON_CLASSES: i64 = 6;

/// The rules' analysis of one document in subword space.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    /// [subwords][FEATURES].
    pub tags: Vec<[i64; FEATURES]>,
    /// The rules' quotations and role mentions as the training targets would encode them.
    pub rules: Option<Targets>,
    /// The rules' quotations themselves (what the rules-lead combination starts from).
    pub quotations: Vec<crate::document::Quotation>,
}

impl Evidence {
    /// `analysis` is the document as the rules annotated it.
    pub fn new(analysis: &Document, sub: &Subwords) -> Self {
        let rules = targets(analysis, sub);
        let lexicon = lexicon_classes(analysis, sub);
        let tags = (0..sub.ids.len())
            .map(|i| {
                [
                    rules.quote_tags[i],
                    rules.nested_tags[i],
                    rules.role_tags[0][i],
                    rules.role_tags[1][i],
                    rules.role_tags[2][i],
                    rules.role_tags[3][i],
                    lexicon[i],
                ]
            })
            .collect();
        Evidence { tags, rules: Some(rules), quotations: analysis.quotations.clone() }
    }

    /// The features of subwords `range`, framed by the "nothing" of `<s>` and `</s>`.
    pub fn window(&self, range: Range<usize>) -> Vec<[i64; FEATURES]> {
        let mut out = Vec::with_capacity(range.len() + 2);
        out.push([0; FEATURES]);
        out.extend(range.map(|i| self.tags.get(i).copied().unwrap_or([0; FEATURES])));
        out.push([0; FEATURES]);
        out
    }

    /// Per quotation (its subword parts) and mention of role `r`: 1 where the rules link a
    /// quotation overlapping it to a mention overlapping this one, else 0.
    pub fn link_prior(&self, r: usize, quotes: &[Vec<Range<usize>>], mentions: &[Range<usize>]) -> Vec<Vec<i64>> {
        let linked: Vec<Vec<&Range<usize>>> = quotes
            .iter()
            .map(|parts| match &self.rules {
                Some(rules) => rules
                    .quotes
                    .iter()
                    .filter(|q| overlaps_any(&q.parts, parts))
                    .flat_map(|q| q.links[r].iter().map(|&m| &rules.mentions[r][m]))
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        linked
            .iter()
            .map(|spans| mentions.iter().map(|m| i64::from(spans.iter().any(|s| overlaps(s, m)))).collect())
            .collect()
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn overlaps_any(a: &[Range<usize>], b: &[Range<usize>]) -> bool {
    a.iter().any(|x| b.iter().any(|y| overlaps(x, y)))
}

/// The lexicon class of each subword's word: the facts the rules decide by, given to the
/// model even where the rules found no quotation.
fn lexicon_classes(doc: &Document, sub: &Subwords) -> Vec<i64> {
    let mut classes = vec![0; sub.ids.len()];
    let ws = words(doc, Span::new(0, doc.char_len()));
    let cue_words: Vec<Span> = crate::detect::cues::find_at_words(&ws)
        .into_iter()
        .flat_map(|(_, cue)| cue.spans(&ws))
        .collect();
    let mut mark = |span: Span, class: i64| {
        if let Some(range) = subword_range(sub, span) {
            classes[range].iter_mut().for_each(|c| *c = class);
        }
    };
    for w in &ws {
        let lower = w.lower();
        let class = if w.text.chars().count() == 1 && w.text.chars().all(is_mark) {
            5
        } else if is_in(&PRONOUNS, &lower) {
            3
        } else if is_in(&SUBJUNCTIVES, &lower) {
            2
        } else if w.is_capitalised() && is_role_noun(w.text) {
            4
        } else {
            continue;
        };
        mark(w.span, class);
    }
    for span in cue_words {
        mark(span, 1);
    }
    classes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{QuoteType, Quotation};

    fn toy() -> (Document, Subwords) {
        let text = "Er sagte, sie sei bereit.";
        let mut doc = Document::new("t", text);
        let mut q = Quotation::new(QuoteType::Indirect, vec![Span::new(10, 24)]);
        q.speaker = vec![Span::new(0, 2)];
        q.cue = vec![Span::new(3, 8)];
        doc.quotations.push(q);
        // One subword per word, as the tokenizer would roughly cut it.
        let spans = [(0, 2), (3, 8), (8, 9), (10, 13), (14, 17), (18, 24), (24, 25)];
        let sub = Subwords { ids: (0..spans.len() as i64).collect(), spans: spans.iter().map(|&(s, e)| Span::new(s, e)).collect() };
        (doc, sub)
    }

    #[test]
    fn rule_tags_lexicon_classes_and_link_priors() {
        let (doc, sub) = toy();
        let ev = Evidence::new(&doc, &sub);
        assert_eq!(ev.tags[3][0], 3, "begin of an Indirect quotation");
        assert_eq!(ev.tags[5][0], 4, "inside it");
        assert_eq!(ev.tags[0][2], 1, "speaker begins");
        assert_eq!(ev.tags[1][3], 1, "cue begins");
        assert_eq!(ev.tags[0][6], 3, "„Er“ is a pronoun");
        assert_eq!(ev.tags[4][6], 2, "„sei“ is a Konjunktiv form");
        let prior = ev.link_prior(0, &[vec![4..6], vec![6..7]], &[0..1, 3..4]);
        assert_eq!(prior, vec![vec![1, 0], vec![0, 0]]);
        let framed = ev.window(1..3);
        assert_eq!(framed.len(), 4);
        assert_eq!(framed[0], [0; FEATURES]);
        assert_eq!(framed[1], ev.tags[1]);
    }
}
