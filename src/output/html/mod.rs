//! The review site (`--format html -o DIR`): static pages a fact-checker opens in any
//! browser, offline (no CDN, no network; the little CSS and JS are written here). One
//! language a site ([`Lang`]: German by default, English with `--lang en`).
//!
//! - `DIR/index.html`: corpus summary, a legend that says what each quotation type means,
//!   filters (type, confidence, date, speaker kind, words) with an export of the filtered
//!   quotations as CSV, the speaker index (people apart from organisations, documents and
//!   unnamed sources; one row per corpus-wide speaker: quotations by type, articles,
//!   sortable; a name opens its quotations in a full-width row), the quote clusters with
//!   their variants side by side, differing words marked, and where and when each was
//!   first seen, and the article list;
//! - `DIR/a/<document id>.html`: the article's text with each quotation highlighted by
//!   type (its speaker named on hover), its speaker, cue and addressee marked and linked to
//!   it, beside the table of its quotations (confidence, low ones flagged for review), a
//!   stable anchor per quotation (`#q3` is the document's quotation 3, as in the jsonl id
//!   `<doc>#3`); `j`/`k` move between quotations and keep the quotation and its row in view;
//! - the index's "check a quote" box: a claimed quotation matched in the browser against
//!   the quotations the index embeds, as `zitat find` matches it (`find.js`, shared with
//!   the serve page through [`crate::assets`]);
//! - `DIR/site.css`, `DIR/site.js`.
//!
//! Article pages are written as their chunk is annotated, so the text of the corpus is
//! never held in memory; the corpus-wide facts (speaker ids, clusters) are only known at
//! the end and are filled into placeholders ([`placeholder`]) then. Every text that comes
//! from the input is escaped ([`escape`]).

mod article;
mod index;

pub use crate::assets::labels::Lang;
use crate::assets::{self, labels};
use crate::document::QuoteType;
use super::record::Corpus;
use super::WriteFailure;
use crate::document::Document;
use rayon::prelude::*;
use regex::Regex;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

const CSS: &str = include_str!("site.css");
const JS: &str = include_str!("site.js");
/// The index's "check a quote" box; its matching and rendering are the serve page's.
const CHECK_JS: &str = include_str!("check.js");
/// The filters' test and the export's CSV, apart from the page (testable without one).
pub const FILTER_JS: &str = include_str!("filter.js");

/// Quotations below this confidence are flagged for review.
pub const LOW_CONFIDENCE: f32 = 0.6;

/// A review site being written into a directory.
pub struct Site {
    dir: PathBuf,
    lang: Lang,
    /// Page names given so far, to keep them unique.
    pages: HashSet<String>,
}

impl Site {
    /// Creates the directory and its `a/` folder for the article pages.
    pub fn create(dir: &Path, lang: Lang) -> io::Result<Site> {
        std::fs::create_dir_all(dir.join("a"))?;
        Ok(Site { dir: dir.to_path_buf(), lang, pages: HashSet::new() })
    }

    /// The page of a document, relative to the site's root: `a/<id, other characters than
    /// letters, digits, `.`, `-`, `_` as `_`>.html`, numbered when two ids come out the same.
    pub fn page_name(&mut self, id: &str) -> String {
        let base: String =
            id.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
        let base = base.trim_start_matches('.').to_string();
        let mut name = format!("a/{base}.html");
        let mut n = 1;
        while !self.pages.insert(name.clone()) {
            n += 1;
            name = format!("a/{base}-{n}.html");
        }
        name
    }

    /// Writes the pages of a chunk; `first` is the corpus index of each document's first
    /// quotation. Documents whose page cannot be written are returned.
    pub fn write_articles(&self, docs: &[(&Document, String, usize)]) -> Vec<WriteFailure> {
        (docs.par_iter())
            .filter_map(|(doc, page, first)| {
                let path = self.dir.join(page);
                std::fs::write(&path, article::render(doc, *first, self.lang)).err().map(|err| WriteFailure {
                    id: doc.id.clone(),
                    message: format!("cannot write {}: {err}", path.display()),
                })
            })
            .collect()
    }

    /// Fills the corpus-wide facts into the article pages and writes the index, CSS and JS.
    pub fn finish(&self, corpus: &Corpus) -> io::Result<Vec<WriteFailure>> {
        let failures = (corpus.docs.par_iter())
            .filter_map(|doc| {
                let page = doc.page.as_ref()?;
                let path = self.dir.join(page);
                fill_page(&path, corpus, self.lang).err().map(|err| WriteFailure {
                    id: doc.id.clone(),
                    message: format!("cannot complete {}: {err}", path.display()),
                })
            })
            .collect();
        std::fs::write(self.dir.join("site.css"), format!("{CSS}{}", assets::FIND_CSS))?;
        // One script per page: the words and the check box's parts first, so that
        // `data-ready`, set at the end of the site's own script, means all of it ran.
        let script = format!("{}{}\n{FILTER_JS}\n{CHECK_JS}\n{JS}", labels::script(self.lang), assets::FIND_JS);
        std::fs::write(self.dir.join("site.js"), script)?;
        std::fs::write(self.dir.join("index.html"), index::render(corpus, self.lang))?;
        Ok(failures)
    }
}

/// A marker for a corpus-wide fact about quotation `index`, replaced at the end. It cannot
/// come from the input: every `<` of the input is escaped.
pub fn placeholder(what: &str, index: usize) -> String {
    format!("<!--zitat:{what}:{index}-->")
}

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--zitat:(person|cluster):(\d+)-->").expect("the placeholder pattern is valid"));

fn fill_page(path: &Path, corpus: &Corpus, lang: Lang) -> io::Result<()> {
    let page = std::fs::read_to_string(path)?;
    let filled = PLACEHOLDER.replace_all(&page, |caps: &regex::Captures| {
        let index: usize = caps[2].parse().expect("the placeholder holds a number");
        match &caps[1] {
            "person" => person_link(corpus, index, lang),
            _ => cluster_link(corpus, index, lang),
        }
    });
    std::fs::write(path, filled.as_bytes())
}

/// A link to each person the quotation is said by, joined as the names are.
fn person_link(corpus: &Corpus, index: usize, lang: Lang) -> String {
    let links: Vec<String> = (corpus.speakers_of(index).iter())
        .map(|p| {
            format!(
                r#"<a class="person" href="../index.html#p-{id}" title="{what} {id}">{name}</a>"#,
                what = lang.pick("Sprecher-ID im ganzen Korpus:", "corpus-wide speaker id"),
                id = escape(&p.id),
                name = escape(&p.name)
            )
        })
        .collect();
    if links.is_empty() {
        return NONE.to_string();
    }
    crate::identity::join_names(&links)
}

/// The quotation's cluster of variants, on a line of its own; nothing without one.
fn cluster_link(corpus: &Corpus, index: usize, lang: Lang) -> String {
    corpus.cluster_of(index).map_or_else(String::new, |c| {
        format!(
            r#"<div class="sub">{}: <a class="cluster-link" href="../index.html#{c}">{c}</a></div>"#,
            lang.pick("auch zitiert, siehe Variante", "quoted elsewhere too, see variant")
        )
    })
}

/// An empty cell.
const NONE: &str = r#"<span class="none">—</span>"#;

/// A confidence as the language writes decimals (0,85 or 0.85).
pub fn decimal(value: f32, lang: Lang) -> String {
    let text = format!("{value:.2}");
    lang.pick(text.replace('.', ","), text)
}

/// The chip that names a quotation type; pointing at it says what the type means.
fn type_chip(kind: QuoteType, lang: Lang) -> String {
    let label = labels::type_label(lang, kind);
    format!("<span class=\"chip t-{}\" title=\"{}\">{}</span>", kind.as_str(), escape(label.plain), escape(label.name))
}

/// What each quotation type means, in plain words: the legend of every page.
fn legend(lang: Lang) -> String {
    let mut out = format!("<dl class=\"types\" aria-label=\"{}\">", lang.pick("Zitatarten", "quotation types"));
    for kind in QuoteType::ALL {
        let _ = write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", type_chip(kind, lang), escape(labels::type_label(lang, kind).plain));
    }
    out.push_str("</dl>\n");
    out
}

/// The calendar day of a date as the input gives it (`2005-09-10`, `2025-07-11T09:30:00+02:00`),
/// for sorting and filtering; `None` when it does not start with one.
pub fn day(date: &str) -> Option<&str> {
    let day = date.get(..10)?;
    let digits = |range: std::ops::Range<usize>| day[range].bytes().all(|b| b.is_ascii_digit());
    (digits(0..4) && &day[4..5] == "-" && digits(5..7) && &day[7..8] == "-" && digits(8..10)).then_some(day)
}

/// Text as HTML text or attribute value: `& < > " '` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The start of every page: doctype, language, title, stylesheet (`root` leads to the
/// site's root).
fn head(title: &str, root: &str, lang: Lang) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<link rel=\"stylesheet\" href=\"{root}site.css\">\n</head>\n",
        lang.code(),
        escape(title)
    )
}

fn foot(root: &str) -> String {
    format!("<script src=\"{root}site.js\"></script>\n</body>\n</html>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_input_is_escaped() {
        assert_eq!(escape(r#""><img src=x onerror=alert(1)>"#), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(escape("<script>a&b</script>'"), "&lt;script&gt;a&amp;b&lt;/script&gt;&#39;");
    }

    #[test]
    fn days_come_from_iso_dates_only() {
        assert_eq!(day("2005-09-10"), Some("2005-09-10"));
        assert_eq!(day("2025-07-11T09:30:00+02:00"), Some("2025-07-11"));
        assert_eq!(day("10.09.2005"), None);
        assert_eq!(day("2005"), None);
        assert_eq!((decimal(0.85, Lang::De), decimal(0.85, Lang::En)), ("0,85".into(), "0.85".into()));
    }

    #[test]
    fn page_names_are_safe_and_unique() {
        let mut site = Site { dir: PathBuf::new(), lang: Lang::De, pages: HashSet::new() };
        assert_eq!(site.page_name("sport/trainer.txt"), "a/sport_trainer.txt.html");
        assert_eq!(site.page_name("sport_trainer.txt"), "a/sport_trainer.txt-2.html");
        assert_eq!(site.page_name("../x y"), "a/_x_y.html");
    }
}
