//! The attribution network: the base encoder split into a frozen lower part and a tuned
//! upper part, plus heads for quote tags, role tags, medium and quote–role links.
//!
//! Two var stores keep what is shipped apart from what setup rebuilds: `frozen` holds the
//! embeddings and lower layers (loaded from `models/base`, never trained), `tuned` holds the
//! upper layers (initialised from the base) and the heads. Only `tuned` is saved.

use super::data::{BIO_TAGS, MEDIUM_CLASSES, QUOTE_TAGS};
use super::evidence::FEATURE_SIZES;
use super::layer::{attention_mask, Embeddings, Layer};
use super::speaker_pass::SpeakerPass;
use rust_bert::bert::BertConfig;
use std::ops::Range;
use tch::nn::{self, Module};
use tch::{Device, Kind, Tensor};

/// Shape of the trainable part; saved beside the weights.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct HeadConfig {
    /// How many of the encoder's top layers are fine-tuned.
    pub tuned_layers: usize,
    /// Width of the link scorer's hidden layer.
    pub link_dim: i64,
    /// Distance buckets (per sign) of the link scorer.
    pub distance_buckets: i64,
    /// Whether the network reads the rules' analysis ([`super::evidence`]); models trained
    /// before it existed do not.
    #[serde(default)]
    pub evidence: bool,
    /// How the heads' scores are read back into quotations.
    #[serde(default)]
    pub decoding: super::decode::Decoding,
    /// What the engine's raw confidence means, fitted on dev after training (`zitat eval
    /// --fit-calibration`); none for a model just trained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<super::confidence::ConfidenceMap>,
    /// The conditioned speaker pass over the decoded quotations, for a model trained with one
    /// (`zitat train --speaker-pass`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_pass: Option<super::speaker_pass::SpeakerPassConfig>,
}

impl Default for HeadConfig {
    fn default() -> Self {
        HeadConfig { tuned_layers: 4, link_dim: 128, distance_buckets: 12, evidence: false, decoding: Default::default(), calibration: None, speaker_pass: None }
    }
}

/// Scores (quotation, role mention) pairs: a small MLP over both representations and their
/// bucketed distance, so a speaker named two sentences earlier can still win.
struct LinkScorer {
    quote: nn::Linear,
    mention: nn::Linear,
    distance: nn::Embedding,
    /// Whether the rules link the pair (see [`super::evidence::Evidence::link_prior`]).
    prior: Option<nn::Embedding>,
    out: nn::Linear,
    buckets: i64,
}

impl LinkScorer {
    fn new(p: nn::Path, hidden: i64, cfg: &HeadConfig) -> Self {
        let dim = cfg.link_dim;
        LinkScorer {
            quote: nn::linear(&p / "quote", hidden, dim, Default::default()),
            mention: nn::linear(&p / "mention", hidden, dim, Default::default()),
            distance: nn::embedding(&p / "distance", 2 * cfg.distance_buckets + 1, dim, Default::default()),
            prior: cfg.evidence.then(|| nn::embedding(&p / "prior", 2, dim, Default::default())),
            out: nn::linear(&p / "out", dim, 1, Default::default()),
            buckets: cfg.distance_buckets,
        }
    }

    /// Logits [quotes, mentions]; `distances` [quotes, mentions] in subwords (mention start
    /// minus quote start; 0 when the mention lies inside the quote).
    fn forward(&self, quotes: &Tensor, mentions: &Tensor, distances: &[Vec<i64>], prior: Option<&[Vec<i64>]>) -> Tensor {
        let buckets: Vec<i64> =
            distances.iter().flatten().map(|&d| distance_bucket(d, self.buckets)).collect();
        let (nq, nm) = (quotes.size()[0], mentions.size()[0]);
        let pairs = |values: &[i64]| Tensor::from_slice(values).view([nq, nm]).to_device(quotes.device());
        let mut h = self.quote.forward(quotes).unsqueeze(1)
            + self.mention.forward(mentions).unsqueeze(0)
            + self.distance.forward(&pairs(&buckets));
        if let (Some(embedding), Some(prior)) = (&self.prior, prior) {
            h += embedding.forward(&pairs(&prior.concat()));
        }
        self.out.forward(&h.gelu("none")).squeeze_dim(-1)
    }
}

/// Log-spaced signed buckets: 0 is "inside/touching", then ±1, ±2, ±4, … subwords.
pub(super) fn distance_bucket(d: i64, buckets: i64) -> i64 {
    let magnitude = (64 - (d.unsigned_abs()).leading_zeros() as i64).min(buckets);
    buckets + d.signum() * magnitude
}

/// Optimizer group of the heads (group 0: the tuned encoder layers).
pub const HEAD_GROUP: usize = 1;

pub struct Network {
    pub base: BertConfig,
    pub heads: HeadConfig,
    embeddings: Embeddings,
    lower: Vec<Layer>,
    upper: Vec<Layer>,
    /// One table per evidence feature, added to the first tuned layer's input.
    evidence: Vec<nn::Embedding>,
    quote_tags: nn::Linear,
    nested_tags: nn::Linear,
    role_tags: Vec<nn::Linear>,
    medium: nn::Linear,
    links: Vec<LinkScorer>,
    pub speaker_pass: Option<SpeakerPass>,
}

/// Per-subword logits of a whole document plus its hidden states (for spans and links).
pub struct DocOutput {
    pub hidden: Tensor,
    pub quote_tags: Tensor,
    pub nested_tags: Tensor,
    pub role_tags: Vec<Tensor>,
}

impl Network {
    pub fn new(frozen: &nn::Path, tuned: &nn::Path, base: BertConfig, heads: HeadConfig) -> Self {
        let n_layers = base.num_hidden_layers as usize;
        let split = n_layers - heads.tuned_layers;
        let layer = |p: &nn::Path, i: usize| Layer::new(p / "encoder" / "layer" / i as i64, &base);
        let hidden = base.hidden_size;
        // The heads start from scratch and learn faster than the pretrained layers.
        let heads_path = (tuned / "heads").set_group(HEAD_GROUP);
        let head = |name: &str, out: i64| nn::linear(&heads_path / name, hidden, out, Default::default());
        Network {
            embeddings: Embeddings::new(frozen / "embeddings", &base),
            lower: (0..split).map(|i| layer(frozen, i)).collect(),
            upper: (split..n_layers).map(|i| layer(tuned, i)).collect(),
            evidence: evidence_tables(&heads_path, hidden, heads.evidence),
            quote_tags: head("quote", QUOTE_TAGS),
            nested_tags: head("nested", BIO_TAGS),
            role_tags: ["speaker", "cue", "frame", "addressee"]
                .iter()
                .map(|r| head(&format!("role_{r}"), BIO_TAGS))
                .collect(),
            medium: head("medium", MEDIUM_CLASSES),
            links: ["speaker", "cue", "frame", "addressee"]
                .iter()
                .map(|r| LinkScorer::new(&heads_path / format!("link_{r}"), hidden, &heads))
                .collect(),
            speaker_pass: heads.speaker_pass.clone().map(|cfg| SpeakerPass::new(&(tuned / "heads" / "speaker_pass"), HEAD_GROUP, &base, cfg)),
            base,
            heads,
        }
    }

    /// The frozen part: embeddings and lower layers over padded windows [batch, len].
    /// Runs without gradient; its output is what training caches.
    pub fn lower(&self, ids: &Tensor, mask: &Tensor) -> Tensor {
        tch::no_grad(|| {
            let mut h = self.embeddings.forward(ids);
            let additive = attention_mask(mask, h.kind());
            for layer in &self.lower {
                h = layer.forward(&h, &additive, false);
            }
            h
        })
    }

    /// The tuned layers over the lower part's output plus the embedded `evidence`
    /// [batch, len, FEATURES] (ignored by a network without evidence tables).
    pub fn upper(&self, lower: &Tensor, evidence: Option<&Tensor>, mask: &Tensor, train: bool) -> Tensor {
        let additive = attention_mask(mask, lower.kind());
        let mut h = lower.shallow_clone();
        if let (false, Some(features)) = (self.evidence.is_empty(), evidence) {
            let added = self.evidence.iter().enumerate().map(|(k, table)| table.forward(&features.select(2, k as i64)));
            let sum = added.reduce(|a, b| a + b).expect("evidence has features");
            h = h + sum.to_kind(lower.kind());
        }
        for layer in &self.upper {
            h = layer.forward(&h, &additive, train);
        }
        h
    }

    /// Tag logits over a document's subwords, `hidden` [subwords, hidden] being the upper
    /// output gathered at each subword's best window copy.
    pub fn tag(&self, hidden: Tensor, train: bool) -> DocOutput {
        let h = hidden.dropout(0.1, train);
        DocOutput {
            quote_tags: self.quote_tags.forward(&h),
            nested_tags: self.nested_tags.forward(&h),
            role_tags: self.role_tags.iter().map(|head| head.forward(&h)).collect(),
            hidden,
        }
    }

    /// Link logits [quotes, mentions] for role `r`.
    /// `prior`: the rules' links of the same pairs, for a network that reads evidence.
    pub fn link(&self, r: usize, hidden: &Tensor, quotes: &[Vec<Range<usize>>], mentions: &[Range<usize>], prior: Option<&[Vec<i64>]>) -> Tensor {
        let q = span_means(hidden, quotes);
        let m = span_means(hidden, &mentions.iter().map(|m| vec![m.clone()]).collect::<Vec<_>>());
        let distances: Vec<Vec<i64>> =
            quotes.iter().map(|parts| mentions.iter().map(|m| distance(parts, m)).collect()).collect();
        self.links[r].forward(&q, &m, &distances, prior)
    }

    /// Medium logits [quotes, MEDIUM_CLASSES].
    pub fn medium(&self, hidden: &Tensor, quotes: &[Vec<Range<usize>>]) -> Tensor {
        self.medium.forward(&span_means(hidden, quotes))
    }

    pub fn reads_evidence(&self) -> bool {
        !self.evidence.is_empty()
    }

    pub fn device(&self) -> Device {
        self.quote_tags.ws.device()
    }
}

/// Zero-initialised tables, so that training starts from the base encoder's own behaviour.
fn evidence_tables(heads: &nn::Path, hidden: i64, on: bool) -> Vec<nn::Embedding> {
    if !on {
        return Vec::new();
    }
    let zeros = nn::EmbeddingConfig { ws_init: nn::Init::Const(0.0), ..Default::default() };
    FEATURE_SIZES.iter().enumerate().map(|(k, &n)| nn::embedding(heads / format!("evidence_{k}"), n, hidden, zeros)).collect()
}

/// Mean hidden state over each group of ranges → [groups, hidden].
pub fn span_means(hidden: &Tensor, groups: &[Vec<Range<usize>>]) -> Tensor {
    let rows: Vec<Tensor> = groups
        .iter()
        .map(|parts| {
            let pieces: Vec<Tensor> = parts
                .iter()
                .map(|r| hidden.narrow(0, r.start as i64, (r.end - r.start) as i64))
                .collect();
            Tensor::cat(&pieces, 0).mean_dim(0, false, Kind::Float)
        })
        .collect();
    Tensor::stack(&rows, 0)
}

/// Signed subword distance from a quotation to a mention; 0 when they overlap.
fn distance(parts: &[Range<usize>], mention: &Range<usize>) -> i64 {
    let start = parts.iter().map(|p| p.start).min().unwrap_or(0) as i64;
    let end = parts.iter().map(|p| p.end).max().unwrap_or(0) as i64;
    let (ms, me) = (mention.start as i64, mention.end as i64);
    if me <= start {
        me - start - 1
    } else if ms >= end {
        ms - end + 1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_buckets_are_signed_and_log_spaced() {
        assert_eq!(distance_bucket(0, 12), 12);
        assert_eq!(distance_bucket(1, 12), 13);
        assert_eq!(distance_bucket(-1, 12), 11);
        assert_eq!(distance_bucket(5, 12), 15);
        assert_eq!(distance_bucket(1 << 20, 12), 24);
        assert_eq!(distance(&[10..20], &(2..4)), -7);
        assert_eq!(distance(&[10..20], &(12..14)), 0);
        assert_eq!(distance(&[10..20], &(25..26)), 6);
    }
}
