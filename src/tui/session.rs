//! The workbook being edited, below every screen: the one place the workbook
//! changes in the terminal UI.
//!
//! Every change goes through [`Session::apply`] as an [`Edit`]: it is applied,
//! pushed on the undo stack and appended to the recovery file, the registers it
//! changed are marked unsaved, and what the screens derive from the workbook is
//! brought up to date, only as far as the edit reaches: the findings of the
//! registers it can change ([`Review::update`]), the heat map when the risks
//! changed, the record places of the registers it changed. The sorted findings
//! and the readiness overview are put together when a screen asks for them.
//! Each register has a version that counts its changes, so a list knows whether
//! the rows it built are still current.
//!
//! Incident entries are not edits: they are written the moment they are made,
//! under the incident's own lock ([`Session::write_incident`]), and never undone.
//!
//! The session knows nothing of the terminal: its operations return what to tell
//! the user ([`Message`]) and the screens decide how to show it.
//!
//! Two states the screens keep in view come from here: whether the unsaved edits
//! are safe in the recovery file ([`Session::recovery_warning`], kept by
//! [`Keeper`]), and which files did not load ([`Session::broken`]): a workbook
//! with a broken register opens read-only on everything that loaded, and opens
//! for editing by itself once the file loads again ([`Session::check_disk`]).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::model::edit::{Edit, EditError, Record};
use crate::model::ops::{self, Located, Place};
use crate::model::*;
use crate::review::overview::{Overview, Progress};
use crate::review::{self, Finding, Review};
use crate::store::config;
use crate::store::disk;
use crate::store::incident::{IncidentError, IncidentWriter};
use crate::store::recovery::{Keeper, RecoveryFile, Safety};
use crate::store::{
    Conflict, FileError, Fingerprint, LoadError, OpenError, Partial, SaveError, SaveReport, Store,
};
use crate::tui::screen_text::{T, fill};

/// A line for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

impl Message {
    pub fn info(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            error: false,
        }
    }

    pub fn error(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            error: true,
        }
    }
}

/// How the app was opened.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    /// The day every date rule uses; it follows the clock (a session left open
    /// overnight moves on to the new day) unless `today_fixed`.
    pub today: Date,
    /// `--today` was given: the day stays.
    pub today_fixed: bool,
    /// A scratch copy made by `paraat demo`.
    pub scratch: bool,
    /// Where the recovery file goes (default: `PARAAT_DATA_DIR`, else the user's data folder).
    pub data_dir: Option<PathBuf>,
    /// Where exports go by default (the folder paraat was started in).
    pub export_dir: PathBuf,
}

/// What opening found besides the workbook.
#[derive(Debug)]
pub enum Found {
    /// Unsaved edits of an earlier session.
    Recovery(Vec<Edit>),
    /// A recovery file that cannot be read.
    RecoveryUnreadable(String),
}

/// What a save came to.
#[derive(Debug)]
pub enum Saved {
    /// Written (or nothing to write), with what to say.
    Done(Message),
    /// A file was not in canonical form: the user is asked first (the text says which).
    AskNormalise(String),
    /// Files changed on disk since they were read: nothing was written.
    Conflict(Vec<Conflict>),
    /// It could not be written, or may not be.
    Refused(Message),
}

/// What the screens derive from the workbook, kept current edit by edit.
#[derive(Debug)]
struct Derived {
    review: Review,
    /// The readiness overview of the sorted findings, once asked for.
    overview: Option<Overview>,
    progress: Progress,
    /// Risks per heat-map cell, current and residual.
    heat: [[[usize; 5]; 5]; 2],
    /// Where each record sits, per register, by kind and id (the first of
    /// duplicate ids wins).
    places: HashMap<Register, HashMap<(RecordKind, Id), Place>>,
}

pub struct Session {
    workbook: Workbook,
    /// The workbook as last loaded or saved: what "unsaved" is measured against.
    saved: Workbook,
    store: Store,
    root: PathBuf,
    /// Where exports go by default.
    pub export_dir: PathBuf,
    /// Where unsaved edits are kept until saved, and whether that works.
    recovery: Keeper,
    read_only: Option<String>,
    /// Files that did not load: the session shows the rest, read-only.
    broken: Vec<FileError>,
    /// What the broken files held when last tried: the disk check tries to open
    /// the workbook again only once one of them changed.
    broken_seen: Vec<Option<Fingerprint>>,
    scratch: bool,
    today: Date,
    today_fixed: bool,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// The edits since the last save, as the recovery file holds them.
    pending: Vec<Edit>,
    dirty: BTreeSet<Register>,
    /// Files changed on disk that hold unsaved edits (saving will ask).
    changed_on_disk: Vec<String>,
    /// Files not in canonical form when read, once computed; warned about once.
    normalise_warned: bool,
    /// Who is writing incident entries; found once (config, git, login) and
    /// changeable when declaring.
    pub author: Option<String>,
    derived: Derived,
    /// Changes per register, and of anything at all (the day included).
    versions: [u64; 9],
    version: u64,
    /// Problems that came up along the way (the recovery file could not be
    /// written); shown after whatever the user did.
    notices: Vec<Message>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("root", &self.root)
            .field("dirty", &self.dirty)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Opens the workbook for editing, or read-only when another paraat has it or
    /// when a file does not load (then on everything that did load, with the
    /// broken files named: the call order and the incident screen still work).
    pub fn open(options: Options) -> Result<(Session, Option<Found>), LoadError> {
        let (partial, read_only) = match Store::open_for_editing(&options.root) {
            Ok(loaded) => (Partial::from(loaded), None),
            Err(OpenError::Locked(e)) => {
                let partial = Store::load_partial(&options.root)?;
                let reason = if partial.failed.is_empty() {
                    e.message(partial.workbook.language())
                } else {
                    broken_reason(&partial.failed, partial.workbook.language())
                };
                (partial, Some(reason))
            }
            Err(OpenError::Load(_)) => {
                let partial = Store::load_partial(&options.root)?;
                let reason = broken_reason(&partial.failed, partial.workbook.language());
                (partial, Some(reason))
            }
        };
        let mut session = Session::new(partial.workbook, partial.store, options, read_only);
        session.broken = partial.failed;
        session.broken_seen = session.broken_fingerprints();
        let found = match (&session.read_only, session.recovery.file()) {
            (None, Some(file)) => match file.read() {
                Some(Ok(found)) if !found.edits.is_empty() => Some(Found::Recovery(found.edits)),
                Some(Err(e)) => Some(Found::RecoveryUnreadable(fill(
                    T::RecoveryUnreadable.get(session.lang()),
                    &[&e.to_string()],
                ))),
                _ => None,
            },
            _ => None,
        };
        Ok((session, found))
    }

    /// A session over an already loaded workbook (tests, benchmarks).
    pub fn new(
        workbook: Workbook,
        store: Store,
        options: Options,
        read_only: Option<String>,
    ) -> Session {
        let recovery = Keeper::new(RecoveryFile::for_workbook(
            &options.root,
            options.data_dir.as_deref(),
        ));
        let derived = Derived {
            review: Review::new(&workbook, options.today),
            overview: None,
            progress: review::overview::progress(&workbook),
            heat: heat(&workbook),
            places: Register::EDITED
                .iter()
                .map(|r| (*r, places(&workbook, *r)))
                .collect(),
        };
        Session {
            saved: workbook.clone(),
            workbook,
            store,
            recovery,
            export_dir: options.export_dir,
            root: options.root,
            read_only,
            broken: Vec::new(),
            broken_seen: Vec::new(),
            scratch: options.scratch,
            today: options.today,
            today_fixed: options.today_fixed,
            undo: Vec::new(),
            redo: Vec::new(),
            pending: Vec::new(),
            dirty: BTreeSet::new(),
            changed_on_disk: Vec::new(),
            normalise_warned: false,
            author: None,
            derived,
            versions: [0; 9],
            version: 0,
            notices: Vec::new(),
        }
    }

    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }

    pub fn lang(&self) -> Language {
        self.workbook.language()
    }

    pub fn today(&self) -> Date {
        self.today
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn scratch(&self) -> bool {
        self.scratch
    }

    /// Why the workbook is read-only, when it is.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// The files that did not load (the session is read-only on the rest).
    pub fn broken(&self) -> &[FileError] {
        &self.broken
    }

    /// The error of the file of `register` that did not load, if it did not.
    pub fn did_not_load_file(&self, register: Register) -> Option<&FileError> {
        self.broken
            .iter()
            .find(|e| Register::of_file(e.file()) == Some(register))
    }

    /// Whether the file of `register` did not load.
    pub fn did_not_load(&self, register: Register) -> bool {
        self.did_not_load_file(register).is_some()
    }

    /// The warning the screen keeps up while unsaved edits are not in the
    /// recovery file (a crash would lose them).
    pub fn recovery_warning(&self) -> Option<String> {
        if !self.recovery.exposed() || self.dirty.is_empty() {
            return None;
        }
        let lang = self.lang();
        Some(match self.recovery.safety() {
            Safety::NotKept(why) => fill(T::RecoveryNotKept.get(lang), &[why]),
            Safety::Held => T::RecoveryHeldNotKept.get(lang).to_owned(),
            Safety::Kept => return None,
        })
    }

    /// The registers with unsaved changes.
    pub fn dirty(&self) -> &BTreeSet<Register> {
        &self.dirty
    }

    /// Counts every change of `register` (an edit, a reload).
    pub fn version_of(&self, register: Register) -> u64 {
        self.versions[register as usize]
    }

    /// Counts every change at all, the day moving on included.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Counts every change of the findings.
    pub fn findings_version(&self) -> u64 {
        self.derived.review.version()
    }

    /// Problems to show once the user's own action has been answered.
    pub fn take_notices(&mut self) -> Vec<Message> {
        std::mem::take(&mut self.notices)
    }

    /// Refuses (with the reason) when the workbook is read-only.
    pub fn can_edit(&self) -> Result<(), Message> {
        match &self.read_only {
            Some(reason) => Err(Message::error(fill(
                T::ReadOnlyEdit.get(self.lang()),
                &[reason],
            ))),
            None => Ok(()),
        }
    }

    /// The day moves on with the clock unless it was fixed; a new day reviews
    /// everything again.
    pub fn follow_clock(&mut self, today: Date) {
        if !self.today_fixed && today != self.today {
            self.today = today;
            self.derived.review.update(&self.workbook, today, &[]);
            self.derived.overview = None;
            self.version += 1;
        }
    }

    // --- What the screens read -------------------------------------------------

    /// Every finding, in the documented order (put together when first asked for
    /// after a change).
    pub fn findings(&mut self) -> &[Finding] {
        self.derived.review.findings()
    }

    /// The findings as last put together by [`Session::findings`] (empty before).
    pub fn sorted_findings(&self) -> &[Finding] {
        self.derived.review.sorted().unwrap_or_default()
    }

    /// The readiness overview (computed when first asked for after a change).
    pub fn overview(&mut self) -> &Overview {
        if self.derived.overview.is_none() {
            let findings = self.derived.review.findings();
            let overview = review::overview::overview(&self.workbook, findings, self.today);
            self.derived.overview = Some(overview);
        }
        self.derived.overview.get_or_insert_with(|| Overview {
            areas: Vec::new(),
            next: Vec::new(),
            due_soon: Vec::new(),
            progress: Progress::default(),
        })
    }

    /// The overview as last computed by [`Session::overview`].
    pub fn computed_overview(&self) -> Option<&Overview> {
        self.derived.overview.as_ref()
    }

    /// How far the checklist, self-check and plan are (always current).
    pub fn progress(&self) -> Progress {
        self.derived.progress
    }

    /// Risks per heat-map cell, `[likelihood - 1][impact - 1]`.
    pub fn heat(&self, residual: bool) -> &[[usize; 5]; 5] {
        &self.derived.heat[usize::from(residual)]
    }

    /// The record and where it sits now.
    pub fn locate(&self, record: &RecordRef) -> Option<Located> {
        let register = Register::of(record.kind);
        let place = *self
            .derived
            .places
            .get(&register)?
            .get(&(record.kind, record.id.clone()))?;
        let found = ops::at_place(&self.workbook, record.kind, place)?;
        (found.id() == &record.id).then_some(Located {
            record: found,
            place,
        })
    }

    /// The files with unsaved changes.
    pub fn dirty_files(&self) -> Vec<&'static str> {
        self.dirty
            .iter()
            .flat_map(|register| register.files().iter().copied())
            .filter(|file| {
                *file != crate::store::layout::PRIVATE_CONTACTS
                    || self.store.files().any(|f| f == *file)
            })
            .collect()
    }

    /// The file (relative and absolute) and line of a record, for `$EDITOR`.
    pub fn file_of(&self, record: &RecordRef) -> (String, PathBuf, Option<usize>) {
        let (file, line) = self
            .store
            .positions()
            .locate(record.kind, record.id.as_str());
        let path = self.root.join(&file);
        (file, path, line)
    }

    // --- Changing the workbook ---------------------------------------------------

    /// Applies one edit: the single place the workbook changes.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        edit.apply(&mut self.workbook)?;
        self.after_change(&edit);
        self.pending.push(edit.clone());
        self.undo.push(edit);
        self.redo.clear();
        self.write_recovery();
        Ok(())
    }

    pub fn undo(&mut self) -> Message {
        let lang = self.lang();
        let Some(edit) = self.undo.pop() else {
            return Message::info(T::NothingToUndo.get(lang));
        };
        let inverse = edit.inverse();
        match inverse.apply(&mut self.workbook) {
            Ok(()) => {
                self.after_change(&inverse);
                self.pending.push(inverse);
                let what = edit.what(lang);
                self.redo.push(edit);
                self.write_recovery();
                Message::info(fill(T::Undone.get(lang), &[&what]))
            }
            Err(e) => Message::error(fill(T::UndoFailed.get(lang), &[&e.to_string()])),
        }
    }

    pub fn redo(&mut self) -> Message {
        let lang = self.lang();
        let Some(edit) = self.redo.pop() else {
            return Message::info(T::NothingToRedo.get(lang));
        };
        match edit.apply(&mut self.workbook) {
            Ok(()) => {
                self.after_change(&edit);
                let what = edit.what(lang);
                self.pending.push(edit.clone());
                self.undo.push(edit);
                self.write_recovery();
                Message::info(fill(T::Redone.get(lang), &[&what]))
            }
            Err(e) => Message::error(fill(T::UndoFailed.get(lang), &[&e.to_string()])),
        }
    }

    fn after_change(&mut self, edit: &Edit) {
        let registers = edit.registers();
        for register in &registers {
            if register.same(&self.workbook, &self.saved) {
                self.dirty.remove(register);
            } else {
                self.dirty.insert(*register);
            }
        }
        self.refresh(&registers);
    }

    /// Brings what is derived from `registers` up to date after they changed.
    fn refresh(&mut self, registers: &[Register]) {
        let d = &mut self.derived;
        d.review.update(&self.workbook, self.today, registers);
        d.overview = None;
        if registers.iter().any(|r| {
            matches!(
                r,
                Register::Checklist | Register::SelfCheck | Register::Plan
            )
        }) {
            d.progress = review::overview::progress(&self.workbook);
        }
        if registers.contains(&Register::Risks) {
            d.heat = heat(&self.workbook);
        }
        for register in registers {
            if *register != Register::Incidents {
                d.places
                    .insert(*register, places(&self.workbook, *register));
            }
            self.versions[*register as usize] += 1;
        }
        if registers.contains(&Register::Manifest) {
            // The language and the scales show on every list.
            for version in &mut self.versions {
                *version += 1;
            }
        }
        self.version += 1;
    }

    /// Keeps the unsaved edits in the recovery file. When that fails, the
    /// banner says so until it works again (see [`Session::recovery_warning`]);
    /// the status line says it once, when it starts failing.
    fn write_recovery(&mut self) {
        if self.dirty.is_empty() {
            // Back to what is on disk: nothing needs recovering any more.
            self.pending.clear();
        }
        let was_kept = *self.recovery.safety() == Safety::Kept;
        if let Safety::NotKept(why) = self.recovery.record(&self.pending).clone()
            && was_kept
        {
            let text = fill(T::RecoveryWriteFailed.get(self.lang()), &[&why]);
            self.notices.push(Message::error(text));
        }
    }

    /// Saves every changed file. Asks first when a file was not canonical.
    pub fn save(&mut self) -> Saved {
        if let Err(message) = self.can_edit() {
            return Saved::Refused(message);
        }
        let lang = self.lang();
        if self.dirty.is_empty() {
            return Saved::Done(Message::info(T::NothingToSave.get(lang)));
        }
        if !self.normalise_warned {
            self.normalise_warned = true;
            let dirty: Vec<&str> = self.dirty_files();
            let odd: Vec<String> = self
                .store
                .non_canonical(&self.saved)
                .unwrap_or_default()
                .into_iter()
                .filter(|f| dirty.contains(&f.as_str()))
                .collect();
            if !odd.is_empty() {
                return Saved::AskNormalise(fill(T::NormaliseText.get(lang), &[&odd.join(", ")]));
            }
        }
        let result = self.store.save(&self.workbook);
        self.after_save(result)
    }

    /// Saves, overwriting `files` that changed on disk (the user chose to).
    pub fn save_overwriting(&mut self, files: &[String]) -> Saved {
        let result = self.store.save_overwriting(&self.workbook, files);
        let overwritten = result.is_ok();
        match self.after_save(result) {
            Saved::Done(_) if overwritten => Saved::Done(Message::info(fill(
                T::Overwritten.get(self.lang()),
                &[&files.join(", ")],
            ))),
            other => other,
        }
    }

    fn after_save(&mut self, result: Result<SaveReport, SaveError>) -> Saved {
        let lang = self.lang();
        match result {
            Ok(report) => {
                self.saved = self.workbook.clone();
                self.dirty.clear();
                self.pending.clear();
                self.changed_on_disk.clear();
                if let Safety::NotKept(why) = self.recovery.saved().clone() {
                    return Saved::Refused(Message::error(fill(
                        T::RecoveryWriteFailed.get(lang),
                        &[&why],
                    )));
                }
                let written = if report.written.is_empty() {
                    T::AllSaved.get(lang).to_owned()
                } else {
                    report.written.join(", ")
                };
                Saved::Done(Message::info(fill(T::Saved.get(lang), &[&written])))
            }
            // Someone's change is on disk (also one that landed while saving, after
            // other files were written): reload, see the difference, or overwrite.
            Err(e) => match e.conflicts() {
                Some(conflicts) => Saved::Conflict(conflicts),
                None => Saved::Refused(Message::error(fill(
                    T::SaveFailed.get(lang),
                    &[&e.message(lang)],
                ))),
            },
        }
    }

    /// Looks for files changed on disk: reloads the ones without unsaved edits,
    /// and flags the others (saving will then ask).
    pub fn check_disk(&mut self) -> Option<Message> {
        if let Some(loads) = self.retry_broken() {
            return Some(loads);
        }
        // A recovery file that could not be written is tried again, so the
        // warning goes as soon as there is room (or the folder is writable).
        if matches!(self.recovery.safety(), Safety::NotKept(_)) && self.recovery.exposed() {
            self.write_recovery();
        }
        let mut changed = self.store.changed_on_disk();
        // Incidents declared from another shell are new files the store never read.
        changed.extend(self.store.unread_incident_files());
        let new: Vec<String> = changed
            .into_iter()
            .filter(|f| !self.changed_on_disk.contains(f))
            .collect();
        if new.is_empty() {
            return None;
        }
        let (clean, held): (Vec<String>, Vec<String>) =
            new.into_iter()
                .partition(|file| match Register::of_file(file) {
                    Some(register) => !self.dirty.contains(&register),
                    None => true,
                });
        let mut message = None;
        if !held.is_empty() {
            let text = fill(T::ChangedOnDisk.get(self.lang()), &[&held.join(", ")]);
            self.changed_on_disk.extend(held);
            message = Some(Message::error(text));
        }
        if !clean.is_empty() {
            let reloaded = self.reload_files(&clean, false);
            // A file held back matters more than the ones reloaded.
            message = message.or(Some(reloaded));
        }
        message
    }

    /// Loads `files` from disk into the workbook (dropping unsaved edits to them when
    /// `drop_edits`). A file that does not load is reported and left as it was.
    pub fn reload_files(&mut self, files: &[String], drop_edits: bool) -> Message {
        let lang = self.lang();
        // Only the files to reload must load; another broken file (the session may
        // be open on what loaded) does not stop them.
        let fresh = match Store::load_partial(&self.root) {
            Ok(fresh) => match fresh
                .failed
                .iter()
                .find(|e| files.iter().any(|f| f == e.file()))
            {
                Some(e) => Err(e.message(lang)),
                None => Ok(fresh),
            },
            Err(e) => Err(e.files.first().map(|e| e.message(lang)).unwrap_or_default()),
        };
        let fresh = match fresh {
            Ok(fresh) => fresh,
            Err(first) => {
                return Message::error(fill(
                    T::ReloadFailed.get(lang),
                    &[&files.join(", "), &first],
                ));
            }
        };
        let mut registers = BTreeSet::new();
        let mut incidents = false;
        for file in files {
            match Register::of_file(file) {
                Some(Register::Incidents) | None => incidents = true,
                Some(register) => {
                    registers.insert(register);
                }
            }
        }
        let mut changed = Vec::new();
        for register in &registers {
            if drop_edits || !self.dirty.contains(register) {
                register.copy(&fresh.workbook, &mut self.workbook);
                register.copy(&fresh.workbook, &mut self.saved);
                for file in register.files() {
                    self.store.adopt_file(&fresh.store, file);
                }
                self.dirty.remove(register);
                changed.push(*register);
            }
        }
        if incidents {
            self.workbook.incidents = fresh.workbook.incidents.clone();
            self.saved.incidents = fresh.workbook.incidents.clone();
            for file in files
                .iter()
                .filter(|f| matches!(Register::of_file(f), Some(Register::Incidents) | None))
            {
                self.store.adopt_file(&fresh.store, file);
            }
            changed.push(Register::Incidents);
        }
        if drop_edits {
            // Edits to the dropped registers can no longer be undone or recovered.
            let keep = |edit: &Edit| edit.registers().iter().all(|r| !registers.contains(r));
            self.undo.retain(keep);
            self.redo.retain(keep);
            self.pending.retain(keep);
            self.write_recovery();
        }
        self.changed_on_disk.retain(|f| !files.contains(f));
        self.refresh(&changed);
        Message::info(fill(
            if drop_edits { T::Dropped } else { T::Reloaded }.get(lang),
            &[&files.join(", ")],
        ))
    }

    /// Applies the edits of an earlier session (from the recovery file).
    pub fn restore(&mut self, edits: Vec<Edit>) -> Message {
        self.recovery.release();
        let total = edits.len();
        let mut applied = 0;
        for edit in edits {
            if self.apply(edit).is_ok() {
                applied += 1;
            }
        }
        let lang = self.lang();
        let changes = |n: usize| {
            crate::model::bilingual::counted(
                lang,
                n,
                ("change", "changes"),
                ("wijziging", "wijzigingen"),
            )
        };
        Message::info(if applied == total {
            fill(T::Restored.get(lang), &[&changes(applied)])
        } else {
            fill(
                T::RestoredPartly.get(lang),
                &[&applied.to_string(), &changes(total)],
            )
        })
    }

    /// Discards an earlier session's edits for good (the person said so twice).
    pub fn discard_recovery(&mut self) -> Message {
        let lang = self.lang();
        match self.recovery.discard() {
            Ok(()) => Message::info(T::RecoveryDiscarded.get(lang)),
            Err(e) => Message::error(fill(T::RecoveryWriteFailed.get(lang), &[&e.to_string()])),
        }
    }

    /// Keeps an earlier session's edits in the recovery file for a later start:
    /// this session writes nothing over them.
    pub fn keep_recovery_for_later(&mut self) -> Message {
        self.recovery.hold();
        Message::info(T::RecoveryKept.get(self.lang()))
    }

    /// Quitting without saving: this session's edits go, an earlier session's
    /// edits kept for later stay.
    pub fn drop_unsaved(&mut self) {
        self.recovery.saved();
    }

    /// What each broken file holds on disk now.
    fn broken_fingerprints(&self) -> Vec<Option<Fingerprint>> {
        self.broken
            .iter()
            .map(|e| {
                let bytes = disk::read(&self.root, e.file()).ok().flatten()?;
                Some(Fingerprint::of(&bytes))
            })
            .collect()
    }

    /// A session open on what loaded, after a broken file changed on disk: once
    /// every file loads (the person repaired them), it opens for editing and says
    /// so; while some still do not, it shows what loads now, read-only. Nothing
    /// is tried while the broken files stay as they were, or while another
    /// paraat has the workbook open for editing.
    fn retry_broken(&mut self) -> Option<Message> {
        if self.broken.is_empty() {
            return None;
        }
        let now = self.broken_fingerprints();
        if now == self.broken_seen {
            return None;
        }
        let (partial, read_only) = match Store::open_for_editing(&self.root) {
            Ok(loaded) => (Partial::from(loaded), None),
            Err(OpenError::Locked(_)) => return None,
            Err(OpenError::Load(_)) => {
                let partial = Store::load_partial(&self.root).ok()?;
                let reason = broken_reason(&partial.failed, partial.workbook.language());
                (partial, Some(reason))
            }
        };
        let repaired: Vec<String> = self.broken.iter().map(|e| e.file().to_owned()).collect();
        self.workbook = partial.workbook.clone();
        self.saved = partial.workbook;
        self.store = partial.store;
        self.broken = partial.failed;
        self.broken_seen = self.broken_fingerprints();
        self.read_only = read_only;
        self.dirty.clear();
        self.refresh(&Register::ALL);
        self.broken.is_empty().then(|| {
            Message::info(fill(
                T::LoadsAgain.get(self.lang()),
                &[&repaired.join(", ")],
            ))
        })
    }

    // --- Incidents ---------------------------------------------------------------

    /// Who is writing: found once (config, `git config user.name`, login name).
    pub fn author(&mut self) -> String {
        if let Some(name) = &self.author {
            return name.clone();
        }
        let (name, problem) = config::author(None, &self.root);
        if let Some(error) = problem {
            let text = fill(T::ConfigNotUsed.get(self.lang()), &[&error.to_string()]);
            self.notices.push(Message::error(text));
        }
        self.author = Some(name.clone());
        name
    }

    /// Makes one change to an incident file through the incident writer (its own
    /// lock, read, change, atomic write) and takes the result in, so the disk
    /// check does not take the session's own entry for someone else's.
    pub fn write_incident<R>(
        &mut self,
        change: impl FnOnce(&IncidentWriter) -> Result<(Incident, R), IncidentError>,
    ) -> Result<(Incident, R), IncidentError> {
        let (incident, extra) = change(&IncidentWriter::new(&self.root))?;
        if let Err(e) = self
            .store
            .adopt_incident(&mut self.workbook, incident.clone())
        {
            let text = fill(T::IncidentWriteFailed.get(self.lang()), &[&e.to_string()]);
            self.notices.push(Message::error(text));
        }
        self.saved.incidents = self.workbook.incidents.clone();
        self.refresh(&[Register::Incidents]);
        Ok((incident, extra))
    }

    /// Writes an export of the workbook as it is on screen and says where it went.
    pub fn export(&self, options: &crate::export::ExportOptions, now: Timestamp) -> Message {
        let lang = self.lang();
        let missing: Vec<String> = self.broken.iter().map(|e| e.file().to_owned()).collect();
        match crate::export::write_partial(
            &self.workbook,
            &missing,
            &self.root,
            self.today,
            now,
            options,
        ) {
            Ok(written) => {
                let paths: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                Message::info(fill(T::Exported.get(lang), &[&paths.join(", ")]))
            }
            Err(e) => Message::error(fill(T::ExportFailed.get(lang), &[&e.to_string()])),
        }
    }
}

/// Why a workbook opened on what loaded is read-only: every broken file, with
/// its line.
fn broken_reason(failed: &[FileError], lang: Language) -> String {
    let names: Vec<String> = failed.iter().map(FileError::place).collect();
    fill(T::BrokenFiles.get(lang), &[&names.join(", ")])
}

fn heat(workbook: &Workbook) -> [[[usize; 5]; 5]; 2] {
    [
        review::heat_map(&workbook.risks, false),
        review::heat_map(&workbook.risks, true),
    ]
}

/// Where every record of `register` sits. The first of duplicate ids wins.
fn places(wb: &Workbook, register: Register) -> HashMap<(RecordKind, Id), Place> {
    let mut map = HashMap::new();
    let mut put = |kind: RecordKind, id: &Id, phase: Option<u32>, index: usize| {
        map.entry((kind, id.clone()))
            .or_insert(Place { phase, index });
    };
    fn each<T>(list: &[T], id: fn(&T) -> &Id, mut f: impl FnMut(&Id, usize)) {
        for (i, r) in list.iter().enumerate() {
            f(id(r), i);
        }
    }
    match register {
        Register::Checklist => each(
            &wb.checklist.items,
            |r| &r.id,
            |id, i| put(RecordKind::ChecklistItem, id, None, i),
        ),
        Register::SelfCheck => each(
            &wb.selfcheck.statements,
            |r| &r.id,
            |id, i| put(RecordKind::Statement, id, None, i),
        ),
        Register::Plan => {
            for phase in &wb.plan.phases {
                for (i, r) in phase.steps.iter().enumerate() {
                    put(RecordKind::Step, &r.id, Some(phase.number), i);
                }
            }
            each(
                &wb.plan.first_hour,
                |r| &r.id,
                |id, i| put(RecordKind::FirstHourStep, id, None, i),
            );
        }
        Register::Risks => each(
            &wb.risks.risks,
            |r| &r.id,
            |id, i| put(RecordKind::Risk, id, None, i),
        ),
        Register::Processes => {
            each(
                &wb.processes.processes,
                |r| &r.id,
                |id, i| put(RecordKind::Process, id, None, i),
            );
            each(
                &wb.processes.systems,
                |r| &r.id,
                |id, i| put(RecordKind::System, id, None, i),
            );
            each(
                &wb.processes.suppliers,
                |r| &r.id,
                |id, i| put(RecordKind::Supplier, id, None, i),
            );
        }
        Register::Contacts => each(
            &wb.contacts.contacts,
            |r| &r.id,
            |id, i| put(RecordKind::Contact, id, None, i),
        ),
        Register::Backups => each(
            &wb.backups.backups,
            |r| &r.id,
            |id, i| put(RecordKind::Backup, id, None, i),
        ),
        Register::Manifest | Register::Incidents => {}
    }
    map
}

/// The record `edit` added or changed, for selecting it on screen.
pub fn record_of(edit: &Edit) -> Option<RecordRef> {
    match edit {
        Edit::Record {
            after: Some(record),
            ..
        } => Some(RecordRef::new(record.kind(), record.id().clone())),
        _ => None,
    }
}

/// The record a located record refers to.
pub fn reference(record: &Record) -> RecordRef {
    RecordRef::new(record.kind(), record.id().clone())
}
