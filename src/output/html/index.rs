//! The site's index page: summary, legend, the check box, filters with the export, the
//! speakers by kind, the quote variants with where they were first seen, the articles.

use super::{day, decimal, escape, foot, head, legend, type_chip, Lang};
use crate::assets::labels::{kind_heading, kind_name, role_name};
use crate::cluster::{cluster_id, diff_words};
use crate::document::{QuoteType, SpeakerKind};
use crate::find;
use crate::output::record::{Corpus, QuoteRecord};
use std::collections::BTreeSet;
use std::fmt::Write;

/// Variants shown per cluster; the rest are counted.
const SHOWN_VARIANTS: usize = 12;

pub fn render(corpus: &Corpus, lang: Lang) -> String {
    let mut page = head(lang.pick("zitat: Wer sagte was", "zitat: who said what"), "", lang);
    let _ = writeln!(page, "<body class=\"index\">\n<header>\n<h1>{}</h1>", lang.pick("Wer sagte was", "Who said what"));
    page.push_str(&summary(corpus, lang));
    let _ = writeln!(
        page,
        "<details class=\"explain\" id=\"legend\" open><summary>{}</summary>{}</details>",
        lang.pick("Was die Zitatarten bedeuten", "What the quotation types mean"),
        legend(lang)
    );
    let _ = writeln!(
        page,
        "<nav><a href=\"#check\">{}</a> · <a href=\"#filters\">{}</a> · <a href=\"#speakers\">{}</a> · <a href=\"#clusters\">{}</a> · \
         <a href=\"#articles\">{}</a></nav>\n</header>\n<main>",
        lang.pick("Zitat prüfen", "Check a quote"),
        lang.pick("Filter und Export", "Filters and export"),
        lang.pick("Sprecher", "Speakers"),
        lang.pick("Zitatvarianten", "Quote variants"),
        lang.pick("Artikel", "Articles"),
    );
    page.push_str(&check(corpus, lang));
    page.push_str(&filters(corpus, lang));
    page.push_str(&speakers(corpus, lang));
    page.push_str(&clusters(corpus, lang));
    page.push_str(&articles(corpus, lang));
    page.push_str("</main>\n");
    page.push_str(&foot(""));
    page
}

/// `<b>n</b> things`, singular for one.
fn count(n: usize, (one, many): (&str, &str)) -> String {
    format!("<b>{n}</b> {}", if n == 1 { one } else { many })
}

fn quotations_word(lang: Lang) -> (&'static str, &'static str) {
    lang.pick(("Zitat", "Zitate"), ("quotation", "quotations"))
}

fn articles_word(lang: Lang) -> (&'static str, &'static str) {
    lang.pick(("Artikel", "Artikeln"), ("article", "articles"))
}

fn summary(corpus: &Corpus, lang: Lang) -> String {
    let mut out = format!(
        "<p class=\"summary\">{} · {} · {} · {}<br>",
        count(corpus.docs.len(), lang.pick(("Artikel", "Artikel"), ("article", "articles"))),
        count(corpus.quotes.len(), quotations_word(lang)),
        count(corpus.facts.identities.people.len(), lang.pick(("Sprecher", "Sprecher"), ("speaker", "speakers"))),
        count(corpus.facts.clusters.members.len(), lang.pick(("Zitatvariante", "Zitatvarianten"), ("quote cluster", "quote clusters"))),
    );
    for kind in QuoteType::ALL {
        let n = corpus.quotes.iter().filter(|q| q.kind == kind).count();
        let _ = write!(out, "{} {n} ", type_chip(kind, lang));
    }
    out.push_str("</p>\n");
    out
}

/// The "check a quote" box and the quotations it searches, filters and exports, as JSON
/// in a hidden element (escaped like every text, so no quotation can end it), with the
/// matching's rules and the verdict's (its word table and the names of the corpus's
/// speakers).
fn check(corpus: &Corpus, lang: Lang) -> String {
    let quotes: Vec<serde_json::Value> = (0..corpus.quotes.len()).map(|index| quote_data(corpus, index)).collect();
    let konjunktiv: Vec<(&str, &str)> = (find::words::KONJUNKTIV_TSV.lines())
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .collect();
    let names = find::Names::with_speakers(corpus.facts.identities.people.iter().map(|p| p.name.as_str()));
    let data = serde_json::json!({
        "threshold": find::THRESHOLD,
        "min_contained": find::index::MIN_CONTAINED,
        "endings": find::words::ENDINGS,
        "min_stem": find::words::MIN_STEM,
        "konjunktiv": konjunktiv,
        "meaning": &*find::verdict::RULES,
        "names": names.keys().collect::<Vec<_>>(),
        "titles": crate::identity::TITLES,
        "role_suffixes": crate::lexicon::ROLE_SUFFIXES.list(),
        "quotes": quotes,
    });
    format!(
        "<section id=\"check\">\n<h2>{}</h2>\n<form id=\"check-form\" autocomplete=\"off\">\
         <input id=\"claim\" type=\"search\" placeholder=\"{}\" aria-label=\"{}\"> \
         <input id=\"claimed-speaker\" type=\"text\" placeholder=\"{}\" aria-label=\"{}\"> \
         <button type=\"submit\">{}</button> <span class=\"hint\">{}</span></form>\n<div id=\"matches\"></div>\n\
         <div id=\"find-data\" hidden>{}</div>\n</section>\n",
        lang.pick("Zitat prüfen", "Check a quote"),
        lang.pick("ein angebliches Zitat …", "a claimed quotation…"),
        lang.pick("angebliches Zitat", "claimed quotation"),
        lang.pick("gesagt von (optional)", "said by (optional)"),
        lang.pick("gesagt von", "said by"),
        lang.pick("Prüfen", "Check"),
        lang.pick(
            "findet das Zitat, auch umformuliert, sagt, wer es sagte, und ob die Bedeutung dieselbe ist",
            "finds the quotation however it was reworded, who said it, and whether the meaning is the same"
        ),
        escape(&data.to_string())
    )
}

/// One quotation as the page's scripts see it: what the check matches and shows, and
/// what the filters test and the export writes.
fn quote_data(corpus: &Corpus, index: usize) -> serde_json::Value {
    let q = &corpus.quotes[index];
    let doc = &corpus.docs[q.doc];
    let person = corpus.speaker_of(index);
    serde_json::json!({
        "wording": q.quote.text,
        "speaker_id": person.map(|p| &p.id),
        "speaker_name": person.map(|p| &p.name),
        "speaker_text": q.speaker.as_ref().map(|s| &s.text),
        "speaker_ids": corpus.speakers_of(index).iter().map(|p| &p.id).collect::<Vec<_>>(),
        "canonical": corpus.canonical_of(index),
        "kind": q.speaker_kind.map(SpeakerKind::as_str),
        "name_confidence": q.speaker_name_confidence.map(|c| (f64::from(c) * 100.0).round() / 100.0),
        "cue": q.cue.as_ref().map(|c| &c.text),
        "doc": doc.id,
        "id": corpus.quote_id(q),
        "title": doc.title,
        "date": doc.date,
        "day": doc.date.as_deref().and_then(day),
        "type": q.kind.as_str(),
        "confidence": (f64::from(q.confidence) * 100.0).round() / 100.0,
        "cluster": corpus.cluster_of(index),
        "href": doc.page.as_ref().map(|page| format!("{page}#q{}", q.number)),
    })
}

/// The filters (type, speaker kind, confidence, date, words) and the export of what they
/// let through; `site.js` applies them to every quotation of the page.
fn filters(corpus: &Corpus, lang: Lang) -> String {
    let mut out = format!(
        "<section id=\"filters\">\n<h2>{}</h2>\n<form id=\"filter-form\" autocomplete=\"off\">\n<fieldset><legend>{}</legend>",
        lang.pick("Filter und Export", "Filters and export"),
        lang.pick("Art", "Type"),
    );
    for kind in QuoteType::ALL {
        let _ = write!(out, "<label><input type=\"checkbox\" name=\"type\" value=\"{}\" checked> {}</label> ", kind.as_str(), type_chip(kind, lang));
    }
    let _ = write!(out, "</fieldset>\n<fieldset><legend>{}</legend>", lang.pick("Sprecher", "Speaker"));
    let kinds = SpeakerKind::ALL.into_iter().map(|k| (k.as_str(), kind_name(lang, Some(k)))).chain([("none", kind_name(lang, None))]);
    for (value, name) in kinds {
        let _ = write!(out, "<label><input type=\"checkbox\" name=\"kind\" value=\"{value}\" checked> {name}</label> ");
    }
    let (from, to) = date_range(corpus);
    let _ = write!(
        out,
        "</fieldset>\n<fieldset><legend>{}</legend><label>{} <input type=\"number\" name=\"min\" min=\"0\" max=\"1\" step=\"0.05\" value=\"0\"></label> \
         <label>{} <input type=\"number\" name=\"names\" min=\"0\" max=\"1\" step=\"0.05\" value=\"0\"></label></fieldset>\n\
         <fieldset><legend>{}</legend><label>{} <input type=\"date\" name=\"from\" min=\"{from}\" max=\"{to}\"></label> \
         <label>{} <input type=\"date\" name=\"to\" min=\"{from}\" max=\"{to}\"></label></fieldset>\n\
         <fieldset><legend>{}</legend><input type=\"search\" name=\"q\" placeholder=\"{}\" aria-label=\"{}\"></fieldset>\n\
         <p class=\"filter-result\"><output id=\"filter-count\">{}</output> \
         <button type=\"button\" id=\"export\">{}</button> <button type=\"reset\">{}</button></p>\n</form>\n</section>\n",
        lang.pick("Konfidenz", "Confidence"),
        lang.pick("ab", "at least"),
        lang.pick("Namen ab", "names at least"),
        lang.pick("Datum", "Date"),
        lang.pick("von", "from"),
        lang.pick("bis", "to"),
        lang.pick("Suche", "Search"),
        lang.pick("Name, Wort, Artikel …", "name, word, article…"),
        lang.pick("Sprecher, Zitat oder Artikel enthält", "speaker, quotation or article contains"),
        count(corpus.quotes.len(), quotations_word(lang)),
        lang.pick("Gefilterte Zitate als CSV", "Export the filtered quotations (CSV)"),
        lang.pick("Zurücksetzen", "Reset"),
    );
    out
}

/// The first and last day of the corpus's dated articles (empty when none is dated).
fn date_range(corpus: &Corpus) -> (&str, &str) {
    let days: BTreeSet<&str> = corpus.docs.iter().filter_map(|d| d.date.as_deref().and_then(day)).collect();
    (days.first().copied().unwrap_or(""), days.last().copied().unwrap_or(""))
}

/// A link to a quotation's anchor on its article page.
fn quote_href(corpus: &Corpus, q: &QuoteRecord) -> Option<String> {
    corpus.docs[q.doc].page.as_ref().map(|page| format!("{}#q{}", escape(page), q.number))
}

fn doc_label(corpus: &Corpus, q: &QuoteRecord) -> String {
    let doc = &corpus.docs[q.doc];
    escape(doc.title.as_deref().unwrap_or(&doc.id))
}

/// The day of a quotation's article, for ordering (undated last).
fn day_of<'c>(corpus: &'c Corpus, q: usize) -> Option<&'c str> {
    corpus.docs[corpus.quotes[q].doc].date.as_deref().and_then(day)
}

/// The speakers, people apart from organisations, documents and unnamed sources: one table
/// each, one row per speaker. A quotation by several people („Stoltenberg und Scholz“) is
/// in each one's row.
fn speakers(corpus: &Corpus, lang: Lang) -> String {
    let people = &corpus.facts.identities.people;
    let mut quotes_of: Vec<Vec<usize>> = vec![Vec::new(); people.len()];
    for (index, persons) in corpus.facts.identities.all_of.iter().enumerate() {
        for &p in persons {
            quotes_of[p].push(index);
        }
    }
    let mut out = format!(
        "<section id=\"speakers\">\n<h2>{}</h2>\n<p class=\"hint\">{}</p>\n",
        lang.pick("Sprecher", "Speakers"),
        lang.pick("Spalte anklicken zum Sortieren; ein Name öffnet seine Zitate", "click a column to sort; a name opens its quotations"),
    );
    for kind in SpeakerKind::ALL {
        let mut order: Vec<usize> = (0..people.len()).filter(|&p| people[p].kind == kind).collect();
        if order.is_empty() {
            continue;
        }
        order.sort_by_key(|&p| (std::cmp::Reverse(quotes_of[p].len()), p));
        out.push_str(&speaker_table(corpus, kind, &order, &quotes_of, lang));
    }
    out.push_str("</section>\n");
    out
}

fn speaker_table(corpus: &Corpus, kind: SpeakerKind, order: &[usize], quotes_of: &[Vec<usize>], lang: Lang) -> String {
    let mut out = format!(
        "<div class=\"kind-group\" data-kind=\"{}\">\n<h3>{} <span class=\"n\">({})</span></h3>\n<table class=\"sortable speakers\">\n\
         <thead><tr><th data-sort=\"text\">{}</th><th data-sort=\"text\">ID</th><th data-sort=\"num\">{}</th><th data-sort=\"num\">{}</th>",
        kind.as_str(),
        kind_heading(lang, kind),
        order.len(),
        lang.pick("Name", "name"),
        lang.pick("Zitate", "quotations"),
        lang.pick("Artikel", "articles"),
    );
    for kind in QuoteType::ALL {
        let _ = write!(out, "<th data-sort=\"num\" class=\"type\">{}</th>", type_chip(kind, lang));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for &p in order {
        out.push_str(&speaker_row(corpus, p, &quotes_of[p], lang));
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    out
}

/// The speaker's row and, on the same line, the full-width row of their quotations that
/// the name opens (one table row each, newest last).
fn speaker_row(corpus: &Corpus, p: usize, quotes: &[usize], lang: Lang) -> String {
    let person = &corpus.facts.identities.people[p];
    let articles: BTreeSet<usize> = quotes.iter().map(|&q| corpus.quotes[q].doc).collect();
    let id = escape(&person.id);
    // The forms as written, where they say more than the name.
    let forms = match person.variants.as_slice() {
        [only] if *only == person.name => String::new(),
        forms => format!(
            "<div class=\"forms\">{}: {}</div>",
            lang.pick("geschrieben als", "written as"),
            forms.iter().map(|v| escape(v)).collect::<Vec<_>>().join(" · ")
        ),
    };
    let mut out = format!(
        "<tr id=\"p-{id}\" class=\"speaker\"><td><button type=\"button\" class=\"open\" aria-expanded=\"false\" aria-controls=\"quotes-p-{id}\">{name}</button>\
         {forms}</td><td><code>{id}</code></td><td class=\"count\" data-total=\"{n}\">{n}</td><td>{a}</td>",
        name = escape(&person.name),
        n = quotes.len(),
        a = articles.len(),
    );
    for kind in QuoteType::ALL {
        let _ = write!(out, "<td>{}</td>", quotes.iter().filter(|&&q| corpus.quotes[q].kind == kind).count());
    }
    let _ = write!(out, "</tr><tr class=\"quotes\" id=\"quotes-p-{id}\" hidden><td colspan=\"{}\">", 4 + QuoteType::ALL.len());
    out.push_str(&quote_list(corpus, quotes, lang));
    out.push_str("</td></tr>\n");
    out
}

/// A speaker's quotations in order of their articles' dates (undated last), each row
/// carrying its corpus index for the filters.
fn quote_list(corpus: &Corpus, quotes: &[usize], lang: Lang) -> String {
    let mut ordered = quotes.to_vec();
    ordered.sort_by_key(|&q| (day_of(corpus, q).is_none(), day_of(corpus, q), q));
    let mut out = format!(
        "<table class=\"speaker-quotes\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        lang.pick("Datum", "date"),
        lang.pick("Artikel", "article"),
        lang.pick("Art", "type"),
        role_name(lang, "quote"),
        lang.pick("Konfidenz", "confidence"),
    );
    for q in ordered {
        let quote = &corpus.quotes[q];
        let _ = write!(
            out,
            "<tr data-q=\"{q}\"><td class=\"date\">{day}</td><td><a href=\"{link}\">{doc}</a></td><td>{chip}</td><td class=\"qtext\">{text}</td><td class=\"conf\">{conf}</td></tr>",
            day = day_of(corpus, q).unwrap_or(""),
            link = quote_href(corpus, quote).unwrap_or_default(),
            doc = doc_label(corpus, quote),
            chip = type_chip(quote.kind, lang),
            text = escape(&quote.quote.text),
            conf = decimal(quote.confidence, lang),
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// Each cluster with where and when it was first seen and its variants side by side, the
/// first seen first: it is the reference, the others have the words that differ from it
/// marked, and it has those that differ from the first variant with other words.
fn clusters(corpus: &Corpus, lang: Lang) -> String {
    let mut out = format!("<section id=\"clusters\">\n<h2>{}</h2>\n", lang.pick("Zitatvarianten", "Quote variants"));
    if corpus.facts.clusters.members.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"none\">{}</p>",
            lang.pick("Keine Aussage wird in mehr als einem Artikel zitiert.", "No statement is quoted in more than one article.")
        );
    }
    for (c, members) in corpus.facts.clusters.members.iter().enumerate() {
        out.push_str(&cluster(corpus, c, &shown_order(corpus, members), lang));
    }
    out.push_str("</section>\n");
    out
}

/// A cluster's quotations first seen first (by their articles' dates, undated last), one
/// of each article before the second of any: the outlets are what a cluster compares, and a
/// statement repeated within one article would push the others out of the shown variants.
fn shown_order(corpus: &Corpus, members: &[usize]) -> Vec<usize> {
    let mut by_date = members.to_vec();
    by_date.sort_by_key(|&q| (day_of(corpus, q).is_none(), day_of(corpus, q), q));
    let mut seen = BTreeSet::new();
    let (mut firsts, mut repeats): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for q in by_date {
        if seen.insert(corpus.quotes[q].doc) { firsts.push(q) } else { repeats.push(q) }
    }
    firsts.extend(repeats);
    firsts
}

fn cluster(corpus: &Corpus, c: usize, members: &[usize], lang: Lang) -> String {
    let articles: BTreeSet<usize> = members.iter().map(|&q| corpus.quotes[q].doc).collect();
    let reference = &corpus.quotes[members[0]].quote.text;
    let differing = members.iter().map(|&q| &corpus.quotes[q].quote.text).find(|t| diff_words(reference, t).iter().any(|(_, d)| *d));
    let mut out = format!(
        "<div class=\"cluster\" id=\"{id}\"><h3>{id} · {n} in {a}{tag}</h3>\n{provenance}<div class=\"variants\">",
        id = cluster_id(c),
        n = count(members.len(), quotations_word(lang)),
        a = count(articles.len(), articles_word(lang)),
        tag = tags(differing.is_some(), speakers_differ(corpus, members), lang),
        provenance = provenance(corpus, members, articles.len(), lang),
    );
    for (k, &q) in members.iter().take(SHOWN_VARIANTS).enumerate() {
        let quote = &corpus.quotes[q];
        let against = if k == 0 { differing.map(String::as_str).unwrap_or(reference) } else { reference.as_str() };
        let words: Vec<String> = (diff_words(against, &quote.quote.text).into_iter())
            .map(|(w, changed)| if changed { format!("<mark class=\"diff\">{}</mark>", escape(&w)) } else { escape(&w) })
            .collect();
        let speaker = corpus.canonical_of(q).map(|name| escape(&name)).unwrap_or_else(|| lang.pick("ohne genannten Sprecher", "no named speaker").into());
        let _ = write!(
            out,
            "<figure class=\"variant\" data-q=\"{q}\"><blockquote>{}</blockquote><figcaption>{speaker}, <a href=\"{}\">{}</a>{} {}</figcaption></figure>",
            words.join(" "),
            quote_href(corpus, quote).unwrap_or_default(),
            doc_label(corpus, quote),
            day_of(corpus, q).map(|d| format!(" <span class=\"date\">({d})</span>")).unwrap_or_default(),
            type_chip(quote.kind, lang),
        );
    }
    if members.len() > SHOWN_VARIANTS {
        let more = members.len() - SHOWN_VARIANTS;
        let _ = write!(out, "<p class=\"more\">{}</p>", lang.pick(format!("und {more} weitere"), format!("and {more} more")));
    }
    out.push_str("</div></div>\n");
    out
}

/// Where and when a statement was first quoted (the earliest dated article, else the first
/// in the corpus), in how many articles, and when last: the first member is the first seen.
fn provenance(corpus: &Corpus, members: &[usize], articles: usize, lang: Lang) -> String {
    let first = &corpus.quotes[members[0]];
    let when = match day_of(corpus, members[0]) {
        Some(day) => format!(" {} {day}", lang.pick("am", "on")),
        None => format!(" ({})", lang.pick("ohne Datum", "undated")),
    };
    let last = members.iter().filter_map(|&q| day_of(corpus, q)).max().filter(|&d| Some(d) != day_of(corpus, members[0]));
    format!(
        "<p class=\"provenance\">{} <a href=\"{}\">{}</a>{when} · {} {}{}</p>\n",
        lang.pick("Zuerst gesehen in", "First seen in"),
        quote_href(corpus, first).unwrap_or_default(),
        doc_label(corpus, first),
        lang.pick("zitiert in", "quoted in"),
        count(articles, articles_word(lang)),
        last.map(|d| format!(", {} {d}", lang.pick("zuletzt am", "last on"))).unwrap_or_default(),
    )
}

/// Whether the variants are attributed to different people: two of them name speakers of
/// whom they share none (compared by speaker id; unnamed sources say nothing about who).
fn speakers_differ(corpus: &Corpus, members: &[usize]) -> bool {
    let people = &corpus.facts.identities.people;
    let named: Vec<BTreeSet<usize>> = (members.iter())
        .map(|&q| corpus.facts.identities.all_of[q].iter().copied().filter(|&p| people[p].kind != SpeakerKind::Unnamed).collect())
        .filter(|set: &BTreeSet<usize>| !set.is_empty())
        .collect();
    named.iter().enumerate().any(|(i, a)| named[i + 1..].iter().any(|b| a.is_disjoint(b)))
}

/// What a fact-checker should look at in a cluster.
fn tags(wording_differs: bool, speakers_differ: bool, lang: Lang) -> String {
    let mut out = String::new();
    if wording_differs {
        let _ = write!(out, " · <span class=\"differs\">{}</span>", lang.pick("Wortlaut weicht ab", "wording differs"));
    }
    if speakers_differ {
        let _ = write!(
            out,
            " · <span class=\"differs\">{}</span>",
            lang.pick("verschiedenen Personen zugeschrieben", "attributed to different speakers")
        );
    }
    out
}

fn articles(corpus: &Corpus, lang: Lang) -> String {
    let mut counts = vec![0usize; corpus.docs.len()];
    for q in &corpus.quotes {
        counts[q.doc] += 1;
    }
    let mut out = format!(
        "<section id=\"articles\">\n<h2>{}</h2>\n<table class=\"sortable\" id=\"article-table\">\n<thead><tr><th data-sort=\"text\">{}</th>\
         <th data-sort=\"text\">{}</th><th data-sort=\"num\">{}</th></tr></thead>\n<tbody>\n",
        lang.pick("Artikel", "Articles"),
        lang.pick("Artikel", "article"),
        lang.pick("Datum", "date"),
        lang.pick("Zitate", "quotations"),
    );
    for (d, doc) in corpus.docs.iter().enumerate() {
        let label = escape(doc.title.as_deref().unwrap_or(&doc.id));
        let link = match &doc.page {
            Some(page) => format!("<a href=\"{}\">{label}</a>", escape(page)),
            None => label,
        };
        // The id beside the title, which a fact-checker cites; alone when there is no title.
        let id = match &doc.title {
            Some(_) => format!(" <code>{}</code>", escape(&doc.id)),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr data-day=\"{}\"><td>{link}{id}</td><td>{}</td><td>{}</td></tr>",
            doc.date.as_deref().and_then(day).unwrap_or(""),
            escape(doc.date.as_deref().unwrap_or("")),
            counts[d]
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}
