//! `--device auto|cpu|cuda`.

use anyhow::{bail, Result};
use tch::{Cuda, Device};

/// auto = the first CUDA device when one is usable, else the CPU.
pub fn parse(choice: &str) -> Result<Device> {
    match choice {
        "auto" => Ok(Device::cuda_if_available()),
        "cpu" => Ok(Device::Cpu),
        "cuda" if Cuda::is_available() => Ok(Device::Cuda(0)),
        "cuda" => bail!(
            "--device cuda: no CUDA device is usable here (libtorch sees {} GPUs); \
             use --device cpu, or on a GPU host run ZITAT_CUDA=1 scripts/setup.sh to install \
             the CUDA build of libtorch",
            Cuda::device_count()
        ),
        other => bail!("unknown device {other:?}: use auto, cpu or cuda"),
    }
}

pub fn describe(device: Device) -> String {
    match device {
        Device::Cpu => format!("cpu ({} threads)", tch::get_num_threads()),
        Device::Cuda(i) => format!("cuda:{i}"),
        other => format!("{other:?}"),
    }
}
