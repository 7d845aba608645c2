//! The workbook on disk.

pub mod error;
pub mod format;

pub use error::*;
