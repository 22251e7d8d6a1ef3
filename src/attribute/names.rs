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
use std::collections::HashMap;


const NATIONALITIES: &[&str] = &[
    "Norweger", "Norwegerin", "Amerikaner", "Amerikanerin", "Franzose", "Französin", "Brite",
    "Britin", "Deutsche", "Russe", "Russin", "Italiener", "Italienerin", "Spanier", "Spanierin",
    "Österreicher", "Österreicherin", "Schweizer", "Schweizerin", "Chinese", "Chinesin",
    "Japaner", "Japanerin", "Israeli", "Palästinenser", "Iraner", "Türke", "Türkin", "Grieche",
    "Griechin", "Pole", "Polin", "Ukrainer", "Ukrainerin", "Niederländer", "Belgier", "Schwede",
    "Schwedin", "Däne", "Dänin", "Finne", "Ungar", "Tscheche", "Kanadier", "Australier",
    "Brasilianer", "Mexikaner", "Argentinier", "Inder", "Pakistaner", "Afghane", "Iraker",
    "Syrer", "Ägypter", "Kenianer", "Südafrikaner", "Nigerianer",
];


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
        Some(h) if definite && (is_role_noun(h.text) || is_in(NATIONALITIES, h.text)) => Mention::Description(h.text.to_string()),
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
        if !ws[i].is_capitalised() || is_in(DETERMINERS, &ws[i].lower()) {
            i += 1;
            continue;
        }
        let mut j = i;
        // „Sonia und Willy Bogner“: a pair of names is one speaker.
        let joins = |j: usize| j > i && ws[j].is("und") && ws.get(j + 1).is_some_and(|w| w.is_capitalised() && !is_in(DETERMINERS, &w.lower()));
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
        if opens && start < j && !after_particle && !is_in(NATIONALITIES, ws[start].text) {
            best = Some(ws[start..j].iter().map(|w| w.text).collect::<Vec<_>>().join(" "));
        }
        i = j.max(i + 1);
    }
    best
}

fn is_particle(w: &Word, next: Option<&Word>) -> bool {
    matches!(w.text, "von" | "van" | "de" | "al" | "el" | "bin") && next.is_some_and(Word::is_capitalised)
}

/// The longest name in the document that ends with the same word as `name` and contains it
/// ("Stoltenberg" → "Jens Stoltenberg").
pub fn fullest(doc: &Document, all_words: &[Word], name: &str) -> String {
    let surname = name.rsplit(' ').next().unwrap_or(name);
    let mut best = name.to_string();
    // „ruft Jens Stoltenberg Russland auf“: a country is nobody's surname.
    if is_in(COUNTRIES, surname) {
        return best;
    }
    for (k, w) in all_words.iter().enumerate().filter(|(_, w)| w.text == surname) {
        let mut start = k;
        while start > 1 && k - start < 3 && extends_name(&all_words[start - 2], &all_words[start - 1]) {
            start -= 1;
        }
        let candidate = doc.slice(Span::new(all_words[start].span.start, w.span.end));
        if candidate.len() > best.len() && candidate.contains(name) && !candidate.contains('\n') {
            best = candidate.to_string();
        }
    }
    best
}

/// Whether `w` (preceded by `before`) can be a first name: capitalised, no role or
/// determiner, not the sentence-initial word, and not a noun after a determiner or
/// preposition ("zur Ukraine Stoltenberg").
fn extends_name(before: &Word, w: &Word) -> bool {
    w.is_capitalised()
        && !is_role_noun(w.text)
        && !is_in(DETERMINERS, &w.lower())
        && !is_in(NATIONALITIES, w.text)
        && !matches!(before.text, "." | "!" | "?" | ":" | "„" | "“")
        && !is_in(DETERMINERS, &before.lower())
        && !is_in(PHRASE_BREAKERS, &before.lower())
}

/// Every "role noun + name" in the document ("NATO-Generalsekretär Stoltenberg"), as
/// (position, lowercased role, fullest name), in text order: what later descriptions
/// ("der Generalsekretär") refer back to.
pub fn introductions(doc: &Document, all_words: &[Word]) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (k, w) in all_words.iter().enumerate().filter(|(_, w)| is_role_noun(w.text) && w.is_capitalised()) {
        let run = all_words[k + 1..].iter().take_while(|n| n.is_capitalised() && !is_role_noun(n.text) && !is_in(DETERMINERS, &n.lower())).take(3).count();
        if run > 0 {
            let name = all_words[k + 1..k + 1 + run].iter().map(|n| n.text).collect::<Vec<_>>().join(" ");
            out.push((w.span.start, w.text.to_lowercase(), fullest(doc, all_words, &name)));
        }
    }
    out
}

/// The name of the latest introduction before `at`.
fn latest_before(introduced: &[(usize, String, String)], at: usize) -> Option<String> {
    introduced.iter().filter(|(start, _, _)| *start < at).max_by_key(|(start, _, _)| *start).map(|(_, _, n)| n.clone())
}

/// All words of the document, for name look-ups.
pub fn document_words(doc: &Document) -> Vec<Word<'_>> {
    words(doc, Span::new(0, doc.char_len()))
}

/// Gives every quotation with a speaker span its `speaker_name`, in text order (pronouns and
/// descriptions look back at the speakers named before them).
pub fn resolve_names(doc: &Document, qs: &mut [Quotation]) {
    let all_words = document_words(doc);
    let mut cache: HashMap<Vec<Span>, Option<String>> = HashMap::new();
    let mut last_named: Option<String> = None;
    let mut introduced = introductions(doc, &all_words);
    for q in qs.iter_mut().filter(|q| !q.speaker.is_empty()) {
        if let Some(name) = cache.get(&q.speaker) {
            q.speaker_name = name.clone();
            continue;
        }
        let ws: Vec<_> = q.speaker.iter().flat_map(|s| words(doc, *s)).collect();
        let name = match mention(&ws) {
            Mention::Name(n) => {
                let full = fullest(doc, &all_words, &n);
                for role in ws.iter().filter(|w| is_role_noun(w.text)) {
                    introduced.push((role.span.start, role.text.to_lowercase(), full.clone()));
                }
                Some(full)
            }
            Mention::Pronoun => last_named.clone().or_else(|| latest_before(&introduced, q.start())),
            Mention::Description(head) => {
                let head = head.to_lowercase();
                let same_role = introduced
                    .iter()
                    .filter(|(at, role, _)| *at < q.start() && (role.ends_with(&head) || head.ends_with(role.as_str())))
                    .max_by_key(|(at, _, _)| *at);
                same_role.map(|(_, _, n)| n.clone()).or_else(|| last_named.clone())
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
