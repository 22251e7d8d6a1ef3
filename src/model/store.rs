//! Loading and saving: the base encoder from `models/base` (rebuilt by setup) and the
//! fine-tuned part (`tuned-NN.safetensors` shards, fp16, plus `model.json`) from a model
//! folder. Shards stay under 5 MB so that no file in the repository is larger.

use super::batch::WindowConfig;
use super::network::{HeadConfig, Network};
use crate::error::ModelError;
use rust_bert::bert::BertConfig;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tch::nn::VarStore;
use safetensors::{Dtype, SafeTensors};
use tch::{Device, Kind, TchError, Tensor};
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
    /// Shared, not cloned: a clone of the tokenizer rebuilds its 250,000-piece trie.
    pub tokenizer: Arc<Tokenizer>,
    pub window: WindowConfig,
}

type Result<T> = std::result::Result<T, ModelError>;

/// The base's `tokenizer.json`, without truncation (windowing is the caller's job: silent
/// truncation would drop text unnoticed) and without padding.
pub fn tokenizer(base: &Path) -> Result<Tokenizer> {
    let path = base.join("tokenizer.json");
    let unusable = |source| ModelError::Tokenizer { path: path.clone(), source };
    let mut tok = Tokenizer::from_file(&path).map_err(unusable)?;
    tok.with_truncation(None).map_err(unusable)?;
    tok.with_padding(None);
    Ok(tok)
}

/// `config.json` of the base. rust-bert's `Config::from_file` panics on a damaged file, so
/// it is read here instead.
pub fn read_config(base: &Path) -> Result<BertConfig> {
    let path = base.join("config.json");
    if !path.exists() {
        return Err(ModelError::NoBase(base.to_path_buf()));
    }
    let invalid = |source| ModelError::InvalidConfig { path: path.clone(), source };
    let text = std::fs::read_to_string(&path).map_err(|e| invalid(e.into()))?;
    serde_json::from_str(&text).map_err(|e| invalid(e.into()))
}

/// The base encoder with freshly initialised heads (the start of training).
pub fn load_base(base: &Path, device: Device, heads: HeadConfig, window: WindowConfig) -> Result<Loaded> {
    let config = read_config(base)?;
    let frozen = VarStore::new(device);
    let mut tuned = VarStore::new(device);
    let net = Network::new(&frozen.root(), &tuned.root(), config, heads);
    let weights = base.join("model.safetensors");
    let mut frozen = frozen;
    let [missing, missing_tuned] = load_base_weights(&weights, [&mut frozen, &mut tuned])
        .map_err(|source| ModelError::BaseWeights { path: weights.clone(), source })?;
    if let Some(example) = missing.first() {
        return Err(ModelError::MissingBaseWeights { path: weights, count: missing.len(), example: example.clone() });
    }
    if let Some(name) = missing_tuned.iter().find(|n| !n.starts_with("heads.")) {
        return Err(ModelError::MissingEncoderWeight { path: weights, name: name.clone() });
    }
    frozen.freeze();
    Ok(Loaded { net, frozen, tuned, tokenizer: Arc::new(tokenizer(base)?), window })
}

/// Copies the base weights into each store from one memory map of the file, and names each
/// store's variables the file lacks. `VarStore::load_partial` would read the 470 MB file
/// onto the heap once per store; zeroing those fresh pages was a third of the load time.
pub(super) fn load_base_weights<const N: usize>(path: &Path, stores: [&mut VarStore; N]) -> std::result::Result<[Vec<String>; N], TchError> {
    let file = std::fs::File::open(path)?;
    // SAFETY: the map is only read, and dropped before this returns; setup builds a base in
    // a temporary folder and renames it into place, so a mapped file is never rewritten.
    let map = unsafe { memmap2::Mmap::map(&file)? };
    let weights = SafeTensors::deserialize(&map).map_err(|e| TchError::FileFormat(e.to_string()))?;
    let mut missing = [(); N].map(|_| Vec::new());
    for (store, missing) in stores.into_iter().zip(&mut missing) {
        *missing = copy_weights(&weights, store)?;
    }
    Ok(missing)
}

fn copy_weights(weights: &SafeTensors, store: &mut VarStore) -> std::result::Result<Vec<String>, TchError> {
    let mut missing = Vec::new();
    for (name, mut var) in store.variables() {
        let Ok(view) = weights.tensor(&name) else {
            missing.push(name);
            continue;
        };
        let kind = match view.dtype() {
            Dtype::F32 => Kind::Float,
            Dtype::F16 => Kind::Half,
            Dtype::BF16 => Kind::BFloat16,
            other => return Err(TchError::Kind(format!("{name} is stored as {other:?}, not a float type"))),
        };
        let shape: Vec<i64> = view.shape().iter().map(|&d| d as i64).collect();
        let stored = Tensor::f_from_data_size(view.data(), &shape, kind)?;
        if stored.size() != var.size() {
            return Err(TchError::Shape(format!("{name} is {:?} in the file but {:?} in the network", stored.size(), var.size())));
        }
        tch::no_grad(|| var.f_copy_(&stored)).map_err(|e| e.path_context(&name))?;
    }
    Ok(missing)
}

/// A fine-tuned model on top of the base it was trained on (checked by checksum).
pub fn load_model(model: &Path, base: &Path, device: Device) -> Result<Loaded> {
    let meta = read_meta(model)?;
    let actual = crate::setup::base_checksum(base)?;
    if actual != meta.base_sha256 {
        return Err(ModelError::OtherBase {
            model: model.to_path_buf(),
            base: base.to_path_buf(),
            expected: meta.base_sha256,
            actual,
        });
    }
    let mut loaded = load_base(base, device, meta.heads.clone(), meta.window)?;
    load_tuned(&mut loaded.tuned, model)?;
    Ok(loaded)
}

/// Puts the encoder (embeddings and every layer, frozen or tuned) in `precision`'s
/// number format; the heads stay fp32, which is what decoding reads.
pub fn set_precision(loaded: &mut Loaded, precision: super::device::Precision) {
    let kind = precision.kind();
    loaded.frozen.set_kind(kind);
    tch::no_grad(|| {
        for (name, mut var) in loaded.tuned.variables() {
            // The speaker pass's transformer layers compute as the encoder does; its
            // embeddings and scorers stay fp32.
            if !name.starts_with("heads.") || name.starts_with("heads.speaker_pass.layer.") {
                var.set_data(&var.to_kind(kind));
            }
        }
    });
}

/// Reads the fp16 shards of `dir` into the tuned variables (fp32 for the arithmetic),
/// after checking each against the checksum `model.json` records for it.
pub fn load_tuned(tuned: &mut VarStore, dir: &Path) -> Result<()> {
    load_tuned_but(tuned, dir, "")
}

/// Like [`load_tuned`], but variables named with `new_prefix` may be absent from `dir` and
/// keep their fresh values (a part added to a trained model, e.g. its speaker pass).
pub fn load_tuned_but(tuned: &mut VarStore, dir: &Path, new_prefix: &str) -> Result<()> {
    let meta = read_meta(dir)?;
    let mut stored = std::collections::HashMap::new();
    for shard in shards(dir)? {
        verify_shard(&shard, &meta)?;
        let tensors = Tensor::read_safetensors(&shard).map_err(|source| ModelError::Shard { path: shard.clone(), source })?;
        stored.extend(tensors);
    }
    let variables = tuned.variables();
    let is_new = |name: &str| !new_prefix.is_empty() && name.starts_with(new_prefix);
    let absent = |name: &str| !stored.contains_key(name) && !has_delta(&stored, name);
    let missing: Vec<&String> = variables.keys().filter(|name| absent(name) && !is_new(name)).collect();
    if let Some(name) = missing.first() {
        return Err(ModelError::MissingTunedWeights { dir: dir.to_path_buf(), count: missing.len(), example: name.to_string() });
    }
    tch::no_grad(|| {
        for (name, mut var) in variables.into_iter().filter(|(name, _)| !absent(name)) {
            match stored.get(&name) {
                Some(value) => var.copy_(&value.to_kind(Kind::Float).to_device(var.device())),
                // `var` holds the base's weight, which the delta was taken from.
                None => var.copy_(&(&var + dequantize(&stored[&delta_name(&name)], &stored[&scale_name(&name)]).to_device(var.device()))),
            };
        }
    });
    Ok(())
}

fn delta_name(name: &str) -> String {
    format!("{name}.delta")
}

fn scale_name(name: &str) -> String {
    format!("{name}.delta_scale")
}

fn has_delta(stored: &std::collections::HashMap<String, Tensor>, name: &str) -> bool {
    stored.contains_key(&delta_name(name)) && stored.contains_key(&scale_name(name))
}

/// int8 values times their row's fp16 scale, in fp32.
fn dequantize(values: &Tensor, scales: &Tensor) -> Tensor {
    values.to_kind(Kind::Float) * scales.to_kind(Kind::Float).unsqueeze(-1)
}

/// A fine-tuned matrix as its difference from the base, in int8 with one fp16 scale per row:
/// fine-tuning moves weights by about a hundredth of their size, so the difference in int8
/// is finer than the weight itself in fp16, at half the bytes (all twelve layers tuned fit in
/// 22 MB instead of 43).
fn quantize_delta(weight: &Tensor, origin: &Tensor) -> (Tensor, Tensor) {
    let delta = (weight - origin).to_kind(Kind::Float).to_device(Device::Cpu);
    let scales = (delta.abs().amax([-1].as_slice(), true) / 127.0).clamp_min(1e-12).to_kind(Kind::Half);
    let values = (&delta / scales.to_kind(Kind::Float)).round().clamp(-127, 127).to_kind(Kind::Int8);
    (values, scales.squeeze_dim(-1))
}

/// What `save_deltas` takes differences from: the base's values of the tuned matrices.
pub type Origin = std::collections::BTreeMap<String, Tensor>;

/// The tuned encoder matrices as they are now (before training changes them).
pub fn origin(tuned: &VarStore) -> Origin {
    tuned
        .variables()
        .into_iter()
        .filter(|(name, t)| !name.starts_with("heads.") && t.dim() == 2)
        .map(|(name, t)| (name, t.detach().copy()))
        .collect()
}

fn verify_shard(shard: &Path, meta: &ModelMeta) -> Result<()> {
    let name = shard.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let Some(expected) = meta.shards.get(&name) else {
        return Err(ModelError::UnlistedShard(shard.to_path_buf()));
    };
    let actual = crate::setup::sha256_file(shard)?;
    if &actual != expected {
        return Err(ModelError::DamagedShard { path: shard.to_path_buf(), actual, expected: expected.clone() });
    }
    Ok(())
}

fn shards(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries =
        std::fs::read_dir(dir).map_err(|source| ModelError::UnreadableFolder { dir: dir.to_path_buf(), source })?;
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(SHARD_PREFIX) && n.ends_with(".safetensors")))
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(ModelError::NoShards(dir.to_path_buf()));
    }
    Ok(found)
}

pub fn read_meta(model: &Path) -> Result<ModelMeta> {
    let path = model.join(META);
    let text =
        std::fs::read_to_string(&path).map_err(|source| ModelError::NoModel { dir: model.to_path_buf(), source })?;
    serde_json::from_str(&text).map_err(|source| ModelError::InvalidMeta { path, source })
}

/// Writes the tuned weights in fp16 and the description, through a temporary folder so a
/// crash never leaves a half-written model that loads.
pub fn save(tuned: &VarStore, meta: &ModelMeta, dir: &Path) -> Result<()> {
    save_deltas(tuned, &Origin::new(), meta, dir)
}

/// Like [`save`], but the matrices named in `origin` as int8 differences from it.
pub fn save_deltas(tuned: &VarStore, origin: &Origin, meta: &ModelMeta, dir: &Path) -> Result<()> {
    let tmp = PathBuf::from(format!("{}.tmp", dir.display()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(write_error(&tmp))?;
    let mut named: Vec<(String, Tensor)> = Vec::new();
    for (name, t) in tuned.variables() {
        match origin.get(&name) {
            Some(base) => {
                let (values, scales) = quantize_delta(&t, base);
                named.push((delta_name(&name), values));
                named.push((scale_name(&name), scales));
            }
            None => named.push((name, t.to_kind(Kind::Half).to_device(Device::Cpu))),
        }
    }
    named.sort_by(|a, b| a.0.cmp(&b.0));
    let mut meta = meta.clone();
    meta.shards.clear();
    for (k, shard) in split_by_size(named).iter().enumerate() {
        let name = format!("{SHARD_PREFIX}{:02}.safetensors", k + 1);
        let path = tmp.join(&name);
        Tensor::write_safetensors(shard, &path).map_err(|source| ModelError::WriteShard { path: path.clone(), source })?;
        meta.shards.insert(name, crate::setup::sha256_file(&path)?);
    }
    // Plain structs, string-keyed maps and JSON values always serialise.
    let description = serde_json::to_string_pretty(&meta).expect("a model description serialises");
    std::fs::write(tmp.join(META), description).map_err(write_error(&tmp.join(META)))?;
    keep_neighbours(dir, &tmp)?;
    std::fs::rename(&tmp, dir).map_err(write_error(dir))
}

/// Moves the files that live beside the weights in `dir` (the checkpoint folder, notes)
/// into the new folder `tmp`, and removes what is left of `dir`.
fn keep_neighbours(dir: &Path, tmp: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir).map_err(write_error(dir))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(SHARD_PREFIX) && name != META {
            std::fs::rename(entry.path(), tmp.join(&name)).map_err(write_error(&tmp.join(&name)))?;
        }
    }
    std::fs::remove_dir_all(dir).map_err(write_error(dir))
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> ModelError + '_ {
    move |source| ModelError::Write { path: path.to_path_buf(), source }
}

/// Consecutive groups of tensors of at most [`SHARD_BYTES`] each (a larger tensor alone).
fn split_by_size(named: Vec<(String, Tensor)>) -> Vec<Vec<(String, Tensor)>> {
    let mut shards: Vec<Vec<(String, Tensor)>> = vec![Vec::new()];
    let mut bytes = 0;
    for (name, t) in named {
        let size = (t.numel() * t.kind().elt_size_in_bytes()) as i64;
        if bytes + size > SHARD_BYTES && !shards.last().unwrap().is_empty() {
            shards.push(Vec::new());
            bytes = 0;
        }
        bytes += size;
        shards.last_mut().unwrap().push((name, t));
    }
    shards
}
