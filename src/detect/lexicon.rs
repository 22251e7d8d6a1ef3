//! The German word lists the rules rely on: reporting verbs with all their inflected forms,
//! prepositional source markers (laut, zufolge, nach Angaben), Konjunktiv forms, and the
//! words that mark a quoted phrase as a title rather than speech.
//!
//! The words themselves are tables in `src/lexicon/` (see [`crate::lexicon`]); this module
//! parses them once into the maps and sets the rules look words up in.

use crate::document::Medium;
use crate::lexicon::{self as tables, TableMap, WordSet};
use std::sync::LazyLock;

pub use crate::lexicon::Words;

/// What a reporting verb governs, which decides the quotation type when no clause follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Governs {
    /// Only a clause or a direct quote (sagen, erklären).
    Clause,
    /// Also a noun phrase or infinitive: without a clause the sentence is reported speech
    /// (forderte …, kritisierte …, warnte vor …).
    ClauseOrObject,
    /// Decisions and requests (beschloss, empfahl, bat): speech only with a dass-clause, a
    /// Konjunktiv or a zu-infinitive, never reported speech on their own.
    MarkedClause,
}

impl Governs {
    /// The value as written in the verb table's `governs` column.
    pub fn parse(s: &str) -> Option<Governs> {
        match s {
            "clause" => Some(Governs::Clause),
            "clause-or-object" => Some(Governs::ClauseOrObject),
            "marked-clause" => Some(Governs::MarkedClause),
            _ => None,
        }
    }
}

/// One inflected form of a reporting verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbCue {
    pub medium: Medium,
    pub governs: Governs,
    /// The separated particle a finite form needs later in the clause ("teilte … mit").
    pub particle: Option<&'static str>,
    /// A participle or infinitive that needs an auxiliary ("hat gesagt").
    pub non_finite: bool,
}

/// Reporting verbs by word form (lowercase). A form shared by several verbs (gab … an,
/// gab … bekannt) maps to all of them, in table order; the clause's particle decides.
pub static VERB_CUES: LazyLock<TableMap<&'static str, Vec<VerbCue>>> = LazyLock::new(|| {
    let mut map: TableMap<&'static str, Vec<VerbCue>> = TableMap::default();
    for (line, fields) in tables::VERBS.rows() {
        let [finite, particle, non_finite, medium, governs] = fields[..] else {
            panic!("{}: want 5 fields", tables::VERBS.at(line))
        };
        let at = || tables::VERBS.at(line);
        let medium = Medium::parse(medium).unwrap_or_else(|| panic!("{}: unknown medium {medium}", at()));
        let governs = Governs::parse(governs).unwrap_or_else(|| panic!("{}: unknown governs {governs}", at()));
        let particle = (particle != "-").then_some(particle);
        for form in finite.split_whitespace() {
            map.entry(form).or_default().push(VerbCue { medium, governs, particle, non_finite: false });
        }
        for form in non_finite.split_whitespace().filter(|f| *f != "-") {
            map.entry(form).or_default().push(VerbCue { medium, governs, particle: None, non_finite: true });
        }
    }
    map
});

/// Auxiliaries that join a participle cue ("hatte gesagt", "wurde mitgeteilt").
pub static AUXILIARIES: WordSet = LazyLock::new(|| tables::AUXILIARIES.set());

/// Nouns that, after „nach“ or before „zufolge“, name a source ("nach Angaben der Polizei").
pub static SOURCE_NOUNS: WordSet = LazyLock::new(|| tables::SOURCE_NOUNS.set());

/// Endings that make a capitalised compound a source noun.
static SOURCE_NOUN_ENDINGS: LazyLock<Vec<&'static str>> = LazyLock::new(|| tables::SOURCE_NOUN_ENDINGS.list());

/// A source noun, also as the end of a compound („Unternehmensangaben“, „Medienberichten“).
pub fn is_source_noun(word: &str) -> bool {
    // „Darstellungen“, „Mitteilungen“: the plural of a listed noun.
    let plural_of_listed = word.strip_suffix("en").is_some_and(|singular| is_in(&SOURCE_NOUNS, singular));
    is_in(&SOURCE_NOUNS, word)
        || plural_of_listed
        || word.chars().next().is_some_and(char::is_uppercase)
            && SOURCE_NOUN_ENDINGS.iter().any(|s| word.to_lowercase().ends_with(s))
}

/// Source nouns that report thinking rather than saying (medium ST in the dataset).
pub static THOUGHT_SOURCE_NOUNS: WordSet = LazyLock::new(|| tables::THOUGHT_SOURCE_NOUNS.set());

/// Konjunktiv I (and Konjunktiv II used for reported speech) of frequent verbs: a sentence
/// with one of these, outside quotation marks, reports what someone said.
pub static SUBJUNCTIVES: WordSet =
    LazyLock::new(|| tables::SUBJUNCTIVES.set().into_iter().chain(KONJUNKTIV_II.iter().copied()).collect());

/// Konjunktiv II forms, also used for reported speech but marking conditionals too („wäre“,
/// „würde“): without a quotation before them they are not reported speech.
pub static KONJUNKTIV_II: WordSet = LazyLock::new(|| tables::KONJUNKTIV_II.set());

/// Separable verb prefixes, before the „zu“ of an infinitive („teil-zu-nehmen“).
pub static SEPARABLE_PREFIXES: LazyLock<Vec<&'static str>> = LazyLock::new(|| tables::SEPARABLE_PREFIXES.list());

/// Words before a quoted phrase that make it a name or title, not speech.
pub static TITLE_CONTEXT: WordSet = LazyLock::new(|| tables::TITLE_CONTEXT.set());

/// Everyday subordinating words that open the reported clause after a cue.
pub static CLAUSE_OPENERS: WordSet = LazyLock::new(|| tables::CLAUSE_OPENERS.set());

/// Function words that end a speaker noun phrase (prepositions, adverbs, conjunctions).
pub static PHRASE_BREAKERS: WordSet = LazyLock::new(|| tables::PHRASE_BREAKERS.set());

/// Countries, which do not continue a noun phrase that has its noun already („ruft
/// Generalsekretär Jens Stoltenberg Russland zu Gesprächen auf“: Russland is the object).
pub static COUNTRIES: WordSet = LazyLock::new(|| tables::COUNTRIES.set());

/// Given names (the first column of the given-name table): a capitalised word after one is a surname.
pub static GIVEN_NAMES: WordSet = LazyLock::new(|| tables::FIRST_NAMES.set());

/// Determiners and possessives that open a noun phrase.
pub static DETERMINERS: WordSet = LazyLock::new(|| tables::DETERMINERS.set());

/// Endings of nouns that name a person's role („Nato-Generalsekretär“, „der 65-Jährige“),
/// grouped by their last byte: a word is compared only with the endings it could have.
static ROLE_SUFFIXES: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut by_last_byte = vec![Vec::new(); 256];
    for suffix in tables::ROLE_SUFFIXES.list() {
        if let Some(&last) = suffix.as_bytes().last() {
            by_last_byte[last as usize].push(suffix);
        }
    }
    by_last_byte
});

pub fn is_role_noun(word: &str) -> bool {
    let ends_in_role = |w: &str| {
        w.as_bytes().last().is_some_and(|&last| ROLE_SUFFIXES[last as usize].iter().any(|s| w.ends_with(s)))
    };
    let lower = word.to_lowercase();
    // „Ministerinnen“ → „ministerin“.
    let feminine_plural = lower.ends_with("innen").then(|| &lower[..lower.len() - 3]);
    let stem = feminine_plural.or_else(|| ["s", "en", "n"].iter().find_map(|g| lower.strip_suffix(g))).unwrap_or(&lower);
    ends_in_role(&lower) || ends_in_role(stem)
}

/// Personal pronouns that can be a speaker.
pub static PRONOUNS: WordSet = LazyLock::new(|| tables::PRONOUNS.set());

/// Whether `word` is in `list`: a parsed table or a short list in code.
pub fn is_in<L: Words + ?Sized>(list: &L, word: &str) -> bool {
    list.has(word)
}

/// Prepositions: a person named after one („unter Robert Mugabe“, „mit Angela Merkel“) is
/// rarely who a following „er“ or „sie“ stands for.
pub const PREPOSITIONS: [&str; 24] = [
    "an", "auf", "aus", "bei", "durch", "für", "gegen", "gegenüber", "hinter", "in", "mit", "nach", "neben", "ohne", "seit",
    "über", "um", "unter", "von", "vor", "wegen", "zu", "zwischen", "trotz",
];

/// [`PREPOSITIONS`] and those fused with an article („im“, „zur“); `lower` in lowercase.
pub fn is_preposition(lower: &str) -> bool {
    PREPOSITIONS.contains(&lower) || ["vom", "im", "am", "beim", "zum", "zur", "während"].contains(&lower)
}
