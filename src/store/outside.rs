//! Files from outside a workbook: the share files members send to their sector
//! body, and template packs a sector body ships.
//!
//! They come from other people, so they are read with the same care as workbook
//! files: only regular files (a FIFO, a device or a folder is refused by the
//! opened handle before anything is read, and opening never waits), at most a size cap,
//! UTF-8 text without merge markers, and strict parsing whose errors name the file,
//! line and column. A folder given to `paraat sector` is searched one level deep,
//! and links inside it are not followed.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::error::FileError;
use super::format;
use crate::model::pack::TemplatePack;

/// The largest share file read: a real one is a few kilobytes.
pub const MAX_SHARE_BYTES: u64 = 1024 * 1024;
/// The largest template pack read: the built-in one is about 300 kilobytes.
pub const MAX_PACK_BYTES: u64 = 16 * 1024 * 1024;

fn unreadable(shown: &str, reason: impl ToString) -> FileError {
    FileError::Unreadable {
        file: shown.to_owned(),
        reason: reason.to_string(),
    }
}

/// Reads `path` when it is a regular file of at most `cap` bytes; `shown` names it
/// in errors.
pub fn read_regular(path: &Path, shown: &str, cap: u64) -> Result<Vec<u8>, FileError> {
    let not_regular = |meta: &fs::Metadata| {
        if meta.is_dir() {
            Some(FileError::NotAFile {
                file: shown.to_owned(),
            })
        } else if !meta.is_file() {
            Some(unreadable(
                shown,
                "not a regular file (a pipe, a device or a socket)",
            ))
        } else if meta.len() > cap {
            Some(unreadable(
                shown,
                format!(
                    "larger than {} kB; this is not a file paraat wrote",
                    cap / 1024
                ),
            ))
        } else {
            None
        }
    };
    // Opened without waiting for a writer (a FIFO would block a plain open), and
    // checked on the opened handle, which cannot be swapped any more: the same
    // rules as a workbook file (store::disk), with a link followed because a
    // person named this file.
    let file = super::disk::open_named_no_wait(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => unreadable(shown, "there is no such file"),
        _ => unreadable(shown, e),
    })?;
    let meta = file.metadata().map_err(|e| unreadable(shown, e))?;
    if let Some(error) = not_regular(&meta) {
        return Err(error);
    }
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(shown, e))?;
    if bytes.len() as u64 > cap {
        return Err(unreadable(
            shown,
            "it grew past the size limit while being read",
        ));
    }
    Ok(bytes)
}

/// Parses JSON strictly, with the place of an error.
pub fn parse_json<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, FileError> {
    serde_json::from_str(text).map_err(|e| {
        let line = e.line().max(1);
        FileError::Syntax {
            file: file.to_owned(),
            line,
            col: e.column().max(1),
            message: json_message(&e),
            source_line: text.lines().nth(line - 1).unwrap_or_default().to_owned(),
        }
    })
}

/// serde_json's message without its own " at line 3 column 5" (the place is shown
/// in front).
fn json_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// Reads and parses a JSON file from outside the workbook.
pub fn read_json<T: DeserializeOwned>(path: &Path, shown: &str, cap: u64) -> Result<T, FileError> {
    let bytes = read_regular(path, shown, cap)?;
    let text = format::check_text(shown, &bytes)?;
    parse_json(shown, text)
}

/// Reads a template pack (one RON file), checked and ready for `update`.
pub fn read_pack(path: &Path, shown: &str) -> Result<TemplatePack, FileError> {
    let bytes = read_regular(path, shown, MAX_PACK_BYTES)?;
    let text = format::check_text(shown, &bytes)?;
    let pack: TemplatePack = format::parse(shown, text)?;
    pack.prepare().map_err(|e| FileError::Invalid {
        file: shown.to_owned(),
        line: 1,
        message: e.to_string(),
    })
}

/// The files directly in `dir` whose name ends in `extension`, in name order;
/// links and anything but regular files are left out.
pub fn files_in(dir: &Path, extension: &str) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') || !name.ends_with(extension) {
            continue;
        }
        // `file_type` does not follow links.
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}
