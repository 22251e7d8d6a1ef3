//! The library's typed errors. The command line wraps them with context (anyhow) and
//! prints each with its chain of causes; the batch runner reports stage errors against the
//! document they concern and goes on.

use std::path::PathBuf;
use thiserror::Error;

/// Why a stage could not annotate a document.
#[derive(Debug, Error)]
pub enum StageError {
    /// NaN or infinity in the network's output: damaged weights, never a result to write.
    #[error(
        "the model's {0} hold non-finite values (NaN or infinity), so its weights are damaged; \
         restore models/ (git checkout -- models) and rerun scripts/setup.sh"
    )]
    NonFinite(&'static str),
    /// libtorch refused an operation (out of memory, a device error).
    #[error("libtorch failed: {0}")]
    Torch(String),
    /// A bug: a stage panicked on this document.
    #[error("internal error in the {engine} engine ({message}); please report it with this article")]
    Panicked { engine: &'static str, message: String },
}

/// Why a model, the base encoder or the tokenizer could not be loaded or saved. The cause
/// (an I/O, JSON or libtorch error) is the error's `source`, which the command line prints
/// after the message.
#[cfg(feature = "model")]
#[derive(Debug, Error)]
pub enum ModelError {
    #[error("no base encoder at {}: run scripts/setup.sh first", .0.display())]
    NoBase(PathBuf),
    #[error("{} is not a valid encoder configuration; rerun scripts/setup.sh", path.display())]
    InvalidConfig { path: PathBuf, source: BoxedCause },
    #[error("cannot load {}; run scripts/setup.sh again", path.display())]
    BaseWeights { path: PathBuf, source: tch::TchError },
    #[error("{} lacks {count} base weights (e.g. {example}); rerun scripts/setup.sh", path.display())]
    MissingBaseWeights { path: PathBuf, count: usize, example: String },
    #[error("{} lacks the encoder weight {name}; rerun scripts/setup.sh", path.display())]
    MissingEncoderWeight { path: PathBuf, name: String },
    #[error(
        "{} does not match the encoder: missing {missing:?}, unexpected {extra:?}; run scripts/setup.sh again",
        path.display()
    )]
    NamesMismatch { path: PathBuf, missing: Vec<String>, extra: Vec<String> },
    #[error("cannot read the safetensors header of {}; run scripts/setup.sh again", path.display())]
    Header { path: PathBuf, source: BoxedCause },
    #[error("{} has a {length}-byte safetensors header: not a model file; run scripts/setup.sh again", path.display())]
    HugeHeader { path: PathBuf, length: u64 },
    #[error("cannot read {}; run scripts/setup.sh", path.display())]
    Tokenizer { path: PathBuf, source: tokenizers::Error },
    #[error("the tokenizer failed on the text")]
    Tokenize(#[source] tokenizers::Error),
    #[error("{tokens} tokens exceed the encoder's {positions} positions; cut the text into windows first")]
    TooLong { tokens: usize, positions: usize },
    #[error(
        "{} was trained on the base encoder with sha256 {expected}, but {} has {actual}; \
         rebuild the base with scripts/setup.sh or retrain the model",
        model.display(), base.display()
    )]
    OtherBase { model: PathBuf, base: PathBuf, expected: String, actual: String },
    #[error("no model at {} (missing {}); train one with `zitat train`", dir.display(), "model.json")]
    NoModel { dir: PathBuf, source: std::io::Error },
    #[error("{} is not a valid model description; restore it (git checkout -- {}) or retrain the model", path.display(), path.display())]
    InvalidMeta { path: PathBuf, source: serde_json::Error },
    #[error("cannot read {}; restore the model folder or train one with `zitat train`", dir.display())]
    UnreadableFolder { dir: PathBuf, source: std::io::Error },
    #[error("{} has no weights (tuned-*.safetensors); restore the model folder or train one with `zitat train`", .0.display())]
    NoShards(PathBuf),
    #[error(
        "{} is not listed with a checksum in {}; the model folder is incomplete or \
         was saved by an older zitat: retrain it or restore it from the repository",
        .0.display(), "model.json"
    )]
    UnlistedShard(PathBuf),
    #[error(
        "{} is damaged: its sha256 is {actual}, {} expects {expected}; restore the file \
         (git checkout -- {}) or retrain the model",
        path.display(), "model.json", path.display()
    )]
    DamagedShard { path: PathBuf, actual: String, expected: String },
    #[error("cannot load {}; restore the file (git checkout -- {}) or retrain the model", path.display(), path.display())]
    Shard { path: PathBuf, source: tch::TchError },
    #[error("{} lacks {count} weights (e.g. {example}): it does not match this zitat version; retrain it", dir.display())]
    MissingTunedWeights { dir: PathBuf, count: usize, example: String },
    #[error("cannot write {}; check that the folder is writable and the disk has room", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot write {}; check that the folder is writable and the disk has room", path.display())]
    WriteShard { path: PathBuf, source: tch::TchError },
    /// The base's checksum or a file's hash, read by setup's code.
    #[error(transparent)]
    Base(#[from] SetupError),
}

/// An I/O or parse error behind a file that could not be used.
pub type BoxedCause = Box<dyn std::error::Error + Send + Sync>;

/// Why fine-tuning could not start or go on.
#[cfg(feature = "model")]
#[derive(Debug, Error)]
pub enum TrainError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Folder(#[from] crate::ingest::dataset::FolderError),
    #[error("{first} ({failed} files of {} could not be read; training needs all)", dir.display())]
    UnreadableGold { dir: PathBuf, first: String, failed: usize },
    #[error("cannot resume from {}; delete the checkpoint folder to start afresh", path.display())]
    ReadState { path: PathBuf, source: BoxedCause },
    #[error("cannot write {}; check that the folder is writable and the disk has room", path.display())]
    WriteState { path: PathBuf, source: std::io::Error },
    #[error("libtorch failed while training")]
    Torch(#[from] tch::TchError),
    #[error("--speaker-pass trains a pass on top of a trained model: name it with --init (e.g. --init models/zitat-news)")]
    NoInit,
    #[error("--extra-train: {0}")]
    ExtraTrain(String),
    #[error("the rules could not analyse training document {id}")]
    Analysis { id: String, source: StageError },
    /// The base's checksum, recorded in the model.
    #[error(transparent)]
    Base(#[from] SetupError),
}

/// Why `--device` names no usable device.
#[cfg(feature = "model")]
#[derive(Debug, Error)]
pub enum DeviceError {
    #[error(
        "--device cuda: no CUDA device is usable here (libtorch sees {0} GPUs); \
         use --device cpu, or on a GPU host run ZITAT_CUDA=1 scripts/setup.sh to install \
         the CUDA build of libtorch"
    )]
    NoCuda(i64),
    #[error("unknown device {0:?}: use auto, cpu or cuda")]
    Unknown(String),
    #[error("unknown precision {0:?}: use auto, fp32 or bf16")]
    UnknownPrecision(String),
}

/// Why the base encoder could not be rebuilt from the pinned packages, or its record read.
#[derive(Debug, Error)]
pub enum SetupError {
    #[error("cannot read {}", path.display())]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("{} is not a complete base encoder; run scripts/setup.sh", base.display())]
    Incomplete { base: PathBuf, source: std::io::Error },
    #[error("{} has no weights checksum; run scripts/setup.sh", .0.display())]
    NoChecksum(PathBuf),
    #[error(
        "{} has sha256 {actual}, expected {expected}: the download is corrupt or not the pinned \
         version; delete .deps/encoder and run scripts/setup.sh again",
        path.display()
    )]
    Checksum { path: PathBuf, actual: String, expected: String },
    #[error("{} is not a valid e5 container; delete .deps/encoder and run scripts/setup.sh again", path.display())]
    Container { path: PathBuf, source: ContainerError },
    #[error("cannot write {}; check that the folder is writable and the disk has room", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot write {}", path.display())]
    Safetensors { path: PathBuf, source: safetensors::SafeTensorError },
}

/// What is wrong inside an `e5-small-q4.bin` container.
#[derive(Debug, Error)]
pub enum ContainerError {
    #[error("file ends early at byte {0}")]
    Truncated(usize),
    #[error("not an E5S1 file (wrong magic bytes)")]
    Magic,
    #[error("unsupported E5S1 version {0}")]
    Version(u32),
    #[error("unsupported quantisation block size {0}")]
    BlockSize(usize),
    #[error("negative count {value} at byte {at}")]
    NegativeCount { value: i32, at: usize },
    #[error("tensor name is not UTF-8")]
    Name(#[source] std::string::FromUtf8Error),
    #[error("tensor {name}: {len} bytes for {elements} elements")]
    ByteCount { name: String, len: usize, elements: usize },
    #[error("tensor {0} lies beyond the end of the file")]
    BeyondEnd(String),
    #[error("unknown tensor {0}")]
    UnknownTensor(String),
    #[error("tensor {name} has {values} values, expected shape {shape:?}")]
    ValueCount { name: String, values: usize, shape: Vec<usize> },
}

/// Why sentence boundaries cannot be scored.
#[derive(Debug, Error)]
pub enum SentenceScoreError {
    #[error(
        "none of the {0} gold documents has sentences; sentence scoring needs the dataset's \
         articles with their `sentences`"
    )]
    NoGoldSentences(usize),
}
