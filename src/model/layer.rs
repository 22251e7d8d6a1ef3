//! The encoder's building blocks, under the same variable names as HuggingFace (and
//! rust-bert), so the base and the shipped weights load unchanged: the [`Embeddings`], and
//! one BERT [`Layer`] with fused query/key/value and libtorch's
//! `scaled_dot_product_attention`.
//!
//! Why not rust-bert's layer: it computes attention eagerly (scores, mask, softmax, dropout,
//! product as separate tensors), which on CPU ran at the speed of HF's eager attention; the
//! fused kernel skips the [batch, heads, len, len] intermediates and works in bf16 too.

use rust_bert::bert::BertConfig;
use tch::nn::{self, Module};
use tch::{Kind, Tensor};

/// Word, position and token-type embeddings, summed and normalised. The tables start as
/// zeros, not random: they are always overwritten by the base's weights, and drawing 96 M
/// random numbers for the word table took a tenth of the model's load time.
pub struct Embeddings {
    words: nn::Embedding,
    positions: nn::Embedding,
    token_types: nn::Embedding,
    norm: nn::LayerNorm,
}

impl Embeddings {
    /// The embeddings under `p` (`embeddings`).
    pub fn new(p: nn::Path, config: &BertConfig) -> Self {
        let table = |name: &str, rows: i64| {
            let zeros = nn::EmbeddingConfig { ws_init: nn::Init::Const(0.0), ..Default::default() };
            nn::embedding(&p / name, rows, config.hidden_size, zeros)
        };
        Embeddings {
            words: table("word_embeddings", config.vocab_size),
            positions: table("position_embeddings", config.max_position_embeddings),
            token_types: table("token_type_embeddings", config.type_vocab_size),
            norm: nn::layer_norm(&p / "LayerNorm", vec![config.hidden_size], nn::LayerNormConfig { eps: 1e-12, ..Default::default() }),
        }
    }

    /// States [batch, len, hidden] of ids [batch, len]: positions count from 0, every token
    /// has token type 0 (one segment).
    pub fn forward(&self, ids: &Tensor) -> Tensor {
        let len = ids.size()[1];
        let positions = Tensor::arange(len, (Kind::Int64, ids.device())).unsqueeze(0);
        let types = ids.zeros_like();
        self.norm.forward(&(self.words.forward(ids) + self.positions.forward(&positions) + self.token_types.forward(&types)))
    }
}

pub struct Layer {
    query: nn::Linear,
    key: nn::Linear,
    value: nn::Linear,
    attention_out: nn::Linear,
    attention_norm: nn::LayerNorm,
    intermediate: nn::Linear,
    output: nn::Linear,
    output_norm: nn::LayerNorm,
    heads: i64,
    attention_dropout: f64,
    hidden_dropout: f64,
}

impl Layer {
    /// The number format of the layer's weights (fp32, or bf16 where the engine runs so).
    pub fn kind(&self) -> Kind {
        self.query.ws.kind()
    }

    /// The layer under `p` (e.g. `encoder.layer.7`).
    pub fn new(p: nn::Path, config: &BertConfig) -> Self {
        let (hidden, inner) = (config.hidden_size, config.intermediate_size);
        let linear = |path: nn::Path, i: i64, o: i64| nn::linear(path, i, o, Default::default());
        let norm = |path: nn::Path| {
            nn::layer_norm(path, vec![hidden], nn::LayerNormConfig { eps: 1e-12, ..Default::default() })
        };
        let attention = &p / "attention";
        Layer {
            query: linear(&attention / "self" / "query", hidden, hidden),
            key: linear(&attention / "self" / "key", hidden, hidden),
            value: linear(&attention / "self" / "value", hidden, hidden),
            attention_out: linear(&attention / "output" / "dense", hidden, hidden),
            attention_norm: norm(&attention / "output" / "LayerNorm"),
            intermediate: linear(&p / "intermediate" / "dense", hidden, inner),
            output: linear(&p / "output" / "dense", inner, hidden),
            output_norm: norm(&p / "output" / "LayerNorm"),
            heads: config.num_attention_heads,
            attention_dropout: config.attention_probs_dropout_prob,
            hidden_dropout: config.hidden_dropout_prob,
        }
    }

    /// `h` [batch, len, hidden]; `mask` is [`attention_mask`]'s, in `h`'s kind. Weights of
    /// another kind than `h` (fp32 master weights under bf16 training) are cast on the way,
    /// so gradients reach them in fp32; layer norms then run in fp32, as autocast does.
    pub fn forward(&self, h: &Tensor, mask: &Tensor, train: bool) -> Tensor {
        let context = self.attention(h, mask, train);
        let a = norm(&self.attention_norm, &(linear(&self.attention_out, &context).dropout(self.hidden_dropout, train) + h));
        let inner = linear(&self.intermediate, &a).gelu("none");
        norm(&self.output_norm, &(linear(&self.output, &inner).dropout(self.hidden_dropout, train) + a))
    }

    /// Multi-head attention through one projection and the fused kernel: [batch, len, hidden].
    fn attention(&self, h: &Tensor, mask: &Tensor, train: bool) -> Tensor {
        let (batch, len, hidden) = h.size3().expect("encoder states are [batch, len, hidden]");
        let weight = Tensor::cat(&[&self.query.ws, &self.key.ws, &self.value.ws], 0);
        let bias = [&self.query, &self.key, &self.value].map(|l| l.bs.as_ref().expect("BERT projections have biases"));
        let qkv = h
            .linear(&in_kind(&weight, h), Some(in_kind(&Tensor::cat(&bias, 0), h)))
            .view([batch, len, 3, self.heads, hidden / self.heads])
            .permute([2, 0, 3, 1, 4]);
        let dropout = if train { self.attention_dropout } else { 0.0 };
        let context = Tensor::scaled_dot_product_attention(&qkv.get(0), &qkv.get(1), &qkv.get(2), Some(mask), dropout, false, None);
        context.transpose(1, 2).reshape([batch, len, hidden])
    }
}

/// `t` in `like`'s kind (no copy when it already is).
fn in_kind(t: &Tensor, like: &Tensor) -> Tensor {
    if t.kind() == like.kind() {
        t.shallow_clone()
    } else {
        t.to_kind(like.kind())
    }
}

fn linear(l: &nn::Linear, x: &Tensor) -> Tensor {
    x.linear(&in_kind(&l.ws, x), l.bs.as_ref().map(|b| in_kind(b, x)))
}

fn norm(n: &nn::LayerNorm, x: &Tensor) -> Tensor {
    match &n.ws {
        Some(w) if w.kind() != x.kind() => n.forward(&x.to_kind(w.kind())).to_kind(x.kind()),
        _ => n.forward(x),
    }
}

/// The additive attention mask for [`Layer::forward`] from a 0/1 mask [batch, len]:
/// [batch, 1, 1, len], 0 where a token may be attended to and the kind's lowest value at
/// padding.
pub fn attention_mask(mask: &Tensor, kind: Kind) -> Tensor {
    let lowest = match kind {
        Kind::BFloat16 => -3.3e38,
        Kind::Half => -65504.0,
        _ => f64::from(f32::MIN),
    };
    let (batch, len) = mask.size2().expect("the attention mask is [batch, len]");
    let padding = mask.eq(0).view([batch, 1, 1, len]);
    Tensor::zeros([batch, 1, 1, len], (kind, mask.device())).masked_fill(&padding, lowest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_bert::bert::{BertEmbedding, BertEmbeddings, BertLayer};
    use tch::nn::VarStore;
    use tch::Device;

    fn config() -> BertConfig {
        serde_json::from_value(serde_json::json!({
            "hidden_act": "gelu", "attention_probs_dropout_prob": 0.1, "hidden_dropout_prob": 0.1,
            "hidden_size": 48, "initializer_range": 0.02, "intermediate_size": 96,
            "max_position_embeddings": 64, "num_attention_heads": 4, "num_hidden_layers": 1,
            "type_vocab_size": 1, "vocab_size": 50
        }))
        .unwrap()
    }

    /// rust-bert's module and ours under the same path, ours with a copy of its (random) weights.
    fn twins<A, B>(path: &str, theirs: impl FnOnce(nn::Path) -> A, ours: impl FnOnce(nn::Path) -> B) -> (A, B) {
        tch::manual_seed(7);
        let theirs_vs = VarStore::new(Device::Cpu);
        let theirs = theirs(theirs_vs.root() / path);
        let mut ours_vs = VarStore::new(Device::Cpu);
        let ours = ours(ours_vs.root() / path);
        ours_vs.copy(&theirs_vs).unwrap();
        (theirs, ours)
    }

    #[test]
    fn embeddings_match_rust_berts() {
        let config = config();
        let (theirs, ours) = twins("embeddings", |p| BertEmbeddings::new(p, &config), |p| Embeddings::new(p, &config));
        let ids = Tensor::from_slice(&[0i64, 5, 7, 2, 1, 0, 9, 2, 1, 1]).view([2, 5]);
        let expected = tch::no_grad(|| theirs.forward_t(Some(&ids), None, None, None, false).unwrap());
        let gap = f64::try_from((expected - tch::no_grad(|| ours.forward(&ids))).abs().max()).unwrap();
        assert!(gap < 1e-6, "largest difference {gap}");
    }

    /// The same weights through rust-bert's eager layer and this one, padding included.
    #[test]
    fn matches_the_eager_bert_layer_within_1e_4() {
        let config = config();
        let (eager, fused) = twins("layer", |p| BertLayer::new(p, &config), |p| Layer::new(p, &config));
        let h = Tensor::randn([3, 10, 48], (Kind::Float, Device::Cpu));
        let mask = Tensor::from_slice(&[[1i64; 10], [1, 1, 1, 1, 1, 1, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]].concat()).view([3, 10]);
        let additive = ((mask.to_kind(Kind::Float) - 1.0) * 10000.0).view([3, 1, 1, 10]);
        let expected = tch::no_grad(|| eager.forward_t(&h, Some(&additive), None, None, false).hidden_state);
        let actual = tch::no_grad(|| fused.forward(&h, &attention_mask(&mask, Kind::Float), false));
        let valid = mask.to_kind(Kind::Float).unsqueeze(-1);
        let gap = f64::try_from(((expected - actual) * valid).abs().max()).unwrap();
        assert!(gap < 1e-4, "largest difference at unpadded positions: {gap}");
    }
}
