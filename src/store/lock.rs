//! One editor per workbook: `.paraat.lock`, held with an OS file lock.
//!
//! The lock is advisory (`File::try_lock`), released by the OS when the process
//! ends however it ends, so a crash never leaves a workbook locked. The file also
//! says who holds it, for the "opened elsewhere" message.
//!
//! A clean close removes the file, so a workbook folder holds no lock file when
//! nobody has it open. Removing a lock file is only safe together with a check
//! on taking it: after locking, the path must still name the file that was
//! locked (another process may have removed it meanwhile); if not, try again.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::error::LockError;
use super::layout::LOCK_FILE;

/// Held while a workbook is open for editing; dropping it releases the lock.
#[derive(Debug)]
pub struct WorkbookLock {
    file: Option<File>,
    path: PathBuf,
}

impl WorkbookLock {
    pub fn acquire(root: &Path) -> Result<WorkbookLock, LockError> {
        let path = root.join(LOCK_FILE);
        let io = |source| LockError::Io {
            path: path.display().to_string(),
            source,
        };
        // A few rounds at most: each retry means another process removed the file
        // between our open and our lock.
        for _ in 0..8 {
            let mut file = open_lock_file(&path).map_err(io)?;
            match file.try_lock() {
                Ok(()) => {
                    if !still_named(&file, &path) {
                        continue;
                    }
                    // Best effort: who holds it, for the message another instance shows.
                    let _ = file.set_len(0);
                    let _ = file.seek(SeekFrom::Start(0));
                    let _ = writeln!(file, "{}", std::process::id());
                    return Ok(WorkbookLock {
                        file: Some(file),
                        path,
                    });
                }
                Err(TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    return Err(LockError::Held(holder.trim().parse().ok()));
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
        Err(LockError::Held(None))
    }
}

impl Drop for WorkbookLock {
    fn drop(&mut self) {
        // Remove the name while still holding the lock, then release it.
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
        drop(self.file.take());
    }
}

/// Opens (creating it if needed) a lock file for reading and writing, never
/// through a link: a workbook from git may hold `.paraat.lock -> ~/.bashrc`,
/// and taking the lock must not truncate someone's file. Only a regular file
/// is used.
pub fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.custom_flags(flags.bits() as i32);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::other("the lock file is a link"));
    }
    let file = options.open(path).map_err(|e| {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            std::io::Error::other(
                "it is a link; a lock file must be a plain file in the workbook (remove the link)",
            )
        } else {
            e
        }
    })?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other(
            "it is not a regular file; remove it (paraat creates it again)",
        ));
    }
    Ok(file)
}

/// Whether `path` still names the open `file` (same device and inode).
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_file: &File, _path: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_removes_the_lock_file_and_a_new_editor_can_take_it() {
        let dir = tempfile::tempdir().unwrap();
        let lock = WorkbookLock::acquire(dir.path()).unwrap();
        assert!(dir.path().join(LOCK_FILE).exists());
        assert!(matches!(
            WorkbookLock::acquire(dir.path()),
            Err(LockError::Held(_))
        ));
        drop(lock);
        assert!(!dir.path().join(LOCK_FILE).exists());
        let again = WorkbookLock::acquire(dir.path()).unwrap();
        assert!(matches!(
            WorkbookLock::acquire(dir.path()),
            Err(LockError::Held(_))
        ));
        drop(again);
    }

    #[test]
    fn a_lock_taken_on_a_file_removed_meanwhile_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        let stale = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        stale.try_lock().unwrap();
        assert!(!still_named(&stale, &path));
        // The path is free: a new editor locks a fresh file.
        let lock = WorkbookLock::acquire(dir.path()).unwrap();
        drop(lock);
    }
}
