use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

/// Print zitat's version, libtorch and the compute device, and where the models are.
#[derive(clap::Args)]
pub struct Args {
    /// The device to report on: auto, cpu or cuda (errors when not usable).
    #[arg(long, value_enum, default_value_t = super::engine::DeviceChoice::Auto)]
    device: super::engine::DeviceChoice,
    /// The base encoder folder.
    #[arg(long, default_value_os_t = super::models_dir("base"))]
    base: PathBuf,
    /// The fine-tuned model folder.
    #[arg(long, default_value_os_t = super::models_dir("zitat-news"))]
    model: PathBuf,
}

pub fn main(args: Args) -> Result<ExitCode> {
    println!("zitat {}", env!("CARGO_PKG_VERSION"));
    print_backend(&args)?;
    let base = match zitat::setup::base_checksum(&args.base) {
        Ok(sum) => format!("complete, weights sha256 {sum}"),
        Err(_) => "missing or incomplete (run scripts/setup.sh)".into(),
    };
    println!("base encoder: {} ({base})", args.base.display());
    let model = if args.model.join("model.json").exists() { "present" } else { "missing" };
    println!("model: {} ({model})", args.model.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "model")]
fn print_backend(args: &Args) -> Result<()> {
    let device = zitat::model::device::parse(args.device.as_str())?;
    println!("libtorch: 2.4.0 (pinned; tch 0.17) at {}", option_env!("LIBTORCH").unwrap_or("(LIBTORCH unset at build)"));
    println!(
        "CUDA: {} ({} devices), cuDNN: {}",
        if tch::Cuda::is_available() { "available" } else { "not available" },
        tch::Cuda::device_count(),
        tch::Cuda::cudnn_is_available()
    );
    println!("device ({}): {}", args.device.as_str(), zitat::model::device::describe(device));
    let precision = zitat::model::device::Precision::parse("auto", device)?;
    println!("precision (auto): {} (the encoder's number format; --precision fp32|bf16 overrides)", precision.as_str());
    Ok(())
}

#[cfg(not(feature = "model"))]
fn print_backend(_args: &Args) -> Result<()> {
    println!("built without the `model` feature: rules engine only, no libtorch");
    Ok(())
}
