//! Every refusal of the API, with its HTTP status, as `{"error": "<message>"}`.
//!
//! Messages name the problem and what to do about it, as zitat's command-line errors do;
//! a client shows them to a person.

use super::batch::AnnotateError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How long a client is asked to wait after a 503 (`Retry-After`, seconds).
pub const RETRY_AFTER_SECONDS: u64 = 1;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the request body is larger than the limit of {limit} bytes (zitat serve --max-body-mb); send fewer or shorter articles per request")]
    TooLarge { limit: usize },
    #[error("the request body is not UTF-8: {0}")]
    NotUtf8(String),
    #[error("malformed JSON: {0}; send an object like {{\"text\": \"…\", \"title\": \"…\", \"id\": \"…\"}}")]
    MalformedJson(String),
    #[error("{0}")]
    BadInput(String),
    #[error("cannot read the request body: {0}")]
    Body(String),
    #[error("unsupported content type {0:?}: send application/json ({{\"text\": \"…\"}}) or text/plain")]
    UnsupportedMediaType(String),
    #[error("the server is busy ({0} requests in progress or waiting); retry shortly")]
    Busy(usize),
    #[error("the request took longer than the limit of {} s (zitat serve --timeout-s)", .0.as_secs_f64())]
    TimedOut(Duration),
    #[error(transparent)]
    Annotate(#[from] AnnotateError),
    #[error("no such resource: {0}; the API is POST /v1/attribute, POST /v1/batch, GET /v1/find, GET /v1/info, GET /healthz")]
    NotFound(String),
    #[error("this server has no corpus to search; start it with `zitat serve --corpus CORPUS.jsonl`")]
    NoCorpus,
    #[error("the search failed: {0}")]
    SearchFailed(String),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NotUtf8(_) | ApiError::MalformedJson(_) | ApiError::BadInput(_) | ApiError::Body(_) => {
                StatusCode::BAD_REQUEST
            }
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Busy(_) | ApiError::TimedOut(_) | ApiError::Annotate(AnnotateError::ShuttingDown) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Annotate(AnnotateError::Failed { .. }) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::NotFound(_) | ApiError::NoCorpus => StatusCode::NOT_FOUND,
            ApiError::SearchFailed(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The error as one JSON object, `{"error": "…"}` (also a line of a batch response).
    pub fn json(&self) -> String {
        serde_json::json!({ "error": self.to_string() }).to_string()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut response = (status, [(header::CONTENT_TYPE, "application/json")], self.json()).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
        }
        response
    }
}
