//! Files a merge left with conflicts: `Conflicted(file: ..., conflicts: [...])`.
//!
//! The merge driver writes a file whose records it could not fully merge in this
//! wrapper (see [`crate::model::conflict`]), so the file still loads, strictly, with
//! both values of every conflicting field. Loading takes the conflicts into
//! [`crate::model::Workbook::conflicts`]; saving writes the wrapper again while any
//! are left, and the plain file once none are.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::FileError;
use super::format;
use crate::model::conflict::{Conflict, Conflicted};

/// Whether `text` is a conflicted file (its first value, after white space and
/// comments, is `Conflicted(`).
pub fn is_conflicted(text: &str) -> bool {
    text[format::value_start(text)..].starts_with("Conflicted(")
}

/// Parses a file that may be wrapped: the value and the conflicts left in it.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &str,
    plain: fn(&str, &str) -> Result<T, FileError>,
) -> Result<(T, Vec<Conflict>), FileError> {
    if is_conflicted(text) {
        let wrapped: Conflicted<T> = format::parse(file, text)?;
        Ok((wrapped.file, wrapped.conflicts))
    } else {
        Ok((plain(file, text)?, Vec::new()))
    }
}

/// The canonical text of `value`, wrapped when conflicts are left.
pub fn render<T: Serialize>(value: &T, conflicts: &[Conflict]) -> Result<String, String> {
    if conflicts.is_empty() {
        format::render(value)
    } else {
        format::render(&Conflicted {
            file: value,
            conflicts: conflicts.to_vec(),
        })
    }
}
