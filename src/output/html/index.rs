//! The site's index page: corpus summary, speaker index, article list, quote clusters.

use super::{escape, foot, head};
use crate::cluster::{cluster_id, diff_words};
use crate::document::QuoteType;
use crate::find;
use crate::output::record::{Corpus, QuoteRecord};
use std::collections::BTreeSet;
use std::fmt::Write;

/// Variants shown per cluster; the rest are counted.
const SHOWN_VARIANTS: usize = 12;

pub fn render(corpus: &Corpus) -> String {
    let mut page = head("zitat: who said what", "");
    page.push_str("<body class=\"index\">\n<header>\n<h1>Who said what</h1>\n");
    page.push_str(&summary(corpus));
    page.push_str(
        "<nav><a href=\"#check\">Check a quote</a> · <a href=\"#speakers\">Speakers</a> · \
         <a href=\"#clusters\">Quote variants</a> · <a href=\"#articles\">Articles</a></nav>\n</header>\n<main>\n",
    );
    page.push_str(&check(corpus));
    page.push_str(&speakers(corpus));
    page.push_str(&clusters(corpus));
    page.push_str(&articles(corpus));
    page.push_str("</main>\n");
    page.push_str(&foot(""));
    page
}

/// The "check a quote" box and the quotations it searches, as JSON in a hidden element
/// (escaped like every text, so no quotation can end it), with the matching's rules and
/// the verdict's (its word table and the names of the corpus's speakers).
fn check(corpus: &Corpus) -> String {
    let quotes: Vec<serde_json::Value> = (corpus.quotes.iter().enumerate())
        .map(|(index, q)| {
            let doc = &corpus.docs[q.doc];
            let person = corpus.speaker_of(index);
            serde_json::json!({
                "wording": q.quote.text,
                "speaker_id": person.map(|p| &p.id),
                "speaker_name": person.map(|p| &p.name),
                "speaker_text": q.speaker.as_ref().map(|s| &s.text),
                "doc": doc.id,
                "id": corpus.quote_id(q),
                "title": doc.title,
                "date": doc.date,
                "type": q.kind.as_str(),
                "href": doc.page.as_ref().map(|page| format!("{page}#q{}", q.number)),
            })
        })
        .collect();
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
        "<section id=\"check\">\n<h2>Check a quote</h2>\n<form id=\"check-form\" autocomplete=\"off\">\
         <input id=\"claim\" type=\"search\" placeholder=\"a claimed quotation…\" aria-label=\"claimed quotation\"> \
         <input id=\"claimed-speaker\" type=\"text\" placeholder=\"said by (optional)\" aria-label=\"said by\"> \
         <button type=\"submit\">Check</button> <span class=\"hint\">finds the quotation however it was reworded, \
         and who said it</span></form>\n<div id=\"matches\"></div>\n<div id=\"find-data\" hidden>{}</div>\n</section>\n",
        escape(&data.to_string())
    )
}

fn summary(corpus: &Corpus) -> String {
    let mut out = format!(
        "<p class=\"summary\">{} · {} · {} · {}<br>",
        count(corpus.docs.len(), "article", "articles"),
        count(corpus.quotes.len(), "quotation", "quotations"),
        count(corpus.facts.identities.people.len(), "speaker", "speakers"),
        count(corpus.facts.clusters.members.len(), "quote cluster", "quote clusters"),
    );
    for kind in QuoteType::ALL {
        let n = corpus.quotes.iter().filter(|q| q.kind == kind).count();
        let _ = write!(out, "<span class=\"chip t-{0}\">{0}</span> {n} ", kind.as_str());
    }
    out.push_str("</p>\n");
    out
}

/// A link to a quotation's anchor on its article page.
fn quote_href(corpus: &Corpus, q: &QuoteRecord) -> Option<String> {
    corpus.docs[q.doc].page.as_ref().map(|page| format!("{}#q{}", escape(page), q.number))
}

fn doc_label(corpus: &Corpus, q: &QuoteRecord) -> String {
    let doc = &corpus.docs[q.doc];
    escape(doc.title.as_deref().unwrap_or(&doc.id))
}

/// One row per person: counts by type, articles, and the quotations themselves (folded).
/// A quotation by several people („Stoltenberg und Scholz“) is in each one's row.
fn speakers(corpus: &Corpus) -> String {
    let mut quotes_of: Vec<Vec<usize>> = vec![Vec::new(); corpus.facts.identities.people.len()];
    for (index, people) in corpus.facts.identities.all_of.iter().enumerate() {
        for &p in people {
            quotes_of[p].push(index);
        }
    }
    let mut out = String::from(
        "<section id=\"speakers\">\n<h2>Speakers</h2>\n\
         <p><input id=\"filter\" type=\"search\" placeholder=\"filter speakers…\" aria-label=\"filter speakers\"> \
         <span class=\"hint\">click a column to sort; a name opens its quotations</span></p>\n\
         <table class=\"sortable\" id=\"speaker-table\">\n<thead><tr><th data-sort=\"text\">person</th><th data-sort=\"text\">id</th>\
         <th data-sort=\"num\">quotations</th><th data-sort=\"num\">articles</th>",
    );
    for kind in QuoteType::ALL {
        let _ = write!(out, "<th data-sort=\"num\">{}</th>", kind.as_str());
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let mut order: Vec<usize> = (0..quotes_of.len()).collect();
    order.sort_by_key(|&p| (std::cmp::Reverse(quotes_of[p].len()), p));
    for p in order {
        out.push_str(&speaker_row(corpus, p, &quotes_of[p]));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

fn speaker_row(corpus: &Corpus, p: usize, quotes: &[usize]) -> String {
    let person = &corpus.facts.identities.people[p];
    let articles: BTreeSet<usize> = quotes.iter().map(|&q| corpus.quotes[q].doc).collect();
    let forms = person.variants.iter().map(|v| escape(v)).collect::<Vec<_>>().join(" · ");
    let mut out = format!(
        "<tr id=\"p-{id}\" class=\"speaker\"><td><details><summary>{name}</summary><p class=\"forms\">written as: {forms}</p><ol>",
        id = escape(&person.id),
        name = escape(&person.name),
    );
    for &q in quotes {
        let quote = &corpus.quotes[q];
        let link = quote_href(corpus, quote).unwrap_or_default();
        let _ = write!(
            out,
            "<li><span class=\"chip t-{kind}\">{kind}</span> <a href=\"{link}\">{doc}</a>: {text}</li>",
            kind = quote.kind.as_str(),
            doc = doc_label(corpus, quote),
            text = escape(&quote.quote.text),
        );
    }
    let _ = write!(out, "</ol></details></td><td><code>{}</code></td><td>{}</td><td>{}</td>", escape(&person.id), quotes.len(), articles.len());
    for kind in QuoteType::ALL {
        let _ = write!(out, "<td>{}</td>", quotes.iter().filter(|&&q| corpus.quotes[q].kind == kind).count());
    }
    out.push_str("</tr>\n");
    out
}

/// Each cluster with its variants side by side; the first variant is the reference, the
/// others have the words that differ from it marked, and it has those that differ from
/// the first variant with other words.
fn clusters(corpus: &Corpus) -> String {
    let mut out = String::from("<section id=\"clusters\">\n<h2>Quote variants</h2>\n");
    if corpus.facts.clusters.members.is_empty() {
        out.push_str("<p class=\"none\">No statement is quoted in more than one article.</p>\n");
    }
    for (c, members) in corpus.facts.clusters.members.iter().enumerate() {
        out.push_str(&cluster(corpus, c, members));
    }
    out.push_str("</section>\n");
    out
}

fn cluster(corpus: &Corpus, c: usize, members: &[usize]) -> String {
    let articles: BTreeSet<usize> = members.iter().map(|&q| corpus.quotes[q].doc).collect();
    let reference = &corpus.quotes[members[0]].quote.text;
    let speakers: BTreeSet<&[usize]> = members.iter().map(|&q| corpus.facts.identities.all_of[q].as_slice()).collect();
    let differing = members.iter().map(|&q| &corpus.quotes[q].quote.text).find(|t| diff_words(reference, t).iter().any(|(_, d)| *d));
    let mut out = format!(
        "<div class=\"cluster\" id=\"{id}\"><h3>{id} · {n} in {a}{tag}</h3>\n<div class=\"variants\">",
        id = cluster_id(c),
        n = count(members.len(), "quotation", "quotations"),
        a = count(articles.len(), "article", "articles"),
        tag = tags(differing.is_some(), speakers.len() > 1),
    );
    for (k, &q) in members.iter().take(SHOWN_VARIANTS).enumerate() {
        let quote = &corpus.quotes[q];
        let against = if k == 0 { differing.map(String::as_str).unwrap_or(reference) } else { reference.as_str() };
        let words: Vec<String> = (diff_words(against, &quote.quote.text).into_iter())
            .map(|(w, changed)| if changed { format!("<mark class=\"diff\">{}</mark>", escape(&w)) } else { escape(&w) })
            .collect();
        let speaker = corpus.canonical_of(q).map(|name| escape(&name)).unwrap_or_else(|| "—".into());
        let _ = write!(
            out,
            "<figure class=\"variant\"><blockquote>{}</blockquote><figcaption>{speaker}, <a href=\"{}\">{}</a> <span class=\"chip t-{kind}\">{kind}</span></figcaption></figure>",
            words.join(" "),
            quote_href(corpus, quote).unwrap_or_default(),
            doc_label(corpus, quote),
            kind = quote.kind.as_str(),
        );
    }
    if members.len() > SHOWN_VARIANTS {
        let _ = write!(out, "<p class=\"more\">and {} more</p>", members.len() - SHOWN_VARIANTS);
    }
    out.push_str("</div></div>\n");
    out
}

/// What a fact-checker should look at in a cluster.
fn tags(wording_differs: bool, speakers_differ: bool) -> String {
    let mut out = String::new();
    if wording_differs {
        out.push_str(" · <span class=\"differs\">wording differs</span>");
    }
    if speakers_differ {
        out.push_str(" · <span class=\"differs\">attributed to different speakers</span>");
    }
    out
}

/// `<b>n</b> things`, singular for one.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("<b>{n}</b> {}", if n == 1 { one } else { many })
}

fn articles(corpus: &Corpus) -> String {
    let mut counts = vec![0usize; corpus.docs.len()];
    for q in &corpus.quotes {
        counts[q.doc] += 1;
    }
    let mut out = String::from(
        "<section id=\"articles\">\n<h2>Articles</h2>\n<table class=\"sortable\">\n<thead><tr><th data-sort=\"text\">article</th>\
         <th data-sort=\"text\">date</th><th data-sort=\"num\">quotations</th></tr></thead>\n<tbody>\n",
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
            "<tr><td>{link}{id}</td><td>{}</td><td>{}</td></tr>",
            escape(doc.date.as_deref().unwrap_or("")),
            counts[d]
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}
