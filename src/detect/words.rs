//! A light word tokeniser over character spans, shared by the detection and attribution
//! rules: words (letters, digits, inner hyphens, apostrophes and dots of abbreviations)
//! and single punctuation characters.

use crate::document::{Document, Span};
use crate::german::is_space;
use std::ops::Range;

/// One word or punctuation mark of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub span: Span,
    pub text: &'a str,
}

impl Word<'_> {
    pub fn is_punct(&self) -> bool {
        !self.text.chars().next().is_some_and(char::is_alphanumeric)
    }
    pub fn is(&self, punct_or_word: &str) -> bool {
        self.text == punct_or_word
    }
    /// „ “ " » «: a double quotation mark.
    pub fn is_double_mark(&self) -> bool {
        crate::german::word_is(self.text, crate::german::is_double_mark)
    }
    /// „Merkel“, and Arabic names led by a lowercase article („el-Baradei“, „az-Zawahiri“),
    /// which are names all the same.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase) || has_arabic_article(self.text)
    }
    pub fn is_lowercase(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_lowercase) && !has_arabic_article(self.text)
    }
    /// The word with its first letter lowercased, for lexicon look-ups of sentence-initial
    /// words ("Laut" → "laut").
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// „al-Assad“, „el-Baradei“, „ad-Din“: the Arabic article, assimilated or not, joined by a
/// hyphen to a capitalised name.
/// (Not the bodies known by such a name, „al-Dschasira“, „al-Qaida“: they stay bodies.)
pub fn has_arabic_article(word: &str) -> bool {
    let bodies = ["Jazeera", "Dschasira", "Arabija", "Arabiya", "Qaida", "Kaida", "Qaeda", "Schabab", "Shabaab", "Aqsa", "Ahram", "Manar", "Fatah", "Nusra"];
    after_arabic_article(word).is_some_and(|name| !bodies.iter().any(|b| name.starts_with(b)))
}

/// „al-Gaddafi“ → „Gaddafi“, „al-Arabiya“ → „Arabiya“: the capitalised name after an Arabic
/// article, a person's or a body's.
pub fn after_arabic_article(word: &str) -> Option<&str> {
    let articles = ["al-", "el-", "ad-", "ar-", "as-", "at-", "az-", "an-", "ash-", "ed-", "es-", "ez-"];
    articles.iter().find_map(|a| word.strip_prefix(a)).filter(|name| name.starts_with(char::is_uppercase))
}

/// The words of `span` in `doc`, in order. Inside a word, a hyphen, apostrophe, dot or
/// slash before a letter or digit joins („Öl-Preis“, „u.a“, „12.10.2022“).
///
/// The whole document is tokenised once; a span's words are the document's words inside it.
/// Where a document word crosses the span's edge (a span ending at the dot of „u.a“), the
/// span is tokenised on its own, as if its text stood alone.
pub fn words(doc: &Document, span: Span) -> Vec<Word<'_>> {
    let all = doc.word_ranges(|text| scan(text, joins));
    let first = all.partition_point(|(chars, _)| chars.end <= span.start);
    let inside = &all[first..all.partition_point(|(chars, _)| chars.start < span.end)];
    let crosses = inside.first().is_some_and(|(c, _)| c.start < span.start) || inside.last().is_some_and(|(c, _)| c.end > span.end);
    if crosses {
        return words_alone(doc, span);
    }
    inside.iter().map(|(chars, bytes)| Word { span: Span::new(chars.start, chars.end), text: &doc.text[bytes.clone()] }).collect()
}

/// The words of `span`'s text tokenised on its own.
fn words_alone(doc: &Document, span: Span) -> Vec<Word<'_>> {
    let text = doc.slice(span);
    scan(text, joins)
        .into_iter()
        .map(|(chars, bytes)| Word { span: Span::new(span.start + chars.start, span.start + chars.end), text: &text[bytes] })
        .collect()
}

fn joins(previous: char, mark: char, after: &str) -> bool {
    // „verletzt.Die Polizei“: paragraphs glued together at a stop are two words (and two
    // sentences), unlike „u.a“, „z.B“ or „Linkspartei.PDS“.
    let mut next = after.chars();
    let glued = mark == '.' && previous.is_lowercase() && next.next().is_some_and(char::is_uppercase) && next.next().is_some_and(char::is_lowercase);
    matches!(mark, '-' | '\'' | '’' | '.' | '/') && after.chars().next().is_some_and(char::is_alphanumeric) && !glued
}

/// The one tokenising loop: runs of letters and digits, continued across a mark where
/// `joins(previous, mark, text after the mark)` says so, and every other visible character alone;
/// whitespace ([`is_space`]) separates. Gives character and byte ranges of each token.
pub fn scan(text: &str, joins: impl Fn(char, char, &str) -> bool) -> Vec<(Range<usize>, Range<usize>)> {
    // About one token per five bytes of German text: few or no regrowths.
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((start, (b, c))) = chars.next() {
        if is_space(c) {
            continue;
        }
        let (mut end, mut end_b, mut previous) = (start + 1, b + c.len_utf8(), c);
        if c.is_alphanumeric() {
            while let Some(&(k, (nb, nc))) = chars.peek() {
                let joined = || joins(previous, nc, &text[nb + nc.len_utf8()..]);
                if !nc.is_alphanumeric() && !joined() {
                    break;
                }
                chars.next();
                (end, end_b, previous) = (k + 1, nb + nc.len_utf8(), nc);
            }
        }
        out.push((start..end, b..end_b));
    }
    out
}

/// The span from the first to the last of `words` (which must not be empty).
pub fn cover(words: &[Word]) -> Span {
    Span::new(words[0].span.start, words[words.len() - 1].span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_and_punctuation_by_character_offsets() {
        let doc = Document::new("t", "„Öl-Preis“, sagte Dr. Müller u.a. heute.");
        let ws = words(&doc, Span::new(0, doc.char_len()));
        let texts: Vec<&str> = ws.iter().map(|w| w.text).collect();
        assert_eq!(texts, ["„", "Öl-Preis", "“", ",", "sagte", "Dr", ".", "Müller", "u.a", ".", "heute", "."]);
        assert_eq!(ws[1].span, Span::new(1, 9));
        assert_eq!(doc.slice(ws[7].span), "Müller");
    }

    #[test]
    fn paragraphs_glued_at_a_stop_are_two_words_abbreviations_and_names_one() {
        let doc = Document::new("t", "sagte Merkel.Als Erstes z.B. die Linkspartei.PDS u.a. heute");
        let ws = words(&doc, Span::new(0, doc.char_len()));
        let texts: Vec<&str> = ws.iter().map(|w| w.text).collect();
        assert_eq!(texts, ["sagte", "Merkel", ".", "Als", "Erstes", "z.B", ".", "die", "Linkspartei.PDS", "u.a", ".", "heute"]);
    }

    /// Every span of texts with joins at its edges („u.a“, „12.10.2022“, „Öl-Preis“, a
    /// missing space after a stop) gets the words it would get tokenised on its own.
    #[test]
    fn a_spans_words_are_those_of_its_text_alone() {
        let texts = [
            "Laut Polizei u.a. am 12.10.2022 verletzt.Die Öl-Preis-Debatte, so der Nato-Chef: „Nein!“",
            "Er sagte:\u{a0}„Wir bleiben dabei.“ 3.500 Euro/Monat – d.h. zu viel.",
        ];
        for text in texts {
            let doc = Document::new("t", text);
            for start in 0..=doc.char_len() {
                for end in start..=doc.char_len() {
                    let span = Span::new(start, end);
                    assert_eq!(words(&doc, span), words_alone(&doc, span), "span {start}..{end} of {text:?}");
                }
            }
        }
    }
}
