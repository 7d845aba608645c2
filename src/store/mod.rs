//! The workbook on disk: load, save, lock, and where each record sits.
//!
//! The store remembers a fingerprint of every file as it last read or wrote it.
//! Saving writes only the files whose records changed ([`Store::save`]); `fmt`
//! rewrites every file that is not canonical ([`Store::save_canonical`]). Either
//! refuses (with [`SaveError::Conflict`], before writing anything) when a file on
//! disk is no longer what the store last saw: someone ran `git pull` or edited
//! it, and overwriting would lose their work. Every new version is written and
//! synced to a temporary file first and only then put in place, with a check
//! that closes the window between "unchanged?" and the rename where the system
//! allows (see [`atomic`]). Private details are merged in at load and split back
//! out at save; see [`crate::model::PrivateDetails`].
//!
//! Only the workbook's own regular files are read ([`disk`]). Loading parses the
//! files on separate threads: the risk register of a large workbook dominates,
//! and the rest is parsed while it is. One broken file does not hide the others:
//! [`Store::load_partial`] returns what loaded and names what did not.

pub mod atomic;
pub mod config;
pub mod conflicted;
pub mod disk;
pub mod error;
pub mod format;
pub mod incident;
pub mod layout;
pub mod lock;
pub mod outside;
mod quoted;
pub mod recovery;
pub mod templates;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use atomic::Fingerprint;
pub use error::*;
pub use layout::find_workbook;
pub use lock::WorkbookLock;

use crate::model::{
    Backups, Checklist, Contacts, FORMAT, Incident, Language, Manifest, Plan, PrivateContact,
    PrivateContacts, Processes, RecordKind, Risks, SelfCheck, Workbook,
};
use atomic::{CommitError, Prepared};
use layout::*;

/// The line each record starts on, per file, for messages that point at it.
#[derive(Clone, Debug, Default)]
pub struct Positions {
    /// File → (id, line) sorted by id.
    files: BTreeMap<String, Vec<(String, usize)>>,
}

impl Positions {
    /// The line where the record with `id` starts in `file` (the first, when
    /// several records share the id).
    pub fn line(&self, file: &str, id: &str) -> Option<usize> {
        self.lines(file, id).first().copied()
    }

    /// The lines of every record with `id` in `file`, in file order.
    pub fn lines(&self, file: &str, id: &str) -> Vec<usize> {
        let Some(records) = self.files.get(file) else {
            return Vec::new();
        };
        let from = records.partition_point(|(record, _)| record.as_str() < id);
        records[from..]
            .iter()
            .take_while(|(record, _)| record == id)
            .map(|(_, line)| *line)
            .collect()
    }

    /// The file and line of a record of `kind`.
    pub fn locate(&self, kind: RecordKind, id: &str) -> (String, Option<usize>) {
        let file = crate::model::Register::file_of(kind, id);
        let line = self.line(&file, id).or(match kind {
            RecordKind::Incident => Some(1),
            _ => None,
        });
        (file, line)
    }

    /// Scans canonical-looking RON for `id: "…"` lines. A record starts on the
    /// line above its id when that line opens it (`Risk(`).
    fn scan(text: &str) -> Vec<(String, usize)> {
        // This runs over every file of a large workbook at load, so it jumps from
        // `id: "` to `id: "` (memmem) and counts the lines in between (memchr).
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut line = 1; // the line number at `counted`
        let mut counted = 0;
        for at in memchr::memmem::find_iter(bytes, b"id: \"") {
            let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
            if !bytes[line_start..at].iter().all(|&b| b == b' ') {
                continue;
            }
            line += memchr::memchr_iter(b'\n', &bytes[counted..line_start]).count();
            counted = line_start;
            let rest = &bytes[at + 5..];
            let Some(end) = memchr::memchr2(b'"', b'\n', rest).filter(|&e| rest[e] == b'"') else {
                continue;
            };
            // The record starts on the line above when that line opens it (`Risk(`).
            let opens = line_start >= 2 && bytes[..line_start - 1].last() == Some(&b'(');
            let start = if opens { line - 1 } else { line };
            found.push((String::from_utf8_lossy(&rest[..end]).into_owned(), start));
        }
        // Sorted by id, then line; a shared id keeps every line (for DUPLICATE_ID).
        found.sort();
        found
    }
}

/// A loaded workbook and the store that knows its files.
#[derive(Debug)]
pub struct Loaded {
    pub workbook: Workbook,
    pub store: Store,
}

/// What a load gave when not every file loaded: everything that did, and every
/// file that did not. The parts of broken files are empty in `workbook`.
#[derive(Debug)]
pub struct Partial {
    pub workbook: Workbook,
    /// A store that knows the files that loaded; it cannot save.
    pub store: Store,
    /// Every file that did not load, in the order they are listed.
    pub failed: Vec<FileError>,
}

impl From<Loaded> for Partial {
    /// A whole workbook is a partial load with nothing missing.
    fn from(loaded: Loaded) -> Partial {
        Partial {
            workbook: loaded.workbook,
            store: loaded.store,
            failed: Vec::new(),
        }
    }
}

impl Partial {
    /// Whether every file loaded.
    pub fn is_complete(&self) -> bool {
        self.failed.is_empty()
    }

    /// The whole workbook, or the error naming every file that did not load.
    pub fn complete(self) -> Result<Loaded, LoadError> {
        if self.failed.is_empty() {
            Ok(Loaded {
                workbook: self.workbook,
                store: self.store,
            })
        } else {
            Err(LoadError {
                language: self.workbook.language(),
                root: self.store.root,
                files: self.failed,
            })
        }
    }

    /// Whether `file` (`contacts.ron`) loaded.
    pub fn loaded(&self, file: &str) -> bool {
        !self.failed.iter().any(|e| e.file() == file)
    }

    /// The error of the workbook as a whole (for a command that needs all of it).
    pub fn error(&self) -> Option<LoadError> {
        (!self.failed.is_empty()).then(|| LoadError {
            root: self.store.root.clone(),
            files: self.failed.clone(),
            language: self.workbook.language(),
        })
    }
}

/// What a save wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// Files written, relative to the workbook folder.
    pub written: Vec<String>,
    /// Of those, the files whose text on disk was not canonical (hand edits,
    /// comments): writing them normalised their layout and dropped the comments.
    pub normalised: Vec<String>,
}

/// One file's canonical text, ready to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedFile {
    /// Relative to the workbook folder, `/`-separated.
    pub path: String,
    pub text: String,
    pub private: bool,
}

/// Which files a save writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// Only files whose records changed (every save).
    Changed,
    /// Every file whose text is not canonical (`fmt`).
    Canonical,
}

/// The workbook folder: what was read, where records are, and the edit lock.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    /// What each file held on disk when last read or written (`None`: absent).
    known: BTreeMap<String, Option<Fingerprint>>,
    /// The canonical text of each file's records as last read or written, where
    /// it is known: a file whose records are unchanged is not written, even when
    /// its text on disk is not canonical.
    canonical: BTreeMap<String, Fingerprint>,
    positions: Positions,
    lock: Option<WorkbookLock>,
    /// Files that did not load: a store that has them never saves.
    failed: BTreeSet<String>,
}

/// A file a save is about to write.
struct Planned {
    file: RenderedFile,
    /// Where it really goes (the target of a link inside the workbook).
    real: PathBuf,
    /// What the file holds on disk now, which the commit checks again.
    expected: Option<Fingerprint>,
    normalising: bool,
}

impl Store {
    /// Loads the workbook in `root` without taking the edit lock (for reading).
    pub fn load(root: &Path) -> Result<Loaded, LoadError> {
        Store::load_partial(root)?.complete()
    }

    /// Loads every file that loads; see [`Partial`]. Only a workbook in a newer
    /// format than this paraat's is refused as a whole.
    pub fn load_partial(root: &Path) -> Result<Partial, LoadError> {
        load(&Disk(root), root)
    }

    /// Takes the edit lock, then loads: another editor cannot write in between.
    /// Temporary files left by a save that was killed are removed first.
    pub fn open_for_editing(root: &Path) -> Result<Loaded, OpenError> {
        let lock = WorkbookLock::acquire(root)?;
        remove_leftovers(root);
        let mut loaded = Store::load(root)?;
        loaded.store.lock = Some(lock);
        Ok(loaded)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Takes the edit lock for a store that was loaded for reading.
    pub fn lock(&mut self) -> Result<(), LockError> {
        if self.lock.is_none() {
            self.lock = Some(WorkbookLock::acquire(&self.root)?);
        }
        Ok(())
    }

    pub fn positions(&self) -> &Positions {
        &self.positions
    }

    /// Every file of `workbook` in canonical form.
    pub fn render(&self, workbook: &Workbook) -> Result<Vec<RenderedFile>, SaveError> {
        let private_exists = self
            .known
            .get(PRIVATE_CONTACTS)
            .copied()
            .flatten()
            .is_some();
        render_workbook(workbook, private_exists)
    }

    /// Files whose text, as last read, is not what saving would write: they were
    /// hand-edited or hold comments, and the first save that writes them will
    /// normalise them.
    pub fn non_canonical(&self, workbook: &Workbook) -> Result<Vec<String>, SaveError> {
        Ok(self
            .non_canonical_files(workbook)?
            .into_iter()
            .map(|file| file.path)
            .collect())
    }

    /// Like [`Store::non_canonical`], with each file's canonical text (what
    /// `paraat fmt` would write; `fmt --diff` shows it against the disk).
    pub fn non_canonical_files(&self, workbook: &Workbook) -> Result<Vec<RenderedFile>, SaveError> {
        Ok(self
            .render(workbook)?
            .into_iter()
            .filter(|file| {
                matches!(self.known.get(&file.path), Some(Some(fp)) if *fp != Fingerprint::of(file.text.as_bytes()))
            })
            .collect())
    }

    /// The bytes of the workbook file `rel` on disk now, read by the store's
    /// rules (regular files in the workbook only); `None` when it is not there.
    pub fn read_on_disk(&self, rel: &str) -> Result<Option<Vec<u8>>, FileError> {
        disk::read(&self.root, rel)
    }

    /// Files whose bytes on disk differ from what the store last read or wrote.
    pub fn changed_on_disk(&self) -> Vec<String> {
        self.known
            .iter()
            .filter(|(path, known)| disk_fingerprint(&self.root, path) != **known)
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// Saves the files whose records changed since they were read (other files
    /// are left as they are, comments and all); refuses with
    /// [`SaveError::Conflict`] when any of them changed on disk since it was
    /// read. Nothing is written in that case.
    pub fn save(&mut self, workbook: &Workbook) -> Result<SaveReport, SaveError> {
        self.save_with(workbook, &[], Scope::Changed, &|_| {})
    }

    /// Saves like [`Store::save`], overwriting `files` even though they changed on
    /// disk (the user chose "overwrite" after seeing the conflict).
    pub fn save_overwriting(
        &mut self,
        workbook: &Workbook,
        files: &[String],
    ) -> Result<SaveReport, SaveError> {
        self.save_with(workbook, files, Scope::Changed, &|_| {})
    }

    /// Rewrites every file whose text is not canonical (`paraat fmt`), with the
    /// same checks as [`Store::save`]. An incident file is rewritten under the
    /// incident's lock; `on_wait` is called with its name before waiting for
    /// another writer (`paraat incident log`) to finish.
    pub fn save_canonical(
        &mut self,
        workbook: &Workbook,
        on_wait: &dyn Fn(&str),
    ) -> Result<SaveReport, SaveError> {
        self.save_with(workbook, &[], Scope::Canonical, on_wait)
    }

    fn save_with(
        &mut self,
        workbook: &Workbook,
        overwrite: &[String],
        scope: Scope,
        on_wait: &dyn Fn(&str),
    ) -> Result<SaveReport, SaveError> {
        if self.lock.is_none() {
            return Err(SaveError::ReadOnly(
                "it was not opened for editing".to_owned(),
            ));
        }
        if let Some(file) = self.failed.iter().next() {
            return Err(SaveError::ReadOnly(format!("{file} did not load")));
        }
        // The files that may need writing: what saving would write is not what
        // the store knows is there.
        let candidates: Vec<RenderedFile> = self
            .render(workbook)?
            .into_iter()
            .filter(|file| {
                let ours = Fingerprint::of(file.text.as_bytes());
                self.known.get(&file.path) != Some(&Some(ours))
                    && (scope == Scope::Canonical || self.canonical.get(&file.path) != Some(&ours))
            })
            .collect();
        // An incident file is also written by `paraat incident log` and the
        // incident screen, which take the incident's own lock: so does this save,
        // from before it reads the file until after it wrote it.
        let mut incident_locks = Vec::new();
        for file in &candidates {
            if let Some(id) = incident_id_of(&file.path) {
                let path = file.path.as_str();
                let lock = incident::IncidentLock::acquire(&self.root, id, &|| on_wait(path))
                    .map_err(|e| SaveError::Io {
                        file: file.path.clone(),
                        source: io::Error::other(e.to_string()),
                    })?;
                incident_locks.push(lock);
            }
        }
        let mut planned = Vec::new();
        let mut conflicts = Vec::new();
        for mut file in candidates {
            let real = disk::writable(&self.root, &file.path).map_err(SaveError::Refused)?;
            let on_disk = disk::read(&self.root, &file.path).map_err(SaveError::Refused)?;
            let disk = on_disk.as_deref().map(Fingerprint::of);
            let expected = self.known.get(&file.path).copied().flatten();
            // `fmt` changes no records: an incident that `incident log` wrote to
            // since it was read is formatted as it is now (under its lock).
            if scope == Scope::Canonical
                && disk != expected
                && incident_id_of(&file.path).is_some()
                && let Some(now) = on_disk
                    .as_deref()
                    .and_then(|bytes| canonical_text::<Incident>(&file.path, bytes))
            {
                self.known.insert(file.path.clone(), disk);
                file.text = now;
            }
            let expected = self.known.get(&file.path).copied().flatten();
            let ours = Fingerprint::of(file.text.as_bytes());
            if disk == Some(ours) {
                // Already there (someone wrote the same); nothing to do.
                self.known.insert(file.path.clone(), Some(ours));
                self.canonical.insert(file.path, ours);
                continue;
            }
            let changed_elsewhere = disk != expected;
            if changed_elsewhere && !overwrite.contains(&file.path) {
                conflicts.push(Conflict {
                    on_disk: on_disk.map(|b| String::from_utf8_lossy(&b).into_owned()),
                    file: file.path,
                    ours: file.text,
                });
                continue;
            }
            // The file is as read: did its records change, or only its layout?
            let canonical = on_disk
                .as_deref()
                .and_then(|bytes| canonical_fingerprint(&file.path, bytes));
            if scope == Scope::Changed && !changed_elsewhere && canonical == Some(ours) {
                self.canonical.insert(file.path, ours);
                continue;
            }
            planned.push(Planned {
                normalising: disk.is_some() && canonical != disk,
                file,
                real,
                expected: disk,
            });
        }
        if !conflicts.is_empty() {
            return Err(SaveError::Conflict(conflicts));
        }
        let result = self.write_all(planned);
        drop(incident_locks);
        result
    }

    /// Writes every planned file: all temporary files first (a full disk stops
    /// the save before anything is replaced), then each is put in place.
    fn write_all(&mut self, planned: Vec<Planned>) -> Result<SaveReport, SaveError> {
        let mut prepared: Vec<(Planned, Prepared)> = Vec::new();
        for plan in planned {
            let io = |source| SaveError::Io {
                file: plan.file.path.clone(),
                source,
            };
            if let Some(dir) = plan.real.parent() {
                create_folder(dir, plan.file.private).map_err(io)?;
            }
            let temp = atomic::prepare(&plan.real, plan.file.text.as_bytes(), plan.file.private)
                .map_err(io)?;
            prepared.push((plan, temp));
        }
        let mut report = SaveReport::default();
        let mut pending = prepared.into_iter();
        while let Some((plan, temp)) = pending.next() {
            let path = plan.file.path.clone();
            match temp.commit(plan.expected) {
                Ok(()) => {
                    let ours = Fingerprint::of(plan.file.text.as_bytes());
                    self.known.insert(path.clone(), Some(ours));
                    self.canonical.insert(path.clone(), ours);
                    self.positions
                        .files
                        .insert(path.clone(), Positions::scan(&plan.file.text));
                    if plan.normalising {
                        report.normalised.push(path.clone());
                    }
                    report.written.push(path);
                }
                Err(CommitError::Changed) => {
                    // Someone's change landed after the check: it was kept.
                    let on_disk = disk::read(&self.root, &path)
                        .ok()
                        .flatten()
                        .map(|b| String::from_utf8_lossy(&b).into_owned());
                    let conflict = Conflict {
                        file: path,
                        on_disk,
                        ours: plan.file.text,
                    };
                    return Err(if report.written.is_empty() {
                        SaveError::Conflict(vec![conflict])
                    } else {
                        SaveError::ConflictAfter {
                            written: report.written,
                            conflict,
                        }
                    });
                }
                Err(CommitError::Io(source)) => {
                    let not_written = pending.map(|(p, _)| p.file.path).collect();
                    return Err(if report.written.is_empty() {
                        SaveError::Io { file: path, source }
                    } else {
                        SaveError::Partly {
                            written: report.written,
                            failed: path,
                            not_written,
                            source,
                        }
                    });
                }
            }
        }
        Ok(report)
    }

    /// Takes what `other` (a fresh load of the same folder) read of `file` as known:
    /// after a reload the user accepted, `file` is no longer "changed on disk".
    pub fn adopt_file(&mut self, other: &Store, file: &str) {
        match other.known.get(file) {
            Some(fingerprint) => {
                self.known.insert(file.to_owned(), *fingerprint);
            }
            None => {
                self.known.remove(file);
            }
        }
        match other.canonical.get(file) {
            Some(fingerprint) => {
                self.canonical.insert(file.to_owned(), *fingerprint);
            }
            None => {
                self.canonical.remove(file);
            }
        }
        match other.positions.files.get(file) {
            Some(positions) => {
                self.positions
                    .files
                    .insert(file.to_owned(), positions.clone());
            }
            None => {
                self.positions.files.remove(file);
            }
        }
    }

    /// Incident files in `incidents/` that the store has not read: declared from
    /// another shell while a holder of this store had the workbook open. The
    /// disk check loads them like changed files.
    pub fn unread_incident_files(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.root.join(INCIDENTS_DIR)) else {
            return Vec::new();
        };
        let mut found: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| name.ends_with(".ron") && !name.starts_with('.'))
            .map(|name| format!("{INCIDENTS_DIR}/{name}"))
            .filter(|rel| !self.known.contains_key(rel))
            .collect();
        found.sort();
        found
    }

    /// Every file the store has read or written, relative to the workbook folder.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.known.keys().map(String::as_str)
    }
}

/// The id of the incident whose file `rel` is (`incidents/<id>.ron`).
fn incident_id_of(rel: &str) -> Option<&str> {
    rel.strip_prefix(INCIDENTS_DIR)?
        .strip_prefix('/')?
        .strip_suffix(".ron")
        .filter(|id| !id.contains('/'))
}

/// Creates a folder of the workbook when it is missing; `private/` is readable by
/// its owner only.
fn create_folder(dir: &Path, private: bool) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    #[cfg(not(unix))]
    let _ = private;
    builder.create(dir)
}

/// The canonical text of the records in `bytes` (the file `rel` as on disk),
/// read as `T`.
fn canonical_text<T: DeserializeOwned + Serialize>(rel: &str, bytes: &[u8]) -> Option<String> {
    let text = format::check_text(rel, bytes).ok()?;
    let (value, conflicts) = conflicted::parse::<T>(rel, text, format::parse).ok()?;
    conflicted::render(&value, &conflicts).ok()
}

/// The fingerprint of the canonical text of the records in `bytes`, the file
/// `rel` as on disk: what a save would write if nothing had changed.
fn canonical_fingerprint(rel: &str, bytes: &[u8]) -> Option<Fingerprint> {
    fn again<T: DeserializeOwned + Serialize>(rel: &str, text: &str) -> Option<Fingerprint> {
        canonical_text::<T>(rel, text.as_bytes()).map(|text| Fingerprint::of(text.as_bytes()))
    }
    let text = format::check_text(rel, bytes).ok()?;
    match rel {
        MANIFEST => again::<Manifest>(rel, text),
        CHECKLIST => again::<Checklist>(rel, text),
        SELFCHECK => again::<SelfCheck>(rel, text),
        PLAN => again::<Plan>(rel, text),
        RISKS => again::<Risks>(rel, text),
        PROCESSES => again::<Processes>(rel, text),
        CONTACTS => again::<Contacts>(rel, text),
        BACKUPS => again::<Backups>(rel, text),
        PRIVATE_CONTACTS => again::<PrivateContacts>(rel, text),
        _ if incident_id_of(rel).is_some() => again::<Incident>(rel, text),
        _ => None,
    }
}

/// Removes temporary files a killed save left behind (`.paraat-risks.ron-….tmp`):
/// in the workbook folder and `private/` (the caller holds the edit lock, which
/// every writer of those files holds), and in `incidents/` those of incidents
/// whose lock is free. Only paraat's own temporary files of workbook files are
/// touched, and only regular files.
fn remove_leftovers(root: &Path) {
    let remove_in = |dir: &Path, owner: &dyn Fn(&str) -> Option<Box<dyn std::any::Any>>| {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(atomic::TEMP_PREFIX) || !name.ends_with(atomic::TEMP_SUFFIX) {
                continue;
            }
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            let guard = owner(&name);
            if is_file && guard.is_some() {
                let _ = fs::remove_file(entry.path());
            }
        }
    };
    let ours = |files: &'static [&'static str]| {
        move |name: &str| {
            files
                .iter()
                .any(|f| atomic::is_temporary_of(name, f))
                .then(|| Box::new(()) as Box<dyn std::any::Any>)
        }
    };
    remove_in(root, &ours(&REGISTER_FILES));
    if let Ok(Some(dir)) = disk::check_folder(root, PRIVATE_DIR) {
        remove_in(&dir, &ours(&["contacts.ron"]));
    }
    if let Ok(Some(dir)) = disk::check_folder(root, INCIDENTS_DIR) {
        remove_in(&dir, &|name: &str| {
            let target = name
                .strip_prefix(atomic::TEMP_PREFIX)?
                .strip_suffix(atomic::TEMP_SUFFIX)?
                .rsplit_once('-')?
                .0;
            let id = target.strip_suffix(".ron")?;
            incident::IncidentLock::try_acquire(root, id)
                .map(|lock| Box::new(lock) as Box<dyn std::any::Any>)
        });
    }
}

/// Opening for editing failed: the lock is held, or the workbook does not load.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Locked(#[from] LockError),
    #[error(transparent)]
    Load(#[from] LoadError),
}

fn disk_fingerprint(root: &Path, rel: &str) -> Option<Fingerprint> {
    disk::read(root, rel)
        .ok()
        .flatten()
        .map(|bytes| Fingerprint::of(&bytes))
}

/// Where the loader gets the bytes of the workbook's files: the folder on disk
/// (by [`disk`]'s rules), or files held in memory (tests and the fuzzer drive
/// the whole loader without a disk).
trait Source: Sync {
    /// The file's bytes; `Ok(None)` when it is not there.
    fn bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, FileError>;
    /// The names of the files in `incidents/` (all of them; the loader picks).
    fn incident_names(&self) -> Result<Vec<String>, FileError>;
}

/// The workbook folder on disk.
struct Disk<'a>(&'a Path);

impl Source for Disk<'_> {
    fn bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, FileError> {
        disk::read(self.0, rel)
    }

    fn incident_names(&self) -> Result<Vec<String>, FileError> {
        let Some(dir) = disk::check_folder(self.0, INCIDENTS_DIR)? else {
            return Ok(Vec::new());
        };
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        Ok(entries
            .filter_map(Result::ok)
            .filter_map(|entry| entry.file_name().into_string().ok())
            .collect())
    }
}

/// Files held in memory, by path relative to the workbook folder.
struct Memory<'a>(&'a BTreeMap<String, Vec<u8>>);

impl Source for Memory<'_> {
    fn bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, FileError> {
        Ok(self.0.get(rel).cloned())
    }

    fn incident_names(&self) -> Result<Vec<String>, FileError> {
        Ok(self
            .0
            .keys()
            .filter_map(|k| k.strip_prefix(INCIDENTS_DIR)?.strip_prefix('/'))
            .filter(|name| !name.contains('/'))
            .map(str::to_owned)
            .collect())
    }
}

/// Loads a workbook from files held in memory (relative path → bytes) exactly
/// as [`Store::load_partial`] loads a folder: the same parsing, checks and
/// messages. For tests and the fuzzer; the store it returns cannot save.
pub fn load_files(files: &BTreeMap<String, Vec<u8>>) -> Result<Partial, LoadError> {
    load(&Memory(files), Path::new("(in memory)"))
}

/// One file as read: the parsed value, its fingerprint and record positions.
struct Read<T> {
    value: T,
    /// What a merge left undecided in the file (see [`conflicted`]).
    conflicts: Vec<crate::model::conflict::Conflict>,
    fingerprint: Fingerprint,
    positions: Vec<(String, usize)>,
}

fn read_file<T: DeserializeOwned>(source: &dyn Source, rel: &str) -> Result<Read<T>, FileError> {
    read_with(source, rel, format::parse)
}

/// Reads a register that may be parsed in parts (see [`format::parse_register`]).
fn read_register<T: format::Register>(
    source: &dyn Source,
    rel: &str,
) -> Result<Read<T>, FileError> {
    read_with(source, rel, format::parse_register)
}

fn read_with<T: DeserializeOwned>(
    source: &dyn Source,
    rel: &str,
    parse: fn(&str, &str) -> Result<T, FileError>,
) -> Result<Read<T>, FileError> {
    let Some(bytes) = source.bytes(rel)? else {
        return Err(FileError::Missing {
            file: rel.to_owned(),
        });
    };
    let text = format::check_text(rel, &bytes)?;
    let (value, conflicts) = conflicted::parse(rel, text, parse)?;
    Ok(Read {
        value,
        conflicts,
        fingerprint: Fingerprint::of(&bytes),
        positions: Positions::scan(text),
    })
}

/// Reads only the manifest's `format` and `language`, tolerating everything else,
/// so a newer workbook is refused with version numbers rather than a confusing
/// field error, and a broken manifest still gives the language.
fn peek_manifest(source: &dyn Source) -> (Option<u32>, Option<Language>) {
    #[derive(serde::Deserialize)]
    #[serde(rename = "Manifest")]
    struct Peek {
        #[serde(default)]
        format: u32,
        #[serde(default)]
        language: Language,
    }
    let Ok(Some(bytes)) = source.bytes(MANIFEST) else {
        return (None, None);
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return (None, None);
    };
    if let Ok(peek) = ron::from_str::<Peek>(text) {
        return (Some(peek.format), Some(peek.language));
    }
    // A manifest that does not parse as a whole: the language from its line.
    let language = text.lines().find_map(|line| {
        match line
            .trim()
            .trim_end_matches(',')
            .strip_prefix("language:")?
            .trim()
        {
            "Nl" => Some(Language::Nl),
            "En" => Some(Language::En),
            _ => None,
        }
    });
    (None, language)
}

/// The result of a reader thread; a thread that panicked becomes an error, not a crash.
fn join<T>(
    handle: std::thread::ScopedJoinHandle<'_, Result<T, FileError>>,
    file: &str,
) -> Result<T, FileError> {
    handle.join().unwrap_or_else(|_| {
        Err(FileError::Unreadable {
            file: file.to_owned(),
            reason: "the reader stopped unexpectedly".to_owned(),
        })
    })
}

fn load(source: &dyn Source, root: &Path) -> Result<Partial, LoadError> {
    let (format, language) = peek_manifest(source);
    let fail = |files| LoadError {
        root: root.to_path_buf(),
        files,
        language: language.unwrap_or_default(),
    };
    if let Some(found) = format
        && found > FORMAT
    {
        return Err(fail(vec![FileError::NewerFormat {
            file: MANIFEST.to_owned(),
            found,
            supported: FORMAT,
        }]));
    }

    // The big registers on their own threads; the rest on this one.
    let (risks, processes, contacts, backups, rest) = std::thread::scope(|scope| {
        let risks = scope.spawn(|| read_register::<Risks>(source, RISKS));
        let processes = scope.spawn(|| read_file::<Processes>(source, PROCESSES));
        let contacts = scope.spawn(|| read_register::<Contacts>(source, CONTACTS));
        let backups = scope.spawn(|| read_register::<Backups>(source, BACKUPS));
        let rest = (
            read_file::<Manifest>(source, MANIFEST),
            read_file::<Checklist>(source, CHECKLIST),
            read_file::<SelfCheck>(source, SELFCHECK),
            read_file::<Plan>(source, PLAN),
            read_private(source),
            read_incidents(source),
        );
        (
            join(risks, RISKS),
            join(processes, PROCESSES),
            join(contacts, CONTACTS),
            join(backups, BACKUPS),
            rest,
        )
    });
    let (manifest, checklist, selfcheck, plan, private, incidents) = rest;

    let mut errors = Vec::new();
    let mut known = BTreeMap::new();
    let mut positions = Positions::default();
    let mut conflicts = BTreeMap::new();
    // Records a file that loaded, or its error; one macro because each file has its own type.
    macro_rules! take {
        ($rel:expr, $result:expr) => {
            match $result {
                Ok(read) => {
                    known.insert($rel.to_owned(), Some(read.fingerprint));
                    positions.files.insert($rel.to_owned(), read.positions);
                    if !read.conflicts.is_empty() {
                        conflicts.insert($rel.to_owned(), read.conflicts);
                    }
                    Some(read.value)
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        };
    }
    let manifest = take!(MANIFEST, manifest);
    let checklist = take!(CHECKLIST, checklist);
    let selfcheck = take!(SELFCHECK, selfcheck);
    let plan = take!(PLAN, plan);
    let risks = take!(RISKS, risks);
    let processes = take!(PROCESSES, processes);
    let contacts = take!(CONTACTS, contacts);
    let backups = take!(BACKUPS, backups);
    let private = match private {
        Ok(Some(read)) => {
            known.insert(PRIVATE_CONTACTS.to_owned(), Some(read.fingerprint));
            positions
                .files
                .insert(PRIVATE_CONTACTS.to_owned(), read.positions);
            read.value
        }
        Ok(None) => {
            known.insert(PRIVATE_CONTACTS.to_owned(), None);
            PrivateContacts::default()
        }
        Err(e) => {
            errors.push(e);
            PrivateContacts::default()
        }
    };
    let mut incident_list = Vec::new();
    for (rel, result) in incidents {
        if let Some(incident) = take!(rel.as_str(), result) {
            incident_list.push(incident);
        }
    }
    if let Some(m) = &manifest
        && m.format > FORMAT
    {
        return Err(fail(vec![FileError::NewerFormat {
            file: MANIFEST.to_owned(),
            found: m.format,
            supported: FORMAT,
        }]));
    }
    let manifest = match manifest {
        Some(manifest) => manifest,
        None => {
            templates::blank_manifest(language.unwrap_or_default()).map_err(|e| fail(vec![e]))?
        }
    };
    let mut contacts = contacts.unwrap_or_default();
    let private_orphans = merge_private(&mut contacts, private);
    let failed = errors.iter().map(|e| e.file().to_owned()).collect();
    Ok(Partial {
        workbook: Workbook {
            manifest,
            checklist: checklist.unwrap_or_default(),
            selfcheck: selfcheck.unwrap_or_default(),
            plan: plan.unwrap_or_default(),
            risks: risks.unwrap_or_default(),
            processes: processes.unwrap_or_default(),
            contacts,
            backups: backups.unwrap_or_default(),
            incidents: incident_list,
            private_orphans,
            conflicts,
        },
        store: Store {
            root: root.to_path_buf(),
            known,
            canonical: BTreeMap::new(),
            positions,
            lock: None,
            failed,
        },
        failed: errors,
    })
}

fn read_private(source: &dyn Source) -> Result<Option<Read<PrivateContacts>>, FileError> {
    match source.bytes(PRIVATE_CONTACTS)? {
        None => Ok(None),
        Some(_) => read_file(source, PRIVATE_CONTACTS).map(Some),
    }
}

/// Every `incidents/*.ron`, in file-name order. A missing folder is an empty list
/// (git does not keep empty folders); a folder that cannot be read is one error.
fn read_incidents(source: &dyn Source) -> Vec<(String, Result<Read<Incident>, FileError>)> {
    let names = match source.incident_names() {
        Ok(names) => names,
        Err(e) => return vec![(INCIDENTS_DIR.to_owned(), Err(e))],
    };
    let mut names: Vec<String> = names
        .into_iter()
        .filter(|name| name.ends_with(".ron") && !name.starts_with('.'))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let rel = format!("{INCIDENTS_DIR}/{name}");
            let stem = name.trim_end_matches(".ron");
            let result = read_file::<Incident>(source, &rel).and_then(|read| {
                if read.value.id.as_str() == stem {
                    Ok(read)
                } else {
                    Err(FileError::Invalid {
                        file: rel.clone(),
                        line: read.positions.first().map_or(1, |(_, line)| *line),
                        message: format!(
                            "the incident's id \"{}\" does not match its file name; rename the file to {}.ron or set the id to \"{stem}\"",
                            read.value.id, read.value.id
                        ),
                    })
                }
            });
            (rel, result)
        })
        .collect()
}

/// Puts each private entry on its contact. Entries without a contact (or a second
/// entry for the same contact) are returned so they are kept and reported.
fn merge_private(contacts: &mut Contacts, private: PrivateContacts) -> Vec<PrivateContact> {
    let mut orphans = Vec::new();
    let index: BTreeMap<String, usize> = contacts
        .contacts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.0.clone(), i))
        .collect();
    for entry in private.contacts {
        match index.get(entry.id.as_str()) {
            Some(&i) if contacts.contacts[i].private.is_empty() => {
                contacts.contacts[i].private = entry.details();
            }
            _ => orphans.push(entry),
        }
    }
    orphans
}

fn render_one<T: Serialize>(
    path: &str,
    value: &T,
    private: bool,
    conflicts: &BTreeMap<String, Vec<crate::model::conflict::Conflict>>,
) -> Result<RenderedFile, SaveError> {
    let left = conflicts.get(path).map_or(&[][..], Vec::as_slice);
    let text = conflicted::render(value, left).map_err(|message| SaveError::Render {
        file: path.to_owned(),
        message,
    })?;
    Ok(RenderedFile {
        path: path.to_owned(),
        text,
        private,
    })
}

/// Every file of the workbook in canonical form. The private file is included
/// when it has entries or already exists.
pub fn render_workbook(
    workbook: &Workbook,
    private_exists: bool,
) -> Result<Vec<RenderedFile>, SaveError> {
    let mut files = vec![
        render_one(MANIFEST, &workbook.manifest, false, &workbook.conflicts)?,
        render_one(CHECKLIST, &workbook.checklist, false, &workbook.conflicts)?,
        render_one(SELFCHECK, &workbook.selfcheck, false, &workbook.conflicts)?,
        render_one(PLAN, &workbook.plan, false, &workbook.conflicts)?,
        render_one(RISKS, &workbook.risks, false, &workbook.conflicts)?,
        render_one(PROCESSES, &workbook.processes, false, &workbook.conflicts)?,
        render_one(CONTACTS, &workbook.contacts, false, &workbook.conflicts)?,
        render_one(BACKUPS, &workbook.backups, false, &workbook.conflicts)?,
    ];
    let private = PrivateContacts {
        contacts: workbook
            .contacts
            .contacts
            .iter()
            .filter(|c| !c.private.is_empty())
            .map(|c| PrivateContact::new(c.id.clone(), c.private.clone()))
            .chain(workbook.private_orphans.iter().cloned())
            .collect(),
    };
    if private_exists || !private.contacts.is_empty() {
        files.push(render_one(
            PRIVATE_CONTACTS,
            &private,
            true,
            &workbook.conflicts,
        )?);
    }
    for incident in &workbook.incidents {
        files.push(render_one(
            &incident_file(incident.id.as_str()),
            incident,
            false,
            &workbook.conflicts,
        )?);
    }
    Ok(files)
}
