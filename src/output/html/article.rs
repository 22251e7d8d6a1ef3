//! One article's page: its text with the quotations highlighted and their roles marked,
//! then a table of its quotations.

use super::{escape, foot, head, placeholder, LOW_CONFIDENCE};
use crate::document::{Document, Quotation, QuoteType, Span};
use std::collections::BTreeSet;
use std::fmt::Write;

/// The roles marked in the text, with their CSS class and the word used in titles.
const ROLES: [(&str, &str); 3] = [("sp", "speaker"), ("cue", "cue"), ("adr", "addressee")];

/// The page of `doc`; `first` is the corpus index of its first quotation (for the
/// placeholders of corpus-wide facts).
pub fn render(doc: &Document, first: usize) -> String {
    let title = doc.meta.title.clone().unwrap_or_else(|| doc.id.clone());
    let mut page = head(&title, "../");
    page.push_str("<body class=\"article\">\n<header>\n<a href=\"../index.html\">← all articles and speakers</a>\n");
    let _ = writeln!(page, "<h1>{}</h1>", escape(&title));
    page.push_str(&facts(doc));
    page.push_str(&legend());
    page.push_str("</header>\n<main>\n<article class=\"text\" id=\"text\">");
    page.push_str(&marked_text(doc));
    page.push_str("</article>\n");
    page.push_str(&quotation_table(doc, first));
    page.push_str("</main>\n");
    page.push_str(&foot("../"));
    page
}

/// Document id, date and url, as given with the input.
fn facts(doc: &Document) -> String {
    let mut out = format!("<p class=\"facts\">document <code>{}</code>", escape(&doc.id));
    if let Some(date) = &doc.meta.date {
        let _ = write!(out, " · {}", escape(date));
    }
    if let Some(url) = &doc.meta.url {
        let _ = write!(out, " · <a href=\"{0}\" rel=\"noreferrer\">{0}</a>", escape(url));
    }
    let _ = write!(out, " · {} quotations</p>\n", doc.quotations.len());
    out
}

fn legend() -> String {
    let mut out = String::from("<p class=\"legend\">");
    for kind in QuoteType::ALL {
        let _ = write!(out, "<mark class=\"q t-{0}\">{0}</mark> ", kind.as_str());
    }
    out.push_str(
        "<span class=\"role sp\">speaker</span> <span class=\"role cue\">cue</span> \
         <span class=\"role adr\">addressee</span> <span class=\"furniture\">page furniture</span> \
         <mark class=\"q t-Indirect low\">low confidence</mark> <span class=\"low-flag\">check</span> \
         <span class=\"keys\">keys: <kbd>j</kbd> next quotation, <kbd>k</kbd> previous</span></p>\n",
    );
    out
}

/// A span to mark: quotation number (1-based), and the role (`None` for the quote itself).
struct Mark {
    span: Span,
    number: usize,
    role: Option<usize>,
}

fn marks(doc: &Document) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (k, q) in doc.quotations.iter().enumerate() {
        let roles: [&[Span]; 3] = [&q.speaker, &q.cue, &q.addressee];
        let spans = q.quote.iter().map(|s| (*s, None));
        let role_spans = roles.iter().enumerate().flat_map(|(r, spans)| spans.iter().map(move |s| (*s, Some(r))));
        for (span, role) in spans.chain(role_spans).filter(|(s, _)| !s.is_empty() && s.end <= doc.char_len()) {
            marks.push(Mark { span, number: k + 1, role });
        }
    }
    marks
}

/// The text cut at every mark boundary; each piece is wrapped in the quotations and roles
/// that cover it (nested, so overlapping quotations each stay visible). Page furniture
/// (captions, credits, menus, as the segmenter marks them) is greyed out.
fn marked_text(doc: &Document) -> String {
    let marks = marks(doc);
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, doc.char_len()]);
    let furniture = doc.boilerplate.iter().filter(|b| b.end <= doc.char_len());
    for span in marks.iter().map(|m| &m.span).chain(furniture) {
        cuts.insert(span.start);
        cuts.insert(span.end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut anchored = vec![false; doc.quotations.len() + 1];
    let mut out = String::new();
    let mut covering = Covering::new(&marks);
    for piece in cuts.windows(2).map(|w| Span::new(w[0], w[1])) {
        let covering = covering.at(piece);
        let mut closing = String::new();
        if doc.is_boilerplate(piece) {
            out.push_str("<span class=\"furniture\" title=\"page furniture, not article text\">");
            closing.push_str("</span>");
        }
        for m in covering.iter().filter(|m| m.role.is_none()) {
            let q = &doc.quotations[m.number - 1];
            out.push_str(&open_quote(q, m.number, !std::mem::replace(&mut anchored[m.number], true)));
            closing.insert_str(0, "</mark>");
        }
        for m in covering.iter().filter(|m| m.role.is_some()) {
            let (class, word) = ROLES[m.role.expect("filtered to roles")];
            let _ = write!(
                out,
                "<a class=\"role {class}\" href=\"#q{n}\" data-q=\"{n}\" title=\"{word} of quotation {n}\">",
                n = m.number
            );
            closing.insert_str(0, "</a>");
        }
        out.push_str(&escape(doc.slice(piece)));
        out.push_str(&closing);
    }
    out
}

/// The marks that cover each piece, for pieces in text order: a sweep over the marks by
/// start, so a page costs marks · log marks, not pieces × marks. Every mark boundary is a
/// cut, so a mark covers a piece exactly when it starts at or before it and ends after its
/// start.
struct Covering<'m> {
    marks: &'m [Mark],
    by_start: Vec<usize>,
    next: usize,
    active: Vec<usize>,
}

impl<'m> Covering<'m> {
    fn new(marks: &'m [Mark]) -> Self {
        let mut by_start: Vec<usize> = (0..marks.len()).collect();
        by_start.sort_by_key(|&i| marks[i].span.start);
        Covering { marks, by_start, next: 0, active: Vec::new() }
    }

    /// The marks covering `piece`, in the order of `marks`.
    fn at(&mut self, piece: Span) -> Vec<&'m Mark> {
        while self.next < self.by_start.len() && self.marks[self.by_start[self.next]].span.start <= piece.start {
            self.active.push(self.by_start[self.next]);
            self.next += 1;
        }
        let marks = self.marks;
        self.active.retain(|&i| marks[i].span.end > piece.start);
        let mut covering = self.active.clone();
        covering.sort_unstable();
        covering.into_iter().map(|i| &marks[i]).collect()
    }
}

fn open_quote(q: &Quotation, number: usize, anchor: bool) -> String {
    let id = if anchor { format!(" id=\"q{number}\" data-anchor=\"{number}\"") } else { String::new() };
    let low = if q.confidence < LOW_CONFIDENCE { " low" } else { "" };
    format!(
        "<mark class=\"q t-{kind}{low}\"{id} data-q=\"{number}\" title=\"quotation {number}: {kind}, confidence {conf:.2}\">",
        kind = q.kind.as_str(),
        conf = q.confidence
    )
}

/// One row per quotation: number (linking to its anchor), type, speaker as written and
/// its corpus-wide person, cue, addressee, confidence, cluster, and the quotation.
fn quotation_table(doc: &Document, first: usize) -> String {
    let mut out = String::from(
        "<h2>Quotations</h2>\n<table class=\"quotations\">\n<thead><tr><th>#</th><th>type</th><th>speaker</th>\
         <th>person</th><th>cue</th><th>addressee</th><th>confidence</th><th>cluster</th><th>quotation</th></tr></thead>\n<tbody>\n",
    );
    for (k, q) in doc.quotations.iter().enumerate() {
        let n = k + 1;
        let low = q.confidence < LOW_CONFIDENCE;
        let speaker = match (&q.speaker_name, q.speaker.is_empty()) {
            (_, false) => escape(&doc.join(&q.speaker)),
            (Some(name), true) => escape(name),
            (None, true) => "<span class=\"none\">—</span>".to_string(),
        };
        let _ = writeln!(
            out,
            "<tr id=\"row-q{n}\" class=\"{row}\"><td><a href=\"#q{n}\">{n}</a></td><td><span class=\"chip t-{kind}\">{kind}</span></td>\
             <td>{speaker}</td><td>{person}</td><td>{cue}</td><td>{adr}</td><td class=\"conf\">{conf:.2}{flag}</td><td>{cluster}</td><td class=\"qtext\">{quote}</td></tr>",
            row = if low { "low" } else { "" },
            kind = q.kind.as_str(),
            person = placeholder("person", first + k),
            cue = optional(doc, &q.cue),
            adr = optional(doc, &q.addressee),
            conf = q.confidence,
            flag = if low { " <span class=\"low-flag\">check</span>" } else { "" },
            cluster = placeholder("cluster", first + k),
            quote = escape(&doc.join(&q.quote)),
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn optional(doc: &Document, spans: &[Span]) -> String {
    if spans.is_empty() {
        "<span class=\"none\">—</span>".to_string()
    } else {
        escape(&doc.join(spans))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_and_roles_are_marked_and_input_markup_is_plain_text() {
        let text = "„<script>alert(1)</script>“, sagte Anna. \"><img src=x onerror=alert(2)>";
        let mut doc = Document::new("x.txt", text);
        let mut q = Quotation::new(QuoteType::Direct, vec![Span::new(0, 27)]);
        q.cue = vec![Span::new(29, 34)];
        q.speaker = vec![Span::new(35, 39)];
        doc.quotations.push(q);
        let page = render(&doc, 0);
        assert!(!page.contains("<script>alert"));
        assert!(!page.contains("<img"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
        assert!(page.contains("<mark class=\"q t-Direct\" id=\"q1\" data-anchor=\"1\" data-q=\"1\""));
        assert!(page.contains("<a class=\"role cue\" href=\"#q1\" data-q=\"1\" title=\"cue of quotation 1\">sagte</a>"));
        assert!(page.contains(&placeholder("person", 0)));
    }
}
