//! What every stage needs to know about German text, in one place: the quotation marks
//! (which open, which close, which pair), and what counts as whitespace and as a line
//! break. The word tokeniser is [`crate::detect::words`]; the word lists are the lexicon.

/// One quotation mark and the uses German, Swiss and English typography give it.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    pub glyph: char,
    /// A double mark (speech, titles), not a single one (nested quotes, apostrophes).
    pub double: bool,
    pub opens: bool,
    pub closes: bool,
    /// The closing marks that end a passage this mark opens; empty for marks that never
    /// open a passage of their own (’ is mostly an apostrophe, ' too).
    pub pairs_with: &'static [char],
}

const fn mark(glyph: char, double: bool, opens: bool, closes: bool, pairs_with: &'static [char]) -> Mark {
    Mark { glyph, double, opens, closes, pairs_with }
}

/// „…“ and „…” (German, mixed), »…« (German), «…» (Swiss), “…” (English), "…", ‚…‘, ‹…›.
pub const MARKS: &[Mark] = &[
    mark('„', true, true, false, &['“', '”']),
    mark('“', true, true, true, &['”']),
    mark('”', true, false, true, &[]),
    mark('"', true, true, true, &['"']),
    mark('»', true, true, true, &['«']),
    mark('«', true, true, true, &['»']),
    mark('‚', false, true, false, &['‘', '’']),
    mark('‘', false, true, true, &[]),
    mark('’', false, false, true, &[]),
    mark('\'', false, true, true, &[]),
    mark('›', false, true, true, &['‹']),
    mark('‹', false, true, true, &['›']),
];

fn find(c: char) -> Option<&'static Mark> {
    MARKS.iter().find(|m| m.glyph == c)
}

pub fn is_mark(c: char) -> bool {
    find(c).is_some()
}

/// A double mark, either side („ “ ” " » «).
pub fn is_double_mark(c: char) -> bool {
    find(c).is_some_and(|m| m.double)
}

/// A double mark that can open a quotation („ “ " » «).
pub fn opens_double(c: char) -> bool {
    find(c).is_some_and(|m| m.double && m.opens)
}

/// A double mark that can close a quotation (“ ” " » «).
pub fn closes_double(c: char) -> bool {
    find(c).is_some_and(|m| m.double && m.closes)
}

/// Any mark that can open a quotation, single ones included.
pub fn opens(c: char) -> bool {
    find(c).is_some_and(|m| m.opens)
}

/// Any mark that can close a quotation, single ones included.
pub fn closes(c: char) -> bool {
    find(c).is_some_and(|m| m.closes)
}

/// The marks that close a passage opened by `open`, if it opens passages.
pub fn closers(open: char) -> Option<&'static [char]> {
    find(open).map(|m| m.pairs_with).filter(|p| !p.is_empty())
}

/// Whether a word (as the tokeniser gives it) is the mark `test` accepts.
pub fn word_is(word: &str, test: fn(char) -> bool) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(test) && chars.next().is_none()
}

/// Whitespace as a reader sees it: Unicode whitespace (NBSP, thin and narrow no-break
/// spaces included) plus the invisible characters that web text leaves between words.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Characters that end a line: \n, \r (alone or in \r\n), vertical tab, form feed, NEL and
/// the Unicode line and paragraph separators.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_is_listed_once_and_pairs_only_with_closers() {
        for (k, m) in MARKS.iter().enumerate() {
            assert!(!MARKS[..k].iter().any(|o| o.glyph == m.glyph), "{} twice", m.glyph);
            assert!(m.pairs_with.is_empty() || m.opens, "{} pairs but never opens", m.glyph);
            assert!(m.pairs_with.iter().all(|&c| closes(c)), "{} pairs with a non-closer", m.glyph);
        }
        assert_eq!(closers('„'), Some(&['“', '”'][..]));
        assert_eq!(closers('’'), None);
        assert!(word_is("„", opens_double) && !word_is("„a", opens_double));
    }
}
