//! The workbook on disk: load, save, lock, and where each record sits.
//!
//! The store remembers a fingerprint of every file as it last read or wrote it.
//! Saving renders every file canonically, writes only the ones whose text changed,
//! and refuses (with [`SaveError::Conflict`], before writing anything) when a file
//! on disk is no longer what the store last saw: someone ran `git pull` or edited
//! it, and overwriting would lose their work. Private details are merged in at
//! load and split back out at save; see [`crate::model::PrivateDetails`].
//!
//! Loading parses the files on separate threads: the risk register of a large
//! workbook dominates, and the rest is parsed while it is.

pub mod atomic;
pub mod config;
pub mod conflicted;
pub mod error;
pub mod format;
pub mod incident;
pub mod layout;
pub mod lock;
pub mod outside;
pub mod recovery;
pub mod templates;

use std::collections::BTreeMap;
use std::fs;
use std::hash::Hasher;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use error::*;
pub use layout::find_workbook;
pub use lock::WorkbookLock;

use crate::model::{
    Backups, Checklist, Contacts, FORMAT, Incident, Manifest, Plan, PrivateContact,
    PrivateContacts, Processes, RecordKind, Risks, SelfCheck, Workbook,
};
use layout::*;

/// What a file held when the store last read or wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fingerprint {
    len: usize,
    hash: u64,
}

impl Fingerprint {
    fn of(bytes: &[u8]) -> Fingerprint {
        // Fast, not cryptographic: it notices a file that changed on disk; the
        // length is compared too.
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write(bytes);
        Fingerprint {
            len: bytes.len(),
            hash: hasher.finish(),
        }
    }
}

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

/// What a save wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// Files written, relative to the workbook folder.
    pub written: Vec<String>,
}

/// One file's canonical text, ready to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedFile {
    /// Relative to the workbook folder, `/`-separated.
    pub path: String,
    pub text: String,
    pub private: bool,
}

/// The workbook folder: what was read, where records are, and the edit lock.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    known: BTreeMap<String, Option<Fingerprint>>,
    positions: Positions,
    lock: Option<WorkbookLock>,
}

impl Store {
    /// Loads the workbook in `root` without taking the edit lock (for reading).
    pub fn load(root: &Path) -> Result<Loaded, LoadError> {
        load(root)
    }

    /// Takes the edit lock, then loads: another editor cannot write in between.
    pub fn open_for_editing(root: &Path) -> Result<Loaded, OpenError> {
        let lock = WorkbookLock::acquire(root)?;
        let mut loaded = load(root)?;
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
    /// hand-edited or hold comments, and the first save will normalise them.
    pub fn non_canonical(&self, workbook: &Workbook) -> Result<Vec<String>, SaveError> {
        Ok(self
            .render(workbook)?
            .into_iter()
            .filter(|file| {
                matches!(self.known.get(&file.path), Some(Some(fp)) if *fp != Fingerprint::of(file.text.as_bytes()))
            })
            .map(|file| file.path)
            .collect())
    }

    /// Files whose bytes on disk differ from what the store last read or wrote.
    pub fn changed_on_disk(&self) -> Vec<String> {
        self.known
            .iter()
            .filter(|(path, known)| disk_fingerprint(&self.root.join(path.as_str())) != **known)
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// Saves every changed file; refuses with [`SaveError::Conflict`] when any of
    /// them changed on disk since it was read. Nothing is written in that case.
    pub fn save(&mut self, workbook: &Workbook) -> Result<SaveReport, SaveError> {
        self.save_with(workbook, &[])
    }

    /// Saves like [`Store::save`], overwriting `files` even though they changed on
    /// disk (the user chose "overwrite" after seeing the conflict).
    pub fn save_overwriting(
        &mut self,
        workbook: &Workbook,
        files: &[String],
    ) -> Result<SaveReport, SaveError> {
        self.save_with(workbook, files)
    }

    fn save_with(
        &mut self,
        workbook: &Workbook,
        overwrite: &[String],
    ) -> Result<SaveReport, SaveError> {
        if self.lock.is_none() {
            return Err(SaveError::ReadOnly(
                "it was not opened for editing".to_owned(),
            ));
        }
        let files = self.render(workbook)?;
        let mut to_write = Vec::new();
        let mut conflicts = Vec::new();
        for file in files {
            let ours = Fingerprint::of(file.text.as_bytes());
            let expected = self.known.get(&file.path).copied().flatten();
            if expected == Some(ours) {
                continue;
            }
            let path = self.root.join(&file.path);
            let on_disk = read_optional(&path).map_err(|source| SaveError::Io {
                file: file.path.clone(),
                source,
            })?;
            let disk = on_disk.as_deref().map(Fingerprint::of);
            if disk == Some(ours) {
                // Already there (someone wrote the same); nothing to do.
                self.known.insert(file.path, Some(ours));
                continue;
            }
            if disk != expected && !overwrite.contains(&file.path) {
                conflicts.push(Conflict {
                    on_disk: on_disk.map(|b| String::from_utf8_lossy(&b).into_owned()),
                    file: file.path,
                    ours: file.text,
                });
                continue;
            }
            to_write.push(file);
        }
        if !conflicts.is_empty() {
            return Err(SaveError::Conflict(conflicts));
        }
        let mut report = SaveReport::default();
        for file in to_write {
            let path = self.root.join(&file.path);
            let io = |source| SaveError::Io {
                file: file.path.clone(),
                source,
            };
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(io)?;
            }
            atomic::write_atomic(&path, file.text.as_bytes(), file.private).map_err(io)?;
            self.known.insert(
                file.path.clone(),
                Some(Fingerprint::of(file.text.as_bytes())),
            );
            self.positions
                .files
                .insert(file.path.clone(), Positions::scan(&file.text));
            report.written.push(file.path);
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

/// Opening for editing failed: the lock is held, or the workbook does not load.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Locked(#[from] LockError),
    #[error(transparent)]
    Load(#[from] LoadError),
}

fn read_optional(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

fn disk_fingerprint(path: &Path) -> Option<Fingerprint> {
    fs::read(path).ok().map(|bytes| Fingerprint::of(&bytes))
}

/// One file as read: the parsed value, its fingerprint and record positions.
struct Read<T> {
    value: T,
    /// What a merge left undecided in the file (see [`conflicted`]).
    conflicts: Vec<crate::model::conflict::Conflict>,
    fingerprint: Fingerprint,
    positions: Vec<(String, usize)>,
}

fn read_file<T: DeserializeOwned>(root: &Path, rel: &str) -> Result<Read<T>, FileError> {
    read_with(root, rel, format::parse)
}

/// Reads a register that may be parsed in parts (see [`format::parse_register`]).
fn read_register<T: format::Register>(root: &Path, rel: &str) -> Result<Read<T>, FileError> {
    read_with(root, rel, format::parse_register)
}

fn read_with<T: DeserializeOwned>(
    root: &Path,
    rel: &str,
    parse: fn(&str, &str) -> Result<T, FileError>,
) -> Result<Read<T>, FileError> {
    let path = root.join(rel);
    let file = rel.to_owned();
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(_) if path.is_dir() => return Err(FileError::NotAFile { file }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(FileError::Missing { file }),
        Err(e) => {
            return Err(FileError::Unreadable {
                file,
                reason: e.to_string(),
            });
        }
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

/// Reads only the manifest's `format`, tolerating everything else, so a newer
/// workbook is refused with version numbers rather than a confusing field error.
fn peek_format(root: &Path) -> Option<u32> {
    #[derive(serde::Deserialize)]
    #[serde(rename = "Manifest")]
    struct FormatOnly {
        format: u32,
    }
    let bytes = fs::read(root.join(MANIFEST)).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    ron::from_str::<FormatOnly>(text).ok().map(|m| m.format)
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

fn load(root: &Path) -> Result<Loaded, LoadError> {
    let fail = |files| LoadError {
        root: root.to_path_buf(),
        files,
    };
    if let Some(found) = peek_format(root)
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
        let risks = scope.spawn(|| read_register::<Risks>(root, RISKS));
        let processes = scope.spawn(|| read_file::<Processes>(root, PROCESSES));
        let contacts = scope.spawn(|| read_register::<Contacts>(root, CONTACTS));
        let backups = scope.spawn(|| read_register::<Backups>(root, BACKUPS));
        let rest = (
            read_file::<Manifest>(root, MANIFEST),
            read_file::<Checklist>(root, CHECKLIST),
            read_file::<SelfCheck>(root, SELFCHECK),
            read_file::<Plan>(root, PLAN),
            read_private(root),
            read_incidents(root),
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
            Some(read.value)
        }
        Ok(None) => {
            known.insert(PRIVATE_CONTACTS.to_owned(), None);
            Some(PrivateContacts::default())
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let mut incident_list = Vec::new();
    for (rel, result) in incidents {
        if let Some(incident) = take!(rel.as_str(), result) {
            incident_list.push(incident);
        }
    }

    let (
        Some(manifest),
        Some(checklist),
        Some(selfcheck),
        Some(plan),
        Some(risks),
        Some(processes),
        Some(mut contacts),
        Some(backups),
        Some(private),
    ) = (
        manifest, checklist, selfcheck, plan, risks, processes, contacts, backups, private,
    )
    else {
        return Err(fail(errors));
    };
    if !errors.is_empty() {
        return Err(fail(errors));
    }
    if manifest.format > FORMAT {
        return Err(fail(vec![FileError::NewerFormat {
            file: MANIFEST.to_owned(),
            found: manifest.format,
            supported: FORMAT,
        }]));
    }

    let private_orphans = merge_private(&mut contacts, private);
    Ok(Loaded {
        workbook: Workbook {
            manifest,
            checklist,
            selfcheck,
            plan,
            risks,
            processes,
            contacts,
            backups,
            incidents: incident_list,
            private_orphans,
            conflicts,
        },
        store: Store {
            root: root.to_path_buf(),
            known,
            positions,
            lock: None,
        },
    })
}

fn read_private(root: &Path) -> Result<Option<Read<PrivateContacts>>, FileError> {
    let path = root.join(PRIVATE_CONTACTS);
    if !path.exists() {
        return Ok(None);
    }
    read_file(root, PRIVATE_CONTACTS).map(Some)
}

/// Every `incidents/*.ron`, in file-name order. A missing folder is an empty list
/// (git does not keep empty folders).
fn read_incidents(root: &Path) -> Vec<(String, Result<Read<Incident>, FileError>)> {
    let dir = root.join(INCIDENTS_DIR);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".ron") && !name.starts_with('.'))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let rel = format!("{INCIDENTS_DIR}/{name}");
            let stem = name.trim_end_matches(".ron");
            let result = read_file::<Incident>(root, &rel).and_then(|read| {
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
