//! The recovery file: unsaved edits, written after every edit so a crash or a
//! closed terminal loses nothing.
//!
//! It lives outside the workbook (under the user's data folder, or
//! `PARAAT_DATA_DIR`), so it never ends up in git, and is readable by its owner only
//! because it can hold private details. It holds the edits since the last save, in
//! order; restoring applies them again to the workbook as it is on disk, and an edit
//! that no longer fits is reported rather than forced.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::write_atomic;
use super::error::FileError;
use super::format;
use crate::model::edit::Edit;

/// Overrides the data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "PARAAT_DATA_DIR";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    /// The workbook folder the edits belong to.
    pub workbook: String,
    pub edits: Vec<Edit>,
}

/// The recovery file of one workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryFile {
    root: PathBuf,
    path: PathBuf,
}

impl RecoveryFile {
    /// The recovery file of the workbook in `root`, under `data_dir` (else
    /// `PARAAT_DATA_DIR`, else the user's data folder). `None` when there is no
    /// data folder at all.
    pub fn for_workbook(root: &Path, data_dir: Option<&Path>) -> Option<RecoveryFile> {
        let base = match data_dir {
            Some(dir) => dir.to_path_buf(),
            None => match std::env::var_os(DATA_DIR_ENV) {
                Some(dir) if !dir.is_empty() => PathBuf::from(dir),
                _ => dirs::data_dir()?.join("paraat"),
            },
        };
        let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let text = canonical.to_string_lossy();
        let tail: Vec<char> = text.chars().rev().take(40).collect();
        let readable: String = tail
            .into_iter()
            .rev()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let name = format!(
            "{}-{:016x}.ron",
            readable.trim_matches('_'),
            fnv1a(text.as_bytes())
        );
        Some(RecoveryFile {
            root: root.to_path_buf(),
            path: base.join("recovery").join(name),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the edits since the last save (or removes the file when there are none).
    pub fn write(&self, edits: &[Edit]) -> io::Result<()> {
        if edits.is_empty() {
            return self.remove();
        }
        let recovery = Recovery {
            workbook: self.root.display().to_string(),
            edits: edits.to_vec(),
        };
        let text = format::render(&recovery).map_err(io::Error::other)?;
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        write_atomic(&self.path, text.as_bytes(), true)
    }

    /// The unsaved edits of an earlier session, if any.
    pub fn read(&self) -> Option<Result<Recovery, FileError>> {
        let bytes = fs::read(&self.path).ok()?;
        let name = self.path.display().to_string();
        Some(format::check_text(&name, &bytes).and_then(|text| format::parse(&name, text)))
    }

    pub fn remove(&self) -> io::Result<()> {
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// A stable 64-bit hash (FNV-1a), so the file name is the same for every build.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
