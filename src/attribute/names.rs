//! Speaker names and kinds: who a speaker phrase stands for in its article — a person
//! (fullest name, no titles, nominative), an organisation, a document, or people the article
//! does not name. [`referent`](super::referent) reads the phrase; this module resolves it.
//!
//! - A phrase with a name gives that name ("Nato-Generalsekretär Jens Stoltenberg" → "Jens
//!   Stoltenberg", "der Vorsitzende des Verbandes, Elmar Gesse" → "Elmar Gesse"); a bare
//!   proper noun names itself ("Stoiber", "Litauen"), unless the article writes it as a
//!   common noun („die Form“).
//! - Names grow to the longest form the document uses for the same surname ("Stoiber" →
//!   "Edmund Stoiber"); a genitive gives the name it was made from („Kellers“ → „Keller“).
//! - Pronouns (er, sie) take the person of their gender the article mentioned last: a named
//!   speaker, a person introduced with a role („Für Nato-Generalsekretär Jens Stoltenberg …
//!   Er fordert“), or a given name with a surname (`first_names.tsv`) and that surname alone
//!   later on; „sie“ without such a person takes the last body quoted.
//! - Definite role descriptions take the most recent person introduced with the same role
//!   noun ("der Staatssekretär" ← "Verbraucher-Staatssekretär Matthias Berninger"), else
//!   the most recent named person.
//! - Bodies keep their own name; a description („das Ministerium“) takes the body the
//!   article named before it („das isländische Fischereiministerium“), an acronym the name
//!   the article spelt out („Bundesgerichtshof (BGH)“).
//! - „demnach“ stands for the source of the quotation before; „nach eigenen Angaben“ for
//!   the subject of its clause („Die Feuerwehr hat nach eigenen Angaben …“).
//! - Descriptions that resolve to nobody („ein Augenzeuge“, „Experten“) get no name:
//!   guessing would mislead a fact-checker; so do bodies with an indefinite article („eines
//!   Landgerichts“) and their spokespeople.

use crate::detect::lexicon::{is_in, is_source_noun, COUNTRIES, DETERMINERS, PHRASE_BREAKERS, PREPOSITIONS, VERB_CUES};
use crate::detect::words::{words, Word};
use super::name_confidence::{self, Basis, Evidence};
use super::referent::{is_person_noun, referent, Referent};
use crate::document::{Document, Quotation, SpeakerKind, Span};
use crate::lexicon::{self as tables, WordSet};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

/// Given names and their gender (`first_names.tsv`).
static FIRST_NAMES: LazyLock<HashMap<&str, Gender>> = LazyLock::new(|| {
    let gender = |g: &str| match g {
        "m" => Gender::Male,
        "f" => Gender::Female,
        _ => Gender::Either,
    };
    tables::FIRST_NAMES.rows().map(|(_, fields)| (fields[0], gender(fields[1]))).collect()
});

/// A given name of `first_names.tsv` („Wolfgang“), as written.
pub fn is_given_name(word: &str) -> bool {
    FIRST_NAMES.contains_key(word)
}

/// The gender of a person's name as its given name tells it, what „er“ and „sie“ agree with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Either,
}

impl Gender {
    fn of(name: &str) -> Gender {
        name.split(' ').next().and_then(|first| FIRST_NAMES.get(first)).copied().unwrap_or(Gender::Either)
    }

    fn fits(self, other: Gender) -> bool {
        self == Gender::Either || other == Gender::Either || self == other
    }
}

/// Nationality nouns: with a definite article they describe a speaker („der Norweger“).
static NATIONALITIES: WordSet = LazyLock::new(|| tables::NATIONALITIES.set());

/// The last run of capitalised words in the phrase that is a name: at the phrase start without a determiner, after a role noun, or after an
/// apposition comma. Source nouns open the phrase like a determiner („Angaben des Ministers
/// X“, „Einschätzung von X“) and end a name („Celebis Angaben“). Role nouns inside the run
/// are no part of the name („Osttimors Außenminister José Ramos-Horta“).
pub fn name_in(ws: &[Word]) -> Option<String> {
    let mut best: Option<String> = None;
    let mut i = 0;
    while i < ws.len() {
        if is_source_noun(ws[i].text) {
            i += if ws.get(i + 1).is_some_and(|w| w.is("von")) { 2 } else { 1 };
            continue;
        }
        if !(ws[i].is_capitalised() || is_particle(ws, i)) || is_in(&DETERMINERS, &ws[i].lower()) {
            i += 1;
            continue;
        }
        let j = run_end(ws, i);
        // „der Ingenieur Thomas Keller“: an occupation after the article, then a name.
        // („der ugandische Schriftsteller Musa Okwanga“: adjectives between them; not „die
        // Harbor Transit Authority“, a body's name.)
        let described = after_article(ws, i) && j - i >= 3 && is_occupation(ws[i].text) && !super::referent::is_body_noun(ws[j - 1].text);
        let after_role = ws[i..j].iter().rposition(|w| is_person_noun(w.text)).map_or(i + usize::from(described), |r| i + r + 1);
        let start = (after_role..j).find(|&k| !is_in(&SENTENCE_STARTERS, ws[k].text) || is_particle(ws, k)).unwrap_or(j);
        // „Punklady Nina Hagen“, „die Kultsängerin Nina Hagen“: a noun the lexicon does not know
        // as a role, before a given name and a surname, is a role all the same.
        let role_before_given = j - start >= 3 && !FIRST_NAMES.contains_key(ws[start].text) && FIRST_NAMES.contains_key(ws[start + 1].text) && ws[start].text.chars().count() >= 4 && !super::referent::looks_like_body_name(ws[start].text) && !is_particle(ws, start);
        let start = start + usize::from(role_before_given);
        // „Der 85-jährige Joseph Ratzinger“, „der 84-jährige Küng“: a given name, or an age,
        // says a person's name follows.
        let given = j - i >= 2 && FIRST_NAMES.contains_key(ws[i].text) || role_before_given;
        // (Not „eine 78-jährige Rentnerin“: an indefinite article introduces someone unnamed.)
        let aged = i > 0 && ws[i - 1].lower().contains("jährig") && !(i > 1 && super::referent::is_indefinite_article(&ws[i - 2]));
        let opens = i == 0 || ws[i - 1].is(",") || after_role > i || is_source_noun(ws[i - 1].text) || ws[i - 1].is("von") || given || aged;
        // „der Gouverneur von Tabasco“: a place after the role, not the person's name.
        let after_particle = start < j && is_particle(ws, start) && start > i;
        // „Brian Baptie von“: a particle the phrase cut off from its name is no part of it.
        let end = (start..j).rev().find(|&k| ws[k].is_capitalised()).map_or(start, |k| k + 1);
        // „Jane Greaves von der University of St. Andrews, Schottland“: a country set off by a
        // comma says where, not who.
        let place = ws[i - usize::from(i > 0)].is(",") && end - start == 1 && super::referent::is_state(ws[start].text);
        if opens && start < end && !after_particle && !place && !is_in(&NATIONALITIES, ws[start].text) {
            best = Some(ws[start..end].iter().map(|w| w.text).collect::<Vec<_>>().join(" "));
        }
        i = j.max(i + 1);
    }
    best
}

/// Whether the word at `i` follows an article, past any adjectives („der ugandische …“).
fn after_article(ws: &[Word], i: usize) -> bool {
    let adjectives = ws[..i].iter().rev().take_while(|w| is_inflected_adjective(w)).count();
    i > adjectives && is_in(&DETERMINERS, &ws[i - adjectives - 1].lower())
}

/// „keine“, „viele“, „andere“: says how many, not which body („keine Polizei in Sicht“).
/// Whole inflected forms only: „allgemeine“, „vielfältige“ are adjectives.
fn is_quantifier(lower: &str) -> bool {
    let stems = ["kein", "viel", "einig", "all", "ander", "beid", "manch", "mehrer", "solch", "welch", "jen"];
    stems.iter().any(|q| lower.strip_prefix(q).is_some_and(|ending| ["", "e", "en", "em", "er", "es"].contains(&ending)))
}

/// Whether `word` is one of the adjective `stems` with an ending („dortigen“ of „dortig“).
fn inflects(word: &str, stems: &[&str]) -> bool {
    let lower = word.to_lowercase();
    stems.iter().any(|stem| lower.strip_prefix(stem).is_some_and(|ending| ["e", "en", "er", "es", "em"].contains(&ending)))
}

/// „gleiche“, „selbe“, „genannte“, „besagte“, „dortige“: an adjective that only points back.
fn is_pointing(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["gleich", "selb", "genannt", "besagt"].iter().any(|v| lower.starts_with(v)) || inflects(word, &["dortig", "hiesig"])
}

/// A pointing adjective, or one that says no more than the noun where the article names
/// the body in full („der oberste Gerichtshof“, „das neue Unternehmen“).
fn is_vague(word: &str) -> bool {
    is_pointing(word) || inflects(word, &["oberst", "höchst", "neu"])
}

/// A lowercase word shaped like an inflected adjective („rechtsradikale“, „neuen“), which
/// comes before a common noun, rarely before a person's name; not a verb in the past
/// („sagte Rice“, „erklärten“), not an age („der 39-jährige Müller“) and no function word
/// („aber“, „wieder“).
pub(super) fn is_inflected_adjective(w: &Word) -> bool {
    let lower = w.lower();
    lower.chars().count() >= 5
        && ["e", "en", "er", "es", "em"].iter().any(|e| lower.ends_with(e))
        && !lower.ends_with("te")
        && !lower.ends_with("ten")
        && !lower.contains("jährig")
        && !lower.chars().any(|c| c.is_ascii_digit())
        && !super::referent::is_function_word(&lower)
}

/// Nouns shaped like an occupation („Ingenieur“, „Aktivist“, „Astronaut“, „Sänger“),
/// unlike the first word of a body's or a place's name („New York Times“, „Stadt Den Haag“).
fn is_occupation(word: &str) -> bool {
    let lower = word.to_lowercase();
    let stem = lower.strip_suffix("in").unwrap_or(&lower);
    ["ist", "eur", "er", "ent", "ant", "or", "at", "aut", "loge", "ekt"].iter().any(|e| stem.ends_with(e)) && !super::referent::is_body_noun(word)
}

static SENTENCE_STARTERS: WordSet = LazyLock::new(|| tables::SENTENCE_STARTERS.set());

/// Where the name starting at `i` ends: capitalised words, particles and „und“ between
/// names („Sonia und Willy Bogner“), never a source noun.
fn run_end(ws: &[Word], i: usize) -> usize {
    let joins = |j: usize| j > i && ws[j].is("und") && ws.get(j + 1).is_some_and(|w| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower()));
    let mut j = i;
    // „Steuern Die …“: a capitalised article starts the next phrase.
    let article = |j: usize| j > i && ws[j].is_capitalised() && is_in(&DETERMINERS, &ws[j].lower());
    while j < ws.len() && !is_source_noun(ws[j].text) && !article(j) && (ws[j].is_capitalised() || is_particle(ws, j) || joins(j)) {
        if is_particle(ws, j) && j > i && affiliation_follows(ws, j) {
            break;
        }
        j += 1;
    }
    j
}

/// „John Sifton von Human Rights Watch“, „X von der Kanzlei“: after „von“, two or more
/// capitalised words or a body are an organisation, not the rest of a name („Richard von
/// Weizsäcker“, „Ursula von der Leyen“).
fn affiliation_follows(ws: &[Word], j: usize) -> bool {
    let after = ws[j + 1..].iter().skip_while(|w| is_particle_article(w));
    // „Joe Stork von HRW“: an acronym is a body too.
    // A quoted title is one word here („von der „Aktion Deutschland hilft““).
    let body = |w: &Word| super::referent::is_body_noun(w.text) || super::referent::looks_like_body_name(w.text) || w.text.contains(' ');
    // „Angela Merkel von der Möglichkeit …“, „Abraham Sipe von der US-Marineinfanterie“: a
    // common noun after the article is what or where, never a surname („von der Leyen“).
    let noun = |w: &Word| ws.get(j + 1).is_some_and(is_particle_article) && is_noun_shaped(w.text);
    ws[j].lower() == "von" && (after.clone().take_while(|w| w.is_capitalised()).count() >= 2 || after.take(1).any(|w| body(w) || noun(w)))
}

/// Nouns by their ending („Möglichkeit“, „Regierung“, „Marineinfanterie“) or an acronym
/// before a hyphen („US-Marine“): no surname is shaped so.
fn is_noun_shaped(word: &str) -> bool {
    let acronym_compound = word.split_once('-').is_some_and(|(first, _)| first.chars().count() >= 2 && first.chars().all(char::is_uppercase));
    let endings = ["ung", "heit", "keit", "schaft", "tion", "sion", "tät", "ie", "erei", "nis"];
    acronym_compound || endings.iter().any(|e| word.ends_with(e))
}

/// „von“, „van der“, „de la“ inside a name, before its capitalised part.
fn is_particle(ws: &[Word], k: usize) -> bool {
    let lower = ws[k].lower();
    let particle = matches!(lower.as_str(), "von" | "van" | "de" | "da" | "dos" | "di" | "del" | "al" | "el" | "bin" | "zu");
    let article = matches!(lower.as_str(), "der" | "den" | "la" | "le") && k > 0 && matches!(ws[k - 1].lower().as_str(), "von" | "van" | "de");
    (particle || article) && ws.get(k + 1).is_some_and(|n| n.is_capitalised() || is_particle_article(n))
}

fn is_particle_article(w: &Word) -> bool {
    matches!(w.text, "der" | "den" | "la" | "le")
}

/// The document's words, for growing names from the occurrences of their surname; grown
/// names are remembered. (A document names a handful of people: scanning its words once per
/// name costs less than indexing every word.) What every look-up needs of the whole text is
/// collected once, so that a long article with many quotations stays linear.
pub struct NameForms<'d> {
    doc: &'d Document,
    words: Vec<Word<'d>>,
    grown: HashMap<String, String>,
    /// Words written in lowercase, or after a lowercase article („die Form“) or adjective
    /// („nationalsozialistischer Propaganda“, „das schleswig-holsteinische Atomkraftwerk“),
    /// but never after a given name.
    common: HashSet<String>,
    /// Capitalised words written without a capitalised word before them.
    alone: HashSet<&'d str>,
    /// Acronyms the article spells out („Bundesgerichtshof (BGH)“), at their bracket.
    acronyms: HashMap<&'d str, usize>,
    /// People the article names with a given name, by character position: there, and
    /// wherever their surname stands alone later.
    people: BTreeMap<usize, String>,
    /// Every word, sorted, to count the words that start alike in logarithmic time.
    sorted: Vec<&'d str>,
    /// The names the acronyms stand for („Weltgesundheitsorganisation“ of „(WHO)“).
    spelt_acronyms: HashSet<String>,
    /// Where a word follows a kind of body („der Flugzeugbauer Airbus“: at „Airbus“).
    after_kind: Vec<usize>,
}

/// How far back a look-back for a person or body goes, in words: an article's paragraph or
/// two; further back a pronoun or description rarely points, and a bound keeps long
/// articles linear.
const LOOK_BACK: usize = 400;

/// Legal forms that end a company's name („Volkswagen AG“).
const LEGAL_FORMS: [&str; 8] = ["AG", "GmbH", "SE", "KG", "KGaA", "Inc.", "Ltd.", "Corp."];

impl<'d> NameForms<'d> {
    pub fn new(doc: &'d Document) -> Self {
        let words = foreign_names_as_words(doc, words(doc, Span::new(0, doc.char_len())));
        let mut common = HashSet::new();
        let mut alone = HashSet::new();
        let mut acronyms = HashMap::new();
        for k in 1..words.len() {
            let (before, w) = (&words[k - 1], &words[k]);
            if w.is_lowercase() || before.is_lowercase() && (is_in(&DETERMINERS, &before.lower()) || is_inflected_adjective(before)) {
                common.insert(w.text.to_string());
            }
            if w.is_capitalised() && !before.is_capitalised() {
                alone.insert(w.text);
            }
            if before.is("(") && words.get(k + 1).is_some_and(|n| n.is(")")) {
                acronyms.entry(w.text).or_insert(k);
            }
        }
        // „verwies Steinbrück“ looks like an adjective before a noun; after a given name
        // („Peer Steinbrück“) the article says it is a surname.
        let surnames: HashSet<&str> = words.windows(2).filter(|p| FIRST_NAMES.contains_key(p[0].text) && p[1].is_capitalised()).map(|p| p[1].text).collect();
        common.retain(|w| !surnames.contains(w.as_str()));
        let people = people_mentioned(doc, &words, &alone, &common);
        let mut sorted: Vec<&str> = words.iter().map(|w| w.text).collect();
        sorted.sort_unstable();
        let after_kind = (1..words.len()).filter(|&k| words[k - 1].is_capitalised() && super::referent::is_category_noun(words[k - 1].text)).collect();
        let mut forms = NameForms { doc, words, grown: HashMap::new(), common, alone, acronyms, people, sorted, spelt_acronyms: HashSet::new(), after_kind };
        forms.spelt_acronyms = forms.acronyms.keys().map(|acronym| forms.expand_acronym(acronym)).collect();
        forms
    }

    /// How many words of the article start with `prefix` („Stoltenberg“, „Stoltenbergs“).
    fn words_starting_with(&self, prefix: &str) -> usize {
        let first = self.sorted.partition_point(|w| *w < prefix);
        self.sorted[first..].partition_point(|w| w.starts_with(prefix))
    }

    /// The person of gender `gender` mentioned last before `at`, within a look-back, with
    /// the position of the mention.
    fn person_mentioned_before(&mut self, at: usize, gender: Gender) -> Option<(usize, String)> {
        let since = at.saturating_sub(LOOK_BACK * 8);
        let (&position, name) = self.people.range(since..at).rev().find(|(_, name)| Gender::of(name).fits(gender))?;
        let name = name.clone();
        Some((position, self.fullest(&name)))
    }

    /// „Polizeichef Calvin Williams forderte Steve St. auf, sich zu stellen. Die Tat
    /// bezeichnete er als sinnlos“: a pronoun takes the subject that opened the sentence of the
    /// latest person or the one before it (in the same paragraph), over a person named later
    /// as an object or inside what the subject said. `speaker`: the last person quoted, at
    /// their phrase.
    fn subject_over(&mut self, latest: (usize, String), gender: Gender, speaker: Option<(usize, String)>) -> (usize, String) {
        if self.opens_sentence(latest.0) {
            return latest;
        }
        let Some(sentence) = sentence_at(self.doc, latest.0) else { return latest };
        let since = self.doc.sentences[sentence.saturating_sub(1)].start;
        let mentioned = self.people.range(since..latest.0).map(|(&p, name)| (p, name.clone()));
        // A speaker counts where their phrase names them or is the subject pronoun („Er
        // beschuldigte …“ resolved to them), not as „ihrer Meinung“.
        let named_there = |(p, name): &(usize, String)| {
            if !(since..latest.0).contains(p) {
                return false;
            }
            let surname = name.rsplit(' ').next().unwrap_or(name);
            let said = self.doc.slice(Span::new(*p, (p + 80).min(latest.0)));
            said.contains(surname) || said.split(' ').next().is_some_and(|w| matches!(w, "Er" | "Sie"))
        };
        let subject = mentioned.chain(speaker.filter(named_there)).filter(|(p, name)| {
            let same_paragraph = !self.doc.slice(Span::new(*p, latest.0)).contains('\n');
            *name != latest.1 && Gender::of(name).fits(gender) && same_paragraph && self.opens_sentence(*p)
        });
        match subject.max_by_key(|(p, _)| *p) {
            Some((p, name)) => (p, self.fullest(&name)),
            None => latest,
        }
    }

    /// „Der Bundeskanzler nahm zu der Entscheidung Stellung. Er bezeichnete sie …“: the
    /// latest definite role description of `gender` that opens a sentence before `at`, as
    /// the person the article introduced with that role, at the description.
    fn role_subject_before(&self, at: usize, gender: Gender, introduced: &Introductions) -> Option<(usize, String)> {
        let ws = &self.words;
        let before = ws.partition_point(|w| w.span.start < at);
        (before.saturating_sub(LOOK_BACK)..before).rev().filter(|&k| k > 0).find_map(|k| {
            let role = &ws[k];
            let described = role.is_capitalised() && is_person_noun(role.text) && ws.get(k + 1).is_none_or(|next| !next.is_capitalised());
            let article = match ws[k - 1].lower().as_str() {
                "der" => Gender::Male,
                "die" if role.text.ends_with("in") => Gender::Female,
                _ => return None,
            };
            if !described || !article.fits(gender) || !self.opens_sentence(role.span.start) {
                return None;
            }
            let name = introduced.latest_of_role(role.span.start, &role_stem(role.text), None)?;
            Gender::of(&name).fits(gender).then_some((role.span.start, name))
        })
    }

    /// Whether the name at character `at` opens its sentence, led only by an article, role
    /// nouns, adjectives or other parts of the name: the subject of a German main clause.
    fn opens_sentence(&self, at: usize) -> bool {
        let Some(sentence) = sentence_at(self.doc, at).map(|k| self.doc.sentences[k]) else { return false };
        let first = self.words.partition_point(|w| w.span.start < sentence.start);
        let here = self.words.partition_point(|w| w.span.start < at);
        let leads = |w: &Word| is_in(&DETERMINERS, &w.lower()) || w.is_capitalised() && !is_preposition(w) && !is_in(&SENTENCE_STARTERS, w.text) || is_inflected_adjective(w);
        here - first <= 6 && self.words[first..here].iter().all(leads)
    }

    /// A one-word „name“ that the article writes after an article or in lowercase: a
    /// common noun („die Form“), not a person's name.
    fn is_common_noun(&self, name: &str) -> bool {
        !name.contains(' ') && (self.common.contains(name) || self.common.contains(&name.to_lowercase()))
    }

    /// The latest name of a person of `gender` before `at` in the text: two or three
    /// capitalised words whose last word the article also uses alone („Telesforo Santillan …
    /// Santillan“).
    fn person_before(&mut self, at: usize, gender: Gender) -> Option<String> {
        let ws = &self.words;
        let before = ws.partition_point(|w| w.span.start < at);
        let is_surname = |k: usize| {
            let w = &ws[k];
            let given = &ws[k - 1];
            k > 1 && given.is_capitalised() && extends_name(&ws[k - 2], given) && !self.common.contains(given.text) && !super::referent::is_body_noun(w.text) && self.alone.contains(w.text)
        };
        let k = (before.saturating_sub(LOOK_BACK).max(1)..before).rev().find(|&k| ws[k].is_capitalised() && is_surname(k) && Gender::of(ws[k - 1].text).fits(gender))?;
        let name = format!("{} {}", ws[k - 1].text, ws[k].text);
        Some(self.fullest(&name))
    }

    /// „BGH“ → „Bundesgerichtshof“ where the article wrote „Bundesgerichtshof (BGH)“.
    fn expand_acronym(&self, name: &str) -> String {
        let ws = &self.words;
        let Some(&k) = self.acronyms.get(name) else { return self.spelt_out(name).unwrap_or_else(|| name.to_string()) };
        // Back over the name, and over „im“, „für“ or a body's genitive inside it
        // („UN-Friedensmission im Südsudan (UNMISS)“, „Gewerkschaft der Polizei (GdP)“).
        // („Organisation für Sicherheit und Zusammenarbeit in Europa (OSZE)“: over „und“ while
        // the acronym spells more capitalised words than come after it.)
        let letters = name.chars().filter(|c| c.is_uppercase()).count();
        let joins_words = |i: usize| ws[i].is("und") && ws[i + 1..k - 1].iter().filter(|w| w.is_capitalised()).count() < letters;
        let inside = |i: usize| {
            let joins_body = matches!(ws[i].text, "der" | "des") && i > 0 && super::referent::is_body_noun(ws[i - 1].text);
            (matches!(ws[i].text, "im" | "in" | "für") || joins_body || joins_words(i)) && i > 0 && ws[i - 1].is_capitalised() && i + 2 < k
        };
        let start = (0..k - 1).rev().take_while(|&i| ws[i].is_capitalised() || ws[i].is("-") || inside(i)).last();
        let Some(start) = start else { return name.to_string() };
        // „Der Vertreter der Arbeitgeber im Aufsichtsrat der Bundesagentur für Arbeit (BA)“:
        // the name starts at the word nearest the bracket from which the initials of the
        // capitalised words still spell the acronym („Auswärtiges Amt (AA)“ not at „Amt“,
        // „World Wide Fund For Nature (WWF)“ not at „Wide“); where none does, as before.
        let spells_from = |p: usize| {
            let mut initials = ws[p..k - 1].iter().filter(|w| w.is_capitalised()).filter_map(|w| w.text.chars().next());
            name.chars().filter(|c| c.is_uppercase()).all(|letter| initials.any(|i| i == letter))
        };
        let initial = name.chars().next().unwrap_or(' ');
        let start = (start..k - 1).rev().find(|&p| ws[p].text.starts_with(initial) && spells_from(p)).unwrap_or(start);
        let with_article = start.checked_sub(1).filter(|&i| is_in(&DETERMINERS, &ws[i].lower())).unwrap_or(start);
        super::referent::nominative(&ws[with_article..k - 1])
    }

    /// Whether the article gives `name` an acronym („Weltgesundheitsorganisation (WHO)“).
    fn has_acronym(&self, name: &str) -> bool {
        self.spelt_acronyms.contains(name)
    }

    /// „AK Vorratsdatenspeicherung“ → „Arbeitskreis Vorratsdatenspeicherung“: a name led by
    /// an abbreviation, where the article writes the same name led by a body noun with the
    /// abbreviation's initial.
    fn spelt_out(&self, name: &str) -> Option<String> {
        let (abbreviation, rest) = name.split_once(' ')?;
        let initial = abbreviation.chars().next()?;
        if !super::referent::looks_like_body_name(abbreviation) || !initial.is_uppercase() {
            return None;
        }
        let rest_words: Vec<&str> = rest.split(' ').collect();
        let body = |w: &Word| w.text.starts_with(initial) && super::referent::is_body_noun(w.text);
        let spelt = self.words.windows(1 + rest_words.len()).find(|run| body(&run[0]) && run[1..].iter().map(|w| w.text).eq(rest_words.iter().copied()))?;
        Some(format!("{} {rest}", spelt[0].text))
    }

    /// „das Ministerium“, „die Regierung“, „der gleichen Nachrichtenagentur“ → the latest
    /// body before `at` with this noun that says more: a longer noun („das isländische
    /// Fischereiministerium“), an attribute („die spanische Regierung“) or a name after it
    /// („Nachrichtenagentur RIA Novosti“); else the description itself. A description that
    /// says more itself („das Auswärtige Amt“) stays.
    fn named_body(&self, written: &str, at: usize) -> String {
        // „gleicher Nachrichtenagentur“ says no more than the noun; „oberster
        // Strafgerichtshof“ stays so where the article names no fuller one.
        let wording = written.rsplit(' ').next().filter(|_| written.split(' ').rev().skip(1).all(is_vague)).unwrap_or(written);
        // „des Ludwigshafener Konzerns“: a company by its home town is the company the article named.
        let by_town = matches!(wording.split_once(' '), Some((town, kind)) if town.ends_with("er") && ["Konzern", "Unternehmen", "Firma"].contains(&kind));
        if by_town {
            let before = self.words.partition_point(|w| w.span.start < at);
            if let Some(company) = self.named_company(before) {
                return company;
            }
        }
        if wording.contains(' ') {
            return self.expand_acronym(wording);
        }
        let head = wording.to_lowercase();
        let ws = &self.words;
        let before = ws.partition_point(|w| w.span.start < at);
        // Back first; in a headline („Bahn kündigt Sperrung an“) also on, where the lead names
        // the body in full („Die Deutsche Bahn sperrt …“). (In the text, a fuller name further
        // on is as often another body: „die Polizei“ → „CRS“.)
        let on = if self.in_headline(at) { (before + LOOK_BACK).min(ws.len()) } else { before };
        let after = (before..on).skip_while(|&k| ws[k].span.start < at);
        let fuller = (before.saturating_sub(LOOK_BACK)..before).rev().chain(after).find_map(|k| {
            let lower = ws[k].lower();
            // („des Oberlandesgerichts“ for „das Gericht“: in the genitive too.)
            let genitive = [lower.strip_suffix("es"), lower.strip_suffix('s')].into_iter().flatten().any(|stem| stem.ends_with(&head));
            // („die Bank“ for „die Bank of England“, a foreign name read as one word.)
            let foreign = lower.split_once(' ').is_some_and(|(first, _)| first == head);
            if !ws[k].is_capitalised() || !(lower.ends_with(&head) || genitive || foreign) {
                return None;
            }
            // „das Auswärtige Amt“, „die Mainzer Polizei“: capitalised adjectives count too.
            let adjective = |w: &Word| !is_in(&DETERMINERS, &w.lower()) && !is_quantifier(&w.lower()) && ["e", "en", "er", "es"].iter().any(|e| w.text.ends_with(e)) && (w.is_lowercase() || w.is_capitalised() && !is_person_noun(w.text));
            let start = (0..k).rev().take_while(|&i| adjective(&ws[i])).last().unwrap_or(k);
            let start = start.checked_sub(1).filter(|&i| is_in(&DETERMINERS, &ws[i].lower())).unwrap_or(start);
            // „Bundesverwaltungsgericht Berufung eingelegt“: an abstract noun after it is the sentence's.
            // („beim Bundesverfassungsgericht Klage eingereicht“: so is a legal action.)
            let name_word = |w: &&Word| w.is_capitalised() && !super::referent::is_abstract_noun(w.text) && !super::referent::is_legal_action(w.text) || super::referent::looks_like_body_name(w.text);
            let end = k + 1 + ws[k + 1..].iter().take_while(name_word).take(3).count();
            // („der Menschenrechtsorganisation amnesty international (ai)“: a name in lowercase.)
            let lowercase = if end == k + 1 { crate::detect::phrase::lowercase_name_with_acronym(ws, end) } else { 0 };
            if lowercase > 0 {
                return Some(ws[end..end + lowercase].iter().map(|w| w.text).collect::<Vec<_>>().join(" "));
            }
            // „die Gewerkschaft der Polizei“: a genitive that belongs to the name.
            let genitive = ws.get(end).is_some_and(|w| matches!(w.text, "der" | "des")) && ws.get(end + 1).is_some_and(Word::is_capitalised);
            let end = if genitive { end + 2 + ws[end + 2..].iter().take_while(|w| w.is_capitalised()).take(2).count() } else { end };
            // „die Hilfsorganisation Ärzte ohne Grenzen“.
            let without = end > k + 1 && super::referent::ohne_continues_name(ws, end);
            let end = if without { end + 2 } else { end };
            // „des Oberlandesgerichts in Düsseldorf“: the place, where it says which one (the
            // „Bundesverwaltungsgericht in Leipzig“ is the only one).
            let national = lower.starts_with("bundes");
            let place = !national && ws.get(end).is_some_and(|w| w.is("in")) && ws.get(end + 1).is_some_and(|w| w.is_capitalised() && !is_determiner(w));
            let end = if place { end + 2 } else { end };
            // „der gleichen Nachrichtenagentur“ says no more than the noun.
            let vague = ws[start..k].iter().any(|w| is_vague(w.text));
            // („der regierende Übergangsrat“ says no more than „der Übergangsrat“.)
            let adjectives_only = |name: &str| name.rsplit_once(' ').is_some_and(|(adjectives, noun)| noun.to_lowercase() == head && adjectives.split(' ').all(|a| a.starts_with(char::is_lowercase) && super::referent::country_of_adjective(a).is_none()));
            match referent(&ws[start..end]) {
                Referent::Body(name) | Referent::BodyDescription(name) if name.to_lowercase() != head && !vague && !adjectives_only(&name) => Some(name),
                _ => None,
            }
        });
        let company = || ["unternehmen", "konzern", "firma"].contains(&head.as_str()).then(|| self.named_company(before)).flatten();
        let pointing = written.split(' ').rev().skip(1).all(is_pointing);
        fuller.or_else(company).unwrap_or_else(|| self.expand_acronym(if pointing { wording } else { written }))
    }

    /// Whether the article writes `name` right after a kind of body („der Flugzeugbauer
    /// Airbus“ … „Airbus teilte mit“, „des Rüstungskonzerns Northrop Grumman“): then a body,
    /// though written like a person. (Not „Verwaltungsrat Ulrich Müller“: a given name.)
    fn introduced_as_body(&self, name: &str) -> bool {
        let parts: Vec<&str> = name.split(' ').collect();
        if FIRST_NAMES.contains_key(parts[0]) {
            return false;
        }
        let ws = &self.words;
        self.after_kind.iter().any(|&k| {
            let after = &ws[k..(k + parts.len()).min(ws.len())];
            after.len() == parts.len() && after.iter().zip(&parts).all(|(w, p)| w.text == *p)
        })
    }

    /// Whether character `at` lies in a headline: a first line without a full stop, above the text.
    fn in_headline(&self, at: usize) -> bool {
        let first = self.doc.text.lines().next().unwrap_or("");
        let length = first.chars().count();
        at < length && length < 150 && !first.trim_end().ends_with('.') && self.doc.text.lines().nth(1).is_some()
    }

    /// „Angaben der Zeitung“ of „Nach Angaben der Zeitung China Daily sind …“: a phrase that
    /// ends on a kind of body before its name; the name the text goes on with after `end`.
    fn name_after(&self, end: usize) -> Option<String> {
        let ws = &self.words;
        let k = ws.partition_point(|w| w.span.start < end);
        let named = |w: &&Word| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower()) && !is_source_noun(w.text) || super::referent::looks_like_body_name(w.text);
        let length = match ws[k..].iter().take_while(named).take(4).count() {
            0 => crate::detect::phrase::lowercase_name_with_acronym(ws, k),
            length => length,
        };
        (length > 0).then(|| ws[k..k + length].iter().map(|w| w.text).collect::<Vec<_>>().join(" "))
    }

    /// „das Unternehmen“, „der Konzern“ → the company the article named last before word
    /// `before`: a name with its legal form („die Volkswagen AG“) or after a noun for a
    /// company („die Billigfluggesellschaft Ryanair“).
    fn named_company(&self, before: usize) -> Option<String> {
        let ws = &self.words;
        let is_company_noun = |w: &Word| ["unternehmen", "konzern", "firma", "gesellschaft", "hersteller", "airline"].iter().any(|e| w.lower().ends_with(e));
        (before.saturating_sub(LOOK_BACK)..before).rev().find_map(|k| {
            if LEGAL_FORMS.contains(&ws[k].text) {
                // „die Airbustochter Premium Aerotec GmbH“: the kind of company is no part of its name.
                let start = (0..k).rev().take_while(|&i| ws[i].is_capitalised() && !is_in(&DETERMINERS, &ws[i].lower()) && !super::referent::is_category_noun(ws[i].text)).last()?;
                return Some(ws[start..=k].iter().map(|w| w.text).collect::<Vec<_>>().join(" "));
            }
            if !is_company_noun(&ws[k]) || !ws.get(k + 1).is_some_and(Word::is_capitalised) {
                return None;
            }
            match referent(&ws[k..(k + 4).min(before)]) {
                Referent::Body(name) if !name.to_lowercase().ends_with(&ws[k].lower()) => Some(name),
                _ => None,
            }
        })
    }

    /// A bare document noun („die Stellungnahme“, „das Schreiben“) is the document the
    /// article names with its owner: the nearest such mention up to the phrase's last word
    /// `at` („die Stellungnahme der Staatsanwaltschaft“) — an indefinite one only where it
    /// introduces the noun, since later „einem Bericht des UNHCHR“ is another report — else
    /// a definite one further on („… dokumentiert der Bericht des UN-Generalsekretärs“),
    /// else a compound before.
    fn named_document(&self, name: &str, at: usize) -> String {
        if name.contains(' ') {
            return name.to_string();
        }
        let ws = &self.words;
        let before = ws.partition_point(|w| w.span.start <= at);
        let mentions: Vec<usize> = (0..ws.len()).filter(|&k| ws[k].text == name).collect();
        let owned = |k: usize| {
            // „… in einer Stellungnahme des Verbands. Albrecht zeigte sich …“: up to the sentence's end.
            let end = (k + 1..(k + 6).min(ws.len())).find(|&i| matches!(ws[i].text, "." | "!" | "?" | ";" | ":")).unwrap_or((k + 6).min(ws.len()));
            match referent(&ws[k..end]) {
                Referent::Document(full) if full.len() > name.len() => Some(full),
                _ => None,
            }
        };
        // („einem Papier des Ministeriums“ cut to „Papier“: the phrase's own word counts.)
        let introduces = |k: usize| k + 1 == before || Some(&k) == mentions.first() || !indefinite_before(ws, k);
        let back = mentions.iter().rev().filter(|&&k| k < before && introduces(k)).find_map(|&k| owned(k));
        let on = || mentions.iter().filter(|&&k| k >= before && !indefinite_before(ws, k)).find_map(|&k| owned(k));
        back.or_else(on).or_else(|| self.compound_document(name, before)).unwrap_or_else(|| name.to_string())
    }

    /// „der Bericht“ ← „des Verfassungsschutzberichts 2005“: the latest compound before word
    /// `before` that ends in the bare document noun, with the year that follows it. Not a
    /// compound the article wrote after the bare noun: „Der Bericht … ist der zweite
    /// Länderbericht dieser Art“ says what kind of report it is, not which.
    fn compound_document(&self, name: &str, before: usize) -> Option<String> {
        let ws = &self.words;
        let noun = name.to_lowercase();
        let bare = |w: &Word| super::referent::without_genitive(w.text).to_lowercase() == noun;
        // A document is named once, often in the lead, and referred to all through the article.
        let k = (0..before).rev().find(|&k| {
            let lower = super::referent::without_genitive(ws[k].text).to_lowercase();
            ws[k].is_capitalised() && lower.len() > noun.len() && lower.ends_with(&noun) && !lower.ends_with(&format!("-{noun}"))
        })?;
        if ws[..k].iter().any(bare) {
            return None;
        }
        let compound = super::referent::without_genitive(ws[k].text);
        let year = ws.get(k + 1).filter(|w| w.text.len() == 4 && w.text.chars().all(|c| c.is_ascii_digit()));
        Some(year.map_or(compound.clone(), |y| format!("{compound} {}", y.text)))
    }

    /// The person of `gender` the article gives the age `age`: „Bernd Hollerbach (52)“,
    /// „Hollerbach, 52,“, „der 52-jährige Trainer Bernd Hollerbach“ — the fullest name there;
    /// not „das 39-jährige Opfer“, a noun the article uses as one.
    fn person_aged(&mut self, age: &str, gender: Gender) -> Option<String> {
        let ws = &self.words;
        let name_at = |k: usize| ws.get(k).filter(|w| w.is_capitalised() && !is_person_noun(w.text) && !is_in(&DETERMINERS, &w.lower()) && !self.common.contains(w.text)).map(|w| w.text.to_string());
        let adjective = |w: &Word| w.text.split_once('-').is_some_and(|(n, rest)| n == age && rest.starts_with("jährig"));
        let surnames: Vec<(String, bool)> = (0..ws.len())
            .filter_map(|k| {
                let bracketed = k >= 1 && ws[k].text == age && ws[k - 1].is("(") && ws.get(k + 1).is_some_and(|w| w.is(")"));
                let set_off = k >= 2 && ws[k].text == age && ws[k - 1].is(",") && ws.get(k + 1).is_some_and(|w| w.is(","));
                if bracketed || set_off {
                    return k.checked_sub(2).and_then(name_at).map(|n| (n, false));
                }
                // („der 52-jährige Trainer Bernd Hollerbach“: the name closes the phrase.)
                let last = (k + 1..(k + 5).min(ws.len())).take_while(|&i| ws[i].is_capitalised()).last();
                last.filter(|_| adjective(&ws[k])).and_then(name_at).map(|n| (n, true))
            })
            .collect();
        surnames.into_iter().map(|(surname, after_adjective)| (self.fullest(&surname), after_adjective)).find_map(|(name, after_adjective)| {
            // After an age adjective only a full name: a noun alone („Opfer“) may stand there.
            let named = !after_adjective || name.contains(' ');
            (named && Gender::of(&name).fits(gender)).then_some(name)
        })
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
        // „Thomas K.“: a surname the press shortens to its initial keeps its full stop.
        let initial = full.rsplit(' ').next().is_some_and(|last| last.chars().count() == 1 && last.chars().all(char::is_uppercase));
        let full = if initial && self.doc.text.contains(&format!("{full}.")) { format!("{full}.") } else { full };
        self.grown.insert(name.to_string(), full.clone());
        full
    }

    fn grow(&self, name: &str) -> String {
        let name = &self.with_initial(&self.nominative_surname(name));
        let surname = name.rsplit(' ').next().unwrap_or(name);
        let mut best = name.to_string();
        // „ruft Jens Stoltenberg Russland auf“: a country is nobody's surname.
        if is_in(&COUNTRIES, surname) {
            return best;
        }
        let all_words = &self.words;
        // („Gaddafi“ → „Muammar al-Gaddafi“: the surname with its Arabic article.)
        let with_article = |w: &Word| crate::detect::words::after_arabic_article(w.text) == Some(surname);
        // („die Rede Angela Merkels“: the full name in the genitive after a listed given name;
        // „die Unterstützer Mussawis“ has the noun it depends on there.)
        let genitive = |w: &Word| w.text.strip_suffix('s') == Some(surname) && !surname.ends_with(['s', 'x', 'z']);
        let genitive_at = |k: usize| genitive(&all_words[k]) && k > 0 && FIRST_NAMES.contains_key(all_words[k - 1].text);
        for k in (0..all_words.len()).filter(|&k| all_words[k].text == surname || with_article(&all_words[k]) || genitive_at(k)) {
            let start = first_name_start(all_words, k);
            if start == k {
                continue;
            }
            let before_surname = self.doc.slice(Span::new(all_words[start].span.start, all_words[k - 1].span.end));
            let candidate = format!("{before_surname} {}", if genitive(&all_words[k]) { surname } else { all_words[k].text });
            if candidate.len() > best.len() && candidate.contains(name) && !candidate.contains('\n') {
                best = candidate;
            }
        }
        if best == *name {
            return self.only_name_starting_with(name).unwrap_or(best);
        }
        best
    }

    /// „Petra“ → „Petra Pau“, „Li“ → „Li Fei“, „Ban“ → „Ban Ki Moon“ (a family name first),
    /// „Recep Tayyip“ → „Recep Tayyip Erdoğan“: a name that the article writes once or more
    /// before one or two further names, always the same ones.
    fn only_name_starting_with(&self, name: &str) -> Option<String> {
        let ws = &self.words;
        let is_name = |next: &Word| {
            // „Airbus A380“: a type number, not a surname.
            let is_name = next.is_capitalised() && !next.text.contains(|c: char| c.is_ascii_digit());
            // („warf Merkel Russland vor“: a country is nobody's surname.)
            is_name && !is_person_noun(next.text) && !self.common.contains(next.text) && !super::referent::is_never_a_speaker(next) && !is_in(&COUNTRIES, next.text)
        };
        // („Ban“ → „Ban Ki Moon“: up to two more names, until a listed given name opens another.)
        let parts: Vec<&str> = name.split(' ').collect();
        let written_at = |k: usize| k >= parts.len() && ws[k - parts.len()..k].iter().zip(&parts).all(|(w, part)| w.text == *part);
        let mut found = (1..ws.len()).filter(|&k| written_at(k)).map(|k| {
            let run = ws[k..].iter().take(2).enumerate().take_while(|&(i, w)| is_name(w) && (i == 0 || !is_given_name(w.text))).count();
            (run > 0).then(|| std::iter::once(name).chain(ws[k..k + run].iter().map(|w| w.text)).collect::<Vec<_>>().join(" "))
        });
        let first = found.next()??;
        found.all(|other| other.as_ref().is_none_or(|o| *o == first)).then_some(first)
    }
}

impl NameForms<'_> {
    /// A name with a one-letter word inside that the article writes with a dot.
    fn dotted_initial(&self, name: &str) -> Option<String> {
        let parts: Vec<&str> = name.split(' ').collect();
        let inner = (1..parts.len().saturating_sub(1)).find(|&i| parts[i].chars().count() == 1 && parts[i].chars().all(char::is_uppercase))?;
        let dotted = [&parts[..inner], &[&format!("{}.", parts[inner])[..]], &parts[inner + 1..]].concat().join(" ");
        self.doc.text.contains(&dotted).then_some(dotted)
    }

    /// „George W“ (a phrase cut at the initial's dot) → „George W. Bush“ where the article
    /// writes it so.
    fn with_initial(&self, name: &str) -> String {
        // „George W Bush“ (the dot lost between words) → „George W. Bush“.
        if let Some(dotted) = self.dotted_initial(name) {
            return dotted;
        }
        let Some((_, initial)) = name.rsplit_once(' ').filter(|(_, last)| last.chars().count() == 1 && last.chars().all(char::is_uppercase)) else {
            return name.to_string();
        };
        let ws = &self.words;
        let after = (0..ws.len().saturating_sub(2)).find(|&k| ws[k].text == initial && ws[k + 1].is(".") && ws[k + 2].is_capitalised());
        after.map_or_else(|| name.to_string(), |k| format!("{name}. {}", ws[k + 2].text))
    }

    /// „Die Verteidiger Strauss-Kahns“, „die Sprecherin Merkels“: a one-word name in the
    /// genitive (the article also writes it without the -s) right after a role noun owns the
    /// role; the speaker is whoever holds it, returned as the role noun.
    fn role_of_genitive(&self, ws: &[Word], name: &str) -> Option<String> {
        let stem = name.strip_suffix('s').unwrap_or(name);
        // „der Anwältin Rahmani Purs“ of „Arasch Rahmani Pur“: a name of two words too.
        let written_alone = !stem.is_empty() && stem.len() < name.len() && if stem.contains(' ') { self.doc.text.contains(&format!("{stem} ")) } else { self.writes(stem) };
        let words = name.split(' ').count();
        let last = stem.rsplit(' ').next().unwrap_or(stem);
        let k = ws.iter().position(|w| w.text.strip_suffix('s') == Some(last)).filter(|&k| k >= words && written_alone)?;
        let role = &ws[k - words];
        is_person_noun(role.text).then(|| role.text.to_string())
    }

    /// „Der Sprecher“ after „ein Sprecher der Downing Street“: the same spokesperson, so the
    /// body that phrase named (within the look-back, where no person holds the role).
    fn body_of_earlier_spokesperson(&mut self, role: &str, at: usize) -> Option<(Option<String>, Option<SpeakerKind>)> {
        if !super::referent::is_agent_noun(&super::referent::capitalise(role)) {
            return None;
        }
        let ws = &self.words;
        let before = ws.partition_point(|w| w.span.start < at);
        let k = (before.saturating_sub(LOOK_BACK)..before.saturating_sub(1)).rev()
            .find(|&k| ws[k].lower() == role && matches!(ws[k + 1].text, "des" | "der" | "von" | "vom"))?;
        // The owner runs to the verb or the punctuation after it.
        let place = |i: usize| ws[i].is("in") && ws.get(i + 1).is_some_and(Word::is_capitalised);
        let end = (k + 2..ws.len().min(k + 10)).find(|&i| ws[i].is_punct() || ws[i].is_lowercase() && !is_determiner(&ws[i]) && !is_particle(ws, i) && !place(i)).unwrap_or(ws.len().min(k + 10));
        let phrase = ws[k..end].to_vec();
        match referent(&phrase) {
            Referent::Body(name) => Some(body(self.expand_acronym(&name), &phrase, self)),
            Referent::BodyDescription(wording) => Some(body(self.named_body(&wording, ws[k].span.start), &phrase, self)),
            _ => None,
        }
    }

    /// The people the article names in full („Kurt Ertel“) with this surname („Ertel“).
    fn people_with_surname<'a>(&'a self, surname: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.people.values().filter(move |p| p.rsplit_once(' ').is_some_and(|(_, last)| last == surname))
    }

    /// The one person of the article named in full with this surname.
    fn person_with_surname(&self, surname: &str) -> Option<String> {
        let mut named = self.people_with_surname(surname);
        let first = named.next()?;
        named.all(|other| other == first).then(|| first.clone())
    }

    /// „Demjanjuks Sohn“: a noun after the genitive of a name the article writes alone is
    /// someone the name's person has, not a name.
    fn is_role_of_genitive_before(&self, name: &str) -> bool {
        let Some((owner, noun)) = name.split_once(' ') else { return false };
        let stem = owner.strip_suffix('s').filter(|stem| stem.chars().count() >= 3);
        !noun.contains(' ') && !FIRST_NAMES.contains_key(owner) && stem.is_some_and(|stem| self.writes(stem)) && !self.writes(&format!("{} {noun}", stem.unwrap_or_default()))
    }

    /// „warf die Staatsanwaltschaft Ertel vor“: the surname of a person the article names
    /// („Kurt Ertel“) after a kind of body is the verb's object, not the body's name; the
    /// kind of body alone, if so.
    fn without_person_after(&self, name: &str) -> Option<String> {
        let (body, surname) = name.split_once(' ')?;
        (super::referent::is_body_noun(body) && !surname.contains(' ') && self.people_with_surname(surname).next().is_some()).then(|| body.to_string())
    }

    /// Whether the article has this word as written somewhere.
    fn writes(&self, word: &str) -> bool {
        self.words.iter().any(|w| w.text == word)
    }

    /// „Kellers“ → „Keller“ where the article also writes „Keller“ (a genitive); a name
    /// led by a capitalised particle („Von der Leyen“ at a sentence start) in its usual case.
    fn nominative_surname(&self, name: &str) -> String {
        let name = match name.split_once(' ') {
            Some((first, rest)) if matches!(first, "Von" | "Van" | "De") => format!("{} {rest}", first.to_lowercase()),
            _ => name.to_string(),
        };
        let stem = name.strip_suffix('s').filter(|stem| !stem.contains(' ') && self.writes(stem));
        stem.map_or(name.clone(), str::to_string)
    }
}


/// Every given name followed by a surname („Patrick Kamanda“, „Al Gore“; a given name
/// not in `first_names.tsv` where the article also uses the surname alone), and each later
/// mention of such a surname alone („Der Deutsche Ziemendorff“), by position; not those
/// after a preposition.
fn people_mentioned(doc: &Document, ws: &[Word], alone: &HashSet<&str>, common: &HashSet<String>) -> BTreeMap<usize, String> {
    let mut people = BTreeMap::new();
    let mut by_surname: HashMap<&str, String> = HashMap::new();
    // „Ban Ki-moon … Ban sagte“: a name whose first word the article uses alone (family name
    // first, as Korean and Chinese names are written) — more mentions of it than of the pair.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    for (k, w) in ws.iter().enumerate() {
        *counts.entry(w.text).or_default() += 1;
        if let Some(next) = ws.get(k + 1) {
            *pairs.entry((w.text, next.text)).or_default() += 1;
        }
    }
    // („Thai Rak Thai“ uses its first word twice, never alone.)
    let pair = |a: &str, b: &str| pairs.get(&(a, b)).copied().unwrap_or(0);
    let family_first = |first: &Word, second: &Word| counts[first.text] > pair(first.text, second.text) + pair(second.text, first.text);
    let after_preposition = |k: usize| after_preposition(ws, k);
    let quoted = quoted_words(doc, ws);
    let surname_fits = |w: &Word| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower()) && !super::referent::is_body_noun(w.text) && !is_person_noun(w.text);
    // „Foto: Nato / Public Domain“ above „Vilnius – Zum Auftakt …“: a name stays on its line.
    let same_line = |a: &Word, b: &Word| !doc.slice(Span::new(a.span.end, b.span.start)).contains('\n');
    for k in 0..ws.len().saturating_sub(1) {
        if let Some(name) = by_surname.get(ws[k].text).filter(|_| k == 0 || !FIRST_NAMES.contains_key(ws[k - 1].text)) {
            if !after_preposition(k) && !quoted[k] {
                people.insert(ws[k].span.start, name.clone());
            }
            continue;
        }
        // A listed given name opens a name anywhere, also at a sentence start („. Patrick
        // Kamanda von …“) and after an adverb („auch Heidemarie Wieczorek-Zeul“).
        let listed = FIRST_NAMES.contains_key(ws[k].text);
        let opens = k == 0 || listed || extends_name(&ws[k - 1], &ws[k]) || is_in(&DETERMINERS, &ws[k - 1].lower()) || is_person_noun(ws[k - 1].text);
        let surname = if listed {
            // „Ayaan Hirsi Ali“: a middle name stays in the name; „Hussein al Huthi“: so does
            // a particle before the surname.
            let particles = (k + 1..ws.len().min(k + 3)).take_while(|&j| is_particle(ws, j)).count();
            ws[k + 1 + particles..].iter().take(2).take_while(|w| surname_fits(w) && same_line(&ws[k], w)).last()
        } else {
            // „Chief Executive Hongkongs“: a genitive of a word the article also uses is no surname.
            let genitive = |w: &Word| w.text.strip_suffix('s').is_some_and(|stem| alone.contains(stem) || common.contains(stem));
            let unlisted_name = |w: &Word| !common.contains(w.text) && !FIRST_NAMES.contains_key(w.text) && !genitive(w) && !matches!(w.text, "Frau" | "Herr" | "Herrn" | "Dr" | "Prof");
            // „innerhalb von 60 Tagen Neuwahlen“, „gegenüber NDR Info“: a counted noun, a broadcaster.
            let counted = k > 0 && ws[k - 1].text.chars().all(|c| c.is_ascii_digit());
            let body_like = super::referent::looks_like_body_name(ws[k].text);
            Some(&ws[k + 1]).filter(|w| {
                k > 0 && extends_name(&ws[k - 1], &ws[k]) && surname_fits(w) && same_line(&ws[k], w) && (alone.contains(w.text) || family_first(&ws[k], w)) && unlisted_name(&ws[k]) && unlisted_name(w) && !super::referent::is_body_noun(ws[k].text) && !counted && !body_like
            })
        };
        if let Some(surname) = surname.filter(|_| opens) {
            let end = ws[k..].iter().position(|w| std::ptr::eq(w, surname)).map_or(k + 1, |p| k + p);
            let name = ws[k..=end].iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
            by_surname.insert(surname.text, name.clone());
            if !listed && end == k + 1 && family_first(&ws[k], surname) {
                by_surname.insert(ws[k].text, name.clone());
            }
            if !after_preposition(k) && !quoted[k] {
                people.insert(ws[k].span.start, name);
            }
        }
    }
    people
}

/// Whether the name or role at `k` is inside a prepositional phrase: „mit Angela Merkel“,
/// „auf den CDU-Finanzexperten Paul Kirchhof“, „von Merkels Amtsvorgänger Gerhard Schröder“
/// (an article, an owner, an adjective and a role between); not a passive's agent after
/// them („Geführt wurde die Expedition von dem Einheimischen Telesforo Santillan“ names the
/// subject in all but form).
fn after_preposition(ws: &[Word], k: usize) -> bool {
    // „mit seinen Kollegen Edwin Aldrin und Michael Collins“: the second of two names joined
    // by „und“ stands where the first does.
    if k >= 2 && ws[k - 1].is("und") {
        let first = k - 1 - ws[..k - 1].iter().rev().take_while(|w| w.is_capitalised() && !is_in(&DETERMINERS, &w.lower())).count();
        if first < k - 1 {
            return after_preposition(ws, first);
        }
    }
    // („den CDU-Finanzexperten“: a weak noun's -n on a role ending in -e.)
    let role = |w: &Word| is_person_noun(w.text) || w.text.strip_suffix('n').is_some_and(is_person_noun);
    let owner = |w: &Word| w.is_capitalised() && w.text.ends_with('s');
    let leads = |w: &Word| is_in(&DETERMINERS, &w.lower()) || w.is_lowercase() && is_inflected_adjective(w) || w.is_capitalised() && role(w) || owner(w);
    let led = ws[..k].iter().rev().take(3).take_while(|w| leads(w)).count();
    let Some(preposition) = k.checked_sub(led + 1).filter(|&p| PREPOSITIONS.contains(&ws[p].lower().as_str())) else { return false };
    let by = matches!(ws[preposition].lower().as_str(), "von" | "vom" | "durch");
    let passive = ws[preposition.saturating_sub(10)..preposition].iter().rev().take_while(|w| !w.is(".")).any(|w| matches!(w.lower().as_str(), "wurde" | "wurden" | "wird" | "werden" | "worden"));
    // („Für Bundesministerin Clara Vogt ist die Lage ernst. Sie …“: a phrase that opens the
    // sentence with a role and a name sets its topic.)
    let opens = preposition == 0 || matches!(ws[preposition - 1].text, "." | "!" | "?" | ":");
    led == 0 || !(by && passive || opens)
}

/// Which words stand inside quotation marks („Die Ostdeutschen Angela Merkel und Matthias
/// Platzeck handeln pragmatisch“): people named there are what the speaker talks about,
/// not whom a pronoun after the quotation stands for. A paragraph ends an unclosed one.
fn quoted_words(doc: &Document, ws: &[Word]) -> Vec<bool> {
    let mut inside = false;
    let mut quoted = Vec::with_capacity(ws.len());
    for (k, w) in ws.iter().enumerate() {
        if k > 0 && doc.slice(Span::new(ws[k - 1].span.end, w.span.start)).contains('\n') {
            inside = false;
        }
        if w.is_double_mark() {
            let mark = w.text.chars().next().unwrap_or(' ');
            inside = if inside { !crate::german::closes_double(mark) } else { crate::german::opens_double(mark) };
        }
        quoted.push(inside);
    }
    quoted
}

/// Where the full name ending in surname `k` starts: up to three first names before it,
/// across particles („Ursula von der Leyen“).
fn first_name_start(ws: &[Word], k: usize) -> usize {
    let mut start = k;
    let mut names = 0;
    let mut at = k;
    while at > 0 && names < 3 {
        let mut before = at - 1;
        while before > 1 && matches!(ws[before].text, "von" | "van" | "der" | "de" | "zu" | "la") && at - before < 3 {
            before -= 1;
        }
        // „George W. Bush“: a middle initial, crossed like a particle (a listed given name before it).
        let initial = |w: &Word| w.text.chars().count() == 1 && w.text.chars().all(char::is_uppercase);
        if at >= 3 && ws[at - 1].is(".") && initial(&ws[at - 2]) {
            before = at - 3;
        }
        // A listed given name extends a name also where nothing else may precede it, at a
        // sentence start („. Gülsen Celebi gab an“) or after a preposition; and it starts
        // the name unless another listed one comes before it („Amtsinhaber Robert Mugabe“).
        let given = |w: &Word| FIRST_NAMES.contains_key(w.text);
        // The article's first word has nothing before it: only a listed given name extends there.
        // „Herausforderer von Mubarak“: across a particle only a given name („Ursula von der Leyen“).
        let crossed = before + 1 < at;
        let unlisted = !crossed && at == k && unlisted_given_name(ws, before);
        let extends = given(&ws[before]) || unlisted || before > 0 && extends_name(&ws[before - 1], &ws[before]) || introduced_at_sentence_start(ws, before, k);
        // („Präsident Tandja Mamadou“: the surname `k` may be listed as a given name too.)
        let opens_name = given(&ws[at]) && at < k;
        if !extends || (opens_name || crossed) && !given(&ws[before]) && !unlisted {
            break;
        }
        // „von San Francisco Dianne Feinstein“, „São Paulo“: a given name after „San“, „São“ or
        // „Saint“ ends a place's name, not a person's.
        let place = before > 0 && matches!(ws[before - 1].text, "San" | "Santa" | "Santo" | "São" | "Saint" | "Sankt" | "St");
        if place {
            break;
        }
        start = before;
        at = before;
        names += 1;
    }
    start
}

/// „Ein Gespräch mit Silvana Koch-Mehrin“, „. Silvana Koch-Mehrin ist …“: a given name the
/// list lacks, right before the surname at a sentence start or after a preposition, where a
/// first name may stand but so may a noun or an adverb. It is a given name where the article
/// never writes the word but before the same surname, as it writes surnames alone and nouns
/// in other places.
fn unlisted_given_name(ws: &[Word], given: usize) -> bool {
    let Some(surname) = ws.get(given + 1) else { return false };
    let w = &ws[given];
    let opens = given == 0 || matches!(ws[given - 1].text, "." | "!" | "?") || is_preposition(&ws[given - 1]);
    // („Einzig Sony hat …“: an adverb opens the sentence.)
    let adverb = ["ig", "lich", "weise", "ens", "falls", "mals", "dings"].iter().any(|e| w.text.ends_with(e));
    let word_like_a_name = w.is_capitalised() && !adverb && w.text.chars().count() > 2 && w.text.chars().all(|c| c.is_alphabetic() || c == '-') && !w.text.ends_with('-');
    let other_word = is_in(&SENTENCE_STARTERS, w.text) || is_in(&PHRASE_BREAKERS, &w.lower()) || is_in(&DETERMINERS, &w.lower()) || super::referent::is_never_a_speaker(w);
    let noun = is_person_noun(w.text) || super::referent::is_body_noun(w.text) || is_in(&NATIONALITIES, w.text) || is_in(&COUNTRIES, w.text) || is_source_noun(&w.lower());
    let only_before_surname = ws.iter().enumerate().filter(|(_, x)| x.text == w.text).all(|(i, _)| ws.get(i + 1).is_some_and(|next| next.text == surname.text));
    opens && word_like_a_name && !other_word && !noun && only_before_surname
}

/// „Rop Gonggrijp, ein holländischer Hacker, …“: an unlisted given name opening a sentence
/// before surname `k`, where an indefinite apposition after it says a person was introduced.
fn introduced_at_sentence_start(ws: &[Word], given: usize, k: usize) -> bool {
    let opens = given == 0 || matches!(ws[given - 1].text, "." | "!" | "?");
    let described = ws.get(k + 1).is_some_and(|w| w.is(",")) && ws.get(k + 2).is_some_and(super::referent::is_indefinite_article);
    let w = &ws[given];
    given + 1 == k && opens && described && w.is_capitalised() && !is_in(&SENTENCE_STARTERS, w.text) && !is_in(&DETERMINERS, &w.lower()) && !is_person_noun(w.text) && !super::referent::is_body_noun(w.text)
}

/// Whether `w` (preceded by `before`) can be a first name: capitalised, no role or
/// determiner, not the sentence-initial word, and not a noun after a determiner or
/// preposition ("zur Ukraine Stoltenberg").
fn extends_name(before: &Word, w: &Word) -> bool {
    // „der ugandische Schriftsteller Musa Okwanga“: an adjective's noun is no given name.
    let described = is_inflected_adjective(before) && is_occupation(w.text);
    w.is_capitalised()
        && !described
        && !super::referent::is_body_noun(w.text)
        && !is_person_noun(w.text)
        && !is_in(&DETERMINERS, &w.lower())
        && !is_in(&NATIONALITIES, w.text)
        && !matches!(before.text, "." | "!" | "?" | ":")
        && !before.is_double_mark()
        && !is_in(&DETERMINERS, &before.lower())
        && !is_in(&PHRASE_BREAKERS, &before.lower())
}

/// People introduced with a role ("NATO-Generalsekretär Stoltenberg"), by lowercased role
/// and position: what later pronouns and descriptions ("der Generalsekretär") refer back to.
/// Beside each, the adjective of origin before the role, if any („des venezolanischen
/// Präsidenten Hugo Chávez“ → venezolanisch).
#[derive(Default)]
struct Introductions {
    by_role: HashMap<String, BTreeMap<usize, String>>,
    origin: HashMap<usize, String>,
    /// Introductions inside a prepositional phrase („auf den CDU-Finanzexperten Paul
    /// Kirchhof“), at their role: what is talked about, rarely whom a pronoun stands for.
    in_preposition: HashSet<usize>,
}

/// „Wolfgang Schäuble (CDU)“: a person named in full with a party in brackets is that party's
/// politician („der CDU-Politiker“ later), as (position, role, surname).
fn party_members(forms: &NameForms) -> Vec<(usize, String, String)> {
    let ws = &forms.words;
    let party = |w: &Word| super::referent::looks_like_body_name(w.text) || matches!(w.text, "Grüne" | "Grünen" | "Linke");
    (1..ws.len().saturating_sub(2))
        .filter(|&k| ws[k].is("(") && party(&ws[k + 1]) && ws[k + 2].is(")") && forms.person_with_surname(ws[k - 1].text).is_some())
        // (As compounds write the party: „Grünen-Politikerin“, „Linken-Chef“.)
        .map(|k| (k, ws[k + 1].text.to_lowercase()))
        .map(|(k, party)| (ws[k - 1].span.start, format!("{}-politiker", if party.ends_with('e') { party + "n" } else { party }), ws[k - 1].text.to_string()))
        .collect()
}

/// The name set off by a comma beside the role noun at `k`: „Der Geschäftsführer der
/// Firma, Gerd-Jürgen Bruckschen, …“ (the role's complement, then the name) or „Dolkun Isa,
/// der Sekretär des Weltkongresses …“ (the name, then the role).
/// A surname alone before the comma („Celebi, die Anwältin der Frau“) counts where
/// `is_surname` knows it (the article gave it with a given name).
fn apposition_name(ws: &[Word], k: usize, is_surname: impl Fn(&str) -> bool) -> Option<String> {
    let complement = |w: &Word| is_in(&DETERMINERS, &w.lower()) || w.is_capitalised() && !is_person_noun(w.text) || origin_adjective(w).is_some();
    let comma_after = k + 1 + complement_length(&ws[k + 1..], complement);
    let after = ws.get(comma_after).filter(|w| w.is(",")).and_then(|_| name_run(&ws[comma_after + 1..], 2));
    let attributes = ws[..k].iter().rev().take(2).take_while(|w| w.is_lowercase() && !w.is_punct()).count();
    let comma_before = (k - attributes).checked_sub(1).filter(|&i| ws[i].is(",")).or_else(|| long_description_after_comma(ws, k));
    let before = comma_before.and_then(|i| {
        let run: Vec<&Word> = ws[..i].iter().rev().take_while(|w| w.is_capitalised() && !is_person_noun(w.text)).take(4).collect();
        let start = i - run.len();
        let shortest = if run.len() == 1 && is_surname(run[0].text) { 1 } else { 2 };
        start.checked_sub(1).is_none_or(|p| !ws[p].is_capitalised()).then(|| name_run(&ws[start..i], shortest)).flatten()
    });
    after.or(before)
}

/// How many words after a role noun complement it before an apposition's comma: at most
/// six `complement` words, where a foreign name's lowercase words („des Front de gauche“)
/// and a bracket („(Linksfront)“) count as one.
fn complement_length(ws: &[Word], complement: impl Fn(&Word) -> bool) -> usize {
    let mut i = 0;
    for _ in 0..6 {
        match ws.get(i) {
            Some(w) if w.is("(") => i += 1 + ws[i + 1..].iter().take(4).position(|w| w.is(")")).map_or(ws.len(), |close| close + 1),
            Some(w) if i > 0 && FOREIGN_PARTICLES.contains(&w.text) => i += 1 + usize::from(ws.get(i + 1).is_some_and(Word::is_lowercase)),
            Some(w) if complement(w) => i += 1,
            _ => break,
        }
    }
    i.min(ws.len())
}

/// Lowercase words inside foreign names of bodies and places („Front de gauche“, „Partido
/// de la Revolución“).
const FOREIGN_PARTICLES: [&str; 6] = ["de", "du", "la", "le", "del", "of"];

/// „Slobodan Samardzic, der für das Kosovo zuständige serbische Minister“: the comma before
/// a definite description whose role noun `k` follows an adjective, however long the
/// attributes in between; any other article in them belongs to a preposition („X, der den
/// Minister kritisierte“ is a relative clause, not a description).
fn long_description_after_comma(ws: &[Word], k: usize) -> Option<usize> {
    let is_article = |i: usize| is_in(&DETERMINERS, &ws[i].lower());
    let in_phrase = |i: usize| i > 0 && PREPOSITIONS.contains(&ws[i - 1].lower().as_str());
    let adjective = ws.get(k.checked_sub(1)?).is_some_and(|w| w.is_lowercase() && ["e", "en"].iter().any(|e| w.text.ends_with(e)) && !is_in(&DETERMINERS, &w.lower()));
    let opener = (k.saturating_sub(8)..k).rev().take_while(|&i| !ws[i].is_punct()).find(|&i| is_article(i) && !in_phrase(i))?;
    let opens = matches!(ws[opener].lower().as_str(), "der" | "die" | "das");
    (adjective && opens && opener > 0 && ws[opener - 1].is(",")).then(|| opener - 1)
}

/// `shortest` to four capitalised words at the start of `ws` that can be a person's name
/// (no role, body or source noun, no sentence opener), ending at a comma, bracket or the
/// sentence's end.
fn name_run(ws: &[Word], shortest: usize) -> Option<String> {
    let is_name_word = |w: &Word| {
        w.is_capitalised() && !is_person_noun(w.text) && !super::referent::is_body_noun(w.text) && !is_in(&DETERMINERS, &w.lower()) && !super::referent::is_never_a_speaker(w)
    };
    let len = ws.iter().take(4).take_while(|w| is_name_word(w)).count();
    let closed = ws.get(len).is_none_or(|w| w.is(",") || w.is(".") || w.is("(") || w.is(")"));
    (len >= shortest && closed).then(|| ws[..len].iter().map(|w| w.text).collect::<Vec<_>>().join(" "))
}

/// „venezolanischen“ → „venezolanisch“: an adjective of origin, which tells two people of
/// the same role apart („der brasilianische Präsident“ is not the Venezuelan one).
fn origin_adjective(w: &Word) -> Option<String> {
    let lower = w.lower();
    let stem = super::referent::adjective_stem(&lower);
    (w.is_lowercase() && stem.ends_with("isch") && stem.len() > 6).then(|| stem.to_string())
}

/// A role noun without its case ending, and the usual title for the same office: what two
/// mentions of one role share („Präsidenten“, „Staatschef“ → „präsident“).
fn role_stem(role: &str) -> String {
    let lower = role.to_lowercase();
    let weak = ["en", "n"].iter().find_map(|e| lower.strip_suffix(e).filter(|s| s.ends_with("ent") || s.ends_with("ant") || s.ends_with("at")));
    // „des künstlerischen Leiters“, „des Direktors“: the genitive's -s.
    let genitive = lower.strip_suffix('s').filter(|s| ["er", "or", "ef", "eur"].iter().any(|e| s.ends_with(e)));
    let stem = weak.or(genitive).unwrap_or(&lower);
    match stem {
        "staatschef" | "staatsoberhaupt" | "staatspräsident" => "präsident".to_string(),
        "regierungschef" | "premierminister" | "premier" => "ministerpräsident".to_string(),
        other => other.to_string(),
    }
}

impl Introductions {
    /// Every "role noun + name" of the document.
    fn of_document(forms: &mut NameForms) -> Self {
        let mut found = Vec::new();
        let all_words = &forms.words;
        let mut introductions = Introductions::default();
        for (k, w) in all_words.iter().enumerate().filter(|(_, w)| w.is_capitalised() && is_person_noun(w.text)) {
            let named = |i: usize| {
                let n = &all_words[i];
                n.is_capitalised() && !is_person_noun(n.text) && !is_in(&DETERMINERS, &n.lower()) || i > k + 1 && is_particle(all_words, i)
            };
            let run = (k + 1..all_words.len()).take_while(|&i| named(i)).take(5).count();
            // „nahm zu der Entscheidung des Bundespräsidenten Stellung“, „… des Bundespräsidenten
            // Klage einreichen“: the role's object, no name.
            let noun = all_words.get(k + 1).map_or("", |n| n.text);
            // („der Vertreter Libyens“: a country's role, not a person's name.)
            let country = noun.strip_suffix('s').is_some_and(super::referent::is_state);
            let object = run == 1 && (super::referent::is_abstract_noun(noun) || super::referent::is_legal_action(noun) || forms.is_common_noun(noun) || country);
            let run = if object { 0 } else { run };
            let written = all_words[k + 1..k + 1 + run].iter().map(|n| n.text).collect::<Vec<_>>().join(" ");
            let genitive = (1..=2).contains(&run) && forms.role_of_genitive(&all_words[k..k + 1 + run], &written).is_some();
            let name = if genitive {
                None
            } else if run > 0 {
                Some(written)
            } else {
                apposition_name(all_words, k, |word| forms.people_with_surname(word).next().is_some())
            };
            if let Some(name) = name {
                if after_preposition(all_words, k) {
                    introductions.in_preposition.insert(w.span.start);
                }
                found.push((w.span.start, w.text.to_lowercase(), name));
                if let Some(origin) = all_words[k.saturating_sub(2)..k].iter().find_map(origin_adjective) {
                    introductions.origin.insert(w.span.start, origin);
                }
            }
        }
        found.extend(party_members(forms));
        for (at, role, name) in found {
            let full = forms.fullest(&name);
            introductions.add(at, role, full);
        }
        introductions
    }

    fn add(&mut self, at: usize, role: String, name: String) {
        self.by_role.entry(role).or_default().insert(at, name);
    }

    /// The latest introduction before `at` whose role passes `role` and whose position
    /// passes `position`, with its position.
    fn latest(&self, at: usize, role: impl Fn(&str) -> bool, position: impl Fn(usize) -> bool) -> Option<(usize, String)> {
        self.by_role
            .iter()
            .filter(|(name, _)| role(name))
            .filter_map(|(_, by_position)| by_position.range(..at).rev().find(|(&p, _)| position(p)))
            .max_by_key(|(p, _)| **p)
            .map(|(&p, name)| (p, name.clone()))
    }

    /// The latest introduction before `at` of a person of `gender`, with its position.
    fn latest_of_gender(&self, at: usize, gender: Gender) -> Option<(usize, String)> {
        self.by_role
            .values()
            .filter_map(|by_position| by_position.range(..at).rev().find(|(p, name)| Gender::of(name).fits(gender) && !self.in_preposition.contains(p)))
            .max_by_key(|(p, _)| **p)
            .map(|(&p, name)| (p, name.clone()))
    }

    /// The latest introduction before `at` with role `stem` (see [`role_stem`]) and, where
    /// the description names one, the same adjective of origin.
    fn latest_of_role(&self, at: usize, stem: &str, origin: Option<&str>) -> Option<String> {
        // „dessen brasilianischen Amtskollegen X“ holds the same office, in another country.
        let same_role = |role: &str| {
            let role = role_stem(role);
            role.ends_with(stem) || stem.ends_with(role.as_str()) || origin.is_some() && role.starts_with("amtskolleg")
        };
        let same_origin = |p: usize| origin.is_none_or(|o| self.origin.get(&p).is_some_and(|found| found == o));
        self.latest(at, same_role, same_origin).map(|(_, name)| name)
    }

    /// A description before its person's introduction („Der GdP-Vorsitzende verwies …“,
    /// later „Der GdP-Vorsitzende Konrad Freiberg“): the person introduced after `at` with
    /// exactly this role, where the article introduces one person with it.
    fn only_one_later(&self, at: usize, role: &str) -> Option<String> {
        let introduced = self.by_role.get(role)?;
        let mut names = introduced.range(at..).map(|(_, name)| name);
        let first = names.next()?;
        (introduced.values().all(|name| name == first)).then(|| first.clone())
    }
}

/// Who spoke, as far as the article has told so far: what pronouns and „demnach“ refer to.
#[derive(Default)]
struct Context {
    /// The people named as speakers so far, and where, in text order.
    people_quoted: Vec<(usize, String)>,
    /// The last body named as a speaker.
    last_body: Option<String>,
    /// The name and kind of the quotation before.
    previous: (Option<String>, Option<SpeakerKind>),
    /// Where the quotation before ends.
    previous_end: usize,
}

/// Gives every quotation with a speaker span its `speaker_name` and `speaker_kind`, in
/// text order (pronouns, descriptions and „demnach“ look back at the speakers before them).
/// A speaker span that is no source at all (a function word or adverb) is removed.
pub fn resolve_names(doc: &Document, qs: &mut [Quotation]) {
    let mut forms = NameForms::new(doc);
    let mut introduced = Introductions::of_document(&mut forms);
    let mut context = Context::default();
    for q in qs.iter_mut().filter(|q| !q.speaker.is_empty()) {
        let mut ws = foreign_names_as_words(doc, quoted_names_as_words(doc, q.speaker.iter().flat_map(|s| words(doc, *s)).collect()));
        let mut found = referent(&ws);
        let mut through_clause = false;
        if found == Referent::Reflexive {
            if let Some(subject) = reflexive_subject(doc, &ws) {
                found = referent(&subject);
                ws = subject;
                through_clause = true;
            }
        }
        if let Some(pronoun) = pronoun_speaker(doc, &ws) {
            (found, ws) = pronoun;
            through_clause = true;
        }
        if found == Referent::Previous {
            if let Some(subject) = source_of_sentence_before(doc, &ws, context.previous_end) {
                (found, ws) = subject;
                through_clause = true;
            }
        }
        if let Some(surname) = surname_of_named_person(&found, &ws, &forms) {
            found = Referent::Person(surname);
        }
        if found == Referent::Nothing {
            q.speaker.clear();
            continue;
        }
        if matches!(&found, Referent::Person(n) if !n.contains(' ')) && is_plural_subject(doc, &ws) {
            found = Referent::Unnamed;
        }
        // Look-backs start before the phrase, which may come before the quotation.
        let at = ws.first().map_or(q.start(), |w| w.span.start.min(q.start()));
        let (mut name, mut kind) = resolve(found.clone(), &ws, at, &mut forms, &mut introduced, &context);
        // („Mark Rutte … Die ukrainische Regierung begrüßte die Pläne. Sie erklärte …“: a person
        // whose given name says no gender yields to a feminine body the sentence before is about.)
        let genderless = kind == Some(SpeakerKind::Person) && name.as_deref().is_some_and(|n| Gender::of(n) == Gender::Either);
        if found == Referent::Pronoun && (name.is_none() || genderless) && ws.iter().any(|w| w.lower() == "sie") {
            if let Some((body, subject)) = feminine_body_before(doc, &ws) {
                (name, kind) = resolve(body, &subject, at, &mut forms, &mut introduced, &context);
                through_clause = true;
            }
        }
        let name = name.and_then(|n| without_leading_particle(n, &mut forms));
        q.speaker_name_features = match (&name, kind) {
            (Some(name), Some(kind)) => {
                let mentions = forms.words_starting_with(name.rsplit(' ').next().unwrap_or(name));
                let evidence = Evidence { basis: basis(&found), through_clause, kind, name, phrase: &ws, mentions, quotation_confidence: q.confidence, choice: q.speaker_choice };
                name_confidence::features(&evidence)
            }
            _ => Vec::new(),
        };
        q.speaker_name_confidence = name.as_ref().and_then(|_| name_confidence::score(&q.speaker_name_features));
        match (&name, kind) {
            // („sagte Köhler“: a surname the article keeps using alone is a person too.)
            (Some(n), Some(SpeakerKind::Person)) if n.contains(' ') || ws.iter().any(|w| is_person_noun(w.text)) || forms.words_starting_with(n) >= 3 => context.people_quoted.push((at, n.clone())),
            (Some(n), Some(SpeakerKind::Organisation)) => context.last_body = Some(n.clone()),
            _ => {}
        }
        context.previous = (name.clone(), kind);
        context.previous_end = q.quote.iter().chain(&q.speaker).map(|s| s.end).max().unwrap_or(0);
        q.speaker_name = name;
        q.speaker_kind = kind;
    }
}

/// „sagte Papier“, „so Koch“, „nach Angaben von Papier“ after „Hans-Jürgen Papier“,
/// „Roland Koch“: a noun alone, or a document's owner, that is the surname of a person the
/// article names in full is that person, not a document, role or body.
fn surname_of_named_person(found: &Referent, ws: &[Word], forms: &NameForms) -> Option<String> {
    // („Polizei in Dortmund“ after „Borussia Dortmund“: a body's place, no surname.)
    let document = matches!(found, Referent::Document(_));
    if matches!(found, Referent::Person(_) | Referent::Pronoun | Referent::Reflexive) || ws.len() > 1 && !document {
        return None;
    }
    let (last, before) = ws.split_last()?;
    let bare = before.last().is_none_or(|w| !is_determiner(w) && !is_inflected_adjective(w) && !w.is_capitalised());
    (bare && last.is_capitalised() && forms.person_with_surname(last.text).is_some()).then(|| last.text.to_string())
}

/// How a referent leads to its name.
fn basis(found: &Referent) -> Basis {
    match found {
        Referent::BodyDescription(_) => Basis::Description,
        Referent::Pronoun => Basis::Pronoun,
        Referent::Role(_) => Basis::Role,
        Referent::Previous => Basis::Previous,
        _ => Basis::Written,
    }
}

/// „die „Aktion Deutschland hilft““, „„Le Canard enchaîné““: a name in quotation marks with
/// lowercase words, or a foreign one, is one word, so that no rule for names cuts it at its
/// first lowercase word or puts German endings on it.
fn quoted_names_as_words<'d>(doc: &'d Document, ws: Vec<Word<'d>>) -> Vec<Word<'d>> {
    let mark = Word::is_double_mark;
    let mut out = Vec::with_capacity(ws.len());
    let mut k = 0;
    while k < ws.len() {
        let close = (k + 2..ws.len().min(k + 12)).find(|&j| mark(&ws[j]));
        let inner = close.filter(|_| mark(&ws[k])).map(|j| &ws[k + 1..j]);
        // A longer title capitalises most of its words; a quoted sentence does not.
        let capitalised_enough = |inner: &[Word]| inner.len() <= 3 || 2 * inner.iter().filter(|w| w.is_capitalised()).count() > inner.len();
        // „Space Telescope Science Institute“: capitalised words without a German case ending
        // are a foreign name, which no German ending fits either.
        let foreign = |inner: &[Word]| inner.len() >= 3 && inner.iter().all(|w| w.is_capitalised() && !["en", "er", "em", "es"].iter().any(|e| w.text.ends_with(e)));
        // „E!Online“: one written word that the tokenizer split at its punctuation.
        let unbroken = |inner: &[Word]| inner.windows(2).all(|pair| pair[0].span.end == pair[1].span.start);
        let titled = inner.filter(|inner| inner.len() >= 2 && inner[0].is_capitalised() && (unbroken(inner) || inner.iter().all(|w| !w.is_punct()) && (inner.iter().any(Word::is_lowercase) && capitalised_enough(inner) || foreign(inner))));
        if let (Some(inner), Some(j)) = (titled, close) {
            let span = crate::detect::words::cover(inner);
            out.extend([ws[k], Word { span, text: doc.slice(span) }, ws[j]]);
            k = j + 1;
        } else {
            out.push(ws[k]);
            k += 1;
        }
    }
    out
}

/// „der Bank of England“: an English name joined by „of“ or „for“ as one word, so that it
/// is read as one name („Bank of England“), not cut at the lowercase word.
fn foreign_names_as_words<'d>(doc: &'d Document, ws: Vec<Word<'d>>) -> Vec<Word<'d>> {
    let joins = |k: usize| crate::detect::phrase::joins_foreign_name(&ws, k);
    let name_word = |w: &&Word| w.is_capitalised() && !is_determiner(w);
    let mut out: Vec<Word<'d>> = Vec::with_capacity(ws.len());
    let mut k = 0;
    while k < ws.len() {
        if !joins(k) {
            out.push(ws[k]);
            k += 1;
            continue;
        }
        let start = out.len() - out.iter().rev().take_while(name_word).count();
        let end = k + 1 + (k + 1..ws.len()).take_while(|&j| ws[j].is_capitalised() || joins(j)).count();
        let span = Span::new(out[start].span.start, ws[end - 1].span.end);
        out.truncate(start);
        out.push(Word { span, text: doc.slice(span) });
        k = end;
    }
    out
}

/// „Die Feuerwehr hat nach eigenen Angaben …“, „Nach eigenen Angaben erhielt das Bundesamt
/// …“: a reflexive source is the subject of its clause, the noun phrase before it past the
/// verb and adverbs (and past a prepositional phrase: „Das Gericht reagiert mit dem Urteil
/// nach eigenen Worten“), or, where the phrase opens the clause, the one after the verb.
fn reflexive_subject<'d>(doc: &'d Document, ws: &[Word]) -> Option<Vec<Word<'d>>> {
    let (first, last) = (ws.first()?, ws.last()?);
    let sentence = doc.sentences.get(sentence_at(doc, first.span.start)?)?;
    let all = words(doc, *sentence);
    let start = all.iter().position(|w| w.span.start >= first.span.start)?;
    let end = all.iter().position(|w| w.span.start >= last.span.end).unwrap_or(all.len());
    let is_cue = |w: &Word| matches!(w.lower().as_str(), "nach" | "laut" | "zufolge" | "gemäß");
    let clause_start = all[..start].iter().rposition(|w| w.is(",") || w.is(":") || w.is(";")).map_or(0, |k| k + 1);
    let mut before = &all[clause_start..start];
    while let [rest @ .., w] = before {
        if !is_cue(w) {
            break;
        }
        before = rest;
    }
    let subject = if before.is_empty() { noun_phrase_after_verb(&all[end..], is_cue) } else { noun_phrase_before(before) };
    subject.filter(|s| !s.is_empty()).map(<[Word]>::to_vec)
}

/// „Fischer sagten“, „Vertraute der Insassen berichteten“: a one-word name before a verb in
/// the plural is a common noun for several people, nobody's name. Only the past („-ten“) and
/// the auxiliaries are told apart from the infinitive.
fn is_plural_subject(doc: &Document, ws: &[Word]) -> bool {
    let (Some(first), Some(last)) = (ws.first(), ws.last()) else { return false };
    // „Laut Boudegast waren …“: the verb's subject is another.
    let before = words(doc, Span::new(first.span.start.saturating_sub(12), first.span.start));
    if before.last().is_some_and(|w| is_preposition(w) || matches!(w.lower().as_str(), "laut" | "zufolge")) {
        return false;
    }
    let after = words(doc, Span::new(last.span.end, (last.span.end + 30).min(doc.char_len())));
    after.first().is_some_and(|verb| {
        let lower = verb.lower();
        verb.is_lowercase() && (lower.ends_with("ten") && VERB_CUES.contains_key(lower.as_str()) || matches!(lower.as_str(), "sind" | "waren" | "haben" | "hatten" | "werden" | "wurden"))
    })
}

/// The index of the sentence holding character `at`.
fn sentence_at(doc: &Document, at: usize) -> Option<usize> {
    doc.sentences.iter().position(|s| s.start <= at && at < s.end)
}

/// „Heute hat die Staatsanwaltschaft ein Ergebnis bekannt gegeben. Demnach …“: where no
/// quotation ended in the sentence before „demnach“, it points to that sentence's subject, if
/// that names a body, a document or a person by full name; else to nobody (not to a
/// quotation further back).
fn source_of_sentence_before<'d>(doc: &'d Document, ws: &[Word], previous_end: usize) -> Option<(Referent, Vec<Word<'d>>)> {
    let at = ws.first()?.span.start;
    let here = sentence_at(doc, at)?;
    let before = doc.sentences.get(here.checked_sub(1)?)?;
    if previous_end > before.start {
        return None;
    }
    let all = words(doc, *before);
    // „Auch Vertreter von Amnesty International verurteilten …“: a focus particle before
    // the subject belongs to it.
    let focus = all.first().is_some_and(|w| matches!(w.text, "Auch" | "Selbst" | "Sogar")) && all.get(1).is_some_and(|w| is_determiner(w) || w.is_capitalised());
    let all = &all[usize::from(focus)..];
    let verb = |w: &Word| w.is_lowercase() && !is_determiner(w) && !is_preposition(w) && !is_inflected_adjective(w);
    // „Den Einsatz … hat die Gewerkschaft abgelehnt“: an object first, the subject after the verb.
    let object_first = all.first().is_some_and(|w| matches!(w.lower().as_str(), "den" | "dem" | "einen" | "einem"));
    let opens_with_subject = !object_first && all.first().is_some_and(|w| is_determiner(w) || w.is_capitalised() && !is_in(&SENTENCE_STARTERS, w.text));
    // („Der gefälschte Lebenslauf war“: after an article, a participle.)
    let verb_at = |k: usize| verb(&all[k]) && !(k > 0 && is_determiner(&all[k - 1]));
    let subject = if opens_with_subject {
        (0..all.len()).find(|&k| verb_at(k)).map(|v| &all[..v])
    } else {
        all.iter().skip(1).position(verb).and_then(|v| noun_phrase_after_verb(&all[v + 1..], |_| false))
    };
    let subject = source_it_comes_from(&all).or(subject).filter(|s| !s.is_empty())?.to_vec();
    let found = match referent(&subject) {
        named @ (Referent::Body(_) | Referent::BodyDescription(_) | Referent::Document(_)) => named,
        Referent::Person(name) if name.contains(' ') => Referent::Person(name),
        _ => Referent::Unnamed,
    };
    Some((found, subject))
}

/// „Die Hamas übernahm die Verantwortung. Die Organisation erklärte …“: a kind of body
/// (`kind`) that the article names nowhere fuller is the body the sentence before is about,
/// where its subject is a body or one name the article gives no person.
fn body_subject_before(ws: &[Word], kind: &str, forms: &NameForms) -> Option<String> {
    if !super::referent::is_category_noun(kind) {
        return None;
    }
    let (found, subject) = source_of_sentence_before(forms.doc, ws, 0)?;
    // The sentence's first words („Die Hamas …“, not an object after the verb), of the kind's
    // gender as the phrase writes it (not „Das Video …“ for „Die Firma“).
    let opens_alike = |article: &Word| matches!(article.text, "Die" | "Der" | "Das") && matches!(ws, [own, _] if own.lower() == article.lower());
    let nobodys = |name: &Word| name.is_capitalised() && !is_given_name(name.text) && forms.person_with_surname(name.text).is_none();
    let name = match (found, &subject[..]) {
        (Referent::Body(name), _) => name,
        (_, [article, name]) if opens_alike(article) && nobodys(name) => name.text.to_string(),
        // („Die ARD zeigt … Der Sender …“: an acronym is a body's name in any gender.)
        (_, [article, name]) if matches!(article.text, "Die" | "Der" | "Das") && super::referent::looks_like_body_name(name.text) => name.text.to_string(),
        // „Siemens streicht Stellen. Der Konzern teilte mit …“: a name alone, nobody's.
        (Referent::Unnamed, [name]) if nobodys(name) && !forms.is_common_noun(name.text) && matches!(referent(&subject), Referent::Person(_)) => name.text.to_string(),
        _ => return None,
    };
    body(name, &subject, forms).0
}

/// „Das geht aus dem Urteil hervor“: what a statement comes from („aus“ … „hervor“).
fn source_it_comes_from<'a, 'd>(sentence: &'a [Word<'d>]) -> Option<&'a [Word<'d>]> {
    if !sentence.iter().any(|w| w.is("hervor") || w.lower().starts_with("hervorgeh")) {
        return None;
    }
    let from = sentence.iter().position(|w| w.is("aus"))? + 1;
    let phrase = sentence[from..].iter().take_while(|w| in_noun_phrase(w) && !w.is("(")).count();
    (phrase > 0).then(|| &sentence[from..from + phrase])
}

/// „… hat die Gewerkschaft der Polizei abgelehnt. Sie bezeichnet …“: „sie“ with no woman
/// to stand for stands for a body of feminine gender that is the subject of the sentence
/// before.
fn feminine_body_before<'d>(doc: &'d Document, ws: &[Word]) -> Option<(Referent, Vec<Word<'d>>)> {
    let (body, subject) = source_of_sentence_before(doc, ws, 0)?;
    let noun = subject.iter().find(|w| w.is_capitalised() && !is_determiner(w) && !is_inflected_adjective(w))?;
    let feminine = ["ung", "ei", "schaft", "ion", "tät", "heit", "keit", "ie", "e"].iter().any(|e| noun.lower().ends_with(e));
    (feminine && matches!(body, Referent::Body(_) | Referent::BodyDescription(_))).then_some((body, subject))
}

/// A relative or demonstrative pronoun as the speaker („Hans Kluge, der am Montag
/// erklärte“, „Dieser bestätigte“): the relative stands for the noun phrase before its
/// comma; the demonstrative for someone of the sentence before, named nobody here rather
/// than guessed.
fn pronoun_speaker<'d>(doc: &'d Document, ws: &[Word]) -> Option<(Referent, Vec<Word<'d>>)> {
    let [pronoun] = ws else { return None };
    if !super::speaker::is_pronoun_subject(&pronoun.lower()) {
        return None;
    }
    let sentence = doc.sentences.get(sentence_at(doc, pronoun.span.start)?)?;
    let all = words(doc, *sentence);
    let at = all.iter().position(|w| w.span == pronoun.span)?;
    if at == 0 && pronoun.is_capitalised() {
        return Some((Referent::Unnamed, all[..1].to_vec()));
    }
    let comma = at.checked_sub(1).filter(|&k| all[k].is(","))?;
    // The antecedent ends at the comma („Hans Kluge, der …“); after „… festgenommen, die …“
    // it is not read, and a pronoun standing for no one read is no speaker.
    let noun_at_comma = comma > 0 && (all[comma - 1].is_capitalised() || all[comma - 1].is(")"));
    match noun_phrase_before(&all[..comma]).filter(|_| noun_at_comma) {
        Some(antecedent) => Some((referent(antecedent), antecedent.to_vec())),
        None => Some((Referent::Nothing, vec![all[at]])),
    }
}

/// Whether the noun at word `k` has an indefinite article, perhaps with adjectives between
/// („einem gestern veröffentlichten Bericht“).
fn indefinite_before(ws: &[Word], k: usize) -> bool {
    let describing = |w: &&Word| w.is_lowercase() && !is_determiner(w) && !w.is_punct();
    ws[..k].iter().rev().skip_while(describing).next().is_some_and(super::referent::is_indefinite_article)
}

fn is_determiner(w: &Word) -> bool {
    is_in(&DETERMINERS, &w.lower())
}

/// A word a noun phrase may hold before its noun: a determiner, a name, an inflected
/// adjective, a bracket („Kurt Beck (SPD)“).
fn in_noun_phrase(w: &Word) -> bool {
    w.is_capitalised() || is_determiner(w) || w.is("(") || w.is(")") || is_inflected_adjective(w)
}

fn is_preposition(w: &Word) -> bool {
    crate::detect::lexicon::is_preposition(&w.lower())
}

/// The subject before a verb and adverbs („Tesla Motors will“, „UNMISS-Truppen konnten
/// jedoch“), skipping noun phrases that follow a preposition.
fn noun_phrase_before<'a, 'd>(mut ws: &'a [Word<'d>]) -> Option<&'a [Word<'d>]> {
    loop {
        let verbs = ws.iter().rev().take_while(|w| w.is_lowercase() && !is_determiner(w) && !w.is("(")).count();
        ws = &ws[..ws.len() - verbs];
        let phrase = ws.len() - ws.iter().rev().take_while(|w| in_noun_phrase(w)).count();
        let preposition = phrase.checked_sub(1).filter(|&k| is_preposition(&ws[k]));
        match preposition {
            Some(k) if k > 0 => ws = &ws[..k],
            _ => return (phrase < ws.len()).then(|| &ws[phrase..]),
        }
    }
}

/// The subject after the verb, where the source opens the clause („Nach eigenen Angaben
/// will er“, „… erhielt das Bundesamt“).
fn noun_phrase_after_verb<'a, 'd>(ws: &'a [Word<'d>], is_cue: impl Fn(&Word) -> bool) -> Option<&'a [Word<'d>]> {
    let verb = ws.iter().position(|w| !is_cue(w))?;
    let rest = ws.get(verb + 1..)?;
    if rest.first().is_some_and(|w| matches!(w.lower().as_str(), "er" | "sie")) {
        return Some(&rest[..1]);
    }
    let determiners = rest.iter().take_while(|w| is_determiner(w) || is_inflected_adjective(w)).count();
    let capitalised = |ws: &[Word]| ws.iter().take_while(|w| w.is_capitalised()).count();
    let mut end = determiners + capitalised(&rest[determiners..]);
    // A body's „für“ phrase is part of its name („das Bundesamt für Strahlenschutz“).
    let fuer_phrase = capitalised(rest.get(end + 1..).unwrap_or_default());
    if end > determiners && rest[end..].first().is_some_and(|w| w.is("für")) && fuer_phrase > 0 {
        end += 1 + fuer_phrase;
    }
    (end > determiners).then(|| &rest[..end])
}

/// „von Obama“ → „Barack Obama“: a phrase cut before its name („Kritik von Obama“). A
/// leading particle goes where the rest is a name the article gives in full without it;
/// „von Seiten“, „zu Unrecht“ name nobody; „von der Leyen“ alone stays.
fn without_leading_particle(name: String, forms: &mut NameForms) -> Option<String> {
    let Some((first, rest)) = name.split_once(' ') else { return Some(name) };
    if !matches!(first, "von" | "vom" | "zu") || rest.starts_with(char::is_lowercase) {
        return Some(name);
    }
    if forms.is_common_noun(rest) {
        return None;
    }
    let full = forms.fullest(rest);
    Some(if full != rest && !full.contains(&name) { full } else { name })
}

/// „er“ and „sie“: the person of that gender mentioned last (a named speaker, an
/// introduction, a given name and surname), then for „sie“ the last body quoted.
fn resolve_pronoun(ws: &[Word], at: usize, forms: &mut NameForms, introduced: &Introductions, context: &Context) -> (Option<String>, Option<SpeakerKind>) {
    let male = ws.iter().any(|w| matches!(w.lower().as_str(), "er" | "ihm" | "ihn" | "sein" | "seine" | "seiner" | "seinen" | "seinem" | "seines"));
    let gender = if male { Gender::Male } else { Gender::Female };
    resolve_anaphor(gender, at, forms, introduced, context)
}

/// Who an anaphor of `gender` at `at` stands for: the person of that gender mentioned last,
/// unless an unnamed person (or the body they speak for) came after; for a female one
/// without such a person, the last body quoted.
fn resolve_anaphor(gender: Gender, at: usize, forms: &mut NameForms, introduced: &Introductions, context: &Context) -> (Option<String>, Option<SpeakerKind>) {
    let male = gender == Gender::Male;
    // („Köhler … Merkel … er“: the last speaker of the pronoun's gender, not the last one.)
    let last_quoted = context.people_quoted.iter().rev().find(|(_, name)| Gender::of(name).fits(gender)).cloned();
    let candidates = [last_quoted, introduced.latest_of_gender(at, gender), forms.person_mentioned_before(at, gender), forms.role_subject_before(at, gender, introduced)];
    let latest = candidates.into_iter().flatten().filter(|(_, name)| Gender::of(name).fits(gender)).max_by_key(|(position, _)| *position);
    let latest = latest.map(|last| forms.subject_over(last, gender, context.people_quoted.last().cloned()));
    let since = latest.as_ref().map_or(0, |(position, _)| *position);
    if let Some(unnamed) = unnamed_person_before(forms, since, at, gender) {
        return match referent(&unnamed) {
            // „Armee“ of „Armeesprecherin“: the fuller name the article gave the body.
            Referent::Body(wording) | Referent::BodyDescription(wording) => (Some(forms.named_body(&wording, at)), Some(SpeakerKind::Organisation)),
            _ => person(None),
        };
    }
    match (latest, &context.last_body) {
        (Some((_, name)), _) => (Some(name), Some(SpeakerKind::Person)),
        (None, Some(body)) if !male => (Some(body.clone()), Some(SpeakerKind::Organisation)),
        (None, _) => person(forms.person_before(at, gender)),
    }
}

/// „der Norweger“, „die 56-Jährige“, „der 23-jährige Sportler“: a nationality or an age
/// that the article never introduced as a role is its way of naming again the person it is
/// writing about (German news avoids repeating a name); as a pronoun, of the gender the noun
/// or article gives.
fn epithet_gender(ws: &[Word], head: &str) -> Option<Gender> {
    let lower = head.to_lowercase();
    let aged = |w: &str| w.ends_with("jährige") || w.ends_with("jähriger");
    let age = aged(&lower) || ws.first().is_some_and(|w| matches!(w.lower().as_str(), "der" | "die")) && ws.iter().any(|w| aged(w.text));
    if !(age || is_in(&NATIONALITIES, head) || is_in(&NATIONALITIES, head.strip_suffix("in").unwrap_or(head))) {
        return None;
    }
    let female = if age { ws.first().is_some_and(|w| w.lower() == "die") } else { head.ends_with("in") };
    Some(if female { Gender::Female } else { Gender::Male })
}

/// The phrase of the last person introduced without a name (an indefinite article) between
/// `since` and `at` whose role noun has the pronoun's gender („von einer Armeesprecherin“ …
/// „Sie sagte“; „Ein Polizeisprecher“ … „Er fügte hinzu“), within a few sentences: the
/// pronoun stands for that person, who may speak for a body, not for someone named before.
/// („die Autorin“ with a definite article is someone the article has named; „der
/// behandelnde Arzt Lahms“, „die Anwältin Samanis“, the role of a person it names, is not.)
fn unnamed_person_before<'w>(forms: &NameForms<'w>, since: usize, at: usize, gender: Gender) -> Option<Vec<Word<'w>>> {
    let ws = &forms.words;
    let before = ws.partition_point(|w| w.span.start < at);
    let adjectives = |k: usize| ws[..k].iter().rev().take(2).take_while(|w| w.is_lowercase() && ["e", "en", "er", "es"].iter().any(|e| w.text.ends_with(e)) && !is_in(&DETERMINERS, &w.lower())).count();
    let article = |k: usize, articles: &[&str]| (k - adjectives(k)).checked_sub(1).filter(|&i| articles.contains(&ws[i].lower().as_str()));
    let indefinite = |k: usize| article(k, &["ein", "eine", "einer", "einem", "einen"]);
    let owner = |k: usize| ws.get(k + 1).filter(|n| n.is_capitalised() && !ws.get(k + 2).is_some_and(Word::is_capitalised)).and_then(|n| n.text.strip_suffix('s')).is_some_and(|name| forms.writes(name));
    let of_someone = |k: usize| owner(k).then(|| article(k, &["der", "die"])).flatten();
    // The someone whose role it is may be the latest person mentioned, right after the role.
    let k = (before.saturating_sub(UNNAMED_REACH)..before).rev().take_while(|&k| ws[(k + 1).min(before - 1)].span.start >= since).find(|&k| {
        let w = &ws[k];
        let female = w.text.ends_with("in");
        let named = ws.get(k + 1).is_some_and(|n| n.is_capitalised() || n.is(","));
        let role = w.is_capitalised() && is_person_noun(w.text) && female == (gender == Gender::Female);
        role && (!named && indefinite(k).is_some() && w.span.start > since || of_someone(k).is_some())
    })?;
    if let Some(start) = of_someone(k) {
        return Some(ws[start..=k].to_vec());
    }
    let start = indefinite(k)?;
    let genitive = ws[k + 1..].iter().take(4).take_while(|w| !w.is_punct() && (w.is_capitalised() || matches!(w.text, "der" | "des"))).count();
    Some(ws[start..k + 1 + genitive].to_vec())
}

/// Words a pronoun's unnamed antecedent may lie back: about two sentences.
const UNNAMED_REACH: usize = 40;

/// A person's name and kind, or an unnamed person.
fn person(name: Option<String>) -> (Option<String>, Option<SpeakerKind>) {
    let kind = if name.is_some() { SpeakerKind::Person } else { SpeakerKind::Unnamed };
    (name, Some(kind))
}

/// A body's name and kind. „die Firma“, „der Fernsehsender“, „die Organisation“ alone say
/// what kind of body spoke, not which: no name, rather than one a desk could not publish.
/// („Max-Planck-Gesellschaft“, „Bild-Zeitung“, „Linkspartei“ and a name in quotation marks,
/// „der „Netzeitung““, are names; so is a kind the article gives an acronym:
/// „Weltgesundheitsorganisation (WHO)“.)
fn body(name: String, ws: &[Word], forms: &NameForms) -> (Option<String>, Option<SpeakerKind>) {
    let name = with_legal_form_stop(without_describing_adjectives(name));
    let named_party = is_named_party(&name);
    let quoted = ws.iter().any(Word::is_double_mark);
    // „die Organisation in Bonn“: a kind of body in a place is still no name, nor one with
    // adjectives („den lokalen Rundfunksender“), unless they say which country's it is („die
    // staatliche libanesische Nachrichtenagentur“ is one).
    let kind = name.split_once(" in ").map_or(name.as_str(), |(kind, _)| kind);
    let adjectives: Vec<&str> = kind.split(' ').take_while(|w| w.starts_with(char::is_lowercase)).collect();
    let national = adjectives.iter().any(|a| super::referent::country_of_adjective(a).is_some());
    let kind = kind.split(' ').skip(if national { 0 } else { adjectives.len() }).collect::<Vec<_>>().join(" ");
    // („Polizeibehörden in Mombasa“: plural authorities in a place are that place's.)
    let placed_authorities = kind.len() < name.len() && kind.ends_with("behörden");
    let bare_kind = !kind.contains([' ', '-']) && !named_party && !quoted && !placed_authorities && super::referent::is_category_noun(&kind) && !forms.has_acronym(&kind);
    (Some(name).filter(|_| !bare_kind), Some(SpeakerKind::Organisation))
}

/// „Whatsapp Inc“ of „… des Unternehmens Whatsapp Inc.“ at a sentence's end, whose full stop
/// the phrase left out: the legal form keeps its own.
fn with_legal_form_stop(name: String) -> String {
    let abbreviated = LEGAL_FORMS.iter().filter_map(|form| form.strip_suffix('.')).any(|form| name.ends_with(&format!(" {form}")));
    if abbreviated { format!("{name}.") } else { name }
}

/// „Medienberichten zufolge“, „nach Agenturmeldungen“, „Augenzeugenberichten“, „erste
/// Ermittlungen“: reports of media, witnesses or investigators the article does not name.
/// Their writers are the source, and nobody can publish them by name; as a name,
/// „Medienberichte“ would also merge the press of every article under one id. One report
/// („dem Bericht“) and reports with an owner („Berichte der Times“) are documents.
fn is_unowned_report(document: &str) -> bool {
    let lower = document.to_lowercase();
    !lower.contains(' ') && ["berichte", "meldungen", "aussagen", "ermittlungen"].iter().any(|plural| lower.ends_with(plural))
}

/// „Ataka-Partei“, „Linkspartei“: a party with its name in the word („Partei“ alone is a kind).
fn is_named_party(name: &str) -> bool {
    name.to_lowercase().strip_suffix("partei").is_some_and(|prefix| !prefix.is_empty())
}

/// „die rechtsextreme NPD“, „die nationalistische Ataka-Partei“, „der staatliche National
/// Health Service“: adjectives before an acronym or a body's own name describe the body, and
/// would make it another id than the plain name; before a kind of body („spanische
/// Regierung“) they say which one and stay.
fn without_describing_adjectives(name: String) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    // „US-amerikanische Musikzeitschrift Billboard“, „Nachrichtenagentur AP“: the kind of
    // body before a name describes it too.
    let kind = words.iter().rposition(|w| super::referent::is_category_noun(w)).filter(|&k| k + 1 < words.len());
    // (Not „Demokratische Partei Thailands“: a country's genitive says whose.)
    let country_genitive = |w: &str| w.strip_suffix('s').is_some_and(super::referent::is_state);
    if let Some(k) = kind.filter(|&k| words[k + 1..].iter().all(|w| w.starts_with(char::is_uppercase)) && !country_genitive(words[k + 1])) {
        return words[k + 1..].join(" ");
    }
    // „die ermittelnde Polizei“, „die zuständige Staatsanwaltschaft“: which one is at work
    // on the case, not a name.
    let at_work = |w: &&&str| w.starts_with(char::is_lowercase) && (inflects(w, &["zuständig"]) || ["nde", "nden", "nder", "ndes"].iter().any(|e| w.ends_with(e)));
    let at_work = words.iter().take_while(at_work).count();
    if at_work > 0 && at_work < words.len() {
        return without_describing_adjectives(words[at_work..].join(" "));
    }
    let adjectives = words.iter().take_while(|w| w.starts_with(char::is_lowercase)).count();
    match words[adjectives..] {
        [head] if adjectives > 0 && (super::referent::looks_like_body_name(head) || is_named_party(head)) => head.to_string(),
        // „der staatliche National Health Service“: a name of capitalised words, no German kind of body.
        ref proper @ [_, _, ..] if adjectives > 0 && proper.iter().all(|w| w.starts_with(char::is_uppercase)) && !proper.iter().any(|w| super::referent::is_body_noun(w)) => proper.join(" "),
        _ => name,
    }
}

/// „Fernsehbericht des arabischen Senders Al-Dschasira“ → „… des Senders Al-Dschasira“:
/// adjectives before a kind of body and its name describe it; before a kind of body alone
/// they say which one („Bericht des britischen Außenministeriums“) and stay.
fn without_describing_owner_adjectives(document: String) -> String {
    let Some((noun, link, owner)) = owner_link(&document) else { return document };
    let words: Vec<&str> = owner.split(' ').collect();
    let adjectives = words.iter().take_while(|w| w.starts_with(char::is_lowercase)).count();
    // Only a kind of body and its name („Senders Al-Dschasira“): „der bulgarischen Presse“,
    // „des ständigen Sekretärs“ are common nouns the adjective belongs to.
    // („der türkischen Behörde für …“: a kind with its field is no name.)
    let kind_and_name = matches!(words[adjectives..], [kind, name, ..] if super::referent::is_category_noun(kind) && name.starts_with(char::is_uppercase));
    if adjectives == 0 || !kind_and_name {
        return document;
    }
    format!("{noun}{link}{}", words[adjectives..].join(" "))
}

/// „Bericht des Standards“ → („Bericht“, „ des “, „Standards“): a document's noun, the
/// first link to an owner, and the owner.
pub fn owner_link(document: &str) -> Option<(&str, &str, &str)> {
    let links = [" des ", " der ", " von ", " vom "];
    let (at, link) = links.iter().filter_map(|link| document.find(link).map(|at| (at, *link))).min()?;
    Some((&document[..at], link, &document[at + link.len()..]))
}

/// „ihrer Presseerklärung“ → „Presseerklärung von Swantje Hartmann“: a document without an
/// owner, led by a possessive, is the document of the person or body the possessive stands
/// for, as a pronoun of its gender would be resolved.
fn with_possessive_owner(document: String, ws: &[Word], at: usize, forms: &mut NameForms, introduced: &Introductions, context: &Context) -> String {
    if document.contains(' ') {
        return document;
    }
    let first = ws.iter().find(|w| !matches!(w.lower().as_str(), "in" | "im" | "laut" | "nach" | "zufolge"));
    let Some(possessive) = first.filter(|w| is_determiner(w) && super::referent::is_possessive(w)) else { return document };
    match resolve_pronoun(std::slice::from_ref(possessive), at, forms, introduced, context) {
        (Some(owner), Some(SpeakerKind::Person | SpeakerKind::Organisation)) => format!("{document} von {owner}"),
        _ => document,
    }
}

/// The name and kind a referent resolves to in this article.
fn resolve(found: Referent, ws: &[Word], at: usize, forms: &mut NameForms, introduced: &mut Introductions, context: &Context) -> (Option<String>, Option<SpeakerKind>) {
    match found {
        // („die Enac“ of „der Luftfahrtbehörde Enac“ is a body's name all the same.)
        Referent::Person(n) if forms.is_common_noun(&n) && !forms.introduced_as_body(&n) => (None, Some(SpeakerKind::Unnamed)),
        Referent::Person(n) if forms.is_role_of_genitive_before(&n) => (None, Some(SpeakerKind::Unnamed)),
        Referent::Person(n) => {
            if let Some(role) = forms.role_of_genitive(ws, &n) {
                return resolve(Referent::Role(role), ws, at, forms, introduced, context);
            }
            let full = forms.fullest(&n);
            // „Greenpeace“ → „Greenpeace Österreich“: a country ends no person's name.
            if full != n && full.rsplit(' ').next().is_some_and(|last| is_in(&COUNTRIES, last)) {
                return (Some(full), Some(SpeakerKind::Organisation));
            }
            // „laut Spiegel“: a medium's name alone, where the article names no person so.
            if let Some(medium) = super::referent::titled_name(&full) {
                return (Some(medium.to_string()), Some(SpeakerKind::Organisation));
            }
            if forms.introduced_as_body(&full) {
                return (Some(full), Some(SpeakerKind::Organisation));
            }
            for role in ws.iter().filter(|w| is_person_noun(w.text)) {
                introduced.add(role.span.start, role.text.to_lowercase(), full.clone());
            }
            (Some(full), Some(SpeakerKind::Person))
        }
        Referent::Body(n) => match forms.without_person_after(&n) {
            Some(kind) => resolve(Referent::BodyDescription(kind), ws, at, forms, introduced, context),
            None => body(forms.expand_acronym(&n), ws, forms),
        },
        Referent::BodyDescription(wording) => {
            let cut_before_name = ws.last().filter(|w| w.text == wording && super::referent::is_category_noun(w.text)).and_then(|w| forms.name_after(w.span.end));
            match body(cut_before_name.unwrap_or_else(|| forms.named_body(&wording, at)), ws, forms) {
                (None, kind) => (body_subject_before(ws, &wording, forms), kind),
                named => named,
            }
        }
        Referent::Document(n) => match without_describing_owner_adjectives(forms.named_document(&n, ws.last().map_or(at, |w| w.span.start))) {
            report if is_unowned_report(&report) => (None, Some(SpeakerKind::Unnamed)),
            document => (Some(with_possessive_owner(document, ws, at, forms, introduced, context)), Some(SpeakerKind::Document)),
        },
        Referent::Pronoun => resolve_pronoun(ws, at, forms, introduced, context),
        // Only with evidence in the article: a person it introduced with the same role, or
        // with a role of the same body („der Nato-Chef“ ← „Nato-Generalsekretär X“).
        // „der venezolanische Staatschef“ ← „des venezolanischen Präsidenten Hugo Chávez“.
        Referent::Role(head) => {
            let origin = ws.iter().find_map(origin_adjective);
            let epithet = epithet_gender(ws, &head);
            let head = head.to_lowercase();
            let body = head.split_once('-').map(|(body, _)| body.to_string()).filter(|b| b.len() > 1);
            let of_body = |role: &str| body.as_ref().is_some_and(|b| role.starts_with(&format!("{b}-")));
            // Up to the phrase's end: „X, der … Minister“ introduces X with the phrase itself.
            let end = ws.last().map_or(at, |w| w.span.end);
            let same_role = introduced.latest_of_role(end, &role_stem(&head), origin.as_deref());
            let same_body = || introduced.latest(at, of_body, |_| true).map(|(_, name)| name).filter(|_| origin.is_none());
            let found = same_role.or_else(same_body).or_else(|| introduced.only_one_later(at, &head).filter(|_| origin.is_none()));
            if found.is_some() {
                return person(found);
            }
            if let Some(resolved) = forms.body_of_earlier_spokesperson(&head, at) {
                return resolved;
            }
            // „der 39-Jährige“: the person the article gives that age, else someone unnamed.
            if let Some(age) = head.split_once('-').filter(|(_, noun)| noun.starts_with("jährig")).map(|(age, _)| age.to_string()) {
                // („laut der 48-Jährigen“: an oblique case says no gender.)
                let gender = match (ws.first().map(Word::lower).as_deref(), head.ends_with('e')) {
                    (Some("die"), _) => Gender::Female,
                    (Some("der"), true) => Gender::Male,
                    _ => Gender::Either,
                };
                return person(forms.person_aged(&age, gender));
            }
            match epithet.map(|gender| resolve_anaphor(gender, at, forms, introduced, context)) {
                Some(named @ (Some(_), Some(SpeakerKind::Person))) => named,
                // „Die Richter des Bundesverwaltungsgerichts“, never named: their body speaks.
                _ => match super::referent::body_of_members(ws) {
                    Some(Referent::Body(name) | Referent::BodyDescription(name)) => self::body(forms.named_body(&name, at), ws, forms),
                    _ => person(None),
                },
            }
        }
        Referent::Previous => context.previous.clone(),
        Referent::Unnamed => match ws {
            // „Die Enac“ after „der Luftfahrtbehörde Enac“.
            [article, name] if is_determiner(article) && forms.introduced_as_body(name.text) => (Some(name.text.to_string()), Some(SpeakerKind::Organisation)),
            // „die in New York City geborene Lopez“: a description ending on a surname of a
            // person the article named in full.
            // (Not „Eine Agentur von Al Gore“, „Die Regierung unter Mugabe“: the head is another.)
            [.., described, last] if is_inflected_adjective(described) && last.is_capitalised() => match forms.person_with_surname(last.text) {
                Some(named) => person(Some(named)),
                None => (None, Some(SpeakerKind::Unnamed)),
            },
            _ => (None, Some(SpeakerKind::Unnamed)),
        },
        Referent::Nothing => (None, Some(SpeakerKind::Unnamed)),
        // No clause subject found: whose the statement is, the phrase does not say.
        Referent::Reflexive => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_with_titles(phrase: &str) -> Referent {
        let doc = Document::new("t.txt", phrase);
        referent(&quoted_names_as_words(&doc, words(&doc, Span::new(0, doc.char_len()))))
    }

    #[test]
    fn a_quoted_title_with_lowercase_words_is_one_name_and_a_body() {
        assert_eq!(read_with_titles("die „Aktion Kinder helfen“"), Referent::Body("Aktion Kinder helfen".into()));
        assert_eq!(read_with_titles("Lena Berger von der „Aktion Kinder helfen“"), Referent::Person("Lena Berger".into()));
        assert_eq!(read_with_titles("der Wochenzeitung „Le Canard enchaîné“"), Referent::Body("Le Canard enchaîné".into()));
        // One written word the tokenizer splits at its punctuation.
        assert_eq!(read_with_titles("des Internetdienstes „Web!Kurier“"), Referent::Body("Web!Kurier".into()));
        let long = "die in dem Bündnis „Alliance of Farmers for a Free Market“";
        assert_eq!(read_with_titles(long), Referent::Body("Alliance of Farmers for a Free Market".into()), "a long title, without the kind of body");
    }

    #[test]
    fn a_kind_of_body_in_a_place_is_no_name_and_a_body_in_a_place_is_one() {
        let doc = Document::new("t.txt", "Die Weltgesundheitsorganisation (WHO) warnt.");
        let forms = NameForms::new(&doc);
        let named = (Some("Weltgesundheitsorganisation".into()), Some(SpeakerKind::Organisation));
        assert_eq!(body("Weltgesundheitsorganisation".into(), &[], &forms), named, "a kind with an acronym is a name");
        assert_eq!(body("Organisation in Bonn".into(), &[], &forms), (None, Some(SpeakerKind::Organisation)));
        assert_eq!(body("lokalen Rundfunksender".into(), &[], &forms), (None, Some(SpeakerKind::Organisation)));
        assert_eq!(body("Polizei in Jena".into(), &[], &forms), (Some("Polizei in Jena".into()), Some(SpeakerKind::Organisation)));
    }

    /// A word after an inflected adjective is a common noun, not a surname; after a verb in
    /// the past it may be one („sagte Brandt“).
    #[test]
    fn a_noun_after_an_adjective_is_no_name() {
        let doc = Document::new("t.txt", "Er verbreitete rechtsextreme Propaganda. Das schleswig-holsteinische Kraftwerk Brunsbek steht still. Dort arbeiten 300 Menschen aus Brunsbek, sagte Brandt.");
        let forms = NameForms::new(&doc);
        assert!(forms.is_common_noun("Propaganda"));
        assert!(forms.is_common_noun("Kraftwerk"));
        assert!(!forms.is_common_noun("Brandt"));
        assert!(!forms.people.values().any(|name| name == "Kraftwerk Brunsbek"), "{:?}", forms.people);
        let mut forms = forms;
        assert_eq!(forms.person_before(doc.text.len(), Gender::Either), None);
    }

    #[test]
    fn a_bare_document_is_the_one_named_with_its_owner() {
        let text = "In einem Gutachten des Landesamtes für Umwelt heißt es, das Wasser sei sauber. Das Gutachten empfiehlt weitere Proben.";
        let doc = Document::new("t.txt", text);
        let forms = NameForms::new(&doc);
        let second = text.rfind("Gutachten").map(|b| text[..b].chars().count()).unwrap();
        assert_eq!(forms.named_document("Gutachten", second), "Gutachten des Landesamtes für Umwelt");
        assert_eq!(forms.named_document("Gutachten", 0), "Gutachten");
    }

    #[test]
    fn a_bare_document_is_the_definite_one_with_an_owner_not_another_report_introduced_later() {
        let text = "In einem Bericht fordert Kofi Annan ein Ende der Gewalt. Der Bericht nennt Zahlen. Das belegt der Bericht des UN-Generalsekretärs. Laut einem Bericht des UNHCHR sind viele Opfer Kinder. Der Bericht endet mit einer Hoffnung.";
        let doc = Document::new("t.txt", text);
        let forms = NameForms::new(&doc);
        let at = |nth: usize| text.match_indices("Bericht").nth(nth).map(|(b, _)| text[..b].chars().count()).unwrap();
        assert_eq!(forms.named_document("Bericht", at(1)), "Bericht des UN-Generalsekretärs");
        assert_eq!(forms.named_document("Bericht", at(3)), "Bericht des UNHCHR");
        assert_eq!(forms.named_document("Bericht", at(4)), "Bericht des UN-Generalsekretärs");
    }

    #[test]
    fn a_body_named_in_lowercase_with_its_acronym_is_named_by_its_kind_later() {
        let text = "Laut der Hilfsorganisation ärzte weltweit (äw) fehlt Wasser. Die Hilfsorganisation fordert, dass mehr Brunnen gebaut werden.";
        let doc = Document::new("t.txt", text);
        let forms = NameForms::new(&doc);
        let at = text.rfind("Die Hilfsorganisation").map(|b| text[..b].chars().count()).unwrap();
        assert_eq!(forms.named_body("Hilfsorganisation", at), "ärzte weltweit");
    }

    #[test]
    fn a_surname_grows_over_an_unlisted_given_name_after_a_role_or_at_a_sentence_start() {
        let text = "Soldaten haben den Präsidenten Tandja Mamadou festgesetzt. Mamadou hatte gesagt, er bleibe.\n\nRop Gonggrijp, ein niederländischer Programmierer, will klagen. Gonggrijp sagte, das sei ein Skandal. Auch Merkel, eine Physikerin, sprach.";
        let doc = Document::new("t.txt", text);
        let mut forms = NameForms::new(&doc);
        assert_eq!(forms.fullest("Mamadou"), "Tandja Mamadou");
        assert_eq!(forms.fullest("Gonggrijp"), "Rop Gonggrijp");
        assert_eq!(forms.fullest("Merkel"), "Merkel");
    }

    #[test]
    fn a_compound_after_the_bare_noun_classifies_the_document_and_does_not_name_it() {
        let text = "Der Bericht ist der dritte Jahresbericht dieser Art. Im Bericht heißt es, die Lage sei ernst.";
        let doc = Document::new("t.txt", text);
        let forms = NameForms::new(&doc);
        let last = text.rfind("Bericht").map(|b| text[..b].chars().count()).unwrap();
        assert_eq!(forms.named_document("Bericht", last), "Bericht");
        let named_first = Document::new("t.txt", "Der Jahresbericht 2005 liegt vor. Im Bericht heißt es, die Lage sei ernst.");
        let at = named_first.text.rfind("Bericht").map(|b| named_first.text[..b].chars().count()).unwrap();
        assert_eq!(NameForms::new(&named_first).named_document("Bericht", at), "Jahresbericht 2005");
    }

    /// „Davon geht X, der für das Kosovo zuständige serbische Minister, aus“ with the model's
    /// speaker span on the description alone.
    #[test]
    fn a_description_set_off_after_a_name_as_the_speaker_names_that_person() {
        let text = "Mit einer Einigung rechnet Dragan Jovic, der für die Energie zuständige serbische Minister, noch in dieser Woche.";
        assert_eq!(name_of_speaker(text, Span::new(0, 24), ("der für", ", noch")).as_deref(), Some("Dragan Jovic"));
    }

    /// The name resolved for a quotation at `quote` whose speaker span runs from the text's
    /// `speaker.0` to its `speaker.1` (the model's span, which the rules might not find).
    fn name_of_speaker(text: &str, quote: Span, speaker: (&str, &str)) -> Option<String> {
        let doc = Document::new("t.txt", text);
        let chars = |s: &str| text[..text.find(s).unwrap()].chars().count();
        let mut q = Quotation::new(crate::document::QuoteType::Indirect, vec![quote]);
        q.speaker = vec![Span::new(chars(speaker.0), chars(speaker.1))];
        resolve_names(&doc, std::slice::from_mut(&mut q));
        q.speaker_name
    }

    /// The model's speaker span on a description that ends on a surname.
    #[test]
    fn a_description_ending_on_a_surname_names_the_person_of_that_surname() {
        let text = "Die Sängerin Carla Montes tritt am Sonntag auf. Die in Madrid geborene Montes sagte, sie werde allen zeigen, was sie könne.";
        let quote = Span::new(text[..text.find("sie werde").unwrap()].chars().count(), text.chars().count() - 1);
        assert_eq!(name_of_speaker(text, quote, ("Die in", " sagte")).as_deref(), Some("Carla Montes"));
    }

    #[test]
    fn adjectives_before_an_owner_with_a_name_describe_it() {
        assert_eq!(without_describing_owner_adjectives("Berichte der bulgarischen Presse".into()), "Berichte der bulgarischen Presse");
        assert_eq!(without_describing_owner_adjectives("Fernsehbericht des arabischen Senders Al-Dschasira".into()), "Fernsehbericht des Senders Al-Dschasira");
        assert_eq!(without_describing_owner_adjectives("Bericht des britischen Außenministeriums".into()), "Bericht des britischen Außenministeriums");
        assert_eq!(without_describing_owner_adjectives("Website des amerikanischen Fernsehsenders".into()), "Website des amerikanischen Fernsehsenders");
    }

    /// The speaker span the rules or the model give for „nach eigenen Angaben“ is the phrase;
    /// the name is that of its clause's subject.
    fn reflexive_speaker(text: &str) -> Option<String> {
        let mut doc = Document::new("t.txt", text);
        crate::segment::german::GermanSegmenter.split(&mut doc);
        let chars = |s: &str| text[..text.find(s).unwrap()].chars().count();
        let (start, end) = (chars("eigenen"), chars("eigenen") + "eigenen Angaben".chars().count());
        let mut q = Quotation::new(crate::document::QuoteType::Reported, vec![Span::new(0, 5)]);
        q.speaker = vec![Span::new(start, end)];
        resolve_names(&doc, std::slice::from_mut(&mut q));
        q.speaker_name
    }

    #[test]
    fn own_statements_name_the_subject_before_or_after_the_verb() {
        assert_eq!(reflexive_speaker("Die Feuerwehr hat nach eigenen Angaben zwölf Wanderer geborgen.").as_deref(), Some("Feuerwehr"));
        assert_eq!(reflexive_speaker("Nach eigenen Angaben erhielt das Bundesamt für Strahlenschutz 400 Meldungen.").as_deref(), Some("Bundesamt für Strahlenschutz"));
        assert_eq!(reflexive_speaker("Die Deutsche Bahn reagierte mit einer Mitteilung nach eigenen Angaben sofort.").as_deref(), Some("Deutsche Bahn"));
        assert_eq!(reflexive_speaker("Nach eigenen Angaben kamen 400 Meldungen.").as_deref(), None);
    }

    #[test]
    fn a_phrase_cut_before_the_name_of_its_kind_of_body_takes_the_name_that_follows() {
        let doc = Document::new("t.txt", "Nach Angaben der Zeitung Kyiv Post sind die Brücken gesperrt.");
        let forms = NameForms::new(&doc);
        assert_eq!(forms.name_after("Nach Angaben der Zeitung".chars().count()).as_deref(), Some("Kyiv Post"));
        assert_eq!(forms.name_after("Nach Angaben der Zeitung Kyiv Post".chars().count()), None, "a verb follows");
    }
}
