//! The transformer side of zitat, apart from the rules.
//!
//! In the order data flows: the base encoder (multilingual-e5-small, rebuilt by
//! `zitat import-base` into `models/base`) → `data` (subwords, and gold documents as
//! per-subword targets) → `evidence` (the rules' analysis in the same encoding, the network's
//! second input) → `batch` (overlapping windows) → `layer` and `network` (the encoder's layers,
//! tuned in fp32 or bf16, and the heads) → `predict` and `decode` (tags and links back to
//! quotations) → `combine` (tidying, and the rules leading where asked) → `speaker_pass` (each
//! quotation's speaker chosen again with that quotation marked, for a model that has the
//! pass; then `combine::speakers_outside`: only reported speech holds its own speaker) → `confidence` (the raw
//! confidence mapped to the share right, fitted on dev) → `engine` (the
//! `--engine model` of `zitat run`). Training sits beside that path, not inside it: `loss`
//! and `train` (the loop behind `zitat train`, whose dev scoring runs `engine::finish`, as
//! `zitat run` does), `train_speaker` (the speaker pass on top of a trained model) and `store` (the shipped weights: int8 differences from the base for
//! the tuned matrices, fp16 for the rest).

pub mod batch;
pub mod combine;
pub mod confidence;
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
pub mod speaker_pass;
pub mod store;
pub mod train;
pub mod train_speaker;
