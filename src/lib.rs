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
//! 5. [`output`]: quotations are written as JSON lines or in the dataset's schema.
//!
//! [`pipeline`] runs the stages over a corpus in parallel. Stages 2–4 form an
//! [`Engine`](pipeline::Engine): the rules engine, or the transformer in [`model`]
//! (feature `model`). [`eval`] scores output with the dataset's metric; [`setup`] rebuilds
//! the base encoder from its pinned package; [`serve`] is the HTTP service.

pub mod attribute;
pub mod detect;
pub mod document;
pub mod eval;
pub mod ingest;
#[cfg(feature = "model")]
pub mod model;
pub mod output;
pub mod pipeline;
pub mod segment;
pub mod serve;
pub mod setup;

pub use document::{Document, Medium, Quotation, QuoteType, Span};
