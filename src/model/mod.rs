//! The transformer side of zitat: the base encoder (multilingual-e5-small, rebuilt by
//! `zitat import-base` into `models/base`) and the choice of compute device.

pub mod device;
pub mod encoder;
