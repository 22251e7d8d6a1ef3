//! zitat finds who said what in German news.
//!
//! A [`Document`](document::Document) flows through the stages in this order, each reading
//! and annotating the same character-offset spans:
//!
//! 1. [`ingest`]: files (`.txt`, `.jsonl`, the dataset's `.json`) become documents;
//! 2. [`segment`]: page furniture is marked and the text is split into sentences;
//! 3. [`detect`]: direct, indirect and reported speech is found, with its cue;
//! 4. [`attribute`]: each quotation gets its speaker, frame and addressee, and the speaker
//!    a name (pronouns and descriptions resolved);
//! 5. [`output`]: quotations are written as JSON lines, CSV, a review site or in the
//!    dataset's schema; [`identity`] gives each speaker one id across the corpus and
//!    [`cluster`] groups the variants of a statement quoted in several places.
//!
//! [`find`] looks a claimed quotation up in a corpus zitat has written (`zitat find`,
//! `GET /v1/find`, the review site's "check a quote").
//!
//! [`pipeline`] runs the stages over a corpus in parallel. Stages 2–4 form an
//! [`Engine`](pipeline::Engine): the rules engine, or the transformer in [`model`]
//! (feature `model`). [`eval`] scores output with the dataset's metric; [`setup`] rebuilds
//! the base encoder from its pinned package; [`serve`] is the HTTP service; [`assets`] are
//! the page files and words the review site and the service page share.
//! The rules' word lists are tables in [`lexicon`].

/// Writes a line to stderr. A closed or broken stderr is ignored: messages and progress
/// never stop the work (`eprintln!` panics there).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod assets;
pub mod attribute;
pub mod cluster;
pub mod detect;
pub mod document;
pub mod error;
pub mod eval;
pub mod find;
pub mod german;
pub mod identity;
pub mod ingest;
pub mod lexicon;
#[cfg(feature = "model")]
pub mod model;
pub mod output;
pub mod pipeline;
pub mod segment;
pub mod serve;
pub mod setup;
pub mod synthetic;

pub use document::{Document, Medium, Quotation, QuoteType, Span};
