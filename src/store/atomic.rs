//! Writing a file so that a crash leaves either the old or the new version,
//! never half of one: write a temporary file in the same folder, sync it, give it
//! the old file's permissions, rename it over the old file, sync the folder.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically. `private` files are created readable by
/// the owner only; an existing file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("a file path without a folder"))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".paraat-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    match fs::metadata(path) {
        Ok(meta) => fs::set_permissions(temp.path(), meta.permissions())?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => set_new_file_mode(temp.path(), private)?,
        Err(e) => return Err(e),
    }
    temp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
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
