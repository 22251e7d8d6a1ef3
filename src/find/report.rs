//! What `zitat find` prints of a match, one JSON line each (and `GET /v1/find` returns).
//!
//! ```text
//! {"similarity":0.93,"speaker":{"id":"jens-stoltenberg","name":"Jens Stoltenberg","text":"Jens Stoltenberg"},
//!  "doc":"nato.txt","id":"nato.txt#1","title":…,"date":…,"url":…,"type":"Direct",
//!  "wording":"„Die Welt ist gefährlich, aber die NATO ist stärker“",
//!  "diff":{"added":[],"dropped":[],"changed":[{"claim":"stark","quote":"stärker"}]},
//!  "steps":[{"op":"same","word":"Die"},…,{"op":"changed","claim":"stark","quote":"stärker"}],
//!  "speaker_check":{"asked":"Olaf Scholz","same":false,"note":"said by Jens Stoltenberg, not Olaf Scholz"}}
//! ```
//!
//! `speaker.id` and `speaker.name` are the corpus-wide id and canonical name (null when the
//! quotation has no named speaker; `text` is the speaker as the article writes it). `title`,
//! `date`, `url` appear when the corpus has them; `speaker_check` only with `--speaker`.

use super::corpus::Record;
use super::diff::{self, Step, Summary};
use super::index::Similarity;
use super::words;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Match {
    /// Rounded to three decimals.
    pub similarity: f64,
    pub speaker: Speaker,
    pub doc: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    /// The quotation exactly as the article writes it.
    pub wording: String,
    pub diff: Summary,
    /// The whole alignment, for showing the wording with the differences marked.
    pub steps: Vec<Step>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_check: Option<SpeakerCheck>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Speaker {
    pub id: Option<String>,
    pub name: Option<String>,
    pub text: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SpeakerCheck {
    pub asked: String,
    /// Whether the quotation is by the person asked about.
    pub same: bool,
    /// „said by X, not Y“ when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Match {
    pub fn new(claim: &str, similarity: Similarity, record: Record, asked: Option<&str>) -> Match {
        let steps = diff::steps(claim, &record.quote.text);
        let speaker = Speaker {
            id: record.speaker_id,
            name: record.speaker_canonical.or_else(|| record.speaker.as_ref().and_then(|s| s.name.clone())),
            text: record.speaker.map(|s| s.text),
        };
        let speaker_check = asked.map(|asked| check(&speaker, asked));
        Match {
            similarity: (f64::from(similarity.score) * 1000.0).round() / 1000.0,
            speaker,
            doc: record.doc,
            id: record.id,
            title: record.title,
            date: record.date,
            url: record.url,
            kind: record.kind,
            wording: record.quote.text,
            diff: diff::summary(&steps),
            steps,
            speaker_check,
        }
    }
}

/// Whether `asked` names the speaker: its id, or every word of it (folded: „Stoltenberg“,
/// „jens stoltenberg“) among the words of the canonical name.
fn check(speaker: &Speaker, asked: &str) -> SpeakerCheck {
    let folded = |name: &str| words::split(name).map(words::spelling).collect::<Vec<_>>();
    let wanted = folded(asked);
    let by_id = speaker.id.as_deref().is_some_and(|id| words::spelling(id) == words::spelling(asked.trim()));
    let by_name = speaker.name.as_deref().is_some_and(|name| {
        let have = folded(name);
        !wanted.is_empty() && wanted.iter().all(|w| have.contains(w))
    });
    let same = by_id || by_name;
    let said_by = match (&speaker.name, &speaker.text) {
        (Some(name), _) => name.clone(),
        (None, Some(text)) => format!("„{text}“ (no name known)"),
        (None, None) => "no one named".to_owned(),
    };
    SpeakerCheck { asked: asked.to_owned(), same, note: (!same).then(|| format!("said by {said_by}, not {asked}")) }
}
