//! What can go wrong reading or writing a workbook, in words that name the place.

use std::fmt;
use std::path::PathBuf;

/// One file that could not be read as a workbook file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    Missing {
        file: String,
    },
    NotAFile {
        file: String,
    },
    Unreadable {
        file: String,
        reason: String,
    },
    NotUtf8 {
        file: String,
        line: usize,
        col: usize,
    },
    Empty {
        file: String,
    },
    MergeConflict {
        file: String,
        line: usize,
        source_line: String,
    },
    /// Malformed RON, a wrong type, a missing or unknown field.
    Syntax {
        file: String,
        line: usize,
        col: usize,
        message: String,
        source_line: String,
    },
    /// The file is well formed but its content breaks a rule of the layout.
    Invalid {
        file: String,
        line: usize,
        message: String,
    },
    NewerFormat {
        file: String,
        found: u32,
        supported: u32,
    },
}

impl FileError {
    pub fn file(&self) -> &str {
        match self {
            FileError::Missing { file }
            | FileError::NotAFile { file }
            | FileError::Unreadable { file, .. }
            | FileError::NotUtf8 { file, .. }
            | FileError::Empty { file }
            | FileError::MergeConflict { file, .. }
            | FileError::Syntax { file, .. }
            | FileError::Invalid { file, .. }
            | FileError::NewerFormat { file, .. } => file,
        }
    }

    /// The line the error is on, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            FileError::NotUtf8 { line, .. }
            | FileError::MergeConflict { line, .. }
            | FileError::Syntax { line, .. }
            | FileError::Invalid { line, .. } => Some(*line),
            _ => None,
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Missing { file } => write!(
                f,
                "{file}: the file is missing (every workbook has it; `paraat init` creates a complete workbook)"
            ),
            FileError::NotAFile { file } => {
                write!(f, "{file}: this is a folder, but a file should be here")
            }
            FileError::Unreadable { file, reason } => {
                write!(f, "{file}: cannot be read: {reason}")
            }
            FileError::NotUtf8 { file, line, col } => write!(
                f,
                "{file}:{line}:{col}: the file is not UTF-8 text (was it saved in another encoding?)"
            ),
            FileError::Empty { file } => write!(
                f,
                "{file}: the file is empty (restore it from git, or run `paraat init` in a new folder to see what belongs in it)"
            ),
            FileError::MergeConflict {
                file,
                line,
                source_line,
            } => {
                write!(
                    f,
                    "{file}:{line}: unresolved git merge conflict: the file still holds conflict markers; edit it to keep the right version, then commit"
                )?;
                write_source(f, *line, None, source_line)
            }
            FileError::Syntax {
                file,
                line,
                col,
                message,
                source_line,
            } => {
                write!(f, "{file}:{line}:{col}: {message}")?;
                write_source(f, *line, Some(*col), source_line)
            }
            FileError::Invalid {
                file,
                line,
                message,
            } => write!(f, "{file}:{line}: {message}"),
            FileError::NewerFormat {
                file,
                found,
                supported,
            } => write!(
                f,
                "{file}: this workbook uses format {found}, but this paraat understands format {supported} at most; update paraat to open it"
            ),
        }
    }
}

/// Shows the offending line under the message, with a caret under the column.
fn write_source(
    f: &mut fmt::Formatter<'_>,
    line: usize,
    col: Option<usize>,
    source: &str,
) -> fmt::Result {
    let shown = crate::sanitize::sanitize_line(source);
    let number = line.to_string();
    write!(f, "\n {number} | {shown}")?;
    if let Some(col) = col {
        let pad: String = shown
            .chars()
            .take(col.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "\n {} | {pad}^", " ".repeat(number.len()))?;
    }
    Ok(())
}

/// The workbook could not be loaded: every file that failed, not just the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub root: PathBuf,
    pub files: Vec<FileError>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.files.len();
        write!(
            f,
            "the workbook in {} could not be loaded ({n} {}):",
            self.root.display(),
            if n == 1 { "problem" } else { "problems" }
        )?;
        for error in &self.files {
            write!(f, "\n\n{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Someone changed these files since they were read (git pull, an editor).
    /// Nothing was written.
    #[error("{} changed on disk since it was read; nothing was saved", conflict_names(.0))]
    Conflict(Vec<Conflict>),
    #[error("the workbook is open read-only: {0}")]
    ReadOnly(String),
    #[error("{file}: could not be written: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: could not be written: {message}")]
    Render { file: String, message: String },
}

fn conflict_names(conflicts: &[Conflict]) -> String {
    conflicts
        .iter()
        .map(|c| c.file.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One file whose disk content is not what the store last read or wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Path relative to the workbook folder.
    pub file: String,
    /// What is on disk now (`None` when the file was deleted).
    pub on_disk: Option<String>,
    /// What saving would write.
    pub ours: String,
}

/// Another paraat holds the workbook.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("the workbook is opened elsewhere{0}; close it there first")]
    Held(String),
    #[error("cannot create the lock file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}
