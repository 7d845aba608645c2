//! The user's own settings, outside any workbook: `<config dir>/paraat/config.ron`
//! (on Linux `~/.config/paraat/config.ron`).
//!
//! For now it holds the name that goes into incident logs as the author, for people
//! whose `git config user.name` is not how colleagues know them (see [`author`]):
//!
//! ```ron
//! Config(
//!     name: "Joris Bakhuizen",
//! )
//! ```

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use super::error::FileError;
use super::format;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The name written as the author of incident declarations and log entries.
    #[serde(default)]
    pub name: String,
}

/// Where the user's config file is, when the system has a config folder.
pub fn config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("paraat").join("config.ron"))
}

/// Reads the config at `path`; `Ok(None)` when there is no such file.
pub fn read_config(path: &Path) -> Result<Option<Config>, FileError> {
    let file = path.display().to_string();
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(FileError::Unreadable {
                file,
                reason: e.to_string(),
            });
        }
    };
    let text = format::check_text(&file, &bytes)?;
    format::parse(&file, text).map(Some)
}

/// Who is writing: the author of a declaration or a log entry, for the command line
/// and the terminal UI alike.
///
/// In order: `by` (given on the command line); the name in the user's config
/// ([`config_path`]); `git config user.name` in the workbook folder; the login name of
/// the operating-system user. Nobody has to set anything up before the first
/// incident, and whoever has a better name for colleagues to read can set it once.
/// A config file that does not read is skipped and returned beside the name, for
/// the caller to mention: it never stops a log entry.
pub fn author(by: Option<&str>, workbook: &Path) -> (String, Option<FileError>) {
    if let Some(name) = by.map(str::trim).filter(|n| !n.is_empty()) {
        return (name.to_owned(), None);
    }
    let mut problem = None;
    if let Some(path) = config_path() {
        match read_config(&path) {
            Ok(Some(config)) if !config.name.trim().is_empty() => {
                return (config.name.trim().to_owned(), None);
            }
            Ok(_) => {}
            Err(error) => problem = Some(error),
        }
    }
    let name = git_user_name(workbook).unwrap_or_else(|| {
        ["USER", "USERNAME", "LOGNAME"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .map(|name| name.trim().to_owned())
            .find(|name| !name.is_empty())
            .unwrap_or_else(|| "unknown".to_owned())
    });
    (name, problem)
}

fn git_user_name(dir: &Path) -> Option<String> {
    let output = Command::new("git")
        .args(["config", "user.name"])
        .current_dir(dir)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let name = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_with_a_name_reads_and_a_typo_is_reported_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        assert_eq!(read_config(&path).unwrap(), None);
        fs::write(&path, "Config(\n    name: \"Joris\",\n)\n").unwrap();
        assert_eq!(read_config(&path).unwrap().unwrap().name, "Joris");
        fs::write(&path, "Config(\n    nmae: \"Joris\",\n)\n").unwrap();
        let error = read_config(&path).unwrap_err();
        assert_eq!(error.line(), Some(2), "{error}");
    }

    #[test]
    fn a_name_given_by_hand_comes_first() {
        let dir = tempfile::tempdir().unwrap();
        let (name, problem) = author(Some("  Sanne Oudejans "), dir.path());
        assert_eq!(name, "Sanne Oudejans");
        assert!(problem.is_none());
    }
}
