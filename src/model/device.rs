//! `--device auto|cpu|cuda` and `--precision auto|fp32|bf16`.

use crate::error::DeviceError;
use tch::{Cuda, Device, Kind};

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
        Device::Cpu => format!("cpu ({} threads)", rayon::current_num_threads()),
        Device::Cuda(i) => format!("cuda:{i}"),
        other => format!("{other:?}"),
    }
}

/// Memory settings for the model engine, made before it loads.
///
/// Keeps the memory of freed activations in the process instead of handing it back to the
/// kernel: every batch allocates and frees the same buffers of a few MB, which glibc (libtorch
/// allocates through it) would otherwise map and unmap each time (page faults and zeroing
/// took a fifth of a run's CPU time). 32 MB is glibc's largest mmap threshold, above a
/// [16, 256, 1536] fp32 activation.
///
/// And turns transparent huge pages off for the rest of the process: mimalloc, the binary's
/// allocator, backs its arenas with them, which pays off for the rules' many small
/// allocations, but loading the tokenizer then zeroed 2 MB pages for sparse use (a model
/// load of 2.1-2.2 s took 2.3-3.1 s).
pub fn tune_allocators() {
    // SAFETY: mallopt only changes two of glibc's allocation thresholds; it takes no memory
    // arguments and is safe to call at any time.
    #[cfg(target_env = "gnu")]
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 1 << 30);
    }
    // SAFETY: PR_SET_THP_DISABLE sets one flag of this process; no memory arguments.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// The number format of the encoder's weights and activations; the heads and decoding
/// always work in fp32.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Fp32,
    Bf16,
}

impl Precision {
    /// auto = bf16 where the hardware multiplies bf16 natively (a GPU, or a CPU with
    /// AVX512-BF16, which AMX CPUs have too), fp32 elsewhere: emulated bf16 would be slower than fp32.
    pub fn parse(choice: &str, device: Device) -> Result<Self, DeviceError> {
        match choice {
            "auto" if device.is_cuda() || cpu_has_bf16() => Ok(Precision::Bf16),
            "auto" | "fp32" => Ok(Precision::Fp32),
            "bf16" => Ok(Precision::Bf16),
            other => Err(DeviceError::UnknownPrecision(other.to_string())),
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Precision::Fp32 => Kind::Float,
            Precision::Bf16 => Kind::BFloat16,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Fp32 => "fp32",
            Precision::Bf16 => "bf16",
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn cpu_has_bf16() -> bool {
    // Every CPU with AMX-BF16 so far also has AVX512-BF16 (whose detection is stable Rust).
    std::arch::is_x86_feature_detected!("avx512bf16")
}

#[cfg(not(target_arch = "x86_64"))]
fn cpu_has_bf16() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_choices() {
        assert_eq!(Precision::parse("fp32", Device::Cuda(0)).unwrap(), Precision::Fp32);
        assert_eq!(Precision::parse("bf16", Device::Cpu).unwrap(), Precision::Bf16);
        assert_eq!(Precision::parse("auto", Device::Cuda(0)).unwrap(), Precision::Bf16);
        let on_cpu = if cpu_has_bf16() { Precision::Bf16 } else { Precision::Fp32 };
        assert_eq!(Precision::parse("auto", Device::Cpu).unwrap(), on_cpu);
        let err = Precision::parse("int4", Device::Cpu).unwrap_err().to_string();
        assert!(err.contains("\"int4\"") && err.contains("fp32 or bf16"), "{err}");
    }
}
