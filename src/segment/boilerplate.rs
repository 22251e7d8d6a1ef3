//! Page furniture in web articles: photo captions and credits, broadcast metadata, teaser
//! lines ending in "mehr", bylines, navigation, share/subscribe prompts and cookie notices.
//!
//! A furniture mark hides every quotation inside it from the later stages, so the rules
//! aim at precision: they mark whole lines (plus two well-delimited fragments: a crawl's
//! leading "date 2024-06" and a trailing "Stand: 12.10.2022 10:26 Uhr"), they look for
//! forms that article prose does not take, and no rule fires on a line with quotation
//! marks unless the line carries an explicit credit or teaser marker.

use super::layout::{is_space, lines};
use crate::german;
use crate::lexicon::{self as tables, Phrases, WordSet};
use std::sync::LazyLock;

// The furniture words are tables in `src/lexicon/`, parsed once on first use.
static CREDIT_LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(|| tables::CREDIT_LABELS.list());
static ANY_CREDIT_LABEL: LazyLock<Phrases> = LazyLock::new(|| tables::CREDIT_LABELS.phrases());
static TEASER_MARKERS: LazyLock<Vec<&'static str>> = LazyLock::new(|| tables::TEASER_MARKERS.list());
static NAVIGATION: WordSet = LazyLock::new(|| tables::NAVIGATION.set());
static LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(|| tables::LABELS.list());
static DURATION_UNITS: WordSet = LazyLock::new(|| tables::DURATION_UNITS.set());
static UI_ONLY: LazyLock<Phrases> = LazyLock::new(|| tables::UI_ONLY.phrases());
static UI_WITH_READER: LazyLock<Phrases> = LazyLock::new(|| tables::UI_WITH_READER.phrases());
/// Characters of the longest navigation entry: a longer line is no navigation.
static NAVIGATION_CHARS: LazyLock<usize> = LazyLock::new(|| NAVIGATION.iter().map(|e| e.chars().count()).max().unwrap_or(0));
static READER_ADDRESS: WordSet = LazyLock::new(|| tables::READER_ADDRESS.set());

/// A non-blank line: trimmed byte range, text, and its number among all lines.
#[derive(Clone, Copy)]
struct Row<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    number: usize,
    /// Where a photo credit ending the line starts ([`credit_tail`]).
    credit: Option<usize>,
}

/// Sorted, disjoint byte ranges of page furniture in `text`.
pub fn furniture(text: &str) -> Vec<(usize, usize)> {
    let rows: Vec<Row> = lines(text)
        .iter()
        .enumerate()
        .filter_map(|(number, line)| {
            line.trimmed(text).map(|(start, end)| {
                let line = &text[start..end];
                Row { start, end, text: line, number, credit: credit_tail(line) }
            })
        })
        .collect();
    let mut whole: Vec<bool> = rows.iter().map(is_furniture_line).collect();
    mark_captions_above_credits(&rows, &mut whole);
    mark_teaser_titles(&rows, &mut whole);

    let mut out = Vec::new();
    for (k, row) in rows.iter().enumerate() {
        if whole[k] {
            out.push((row.start, row.end));
            continue;
        }
        if k == 0 {
            out.extend(crawl_date(row.text).map(|len| (row.start, row.start + len)));
        }
        let suffix = stand_suffix(row.text).or(row.credit);
        out.extend(suffix.map(|at| (row.start + at, row.end)));
    }
    out
}

/// A line that is furniture by its own form.
fn is_furniture_line(row: &Row) -> bool {
    let line = row.text;
    is_caption_with_credit(line, row.credit)
        || is_teaser(line)
        || is_navigation(line)
        || is_field_list(line)
        || is_label(line)
        || is_reader_prompt(line)
        || is_byline(line)
        || is_logo(line)
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_space).filter(|w| !w.is_empty())
}

/// Whether `text` has at most `n` words; stops counting after `n + 1`.
fn at_most_words(text: &str, n: usize) -> bool {
    words(text).nth(n).is_none()
}

/// A double mark or one that opens passages: apostrophes (’, ') do not count.
fn has_quotation_marks(text: &str) -> bool {
    text.chars().any(|c| german::is_double_mark(c) || german::closers(c).is_some())
}

fn ends_like_sentence(text: &str) -> bool {
    text.trim_end_matches(|c| german::closes_double(c) || c == ')').ends_with(['.', '!', '?'])
}

/// Where a photo credit starts when the line ends in one ("… (USA). © AP/dpa Foto: Stephanie
/// Scarbrough", "Quelle: imago"): a credit label followed by at most nine words of names and
/// agencies, with no sentence stop and no quotation marks.
fn credit_tail(line: &str) -> Option<usize> {
    if !ANY_CREDIT_LABEL.in_text(line) {
        return None;
    }
    let plain = |tail: &str| {
        !tail.contains(['.', '!', '?', ';']) && !has_quotation_marks(tail) && at_most_words(tail, 9)
    };
    CREDIT_LABELS.iter().filter_map(|label| line.find(label)).filter(|&at| plain(&line[at..])).min()
}

/// A photo caption ending in its credit, or a credit alone. A long or quoting text before
/// the credit is an article paragraph, of which only the credit is furniture.
fn is_caption_with_credit(line: &str, credit: Option<usize>) -> bool {
    credit.is_some_and(|at| at_most_words(&line[..at], 40) && !has_quotation_marks(&line[..at]))
}

/// Teaser for another article: "… die wichtigsten Nachrichten. mehr".
fn is_teaser(line: &str) -> bool {
    TEASER_MARKERS
        .iter()
        .filter_map(|marker| line.strip_suffix(marker))
        .any(|before| before.ends_with(is_space) && ends_like_sentence(before.trim_end_matches(is_space)))
}

/// Section headings and page chrome that are furniture wherever they stand alone.
fn is_navigation(line: &str) -> bool {
    let key = line.trim_end_matches([':', ' ']);
    // Lowercasing never shortens a text in characters, so a longer line cannot be an entry.
    let listed = key.chars().nth(*NAVIGATION_CHARS).is_none() && NAVIGATION.contains(key.to_lowercase().as_str());
    listed || is_breadcrumb(line)
}

/// "Startseite > Politik > Ausland": three or more short items between arrows.
fn is_breadcrumb(line: &str) -> bool {
    if !line.contains(['>', '›']) {
        return false;
    }
    let items: Vec<&str> = line.split(['>', '›']).map(str::trim).collect();
    items.len() >= 3
        && items.iter().all(|i| !i.is_empty() && at_most_words(i, 3) && !ends_like_sentence(i))
        && !has_quotation_marks(line)
}

/// Broadcast and article metadata between bars: "Sendung: Interview | 01.10.2024 | 16:00 Uhr",
/// "10 Min | Verfügbar bis 01.10.2029". Every field is short; a date, time or duration (a
/// digit) or three fields show it is not a headline with a kicker.
fn is_field_list(line: &str) -> bool {
    if !line.contains('|') {
        return false;
    }
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    fields.len() >= 2
        && fields.iter().all(|f| at_most_words(f, 6) && !ends_like_sentence(f))
        && (fields.len() >= 3 || line.contains(|c: char| c.is_ascii_digit()))
        && !has_quotation_marks(line)
}

/// A label line: "Datum:", "Beitragslänge:", "1 min", "Stand: 12.10.2022 10:26 Uhr",
/// "Lesezeit: 3 Minuten".
fn is_label(line: &str) -> bool {
    if !at_most_words(line, 6) || has_quotation_marks(line) {
        return false;
    }
    let labelled = LABELS.iter().any(|l| {
        line.strip_prefix(l).is_some_and(|rest| rest.starts_with(':') || rest.starts_with(" am "))
    });
    let duration = matches!(
        words(line).collect::<Vec<_>>().as_slice(),
        [n, unit] if n.chars().all(|c| c.is_ascii_digit()) && DURATION_UNITS.contains(*unit)
    );
    labelled || duration
}

/// Site chrome addressed to the reader: cookie notices, login state, subscribe and share
/// prompts, bookmarks. A term that prose never uses suffices; a term that a news story
/// might use ("Cookies", "Newsletter") also needs the reader addressed (Sie/du/Ihr …).
fn is_reader_prompt(line: &str) -> bool {
    if has_quotation_marks(line) {
        return false;
    }
    let addressed = || words(line).any(|w| READER_ADDRESS.contains(w.trim_matches(|c: char| !c.is_alphanumeric())));
    UI_ONLY.in_text(line) || (UI_WITH_READER.in_text(line) && addressed())
}

/// "Von Stephan Ueberbach, ARD-Studio Brüssel": "Von", two or three capitalised names, an
/// optional short affiliation after a comma, no final stop.
fn is_byline(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("Von ") else { return false };
    let (name, affiliation) = rest.split_once(", ").unwrap_or((rest, ""));
    let names: Vec<&str> = words(name).collect();
    (2..=3).contains(&names.len())
        && names.iter().all(|n| n.starts_with(char::is_uppercase))
        && at_most_words(affiliation, 5)
        && !ends_like_sentence(line)
        && !has_quotation_marks(line)
}

/// Image alt text naming a logo: "SWR Logo Stephan Ueberbach ARD-Studio Brüssel".
fn is_logo(line: &str) -> bool {
    line.contains("Logo")
        && at_most_words(line, 10)
        && words(line).any(|w| w == "Logo")
        && !ends_like_sentence(line)
        && !has_quotation_marks(line)
}

/// Caption lines right above a line that is only a credit ("Das Nato-Hauptquartier in
/// Brüssel (Archivbild)" / "Quelle: imago"): up to two short lines with no blank line
/// between and no quotation marks.
fn mark_captions_above_credits(rows: &[Row], whole: &mut [bool]) {
    for k in 0..rows.len() {
        if rows[k].credit != Some(0) {
            continue;
        }
        for above in (k.saturating_sub(2)..k).rev() {
            let row = rows[above];
            let adjacent = row.number + (k - above) == rows[k].number;
            if !adjacent || whole[above] || !at_most_words(row.text, 20) || has_quotation_marks(row.text) {
                break;
            }
            whole[above] = true;
        }
    }
}

/// A teaser's title: a short unpunctuated line between its picture (a furniture line or
/// one ending in a credit) and a teaser line ending in "mehr".
fn mark_teaser_titles(rows: &[Row], whole: &mut [bool]) {
    for k in 1..rows.len().saturating_sub(1) {
        let title = rows[k].text;
        let after_picture = whole[k - 1] || rows[k - 1].credit.is_some();
        if after_picture && is_teaser(rows[k + 1].text) && at_most_words(title, 15) && !title.ends_with('.') {
            whole[k] = true;
        }
    }
}

/// Length of a crawl's date marker at the start of a text: "date 2022-01 ".
fn crawl_date(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("date ")?;
    let date: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
    let shaped = date.len() >= 7 && date.as_bytes()[4] == b'-' && date[..4].chars().all(|c| c.is_ascii_digit());
    shaped.then_some("date ".len() + date.len())
}

/// Where a trailing "Stand: 12.10.2022 10:26 Uhr" starts in a headline line.
fn stand_suffix(line: &str) -> Option<usize> {
    let at = line.rfind("Stand:")?;
    let tail = &line[at + "Stand:".len()..];
    let dated = tail.contains(|c: char| c.is_ascii_digit()) && at_most_words(tail, 4);
    (dated && (at == 0 || line[..at].ends_with(is_space))).then_some(at)
}
