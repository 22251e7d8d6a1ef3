//! The page at `GET /`: paste a German article, see its quotations marked by type, with
//! their speakers and cues; and check a quote against the corpus of `--corpus`
//! (`check.js` asks `GET /v1/find`, `find.js` shows the matches, as the review site does).
//!
//! Plain files, compiled in: `index.html` and `page.css` are the page, `app.js` and
//! `check.js` its scripts; the quotation renderer, the check's matcher and the words for
//! types and roles are the review site's too ([`crate::assets`]). Everything from a request
//! or a text is put into the DOM as text nodes, never as markup, and the
//! Content-Security-Policy allows no inline script and nothing from elsewhere.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use crate::assets::{self, labels};
use std::sync::LazyLock;

const INDEX: &str = include_str!("index.html");
const PAGE_CSS: &str = include_str!("page.css");
const APP_JS: &str = include_str!("app.js");
const CHECK_JS: &str = include_str!("check.js");
/// The page is German, as the news it reads.
static LABELS_JS: LazyLock<String> = LazyLock::new(|| labels::script(labels::Lang::De));

/// Same-origin scripts, styles and API calls only.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The page and its assets, under `/` and `/assets/`.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(|| async { html(INDEX) }))
        .route("/assets/page.css", get(|| async { asset("text/css; charset=utf-8", PAGE_CSS) }))
        .route("/assets/quotes.css", get(|| async { asset("text/css; charset=utf-8", assets::QUOTES_CSS) }))
        .route("/assets/labels.js", get(|| async { asset("text/javascript; charset=utf-8", LABELS_JS.as_str()) }))
        .route("/assets/quotes.js", get(|| async { asset("text/javascript; charset=utf-8", assets::QUOTES_JS) }))
        .route("/assets/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/assets/find.js", get(|| async { asset("text/javascript; charset=utf-8", assets::FIND_JS) }))
        .route("/assets/find.css", get(|| async { asset("text/css; charset=utf-8", assets::FIND_CSS) }))
        .route("/assets/check.js", get(|| async { asset("text/javascript; charset=utf-8", CHECK_JS) }))
}

fn html(body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::X_CONTENT_TYPE_OPTIONS, "nosniff")], body).into_response()
}
