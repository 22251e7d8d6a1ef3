//! `GET /v1/find?q=…&speaker=…&limit=…`: looks a claimed quotation up in the corpus given
//! with `zitat serve --corpus` and answers `{"matches": [<the records zitat find prints>],
//! "confirmed": bool}` (`confirmed` is what `zitat find`'s exit status 0 says: a match
//! clears the threshold, keeps the claim's meaning, and, with `speaker`, is by that
//! person; false when every match changes the meaning). Each match has the verdict and
//! changes of `zitat find`. Without a corpus the route answers 404 with what to do.

use super::error::ApiError;
use crate::find::{self, Finder};
use axum::extract::State;
use axum::http::{header, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

/// The most matches one request may ask for.
pub const MAX_LIMIT: usize = 50;

#[derive(Default)]
struct FindQuery {
    q: String,
    speaker: Option<String>,
    limit: Option<usize>,
}

impl FindQuery {
    /// The parameters of a query string (`application/x-www-form-urlencoded`); unknown
    /// ones are ignored, a malformed one is named.
    fn parse(query: &str) -> Result<FindQuery, ApiError> {
        let mut parsed = FindQuery::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value).ok_or_else(|| ApiError::BadInput(format!("the query parameter {name:?} is not percent-encoded UTF-8")))?;
            match name {
                "q" => parsed.q = value,
                "speaker" => parsed.speaker = Some(value),
                "limit" => {
                    parsed.limit = Some(value.parse().map_err(|_| ApiError::BadInput(format!("limit={value:?} is not a number")))?);
                }
                _ => {}
            }
        }
        Ok(parsed)
    }
}

/// Percent-decoding, `+` as a space; `None` for a bad escape or bytes that are not UTF-8.
fn decode(value: &str) -> Option<String> {
    let (bytes, mut out, mut i) = (value.as_bytes(), Vec::with_capacity(value.len()), 0);
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The route, with its own state (the corpus, when there is one).
pub fn routes<S: Clone + Send + Sync + 'static>(finder: Option<Arc<Finder>>) -> Router<S> {
    Router::new().route("/v1/find", get(find)).with_state(finder)
}

async fn find(State(finder): State<Option<Arc<Finder>>>, uri: Uri) -> Result<Response, ApiError> {
    let query = FindQuery::parse(uri.query().unwrap_or_default())?;
    let finder = finder.ok_or(ApiError::NoCorpus)?;
    if query.q.trim().is_empty() {
        return Err(ApiError::BadInput("give the claimed quotation as ?q=…".into()));
    }
    let speaker = query.speaker.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let limit = query.limit.unwrap_or(find::LIMIT).clamp(1, MAX_LIMIT);
    // Reading the matched records is file I/O: off the async threads.
    let matches = tokio::task::spawn_blocking(move || {
        let matches = finder.find(&query.q, speaker.as_deref(), limit)?;
        let confirmed = find::Answer::of(&matches, speaker.as_deref()) == find::Answer::Confirmed;
        // Each record serialised as `zitat find` prints it, fields in the same order.
        let records = (matches.iter().map(serde_json::to_string)).collect::<Result<Vec<_>, _>>().map_err(|e| e.to_string())?;
        Ok::<_, String>(format!("{{\"matches\":[{}],\"confirmed\":{confirmed}}}", records.join(",")))
    })
    .await
    .map_err(|err| ApiError::SearchFailed(err.to_string()))?
    .map_err(ApiError::SearchFailed)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], matches).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_string_is_decoded() {
        let query = FindQuery::parse("q=Die+Welt+ist+gef%C3%A4hrlich&speaker=Jens%20Stoltenberg&limit=3&x=1").unwrap();
        assert_eq!(query.q, "Die Welt ist gefährlich");
        assert_eq!(query.speaker.as_deref(), Some("Jens Stoltenberg"));
        assert_eq!(query.limit, Some(3));
        assert!(FindQuery::parse("q=%E2%28").is_err() && FindQuery::parse("q=%4").is_err());
    }
}
