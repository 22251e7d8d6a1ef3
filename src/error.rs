//! The library's typed errors. The command line wraps them with context (anyhow); the
//! batch runner reports them against the document they concern and goes on.

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
