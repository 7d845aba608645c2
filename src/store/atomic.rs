//! Writing a file so that a crash leaves either the old or the new version,
//! never half of one, and so that a change someone else made is never replaced.
//!
//! A write has two steps, so that a save of several files can prepare them all
//! before it replaces any (see [`super::Store::save`]):
//!
//! 1. [`prepare`]: write a temporary file `.paraat-<name>-XXXXXX.tmp` in the same
//!    folder, sync it, give it the old file's permissions. A full disk fails here,
//!    before anything was replaced. The name is covered by the `.gitignore` that
//!    `init` writes, and the store removes leftovers of a killed save when it next
//!    opens the workbook for editing.
//! 2. [`Prepared::commit`]: replace the file, but only if it still holds what the
//!    caller last read.
//!
//! Git does not take paraat's locks, so a `git pull` can land between "is the file
//! still as we read it?" and the rename. Where the system can swap two names in
//! one step (Linux `renameat2(RENAME_EXCHANGE)`, macOS `renamex_np(RENAME_SWAP)`),
//! the commit closes that window: it swaps the new file in, then looks at what it
//! swapped out. If that is not the file that was checked (another program replaced
//! it) or no longer holds what was checked (another program rewrote it), the swap
//! is undone, the other program's file is back under its name, and the commit
//! reports [`CommitError::Changed`]. A new file is created with
//! `RENAME_NOREPLACE`, so a file that appeared meanwhile is never replaced. Where
//! the swap is not available (other systems, file systems without it), the check
//! is made immediately before a plain rename, and a change in the microseconds
//! between them can still be lost. One case no design without the other writer's
//! cooperation can catch: a program that is rewriting the old file in place at the
//! very moment of the swap, after paraat read it back.

use std::fs::{self, File};
use std::hash::Hasher;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// What a file held: its length and a fast hash (not cryptographic: it notices a
/// file that changed on disk).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: usize,
    pub hash: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write(bytes);
        Fingerprint {
            len: bytes.len(),
            hash: hasher.finish(),
        }
    }
}

/// The start of every temporary file's name (see [`is_temporary`]).
pub const TEMP_PREFIX: &str = ".paraat-";
/// The end of every temporary file's name.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Whether `name` is a temporary file paraat writes next to `target` (a file
/// name, `risks.ron`).
pub fn is_temporary_of(name: &str, target: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .and_then(|rest| rest.strip_prefix(target))
        .is_some_and(|rest| rest.starts_with('-'))
}

/// A new version of a file, written and synced next to it, not yet in place.
#[derive(Debug)]
pub struct Prepared {
    temp: tempfile::TempPath,
    target: PathBuf,
}

/// Why a commit did not replace the file.
#[derive(Debug)]
pub enum CommitError {
    /// The file is not what the caller expected (someone changed, created or
    /// removed it); it was left as the other program made it.
    Changed,
    Io(io::Error),
}

impl From<io::Error> for CommitError {
    fn from(e: io::Error) -> Self {
        CommitError::Io(e)
    }
}

/// Writes `bytes` to a temporary file next to `target` and syncs it. `private`
/// files are created readable by the owner only; a file that exists keeps its
/// permissions.
pub fn prepare(target: &Path, bytes: &[u8], private: bool) -> io::Result<Prepared> {
    let dir = target
        .parent()
        .ok_or_else(|| io::Error::other("a file path without a folder"))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{name}-"))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    match fs::symlink_metadata(target) {
        Ok(meta) if meta.is_file() => fs::set_permissions(temp.path(), meta.permissions())?,
        Ok(_) => set_new_file_mode(temp.path(), private)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => set_new_file_mode(temp.path(), private)?,
        Err(e) => return Err(e),
    }
    Ok(Prepared {
        temp: temp.into_temp_path(),
        target: target.to_path_buf(),
    })
}

impl Prepared {
    /// Puts the new version in place if the file still holds `expected`
    /// (`None`: if there is still no file). See the module docs for the guarantee.
    pub fn commit(self, expected: Option<Fingerprint>) -> Result<(), CommitError> {
        self.commit_after(expected, || {})
    }

    /// [`Prepared::commit`], running `between` after the check and before the
    /// swap: tests use it to land someone else's change in that window.
    #[doc(hidden)]
    pub fn commit_after(
        self,
        expected: Option<Fingerprint>,
        between: impl FnOnce(),
    ) -> Result<(), CommitError> {
        match expected {
            None => {
                between();
                self.create_new()
            }
            Some(expected) => self.replace(expected, between),
        }
    }

    /// Puts the new version in place whatever is there now (the person chose to
    /// overwrite, or the file is not shared: an export, the recovery file).
    pub fn commit_over_anything(self) -> io::Result<()> {
        let dir = self.dir();
        self.temp.persist(&self.target).map_err(|e| e.error)?;
        sync_dir(&dir)
    }

    fn dir(&self) -> PathBuf {
        self.target
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    fn create_new(self) -> Result<(), CommitError> {
        let dir = self.dir();
        match swap::rename_no_replace(&self.temp, &self.target) {
            Ok(true) => {
                // The temporary name is gone; nothing left to remove.
                let _ = self.temp.keep();
                sync_dir(&dir)?;
                Ok(())
            }
            Ok(false) => Err(CommitError::Changed),
            Err(_) => {
                if fs::symlink_metadata(&self.target).is_ok() {
                    return Err(CommitError::Changed);
                }
                self.temp.persist(&self.target).map_err(|e| e.error)?;
                sync_dir(&dir)?;
                Ok(())
            }
        }
    }

    fn replace(self, expected: Fingerprint, between: impl FnOnce()) -> Result<(), CommitError> {
        let dir = self.dir();
        // The file as it is now, through a handle, so a replacement is noticed.
        let mut old = match super::disk::open_no_wait(&self.target) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(CommitError::Changed),
            Err(e) => return Err(e.into()),
        };
        if !old.metadata()?.is_file() || fingerprint_of(&mut old)? != expected {
            return Err(CommitError::Changed);
        }
        between();
        match swap::exchange(&self.temp, &self.target) {
            Ok(()) => {}
            Err(swap::Failed::Gone) => return Err(CommitError::Changed),
            Err(swap::Failed::Unsupported) => {
                self.temp.persist(&self.target).map_err(|e| e.error)?;
                sync_dir(&dir)?;
                return Ok(());
            }
        }
        // The temporary name now holds what was swapped out: it must be the file
        // checked above, still holding what was expected.
        let swapped_out_is_old = swap::same_file(&self.temp, &old).unwrap_or(false)
            && fingerprint_of(&mut old)? == expected;
        if swapped_out_is_old {
            // `self.temp` (now the old version) is removed when it is dropped.
            drop(self.temp);
            sync_dir(&dir)?;
            return Ok(());
        }
        swap::undo(&self.temp, &self.target);
        drop(self.temp);
        sync_dir(&dir)?;
        Err(CommitError::Changed)
    }
}

/// The fingerprint of everything in `file`, read from the start.
fn fingerprint_of(file: &mut File) -> io::Result<Fingerprint> {
    file.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    file.take(super::disk::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(Fingerprint::of(&bytes))
}

/// Writes `bytes` to `path` atomically, whatever is there (exports, reports, the
/// recovery file). `private` files are created readable by the owner only; an
/// existing file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> io::Result<()> {
    prepare(path, bytes, private)?.commit_over_anything()
}

#[cfg(unix)]
fn set_new_file_mode(path: &Path, private: bool) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = if private { 0o600 } else { 0o644 };
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_new_file_mode(_path: &Path, _private: bool) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Swapping two names in one step, where the system has it.
mod swap {
    use std::path::Path;

    /// Why a swap did not happen.
    pub enum Failed {
        /// The system or the file system cannot do this; fall back.
        Unsupported,
        /// One of the two names is gone.
        Gone,
    }

    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    mod imp {
        use std::fs::File;
        use std::os::unix::fs::MetadataExt;
        use std::path::Path;

        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;

        use super::Failed;

        pub fn exchange(a: &Path, b: &Path) -> Result<(), Failed> {
            match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
                Ok(()) => Ok(()),
                Err(Errno::NOENT) => Err(Failed::Gone),
                // EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot swap.
                Err(_) => Err(Failed::Unsupported),
            }
        }

        /// `Ok(false)` when something is already there.
        pub fn rename_no_replace(from: &Path, to: &Path) -> Result<bool, Failed> {
            match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
                Ok(()) => Ok(true),
                Err(Errno::EXIST) => Ok(false),
                Err(_) => Err(Failed::Unsupported),
            }
        }

        pub fn same_file(path: &Path, file: &File) -> Option<bool> {
            let named = std::fs::symlink_metadata(path).ok()?;
            let open = file.metadata().ok()?;
            Some(named.dev() == open.dev() && named.ino() == open.ino())
        }

        pub fn ino(path: &Path) -> Option<(u64, u64)> {
            std::fs::symlink_metadata(path)
                .ok()
                .map(|m| (m.dev(), m.ino()))
        }
    }

    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    mod imp {
        use std::fs::File;
        use std::path::Path;

        use super::Failed;

        pub fn exchange(_a: &Path, _b: &Path) -> Result<(), Failed> {
            Err(Failed::Unsupported)
        }

        pub fn rename_no_replace(_from: &Path, _to: &Path) -> Result<bool, Failed> {
            Err(Failed::Unsupported)
        }

        pub fn same_file(_path: &Path, _file: &File) -> Option<bool> {
            None
        }

        pub fn ino(_path: &Path) -> Option<(u64, u64)> {
            None
        }
    }

    pub use imp::{exchange, rename_no_replace, same_file};

    /// After an exchange put our file at `target` and someone else's at `temp`:
    /// swaps back until `target` holds the newest of the other program's files
    /// (it may write again meanwhile; a few rounds at most).
    pub fn undo(temp: &Path, target: &Path) {
        // What `target` names now, as far as we know: the file we swapped in.
        let mut expected_at_target = imp::ino(target);
        for _ in 0..8 {
            if exchange(temp, target).is_err() {
                return;
            }
            // `temp` now holds what was at `target`. If that is what we believed
            // was there, `target` holds the other program's file: done.
            if imp::ino(temp) == expected_at_target {
                return;
            }
            // Someone replaced `target` again between the swaps: their newer file
            // is now at `temp`, the older one at `target`. Swap once more.
            expected_at_target = imp::ino(target);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_replaces_only_what_was_expected() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("risks.ron");
        fs::write(&path, "old").unwrap();
        let prepared = prepare(&path, b"new", false).unwrap();
        // Someone else's change lands after the check the caller made.
        fs::write(&path, "theirs").unwrap();
        assert!(matches!(
            prepared.commit(Some(Fingerprint::of(b"old"))),
            Err(CommitError::Changed)
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
        let prepared = prepare(&path, b"new", false).unwrap();
        prepared.commit(Some(Fingerprint::of(b"theirs"))).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        // No temporary file is left behind either way.
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn a_change_that_lands_between_the_check_and_the_swap_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("risks.ron");
        fs::write(&path, "old").unwrap();
        // A `git pull` replaces the file (a new file renamed over it) in the window.
        let prepared = prepare(&path, b"new", false).unwrap();
        let landed = || {
            fs::write(dir.path().join("pulled"), "theirs").unwrap();
            fs::rename(dir.path().join("pulled"), &path).unwrap();
        };
        let result = prepared.commit_after(Some(Fingerprint::of(b"old")), landed);
        assert!(
            cfg!(not(any(target_os = "linux", target_vendor = "apple")))
                || matches!(result, Err(CommitError::Changed))
        );
        if result.is_err() {
            assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
        }
        // An editor rewrites it in place in the window.
        let prepared = prepare(&path, b"new", false).unwrap();
        let rewritten = || fs::write(&path, "edited").unwrap();
        let result = prepared.commit_after(Some(Fingerprint::of(b"theirs")), rewritten);
        if cfg!(any(target_os = "linux", target_vendor = "apple")) {
            assert!(matches!(result, Err(CommitError::Changed)));
            assert_eq!(fs::read_to_string(&path).unwrap(), "edited");
        }
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left: {left:?}");
    }

    #[test]
    fn a_new_file_is_not_created_over_one_that_appeared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private.ron");
        let prepared = prepare(&path, b"ours", true).unwrap();
        fs::write(&path, "theirs").unwrap();
        assert!(matches!(prepared.commit(None), Err(CommitError::Changed)));
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
    }

    #[test]
    fn temporary_names_say_which_file_they_are_for() {
        assert!(is_temporary_of(".paraat-risks.ron-a1B2c3.tmp", "risks.ron"));
        assert!(!is_temporary_of(".paraat-risks.ron-a1B2c3.tmp", "plan.ron"));
        assert!(!is_temporary_of("risks.ron", "risks.ron"));
    }
}
