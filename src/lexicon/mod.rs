//! The linguistic tables: the reporting-verb lexicon, Konjunktiv forms, source nouns, title and
//! furniture words, abbreviations. Each is a tab-separated file beside this module, compiled
//! into the binary with `include_str!` and parsed once, on first use, by the module that
//! reads it (`detect::lexicon`, `segment::lexicon`, `segment::boilerplate`, `attribute::names`).
//!
//! A table starts with `#` lines saying what it is for and what each column means, so a
//! linguist can extend it without reading code. Lines starting with `#` are comments, blank
//! lines are ignored, and fields are separated by tabs. The tests parse every table and
//! reject rows of the wrong shape, unknown values and entries that stand twice.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a, for the tables' keys: short words, looked up for nearly every word of a text.
/// The std hasher's resistance to chosen keys protects nothing here (the keys are zitat's own
/// tables) and costs more than the lookup itself.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set or map of table words, hashed with [`Fnv`].
pub type TableSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;
pub type TableMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// One table file: its name (without `.tsv`), columns per row, and text.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: usize,
    text: &'static str,
}

/// Finds whether a text contains any of a list of literal strings in one pass over the text
/// (the regex crate compiles literal alternatives to a multi-substring search), instead of
/// one substring search per entry.
pub struct Phrases(regex::Regex);

impl Phrases {
    pub fn new(entries: &[&str]) -> Self {
        let alternatives: Vec<String> = entries.iter().map(|e| regex::escape(e)).collect();
        // An empty alternation would match everywhere; `[^\s\S]` matches nowhere.
        let pattern = if alternatives.is_empty() { r"[^\s\S]".to_string() } else { alternatives.join("|") };
        Phrases(regex::Regex::new(&pattern).expect("escaped literals form a valid pattern"))
    }

    pub fn in_text(&self, text: &str) -> bool {
        self.0.is_match(text)
    }
}

/// A row: its line number in the file (from 1) and its fields.
pub type Row = (usize, Vec<&'static str>);

impl Table {
    /// The rows, without comments and blank lines; fields are trimmed, so a stray space or
    /// a Windows line end does not change an entry.
    pub fn rows(self) -> impl Iterator<Item = Row> {
        self.text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
            .map(|(n, line)| (n + 1, line.split('\t').map(str::trim).collect()))
    }

    /// The entries of a one-column table, in file order (for lists searched by prefix or
    /// suffix, where every entry is tried).
    pub fn list(self) -> Vec<&'static str> {
        self.rows().map(|(_, fields)| fields[0]).collect()
    }

    /// The entries of a one-column table as [`Phrases`], for "does the text contain any".
    pub fn phrases(self) -> Phrases {
        Phrases::new(&self.list())
    }

    /// The entries of a one-column table as a set, for lookups of whole words.
    pub fn set(self) -> TableSet<&'static str> {
        self.rows().map(|(_, fields)| fields[0]).collect()
    }

    /// Where a row is: "verbs.tsv:42", for messages about a malformed table.
    pub fn at(self, line: usize) -> String {
        format!("src/lexicon/{}.tsv:{line}", self.name)
    }
}

/// A parsed word table.
pub type WordSet = LazyLock<TableSet<&'static str>>;

/// A word list in any of its forms: a parsed table or a short list in code.
pub trait Words {
    fn has(&self, word: &str) -> bool;
}

impl Words for [&str] {
    fn has(&self, word: &str) -> bool {
        self.contains(&word)
    }
}

impl<const N: usize> Words for [&str; N] {
    fn has(&self, word: &str) -> bool {
        self.contains(&word)
    }
}

impl Words for TableSet<&str> {
    fn has(&self, word: &str) -> bool {
        self.contains(word)
    }
}

impl Words for WordSet {
    fn has(&self, word: &str) -> bool {
        self.contains(word)
    }
}

macro_rules! tables {
    ($($name:ident = $file:literal, $columns:literal;)*) => {
        $(pub const $name: Table = Table {
            name: $file,
            columns: $columns,
            text: include_str!(concat!($file, ".tsv")),
        };)*
        /// Every table, for the checks.
        pub const ALL: &[Table] = &[$($name),*];
    };
}

tables! {
    VERBS = "verbs", 5;
    AUXILIARIES = "auxiliaries", 1;
    SOURCE_NOUNS = "source_nouns", 1;
    SOURCE_NOUN_ENDINGS = "source_noun_endings", 1;
    THOUGHT_SOURCE_NOUNS = "thought_source_nouns", 1;
    SUBJUNCTIVES = "subjunctives", 1;
    KONJUNKTIV_II = "konjunktiv_ii", 1;
    SEPARABLE_PREFIXES = "separable_prefixes", 1;
    TITLE_CONTEXT = "title_context", 1;
    CLAUSE_OPENERS = "clause_openers", 1;
    PHRASE_BREAKERS = "phrase_breakers", 1;
    COUNTRIES = "countries", 1;
    DETERMINERS = "determiners", 1;
    ROLE_SUFFIXES = "role_suffixes", 1;
    PRONOUNS = "pronouns", 1;
    NATIONALITIES = "nationalities", 1;
    BODY_NOUNS = "body_nouns", 1;
    DOCUMENT_NOUNS = "document_nouns", 1;
    GROUP_NOUNS = "group_nouns", 1;
    AGENT_NOUNS = "agent_nouns", 1;
    ANAPHORIC_SOURCES = "anaphoric_sources", 1;
    PERSON_NOUNS = "person_nouns", 1;
    FIRST_NAMES = "first_names", 2;
    ABBREVIATIONS = "abbreviations", 2;
    MONTHS = "months", 1;
    ORDINAL_NOUNS = "ordinal_nouns", 1;
    SENTENCE_STARTERS = "sentence_starters", 1;
    ORDINAL_PRECURSORS = "ordinal_precursors", 1;
    CREDIT_LABELS = "credit_labels", 1;
    TEASER_MARKERS = "teaser_markers", 1;
    NAVIGATION = "navigation", 1;
    LABELS = "labels", 1;
    DURATION_UNITS = "duration_units", 1;
    UI_ONLY = "ui_only", 1;
    UI_WITH_READER = "ui_with_reader", 1;
    READER_ADDRESS = "reader_address", 1;
    FUNCTION_WORDS = "function_words", 1;
    TITLED_NAMES = "titled_names", 2;
    COUNTRY_ADJECTIVES = "country_adjectives", 2;
    CAPITALS = "capitals", 1;
    FOREIGN_BODY_WORDS = "foreign_body_words", 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::lexicon::Governs;
    use crate::document::Medium;
    use crate::segment::lexicon::Abbreviation;

    /// Problems in a table: rows of the wrong width, empty fields, unknown values, and keys
    /// that stand twice.
    fn problems(table: Table) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut twice = |key: String, line: usize, out: &mut Vec<String>| {
            if !seen.insert(key.clone()) {
                out.push(format!("{}: {key} stands twice", table.at(line)));
            }
        };
        for (line, fields) in table.rows() {
            if fields.len() != table.columns || fields.iter().any(|f| f.is_empty()) {
                out.push(format!("{}: {} fields, want {} non-empty", table.at(line), fields.len(), table.columns));
                continue;
            }
            match table.name {
                "verbs" => check_verb(table, line, &fields, &mut out, &mut twice),
                "abbreviations" => {
                    if Abbreviation::parse(fields[1]).is_none() {
                        out.push(format!("{}: unknown class {}", table.at(line), fields[1]));
                    }
                    twice(fields[0].to_string(), line, &mut out);
                }
                "first_names" => {
                    if !matches!(fields[1], "m" | "f" | "u") {
                        out.push(format!("{}: gender {} is none of m, f, u", table.at(line), fields[1]));
                    }
                    twice(fields[0].to_string(), line, &mut out);
                }
                _ => twice(fields[0].to_string(), line, &mut out),
            }
        }
        out
    }

    /// A verb row: known medium and governs, and no form twice, neither within the row nor
    /// as the same finite form with the same particle, or the same non-finite form, in two rows.
    fn check_verb(
        table: Table,
        line: usize,
        fields: &[&str],
        out: &mut Vec<String>,
        twice: &mut impl FnMut(String, usize, &mut Vec<String>),
    ) {
        let [finite, particle, non_finite, medium, governs] = fields else { return };
        if Medium::parse(medium).is_none() {
            out.push(format!("{}: unknown medium {medium}", table.at(line)));
        }
        if Governs::parse(governs).is_none() {
            out.push(format!("{}: unknown governs {governs}", table.at(line)));
        }
        for form in finite.split_whitespace() {
            twice(format!("finite {form} with particle {particle}"), line, out);
        }
        for form in non_finite.split_whitespace().filter(|f| *f != "-") {
            twice(format!("non-finite {form}"), line, out);
        }
    }

    #[test]
    fn every_table_parses_without_duplicates() {
        let problems: Vec<String> = ALL.iter().flat_map(|&t| problems(t)).collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_table_has_rows_and_a_header() {
        for table in ALL {
            assert!(table.rows().count() > 0, "{} is empty", table.name);
            assert!(table.text.starts_with("# "), "{} has no header", table.name);
        }
    }

    #[test]
    fn the_checks_catch_bad_rows() {
        let bad = Table { name: "verbs", columns: 5, text: "# h\nsagt\t-\tgesagt\tSpeech\tclause\nsagt\t-\t-\tLoud\tclause\nfragt\t-\n" };
        let found = problems(bad);
        assert_eq!(found.len(), 3, "{found:?}");
        let dup = Table { name: "words", columns: 1, text: "# h\ndein\nSie\ndein\n" };
        assert_eq!(problems(dup), vec!["src/lexicon/words.tsv:4: dein stands twice"]);
    }
}
