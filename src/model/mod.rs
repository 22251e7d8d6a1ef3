//! The transformer side of zitat, apart from the rules.
//!
//! In the order data flows: the base encoder (multilingual-e5-small, rebuilt by
//! `zitat import-base` into `models/base`) → `data` (gold documents as per-subword targets) →
//! `batch` (overlapping windows) → `network` (tuned top layers and heads) → `loss` →
//! `train` (the loop behind `zitat train`) → `store` (the shipped fp16 weights) → `predict` and
//! `decode` (tags and links back to quotations) → `engine` (the `--engine model` of `zitat run`).

pub mod batch;
pub mod combine;
pub mod data;
pub mod decode;
pub mod device;
pub mod encoder;
pub mod engine;
pub mod evidence;
pub mod layer;
pub mod loss;
pub mod network;
pub mod predict;
pub mod store;
pub mod train;
