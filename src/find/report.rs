//! What `zitat find` prints of a match, one JSON line each (and `GET /v1/find` returns).
//!
//! ```text
//! {"similarity":0.93,"verdict":"same meaning","changes":[],"speaker":{"id":"jens-stoltenberg","name":"Jens Stoltenberg","text":"Jens Stoltenberg"},
//!  "doc":"nato.txt","id":"nato.txt#1","title":…,"date":…,"url":…,"type":"Direct",
//!  "wording":"„Die Welt ist gefährlich, aber die NATO ist stärker“",
//!  "diff":{"added":[],"dropped":[],"changed":[{"claim":"stark","quote":"stärker"}]},
//!  "steps":[{"op":"same","word":"Die"},…,{"op":"changed","claim":"stark","quote":"stärker"}],
//!  "speaker_check":{"asked":"Olaf Scholz","same":false,"note":"said by Jens Stoltenberg, not Olaf Scholz"}}
//! ```
//!
//! `verdict` is `verbatim`, `same meaning` or `meaning changed`, and `changes` names what
//! changed for the last ([`verdict`](super::verdict)): `[{"kind":"negation","claim":[],
//! "quote":["keine"]}]` (the words only the claim has, those only the quotation has).
//! `near_miss` is true on a match below the threshold that `zitat find --all` lists.
//! `speaker.id` and `speaker.name` are the corpus-wide id and canonical name (null when the
//! quotation has no named speaker; `text` is the speaker as the article writes it). `title`,
//! `date`, `url` appear when the corpus has them; `speaker_check` only with `--speaker`.

use super::corpus::Record;
use super::diff::{self, Step, Summary};
use super::index::Similarity;
use super::verdict::{self, Change, Names, Verdict};
use super::words;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Match {
    /// Rounded to three decimals.
    pub similarity: f64,
    pub verdict: Verdict,
    pub changes: Vec<Change>,
    /// Below the threshold, listed by `--all` only.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub near_miss: bool,
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
    pub fn new(claim: &str, similarity: Similarity, record: Record, asked: Option<&str>, names: &Names) -> Match {
        let steps = diff::steps(claim, &record.quote.text);
        let speaker = Speaker {
            id: record.speaker_id,
            name: record.speaker_canonical.or_else(|| record.speaker.as_ref().and_then(|s| s.name.clone())),
            text: record.speaker.map(|s| s.text),
        };
        let judgement = verdict::judge(claim, &record.quote.text, &steps, names, speaker.name.as_deref());
        let speaker_check = asked.map(|asked| check(&speaker, asked));
        Match {
            similarity: (f64::from(similarity.score) * 1000.0).round() / 1000.0,
            verdict: judgement.verdict,
            changes: judgement.changes,
            near_miss: false,
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

/// Whether `asked` names the speaker: its id, or the same person by name (see
/// [`same_person`]).
fn check(speaker: &Speaker, asked: &str) -> SpeakerCheck {
    let by_id = speaker.id.as_deref().is_some_and(|id| words::spelling(id) == words::spelling(asked.trim()));
    let by_name = speaker.name.as_deref().is_some_and(|name| same_person(asked, name));
    let same = by_id || by_name;
    let said_by = match (&speaker.name, &speaker.text) {
        (Some(name), _) => name.clone(),
        (None, Some(text)) => format!("„{text}“ (no name known)"),
        (None, None) => "no one named".to_owned(),
    };
    SpeakerCheck { asked: asked.to_owned(), same, note: (!same).then(|| format!("said by {said_by}, not {asked}")) }
}

/// Whether the name asked about may be the speaker's: compared as persons, not strings.
/// Titles and role nouns are left out ([`identity::bare`](crate::identity::bare)), words
/// folded and a genitive -s dropped („nach Angaben Kellers“ is Keller); then either every
/// word asked is in the speaker's name („Stoltenberg“, „Jens“ for Jens Stoltenberg) or
/// the speaker's name ends the one asked (a speaker known only as „Keller“ for „Thomas
/// Keller“).
pub fn same_person(asked: &str, speaker: &str) -> bool {
    let person = |name: &str| -> Vec<String> {
        let bare = crate::identity::bare(name);
        words::split(&bare).map(|w| words::without_genitive(&words::spelling(w)).to_owned()).collect()
    };
    let (asked, speaker) = (person(asked), person(speaker));
    !asked.is_empty() && !speaker.is_empty() && (asked.iter().all(|w| speaker.contains(w)) || asked.ends_with(&speaker))
}

#[cfg(test)]
mod tests {
    use super::same_person;

    #[test]
    fn a_speaker_is_compared_as_a_person() {
        assert!(same_person("Keller", "Kellers"), "the genitive of „nach Angaben Kellers“");
        assert!(same_person("Keller", "Thomas Keller"));
        assert!(same_person("Thomas Keller", "Keller"), "a speaker known by the surname only");
        assert!(same_person("Bürgermeister Keller", "Thomas Keller"), "the role noun asked is no part of the name");
        assert!(same_person("stoltenberg", "Jens Stoltenberg"));
        assert!(!same_person("Olaf Scholz", "Jens Stoltenberg"));
        assert!(!same_person("Anna Keller", "Thomas Keller"), "another first name is another person");
        assert!(!same_person("", "Thomas Keller"));
    }
}
