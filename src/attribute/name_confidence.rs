//! How far a speaker's name can be trusted, for a desk that publishes names: a logistic score
//! over what the resolver knew when it gave the name — how it found it (written in the
//! phrase, a body's description, a pronoun, a role noun, „demnach“, a clause's subject), the
//! kind, whether the phrase writes the name, how often the article mentions it, the
//! quotation's own confidence, and how sure the model's speaker pass was of the phrase
//! (a pass that overrules another speaker is often choosing between two sources).
//!
//! The quotation's confidence says whether the quotation and its speaker *phrase* are right;
//! on the name keys it hardly separates right names from wrong ones (models/README.md, "Name
//! confidence"). The weights (`models/name-confidence.json`) are fitted by `zitat fit-names`
//! on the outcomes of `zitat eval --names KEY --json`.

use crate::detect::words::Word;
use crate::document::{SpeakerChoice, SpeakerKind};
use std::sync::LazyLock;

/// How the resolver came to a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The phrase names the person, body or document („Jens Stoltenberg“, „Angaben der Polizei“).
    Written,
    /// A description of a body („das Ministerium“), named as the article named it before.
    Description,
    /// „er“, „sie“, „ihren Angaben“: the person (or body) the article mentioned last.
    Pronoun,
    /// „der Minister“: the person the article introduced with that role.
    Role,
    /// „demnach“: the source of the quotation before.
    Previous,
}

/// What the score reads; the order of [`FEATURES`].
pub struct Evidence<'a> {
    pub basis: Basis,
    /// The phrase was read through a clause: its subject („nach eigenen Angaben“), a relative
    /// pronoun's antecedent, the sentence before („demnach“).
    pub through_clause: bool,
    pub kind: SpeakerKind,
    pub name: &'a str,
    pub phrase: &'a [Word<'a>],
    /// Words of the article that start with the name's last word („Stoltenberg“,
    /// „Stoltenbergs“).
    pub mentions: usize,
    pub quotation_confidence: f32,
    /// How the speaker pass chose the speaker phrase, where it did.
    pub choice: Option<SpeakerChoice>,
}

/// The features' names, as `models/name-confidence.json` lists them.
pub const FEATURES: [&str; 19] = [
    "bias",
    "basis: description of a body",
    "basis: pronoun",
    "basis: role noun",
    "basis: demnach",
    "read through a clause",
    "kind: organisation",
    "kind: document",
    "name of one word",
    "name of three words or more",
    "phrase writes the whole name",
    "phrase writes the name's last word",
    "quotation confidence",
    "name starts in lowercase",
    "phrase of five words or more",
    "ln(1 + mentions of the name's last word)",
    "speaker chosen by the speaker pass",
    "speaker pass: probability of its choice",
    "speaker pass overruled another speaker",
];

pub fn features(e: &Evidence) -> Vec<f32> {
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let name_words: Vec<&str> = e.name.split(' ').collect();
    let last = name_words[name_words.len() - 1];
    let in_phrase = |word: &str| e.phrase.iter().any(|w| w.text.starts_with(word));
    vec![
        1.0,
        flag(e.basis == Basis::Description),
        flag(e.basis == Basis::Pronoun),
        flag(e.basis == Basis::Role),
        flag(e.basis == Basis::Previous),
        flag(e.through_clause),
        flag(e.kind == SpeakerKind::Organisation),
        flag(e.kind == SpeakerKind::Document),
        flag(name_words.len() == 1),
        flag(name_words.len() >= 3),
        flag(name_words.iter().all(|w| in_phrase(w))),
        flag(in_phrase(last)),
        e.quotation_confidence,
        flag(e.name.starts_with(char::is_lowercase)),
        flag(e.phrase.len() >= 5),
        (1.0 + e.mentions as f32).ln(),
        flag(e.choice.is_some()),
        e.choice.map_or(0.0, |c| c.probability),
        flag(e.choice.is_some_and(|c| c.overruled)),
    ]
}

/// The fitted weights, one per feature; `None` where the file lists other features (a
/// build whose code and weights disagree gives no score rather than a wrong one).
static WEIGHTS: LazyLock<Option<Vec<f32>>> = LazyLock::new(|| parse_weights(include_str!("../../models/name-confidence.json")));

#[derive(serde::Deserialize, serde::Serialize)]
pub struct WeightsFile {
    pub features: Vec<String>,
    pub weights: Vec<f32>,
    /// How they were fitted: command, examples, in-sample figures.
    pub fitted: serde_json::Value,
}

fn parse_weights(json: &str) -> Option<Vec<f32>> {
    let file: WeightsFile = serde_json::from_str(json).ok()?;
    (file.features.iter().map(String::as_str).eq(FEATURES) && file.weights.len() == FEATURES.len()).then_some(file.weights)
}

/// The probability that the name is the one a careful reader of the article would give, to
/// three decimals: more would claim a precision the score does not have, and a value that
/// jsonl writes and `zitat merge` reads back stays the same number.
pub fn score(features: &[f32]) -> Option<f32> {
    WEIGHTS.as_ref().map(|weights| (score_with(weights, features) * 1000.0).round() / 1000.0)
}

pub fn score_with(weights: &[f32], features: &[f32]) -> f32 {
    let z: f32 = weights.iter().zip(features).map(|(w, x)| w * x).sum();
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_list_the_features_this_code_computes() {
        assert!(WEIGHTS.is_some(), "models/name-confidence.json does not list FEATURES in order; refit with scripts/fit-name-confidence.sh");
    }
}
