//! The user's own settings, outside any workbook: `<config dir>/paraat/config.ron`
//! (on Linux `~/.config/paraat/config.ron`).
//!
//! For now it holds the name that goes into incident logs as the author, for people
//! whose `git config user.name` is not how colleagues know them:
//!
//! ```ron
//! Config(
//!     name: "Joris Bakhuizen",
//! )
//! ```

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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
}
