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
    /// A file where a folder should be (`incidents`).
    NotAFolder {
        file: String,
    },
    /// A link whose target is outside the workbook folder (or nowhere).
    Link {
        file: String,
        target: String,
    },
    /// A FIFO, a device or a socket: never opened for reading.
    Special {
        file: String,
        kind: &'static str,
    },
    TooLarge {
        file: String,
        limit: u64,
    },
    /// `private/` is a link or a file, or a private file is a link: personal
    /// details could end up in a folder git tracks.
    PrivateNotReal {
        file: String,
    },
    /// A RON `#![enable(...)]` header: the files are plain RON, no extensions.
    Extension {
        file: String,
        line: usize,
        col: usize,
        source_line: String,
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
            | FileError::NotAFolder { file }
            | FileError::Link { file, .. }
            | FileError::Special { file, .. }
            | FileError::TooLarge { file, .. }
            | FileError::PrivateNotReal { file }
            | FileError::Extension { file, .. }
            | FileError::Unreadable { file, .. }
            | FileError::NotUtf8 { file, .. }
            | FileError::Empty { file }
            | FileError::MergeConflict { file, .. }
            | FileError::Syntax { file, .. }
            | FileError::Invalid { file, .. }
            | FileError::NewerFormat { file, .. } => file,
        }
    }

    /// The same error about another name (a file named on the command line).
    pub fn with_file(mut self, name: &str) -> FileError {
        match &mut self {
            FileError::Missing { file }
            | FileError::NotAFile { file }
            | FileError::NotAFolder { file }
            | FileError::Link { file, .. }
            | FileError::Special { file, .. }
            | FileError::TooLarge { file, .. }
            | FileError::PrivateNotReal { file }
            | FileError::Extension { file, .. }
            | FileError::Unreadable { file, .. }
            | FileError::NotUtf8 { file, .. }
            | FileError::Empty { file }
            | FileError::MergeConflict { file, .. }
            | FileError::Syntax { file, .. }
            | FileError::Invalid { file, .. }
            | FileError::NewerFormat { file, .. } => *file = name.to_owned(),
        }
        self
    }

    /// The line the error is on, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            FileError::Extension { line, .. }
            | FileError::NotUtf8 { line, .. }
            | FileError::MergeConflict { line, .. }
            | FileError::Syntax { line, .. }
            | FileError::Invalid { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// Where the error is, for naming it in a sentence: `risks.ron:41`, or the
    /// file alone when the error has no line.
    pub fn place(&self) -> String {
        match self.line() {
            Some(line) => format!("{}:{line}", self.file()),
            None => self.file().to_owned(),
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
            FileError::NotAFolder { file } => {
                write!(f, "{file}: this is a file, but a folder should be here")
            }
            FileError::Link { file, target } => write!(
                f,
                "{file}: this is a link to {target}, outside the workbook folder; paraat reads only the workbook's own files (put the file itself here)"
            ),
            FileError::Special { file, kind } => write!(
                f,
                "{file}: this is {kind}, not a regular file; paraat reads only regular files, so it was not opened"
            ),
            FileError::TooLarge { file, limit } => write!(
                f,
                "{file}: the file is larger than {} MiB, the most a workbook file may be; it was not read (is it really a workbook file?)",
                limit / (1024 * 1024)
            ),
            FileError::PrivateNotReal { file } => write!(
                f,
                "{file}: private/ must be a real folder inside the workbook, and the files in it real files (not links), so that .gitignore keeps personal details out of git; replace the link with the folder or file itself"
            ),
            FileError::Extension {
                file,
                line,
                col,
                source_line,
            } => {
                write!(
                    f,
                    "{file}:{line}:{col}: RON extensions (`#![enable(...)]`) are not allowed in workbook files; remove the line and write the values in full"
                )?;
                write_source(f, *line, Some(*col), source_line)
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

/// Why a save did not happen, or did not finish.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Someone changed these files since they were read (git pull, an editor).
    /// Nothing was written.
    #[error("{} changed on disk since it was read; nothing was saved", conflict_names(.0))]
    Conflict(Vec<Conflict>),
    /// Someone's change to `conflict.file` landed while the save ran; it was kept,
    /// and the files before it were saved.
    #[error(
        "{} changed on disk while saving and was left as it is; saved: {}; not saved: the rest",
        .conflict.file,
        .written.join(", ")
    )]
    ConflictAfter {
        written: Vec<String>,
        conflict: Conflict,
    },
    #[error("the workbook is open read-only: {0}")]
    ReadOnly(String),
    /// A file could not be written; nothing was changed (no file was replaced).
    #[error("{file}: could not be written: {source}; nothing was changed")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// Replacing a file failed after others had been replaced.
    #[error(
        "{failed}: could not be written: {source}; saved: {}; not saved: {}",
        .written.join(", "),
        not_saved(.failed, .not_written)
    )]
    Partly {
        written: Vec<String>,
        failed: String,
        not_written: Vec<String>,
        #[source]
        source: std::io::Error,
    },
    /// A file of the workbook is not one paraat writes (a link out of the
    /// workbook, a FIFO); nothing was changed.
    #[error("{0}; nothing was changed")]
    Refused(FileError),
    #[error("{file}: could not be written: {message}")]
    Render { file: String, message: String },
}

impl SaveError {
    /// The files whose conflict the person has to resolve.
    pub fn conflicts(&self) -> Option<Vec<Conflict>> {
        match self {
            SaveError::Conflict(conflicts) => Some(conflicts.clone()),
            SaveError::ConflictAfter { conflict, .. } => Some(vec![conflict.clone()]),
            _ => None,
        }
    }
}

fn not_saved(failed: &str, rest: &[String]) -> String {
    std::iter::once(failed)
        .chain(rest.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(", ")
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
    /// With the process that holds it, when the lock file says.
    #[error("the workbook is opened elsewhere{}; close it there first", held_by(*.0))]
    Held(Option<u32>),
    #[error("cannot create the lock file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn held_by(process: Option<u32>) -> String {
    process.map_or_else(String::new, |p| format!(" (by process {p})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_that_stopped_midway_names_what_was_saved_and_what_was_not() {
        let error = SaveError::Partly {
            written: vec!["contacts.ron".into()],
            failed: "private/contacts.ron".into(),
            not_written: vec!["incidents/x.ron".into()],
            source: std::io::Error::other("no space left on device"),
        };
        assert_eq!(
            error.to_string(),
            "private/contacts.ron: could not be written: no space left on device; saved: contacts.ron; not saved: private/contacts.ron, incidents/x.ron"
        );
        let error = SaveError::Io {
            file: "risks.ron".into(),
            source: std::io::Error::other("no space left on device"),
        };
        assert!(error.to_string().ends_with("nothing was changed"));
    }
}
