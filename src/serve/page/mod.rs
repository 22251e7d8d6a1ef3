//! The page at `GET /`: paste a German article, see its quotations marked by type, with
//! their speakers and cues; and check a quote against the corpus of `--corpus`
//! (`check.js` asks `GET /v1/find`, `find.js` shows the matches, as the review site does).
//!
//! Plain files, compiled in: `index.html` and `page.css` are the page; `quotes.js` and
//! `quotes.css` are the quotation renderer, which depends on nothing but the records
//! `zitat run` writes and the text they point into, so a static review site can load the
//! same two files. Everything from a request or a text is put into the DOM as text nodes,
//! never as markup, and the Content-Security-Policy allows no inline script and nothing
//! from elsewhere.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

const INDEX: &str = include_str!("index.html");
const PAGE_CSS: &str = include_str!("page.css");
const APP_JS: &str = include_str!("app.js");
const CHECK_JS: &str = include_str!("check.js");
/// The "check a quote" renderer and matcher, shared with the review site.
pub const FIND_JS: &str = include_str!("find.js");
pub const FIND_CSS: &str = include_str!("find.css");
/// The shared quotation renderer.
pub const QUOTES_JS: &str = include_str!("quotes.js");
pub const QUOTES_CSS: &str = include_str!("quotes.css");

/// Same-origin scripts, styles and API calls only.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The page and its assets, under `/` and `/assets/`.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(|| async { html(INDEX) }))
        .route("/assets/page.css", get(|| async { asset("text/css; charset=utf-8", PAGE_CSS) }))
        .route("/assets/quotes.css", get(|| async { asset("text/css; charset=utf-8", QUOTES_CSS) }))
        .route("/assets/quotes.js", get(|| async { asset("text/javascript; charset=utf-8", QUOTES_JS) }))
        .route("/assets/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/assets/find.js", get(|| async { asset("text/javascript; charset=utf-8", FIND_JS) }))
        .route("/assets/find.css", get(|| async { asset("text/css; charset=utf-8", FIND_CSS) }))
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
