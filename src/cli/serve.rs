//! `zitat serve`: builds the engine, binds the address and hands both to `zitat::serve`.

use anyhow::{bail, Context, Result};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use zitat::serve::{batch::Batching, Config, EngineInfo};

const MANUAL: &str = "\
API (JSON errors are {\"error\": \"…\"}):\n\
  POST /v1/attribute   {\"text\": …, \"title\"?: …, \"id\"?: …} as application/json, or the text \
as text/plain → {\"quotations\": [<the records `zitat run` writes>]}\n\
  POST /v1/batch       JSONL articles ({\"id\", \"text\", …} per line) → JSONL quotation records, \
streamed in input order\n\
  GET  /v1/find?q=…&speaker=…&limit=…   a claimed quotation looked up in --corpus → \
{\"matches\": [<the records `zitat find` prints>], \"confirmed\": bool}\n\
  GET  /v1/info        versions, engine, model, device, limits, corpus\n\
  GET  /healthz        200 \"ok\"\n\
  GET  /               a page to paste an article and see its quotations marked, and (with \
--corpus) to check a quote\n\n\
Refusals: 413 body over --max-body-mb; 400 malformed JSON, invalid UTF-8 or a bad JSONL line \
(named); 415 other content types; 503 with Retry-After when --queue requests are already in \
progress or waiting, or a request takes over --timeout-s; 500 when the engine fails on a text \
(the server goes on). SIGTERM or Ctrl-C stops accepting and finishes the requests in flight.";

/// `zitat serve`; MANUAL is printed after the options by --help.
#[derive(clap::Args)]
#[command(after_long_help = MANUAL)]
pub struct Args {
    /// Address to listen on; the default is reachable from this machine only. Port 0 picks
    /// a free port (the address is printed on stdout).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,

    #[command(flatten)]
    engine: super::engine::EngineArgs,

    /// How long the first article of a batch waits for others to annotate together, in
    /// milliseconds; 0 turns dynamic batching off (one article at a time).
    #[arg(long, value_name = "MS", default_value_t = 5.0)]
    batch_window_ms: f64,

    /// The most articles annotated in one batch.
    #[arg(long, value_name = "N", default_value_t = 16)]
    max_batch: usize,

    /// Requests admitted at once (in progress or waiting), and articles waiting at most;
    /// beyond that requests get 503 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = 64)]
    queue: usize,

    /// Largest request body, in MB (10^6 bytes).
    #[arg(long, value_name = "MB", default_value_t = 4.0)]
    max_body_mb: f64,

    /// Longest time one request may take (for /v1/batch: each article), in seconds.
    #[arg(long, value_name = "S", default_value_t = 60.0)]
    timeout_s: f64,

    /// A jsonl corpus written by `zitat run`, searched by GET /v1/find and the page's
    /// "check a quote" box (its index is built beside it once, as for `zitat find`). It is
    /// opened at start: restart the server when the corpus is rewritten.
    #[arg(long, value_name = "CORPUS.jsonl")]
    corpus: Option<PathBuf>,

    /// No log line per request (errors are still printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

pub fn main(args: Args) -> Result<ExitCode> {
    let mut config = config(&args)?;
    if let Some(corpus) = &args.corpus {
        let (finder, _) = zitat::find::Finder::open(corpus).map_err(anyhow::Error::msg)?;
        zitat::say!("zitat serve: searching {} quotations of {}", finder.len(), corpus.display());
        config.corpus = Some(Arc::new(finder));
    }
    let engine: Arc<dyn zitat::pipeline::Engine> = Arc::from(args.engine.build()?);
    let info = engine_info(&args.engine, engine.name());
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let addr = listener.local_addr().context("cannot read the bound address")?;
        println!("zitat serve: listening on http://{addr} ({} engine)", info.engine);
        zitat::serve::serve(listener, engine, config, info, zitat::serve::shutdown_signal()).await?;
        Ok(ExitCode::SUCCESS)
    })
}

fn config(args: &Args) -> Result<Config> {
    let positive = |value: f64| value.is_finite() && value > 0.0;
    if !positive(args.max_body_mb) || !positive(args.timeout_s) {
        bail!("--max-body-mb and --timeout-s must be positive numbers");
    }
    if !(args.batch_window_ms.is_finite() && args.batch_window_ms >= 0.0) {
        bail!("--batch-window-ms must be 0 or more");
    }
    if args.max_batch == 0 || args.queue == 0 {
        bail!("--max-batch and --queue must be at least 1");
    }
    Ok(Config {
        max_body_bytes: (args.max_body_mb * 1e6) as usize,
        timeout: Duration::from_secs_f64(args.timeout_s),
        batching: Batching {
            window: Duration::from_secs_f64(args.batch_window_ms / 1e3),
            max_docs: args.max_batch,
            queue: args.queue,
        },
        corpus: None,
    })
}

fn engine_info(args: &super::engine::EngineArgs, name: &str) -> EngineInfo {
    let model = name == "model";
    EngineInfo {
        engine: name.to_owned(),
        model: model.then(|| args.model.display().to_string()),
        base: model.then(|| args.base.display().to_string()),
        model_only: model && args.model_only,
        device: if model { device(args.device.as_str()) } else { None },
        precision: if model { precision(args) } else { None },
        libtorch: cfg!(feature = "model").then(|| "2.4.0".to_owned()),
    }
}

#[cfg(feature = "model")]
fn device(choice: &str) -> Option<String> {
    zitat::model::device::parse(choice).ok().map(zitat::model::device::describe)
}

#[cfg(not(feature = "model"))]
fn device(_choice: &str) -> Option<String> {
    None
}

#[cfg(feature = "model")]
fn precision(args: &super::engine::EngineArgs) -> Option<String> {
    args.device_and_precision().ok().map(|(_, precision)| precision.as_str().to_owned())
}

#[cfg(not(feature = "model"))]
fn precision(_args: &super::engine::EngineArgs) -> Option<String> {
    None
}
