//! Where a stop (. ! ? … ;) ends a German sentence inside one block of running text.
//!
//! A stop ends a sentence only when whitespace follows it (after any closing quotation
//! marks and brackets, which belong to the ending sentence) and the next word does not
//! start in lowercase. A period must then also survive the abbreviation, ordinal and
//! initial tests. Every look-around is bounded by [`WORD_LIMIT`], so a block is scanned in
//! linear time however long it is.

use super::layout::{is_closer, is_opener, is_space};
use super::lexicon::{abbreviation, follows_ordinal, is_month, precedes_ordinal, starts_sentence, Abbreviation};

/// Longest word (in characters) looked at around a stop; longer ones are cut.
const WORD_LIMIT: usize = 40;

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ';' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Byte offsets inside `block` where a sentence ends (each just past its last stop or
/// closing mark). The end of the block is not included: it always ends a sentence.
pub fn sentence_ends(block: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut i = 0;
    while let Some(stop) = next_stop(block, i) {
        i = stop;
        let stops_end = skip_while(block, i, is_stop);
        let end = skip_while(block, stops_end, |c| is_stop(c) || is_closer(c));
        if ends_sentence(block, i, stops_end, end) {
            ends.push(end);
        }
        i = end;
    }
    ends
}

/// Byte offset of the first stop at or after `from`. Every stop is ASCII or starts with the
/// byte 0xE2, so a byte scan finds the candidates without decoding characters; 0xE2 is never
/// a continuation byte, so every offset it returns is a character boundary.
fn next_stop(block: &str, from: usize) -> Option<usize> {
    let bytes = block.as_bytes();
    let mut i = from;
    while let Some(k) = bytes[i..].iter().position(|&b| matches!(b, b'.' | b'!' | b'?' | b';' | 0xE2)) {
        i += k;
        if bytes[i] != 0xE2 || block[i..].starts_with(is_stop) {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn skip_while(text: &str, from: usize, keep: impl Fn(char) -> bool) -> usize {
    let rest = &text[from..];
    from + rest.len() - rest.trim_start_matches(keep).len()
}

/// Whether the stops `block[stop..stops_end]`, closed up to `end`, end a sentence.
fn ends_sentence(block: &str, stop: usize, stops_end: usize, end: usize) -> bool {
    let after = &block[end..];
    let rest = after.trim_start_matches(is_space);
    if rest.len() == after.len() && !(starts_capitalised_word(after) && plain_word_before(block, stop)) {
        return false; // "z.B.", "3.500", "Yahoo!-Chef", "!“, rief sie", but "verletzt.Die Polizei"
    }
    let Some(first) = rest.chars().next() else { return false };
    let stops = &block[stop..stops_end];
    if stops == ";" {
        return true; // the dataset ends sentences at semicolons
    }
    if first.is_lowercase() || matches!(first, ',' | ';' | ':') {
        return false; // „Wir kommen!“ rief sie; „Nein.“ und dann
    }
    if block[..stop].ends_with(['(', '[']) {
        return false; // "(?)", "(…)", "[...]"
    }
    let next = next_word(rest);
    if stops.contains(['!', '?', '‼', '⁇', '⁈', '⁉']) {
        true
    } else if stops.starts_with('…') || stops.starts_with("..") {
        // An ellipsis mostly marks an omission inside a sentence.
        clearly_new_sentence(next, first) && !block[stops_end..end].contains([')', ']'])
    } else {
        period_ends(block, stop, next, first)
    }
}

/// "Die …" right after a stop, where paragraphs were glued together without a space.
fn starts_capitalised_word(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
}

/// Whether the word before a stop is an ordinary word, not an initial, an address or a
/// dotted name.
fn plain_word_before(block: &str, stop: usize) -> bool {
    let (_, word) = word_before(block, stop);
    let core = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    core.chars().count() >= 2 && !core.contains(['.', '/', '@', ':'])
}

/// A capitalised closed-class word or an opening quotation mark: nothing an abbreviation
/// or ordinal could be followed by.
fn clearly_new_sentence(next: &str, first: char) -> bool {
    (is_opener(first) && first != '(') || starts_sentence(next)
}

/// Whether the period at `block[stop]` ends a sentence, given the word after it.
fn period_ends(block: &str, stop: usize, next: &str, first: char) -> bool {
    let (word_start, word) = word_before(block, stop);
    let core = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() || core.ends_with(is_closer) || is_address(core) {
        return true; // „Eagle“. (Ohio). www.example.de.
    }
    if core.chars().all(|c| c.is_ascii_digit()) || is_roman_numeral(core) {
        return ordinal_ends(block, word_start, core, next);
    }
    if core.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        // "12.10." is a day and month like an ordinal; "3.500." and "5,9." are amounts.
        let is_day_month = core.split('.').all(|p| (1..=2).contains(&p.len()) && !p.contains(','));
        return !is_day_month || clearly_new_sentence(next, first);
    }
    if core.contains('.') {
        // "z.B.", "d.h.", "U.S.A." as against "Linke.PDS."
        let short_parts = core.split('.').all(|p| (1..=3).contains(&p.chars().count()));
        return !short_parts || clearly_new_sentence(next, first);
    }
    if core.chars().count() == 1 {
        return false; // initials, "z. B.", "u. a."
    }
    let class = abbreviation(core).or_else(|| street(core).then_some(Abbreviation::BeforeNumber));
    match class {
        Some(Abbreviation::Leading) => false,
        Some(Abbreviation::BeforeNumber) => !first.is_ascii_digit(),
        Some(Abbreviation::MayEnd) => clearly_new_sentence(next, first),
        None => true,
    }
}

/// "XX" in „XX. Kategorie“, "XVI" in "Benedikt XVI." (two letters at least: "I." and "C."
/// are initials).
fn is_roman_numeral(word: &str) -> bool {
    word.len() >= 2 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// "Hauptstr." and the like: a street abbreviated in front of its house number.
fn street(word: &str) -> bool {
    word.len() > 3 && word.ends_with("str")
}

/// URLs and e-mail addresses end sentences like any word, even with dots inside.
fn is_address(word: &str) -> bool {
    word.contains("://") || word.contains('@') || word.starts_with("www.")
}

/// Whether the integer `number` before a period ends the sentence, or is an ordinal
/// ("am 5. Mai", "der 3. Platz", "1. FC Köln") or part of a list ("3., 4. und 5. Runde").
fn ordinal_ends(block: &str, number_start: usize, number: &str, next: &str) -> bool {
    if is_month(next) || follows_ordinal(next) {
        return false;
    }
    if starts_sentence(next) || number.len() > 3 {
        return true; // "den 60. Der Franzose", "im Jahr 1942. Jetzt"
    }
    let (_, before) = word_before(block, block[..number_start].trim_end_matches(is_space).len());
    let enumeration = before.is_empty() || before.ends_with(['.', '!', '?', ':', ',', '-', '–']);
    !(enumeration || precedes_ordinal(before))
}

/// The word ending at byte `at` (after whitespace, at most [`WORD_LIMIT`] characters):
/// its start and text.
fn word_before(block: &str, at: usize) -> (usize, &str) {
    let head = &block[..at];
    let start =
        head.char_indices().rev().take(WORD_LIMIT).take_while(|&(_, c)| !is_space(c)).last().map_or(at, |(i, _)| i);
    (start, &head[start..])
}

/// The first word of `rest` without surrounding punctuation ("Der" of "Der,", "Mai" of "Mai:").
fn next_word(rest: &str) -> &str {
    let mut end = 0;
    for c in rest.chars().take(WORD_LIMIT).take_while(|&c| !is_space(c)) {
        end += c.len_utf8();
    }
    rest[..end].trim_matches(|c: char| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(block: &str) -> Vec<&str> {
        let mut start = 0;
        let mut out = Vec::new();
        for end in sentence_ends(block).into_iter().chain([block.len()]) {
            out.push(block[start..end].trim());
            start = end;
        }
        out
    }

    #[test]
    fn closing_marks_stay_with_the_ending_sentence() {
        assert_eq!(split("Er sagte: „Nein.“ Dann ging er."), ["Er sagte: „Nein.“", "Dann ging er."]);
        assert_eq!(split("(Das war 2005.) Heute nicht."), ["(Das war 2005.)", "Heute nicht."]);
    }

    #[test]
    fn every_kind_of_stop_is_found_among_other_multibyte_characters() {
        assert_eq!(split("Was – wirklich‼ Das „Ende“⁉ Nun… Danach."), ["Was – wirklich‼", "Das „Ende“⁉", "Nun…", "Danach."]);
    }

    #[test]
    fn long_words_are_cut_not_scanned() {
        let block = format!("{}. Der Rest.", "x".repeat(10_000));
        assert_eq!(split(&block).len(), 2);
    }
}
