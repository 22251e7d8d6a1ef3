//! Dynamic batching: documents of requests that arrive together are annotated together.
//!
//! Requests put their documents on one bounded queue. A single worker takes the first
//! waiting document, waits up to [`Batching::window`] for more (at most
//! [`Batching::max_docs`]), and annotates the batch with one `Engine::annotate_batch` call
//! on a blocking thread. The engines spread a batch's documents over their Rayon threads
//! (the model engine its rules analysis and tokenizing; its encoder runs each window alone,
//! so that a document's answer is the same in any batch). A window of zero turns batching off: every
//! document is annotated alone, one after another, which is the baseline the batching is
//! measured against (`scripts/bench-serve.sh`).
//!
//! The worker stops waiting early once its batch holds as many documents as there are
//! requests in the server ([`InFlight`]): nobody else can join, so a lone client pays no
//! window.
//!
//! Only one batch runs at a time: the engine already uses every core (or the GPU) for one
//! batch, and documents that arrive meanwhile form the next batch without waiting.

use crate::document::Document;
use crate::pipeline::Engine;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// How documents are grouped into batches.
#[derive(Clone, Debug)]
pub struct Batching {
    /// How long the first document of a batch waits for others; zero turns batching off.
    pub window: Duration,
    /// The most documents in one batch.
    pub max_docs: usize,
    /// The most documents waiting on the queue; submitting waits while it is full.
    pub queue: usize,
}

/// Why a document came back without annotations.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnnotateError {
    /// The engine failed on this text (a stage error, or a panic caught as one).
    #[error("the {engine} engine failed on this text: {message}")]
    Failed { engine: &'static str, message: String },
    #[error("the server is shutting down and no longer annotates")]
    ShuttingDown,
}

/// How many requests are in the server now (admitted and not yet answered).
pub type InFlight = Arc<dyn Fn() -> usize + Send + Sync>;

type Reply = oneshot::Sender<Result<Document, AnnotateError>>;

struct Job {
    doc: Document,
    reply: Reply,
}

/// The handle requests annotate through; cheap to clone.
#[derive(Clone)]
pub struct Annotator {
    jobs: mpsc::Sender<Job>,
}

/// A document on the queue; [`Pending::result`] waits for it to be annotated. Dropping it
/// withdraws the document if it has not been started yet (e.g. after a timeout).
pub struct Pending(oneshot::Receiver<Result<Document, AnnotateError>>);

impl Pending {
    pub async fn result(self) -> Result<Document, AnnotateError> {
        self.0.await.unwrap_or(Err(AnnotateError::ShuttingDown))
    }
}

impl Annotator {
    /// Starts the worker on the current Tokio runtime. It ends when every `Annotator`
    /// clone is dropped and the queue is empty. Without `in_flight`, every batch waits the
    /// whole window (or until it is full).
    pub fn start(engine: Arc<dyn Engine>, batching: Batching, in_flight: Option<InFlight>) -> (Annotator, JoinHandle<()>) {
        let (jobs, queue) = mpsc::channel(batching.queue.max(1));
        let worker = tokio::spawn(work(engine, batching, in_flight, queue));
        (Annotator { jobs }, worker)
    }

    /// Puts a document on the queue, waiting while the queue is full.
    pub async fn submit(&self, doc: Document) -> Result<Pending, AnnotateError> {
        let (reply, result) = oneshot::channel();
        self.jobs.send(Job { doc, reply }).await.map_err(|_| AnnotateError::ShuttingDown)?;
        Ok(Pending(result))
    }

    /// Annotates one document (batched with whatever else arrives meanwhile).
    pub async fn annotate(&self, doc: Document) -> Result<Document, AnnotateError> {
        self.submit(doc).await?.result().await
    }
}

async fn work(engine: Arc<dyn Engine>, batching: Batching, in_flight: Option<InFlight>, mut queue: mpsc::Receiver<Job>) {
    while let Some(batch) = collect(&mut queue, &batching, in_flight.as_ref()).await {
        // Requests that timed out or went away meanwhile need no work.
        let (docs, replies): (Vec<Document>, Vec<Reply>) = batch
            .into_iter()
            .filter(|job| !job.reply.is_closed())
            .map(|job| (job.doc, job.reply))
            .unzip();
        if docs.is_empty() {
            continue;
        }
        let count = docs.len();
        let engine = Arc::clone(&engine);
        let name = engine.name();
        let results = tokio::task::spawn_blocking(move || annotate_guarded(engine.as_ref(), docs))
            .await
            .unwrap_or_else(|_| vec![Err(AnnotateError::Failed { engine: name, message: "its worker thread stopped".into() }); count]);
        for (reply, result) in replies.into_iter().zip(results) {
            // A receiver gone by now (timeout, closed connection) needs no answer.
            let _ = reply.send(result);
        }
    }
}

/// The next batch: the first job to arrive, then whatever else arrives within the window
/// (jobs already queued are taken at once), up to `max_docs` or, sooner, a job for every
/// request in flight. `None` once the queue is closed and empty.
async fn collect(queue: &mut mpsc::Receiver<Job>, batching: &Batching, in_flight: Option<&InFlight>) -> Option<Vec<Job>> {
    let mut batch = vec![queue.recv().await?];
    if batching.window.is_zero() {
        return Some(batch);
    }
    let deadline = Instant::now() + batching.window;
    let full = |batch: &Vec<Job>| {
        batch.len() >= batching.max_docs || in_flight.is_some_and(|requests| batch.len() >= requests())
    };
    while !full(&batch) {
        match tokio::time::timeout_at(deadline, queue.recv()).await {
            Ok(Some(job)) => batch.push(job),
            Ok(None) | Err(_) => break,
        }
    }
    Some(batch)
}

/// Annotates a batch through the pipeline's guard: when the batch fails or panics, the
/// documents are retried one at a time, so that only the document at fault fails and the
/// others are answered.
fn annotate_guarded(engine: &dyn Engine, mut docs: Vec<Document>) -> Vec<Result<Document, AnnotateError>> {
    let mut failed: std::collections::HashMap<usize, String> =
        crate::pipeline::annotate_each(engine, &mut docs).into_iter().map(|(k, err)| (k, err.to_string())).collect();
    let engine = engine.name();
    docs.into_iter()
        .enumerate()
        .map(|(k, doc)| match failed.remove(&k) {
            Some(message) => Err(AnnotateError::Failed { engine, message }),
            None => Ok(doc),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Quotation, QuoteType, Span};
    use std::sync::Mutex;

    /// Marks every document with one quotation, records the batch sizes, and panics on a
    /// text containing "PANIK".
    #[derive(Default)]
    struct Recorder {
        batches: Mutex<Vec<usize>>,
    }

    impl Engine for Recorder {
        fn name(&self) -> &'static str {
            "recorder"
        }
        fn annotate(&self, doc: &mut Document) -> Result<(), crate::error::StageError> {
            assert!(!doc.text.contains("PANIK"), "the recorder refuses PANIK");
            doc.quotations.push(Quotation::new(QuoteType::Direct, vec![Span::new(0, doc.char_len())]));
            Ok(())
        }
        fn annotate_batch(&self, docs: &mut [Document]) -> Result<(), crate::error::StageError> {
            self.batches.lock().unwrap().push(docs.len());
            docs.iter_mut().try_for_each(|doc| self.annotate(doc))
        }
    }

    async fn annotate_together(batching: Batching, texts: &[&str]) -> (Arc<Recorder>, Vec<Result<Document, AnnotateError>>) {
        let recorder = Arc::new(Recorder::default());
        let (annotator, worker) = Annotator::start(recorder.clone(), batching, None);
        let mut pending = Vec::new();
        for (n, text) in texts.iter().enumerate() {
            pending.push(annotator.submit(Document::new(format!("d{n}"), *text)).await.unwrap());
        }
        let mut results = Vec::new();
        for p in pending {
            results.push(p.result().await);
        }
        drop(annotator);
        worker.await.unwrap();
        (recorder, results)
    }

    #[tokio::test]
    async fn documents_arriving_together_form_one_bounded_batch() {
        let batching = Batching { window: Duration::from_millis(200), max_docs: 3, queue: 8 };
        let texts = ["Eins.", "Zwei.", "Drei.", "Vier."];
        let (recorder, results) = annotate_together(batching, &texts).await;
        assert_eq!(*recorder.batches.lock().unwrap(), vec![3, 1]);
        for (text, result) in texts.iter().zip(results) {
            let doc = result.unwrap();
            assert_eq!((doc.text.as_str(), doc.quotations.len()), (*text, 1));
        }
    }

    #[tokio::test]
    async fn a_batch_holding_every_request_in_flight_does_not_wait_out_the_window() {
        let batching = Batching { window: Duration::from_secs(30), max_docs: 16, queue: 8 };
        let lone_request: InFlight = Arc::new(|| 1);
        let (annotator, _worker) = Annotator::start(Arc::new(Recorder::default()), batching, Some(lone_request));
        let started = std::time::Instant::now();
        let doc = annotator.annotate(Document::new("d", "Allein.")).await.unwrap();
        assert_eq!(doc.quotations.len(), 1);
        assert!(started.elapsed() < Duration::from_secs(5), "waited {:?}", started.elapsed());
    }

    #[tokio::test]
    async fn a_zero_window_annotates_one_document_at_a_time() {
        let batching = Batching { window: Duration::ZERO, max_docs: 16, queue: 8 };
        let (recorder, results) = annotate_together(batching, &["Eins.", "Zwei.", "Drei."]).await;
        assert_eq!(*recorder.batches.lock().unwrap(), vec![1, 1, 1]);
        assert!(results.iter().all(Result::is_ok));
    }

    #[tokio::test]
    async fn a_panic_fails_only_the_document_that_caused_it() {
        let batching = Batching { window: Duration::from_millis(200), max_docs: 8, queue: 8 };
        let (_, results) = annotate_together(batching, &["Gut.", "PANIK!", "Auch gut."]).await;
        assert!(results[0].as_ref().is_ok_and(|doc| doc.quotations.len() == 1));
        assert!(
            matches!(results[1].as_ref().unwrap_err(), AnnotateError::Failed { engine: "recorder", message } if message.contains("refuses PANIK")),
            "{:?}",
            results[1]
        );
        assert!(results[2].as_ref().is_ok_and(|doc| doc.text == "Auch gut."));
    }
}
