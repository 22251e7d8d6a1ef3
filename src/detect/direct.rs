//! Pairs quotation marks into quoted passages. Every German and typographic style is
//! recognised („…“ „…” »…« «…» ‚…‘ “…” "…"); a pair never crosses a paragraph break,
//! so a stray or missing mark costs one passage, not the rest of the article.

use crate::document::{Document, Span};
use crate::german::closers;

/// The quoted passages of `doc` (spans include the marks), outermost only.
pub fn quoted_passages(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    let mut paragraph_start = 0;
    let chars: Vec<char> = doc.text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' || i + 1 == chars.len() {
            let end = if c == '\n' { i } else { i + 1 };
            pair_within(&chars, paragraph_start, end, &mut out);
            paragraph_start = i + 1;
        }
    }
    out
}

/// Pairs marks in `chars[start..end]`: each opener takes the nearest closer of its style
/// that is not inside an inner pair; unmatched openers are dropped. One cursor per style
/// remembers the next closer found, so unmatched openers never rescan the paragraph: the
/// search start only moves forward, and a closer found stays the nearest until passed.
fn pair_within(chars: &[char], start: usize, end: usize, out: &mut Vec<Span>) {
    let mut cursors: Vec<(char, usize)> = Vec::new();
    let mut i = start;
    while i < end {
        let Some(close) = closers(chars[i]).filter(|_| opens_here(chars, i, start)) else {
            i += 1;
            continue;
        };
        let cursor = match cursors.iter().position(|&(open, _)| open == chars[i]) {
            Some(k) => &mut cursors[k].1,
            None => {
                cursors.push((chars[i], 0));
                &mut cursors.last_mut().expect("just pushed").1
            }
        };
        // closes_here needs text between the marks, so a closer comes two or more after.
        *cursor = (*cursor).max(i + 2);
        while *cursor < end && !(close.contains(&chars[*cursor]) && closes_here(chars, *cursor, i)) {
            *cursor += 1;
        }
        if *cursor < end {
            out.push(Span::new(i, *cursor + 1));
            i = *cursor + 1;
        } else {
            i += 1;
        }
    }
}

/// A straight or ambiguous mark opens only before a word (not after one: 5" or Kinder").
fn opens_here(chars: &[char], i: usize, paragraph_start: usize) -> bool {
    let next_is_text = chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
    let prev_is_space = i == paragraph_start || !chars[i - 1].is_alphanumeric();
    // „ only ever opens; every other mark also closes (or is a comma-like ‚), so it opens
    // only after a space.
    match chars[i] {
        '„' => next_is_text,
        _ => next_is_text && prev_is_space,
    }
}

/// A closer must follow text, and ’ after a letter followed by a letter is an apostrophe.
fn closes_here(chars: &[char], k: usize, open: usize) -> bool {
    let after_text = k > open + 1 && !chars[k - 1].is_whitespace();
    let apostrophe = matches!(chars[k], '’' | '‘')
        && chars.get(k + 1).is_some_and(|c| c.is_alphabetic());
    after_text && !apostrophe
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passages(text: &str) -> Vec<String> {
        let doc = Document::new("t", text);
        quoted_passages(&doc).into_iter().map(|s| doc.slice(s).to_string()).collect()
    }

    #[test]
    fn pairs_every_style_and_drops_unbalanced_marks_per_paragraph() {
        assert_eq!(passages("Er sagte: „Wir ‚bleiben‘ hier.“ Dann »ging« er."), ["„Wir ‚bleiben‘ hier.“", "»ging«"]);
        assert_eq!(passages("„Offen ohne Ende.\nNeuer Absatz mit „Zitat“."), ["„Zitat“"]);
        assert_eq!(passages("Sie rief \"Halt\" und \"Stopp\"."), ["\"Halt\"", "\"Stopp\""]);
    }

    /// The plain quadratic pairing: every opener scans forward for its closer.
    fn pair_by_scanning(chars: &[char], start: usize, end: usize, out: &mut Vec<Span>) {
        let mut i = start;
        while i < end {
            let Some(close) = closers(chars[i]).filter(|_| opens_here(chars, i, start)) else {
                i += 1;
                continue;
            };
            match (i + 1..end).find(|&k| close.contains(&chars[k]) && closes_here(chars, k, i)) {
                Some(k) => {
                    out.push(Span::new(i, k + 1));
                    i = k + 1;
                }
                None => i += 1,
            }
        }
    }

    #[test]
    fn cursor_pairing_equals_scanning_on_every_short_string() {
        let alphabet = ['„', '“', '»', '«', '"', '’', 'a', ' '];
        let mut chars = Vec::new();
        for len in 0..=5u32 {
            for code in 0..alphabet.len().pow(len) {
                chars.clear();
                let mut rest = code;
                for _ in 0..len {
                    chars.push(alphabet[rest % alphabet.len()]);
                    rest /= alphabet.len();
                }
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                pair_within(&chars, 0, chars.len(), &mut fast);
                pair_by_scanning(&chars, 0, chars.len(), &mut slow);
                assert_eq!(fast, slow, "{:?}", chars.iter().collect::<String>());
            }
        }
    }
}
