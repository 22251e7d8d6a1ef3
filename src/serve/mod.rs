//! `zitat serve`: the engine as an HTTP service.
//!
//! One engine is loaded once and shared by all requests. The parts:
//!
//! - [`api`]: the routes: `POST /v1/attribute` (one article → its quotations, the same
//!   records `zitat run` writes), `POST /v1/batch` (JSONL articles in, JSONL quotations
//!   streamed out), `GET /healthz`, `GET /v1/info`, and the page at `GET /`;
//! - [`batch`]: dynamic batching: documents of requests that arrive together are collected
//!   for a short window and annotated with one `Engine::annotate_batch` call on a blocking
//!   thread; engine panics are caught and fail only the document that caused them;
//! - [`limits`]: body size, UTF-8 and JSON checks, admission (a bounded number of requests
//!   at once, 503 beyond) and the per-request timeout;
//! - [`find`]: `GET /v1/find`, a claimed quotation looked up in the corpus of
//!   `--corpus` (the records `zitat find` prints);
//! - [`error`]: the JSON error responses;
//! - [`log`]: one `tracing` line per request;
//! - [`page`]: the paste-an-article page and its quotation renderer (plain files a static
//!   site can share).
//!
//! The API writes no files and reads only the corpus given with `--corpus`: text comes in
//! with the request and goes back in the response.

pub mod api;
pub mod batch;
pub mod error;
pub mod find;
pub mod limits;
pub mod log;
pub mod page;

use crate::pipeline::Engine;
use serde::Serialize;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// How the server batches and what it accepts.
#[derive(Clone, Debug)]
pub struct Config {
    /// Largest request body in bytes (413 beyond).
    pub max_body_bytes: usize,
    /// How long one request may take, from admission to its last byte of result (for
    /// `/v1/batch`: per article).
    pub timeout: Duration,
    /// Batching, and the bound of the queue: `batching.queue` documents wait at most, and
    /// as many requests are admitted at once (in progress or waiting); further ones get 503.
    pub batching: batch::Batching,
    /// The corpus `GET /v1/find` searches (`--corpus`), when there is one.
    pub corpus: Option<Arc<crate::find::Finder>>,
}

/// What `GET /v1/info` reports about the engine, filled in by the command line, which knows
/// how the engine was built.
#[derive(Clone, Debug, Serialize)]
pub struct EngineInfo {
    /// `rules` or `model`.
    pub engine: String,
    /// The fine-tuned model folder, for the model engine.
    pub model: Option<String>,
    /// The base encoder folder, for the model engine.
    pub base: Option<String>,
    pub model_only: bool,
    /// The compute device, for the model engine (e.g. `cpu (16 threads)`, `cuda:0`).
    pub device: Option<String>,
    /// The encoder's number format, for the model engine (`fp32` or `bf16`).
    pub precision: Option<String>,
    /// The libtorch version, when zitat is built with the model feature.
    pub libtorch: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("the annotation worker ended abnormally: {0}")]
    Worker(#[from] tokio::task::JoinError),
}

/// Serves on `listener` until `shutdown` completes, then finishes the requests in flight
/// (including streamed batch responses) and returns.
pub async fn serve(
    listener: TcpListener,
    engine: Arc<dyn Engine>,
    config: Config,
    info: EngineInfo,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let admission = limits::Admission::new(config.batching.queue);
    let counter = admission.clone();
    let in_flight: batch::InFlight = Arc::new(move || counter.in_use());
    let (annotator, worker) = batch::Annotator::start(engine, config.batching.clone(), Some(in_flight));
    let state = api::AppState::new(annotator, admission, config, info);
    let app = api::router(state);
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await?;
    // The router (and with it every sender of the batch queue) is gone, so the worker
    // ends once the last batch is annotated.
    worker.await?;
    Ok(())
}

/// Completes on SIGTERM or Ctrl-C (SIGINT).
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!(target: "zitat::serve", "shutting down: finishing the requests in flight");
}
