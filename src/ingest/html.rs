//! HTML articles (`.html`, `.htm`): the article's main text and its title, date and url.
//!
//! The page is parsed by `scraper` (html5ever, the browsers' parsing algorithm), never by
//! patterns. The main text is the largest `<article>` (else `<main>`, `[role=main]`, the
//! body) without page furniture: navigation, header and footer, asides, forms, figures and
//! their captions, scripts, styles, comments, and elements whose class or id names
//! furniture (share, newsletter, related, advert, cookie, comments, …). Block elements
//! become paragraphs separated by a blank line, whitespace inside a paragraph collapses to
//! one space, and the headline leads, as in a `.txt` article. Offsets of the output refer to
//! this extracted text; `--format dataset` writes it (`originalText`).
//!
//! Metadata: the title from `og:title`, else `<title>`, else the first `<h1>`; the date
//! from `article:published_time`, `date`, `pubdate`, `datePublished` or a `<time
//! datetime>`; the url from `<link rel=canonical>`, else `og:url`.

use crate::document::{Document, Metadata};
use scraper::{ElementRef, Html, Node, Selector};

/// Elements that are never article text.
const FURNITURE_TAGS: &[&str] = &[
    "nav", "header", "footer", "aside", "form", "button", "figure", "figcaption", "script", "style", "noscript",
    "template", "iframe", "svg", "object", "select", "textarea", "menu", "dialog",
];

/// Words in a class or id that mark furniture (compared in lower case, as parts).
const FURNITURE_NAMES: &[&str] = &[
    "share", "social", "newsletter", "related", "teaser", "advert", "ad", "ads", "promo", "cookie", "consent",
    "comment", "comments", "breadcrumb", "breadcrumbs", "nav", "navigation", "menu", "footer", "header", "sidebar",
    "caption", "credit", "paywall", "subscribe", "banner", "toolbar", "skip",
];

/// Elements that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
    "pre", "table", "tr", "td", "th", "dl", "dt", "dd", "br", "hr", "address",
];

/// A document from an HTML page (see the module documentation).
pub fn read_html_document(id: &str, html: &str) -> Result<Document, String> {
    let page = Html::parse_document(html);
    let meta = metadata(&page);
    let container = main_container(&page).ok_or("the page has no body")?;
    let mut paragraphs = Paragraphs::default();
    collect(container, &mut paragraphs);
    let mut blocks = paragraphs.finish();
    if let Some(headline) = first_text(&page, "h1").filter(|h| !blocks.contains(h)) {
        blocks.insert(0, headline);
    }
    let mut doc = Document::new(id, blocks.join("\n\n") + "\n");
    doc.meta = meta;
    Ok(doc)
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the selectors of this module are valid")
}

fn metadata(page: &Html) -> Metadata {
    let meta = |css: &str, attribute: &str| {
        page.select(&selector(css))
            .find_map(|e| e.value().attr(attribute).map(|v| v.trim().to_string()).filter(|v| !v.is_empty()))
    };
    let title = meta("meta[property='og:title']", "content")
        .or_else(|| first_text(page, "title"))
        .or_else(|| first_text(page, "h1"));
    let date = meta("meta[property='article:published_time']", "content")
        .or_else(|| meta("meta[name='date'], meta[name='pubdate'], meta[itemprop='datePublished']", "content"))
        .or_else(|| meta("time[datetime]", "datetime"));
    let url = meta("link[rel='canonical']", "href").or_else(|| meta("meta[property='og:url']", "content"));
    Metadata { title, date, url, document_name: None }
}

/// The text of the first element matching `css`, whitespace collapsed.
fn first_text(page: &Html, css: &str) -> Option<String> {
    page.select(&selector(css)).map(|e| collapse(&e.text().collect::<String>())).find(|t| !t.is_empty())
}

/// The largest `<article>`, else the first `<main>` or `[role=main]`, else the body.
fn main_container(page: &Html) -> Option<ElementRef<'_>> {
    let text_len = |e: &ElementRef| e.text().map(str::len).sum::<usize>();
    page.select(&selector("article"))
        .max_by_key(text_len)
        .or_else(|| page.select(&selector("main, [role='main']")).next())
        .or_else(|| page.select(&selector("body")).next())
}

fn is_furniture(element: &ElementRef) -> bool {
    let value = element.value();
    if FURNITURE_TAGS.contains(&value.name()) || value.attr("hidden").is_some() || value.attr("aria-hidden") == Some("true") {
        return true;
    }
    let names = value.classes().chain(value.id());
    let parts = names.flat_map(|name| name.split(['-', '_']).map(str::to_lowercase).collect::<Vec<_>>());
    parts.into_iter().any(|part| FURNITURE_NAMES.contains(&part.as_str()))
}

/// Paragraphs being gathered: text runs, cut at block elements.
#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    current: String,
}

impl Paragraphs {
    fn cut(&mut self) {
        let text = collapse(&std::mem::take(&mut self.current));
        if !text.is_empty() {
            self.done.push(text);
        }
    }
    fn finish(mut self) -> Vec<String> {
        self.cut();
        self.done
    }
}

/// Text nodes under `element` in document order, skipping furniture (and comments, which
/// are not text nodes).
fn collect(element: ElementRef, out: &mut Paragraphs) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.current.push_str(text),
            Node::Element(_) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                if is_furniture(&child) {
                    continue;
                }
                let block = BLOCK_TAGS.contains(&child.value().name());
                if block {
                    out.cut();
                }
                collect(child, out);
                if block {
                    out.cut();
                }
            }
            _ => {}
        }
    }
}

/// Whitespace runs (newlines, NBSP included) become one space; ends are trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html>
<html lang="de"><head>
<title>Stadtrat beschließt Radweg | Lokalblatt</title>
<meta property="og:title" content="Stadtrat beschließt Radweg">
<meta property="article:published_time" content="2025-05-06T10:00:00+02:00">
<link rel="canonical" href="https://example.org/lokales/radweg">
<script>window.tracking = "„Das ist kein Artikeltext“, sagte der Tracker.";</script>
<style>p { color: red }</style>
</head><body>
<header class="site-header"><nav><a href="/">Start</a> <a href="/lokales">Lokales</a></nav></header>
<div class="cookie-banner">Wir verwenden Cookies. <button>OK</button></div>
<main>
<article>
<h1>Stadtrat beschließt Radweg</h1>
<p class="teaser-share"><a href="#">Teilen</a> <a href="#">Drucken</a></p>
<figure><img src="radweg.jpg"><figcaption>Der neue Radweg. Foto: Archiv</figcaption></figure>
<p>Kassel – Der Stadtrat hat am Montag den Bau eines neuen Radwegs beschlossen.
„Das ist ein guter Tag für alle, die mit dem Rad fahren“, sagte Bürgermeisterin Jana Keller.</p>
<!-- Anzeige: „Kaufen Sie jetzt“, sagte die Werbung. -->
<div class="ad-slot">Anzeige</div>
<p>Die Opposition kritisierte die Kosten&nbsp;von 2,5&nbsp;Mio. Euro.<br>Eine Klage sei möglich.</p>
<aside class="related"><h2>Mehr zum Thema</h2><ul><li>Radwege in Hessen</li></ul></aside>
</article>
</main>
<footer>© Lokalblatt 2025 · Impressum · Datenschutz</footer>
</body></html>"##;

    #[test]
    fn only_the_article_text_remains_with_its_metadata() {
        let doc = read_html_document("radweg.html", PAGE).unwrap();
        assert_eq!(
            doc.text,
            "Stadtrat beschließt Radweg\n\n\
             Kassel – Der Stadtrat hat am Montag den Bau eines neuen Radwegs beschlossen. „Das ist ein guter Tag für alle, \
             die mit dem Rad fahren“, sagte Bürgermeisterin Jana Keller.\n\n\
             Die Opposition kritisierte die Kosten von 2,5 Mio. Euro.\n\n\
             Eine Klage sei möglich.\n"
        );
        assert_eq!(doc.meta.title.as_deref(), Some("Stadtrat beschließt Radweg"));
        assert_eq!(doc.meta.date.as_deref(), Some("2025-05-06T10:00:00+02:00"));
        assert_eq!(doc.meta.url.as_deref(), Some("https://example.org/lokales/radweg"));
    }

    #[test]
    fn a_page_without_article_uses_the_body_and_the_title_tag() {
        let doc = read_html_document("x.htm", "<html><head><title> Kurz </title></head><body><nav>Menü</nav><p>Text eins.</p></body></html>").unwrap();
        assert_eq!(doc.text, "Text eins.\n");
        assert_eq!(doc.meta.title.as_deref(), Some("Kurz"));
        assert_eq!(doc.meta.url, None);
    }
}
