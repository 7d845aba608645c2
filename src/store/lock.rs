//! One editor per workbook: `.paraat.lock`, held with an OS file lock.
//!
//! The lock is advisory (`File::try_lock`), released by the OS when the process
//! ends however it ends, so a crash never leaves a workbook locked. The file also
//! says who holds it, for the "opened elsewhere" message.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::error::LockError;
use super::layout::LOCK_FILE;

/// Held while a workbook is open for editing; dropping it releases the lock.
#[derive(Debug)]
pub struct WorkbookLock {
    _file: File,
}

impl WorkbookLock {
    pub fn acquire(root: &Path) -> Result<WorkbookLock, LockError> {
        let path = root.join(LOCK_FILE);
        let io = |source| LockError::Io {
            path: path.display().to_string(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {
                // Best effort: who holds it, for the message another instance shows.
                let _ = file.set_len(0);
                let _ = file.seek(SeekFrom::Start(0));
                let _ = writeln!(file, "{}", std::process::id());
                Ok(WorkbookLock { _file: file })
            }
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let by = if !holder.is_empty() && holder.bytes().all(|b| b.is_ascii_digit()) {
                    format!(" (by process {holder})")
                } else {
                    String::new()
                };
                Err(LockError::Held(by))
            }
            Err(TryLockError::Error(e)) => Err(io(e)),
        }
    }
}
