//! Finds the cues of reported speech in a sentence: reporting verbs (with their separated
//! particle, auxiliary and a leading „wie“) and source markers (laut X, X zufolge, nach
//! Angaben X, so X, demnach, heißt es). Detection and attribution both read sentences
//! through this one analysis, so they agree on what the cue is.

use std::borrow::Cow;
use super::lexicon::{
    is_in, Governs, VerbCue, AUXILIARIES, is_source_noun, DETERMINERS, THOUGHT_SOURCE_NOUNS, VERB_CUES,
};
use super::phrase;
use super::words::Word;
use crate::document::{Medium, Span};

/// Which construction a cue belongs to; it decides where the speaker and the quote are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A reporting verb: the speaker is its subject.
    Verb(Governs),
    /// laut/gemäß/nach + source: the source phrase follows the cue.
    SourceAfter,
    /// X zufolge, X nach ("Seiner Meinung nach"): the source phrase precedes the cue.
    SourceBefore,
    /// ", so X": the speaker follows, the quote precedes.
    So,
    /// demnach, wonach: the word is cue and speaker at once.
    Demnach,
    /// heißt es / hieß es: no speaker in the frame.
    HeisstEs,
}

/// One cue in a sentence; word indices refer to the sentence's word list.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    pub kind: CueKind,
    pub medium: Medium,
    /// The head word (the finite verb, the preposition, „so“).
    pub head: usize,
    /// All words of the cue (verb, particle, auxiliary, „wie“), in order.
    pub parts: Vec<usize>,
    /// The source phrase for prepositional cues (word range), which the frame includes.
    pub source: Option<(usize, usize)>,
}

/// A cue by text position instead of word index: valid beyond the word list it was read
/// from, so detection can hand it to attribution, which reads other word lists.
#[derive(Clone, Debug, PartialEq)]
pub struct AnchoredCue {
    pub kind: CueKind,
    pub medium: Medium,
    pub head: Span,
    pub parts: Vec<Span>,
    pub source: Option<Span>,
}

impl AnchoredCue {
    /// The cue in another list of words of the same text; None when a cue word is not in
    /// `words`.
    pub fn in_words(&self, words: &[Word]) -> Option<Cue> {
        let at = |start: usize| words.binary_search_by_key(&start, |w| w.span.start).ok();
        let source = match self.source {
            Some(span) => Some((at(span.start)?, words.binary_search_by_key(&span.end, |w| w.span.end).ok()? + 1)),
            None => None,
        };
        let parts = self.parts.iter().map(|s| at(s.start)).collect::<Option<Vec<_>>>()?;
        Some(Cue { kind: self.kind, medium: self.medium, head: at(self.head.start)?, parts, source })
    }
}

impl Cue {
    /// The cue by text position (see [`AnchoredCue`]).
    pub fn anchor(&self, words: &[Word]) -> AnchoredCue {
        AnchoredCue {
            kind: self.kind,
            medium: self.medium,
            head: words[self.head].span,
            parts: self.parts.iter().map(|&i| words[i].span).collect(),
            source: self.source.map(|(s, e)| Span::new(words[s].span.start, words[e - 1].span.end)),
        }
    }

    pub fn spans(&self, words: &[Word]) -> Vec<Span> {
        merge(self.parts.iter().map(|&i| words[i].span))
    }
    /// Words from the first to the last cue or source word.
    pub fn extent(&self) -> (usize, usize) {
        let mut lo = self.parts[0];
        let mut hi = *self.parts.last().unwrap() + 1;
        if let Some((s, e)) = self.source {
            lo = lo.min(s);
            hi = hi.max(e);
        }
        (lo, hi)
    }
}

/// Adjacent spans joined (only a space between) so "teilte … mit" stays two spans but
/// "heißt es" becomes one.
pub fn merge(spans: impl Iterator<Item = Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end + 1 => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// All cues of a sentence, skipping words inside `masked` spans (direct quotes).
pub fn find(words: &[Word], masked: &[Span]) -> Vec<Cue> {
    let outside = |i: usize| !masked.iter().any(|m| m.contains(words[i].span));
    (0..words.len()).filter(|&i| outside(i)).filter_map(|i| cue_at(words, i)).collect()
}

/// Every cue of a sentence with the index of the word it was read at: what [`find`]
/// gives for any mask, by dropping the entries whose word is masked. Callers that try
/// several masks on one sentence analyse it once.
pub fn find_at_words(words: &[Word]) -> Vec<(usize, Cue)> {
    (0..words.len()).filter_map(|i| cue_at(words, i).map(|c| (i, c))).collect()
}

fn cue_at(words: &[Word], i: usize) -> Option<Cue> {
    let w = &words[i];
    if !w.is_lowercase() && i > 0 {
        return None;
    }
    // Past the first word only lowercase words get here; most need no lowercased copy.
    let lower = if w.text.chars().any(char::is_uppercase) { Cow::Owned(w.lower()) } else { Cow::Borrowed(w.text) };
    let lookup: &str = &lower;
    match lookup {
        "laut" | "gemäß" => source_after(words, i, Medium::SW),
        "nach" => source_after(words, i, Medium::SW).or_else(|| source_before(words, i)),
        "zufolge" => source_before(words, i),
        "so" => so(words, i),
        "demnach" | "wonach" => Some(Cue { kind: CueKind::Demnach, medium: Medium::SW, head: i, parts: vec![i], source: None }),
        "heißt" | "hieß" if words.get(i + 1).is_some_and(|n| n.is("es")) => {
            Some(Cue { kind: CueKind::HeisstEs, medium: Medium::Writing, head: i, parts: vec![i, i + 1], source: None })
        }
        // „und es heißt nun, dass …“, „Es hieß, …“.
        "heißt" | "hieß" if i > 0 && words[i - 1].lower() == "es" => {
            Some(Cue { kind: CueKind::HeisstEs, medium: Medium::Writing, head: i, parts: vec![i - 1, i], source: None })
        }
        _ => verb(words, i, lookup),
    }
}

fn source_after(words: &[Word], i: usize, medium: Medium) -> Option<Cue> {
    let (s, e) = phrase::after(words, i + 1)?;
    let is_source = words[i].lower() != "nach" || (s..e).any(|k| is_source_noun(words[k].text));
    is_source.then(|| Cue { kind: CueKind::SourceAfter, medium: source_medium(words, (s, e), medium), head: i, parts: vec![i], source: Some((s, e)) })
}

fn source_before(words: &[Word], i: usize) -> Option<Cue> {
    let (s, e) = phrase::before(words, i)?;
    let is_source = words[i].text == "zufolge" || (s..e).any(|k| is_source_noun(words[k].text));
    is_source.then(|| Cue { kind: CueKind::SourceBefore, medium: source_medium(words, (s, e), Medium::SW), head: i, parts: vec![i], source: Some((s, e)) })
}

fn source_medium(words: &[Word], (s, e): (usize, usize), default: Medium) -> Medium {
    if (s..e).any(|k| is_in(&THOUGHT_SOURCE_NOUNS, words[k].text)) {
        Medium::ST
    } else {
        default
    }
}

/// ", so der Minister" — „so“ right after a comma, followed by a phrase that ends the clause.
fn so(words: &[Word], i: usize) -> Option<Cue> {
    if i == 0 || !words[i - 1].is(",") {
        return None;
    }
    let (s, e) = phrase::after(words, i + 1)?;
    let ends = words.get(e).map_or(true, |w| w.is_punct() || is_in(&["am", "im", "in", "gegenüber", "bei", "vor", "auf", "weiter", "zudem", "außerdem", "laut"], w.text));
    ends.then(|| Cue { kind: CueKind::So, medium: Medium::Speech, head: i, parts: vec![i], source: Some((s, e)) })
}

fn verb(words: &[Word], i: usize, form: &str) -> Option<Cue> {
    let candidates = VERB_CUES.get(form)?;
    let clause_end = clause_end(words, i);
    let clause_start = clause_start(words, i);
    let auxiliary = (clause_start..i).rev().find(|&k| is_in(&AUXILIARIES, words[k].text));
    // „erklärt“ is finite and a participle: with an auxiliary before it („hatte … erklärt“),
    // the participle reading comes first.
    let rank = |c: &&VerbCue| (c.particle.is_none(), c.non_finite != auxiliary.is_some());
    let mut ordered: Vec<&VerbCue> = candidates.iter().collect();
    ordered.sort_by_key(rank);
    for cue in ordered {
        let mut parts = vec![i];
        let mut reach = clause_end;
        if let Some(particle) = cue.particle {
            // „Wie das Ministerium heute bekannt gab, …“: in a subordinate clause the particle
            // may stand apart right before the verb.
            let before = (i > clause_start && words[i - 1].is(particle) && words.get(i + 1).is_some_and(|w| w.is(","))).then(|| i - 1);
            let Some(p) = (i + 1..clause_end).find(|&k| words[k].is(particle) && ends_clause(words, k, clause_end)).or(before) else { continue };
            parts.push(p);
            reach = if p > i { p } else { clause_end };
        }
        if let Some(d) = (i + 1..reach).find(|&k| PRONOMINAL_ADVERBS.contains(&words[k].text)) {
            parts.push(d);
        }
        if let Some(a) = auxiliary.filter(|_| cue.non_finite) {
            parts.insert(0, a);
        }
        // „wie er gesagt hatte“: in a subordinate clause the auxiliary follows.
        if cue.non_finite && auxiliary.is_none() && words.get(i + 1).is_some_and(|n| is_in(&AUXILIARIES, n.text)) {
            parts.push(i + 1);
        }
        if words.get(i + 1).is_some_and(|n| n.is("sich")) {
            parts.push(i + 1);
        }
        // „bezeichnete den Plan als …“: the dataset's cue holds the „als“.
        if form.starts_with("bezeichn") {
            if let Some(k) = (i + 1..clause_end).find(|&k| words[k].is("als")) {
                parts.push(k);
            }
        }
        if words.get(clause_start).is_some_and(|w| w.lower() == "wie") && clause_start < i {
            parts.insert(0, clause_start);
        }
        parts.sort_unstable();
        return Some(Cue { kind: CueKind::Verb(cue.governs), medium: cue.medium, head: i, parts, source: None });
    }
    None
}

/// „warnte davor“, „begründete dies damit“, „sagte dazu“: the dataset's cue holds them.
const PRONOMINAL_ADVERBS: [&str; 9] = ["davon", "darauf", "dafür", "dazu", "damit", "darüber", "davor", "daran", "dagegen"];

/// A separated particle closes its clause („teilte mit Blick auf X mit, …“ takes the second
/// „mit“); prepositions after the verb („berichtete von …“) are the exception.
fn ends_clause(words: &[Word], k: usize, clause_end: usize) -> bool {
    let next = words.get(k + 1);
    k + 1 == clause_end || matches!(words[k].text, "von" | "über") || next.is_some_and(|w| matches!(w.text, "." | "!" | "?" | "und" | "oder" | "sowie") || crate::german::word_is(w.text, crate::german::opens_double))
}

/// Index of the first word of the clause that word `i` is in (or would start).
pub fn clause_start(words: &[Word], i: usize) -> usize {
    (0..i).rev().find(|&k| is_clause_break(&words[k])).map_or(0, |k| k + 1)
}

/// Index of the clause break after word `i`, or the end of the words.
pub fn clause_end(words: &[Word], i: usize) -> usize {
    (i + 1..words.len()).find(|&k| is_clause_break(&words[k])).unwrap_or(words.len())
}

/// Commas, colons, semicolons and dashes (also a lone hyphen) end the clause a verb cue
/// lives in.
pub fn is_clause_break(w: &Word) -> bool {
    matches!(w.text, "," | ":" | ";" | "–" | "—" | "-" | "(" | ")")
}

/// Whether the word could open a noun phrase (used to tell a subject from an adverbial).
pub fn opens_phrase(w: &Word) -> bool {
    is_in(&DETERMINERS, &w.lower()) || w.is_capitalised()
}
