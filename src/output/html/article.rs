//! One article's page: its text with the quotations highlighted and their roles marked,
//! beside the table of its quotations (below it on a narrow screen).

use super::{decimal, escape, foot, head, legend, placeholder, type_chip, Lang, LOW_CONFIDENCE};
use crate::assets::labels::{self, role_name};
use crate::document::{Document, Quotation, QuoteType, Span};
use std::collections::BTreeSet;
use std::fmt::Write;

/// The roles marked in the text, with their CSS class and their name in the records.
const ROLES: [(&str, &str); 3] = [("sp", "speaker"), ("cue", "cue"), ("adr", "addressee")];

/// The page of `doc`; `first` is the corpus index of its first quotation (for the
/// placeholders of corpus-wide facts).
pub fn render(doc: &Document, first: usize, lang: Lang) -> String {
    let title = doc.meta.title.clone().unwrap_or_else(|| doc.id.clone());
    let mut page = head(&title, "../", lang);
    let _ = writeln!(
        page,
        "<body class=\"article\">\n<header>\n<a href=\"../index.html\">← {}</a>",
        lang.pick("alle Artikel und Sprecher", "all articles and speakers")
    );
    let _ = writeln!(page, "<h1>{}</h1>", escape(&title));
    page.push_str(&facts(doc, lang));
    page.push_str(&key(lang));
    page.push_str("</header>\n<main class=\"reading\">\n<article class=\"text\" id=\"text\">");
    page.push_str(&marked_text(doc, lang));
    page.push_str("</article>\n<aside class=\"panel\" id=\"panel\">\n");
    page.push_str(&quotation_table(doc, first, lang));
    page.push_str("</aside>\n</main>\n");
    page.push_str(&foot("../"));
    page
}

/// Document id, date and url, as given with the input.
fn facts(doc: &Document, lang: Lang) -> String {
    let mut out = format!("<p class=\"facts\">{} <code>{}</code>", lang.pick("Dokument", "document"), escape(&doc.id));
    if let Some(date) = &doc.meta.date {
        let _ = write!(out, " · {}", escape(date));
    }
    if let Some(url) = &doc.meta.url {
        let _ = write!(out, " · <a href=\"{0}\" rel=\"noreferrer\">{0}</a>", escape(url));
    }
    let _ = write!(out, " · {} {}</p>\n", doc.quotations.len(), lang.pick("Zitate", "quotations"));
    out
}

/// The colours and marks in one line, the types explained on demand.
fn key(lang: Lang) -> String {
    let mut out = String::from("<div class=\"legend\">");
    for kind in QuoteType::ALL {
        out.push_str(&type_chip(kind, lang));
        out.push(' ');
    }
    let _ = write!(
        out,
        "<span class=\"role sp\">{}</span> <span class=\"role cue\">{}</span> <span class=\"role adr\">{}</span> \
         <span class=\"furniture\">{}</span> <mark class=\"q t-Indirect low\">{}</mark> <span class=\"low-flag\">{}</span> \
         <span class=\"keys\">{}</span></div>\n<details class=\"explain\"><summary>{}</summary>{}</details>\n",
        role_name(lang, "speaker"),
        role_name(lang, "cue"),
        role_name(lang, "addressee"),
        lang.pick("Seitenelemente", "page furniture"),
        lang.pick("geringe Konfidenz", "low confidence"),
        lang.pick("prüfen", "check"),
        lang.pick("Tasten: <kbd>j</kbd> nächstes Zitat, <kbd>k</kbd> voriges", "keys: <kbd>j</kbd> next quotation, <kbd>k</kbd> previous"),
        lang.pick("Was die Zitatarten bedeuten", "What the quotation types mean"),
        legend(lang),
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
fn marked_text(doc: &Document, lang: Lang) -> String {
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
            let _ = write!(out, "<span class=\"furniture\" title=\"{}\">", lang.pick("Seitenelement, kein Artikeltext", "page furniture, not article text"));
            closing.push_str("</span>");
        }
        for m in covering.iter().filter(|m| m.role.is_none()) {
            let q = &doc.quotations[m.number - 1];
            out.push_str(&open_quote(doc, q, m.number, !std::mem::replace(&mut anchored[m.number], true), lang));
            closing.insert_str(0, "</mark>");
        }
        for m in covering.iter().filter(|m| m.role.is_some()) {
            let (class, role) = ROLES[m.role.expect("filtered to roles")];
            let _ = write!(
                out,
                "<a class=\"role {class}\" href=\"#q{n}\" data-q=\"{n}\" title=\"{} {n}\">",
                lang.pick(format!("{} von Zitat", role_name(lang, role)), format!("{} of quotation", role_name(lang, role))),
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

/// Pointing at a quotation names its type, speaker and confidence.
fn open_quote(doc: &Document, q: &Quotation, number: usize, anchor: bool, lang: Lang) -> String {
    let id = if anchor { format!(" id=\"q{number}\" data-anchor=\"{number}\"") } else { String::new() };
    let low = if q.confidence < LOW_CONFIDENCE { " low" } else { "" };
    let about = format!(
        "{} {number} · {} · {}: {} · {} {}",
        role_name(lang, "quote"),
        labels::type_label(lang, q.kind).name,
        role_name(lang, "speaker"),
        speaker(doc, q, lang),
        lang.pick("Konfidenz", "confidence"),
        decimal(q.confidence, lang),
    );
    format!("<mark class=\"q t-{kind}{low}\"{id} data-q=\"{number}\" title=\"{}\">", escape(&about), kind = q.kind.as_str())
}

/// The speaker as the article names it: the fullest name, with the mention when that says
/// something else („Jens Stoltenberg („der Norweger“)“).
fn speaker(doc: &Document, q: &Quotation, lang: Lang) -> String {
    let mention = (!q.speaker.is_empty()).then(|| doc.join(&q.speaker));
    match (&q.speaker_name, mention) {
        (Some(name), Some(mention)) if !name.contains(mention.as_str()) => format!("{name} („{mention}“)"),
        (Some(name), _) => name.clone(),
        (None, Some(mention)) => mention,
        (None, None) => lang.pick("keiner erkannt", "none found").to_string(),
    }
}

/// One row per quotation: number (linking to its anchor), type and confidence, the
/// corpus-wide person with the speaker as written, cue and addressee below it, the
/// quotation with its cluster of variants. Four columns, to fit beside the text.
fn quotation_table(doc: &Document, first: usize, lang: Lang) -> String {
    let mut out = format!(
        "<h2>{}</h2>\n<table class=\"quotations\">\n<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        lang.pick("Zitate", "Quotations"),
        lang.pick("Art", "type"),
        role_name(lang, "speaker"),
        role_name(lang, "quote"),
    );
    for (k, q) in doc.quotations.iter().enumerate() {
        let n = k + 1;
        let low = q.confidence < LOW_CONFIDENCE;
        let _ = writeln!(
            out,
            "<tr id=\"row-q{n}\" class=\"{row}\" data-q=\"{n}\"><td><a href=\"#q{n}\">{n}</a></td><td>{chip}<div class=\"sub conf\">{conf}{flag}</div></td>\
             <td>{person}{roles}</td><td class=\"qtext\">{quote}{cluster}</td></tr>",
            row = if low { "low" } else { "" },
            chip = type_chip(q.kind, lang),
            conf = format_args!("{} {}", lang.pick("Konfidenz", "confidence"), decimal(q.confidence, lang)),
            flag = if low { format!(" <span class=\"low-flag\">{}</span>", lang.pick("prüfen", "check")) } else { String::new() },
            person = placeholder("person", first + k),
            roles = roles(doc, q, lang),
            quote = escape(&doc.join(&q.quote)),
            cluster = placeholder("cluster", first + k),
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The speaker as written, the cue and the addressee, each on its own line where there is
/// one, and how far the speaker's name can be trusted.
fn roles(doc: &Document, q: &Quotation, lang: Lang) -> String {
    let words = [lang.pick("im Text", "as written"), role_name(lang, "cue"), role_name(lang, "addressee")];
    let spans: [&[Span]; 3] = [&q.speaker, &q.cue, &q.addressee];
    let mut out = String::new();
    for (word, spans) in words.iter().zip(spans).filter(|(_, spans)| !spans.is_empty()) {
        let _ = write!(out, "<div class=\"sub\">{word}: {}</div>", escape(&doc.join(spans)));
    }
    if let (Some(_), Some(confidence)) = (&q.speaker_name, q.speaker_name_confidence) {
        let _ = write!(out, "<div class=\"sub conf\">{} {}</div>", lang.pick("Namenskonfidenz", "name confidence"), decimal(confidence, lang));
    }
    out
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
        let page = render(&doc, 0, Lang::De);
        assert!(!page.contains("<script>alert"));
        assert!(!page.contains("<img"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
        assert!(page.contains("<mark class=\"q t-Direct\" id=\"q1\" data-anchor=\"1\" data-q=\"1\""));
        assert!(page.contains("title=\"Zitat 1 · wörtliche Rede · Sprecher: Anna · Konfidenz"), "the speaker on hover");
        assert!(page.contains("<a class=\"role cue\" href=\"#q1\" data-q=\"1\" title=\"Redeeinleitung von Zitat 1\">sagte</a>"));
        assert!(page.contains(&placeholder("person", 0)));
    }
}
