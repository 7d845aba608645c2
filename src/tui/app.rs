//! The state of the terminal UI and the operations that change it.
//!
//! Every change to the workbook goes through [`App::apply`] as an [`Edit`]: it is
//! applied, pushed on the undo stack, appended to the recovery file, and the lists
//! and findings are rebuilt. `draw` only reads this state.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use nucleo_matcher::{Config, Matcher};

use crate::model::edit::{Edit, EditError, Part, Record};
use crate::model::*;
use crate::review::{self, Finding};
use crate::store::layout::{files_of, part_of_file};
use crate::store::recovery::{Keeper, RecoveryFile, Safety};
use crate::store::{Conflict, FileError, LoadError, OpenError, SaveError, Store};
use crate::tui::forms::Form;
use crate::tui::incident::{Clock, IncidentForm, IncidentQuestion, IncidentState};
use crate::tui::keymap::KeyMap;
use crate::tui::rows::{self, ListId, ListView};
use crate::tui::text::{T, fill};
use crate::tui::theme::Theme;

/// The tabs, in order (number keys 1–9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tab {
    Overview,
    Checklist,
    SelfCheck,
    Plan,
    Risks,
    Processes,
    Contacts,
    Backups,
    Incidents,
}

impl Tab {
    pub const ALL: [Tab; 9] = [
        Tab::Overview,
        Tab::Checklist,
        Tab::SelfCheck,
        Tab::Plan,
        Tab::Risks,
        Tab::Processes,
        Tab::Contacts,
        Tab::Backups,
        Tab::Incidents,
    ];

    pub fn title(self, lang: Language) -> &'static str {
        match self {
            Tab::Overview => T::TabOverview,
            Tab::Checklist => T::TabChecklist,
            Tab::SelfCheck => T::TabSelfCheck,
            Tab::Plan => T::TabPlan,
            Tab::Risks => T::TabRisks,
            Tab::Processes => T::TabProcesses,
            Tab::Contacts => T::TabContacts,
            Tab::Backups => T::TabBackups,
            Tab::Incidents => T::TabIncidents,
        }
        .get(lang)
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab that shows records of `list`.
    pub fn of(list: ListId) -> Tab {
        match list {
            ListId::Findings => Tab::Overview,
            ListId::Checklist => Tab::Checklist,
            ListId::SelfCheck => Tab::SelfCheck,
            ListId::Plan => Tab::Plan,
            ListId::Risks => Tab::Risks,
            ListId::Processes | ListId::Systems | ListId::Suppliers => Tab::Processes,
            ListId::Contacts => Tab::Contacts,
            ListId::Backups => Tab::Backups,
            ListId::Incidents => Tab::Incidents,
        }
    }
}

/// What a form on screen is for.
#[derive(Clone, Debug)]
pub enum FormPurpose {
    Add {
        kind: RecordKind,
        phase: Option<u32>,
        index: usize,
    },
    Change {
        before: Record,
        phase: Option<u32>,
        index: usize,
    },
    Note {
        before: Record,
        phase: Option<u32>,
        index: usize,
    },
    CrisisRoles,
    CallOrder,
    RestoreTest {
        before: Record,
        index: usize,
    },
    Export,
    /// Declaring, notifying, affected systems, closing (see `tui::incident`).
    Incident(IncidentForm),
}

/// What a yes/no question is about.
#[allow(clippy::large_enum_variant)] // one at a time, on screen
#[derive(Clone, Debug)]
pub enum Question {
    Delete {
        record: Record,
        phase: Option<u32>,
        index: usize,
    },
    SaveNormalising,
    Incident(IncidentQuestion),
    /// "Discard the earlier session's changes?" (no goes back to the recovery prompt).
    DiscardRecovery(Vec<Edit>),
}

#[derive(Debug)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    Form(Box<Form>, FormPurpose),
    Confirm {
        question: Question,
        text: String,
    },
    Quit,
    Conflict(Vec<Conflict>),
    Diff {
        title: String,
        lines: Vec<(char, String)>,
        scroll: usize,
    },
    Recovery(Vec<Edit>),
}

/// A line for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Things the run loop does outside the app (they need the terminal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    OpenEditor {
        file: PathBuf,
        line: Option<usize>,
    },
    /// Writing the export needs "now" for its stamp, which the run loop supplies.
    Export(crate::export::ExportOptions),
}

/// The heat map when it has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeatMapFocus {
    pub likelihood: u8,
    pub impact: u8,
}

/// How the app was opened.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub today: Date,
    /// A scratch copy made by `paraat demo`.
    pub scratch: bool,
    /// Where the recovery file goes (default: `PARAAT_DATA_DIR`, else the user's data folder).
    pub data_dir: Option<PathBuf>,
    /// Where exports go by default (the folder paraat was started in).
    pub export_dir: PathBuf,
}

pub struct App {
    pub workbook: Workbook,
    /// The workbook as last loaded or saved: what "unsaved" is measured against.
    pub saved: Workbook,
    pub store: Store,
    pub root: PathBuf,
    /// Where exports go by default.
    pub export_dir: PathBuf,
    /// Where unsaved edits are kept until saved, and whether that works.
    pub recovery: Keeper,
    /// Why the workbook is read-only, when it is.
    pub read_only: Option<String>,
    /// Files that did not load: the app shows the rest, read-only.
    pub broken: Vec<FileError>,
    pub scratch: bool,
    pub today: Date,
    pub lang: Language,
    pub tab: Tab,
    /// The list shown on the Processes tab.
    pub section: ListId,
    pub lists: BTreeMap<ListId, ListView>,
    pub findings: Vec<Finding>,
    /// The readiness overview computed from the findings.
    pub overview: review::overview::Overview,
    /// Where each record sits (its plan phase and index in its list), by kind and id.
    places: HashMap<(RecordKind, Id), (Option<u32>, usize)>,
    /// Risks per heat-map cell, `[likelihood-1][impact-1]`, current and residual.
    pub heat: [[[u32; 5]; 5]; 2],
    pub undo: Vec<Edit>,
    pub redo: Vec<Edit>,
    /// The edits since the last save, as the recovery file holds them.
    pub pending: Vec<Edit>,
    pub dirty: BTreeSet<Part>,
    pub popup: Option<Popup>,
    /// Typing into the current list's filter.
    pub filtering: bool,
    pub heat_map: Option<HeatMapFocus>,
    /// The heat map shows residual ratings.
    pub residual: bool,
    pub message: Option<Message>,
    /// Files changed on disk that hold unsaved edits (saving will ask).
    pub changed_on_disk: Vec<String>,
    /// Files not in canonical form when read, once computed; warned about once.
    pub normalise_warned: bool,
    pub keymap: KeyMap,
    pub theme: Theme,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub quit: bool,
    pub effects: Vec<Effect>,
    pub ticks: u64,
    /// The conflict whose difference is being read (the choice comes back after).
    pub pending_conflict: Option<Vec<Conflict>>,
    /// "Now": set by the run loop (or a test), never read from the system in
    /// `update` or `draw`.
    pub clock: Clock,
    /// Incident mode: who is writing, and the incident screen when it is up.
    pub incident: IncidentState,
    pub(crate) matcher: Matcher,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("root", &self.root)
            .field("tab", &self.tab)
            .finish_non_exhaustive()
    }
}

impl App {
    /// Opens the workbook for editing, or read-only when another paraat has it or
    /// when a file does not load (then on everything that did load, with the
    /// broken files named: the call order and the incident screen still work).
    pub fn open(options: Options) -> Result<App, LoadError> {
        let (partial, read_only) = match Store::open_for_editing(&options.root) {
            Ok(loaded) => (
                crate::store::Partial {
                    workbook: loaded.workbook,
                    store: loaded.store,
                    failed: Vec::new(),
                },
                None,
            ),
            Err(OpenError::Locked(e)) => {
                let partial = Store::load_partial(&options.root)?;
                let reason = if partial.failed.is_empty() {
                    e.to_string()
                } else {
                    broken_reason(&partial.failed, options_lang(&partial))
                };
                (partial, Some(reason))
            }
            Err(OpenError::Load(_)) => {
                let partial = Store::load_partial(&options.root)?;
                let reason = broken_reason(&partial.failed, options_lang(&partial));
                (partial, Some(reason))
            }
        };
        let broken = partial.failed;
        let mut app = App::new(partial.workbook, partial.store, options, read_only);
        app.broken = broken;
        // While a real incident is active, the app opens on it.
        crate::tui::incident::open_active(&mut app);
        if app.read_only.is_none()
            && let Some(file) = app.recovery.file()
        {
            match file.read() {
                Some(Ok(found)) if !found.edits.is_empty() => {
                    app.popup = Some(Popup::Recovery(found.edits))
                }
                Some(Err(e)) => {
                    app.error(fill(T::RecoveryUnreadable.get(app.lang), &[&e.to_string()]))
                }
                _ => {}
            }
        }
        Ok(app)
    }

    /// An app over an already loaded workbook (tests, benchmarks).
    pub fn new(
        workbook: Workbook,
        store: Store,
        options: Options,
        read_only: Option<String>,
    ) -> App {
        let lang = workbook.language();
        let recovery = Keeper::new(RecoveryFile::for_workbook(
            &options.root,
            options.data_dir.as_deref(),
        ));
        let mut app = App {
            saved: workbook.clone(),
            workbook,
            store,
            recovery,
            export_dir: options.export_dir,
            root: options.root,
            read_only,
            broken: Vec::new(),
            scratch: options.scratch,
            today: options.today,
            lang,
            tab: Tab::Overview,
            section: ListId::Processes,
            lists: ListId::ALL
                .iter()
                .map(|id| (*id, ListView::new(*id)))
                .collect(),
            findings: Vec::new(),
            overview: review::overview::Overview {
                areas: Vec::new(),
                next: Vec::new(),
                due_soon: Vec::new(),
                progress: Default::default(),
            },
            places: HashMap::new(),
            heat: [[[0; 5]; 5]; 2],
            undo: Vec::new(),
            redo: Vec::new(),
            pending: Vec::new(),
            dirty: BTreeSet::new(),
            popup: None,
            filtering: false,
            heat_map: None,
            residual: false,
            message: None,
            changed_on_disk: Vec::new(),
            normalise_warned: false,
            keymap: KeyMap::default(),
            theme: Theme::from_env(),
            size: (80, 24),
            quit: false,
            effects: Vec::new(),
            ticks: 0,
            pending_conflict: None,
            clock: Clock::fixed(Timestamp::from_utc(
                options.today.0.and_time(chrono::NaiveTime::MIN).and_utc(),
            )),
            incident: IncidentState::default(),
            matcher: Matcher::new(Config::DEFAULT),
        };
        app.rebuild();
        app
    }

    /// The list on the current tab.
    pub fn current_list_id(&self) -> ListId {
        match self.tab {
            Tab::Overview => ListId::Findings,
            Tab::Checklist => ListId::Checklist,
            Tab::SelfCheck => ListId::SelfCheck,
            Tab::Plan => ListId::Plan,
            Tab::Risks => ListId::Risks,
            Tab::Processes => self.section,
            Tab::Contacts => ListId::Contacts,
            Tab::Backups => ListId::Backups,
            Tab::Incidents => ListId::Incidents,
        }
    }

    pub fn list(&self, id: ListId) -> &ListView {
        &self.lists[&id]
    }

    pub fn list_mut(&mut self, id: ListId) -> &mut ListView {
        self.lists.entry(id).or_insert_with(|| ListView::new(id))
    }

    pub fn current_list(&self) -> &ListView {
        self.list(self.current_list_id())
    }

    /// Recomputes findings and every list from the workbook.
    pub fn rebuild(&mut self) {
        self.lang = self.workbook.language();
        self.findings = review::review(&self.workbook, self.today);
        self.overview = review::overview::overview(&self.workbook, &self.findings, self.today);
        self.heat = [[[0; 5]; 5]; 2];
        for risk in &self.workbook.risks.risks {
            for (which, rating) in [(0, Some(risk.current)), (1, risk.residual)] {
                if let Some(r) = rating
                    && r.in_range()
                {
                    self.heat[which][usize::from(r.likelihood - 1)][usize::from(r.impact - 1)] += 1;
                }
            }
        }
        self.places = places(&self.workbook);
        // Lists are rebuilt when they are next shown: a change costs one list, not all.
        for list in self.lists.values_mut() {
            list.stale = true;
        }
        self.ensure_built(self.current_list_id());
    }

    /// Builds the rows of `id` if the workbook changed since they were built.
    pub fn ensure_built(&mut self, id: ListId) {
        let list = self.lists.entry(id).or_insert_with(|| ListView::new(id));
        if list.stale {
            let (columns, rows) = rows::build(
                id,
                &self.workbook,
                &self.findings,
                &self.overview,
                self.lang,
            );
            list.set_rows(columns, rows, &mut self.matcher, &self.workbook);
        }
    }

    /// Re-filters one list (after the filter or the heat-map cell changed).
    pub fn refilter(&mut self, id: ListId) {
        if let Some(list) = self.lists.get_mut(&id) {
            list.refresh(&mut self.matcher, &self.workbook);
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Refuses (with a message) when the workbook is read-only.
    pub fn can_edit(&mut self) -> bool {
        match &self.read_only {
            Some(reason) => {
                let text = fill(T::ReadOnlyEdit.get(self.lang), &[reason]);
                self.error(text);
                false
            }
            None => true,
        }
    }

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

    pub fn undo(&mut self) {
        let Some(edit) = self.undo.pop() else {
            self.info(T::NothingToUndo.get(self.lang));
            return;
        };
        let inverse = edit.inverse();
        match inverse.apply(&mut self.workbook) {
            Ok(()) => {
                self.after_change(&inverse);
                self.pending.push(inverse);
                self.redo.push(edit);
                self.write_recovery();
                self.info(T::Undone.get(self.lang));
            }
            Err(e) => {
                let text = fill(T::UndoFailed.get(self.lang), &[&e.to_string()]);
                self.error(text);
            }
        }
    }

    pub fn redo(&mut self) {
        let Some(edit) = self.redo.pop() else {
            self.info(T::NothingToRedo.get(self.lang));
            return;
        };
        match edit.apply(&mut self.workbook) {
            Ok(()) => {
                self.after_change(&edit);
                self.pending.push(edit.clone());
                self.undo.push(edit);
                self.write_recovery();
                self.info(T::Redone.get(self.lang));
            }
            Err(e) => {
                let text = fill(T::UndoFailed.get(self.lang), &[&e.to_string()]);
                self.error(text);
            }
        }
    }

    fn after_change(&mut self, edit: &Edit) {
        for part in edit.parts() {
            if part.same(&self.workbook, &self.saved) {
                self.dirty.remove(&part);
            } else {
                self.dirty.insert(part);
            }
        }
        self.rebuild();
    }

    /// Keeps the unsaved edits in the recovery file. When that fails, the banner
    /// says so until it works again (see [`App::recovery_warning`]).
    fn write_recovery(&mut self) {
        let edits = if self.dirty.is_empty() {
            &[][..]
        } else {
            &self.pending[..]
        };
        let was_kept = *self.recovery.safety() == Safety::Kept;
        if let Safety::NotKept(why) = self.recovery.record(edits).clone()
            && was_kept
        {
            let text = fill(T::RecoveryWriteFailed.get(self.lang), &[&why]);
            self.error(text);
        }
    }

    /// The warning the screen keeps up while unsaved edits are not in the
    /// recovery file (a crash would lose them).
    pub fn recovery_warning(&self) -> Option<String> {
        if !self.recovery.exposed() || self.dirty.is_empty() {
            return None;
        }
        Some(match self.recovery.safety() {
            Safety::NotKept(why) => fill(T::RecoveryNotKept.get(self.lang), &[why]),
            Safety::Held => T::RecoveryHeldNotKept.get(self.lang).to_owned(),
            Safety::Kept => return None,
        })
    }

    /// The files with unsaved changes.
    pub fn dirty_files(&self) -> Vec<&'static str> {
        self.dirty
            .iter()
            .flat_map(|part| files_of(*part).iter().copied())
            .filter(|file| {
                *file != crate::store::layout::PRIVATE_CONTACTS
                    || self.store.files().any(|f| f == *file)
            })
            .collect()
    }

    /// Saves every changed file. Asks first when a file was not canonical; shows the
    /// conflict choice when a file changed on disk.
    pub fn save(&mut self) {
        if !self.can_edit() {
            return;
        }
        if self.dirty.is_empty() {
            self.info(T::NothingToSave.get(self.lang));
            return;
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
                let text = fill(T::NormaliseText.get(self.lang), &[&odd.join(", ")]);
                self.popup = Some(Popup::Confirm {
                    question: Question::SaveNormalising,
                    text,
                });
                return;
            }
        }
        let result = self.store.save(&self.workbook);
        self.after_save(result);
    }

    /// Saves, overwriting `files` that changed on disk (the user chose to).
    pub fn save_overwriting(&mut self, files: &[String]) {
        let result = self.store.save_overwriting(&self.workbook, files);
        if result.is_ok() {
            let text = fill(T::Overwritten.get(self.lang), &[&files.join(", ")]);
            self.after_save(result);
            self.info(text);
        } else {
            self.after_save(result);
        }
    }

    fn after_save(&mut self, result: Result<crate::store::SaveReport, SaveError>) {
        match result {
            Ok(report) => {
                self.saved = self.workbook.clone();
                self.dirty.clear();
                self.pending.clear();
                self.changed_on_disk.clear();
                if let Safety::NotKept(why) = self.recovery.saved().clone() {
                    let text = fill(T::RecoveryWriteFailed.get(self.lang), &[&why]);
                    self.error(text);
                    return;
                }
                let written = if report.written.is_empty() {
                    T::AllSaved.get(self.lang).to_owned()
                } else {
                    report.written.join(", ")
                };
                let text = fill(T::Saved.get(self.lang), &[&written]);
                self.info(text);
            }
            Err(e) => match e.conflicts() {
                // Someone's change is on disk (also one that landed while saving):
                // reload, see the difference, or overwrite.
                Some(conflicts) => self.popup = Some(Popup::Conflict(conflicts)),
                None => {
                    let text = fill(T::SaveFailed.get(self.lang), &[&e.to_string()]);
                    self.error(text);
                }
            },
        }
    }

    /// Looks for files changed on disk: reloads the ones without unsaved edits,
    /// and flags the others (saving will then ask).
    pub fn check_disk(&mut self) {
        self.retry_broken();
        // A recovery file that could not be written is tried again, so the
        // warning goes as soon as there is room (or the folder is writable).
        if matches!(self.recovery.safety(), Safety::NotKept(_)) && self.recovery.exposed() {
            self.write_recovery();
        }
        let mut changed = self.store.changed_on_disk();
        // Incidents declared from another shell are new files the store never read.
        changed.extend(crate::tui::incident::unknown_files(self));
        let new: Vec<String> = changed
            .into_iter()
            .filter(|f| !self.changed_on_disk.contains(f))
            .collect();
        if new.is_empty() {
            return;
        }
        let (clean, held): (Vec<String>, Vec<String>) =
            new.into_iter().partition(|file| match part_of_file(file) {
                Some(part) => !self.dirty.contains(&part),
                None => true,
            });
        if !held.is_empty() {
            let text = fill(T::ChangedOnDisk.get(self.lang), &[&held.join(", ")]);
            self.changed_on_disk.extend(held);
            self.error(text);
        }
        if !clean.is_empty() {
            self.reload_files(&clean, false);
        }
    }

    /// Loads `files` from disk into the workbook (dropping unsaved edits to them when
    /// `drop_edits`). A file that does not load is reported and left as it was.
    pub fn reload_files(&mut self, files: &[String], drop_edits: bool) {
        // Only the files to reload must load; another broken file (the app may be
        // open on what loaded) does not stop them.
        let fresh = match Store::load_partial(&self.root) {
            Ok(fresh) => match fresh
                .failed
                .iter()
                .find(|e| files.iter().any(|f| f == e.file()))
            {
                Some(e) => Err(e.to_string()),
                None => Ok(fresh),
            },
            Err(e) => Err(e.files.first().map(ToString::to_string).unwrap_or_default()),
        };
        let fresh = match fresh {
            Ok(fresh) => fresh,
            Err(first) => {
                let text = fill(T::ReloadFailed.get(self.lang), &[&files.join(", "), &first]);
                self.error(text);
                return;
            }
        };
        let mut parts = BTreeSet::new();
        let mut incidents = false;
        for file in files {
            match part_of_file(file) {
                Some(part) => {
                    parts.insert(part);
                }
                None => incidents = true,
            }
        }
        for part in &parts {
            if drop_edits || !self.dirty.contains(part) {
                part.copy(&fresh.workbook, &mut self.workbook);
                part.copy(&fresh.workbook, &mut self.saved);
                for file in files_of(*part) {
                    self.store.adopt_file(&fresh.store, file);
                }
                self.dirty.remove(part);
            }
        }
        if incidents {
            self.workbook.incidents = fresh.workbook.incidents.clone();
            self.saved.incidents = fresh.workbook.incidents.clone();
            for file in files.iter().filter(|f| part_of_file(f).is_none()) {
                self.store.adopt_file(&fresh.store, file);
            }
        }
        if drop_edits {
            // Edits to the dropped parts can no longer be undone or recovered.
            let keep = |edit: &Edit| edit.parts().iter().all(|p| !parts.contains(p));
            self.undo.retain(keep);
            self.redo.retain(keep);
            self.pending.retain(keep);
            self.write_recovery();
        }
        self.changed_on_disk.retain(|f| !files.contains(f));
        self.rebuild();
        let text = fill(
            if drop_edits { T::Dropped } else { T::Reloaded }.get(self.lang),
            &[&files.join(", ")],
        );
        self.info(text);
    }

    /// Applies the edits of an earlier session (from the recovery file).
    pub fn restore(&mut self, edits: Vec<Edit>) {
        self.recovery.release();
        let total = edits.len();
        let mut applied = 0;
        for edit in edits {
            if self.apply(edit).is_ok() {
                applied += 1;
            }
        }
        let text = if applied == total {
            fill(T::Restored.get(self.lang), &[&applied.to_string()])
        } else {
            fill(
                T::RestoredPartly.get(self.lang),
                &[&applied.to_string(), &total.to_string()],
            )
        };
        self.info(text);
    }

    /// Discards an earlier session's edits for good (the person said so twice).
    pub fn discard_recovery(&mut self) {
        match self.recovery.discard() {
            Ok(()) => self.info(T::RecoveryDiscarded.get(self.lang)),
            Err(e) => {
                let text = fill(T::RecoveryWriteFailed.get(self.lang), &[&e.to_string()]);
                self.error(text);
            }
        }
    }

    /// Keeps an earlier session's edits in the recovery file for a later start.
    pub fn keep_recovery_for_later(&mut self) {
        self.recovery.hold();
        self.info(T::RecoveryKept.get(self.lang));
    }

    /// Quitting without saving: this session's edits go, an earlier session's
    /// edits kept for later stay.
    pub fn drop_unsaved(&mut self) {
        self.recovery.saved();
    }

    /// A workbook opened on what loaded: once the broken files load again (the
    /// person repaired them), it opens for editing.
    pub fn retry_broken(&mut self) {
        if self.broken.is_empty() {
            return;
        }
        let Ok(loaded) = Store::open_for_editing(&self.root) else {
            return;
        };
        let files: Vec<String> = self.broken.iter().map(|e| e.file().to_owned()).collect();
        self.workbook = loaded.workbook.clone();
        self.saved = loaded.workbook;
        self.store = loaded.store;
        self.broken.clear();
        self.read_only = None;
        self.rebuild();
        let text = fill(T::LoadsAgain.get(self.lang), &[&files.join(", ")]);
        self.info(text);
    }

    /// Where a record sits: the record, its plan phase and its index in its list.
    pub fn locate(&self, record: &RecordRef) -> Option<(Record, Option<u32>, usize)> {
        let &(phase, index) = self.places.get(&(record.kind, record.id.clone()))?;
        let wb = &self.workbook;
        let found = match record.kind {
            RecordKind::ChecklistItem => wb
                .checklist
                .items
                .get(index)
                .cloned()
                .map(Record::ChecklistItem),
            RecordKind::Statement => wb
                .selfcheck
                .statements
                .get(index)
                .cloned()
                .map(Record::Statement),
            RecordKind::Step => wb
                .plan
                .phases
                .iter()
                .find(|p| Some(p.number) == phase)
                .and_then(|p| p.steps.get(index))
                .cloned()
                .map(Record::Step),
            RecordKind::FirstHourStep => wb
                .plan
                .first_hour
                .get(index)
                .cloned()
                .map(Record::FirstHourStep),
            RecordKind::Risk => wb.risks.risks.get(index).cloned().map(Record::Risk),
            RecordKind::Process => wb
                .processes
                .processes
                .get(index)
                .cloned()
                .map(Record::Process),
            RecordKind::System => wb.processes.systems.get(index).cloned().map(Record::System),
            RecordKind::Supplier => wb
                .processes
                .suppliers
                .get(index)
                .cloned()
                .map(Record::Supplier),
            RecordKind::Contact => wb
                .contacts
                .contacts
                .get(index)
                .cloned()
                .map(Record::Contact),
            RecordKind::Backup => wb.backups.backups.get(index).cloned().map(Record::Backup),
            RecordKind::Incident => None,
        }?;
        (found.id() == &record.id).then_some((found, phase, index))
    }

    /// The file (absolute) and line of the selected record, for `$EDITOR`.
    pub fn file_of_selected(&self) -> Option<(String, PathBuf, Option<usize>)> {
        let record = self.current_list().selected_record()?;
        let (file, line) = self
            .store
            .positions()
            .locate(record.kind, record.id.as_str());
        let path = self.root.join(&file);
        Some((file, path, line))
    }

    /// Writes an export of the workbook as it is on screen and says where it went.
    pub fn export(&mut self, options: &crate::export::ExportOptions, now: Timestamp) {
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
                let text = fill(T::Exported.get(self.lang), &[&paths.join(", ")]);
                self.info(text);
            }
            Err(e) => {
                let text = fill(T::ExportFailed.get(self.lang), &[&e.to_string()]);
                self.error(text);
            }
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// The place of every record, for [`App::locate`]. The first of duplicate ids wins.
fn places(wb: &Workbook) -> HashMap<(RecordKind, Id), (Option<u32>, usize)> {
    let mut map = HashMap::new();
    let mut put = |kind: RecordKind, id: &Id, phase: Option<u32>, index: usize| {
        map.entry((kind, id.clone())).or_insert((phase, index));
    };
    for (i, r) in wb.checklist.items.iter().enumerate() {
        put(RecordKind::ChecklistItem, &r.id, None, i);
    }
    for (i, r) in wb.selfcheck.statements.iter().enumerate() {
        put(RecordKind::Statement, &r.id, None, i);
    }
    for phase in &wb.plan.phases {
        for (i, r) in phase.steps.iter().enumerate() {
            put(RecordKind::Step, &r.id, Some(phase.number), i);
        }
    }
    for (i, r) in wb.plan.first_hour.iter().enumerate() {
        put(RecordKind::FirstHourStep, &r.id, None, i);
    }
    for (i, r) in wb.risks.risks.iter().enumerate() {
        put(RecordKind::Risk, &r.id, None, i);
    }
    for (i, r) in wb.processes.processes.iter().enumerate() {
        put(RecordKind::Process, &r.id, None, i);
    }
    for (i, r) in wb.processes.systems.iter().enumerate() {
        put(RecordKind::System, &r.id, None, i);
    }
    for (i, r) in wb.processes.suppliers.iter().enumerate() {
        put(RecordKind::Supplier, &r.id, None, i);
    }
    for (i, r) in wb.contacts.contacts.iter().enumerate() {
        put(RecordKind::Contact, &r.id, None, i);
    }
    for (i, r) in wb.backups.backups.iter().enumerate() {
        put(RecordKind::Backup, &r.id, None, i);
    }
    map
}

/// The language of a workbook that loaded in part (its manifest may be missing).
fn options_lang(partial: &crate::store::Partial) -> Language {
    partial.workbook.language()
}

/// Why a workbook opened on what loaded is read-only: the first broken file and
/// its line, and how many more.
fn broken_reason(failed: &[FileError], lang: Language) -> String {
    let place = |e: &FileError| match e.line() {
        Some(line) => format!("{}:{line}", e.file()),
        None => e.file().to_owned(),
    };
    let names: Vec<String> = failed.iter().map(place).collect();
    fill(T::BrokenFiles.get(lang), &[&names.join(", ")])
}
