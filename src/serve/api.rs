//! The routes and their handlers.
//!
//! Quotation records are the lines `zitat run` writes ([`crate::output::jsonl::records`]),
//! byte for byte: the same fields, the same character offsets into the text as sent.

use super::batch::{AnnotateError, Annotator, Pending};
use super::error::ApiError;
use super::limits::{self, Admission};
use super::log::{self, LoggedAtEnd, Quotations};
use super::{page, Config, EngineInfo};
use crate::document::{Document, Metadata};
use crate::ingest::{jsonl, text};
use crate::output;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};
use serde::Deserialize;
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{mpsc, OwnedSemaphorePermit};

/// The id of a `/v1/attribute` document sent without one (it appears in `doc` and `id`).
pub const DEFAULT_ID: &str = "text";

/// What every handler shares.
pub struct AppState {
    annotator: Annotator,
    admission: Admission,
    config: Config,
    info: EngineInfo,
}

impl AppState {
    /// `admission` should be the one whose count the annotator's batching consults.
    pub fn new(annotator: Annotator, admission: Admission, config: Config, info: EngineInfo) -> Self {
        AppState { annotator, admission, config, info }
    }
}

type Shared = State<Arc<AppState>>;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/v1/info", get(info))
        .route("/v1/attribute", post(attribute))
        .route("/v1/batch", post(batch))
        .merge(page::routes())
        .merge(super::find::routes(state.config.corpus.clone()))
        .fallback(not_found)
        .layer(middleware::from_fn(log::log_request))
        .with_state(Arc::new(state))
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::NotFound(uri.path().to_owned())
}

async fn info(State(state): Shared) -> Response {
    let batching = &state.config.batching;
    let body = serde_json::json!({
        "zitat": env!("CARGO_PKG_VERSION"),
        "engine": state.info,
        "batching": {
            "window_ms": batching.window.as_secs_f64() * 1e3,
            "max_docs": batching.max_docs,
        },
        "limits": {
            "max_body_bytes": state.config.max_body_bytes,
            "timeout_s": state.config.timeout.as_secs_f64(),
            "queue": batching.queue,
        },
        "corpus": state.config.corpus.as_ref().map(|finder| serde_json::json!({
            "path": finder.corpus().display().to_string(),
            "quotations": finder.len(),
        })),
    });
    json_response(body.to_string())
}

fn json_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `POST /v1/attribute` with JSON or plain text.
#[derive(Deserialize)]
struct AttributeRequest {
    text: String,
    title: Option<String>,
    id: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

async fn attribute(State(state): Shared, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let _permit = state.admission.admit()?;
    limits::within(state.config.timeout, async {
        let bytes = limits::read_body(body, &headers, state.config.max_body_bytes).await?;
        let doc = attribute_document(&headers, bytes)?;
        let doc = if text::is_blank(&doc.text) { doc } else { state.annotator.annotate(doc).await? };
        Ok(quotations_response(&doc))
    })
    .await
}

/// The document a `/v1/attribute` body describes, by its content type.
fn attribute_document(headers: &HeaderMap, bytes: Vec<u8>) -> Result<Document, ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).map(|value| value.to_str().unwrap_or("(not ASCII)"));
    let media_type = content_type.map(|ct| ct.split(';').next().unwrap_or_default().trim().to_ascii_lowercase());
    match media_type.as_deref() {
        Some("application/json") => {
            let request: AttributeRequest = limits::json(bytes)?;
            let id = request.id.filter(|id| !id.trim().is_empty()).unwrap_or_else(|| DEFAULT_ID.into());
            let mut doc = Document::new(id, request.text);
            doc.meta = Metadata { title: request.title, date: request.date, url: request.url, document_name: None };
            Ok(doc)
        }
        // Plain text is read exactly as `zitat run` reads a .txt file.
        None | Some("text/plain") => {
            let text = text::decode_utf8(bytes).map_err(|problem| ApiError::BadInput(format!("the text/plain body: {problem}")))?;
            Ok(Document::new(DEFAULT_ID, text))
        }
        Some(_) => Err(ApiError::UnsupportedMediaType(content_type.unwrap_or_default().to_owned())),
    }
}

/// `{"quotations": [<record>, …]}`.
fn quotations_response(doc: &Document) -> Response {
    let records: Vec<String> = output::jsonl::records(doc);
    let mut response = json_response(format!("{{\"quotations\":[{}]}}", records.join(",")));
    response.extensions_mut().insert(Quotations(records.len()));
    response
}

/// `POST /v1/batch`: JSONL articles (`{"id", "text", "title"?, "date"?, "url"?}`, as
/// `zitat run` reads `.jsonl`) in; the quotation lines of every article out, in input
/// order, each article's lines sent as soon as it and all before it are annotated. An
/// article that fails is one line `{"doc": <id>, "error": <message>}` in its place.
async fn batch(State(state): Shared, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let started = Instant::now();
    let permit = state.admission.admit()?;
    let limit = state.config.max_body_bytes;
    let bytes = limits::within(state.config.timeout, limits::read_body(body, &headers, limit)).await?;
    let docs = batch_documents(&bytes)?;
    let (pending, results) = mpsc::channel(state.config.batching.max_docs.max(1));
    tokio::spawn(submit_all(state.annotator.clone(), docs, pending));
    let stream = BatchStream { results, state: Arc::clone(&state), started, quotations: 0, logged: false, _permit: permit };
    let body = Body::from_stream(futures_util::stream::unfold(stream, |mut stream| async move {
        let chunk = stream.next_chunk().await?;
        Some((Ok::<_, Infallible>(chunk), stream))
    }));
    let mut response = ([(header::CONTENT_TYPE, "application/x-ndjson")], body).into_response();
    response.extensions_mut().insert(LoggedAtEnd);
    Ok(response)
}

/// The articles of a JSONL body, all checked before anything is annotated: a bad line or
/// a repeated id refuses the request (400, naming the line). Blank lines are skipped, and
/// so are articles without text (which `zitat run` skips too).
fn batch_documents(bytes: &[u8]) -> Result<Vec<Document>, ApiError> {
    let mut first_line_of: HashMap<String, usize> = HashMap::new();
    let mut docs = Vec::new();
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = index + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let doc = jsonl::parse_article(line).map_err(|problem| ApiError::BadInput(format!("line {number}: {problem}")))?;
        if let Some(first) = first_line_of.insert(doc.id.clone(), number) {
            return Err(ApiError::BadInput(format!(
                "line {number}: the id {:?} was already used on line {first}; give every article a unique id",
                doc.id
            )));
        }
        if !text::is_blank(&doc.text) {
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// Queues the articles one after another (waiting while the queue is full) and hands their
/// pending results on in order; stops when the response is dropped.
async fn submit_all(annotator: Annotator, docs: Vec<Document>, pending: mpsc::Sender<(String, Result<Pending, AnnotateError>)>) {
    for doc in docs {
        let id = doc.id.clone();
        let submitted = annotator.submit(doc).await;
        let failed = submitted.is_err();
        if pending.send((id, submitted)).await.is_err() || failed {
            return;
        }
    }
}

/// The body of a batch response. Holds the request's admission permit until the last
/// line is sent (or the client goes away), and logs the request when it ends.
struct BatchStream {
    results: mpsc::Receiver<(String, Result<Pending, AnnotateError>)>,
    state: Arc<AppState>,
    started: Instant,
    quotations: usize,
    logged: bool,
    _permit: OwnedSemaphorePermit,
}

impl BatchStream {
    /// The lines of the next article; `None` after the last.
    async fn next_chunk(&mut self) -> Option<Bytes> {
        let Some((id, submitted)) = self.results.recv().await else {
            // Logged before the end of the body goes out, so the line precedes the client's
            // last read.
            self.log();
            return None;
        };
        let timeout = self.state.config.timeout;
        let result = match submitted {
            Ok(pending) => limits::within(timeout, async { Ok(pending.result().await?) }).await,
            Err(err) => Err(err.into()),
        };
        Some(Bytes::from(match result {
            Ok(doc) => {
                self.quotations += doc.quotations.len();
                output::jsonl::records(&doc).into_iter().map(|line| line + "\n").collect::<String>()
            }
            Err(err) => format!("{}\n", serde_json::json!({ "doc": id, "error": err.to_string() })),
        }))
    }

    fn log(&mut self) {
        if !self.logged {
            self.logged = true;
            log::line(&Method::POST, "/v1/batch", StatusCode::OK, self.started.elapsed(), Some(self.quotations));
        }
    }
}

/// A client that goes away mid-stream still gets its request logged.
impl Drop for BatchStream {
    fn drop(&mut self) {
        self.log();
    }
}
