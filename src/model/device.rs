//! `--device auto|cpu|cuda`.

use crate::error::DeviceError;
use tch::{Cuda, Device};

/// auto = the first CUDA device when one is usable, else the CPU.
pub fn parse(choice: &str) -> Result<Device, DeviceError> {
    match choice {
        "auto" => Ok(Device::cuda_if_available()),
        "cpu" => Ok(Device::Cpu),
        "cuda" if Cuda::is_available() => Ok(Device::Cuda(0)),
        "cuda" => Err(DeviceError::NoCuda(Cuda::device_count())),
        other => Err(DeviceError::Unknown(other.to_string())),
    }
}

pub fn describe(device: Device) -> String {
    match device {
        Device::Cpu => format!("cpu ({} threads)", tch::get_num_threads()),
        Device::Cuda(i) => format!("cuda:{i}"),
        other => format!("{other:?}"),
    }
}
