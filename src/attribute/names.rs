//! Speaker names: the fullest name of the person (or named organisation, country) a
//! speaker phrase refers to.
//!
//! - A phrase with a name gives that name ("Nato-Generalsekretär Jens Stoltenberg" → "Jens
//!   Stoltenberg", "der Vorsitzende des Verbandes, Elmar Gesse" → "Elmar Gesse"); a bare
//!   proper noun names itself ("Stoiber", "Litauen").
//! - Names grow to the longest form the document uses for the same surname ("Stoiber" →
//!   "Edmund Stoiber").
//! - Pronouns (er, sie) take the name of the most recent named speaker, or before any, of
//!   the most recent person introduced with a role („Für Nato-Generalsekretär Jens
//!   Stoltenberg … Er fordert“).
//! - Definite descriptions take the most recent named speaker introduced with the same role
//!   noun ("der Staatssekretär" ← "Verbraucher-Staatssekretär Matthias Berninger"), else,
//!   for role, age and nationality nouns ("der Norweger", "der 65-Jährige"), the most
//!   recent named speaker.
//! - Descriptions without a name that resolve to nobody ("ein Sprecher der Polizei",
//!   "die Polizei") get no name: an institution is not a person, and guessing would
//!   mislead a fact-checker.

use crate::detect::lexicon::{is_in, is_role_noun, COUNTRIES, DETERMINERS, PHRASE_BREAKERS, is_source_noun};
use crate::detect::words::{words, Word};
use crate::document::{Document, Quotation, Span};
use crate::lexicon::{self as tables, WordSet};
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// Nationality nouns: with a definite article they describe a speaker („der Norweger“).
static NATIONALITIES: WordSet = LazyLock::new(|| tables::NATIONALITIES.set());

/// What a speaker phrase says about its referent.
#[derive(Debug, PartialEq, Eq)]
pub enum Mention {
    Name(String),
    Pronoun,
    /// A definite description and its head noun ("Staatssekretär").
    Description(String),
    Unnamed,
}

/// Reads a speaker phrase.
pub fn mention(ws: &[Word]) -> Mention {
    let Some(first) = ws.first() else { return Mention::Unnamed };
    if ws.len() == 1 && matches!(first.text, "er" | "sie" | "Er" | "Sie") {
        return Mention::Pronoun;
    }
    if let Some(name) = name_in(ws) {
        return Mention::Name(name);
    }
    let definite = matches!(first.lower().as_str(), "der" | "die");
    let head = ws.iter().take_while(|w| !matches!(w.text, "des" | "der" | "," | "(") || w.span == first.span).filter(|w| w.is_capitalised()).last();
    match head {
        Some(h) if definite && (is_role_noun(h.text) || is_in(&NATIONALITIES, h.text)) => Mention::Description(h.text.to_string()),
        _ => Mention::Unnamed,
    }
}

/// The last run of capitalised words in the phrase that is a name: at the phrase start
/// without a determiner, after a role noun, or after an apposition comma. Source nouns
/// open the phrase like a determiner („Angaben des Ministers X“, „Einschätzung von X“).
fn name_in(ws: &[Word]) -> Option<String> {
    let mut best: Option<String> = None;
    let mut i = 0;
    while i < ws.len() {
        if is_source_noun(ws[i].text) {
            i += if ws.get(i + 1).is_some_and(|w| w.is("von")) { 2 } else { 1 };
            continue;
        }
        if !ws[i].is_capitalised() || is_in(&DETERMINERS, &ws[i].lower()) {
            i += 1;
            continue;
        }
        let mut j = i;
        // „Sonia und Willy Bogner“: a pair of names is one speaker.
        let joins = |j: usize| j > i && ws[j].is("und") && ws.get(j + 1).is_some_and(|w| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower()));
        while j < ws.len() && (ws[j].is_capitalised() || is_particle(&ws[j], ws.get(j + 1)) || joins(j)) {
            j += 1;
        }
        let mut start = i;
        while start < j && is_role_noun(ws[start].text) {
            start += 1;
        }
        let opens = i == 0 || ws[i - 1].is(",") || start > i || is_source_noun(ws[i - 1].text) || ws[i - 1].is("von");
        // „der Gouverneur von Tabasco“: a place after the role, not the person's name.
        let after_particle = start < j && is_particle(&ws[start], ws.get(start + 1));
        if opens && start < j && !after_particle && !is_in(&NATIONALITIES, ws[start].text) {
            best = Some(ws[start..j].iter().map(|w| w.text).collect::<Vec<_>>().join(" "));
        }
        i = j.max(i + 1);
    }
    best
}

fn is_particle(w: &Word, next: Option<&Word>) -> bool {
    matches!(w.text, "von" | "van" | "de" | "al" | "el" | "bin") && next.is_some_and(Word::is_capitalised)
}

/// The document's words, for growing names from the occurrences of their surname; grown
/// names are remembered. (A document names a handful of people: scanning its words once per
/// name costs less than indexing every word.)
pub struct NameForms<'d> {
    doc: &'d Document,
    words: Vec<Word<'d>>,
    grown: HashMap<String, String>,
}

impl<'d> NameForms<'d> {
    pub fn new(doc: &'d Document) -> Self {
        NameForms { doc, words: words(doc, Span::new(0, doc.char_len())), grown: HashMap::new() }
    }

    /// The longest name in the document that ends with the same word as `name` and contains
    /// it ("Stoltenberg" → "Jens Stoltenberg").
    pub fn fullest(&mut self, name: &str) -> String {
        if let Some(full) = self.grown.get(name) {
            return full.clone();
        }
        // „Stoltenberg und Scholz“: each person's name grows on its own.
        let parts = crate::identity::coordinated(name);
        let full = if parts.len() > 1 {
            crate::identity::join_names(&parts.iter().map(|part| self.grow(part)).collect::<Vec<_>>())
        } else {
            self.grow(name)
        };
        self.grown.insert(name.to_string(), full.clone());
        full
    }

    fn grow(&self, name: &str) -> String {
        let surname = name.rsplit(' ').next().unwrap_or(name);
        let mut best = name.to_string();
        // „ruft Jens Stoltenberg Russland auf“: a country is nobody's surname.
        if is_in(&COUNTRIES, surname) {
            return best;
        }
        let all_words = &self.words;
        for k in (0..all_words.len()).filter(|&k| all_words[k].text == surname) {
            let mut start = k;
            while start > 1 && k - start < 3 && extends_name(&all_words[start - 2], &all_words[start - 1]) {
                start -= 1;
            }
            let candidate = self.doc.slice(Span::new(all_words[start].span.start, all_words[k].span.end));
            if candidate.len() > best.len() && candidate.contains(name) && !candidate.contains('\n') {
                best = candidate.to_string();
            }
        }
        best
    }
}

/// Whether `w` (preceded by `before`) can be a first name: capitalised, no role or
/// determiner, not the sentence-initial word, and not a noun after a determiner or
/// preposition ("zur Ukraine Stoltenberg").
fn extends_name(before: &Word, w: &Word) -> bool {
    w.is_capitalised()
        && !is_role_noun(w.text)
        && !is_in(&DETERMINERS, &w.lower())
        && !is_in(&NATIONALITIES, w.text)
        && !matches!(before.text, "." | "!" | "?" | ":")
        && !crate::german::word_is(before.text, crate::german::is_double_mark)
        && !is_in(&DETERMINERS, &before.lower())
        && !is_in(&PHRASE_BREAKERS, &before.lower())
}

/// People introduced with a role ("NATO-Generalsekretär Stoltenberg"), by lowercased role
/// and position: what later pronouns and descriptions ("der Generalsekretär") refer back to.
#[derive(Default)]
struct Introductions {
    by_role: HashMap<String, BTreeMap<usize, String>>,
}

impl Introductions {
    /// Every "role noun + name" of the document.
    fn of_document(forms: &mut NameForms) -> Self {
        let mut found = Vec::new();
        let all_words = &forms.words;
        for (k, w) in all_words.iter().enumerate().filter(|(_, w)| w.is_capitalised() && is_role_noun(w.text)) {
            let run = all_words[k + 1..].iter().take_while(|n| n.is_capitalised() && !is_role_noun(n.text) && !is_in(&DETERMINERS, &n.lower())).take(3).count();
            if run > 0 {
                let name = all_words[k + 1..k + 1 + run].iter().map(|n| n.text).collect::<Vec<_>>().join(" ");
                found.push((w.span.start, w.text.to_lowercase(), name));
            }
        }
        let mut introductions = Introductions::default();
        for (at, role, name) in found {
            let full = forms.fullest(&name);
            introductions.add(at, role, full);
        }
        introductions
    }

    fn add(&mut self, at: usize, role: String, name: String) {
        self.by_role.entry(role).or_default().insert(at, name);
    }

    /// The latest introduction before `at` whose role passes `matches`.
    fn latest_before(&self, at: usize, matches: impl Fn(&str) -> bool) -> Option<String> {
        self.by_role
            .iter()
            .filter(|(role, _)| matches(role))
            .filter_map(|(_, by_position)| by_position.range(..at).next_back())
            .max_by_key(|(position, _)| **position)
            .map(|(_, name)| name.clone())
    }
}

/// Gives every quotation with a speaker span its `speaker_name`, in text order (pronouns and
/// descriptions look back at the speakers named before them).
pub fn resolve_names(doc: &Document, qs: &mut [Quotation]) {
    let mut forms = NameForms::new(doc);
    let mut cache: HashMap<Vec<Span>, Option<String>> = HashMap::new();
    let mut last_named: Option<String> = None;
    let mut introduced = Introductions::of_document(&mut forms);
    for q in qs.iter_mut().filter(|q| !q.speaker.is_empty()) {
        if let Some(name) = cache.get(&q.speaker) {
            q.speaker_name = name.clone();
            continue;
        }
        let ws: Vec<_> = q.speaker.iter().flat_map(|s| words(doc, *s)).collect();
        let name = match mention(&ws) {
            Mention::Name(n) => {
                let full = forms.fullest(&n);
                for role in ws.iter().filter(|w| is_role_noun(w.text)) {
                    introduced.add(role.span.start, role.text.to_lowercase(), full.clone());
                }
                Some(full)
            }
            Mention::Pronoun => last_named.clone().or_else(|| introduced.latest_before(q.start(), |_| true)),
            Mention::Description(head) => {
                let head = head.to_lowercase();
                let same_role = |role: &str| role.ends_with(&head) || head.ends_with(role);
                introduced.latest_before(q.start(), same_role).or_else(|| last_named.clone())
            }
            Mention::Unnamed => None,
        };
        if name.as_deref().is_some_and(|n| n.contains(' ') || ws.iter().any(|w| is_role_noun(w.text))) {
            last_named = name.clone();
        }
        cache.insert(q.speaker.clone(), name.clone());
        q.speaker_name = name;
    }
}
