//! Words as the search compares them.
//!
//! A quotation changes its spelling in circulation more than its words: capitals, the
//! punctuation and quotation marks, umlauts typed as `ae`/`oe`/`ue` and `ß` as `ss`, and the
//! Konjunktiv of reported speech turned into the Indikativ („sei“ → „ist“). So a word's
//! [`term`] is lower-cased, umlaut-folded, mapped from Konjunktiv to Indikativ by the table
//! `konjunktiv.tsv` and stripped of one inflection ending, which also makes the regular
//! Konjunktiv „komme“ and the Indikativ „kommt“ one term. The [`spelling`] of a word (lower
//! case, folded, nothing else) is what the difference shown to the reader compares: there
//! „sei“ and „ist“ are different words, since the wording did change.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The Konjunktiv table, also written into the review site for its search.
pub const KONJUNKTIV_TSV: &str = include_str!("konjunktiv.tsv");

/// Inflection endings, longest first; one is stripped when a stem of [`MIN_STEM`]
/// characters remains.
pub const ENDINGS: [&str; 11] = ["ern", "em", "en", "er", "es", "et", "st", "e", "n", "s", "t"];
/// Shorter stems would merge unrelated short words („Rat“, „Rad“).
pub const MIN_STEM: usize = 3;

static KONJUNKTIV: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    (KONJUNKTIV_TSV.lines())
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split_once('\t'))
        .collect()
});

/// The words of a text as written: letters, digits and inner hyphens (as
/// [`cluster::normalise`](crate::cluster::normalise) splits them).
pub fn split(text: &str) -> impl Iterator<Item = &str> {
    (text.split(|c: char| !(c.is_alphanumeric() || c == '-')))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
}

/// Lower case with umlauts and ß folded.
pub fn spelling(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

/// A folded name without its genitive -s („kellers“ → „keller“), so that „nach Angaben
/// Kellers“ names Keller; words of three letters and those ending in ss keep theirs.
pub fn without_genitive(spelled: &str) -> &str {
    match spelled.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && stem.chars().count() >= 3 => stem,
        _ => spelled,
    }
}

/// The search term of a word (see the module documentation).
pub fn term(word: &str) -> String {
    let spelled = spelling(word);
    if let Some(indikativ) = KONJUNKTIV.get(spelled.as_str()) {
        return (*indikativ).to_owned();
    }
    stem(spelled)
}

fn stem(mut word: String) -> String {
    let length = word.chars().count();
    if let Some(ending) = ENDINGS.iter().find(|e| word.ends_with(*e) && length >= MIN_STEM + e.len()) {
        word.truncate(word.len() - ending.len());
    }
    word
}

/// The distinct terms of a text.
pub fn terms(text: &str) -> Vec<String> {
    let mut terms: Vec<String> = split(text).map(term).collect();
    terms.sort_unstable();
    terms.dedup();
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_circulation_are_one_term() {
        assert_eq!(term("Ärger"), term("aerger"));
        assert_eq!(term("Straße"), term("STRASSE"));
        assert_eq!(term("gefährlicher"), term("gefaehrlich"));
        assert_eq!(term("sei"), term("ist"));
        assert_eq!(term("habe"), term("hat"));
        assert_eq!(term("werde"), term("wird"));
        assert_eq!(term("komme"), term("kommt"));
        assert_ne!(term("stark"), term("stärker"));
        assert_eq!(term("Rat"), "rat");
    }

    #[test]
    fn punctuation_and_quotation_marks_are_not_words() {
        let words: Vec<&str> = split("„Die Welt – gefährlich!“, sagte er.").collect();
        assert_eq!(words, vec!["Die", "Welt", "gefährlich", "sagte", "er"]);
    }
}
