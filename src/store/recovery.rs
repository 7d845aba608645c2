//! The recovery file: unsaved edits, written after every edit so a crash or a
//! closed terminal loses nothing.
//!
//! It lives outside the workbook (under the user's state folder,
//! `~/.local/state/paraat/recovery/` on Linux, or `PARAAT_DATA_DIR`), so it never
//! ends up in git, and is readable by its owner only
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
    /// `PARAAT_DATA_DIR`, else the user's state folder: `$XDG_STATE_HOME/paraat`,
    /// `~/.local/state/paraat` on Linux, the data folder where a system has no
    /// state folder). `None` when there is no such folder at all.
    ///
    /// Earlier versions kept it in the data folder (`~/.local/share/paraat`); a
    /// file left there is moved over once, the first time the workbook opens.
    pub fn for_workbook(root: &Path, data_dir: Option<&Path>) -> Option<RecoveryFile> {
        let given = match data_dir {
            Some(dir) => Some(dir.to_path_buf()),
            None => std::env::var_os(DATA_DIR_ENV)
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from),
        };
        if let Some(base) = given {
            return Some(RecoveryFile::at(root, &base, None));
        }
        let base = dirs::state_dir().or_else(dirs::data_dir)?.join("paraat");
        let old = dirs::data_dir().map(|dir| dir.join("paraat"));
        Some(RecoveryFile::at(root, &base, old.as_deref()))
    }

    /// The recovery file of the workbook in `root` under `base`; one left under
    /// `old` by an earlier version is moved here first (when there is none here).
    pub fn at(root: &Path, base: &Path, old: Option<&Path>) -> RecoveryFile {
        let name = file_name(root);
        let file = RecoveryFile {
            root: root.to_path_buf(),
            path: base.join("recovery").join(&name),
        };
        if let Some(old) = old.map(|old| old.join("recovery").join(&name))
            && old != file.path
            && old.is_file()
            && !file.path.exists()
        {
            // Best effort: when the move fails, the old file stays where it was
            // and nothing is lost.
            let _ = move_file(&old, &file.path);
        }
        file
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

/// The recovery file's name for the workbook in `root`: the end of its path,
/// readable, and a hash of the whole path.
fn file_name(root: &Path) -> String {
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
    format!(
        "{}-{:016x}.ron",
        readable.trim_matches('_'),
        fnv1a(text.as_bytes())
    )
}

/// Moves a recovery file to its new folder: a rename, or (across file systems)
/// an owner-only atomic copy and then the old one removed.
fn move_file(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir)?;
    }
    if fs::rename(from, to).is_ok() {
        return Ok(());
    }
    let bytes = fs::read(from)?;
    write_atomic(to, &bytes, true)?;
    fs::remove_file(from)
}

/// A stable 64-bit hash (FNV-1a), so the file name is the same for every build.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Where the unsaved edits of the open workbook stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Safety {
    /// Every unsaved edit is in the recovery file (or there is none).
    Kept,
    /// The recovery file could not be written (a full disk, a read-only data
    /// folder, no data folder at all): a crash now loses the unsaved edits.
    NotKept(String),
    /// The person chose to decide later about an earlier session's edits: they
    /// stay in the recovery file untouched, so this session's edits are not
    /// written there until those are restored or discarded.
    Held,
}

/// Keeps the open workbook's unsaved edits in its recovery file, and knows
/// whether that worked, so the screen can say so until it does again.
#[derive(Clone, Debug)]
pub struct Keeper {
    file: Option<RecoveryFile>,
    safety: Safety,
    /// Unsaved edits exist that are not in the file.
    exposed: bool,
}

impl Keeper {
    pub fn new(file: Option<RecoveryFile>) -> Keeper {
        Keeper {
            file,
            safety: Safety::Kept,
            exposed: false,
        }
    }

    pub fn file(&self) -> Option<&RecoveryFile> {
        self.file.as_ref()
    }

    /// Writes the unsaved edits (none: the file is removed). Tried again on every
    /// edit, so a warning goes away as soon as the disk has room again.
    pub fn record(&mut self, edits: &[Edit]) -> &Safety {
        if self.safety == Safety::Held {
            self.exposed = !edits.is_empty();
            return &self.safety;
        }
        let result = match &self.file {
            Some(file) => file.write(edits),
            None if edits.is_empty() => Ok(()),
            None => Err(io::Error::other("there is no data folder to keep it in")),
        };
        self.exposed = !edits.is_empty() && result.is_err();
        self.safety = match result {
            Ok(()) => Safety::Kept,
            Err(e) => Safety::NotKept(e.to_string()),
        };
        &self.safety
    }

    /// The edits were saved: the recovery file is no longer needed (an earlier
    /// session's file that is held stays).
    pub fn saved(&mut self) -> &Safety {
        self.exposed = false;
        if self.safety != Safety::Held {
            self.record(&[]);
        }
        &self.safety
    }

    /// The earlier session's edits were restored (they are now this session's)
    /// or discarded: the file is this session's again.
    pub fn release(&mut self) {
        if self.safety == Safety::Held {
            self.safety = Safety::Kept;
        }
    }

    /// Keeps an earlier session's edits in the file for a later start.
    pub fn hold(&mut self) {
        self.safety = Safety::Held;
    }

    /// Removes an earlier session's edits for good.
    pub fn discard(&mut self) -> io::Result<()> {
        self.safety = Safety::Kept;
        match &self.file {
            Some(file) => file.remove(),
            None => Ok(()),
        }
    }

    pub fn safety(&self) -> &Safety {
        &self.safety
    }

    /// Whether unsaved edits exist that a crash would lose.
    pub fn exposed(&self) -> bool {
        self.exposed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_file_that_cannot_be_written_is_reported_until_it_can() {
        let data = tempfile::tempdir().unwrap();
        let wb = tempfile::tempdir().unwrap();
        // The data folder is a file: nothing can be written under it.
        let blocked = data.path().join("blocked");
        fs::write(&blocked, "").unwrap();
        let mut keeper = Keeper::new(RecoveryFile::for_workbook(wb.path(), Some(&blocked)));
        let edit = Edit::Manifest {
            before: Box::new(
                crate::store::templates::blank_manifest(crate::model::Language::En).unwrap(),
            ),
            after: Box::new(
                crate::store::templates::blank_manifest(crate::model::Language::Nl).unwrap(),
            ),
        };
        assert!(matches!(
            keeper.record(std::slice::from_ref(&edit)),
            Safety::NotKept(_)
        ));
        assert!(keeper.exposed());
        fs::remove_file(&blocked).unwrap();
        assert_eq!(keeper.record(std::slice::from_ref(&edit)), &Safety::Kept);
        assert!(!keeper.exposed());
        // An earlier session's edits that are held are never written over or removed.
        keeper.hold();
        keeper.record(&[]);
        keeper.saved();
        assert!(keeper.file().unwrap().read().is_some());
    }
}

#[cfg(test)]
mod moving {
    use super::*;

    #[test]
    fn a_recovery_file_in_the_old_data_folder_moves_to_the_state_folder_once() {
        let workbook = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let old = RecoveryFile::at(workbook.path(), data.path(), None);
        old.write(&[Edit::Group(vec![])]).unwrap();
        let text = fs::read(old.path()).unwrap();

        let file = RecoveryFile::at(workbook.path(), state.path(), Some(data.path()));
        assert!(file.path().starts_with(state.path()));
        assert_eq!(fs::read(file.path()).unwrap(), text, "moved whole");
        assert!(!old.path().exists(), "moved, not copied");
        assert!(matches!(file.read(), Some(Ok(_))));

        // A file in both places: the new one is kept and the old one is left alone.
        old.write(&[Edit::Group(vec![Edit::Group(vec![])])])
            .unwrap();
        let again = RecoveryFile::at(workbook.path(), state.path(), Some(data.path()));
        assert_eq!(fs::read(again.path()).unwrap(), text);
        assert!(old.path().exists());
    }
}
