//! Only the workbook's own regular files are read or written.
//!
//! A workbook comes from git and from other people, and git stores symbolic
//! links. A link `incidents/x.ron -> /proc/self/environ` would put the
//! environment (CI secrets included) into an error message; `risks.ron -> /dev/zero`
//! would be read until memory runs out; a FIFO would make every command wait
//! forever; `private -> docs/` would put personal numbers into a tracked folder.
//! So every read of a workbook file goes through [`read`]:
//!
//! - a link is followed only when its target stays inside the workbook folder
//!   (both sides canonical), and never for `private/` or the files in it;
//! - the file is opened without following a last link (`O_NOFOLLOW`) and without
//!   waiting (`O_NONBLOCK`, so a FIFO cannot block), and the *opened handle's*
//!   metadata decides: anything but a regular file is refused unread;
//! - at most [`MAX_FILE_BYTES`] are read; a larger file is refused.
//!
//! Writers use [`writable`] for the same rules, so a save writes to the real file a
//! link inside the workbook names (the link stays a link) and never through a link
//! that leaves it.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::error::FileError;
use super::layout::PRIVATE_DIR;

/// The largest workbook file paraat reads: far above any real register (a risk
/// register of 5,000 records is about 5 MiB), far below what hurts.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The canonical form of the workbook folder, for "is this inside it?".
fn real_root(root: &Path, rel: &str) -> Result<PathBuf, FileError> {
    fs::canonicalize(root).map_err(|e| FileError::Unreadable {
        file: rel.to_owned(),
        reason: format!("the workbook folder cannot be read: {e}"),
    })
}

/// Whether `rel` is `private/` or lies in it: no link is followed there at all.
fn is_private(rel: &str) -> bool {
    rel == PRIVATE_DIR || rel.starts_with(&format!("{PRIVATE_DIR}/"))
}

/// Where `rel` (relative to `root`, `/`-separated) really is, or `None` when
/// nothing is there. Refuses a link that leaves the workbook and any link in
/// `private/`; does not open anything.
pub fn locate(root: &Path, rel: &str) -> Result<Option<PathBuf>, FileError> {
    let real_root = real_root(root, rel)?;
    let path = root.join(rel);
    // The folders on the way must be real folders inside the workbook (or links
    // that stay inside it).
    if let Some(parent) = Path::new(rel)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        let parent_rel = parent.to_string_lossy().replace('\\', "/");
        if check_folder(root, &parent_rel)?.is_none() {
            return Ok(None);
        }
    }
    let meta = match fs::symlink_metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(FileError::Unreadable {
                file: rel.to_owned(),
                reason: e.to_string(),
            });
        }
    };
    if !meta.file_type().is_symlink() {
        return Ok(Some(path));
    }
    let target = fs::read_link(&path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    if is_private(rel) {
        return Err(FileError::PrivateNotReal {
            file: rel.to_owned(),
        });
    }
    match fs::canonicalize(&path) {
        Ok(real) if real.starts_with(&real_root) => Ok(Some(real)),
        Ok(_) => Err(FileError::Link {
            file: rel.to_owned(),
            target,
        }),
        // A dangling link: as good as missing, but say what it is.
        Err(_) => Err(FileError::Link {
            file: rel.to_owned(),
            target,
        }),
    }
}

/// Checks a folder of the workbook (`incidents`, `private`): `None` when it is
/// absent, its real path when it is a folder inside the workbook. `private` must
/// be a real folder (no link at all); any other folder may be a link that stays
/// inside the workbook.
pub fn check_folder(root: &Path, rel: &str) -> Result<Option<PathBuf>, FileError> {
    let path = root.join(rel);
    let meta = match fs::symlink_metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(FileError::Unreadable {
                file: rel.to_owned(),
                reason: e.to_string(),
            });
        }
    };
    if is_private(rel) && (meta.file_type().is_symlink() || !meta.is_dir()) {
        return Err(FileError::PrivateNotReal {
            file: rel.to_owned(),
        });
    }
    if meta.file_type().is_symlink() {
        let real_root = real_root(root, rel)?;
        let target = fs::read_link(&path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        return match fs::canonicalize(&path) {
            Ok(real) if real.starts_with(&real_root) && real.is_dir() => Ok(Some(real)),
            Ok(real) if real.starts_with(&real_root) => Err(FileError::NotAFolder {
                file: rel.to_owned(),
            }),
            _ => Err(FileError::Link {
                file: rel.to_owned(),
                target,
            }),
        };
    }
    if !meta.is_dir() {
        return Err(FileError::NotAFolder {
            file: rel.to_owned(),
        });
    }
    Ok(Some(path))
}

/// Reads the workbook file `rel`: `Ok(None)` when it does not exist. Refuses
/// links out of the workbook, anything that is not a regular file and files
/// larger than [`MAX_FILE_BYTES`], without reading a byte of them.
pub fn read(root: &Path, rel: &str) -> Result<Option<Vec<u8>>, FileError> {
    let Some(path) = locate(root, rel)? else {
        return Ok(None);
    };
    read_regular(&path, rel).map(Some)
}

/// Reads `path` if it is a regular file of at most [`MAX_FILE_BYTES`]; `rel` names
/// it in errors. The checks are made on the opened handle, so the file cannot be
/// swapped for something else between the check and the read.
pub fn read_regular(path: &Path, rel: &str) -> Result<Vec<u8>, FileError> {
    let unreadable = |e: io::Error| FileError::Unreadable {
        file: rel.to_owned(),
        reason: e.to_string(),
    };
    let mut file = match open_no_wait(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(FileError::Missing {
                file: rel.to_owned(),
            });
        }
        Err(e) if is_loop(&e) => {
            return Err(FileError::Link {
                file: rel.to_owned(),
                target: fs::read_link(path)
                    .map(|t| t.display().to_string())
                    .unwrap_or_default(),
            });
        }
        Err(e) => return Err(unreadable(e)),
    };
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(FileError::NotAFile {
            file: rel.to_owned(),
        });
    }
    if !meta.is_file() {
        return Err(FileError::Special {
            file: rel.to_owned(),
            kind: special_kind(&meta),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            file: rel.to_owned(),
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            file: rel.to_owned(),
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// The real path a writer of `rel` writes to: the file itself, or the target of
/// a link that stays inside the workbook (so the link stays a link). The same
/// refusals as [`read`]; something there that is not a regular file is refused
/// too, so a save never replaces a FIFO or a folder.
pub fn writable(root: &Path, rel: &str) -> Result<PathBuf, FileError> {
    if let Some(parent) = Path::new(rel)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        let parent_rel = parent.to_string_lossy().replace('\\', "/");
        check_folder(root, &parent_rel)?;
    }
    match locate(root, rel)? {
        None => Ok(root.join(rel)),
        Some(path) => {
            let meta = fs::symlink_metadata(&path).map_err(|e| FileError::Unreadable {
                file: rel.to_owned(),
                reason: e.to_string(),
            })?;
            if meta.is_dir() {
                Err(FileError::NotAFile {
                    file: rel.to_owned(),
                })
            } else if !meta.is_file() {
                Err(FileError::Special {
                    file: rel.to_owned(),
                    kind: special_kind(&meta),
                })
            } else {
                Ok(path)
            }
        }
    }
}

/// Opens for reading without following a last link and without waiting for a
/// writer (a FIFO opens at once instead of blocking; the metadata check then
/// refuses it).
#[cfg(unix)]
pub fn open_no_wait(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    Ok(File::from(fd))
}

#[cfg(not(unix))]
pub fn open_no_wait(path: &Path) -> io::Result<File> {
    let meta = fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Err(io::Error::other("a link"));
    }
    File::open(path)
}

/// Opens for reading a file a person named (a link is followed: they chose it),
/// without waiting for a writer, like [`open_no_wait`]: a FIFO opens at once, and
/// the caller refuses it by the opened handle's metadata.
#[cfg(unix)]
pub fn open_named_no_wait(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
    )?;
    Ok(File::from(fd))
}

#[cfg(not(unix))]
pub fn open_named_no_wait(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Whether opening failed because the last part of the path is a link.
fn is_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// "a named pipe (FIFO)", "a device", …: what a special file is, in words.
fn special_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.file_type().is_symlink() {
        return "a link";
    }
    let _ = meta;
    "not a regular file"
}

/// Where `path` (given by a person, relative to the current folder or absolute)
/// lies in the workbook folder `root`: the workbook's real folder and the path
/// relative to it, or `None` when it lies elsewhere. The name itself may be a
/// link; the folders it is in are resolved.
fn in_workbook(root: &Path, path: &Path) -> Option<(PathBuf, String)> {
    let real_root = fs::canonicalize(root).ok()?;
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let parent = fs::canonicalize(absolute.parent()?).ok()?;
    let full = parent.join(absolute.file_name()?);
    let rel = full.strip_prefix(&real_root).ok()?;
    Some((real_root.clone(), rel.to_string_lossy().replace('\\', "/")))
}

/// Reads a file named on the command line (an `import csv` input): one that lives
/// inside the workbook by the workbook's rules ([`read`]), any other as the person
/// asked. `shown` names it in errors.
pub fn read_named(root: &Path, path: &Path, shown: &str) -> Result<Vec<u8>, FileError> {
    let Some((real_root, rel)) = in_workbook(root, path) else {
        return fs::read(path).map_err(|e| FileError::Unreadable {
            file: shown.to_owned(),
            reason: e.to_string(),
        });
    };
    match read(&real_root, &rel) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(FileError::Unreadable {
            file: shown.to_owned(),
            reason: "there is no such file".to_owned(),
        }),
        Err(e) => Err(e.with_file(shown)),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_link_out_of_the_workbook_is_refused_and_one_inside_is_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "SECRET=1").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real.ron"), "Risks()").unwrap();
        symlink(outside.path().join("secret"), dir.path().join("out.ron")).unwrap();
        symlink("real.ron", dir.path().join("in.ron")).unwrap();
        let error = read(dir.path(), "out.ron").unwrap_err();
        assert!(matches!(error, FileError::Link { .. }), "{error}");
        assert!(!error.to_string().contains("SECRET"));
        assert_eq!(read(dir.path(), "in.ron").unwrap().unwrap(), b"Risks()");
        assert_eq!(read(dir.path(), "none.ron").unwrap(), None);
    }

    #[test]
    fn a_fifo_is_refused_at_once_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("risks.ron");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from(0o644)).unwrap();
        let error = read(dir.path(), "risks.ron").unwrap_err();
        assert!(
            matches!(error, FileError::Special { kind, .. } if kind.contains("FIFO")),
            "{error}"
        );
        assert!(writable(dir.path(), "risks.ron").is_err());
    }

    #[test]
    fn private_must_be_a_real_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("docs")).unwrap();
        symlink("docs", dir.path().join("private")).unwrap();
        assert!(matches!(
            check_folder(dir.path(), "private"),
            Err(FileError::PrivateNotReal { .. })
        ));
        assert!(matches!(
            read(dir.path(), "private/contacts.ron"),
            Err(FileError::PrivateNotReal { .. })
        ));
    }
}
