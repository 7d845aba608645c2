//! Incident files written entry by entry, by several writers at once.
//!
//! During an incident the terminal UI and `paraat incident log` in another shell
//! both write to the same `incidents/<id>.ron`. Each change therefore goes:
//! take the incident's own lock (`incidents/.<id>.lock`, a blocking OS file lock,
//! so writers queue instead of failing), read the file from disk, apply the change,
//! write it atomically, release. No writer can lose another's entry, and killing a
//! writer at any moment leaves either the old or the new file, both complete.
//!
//! The workbook-wide `.paraat.lock` (held by an open editor) is deliberately not
//! taken here: logging must work while the workbook is open elsewhere.
//!
//! Timeline entries are append-only: this module has functions to add entries,
//! notifications, affected systems and lessons, and none to edit or remove one.
//! A caller holding a [`Store`] takes the result with [`Store::adopt_incident`].

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{CommitError, prepare};
use super::error::{FileError, SaveError};
use super::format;
use super::layout::{INCIDENTS_DIR, incident_file};
use super::{Fingerprint, Positions, Store};
use crate::model::{
    Id, Incident, IncidentKind, IncidentStatus, Lesson, Manifest, Notification, TimelineEntry,
    Workbook,
};

/// The lock file that serialises the creation of new incidents.
const CREATE_LOCK: &str = ".new.lock";

/// The longest slug taken from a title (a file name should stay readable).
const MAX_SLUG: usize = 48;

/// Why an incident file could not be created or changed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum IncidentError {
    #[error("{0}")]
    File(FileError),
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: io::Error,
    },
    #[error("{0}: could not be written: {1}")]
    Render(String, String),
    #[error("there is no incident {0} (no file incidents/{0}.ron)")]
    NotFound(Id),
    #[error("`{0}` cannot be an incident id (it would not be a plain file name)")]
    BadId(String),
    /// A real incident is already active; only one can be.
    #[error("incident {} (\"{}\") is still active; close it before declaring another", .0.id, .0.title)]
    AlreadyActive(Box<Incident>),
    #[error("incident {0} is already closed")]
    AlreadyClosed(Id),
    /// Report details that do not fit the report (checked before writing).
    #[error("{0}")]
    Details(String),
    /// Another program (git, an editor) changed the file while it was written;
    /// its change was kept and this one was not written.
    #[error(
        "{0} was changed by another program while this was written; nothing was written, try again"
    )]
    ChangedMeanwhile(String),
}

impl From<FileError> for IncidentError {
    fn from(error: FileError) -> Self {
        IncidentError::File(error)
    }
}

pub use crate::model::NewIncident;

/// The slug of a title for a file name: lower-case ASCII letters and digits,
/// words joined by hyphens, common accented letters folded (`é` → `e`), at most
/// 48 characters cut at a word. An empty result becomes `incident`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        if folded.is_empty() {
            gap = !out.is_empty();
            continue;
        }
        for f in folded.chars() {
            if gap {
                out.push('-');
                gap = false;
            }
            out.push(f);
        }
    }
    if out.len() > MAX_SLUG {
        let cut = out[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        out.truncate(cut);
    }
    if out.is_empty() {
        out.push_str("incident");
    }
    out
}

/// A lower-case character as ASCII letters or digits; empty for anything else.
fn fold(c: char) -> &'static str {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if c.is_ascii_alphanumeric() {
        let i = LETTERS.find(c).unwrap_or(0);
        return &LETTERS[i..=i];
    }
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
        'ç' | 'č' | 'ć' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => "u",
        'ý' | 'ÿ' => "y",
        'š' | 'ś' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'ł' => "l",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ĳ' => "ij",
        _ => "",
    }
}

/// An id that is a plain file name: no folders, no leading dot.
fn check_id(id: &str) -> Result<(), IncidentError> {
    let plain = !id.is_empty()
        && !id.starts_with('.')
        && !id.contains(['/', '\\', '\0'])
        && !id.contains("..");
    if plain {
        Ok(())
    } else {
        Err(IncidentError::BadId(id.to_owned()))
    }
}

/// An OS file lock, held until dropped (the OS also drops it when the process ends).
#[derive(Debug)]
pub struct IncidentLock {
    _file: File,
}

impl IncidentLock {
    /// Takes the lock of incident `id`, waiting for any other writer. `on_wait` is
    /// called once, before waiting, when the lock is held elsewhere.
    pub fn acquire(
        root: &Path,
        id: &str,
        on_wait: &dyn Fn(),
    ) -> Result<IncidentLock, IncidentError> {
        check_id(id)?;
        super::disk::check_folder(root, INCIDENTS_DIR)?;
        lock_file(
            &root.join(INCIDENTS_DIR).join(format!(".{id}.lock")),
            on_wait,
        )
    }
}

impl IncidentLock {
    /// Takes the lock of incident `id` only if nobody holds it (`None` otherwise).
    pub fn try_acquire(root: &Path, id: &str) -> Option<IncidentLock> {
        check_id(id).ok()?;
        let path = root.join(INCIDENTS_DIR).join(format!(".{id}.lock"));
        let file = super::lock::open_lock_file(&path).ok()?;
        file.try_lock().ok()?;
        Some(IncidentLock { _file: file })
    }
}

fn lock_file(path: &Path, on_wait: &dyn Fn()) -> Result<IncidentLock, IncidentError> {
    let io = |source| IncidentError::Io {
        file: path.display().to_string(),
        source,
    };
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io)?;
    }
    let file = super::lock::open_lock_file(path).map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            on_wait();
            file.lock().map_err(io)?;
        }
        Err(TryLockError::Error(e)) => return Err(io(e)),
    }
    Ok(IncidentLock { _file: file })
}

/// Reads and parses `incidents/<id>.ron` as it is on disk now.
pub fn read(root: &Path, id: &str) -> Result<Incident, IncidentError> {
    read_with_fingerprint(root, id).map(|(incident, _)| incident)
}

/// [`read`], with the fingerprint of the bytes read (for the commit's check).
fn read_with_fingerprint(root: &Path, id: &str) -> Result<(Incident, Fingerprint), IncidentError> {
    check_id(id)?;
    let rel = incident_file(id);
    match super::read_file::<Incident>(&super::Disk(root), &rel) {
        Ok(read) if read.value.id.as_str() == id => Ok((read.value, read.fingerprint)),
        Ok(read) => Err(FileError::Invalid {
            file: rel,
            line: read.positions.first().map_or(1, |(_, line)| *line),
            message: format!(
                "the incident's id \"{}\" does not match its file name",
                read.value.id
            ),
        }
        .into()),
        Err(FileError::Missing { .. }) => Err(IncidentError::NotFound(Id::from(id))),
        Err(e) => Err(e.into()),
    }
}

/// Reads only the manifest, for the language and the organisation when the rest of
/// the workbook does not load (logging must not stop because a register is broken).
pub fn read_manifest(root: &Path) -> Result<Manifest, FileError> {
    super::read_file::<Manifest>(&super::Disk(root), super::layout::MANIFEST).map(|read| read.value)
}

/// Every incident file as it is on disk now, in file-name order, each parsed on its
/// own: one broken file does not hide the others.
pub fn list(root: &Path) -> Vec<(String, Result<Incident, FileError>)> {
    super::read_incidents(&super::Disk(root))
        .into_iter()
        .map(|(rel, result)| (rel, result.map(|read| read.value)))
        .collect()
}

/// Writes incident files for one person: the root of the workbook and what to do
/// while waiting for another writer.
pub struct IncidentWriter<'a> {
    root: PathBuf,
    on_wait: Box<dyn Fn() + 'a>,
    dry_run: bool,
}

impl<'a> IncidentWriter<'a> {
    pub fn new(root: &Path) -> IncidentWriter<'a> {
        IncidentWriter {
            root: root.to_path_buf(),
            on_wait: Box::new(|| {}),
            dry_run: false,
        }
    }

    /// A dry run: every change is read, checked and made as usual, and returned,
    /// but nothing is written (`--dry-run`).
    pub fn dry_run(mut self, dry_run: bool) -> Self {
        self.dry_run = dry_run;
        self
    }

    /// Called once before waiting when another writer holds the lock (to say so).
    pub fn on_wait(mut self, f: impl Fn() + 'a) -> Self {
        self.on_wait = Box::new(f);
        self
    }

    /// Creates `incidents/YYYY-MM-DD-<slug>.ron` (the UTC date of the declaration; a
    /// `-2`, `-3`, … suffix when the name is taken). Refuses a second active real
    /// incident with [`IncidentError::AlreadyActive`].
    pub fn create(&self, new: NewIncident) -> Result<Incident, IncidentError> {
        let dir = self.root.join(INCIDENTS_DIR);
        super::disk::check_folder(&self.root, INCIDENTS_DIR)?;
        // A dry run reads and writes nothing, not even a lock file.
        let _lock = match self.dry_run {
            true => None,
            false => Some(lock_file(&dir.join(CREATE_LOCK), &*self.on_wait)?),
        };
        if new.kind == IncidentKind::Real
            && let Some(active) = list(&self.root)
                .into_iter()
                .filter_map(|(_, r)| r.ok())
                .find(|i| i.is_active() && i.kind == IncidentKind::Real)
        {
            return Err(IncidentError::AlreadyActive(Box::new(active)));
        }
        let base = format!("{}-{}", new.declared_at.date(), slug(&new.title));
        let taken = |name: &str| {
            dir.join(format!("{name}.ron")).exists() || dir.join(format!(".{name}.lock")).exists()
        };
        let id = (1u32..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|name| !taken(name))
            .unwrap_or(base);
        let incident = Incident {
            id: Id::from(id.as_str()),
            title: new.title,
            kind: new.kind,
            scenario: new.scenario,
            declared_at: new.declared_at,
            declared_by: new.declared_by,
            discovered_at: new.discovered_at,
            severity: new.severity,
            affected_systems: new.affected_systems,
            personal_data: new.personal_data,
            status: IncidentStatus::Active,
            timeline: Vec::new(),
            notifications: Vec::new(),
            closed_at: None,
            lessons: Vec::new(),
            report: Default::default(),
            notes: String::new(),
        };
        if self.dry_run {
            // Not even the incident's lock file: its name would count as taken.
            return Ok(incident);
        }
        // Hold the incident's own lock too, so nobody appends to a half-made file.
        let _own = IncidentLock::acquire(&self.root, &id, &*self.on_wait)?;
        self.write(&incident)?;
        Ok(incident)
    }

    /// Appends one timeline entry.
    pub fn append_entry(&self, id: &str, entry: TimelineEntry) -> Result<Incident, IncidentError> {
        self.update(id, |incident| {
            incident.timeline.push(entry);
            Ok(())
        })
    }

    /// Appends the entries that record an exercise's injects, skipping an inject
    /// the log already holds (another writer may have logged it meanwhile), so
    /// each inject is in the log once. Returns the incident and whether anything
    /// was added.
    pub fn log_injects(
        &self,
        id: &str,
        entries: Vec<TimelineEntry>,
    ) -> Result<(Incident, bool), IncidentError> {
        let mut added = false;
        let incident = self.update(id, |incident| {
            for entry in entries {
                if !incident.timeline.iter().any(|e| e.kind == entry.kind) {
                    incident.timeline.push(entry);
                    added = true;
                }
            }
            incident.timeline.sort_by_key(|e| e.at);
            Ok(())
        })?;
        Ok((incident, added))
    }

    /// Sets the report details in `patch` (by field name, as in the file) on the
    /// incident as it is on disk, so another writer's details to other fields are
    /// kept, with the entry that says what was set. Returns `false` in the second
    /// place when nothing changed (nothing is written then).
    pub fn set_report(
        &self,
        id: &str,
        patch: &serde_json::Map<String, serde_json::Value>,
        entry: TimelineEntry,
    ) -> Result<(Incident, bool), IncidentError> {
        let mut changed = false;
        let incident = self.update(id, |incident| {
            let patched = incident
                .report
                .patched(patch)
                .map_err(IncidentError::Details)?;
            if patched != incident.report {
                incident.report = patched;
                incident.timeline.push(entry);
                changed = true;
            }
            Ok(())
        })?;
        Ok((incident, changed))
    }

    /// Records a notification and the timeline entry that says so, in one write.
    pub fn record_notification(
        &self,
        id: &str,
        notification: Notification,
        entry: TimelineEntry,
    ) -> Result<Incident, IncidentError> {
        self.update(id, |incident| {
            incident.notifications.push(notification);
            incident.timeline.push(entry);
            Ok(())
        })
    }

    /// Adds the systems not yet marked affected, with a timeline entry made by
    /// `entry` from the ones actually added. Returns the incident and those ids;
    /// nothing is written when all were already there.
    pub fn add_affected_systems(
        &self,
        id: &str,
        systems: &[Id],
        entry: impl FnOnce(&[Id]) -> TimelineEntry,
    ) -> Result<(Incident, Vec<Id>), IncidentError> {
        let mut added = Vec::new();
        let incident = self.update(id, |incident| {
            for system in systems {
                if !incident.affected_systems.contains(system) && !added.contains(system) {
                    added.push(system.clone());
                }
            }
            if !added.is_empty() {
                incident.affected_systems.extend(added.iter().cloned());
                incident.timeline.push(entry(&added));
            }
            Ok(())
        })?;
        Ok((incident, added))
    }

    /// Marks personal data as involved (the data-breach clock then runs), with the
    /// entry that says so. Returns `false` in the second place when it already was.
    pub fn mark_personal_data(
        &self,
        id: &str,
        entry: TimelineEntry,
    ) -> Result<(Incident, bool), IncidentError> {
        let mut changed = false;
        let incident = self.update(id, |incident| {
            if !incident.personal_data {
                incident.personal_data = true;
                incident.timeline.push(entry);
                changed = true;
            }
            Ok(())
        })?;
        Ok((incident, changed))
    }

    /// Closes the incident at `entry.at`, adding the lessons learned and the entry.
    pub fn close(
        &self,
        id: &str,
        entry: TimelineEntry,
        lessons: Vec<Lesson>,
    ) -> Result<Incident, IncidentError> {
        self.update(id, |incident| {
            if !incident.is_active() {
                return Err(IncidentError::AlreadyClosed(incident.id.clone()));
            }
            incident.status = IncidentStatus::Closed;
            incident.closed_at = Some(entry.at);
            incident.lessons.extend(lessons);
            incident.timeline.push(entry);
            Ok(())
        })
    }

    /// Lock, read from disk, change, write atomically, unlock.
    fn update(
        &self,
        id: &str,
        change: impl FnOnce(&mut Incident) -> Result<(), IncidentError>,
    ) -> Result<Incident, IncidentError> {
        let _lock = match self.dry_run {
            true => None,
            false => Some(IncidentLock::acquire(&self.root, id, &*self.on_wait)?),
        };
        let (mut incident, read) = read_with_fingerprint(&self.root, id)?;
        let before = incident.clone();
        change(&mut incident)?;
        if incident != before {
            self.commit(&incident, Some(read))?;
        }
        Ok(incident)
    }

    /// Writes a new incident file (it must not exist yet).
    fn write(&self, incident: &Incident) -> Result<(), IncidentError> {
        self.commit(incident, None)
    }

    /// Writes `incident` if its file still holds `expected` (`None`: if there is
    /// none). paraat's writers queue on the incident's lock; this check catches a
    /// program that does not take it (git, an editor).
    fn commit(
        &self,
        incident: &Incident,
        expected: Option<Fingerprint>,
    ) -> Result<(), IncidentError> {
        let rel = incident_file(incident.id.as_str());
        let text = format::render(incident).map_err(|e| IncidentError::Render(rel.clone(), e))?;
        let path = super::disk::writable(&self.root, &rel)?;
        if self.dry_run {
            return Ok(());
        }
        let io = |source| IncidentError::Io {
            file: rel.clone(),
            source,
        };
        let prepared = prepare(&path, text.as_bytes(), false).map_err(io)?;
        match prepared.commit(expected) {
            Ok(()) => Ok(()),
            Err(CommitError::Changed) => Err(IncidentError::ChangedMeanwhile(rel.clone())),
            Err(CommitError::Io(e)) => Err(io(e)),
        }
    }
}

impl Store {
    /// Takes an incident just written by an [`IncidentWriter`] into `workbook` and
    /// remembers the file as written, so a later [`Store::save`] neither rewrites
    /// it nor reports a conflict. The fingerprint is that of the canonical text of
    /// `incident` (what the writer wrote), not of the disk: if yet another writer
    /// has written since, the next save still sees that change and leaves it alone.
    pub fn adopt_incident(
        &mut self,
        workbook: &mut Workbook,
        incident: Incident,
    ) -> Result<(), SaveError> {
        let rel = incident_file(incident.id.as_str());
        let text = format::render(&incident).map_err(|message| SaveError::Render {
            file: rel.clone(),
            message,
        })?;
        self.known
            .insert(rel.clone(), Some(Fingerprint::of(text.as_bytes())));
        self.positions.files.insert(rel, Positions::scan(&text));
        match workbook
            .incidents
            .binary_search_by(|i| i.id.cmp(&incident.id))
        {
            Ok(at) => workbook.incidents[at] = incident,
            Err(at) => workbook.incidents.insert(at, incident),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_ascii_words_joined_by_hyphens() {
        assert_eq!(
            slug("Collection system encrypted"),
            "collection-system-encrypted"
        );
        assert_eq!(
            slug("  Phishing: CEO-fraude!! (€ 12.000) "),
            "phishing-ceo-fraude-12-000"
        );
        assert_eq!(
            slug("Financiële administratie — één mailbox overgenomen"),
            "financiele-administratie-een-mailbox-overgenomen"
        );
        assert_eq!(slug("Straße Œuvre"), "strasse-oeuvre");
        assert_eq!(slug("🔥🔥"), "incident");
        assert_eq!(slug(""), "incident");
        let long = slug(&"verylongword ".repeat(10));
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
        assert!(long.starts_with("verylongword-verylongword"));
        let no_break = slug(&"x".repeat(80));
        assert_eq!(no_break.len(), MAX_SLUG);
    }

    #[test]
    fn ids_with_folders_are_refused() {
        assert!(check_id("2026-01-01-a").is_ok());
        for bad in ["", "../x", "a/b", ".hidden", "a\\b"] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }
}
