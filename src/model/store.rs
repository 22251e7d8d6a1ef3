//! Loading and saving: the base encoder from `models/base` (rebuilt by setup) and the
//! fine-tuned part (`tuned-NN.safetensors` shards, fp16, plus `model.json`) from a model
//! folder. Shards stay under 5 MB so that no file in the repository is larger.

use super::batch::WindowConfig;
use super::network::{HeadConfig, Network};
use anyhow::{bail, Context, Result};
use rust_bert::bert::BertConfig;
use std::path::{Path, PathBuf};
use tch::nn::VarStore;
use tch::{Device, Kind, Tensor};
use tokenizers::Tokenizer;

pub const META: &str = "model.json";
const SHARD_PREFIX: &str = "tuned-";
const SHARD_BYTES: i64 = 4 << 20;

/// What a model folder says about itself.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ModelMeta {
    /// sha256 of the base `model.safetensors` the model was trained on.
    pub base_sha256: String,
    pub heads: HeadConfig,
    pub window: WindowConfig,
    /// sha256 of every weight shard, by file name; written by [`save`], checked by
    /// [`load_tuned`] so that a damaged or swapped shard is refused, never used.
    #[serde(default)]
    pub shards: std::collections::BTreeMap<String, String>,
    /// Free-form training record (command, data, epochs, time, dev scores).
    #[serde(default)]
    pub training: serde_json::Value,
}

/// The network with its two var stores and the tokenizer.
pub struct Loaded {
    pub net: Network,
    pub frozen: VarStore,
    pub tuned: VarStore,
    pub tokenizer: Tokenizer,
    pub window: WindowConfig,
}

pub fn tokenizer(base: &Path) -> Result<Tokenizer> {
    let path = base.join("tokenizer.json");
    let mut tok = Tokenizer::from_file(&path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}; run scripts/setup.sh", path.display()))?;
    tok.with_truncation(None).map_err(|e| anyhow::anyhow!("{e}"))?;
    tok.with_padding(None);
    Ok(tok)
}

/// The base encoder with freshly initialised heads (the start of training).
pub fn load_base(base: &Path, device: Device, heads: HeadConfig, window: WindowConfig) -> Result<Loaded> {
    let config_path = base.join("config.json");
    if !config_path.exists() {
        bail!("no base encoder at {}: run scripts/setup.sh first", base.display());
    }
    // rust-bert's Config::from_file panics on a damaged file; read it here instead.
    let config: BertConfig = std::fs::read_to_string(&config_path)
        .map_err(anyhow::Error::from)
        .and_then(|text| Ok(serde_json::from_str(&text)?))
        .with_context(|| format!("{} is not a valid encoder configuration; rerun scripts/setup.sh", config_path.display()))?;
    let frozen = VarStore::new(device);
    let mut tuned = VarStore::new(device);
    let net = Network::new(&frozen.root(), &tuned.root(), config, heads);
    let weights = base.join("model.safetensors");
    let mut frozen = frozen;
    let missing = frozen.load_partial(&weights).with_context(|| format!("loading {}", weights.display()))?;
    if !missing.is_empty() {
        bail!("{} lacks {} base weights (e.g. {}); rerun scripts/setup.sh", weights.display(), missing.len(), missing[0]);
    }
    let missing = tuned.load_partial(&weights)?;
    if let Some(name) = missing.iter().find(|n| !n.starts_with("heads.")) {
        bail!("{} lacks the encoder weight {name}; rerun scripts/setup.sh", weights.display());
    }
    frozen.freeze();
    Ok(Loaded { net, frozen, tuned, tokenizer: tokenizer(base)?, window })
}

/// A fine-tuned model on top of the base it was trained on (checked by checksum).
pub fn load_model(model: &Path, base: &Path, device: Device) -> Result<Loaded> {
    let meta = read_meta(model)?;
    let actual = crate::setup::base_checksum(base)?;
    if actual != meta.base_sha256 {
        bail!(
            "{} was trained on the base encoder with sha256 {}, but {} has {}; \
             rebuild the base with scripts/setup.sh or retrain the model",
            model.display(), meta.base_sha256, base.display(), actual
        );
    }
    let mut loaded = load_base(base, device, meta.heads.clone(), meta.window)?;
    load_tuned(&mut loaded.tuned, model)?;
    Ok(loaded)
}

/// Reads the fp16 shards of `dir` into the tuned variables (fp32 for the arithmetic),
/// after checking each against the checksum `model.json` records for it.
pub fn load_tuned(tuned: &mut VarStore, dir: &Path) -> Result<()> {
    let meta = read_meta(dir)?;
    let mut stored = std::collections::HashMap::new();
    for shard in shards(dir)? {
        verify_shard(&shard, &meta)?;
        let tensors = Tensor::read_safetensors(&shard).with_context(|| format!("loading {}", shard.display()))?;
        stored.extend(tensors);
    }
    let variables = tuned.variables();
    let missing: Vec<&String> = variables.keys().filter(|name| !stored.contains_key(*name)).collect();
    if let Some(name) = missing.first() {
        bail!("{} lacks {} weights (e.g. {name}): it does not match this zitat version", dir.display(), missing.len());
    }
    tch::no_grad(|| {
        for (name, mut var) in variables {
            var.copy_(&stored[&name].to_kind(Kind::Float).to_device(var.device()));
        }
    });
    Ok(())
}

fn verify_shard(shard: &Path, meta: &ModelMeta) -> Result<()> {
    let name = shard.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let Some(expected) = meta.shards.get(&name) else {
        bail!(
            "{} is not listed with a checksum in {META}; the model folder is incomplete or \
             was saved by an older zitat: retrain it or restore it from the repository",
            shard.display()
        );
    };
    let actual = crate::setup::sha256_file(shard)?;
    if &actual != expected {
        bail!(
            "{} is damaged: its sha256 is {actual}, {META} expects {expected}; restore the file \
             (git checkout -- {}) or retrain the model",
            shard.display(),
            shard.display()
        );
    }
    Ok(())
}

fn shards(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(SHARD_PREFIX) && n.ends_with(".safetensors")))
        .collect();
    found.sort();
    if found.is_empty() {
        bail!("{} has no weights ({SHARD_PREFIX}*.safetensors)", dir.display());
    }
    Ok(found)
}

pub fn read_meta(model: &Path) -> Result<ModelMeta> {
    let path = model.join(META);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("no model at {} (missing {META}); train one with `zitat train`", model.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not a valid model description", path.display()))
}

/// Writes the tuned weights in fp16 and the description, through a temporary folder so a
/// crash never leaves a half-written model that loads.
pub fn save(tuned: &VarStore, meta: &ModelMeta, dir: &Path) -> Result<()> {
    let tmp = PathBuf::from(format!("{}.tmp", dir.display()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let mut named: Vec<(String, Tensor)> = tuned
        .variables()
        .into_iter()
        .map(|(name, t)| (name, t.to_kind(Kind::Half).to_device(Device::Cpu)))
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    let mut meta = meta.clone();
    meta.shards.clear();
    for (k, shard) in split_by_size(named).iter().enumerate() {
        let name = format!("{SHARD_PREFIX}{:02}.safetensors", k + 1);
        Tensor::write_safetensors(shard, tmp.join(&name))?;
        meta.shards.insert(name.clone(), crate::setup::sha256_file(&tmp.join(&name))?);
    }
    std::fs::write(tmp.join(META), serde_json::to_string_pretty(&meta)?)?;
    // Keep files that live beside the weights (the checkpoint folder, notes).
    if dir.exists() {
        for entry in std::fs::read_dir(dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(SHARD_PREFIX) && name != META {
                std::fs::rename(entry.path(), tmp.join(&name))?;
            }
        }
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::rename(&tmp, dir).with_context(|| format!("cannot move the model into {}", dir.display()))?;
    Ok(())
}

/// Consecutive groups of tensors of at most [`SHARD_BYTES`] each (a larger tensor alone).
fn split_by_size(named: Vec<(String, Tensor)>) -> Vec<Vec<(String, Tensor)>> {
    let mut shards: Vec<Vec<(String, Tensor)>> = vec![Vec::new()];
    let mut bytes = 0;
    for (name, t) in named {
        let size = t.numel() as i64 * 2;
        if bytes + size > SHARD_BYTES && !shards.last().unwrap().is_empty() {
            shards.push(Vec::new());
            bytes = 0;
        }
        bytes += size;
        shards.last_mut().unwrap().push((name, t));
    }
    shards
}
