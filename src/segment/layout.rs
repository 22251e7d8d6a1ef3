//! Lines and the character classes that segmentation and furniture marking share.
//!
//! Everything here works on byte offsets into the document text; the segmenter converts to
//! character spans once at the end.

pub use crate::german::{is_line_break, is_space};

/// Quotation marks and brackets that can close a passage right after its final stop.
pub fn is_closer(c: char) -> bool {
    crate::german::closes(c) || matches!(c, ')' | ']')
}

/// Characters that open a quotation or a parenthesis at the start of a sentence.
pub fn is_opener(c: char) -> bool {
    crate::german::opens(c) || matches!(c, '(' | '[')
}

/// One line of text without its line break: `start..end` in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The line without surrounding whitespace, as a byte range; None for a blank line.
    pub fn trimmed(&self, text: &str) -> Option<(usize, usize)> {
        trim(text, self.start, self.end)
    }
}

/// The lines of a text in order, \r\n counted as one break.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_line_break(c) {
            continue;
        }
        out.push(Line { start, end: i });
        start = i + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            chars.next();
            start += 1;
        }
    }
    out.push(Line { start, end: text.len() });
    out
}

/// `start..end` without leading and trailing [`is_space`] characters; None if nothing is left.
pub fn trim(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let piece = &text[start..end];
    let inner = piece.trim_start_matches(is_space);
    let lead = piece.len() - inner.len();
    let inner = inner.trim_end_matches(is_space);
    (!inner.is_empty()).then(|| (start + lead, start + lead + inner.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_is_one_break_and_a_lone_cr_is_another() {
        let text = "a\r\nb\rc\u{2028}d";
        let got: Vec<&str> = lines(text).iter().map(|l| l.text(text)).collect();
        assert_eq!(got, ["a", "b", "c", "d"]);
    }

    #[test]
    fn trim_removes_nbsp_and_zero_width_space() {
        let text = "\u{A0}\u{200B} Satz.\u{202F}";
        let (s, e) = trim(text, 0, text.len()).unwrap();
        assert_eq!(&text[s..e], "Satz.");
        let blank = " \u{2009} ";
        assert_eq!(trim(blank, 0, blank.len()), None);
    }
}
