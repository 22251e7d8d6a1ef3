//! One `tracing` line per request (target `zitat::serve`, level INFO):
//!
//! ```text
//! INFO zitat::serve: request method=POST path=/v1/attribute status=200 latency_ms=12.4 quotations=7
//! ```
//!
//! Handlers report the number of quotations with a [`Quotations`] response extension. A
//! streamed response is logged by its stream when it ends (its latency is then the whole
//! stream's), marked with [`LoggedAtEnd`] so that the middleware leaves it out.

use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::time::{Duration, Instant};

/// The number of quotations a response holds.
#[derive(Clone, Copy, Debug)]
pub struct Quotations(pub usize);

/// The response logs itself when its body ends.
#[derive(Clone, Copy, Debug)]
pub struct LoggedAtEnd;

/// The middleware: logs every response that does not log itself.
pub async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    if response.extensions().get::<LoggedAtEnd>().is_none() {
        let quotations = response.extensions().get::<Quotations>().map(|q| q.0);
        line(&method, &path, response.status(), started.elapsed(), quotations);
    }
    response
}

/// Writes the line; `quotations` is left out for responses without any (the page, info).
pub fn line(method: &Method, path: &str, status: StatusCode, latency: Duration, quotations: Option<usize>) {
    let latency_ms = (latency.as_secs_f64() * 1e4).round() / 10.0;
    match quotations {
        Some(quotations) => tracing::info!(
            target: "zitat::serve",
            %method, path = %path, status = status.as_u16(), latency_ms, quotations, "request"
        ),
        None => tracing::info!(
            target: "zitat::serve",
            %method, path = %path, status = status.as_u16(), latency_ms, "request"
        ),
    }
}
