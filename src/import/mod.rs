//! Bringing records in from outside the workbook: an existing register kept in a
//! spreadsheet (CSV).
//!
//! Pure, like the review: bytes come in, a plan of new records goes out. The
//! command line shows the plan, builds the edit that adds the records
//! (`model::ops::import`), applies it and saves through the store.

pub mod spreadsheet;

pub use spreadsheet::{CsvInput, ImportError, ImportPlan, plan};
