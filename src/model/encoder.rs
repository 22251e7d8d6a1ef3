//! The base encoder (multilingual-e5-small in `models/base`) on its own: the imported
//! weights in the same [`Embeddings`] and [`Layer`]s the attribution network uses, the XLM-R
//! tokenizer with character offsets, hidden states and mean-pooled sentence embeddings.

use crate::document::Span;
use crate::error::{BoxedCause, ModelError};
use super::layer::{attention_mask, Embeddings, Layer};
use rust_bert::bert::BertConfig;
use rust_bert::Config;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use tch::nn::VarStore;
use tch::{Device, Kind, Tensor};
use tokenizers::Tokenizer;

type Result<T> = std::result::Result<T, ModelError>;

/// XLM-R's `<pad>` id; padded positions also get attention mask 0.
pub const PAD: i64 = 1;

/// One text as the encoder sees it, `<s>` and `</s>` included.
#[derive(Clone, Debug)]
pub struct Encoded {
    pub ids: Vec<i64>,
    /// Character span of each token in the text; empty for `<s>`/`</s>`.
    pub spans: Vec<Span>,
    /// The tokenizer's piece for each token (with the `▁` word-start marker).
    pub pieces: Vec<String>,
}

pub struct Encoder {
    embeddings: Embeddings,
    layers: Vec<Layer>,
    tokenizer: Tokenizer,
    weights: VarStore,
    max_positions: usize,
}

impl Encoder {
    /// Loads `dir/config.json`, `dir/model.safetensors` and `dir/tokenizer.json` (built by
    /// `zitat import-base`), frozen, for inference on `device`.
    pub fn load(dir: &Path, device: Device) -> Result<Self> {
        let config_path = dir.join("config.json");
        if !config_path.exists() {
            return Err(ModelError::NoBase(dir.to_path_buf()));
        }
        let config = BertConfig::from_file(&config_path);
        let mut weights = VarStore::new(device);
        let root = weights.root();
        let embeddings = Embeddings::new(&root / "embeddings", &config);
        let layers = (0..config.num_hidden_layers).map(|i| Layer::new(&root / "encoder" / "layer" / i, &config)).collect();
        let path = dir.join("model.safetensors");
        check_names_match(&weights, &path)?;
        // The names match (checked above), so no variable is left missing.
        super::store::load_base_weights(&path, [&mut weights]).map_err(|source| ModelError::BaseWeights { path: path.clone(), source })?;
        weights.freeze();
        Ok(Encoder {
            embeddings,
            layers,
            tokenizer: super::store::tokenizer(dir)?,
            weights,
            max_positions: config.max_position_embeddings as usize,
        })
    }

    pub fn device(&self) -> Device {
        self.weights.device()
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// A loaded weight by its HuggingFace name (e.g. `embeddings.word_embeddings.weight`).
    pub fn weight(&self, name: &str) -> Option<Tensor> {
        self.weights.variables().remove(name)
    }

    /// Tokenizes `text` with `<s> … </s>`; spans are character offsets into `text`.
    pub fn encode(&self, text: &str) -> Result<Encoded> {
        let encoding = self.tokenizer.encode_char_offsets(text, true).map_err(ModelError::Tokenize)?;
        let chars: Vec<char> = text.chars().collect();
        Ok(Encoded {
            ids: encoding.get_ids().iter().map(|&id| id as i64).collect(),
            spans: encoding.get_offsets().iter().map(|&(start, end)| without_whitespace(&chars, start, end)).collect(),
            pieces: encoding.get_tokens().to_vec(),
        })
    }

    /// Pads encodings to a batch: ids and attention mask, both [batch, longest] i64 on
    /// the encoder's device. Longer texts than the encoder's positions are an error
    /// (windowing is the caller's job).
    pub fn batch(&self, encoded: &[Encoded]) -> Result<(Tensor, Tensor)> {
        let longest = encoded.iter().map(|e| e.ids.len()).max().unwrap_or(0);
        if longest > self.max_positions {
            return Err(ModelError::TooLong { tokens: longest, positions: self.max_positions });
        }
        let mut ids = Vec::with_capacity(encoded.len() * longest);
        let mut mask = Vec::with_capacity(encoded.len() * longest);
        for e in encoded {
            let padding = longest - e.ids.len();
            ids.extend(e.ids.iter().copied().chain(std::iter::repeat(PAD).take(padding)));
            mask.extend(std::iter::repeat(1i64).take(e.ids.len()).chain(std::iter::repeat(0).take(padding)));
        }
        let shape = [encoded.len() as i64, longest as i64];
        let to_tensor = |v: Vec<i64>| Tensor::from_slice(&v).view(shape).to_device(self.device());
        Ok((to_tensor(ids), to_tensor(mask)))
    }

    /// Last hidden states [batch, seq, hidden] for ids and attention mask [batch, seq].
    pub fn forward(&self, ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let additive = attention_mask(mask, Kind::Float);
        Ok(self.layers.iter().fold(self.embeddings.forward(ids), |h, layer| layer.forward(&h, &additive, false)))
    }

    /// Mean of the hidden states over each text's tokens, L2-normalised: [texts, hidden].
    /// e5 was trained with a "query: " or "passage: " prefix; callers add it.
    pub fn embed_mean(&self, texts: &[&str]) -> Result<Tensor> {
        let encoded = texts.iter().map(|t| self.encode(t)).collect::<Result<Vec<_>>>()?;
        let (ids, mask) = self.batch(&encoded)?;
        let hidden = tch::no_grad(|| self.forward(&ids, &mask))?;
        let weights = mask.unsqueeze(-1).to_kind(Kind::Float);
        let pooled = (hidden * &weights).sum_dim_intlist(1, false, Kind::Float) / weights.sum_dim_intlist(1, false, Kind::Float);
        Ok(&pooled / pooled.norm_scalaropt_dim(2, [1], true))
    }
}

/// The span without its surrounding whitespace: a `▁` piece's offsets include the space
/// (or NBSP) it stands for, which is not part of the word.
fn without_whitespace(chars: &[char], mut start: usize, mut end: usize) -> Span {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    Span { start, end }
}

/// The model's variables and the file's tensors must be the same set: a missing weight
/// would stay randomly initialised, an extra one means the names do not line up.
fn check_names_match(weights: &VarStore, path: &Path) -> Result<()> {
    let in_model: BTreeSet<String> = weights.variables().into_keys().collect();
    let in_file = safetensors_names(path)?;
    let missing: Vec<_> = in_model.difference(&in_file).collect();
    let extra: Vec<_> = in_file.difference(&in_model).collect();
    if missing.is_empty() && extra.is_empty() {
        return Ok(());
    }
    let names = |set: Vec<&String>| set.into_iter().cloned().collect();
    Err(ModelError::NamesMismatch { path: path.to_path_buf(), missing: names(missing), extra: names(extra) })
}

/// Tensor names from a safetensors header, without reading the weights.
fn safetensors_names(path: &Path) -> Result<BTreeSet<String>> {
    let unreadable = |source: BoxedCause| ModelError::Header { path: path.to_path_buf(), source };
    let mut file = std::fs::File::open(path).map_err(|e| unreadable(e.into()))?;
    let mut length = [0u8; 8];
    file.read_exact(&mut length).map_err(|e| unreadable(e.into()))?;
    let length = u64::from_le_bytes(length);
    if length >= 1 << 26 {
        return Err(ModelError::HugeHeader { path: path.to_path_buf(), length });
    }
    let mut header = vec![0u8; length as usize];
    file.read_exact(&mut header).map_err(|e| unreadable(e.into()))?;
    let header: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&header).map_err(|e| unreadable(e.into()))?;
    Ok(header.into_iter().map(|(name, _)| name).filter(|name| name != "__metadata__").collect())
}
