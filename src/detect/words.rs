//! A light word tokeniser over character spans, shared by the detection and attribution
//! rules: words (letters, digits, inner hyphens, apostrophes and dots of abbreviations)
//! and single punctuation characters.

use crate::document::{Document, Span};

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
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    pub fn is_lowercase(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_lowercase)
    }
    /// The word with its first letter lowercased, for lexicon look-ups of sentence-initial
    /// words ("Laut" → "laut").
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// The words of `span` in `doc`, in order.
pub fn words(doc: &Document, span: Span) -> Vec<Word<'_>> {
    let text = doc.slice(span);
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut offset = span.start;
    while let Some((b, c)) = chars.next() {
        let start = offset;
        offset += 1;
        if c.is_whitespace() {
            continue;
        }
        let mut end_b = b + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(nb, nc)) = chars.peek() {
                let joins = nc.is_alphanumeric()
                    || (matches!(nc, '-' | '\'' | '’' | '.' | '/')
                        && text[nb + nc.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric));
                if !joins {
                    break;
                }
                chars.next();
                offset += 1;
                end_b = nb + nc.len_utf8();
            }
        }
        out.push(Word { span: Span::new(start, offset), text: &text[b..end_b] });
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
}
