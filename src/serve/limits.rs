//! What a request may cost: its body size, its time, and how many requests are let in.
//!
//! Bodies are read with the size cap enforced while reading, so a client cannot make the
//! server buffer more than the cap. An oversized body is refused with 413, but first the
//! rest of it is read and thrown away (up to [`DRAIN_BYTES`] and [`DRAIN_TIME`]): most
//! clients (Python's urllib and requests, Java's, browsers' fetch) send the whole body
//! before they read the answer, and a server that closes the connection with unread bytes
//! makes the kernel reset it, so such a client sees a broken pipe instead of the 413 and
//! its message. A client that asked `Expect: 100-continue` (curl) and declared a length
//! over the cap is answered at once: it has not sent the body and will not. Admission is a fixed number of permits: a request holds one
//! from arrival until its response is complete, so memory stays bounded by
//! permits × body cap however many clients connect, and the request beyond gets 503 with
//! `Retry-After` at once instead of waiting in an unbounded line.

use super::error::ApiError;
use axum::body::Body;
use axum::http::{header, HeaderMap};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The most of an oversized body that is read and thrown away before the 413 (beyond it,
/// the connection is closed at once: a client sending that much is not an ordinary one).
pub const DRAIN_BYTES: u64 = 64 * 1024 * 1024;
/// The longest an oversized body is read before the 413 goes out anyway.
pub const DRAIN_TIME: Duration = Duration::from_secs(10);

/// Reads a whole body of at most `limit` bytes.
pub async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Vec<u8>, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    let mut stream = body.into_data_stream();
    if let Some(length) = declared.filter(|&length| length > limit as u64) {
        // Reading would make hyper send `100 Continue`: a client that waits for it is
        // answered without, and one that sends anyway gets its body drained.
        if !expects_continue(headers) && length <= DRAIN_BYTES {
            drain(&mut stream, 0).await;
        }
        return Err(ApiError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0) as usize);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|err| ApiError::Body(err.to_string()))?;
        if bytes.len() + chunk.len() > limit {
            drain(&mut stream, (bytes.len() + chunk.len()) as u64).await;
            return Err(ApiError::TooLarge { limit });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

fn expects_continue(headers: &HeaderMap) -> bool {
    headers.get(header::EXPECT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
}

/// Reads the rest of a body and throws it away, until its end, [`DRAIN_BYTES`] in all
/// (`read` of them already read) or [`DRAIN_TIME`], whichever comes first.
async fn drain(stream: &mut axum::body::BodyDataStream, mut read: u64) {
    let rest = async {
        while read <= DRAIN_BYTES {
            match stream.next().await {
                Some(Ok(chunk)) => read += chunk.len() as u64,
                _ => break,
            }
        }
    };
    let _ = tokio::time::timeout(DRAIN_TIME, rest).await;
}

/// The body as text, refusing invalid UTF-8 with the byte offset where it breaks.
pub fn utf8(bytes: Vec<u8>) -> Result<String, ApiError> {
    String::from_utf8(bytes).map_err(|err| {
        ApiError::NotUtf8(format!(
            "invalid byte at offset {}; encode the text as UTF-8",
            err.utf8_error().valid_up_to()
        ))
    })
}

/// A JSON body of type `T`: UTF-8 first (so that its error names the byte), then JSON.
pub fn json<T: DeserializeOwned>(bytes: Vec<u8>) -> Result<T, ApiError> {
    let text = utf8(bytes)?;
    serde_json::from_str(&text).map_err(|err| ApiError::MalformedJson(err.to_string()))
}

/// Runs `work` for at most `limit`.
pub async fn within<T>(limit: Duration, work: impl Future<Output = Result<T, ApiError>>) -> Result<T, ApiError> {
    tokio::time::timeout(limit, work).await.unwrap_or(Err(ApiError::TimedOut(limit)))
}

/// A fixed number of requests at once.
#[derive(Clone)]
pub struct Admission {
    permits: Arc<Semaphore>,
    capacity: usize,
}

impl Admission {
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        Admission { permits: Arc::new(Semaphore::new(capacity)), capacity }
    }

    /// Requests admitted and not yet answered.
    pub fn in_use(&self) -> usize {
        self.capacity - self.permits.available_permits()
    }

    /// A permit, held until the response is complete; 503 when none is left.
    pub fn admit(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        Arc::clone(&self.permits).try_acquire_owned().map_err(|_| ApiError::Busy(self.capacity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn chunked(parts: &[&'static str]) -> Body {
        let chunks: Vec<_> = parts.iter().map(|part| Ok::<_, std::convert::Infallible>(part.as_bytes())).collect();
        Body::from_stream(futures_util::stream::iter(chunks))
    }

    #[tokio::test]
    async fn bodies_over_the_cap_are_refused_declared_or_streamed() {
        let mut declared = HeaderMap::new();
        declared.insert(header::CONTENT_LENGTH, HeaderValue::from(11));
        assert!(matches!(read_body(Body::from("x"), &declared, 10).await, Err(ApiError::TooLarge { limit: 10 })));
        let streamed = read_body(chunked(&["„Ja“, ", "sagte sie."]), &HeaderMap::new(), 12).await;
        assert!(matches!(streamed, Err(ApiError::TooLarge { limit: 12 })));
        let fits = read_body(chunked(&["„Ja“, ", "sagte sie."]), &HeaderMap::new(), 100).await.unwrap();
        assert_eq!(fits, "„Ja“, sagte sie.".as_bytes());
    }

    #[test]
    fn utf8_and_json_errors_name_the_problem() {
        let mut latin1 = b"Gr".to_vec();
        latin1.push(0xFC); // Latin-1 'ü'
        let err = utf8(latin1).unwrap_err().to_string();
        assert!(err.contains("offset 2"), "{err}");
        #[derive(serde::Deserialize, Debug)]
        struct Article {
            #[allow(dead_code)]
            text: String,
        }
        let err = json::<Article>(br#"{"titel": "Streit"}"#.to_vec()).unwrap_err().to_string();
        assert!(err.contains("missing field `text`"), "{err}");
        let err = json::<Article>(br#"{"text": "offen"#.to_vec()).unwrap_err().to_string();
        assert!(err.starts_with("malformed JSON: EOF while parsing"), "{err}");
    }

    #[test]
    fn admission_refuses_beyond_capacity_until_a_permit_returns() {
        let admission = Admission::new(2);
        let first = admission.admit().unwrap();
        let _second = admission.admit().unwrap();
        assert!(matches!(admission.admit(), Err(ApiError::Busy(2))));
        assert_eq!(admission.in_use(), 2);
        drop(first);
        assert!(admission.admit().is_ok());
    }
}
