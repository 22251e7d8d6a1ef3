//! The word lists that decide whether a period ends a German sentence.
//!
//! Words are compared without their final period and case-sensitively: "Art." before a
//! number is the abbreviation of Artikel, "Art." elsewhere is the noun ending a sentence.
//! Lowercase abbreviations are also found capitalised, as at a sentence start ("Vgl. dazu").
//! The words are tables in `src/lexicon/` (abbreviations, months, ordinal nouns, sentence
//! starters, ordinal precursors), parsed once on first use.

use crate::lexicon::{self as tables, TableMap, WordSet};
use std::sync::LazyLock;

/// How an abbreviation behaves before a following capitalised word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abbreviation {
    /// Never ends a sentence: titles and words that always lead into more ("Dr.", "bzw.").
    Leading,
    /// An abbreviation only in front of a number ("Nr. 5", "Art. 3", "3. Aug. 2017");
    /// otherwise the word is a noun or name that can end the sentence.
    BeforeNumber,
    /// Often the last word of a sentence ("usw.", "v. Chr.", "5 Mio."): a break only where
    /// the next word plainly starts a new sentence.
    MayEnd,
}

/// The class of `word` (without its final period), if it is a known abbreviation.
pub fn abbreviation(word: &str) -> Option<Abbreviation> {
    exact_abbreviation(word).or_else(|| {
        let mut chars = word.chars();
        let first = chars.next()?;
        if !first.is_uppercase() {
            return None;
        }
        let lowered: String = first.to_lowercase().chain(chars).collect();
        exact_abbreviation(&lowered).filter(|_| lowered != word)
    })
}

fn exact_abbreviation(word: &str) -> Option<Abbreviation> {
    ABBREVIATIONS.get(word).copied()
}

impl Abbreviation {
    /// The class as written in the abbreviation table's `class` column.
    pub fn parse(s: &str) -> Option<Abbreviation> {
        match s {
            "leading" => Some(Abbreviation::Leading),
            "before-number" => Some(Abbreviation::BeforeNumber),
            "may-end" => Some(Abbreviation::MayEnd),
            _ => None,
        }
    }
}

static ABBREVIATIONS: LazyLock<TableMap<&'static str, Abbreviation>> = LazyLock::new(|| {
    let table = tables::ABBREVIATIONS;
    table
        .rows()
        .map(|(line, fields)| {
            let class = fields.get(1).and_then(|c| Abbreviation::parse(c));
            (fields[0], class.unwrap_or_else(|| panic!("{}: want a known class", table.at(line))))
        })
        .collect()
});

static MONTHS: WordSet = LazyLock::new(|| tables::MONTHS.set());
static ORDINAL_NOUNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| tables::ORDINAL_NOUNS.list());
static SENTENCE_STARTERS: WordSet = LazyLock::new(|| tables::SENTENCE_STARTERS.set());
static ORDINAL_PRECURSORS: WordSet = LazyLock::new(|| tables::ORDINAL_PRECURSORS.set());

/// Month names, written out or abbreviated ("am 5. Mai", "am 3. Aug. 2017").
pub fn is_month(word: &str) -> bool {
    MONTHS.contains(word)
}

/// Nouns that typically follow an ordinal ("im frühen 16. Jahrhundert", "des 1. Kanals",
/// "die 12. Jahrgangsstufe", "der 1. FC"); stems longer than four letters also match
/// inflected forms and compounds ("Jahrhunderts", "Stockwerk").
pub fn follows_ordinal(word: &str) -> bool {
    ORDINAL_NOUNS.iter().any(|stem| word == *stem || (stem.len() > 4 && word.starts_with(stem)))
}

/// Closed-class words that, capitalised, start a sentence: an article, pronoun, preposition
/// or adverb cannot follow an ordinal ("der 3. Platz") or a title ("Dr. Müller"), so after
/// "den 60. Der Franzose" or "usw. Die Regierung" a new sentence has begun.
pub fn starts_sentence(word: &str) -> bool {
    SENTENCE_STARTERS.contains(word)
}

/// Words after which a number with a period is an ordinal, not a sentence end: articles,
/// prepositions with article, possessives ("am 5.", "der 3.", "seit dem 19.", "zu seinem 60.").
pub fn precedes_ordinal(word: &str) -> bool {
    ORDINAL_PRECURSORS.contains(word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_decides_between_abbreviation_and_word() {
        assert_eq!(abbreviation("Dr"), Some(Abbreviation::Leading));
        assert_eq!(abbreviation("Vgl"), Some(Abbreviation::Leading));
        assert_eq!(abbreviation("Art"), Some(Abbreviation::BeforeNumber));
        assert_eq!(abbreviation("art"), None);
        assert_eq!(abbreviation("DR"), None);
        assert_eq!(abbreviation("Haus"), None);
    }
}
