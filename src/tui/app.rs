//! The coordinator: it owns the session, the screens and the popup on top,
//! routes each event to the component that has the keyboard, and carries out
//! what the components ask for ([`Request`]), in order. It decides nothing a
//! component can: no key is interpreted here beyond looking up the commands that
//! work on every screen (quit, save, undo, help, the tabs), and no change to the
//! workbook is made here but through the session.
//!
//! Who may call whom: `app` calls the components (`screens`, `popups`) and the
//! bottom modules; components call only the bottom modules (`session`, `lists`,
//! `forms`, `widgets`, `layout`, `keymap`, `theme`, `screen_text`, `clock`,
//! `purpose`, `component`); the bottom modules call none of the above.

use ratatui::Frame;
use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};
use serde_json::Value;

use crate::model::*;
use crate::response::{self, NoIncident};
use crate::store::{LoadError, Store};
use crate::tui::clock::Clock;
use crate::tui::component::{Context, Effect, Open, Outcome, Request};
use crate::tui::git_view::{self, GitView};
use crate::tui::incident_change;
use crate::tui::keymap::{Command, Context as Keys, KeyMap};
use crate::tui::layout::{self, Areas};
use crate::tui::lists::{ListId, ListView};
use crate::tui::popups::Popup;
use crate::tui::purpose::{FormPurpose, Question};
use crate::tui::screen_text::{T, fill};
use crate::tui::screens::incident::{self, IncidentScreen};
use crate::tui::screens::{export, records::RecordsScreen};
use crate::tui::session::{Found, Message, Saved, Session};
use crate::tui::tabs::{self, Tab};
use crate::tui::theme::Theme;
use crate::tui::widgets::chrome;

pub use crate::tui::session::Options;

/// Something that happened, for [`App::update`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A quarter second passed (the disk is checked every two seconds).
    Tick,
    Command(Command),
}

impl Action {
    pub fn from_event(event: Event) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => Some(Action::Key(key)),
            Event::Mouse(mouse) => Some(Action::Mouse(mouse)),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        }
    }
}

/// One step of the app: `action` in, the state changed.
pub fn update(app: &mut App, action: Action) {
    app.update(action);
}

/// Draws the app: a function of its state only.
pub fn draw(frame: &mut Frame, app: &App) {
    app.draw(frame);
}

pub struct App {
    pub session: Session,
    /// The tabs and their lists.
    pub records: RecordsScreen,
    /// The incident screen, when it is up (it covers the tabs).
    pub incident: Option<IncidentScreen>,
    pub popup: Option<Popup>,
    /// The status line's message.
    pub message: Option<Message>,
    pub keymap: KeyMap,
    pub theme: Theme,
    /// "Now": set by the run loop (or a test), never read from the system in
    /// `update` or `draw`.
    pub clock: Clock,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub quit: bool,
    /// Things for the run loop (they need the terminal, or "now" for a stamp).
    pub effects: Vec<Effect>,
    /// What is known of git, asked in the background.
    pub git: GitView,
    ticks: u64,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("session", &self.session)
            .field("tab", &self.records.tab)
            .finish_non_exhaustive()
    }
}

/// The read-only context of `$app`, borrowed field by field so a component
/// (another field) can be updated while it is held.
macro_rules! cx {
    ($app:expr) => {
        Context {
            session: &$app.session,
            keymap: &$app.keymap,
            theme: &$app.theme,
            clock: &$app.clock,
            git: &$app.git,
            size: $app.size,
        }
    };
}

impl App {
    /// Opens the workbook for editing, or read-only when another paraat has it.
    pub fn open(options: Options) -> Result<App, LoadError> {
        let (session, found) = Session::open(options)?;
        let mut app = App::with(session);
        if !app.session.scratch() {
            app.git = GitView::new(app.session.root());
            app.git.refresh();
        }
        // While a real incident is active, the app opens on it.
        if let Some(id) = app
            .session
            .workbook()
            .active_incident()
            .map(|i| i.id.clone())
        {
            app.open_incident_screen(&id);
        }
        match found {
            Some(Found::Recovery(edits)) => {
                app.popup = Some(Popup::Recovery(crate::tui::popups::RecoveryPopup { edits }))
            }
            Some(Found::RecoveryUnreadable(text)) => app.message = Some(Message::error(text)),
            None => {}
        }
        app.prepare();
        Ok(app)
    }

    /// An app over an already loaded workbook (tests, benchmarks).
    pub fn new(
        workbook: Workbook,
        store: Store,
        options: Options,
        read_only: Option<String>,
    ) -> App {
        let mut app = App::with(Session::new(workbook, store, options, read_only));
        app.prepare();
        app
    }

    fn with(session: Session) -> App {
        let today = session.today();
        App {
            session,
            records: RecordsScreen::new(),
            incident: None,
            popup: None,
            message: None,
            keymap: KeyMap::default(),
            theme: Theme::from_env(),
            size: (80, 24),
            quit: false,
            effects: Vec::new(),
            git: GitView::off(),
            ticks: 0,
            clock: Clock::fixed(Timestamp::from_utc(
                today.0.and_time(chrono::NaiveTime::MIN).and_utc(),
            )),
        }
    }

    // --- What tests and the run loop read ----------------------------------------

    pub fn workbook(&self) -> &Workbook {
        self.session.workbook()
    }

    pub fn lang(&self) -> Language {
        self.session.lang()
    }

    pub fn tab(&self) -> Tab {
        self.records.tab
    }

    pub fn list(&self, id: ListId) -> &ListView {
        self.records.list(id)
    }

    pub fn current_list(&self) -> &ListView {
        self.records.current_list()
    }

    /// The files with unsaved changes.
    pub fn dirty_files(&self) -> Vec<&'static str> {
        self.session.dirty_files()
    }

    /// The contexts whose keys apply now, most specific first.
    pub fn contexts(&self) -> Vec<Keys> {
        if let Some(popup) = &self.popup {
            return popup.contexts();
        }
        if let Some(screen) = &self.incident {
            return screen.contexts();
        }
        self.records.contexts()
    }

    /// The contexts of the screen under any popup, for the help.
    fn contexts_below(&self) -> Vec<Keys> {
        if self.incident.is_some() {
            return vec![Keys::Incident, Keys::IncidentLog, Keys::Global];
        }
        self.records.help_contexts()
    }

    fn areas(&self) -> Areas {
        let cx = cx!(self);
        let areas = layout::areas(self.size, chrome::banner_text(&cx).is_some());
        // The incident screen keeps one line above it for a warning that must
        // not be missed (a file that did not load, unsaved work at risk).
        if self.incident.is_some() && chrome::warning_text(&cx).is_some() {
            areas.with_warning()
        } else {
            areas
        }
    }

    // --- Update ------------------------------------------------------------------

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Resize(w, h) => self.size = (w, h),
            Action::Tick => self.tick(),
            Action::Mouse(mouse) => self.mouse(mouse),
            Action::Command(command) => self.command(command),
            Action::Key(key) => self.key(key),
        }
        self.prepare();
    }

    /// Brings what the screen on show needs up to date: the day, the findings and
    /// the overview on the Overview tab, the current list's rows.
    fn prepare(&mut self) {
        self.session.follow_clock(self.clock.today());
        if self.incident.is_none() && self.records.tab == Tab::Overview {
            self.session.findings();
            self.session.overview();
        }
        let height = layout::list_height(self.areas().list);
        let cx = cx!(self);
        self.records.prepare(&cx, height);
    }

    fn tick(&mut self) {
        self.ticks += 1;
        if self.ticks.is_multiple_of(8) && self.popup.is_none() {
            self.check_disk();
            self.git.refresh();
        }
        self.poll_git();
        if let Some(Popup::Changes(changes)) = &mut self.popup {
            changes.poll();
        }
        if let Some(screen) = &mut self.incident {
            let outcome = screen.tick(&cx!(self));
            self.carry_out(outcome);
        }
    }

    /// Takes git's answer when it has come; the first one may bring the offer to
    /// set paraat up for this clone (made once, when nothing else is asked).
    pub fn poll_git(&mut self) {
        if self.git.poll() {
            self.git_answered();
        }
    }

    /// Waits for git's answer (tests; the run loop polls instead).
    pub fn wait_for_git(&mut self) {
        self.git.wait();
        self.git_answered();
    }

    fn git_answered(&mut self) {
        // Not over the incident screen: during a response the offer waits.
        if self.popup.is_none()
            && self.incident.is_none()
            && self.session.read_only().is_none()
            && self.git.take_setup_offer()
        {
            self.popup = Some(Popup::GitSetup(crate::tui::popups::GitSetupPopup));
        }
    }

    fn key(&mut self, key: KeyEvent) {
        if self.incident.is_some() {
            // The entries the screen makes carry who is writing.
            self.session.author();
        }
        if let Some(popup) = &mut self.popup {
            let outcome = popup.key(key, &cx!(self));
            self.carry_out(outcome);
            return;
        }
        let body = self.areas().body;
        if let Some(screen) = &mut self.incident
            && let Some(outcome) = screen.key(key, &cx!(self), body)
        {
            self.carry_out(outcome);
            return;
        }
        if self.incident.is_none()
            && let Some(outcome) = self.records.key(key, &cx!(self))
        {
            self.carry_out(outcome);
            return;
        }
        if let Some(command) = self.keymap.lookup(&self.contexts(), &key) {
            self.command(command);
        }
    }

    /// Runs a named command: the screen on show first, then the app's own.
    fn command(&mut self, command: Command) {
        if self.popup.is_some() {
            return;
        }
        if self.incident.is_some() {
            self.session.author();
        }
        let areas = self.areas();
        if let Some(screen) = &mut self.incident
            && let Some(outcome) = screen.command(command, &cx!(self), areas.body)
        {
            self.carry_out(outcome);
            return;
        }
        // The app's own commands come before the list's (the incident screen
        // covers the list; only the ones it lets through reach here).
        if let Some(outcome) = self.global(command) {
            self.carry_out(outcome);
            return;
        }
        let page = layout::list_height(areas.list);
        if let Some(outcome) = self.records.command(command, &cx!(self), page) {
            self.carry_out(outcome);
        }
    }

    /// The commands that work on every screen.
    fn global(&mut self, command: Command) -> Option<Outcome> {
        Some(match command {
            Command::Quit => Outcome::of(Request::Quit),
            Command::Save => Outcome::of(Request::Save),
            Command::Undo => Outcome::of(Request::Undo),
            Command::Redo => Outcome::of(Request::Redo),
            Command::Help => Outcome::of(Request::Open(Open::Help)),
            Command::Find => Outcome::of(Request::Open(Open::Find)),
            Command::NextTab => self.switch_tab(self.records.tab.step(1)),
            Command::PrevTab => self.switch_tab(self.records.tab.step(-1)),
            Command::Tab1 => self.switch_tab(Tab::Overview),
            Command::Tab2 => self.switch_tab(Tab::Checklist),
            Command::Tab3 => self.switch_tab(Tab::SelfCheck),
            Command::Tab4 => self.switch_tab(Tab::Plan),
            Command::Tab5 => self.switch_tab(Tab::Risks),
            Command::Tab6 => self.switch_tab(Tab::Processes),
            Command::Tab7 => self.switch_tab(Tab::Contacts),
            Command::Tab8 => self.switch_tab(Tab::Backups),
            Command::Tab9 => self.switch_tab(Tab::Incidents),
            Command::Export => export::form(&cx!(self)),
            Command::Settings => {
                self.session.author();
                crate::tui::screens::settings::form(&cx!(self))
            }
            Command::GitChanges => Outcome::of(Request::Open(Open::Changes)),
            Command::MergeConflicts => Outcome::of(Request::Open(Open::MergeConflicts)),
            Command::Declare => {
                self.session.author();
                incident::declare_form(&cx!(self))
            }
            Command::OpenIncident
                if self.incident.is_some()
                    || self.records.tab != Tab::Incidents
                    || self.records.current_list().selected_record().is_none() =>
            {
                Outcome::of(Request::OpenIncident(None))
            }
            _ => return None,
        })
    }

    fn switch_tab(&mut self, tab: Tab) -> Outcome {
        self.incident = None;
        self.records.switch_tab(tab);
        Outcome::none()
    }

    fn mouse(&mut self, mouse: MouseEvent) {
        if self.popup.is_some() {
            return;
        }
        let areas = self.areas();
        let lang = self.lang();
        let tab_at = |x| tabs::at(self.records.tab, self.size.0, lang, x);
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) if mouse.row == areas.tabs.y => {
                if let Some(tab) = tab_at(mouse.column) {
                    let _ = self.switch_tab(tab);
                }
            }
            // The incident screen takes keys only.
            _ if self.incident.is_some() => {}
            MouseEventKind::Down(MouseButton::Left) => {
                let list = areas.list;
                // Row 0 of the list area is its border, row 1 the header.
                let first = list.y + 2;
                if mouse.column >= list.x
                    && mouse.column < list.x + list.width
                    && mouse.row >= first
                    && mouse.row < list.y + list.height.saturating_sub(1)
                {
                    let id = self.records.current_list_id();
                    let view = self.records.list_mut(id);
                    let at = view.offset + usize::from(mouse.row - first);
                    if at < view.visible.len() && !view.rows[view.visible[at]].header {
                        view.selected = at;
                    }
                }
            }
            MouseEventKind::ScrollDown => {
                let id = self.records.current_list_id();
                self.records.list_mut(id).move_by(3);
            }
            MouseEventKind::ScrollUp => {
                let id = self.records.current_list_id();
                self.records.list_mut(id).move_by(-3);
            }
            _ => {}
        }
    }

    // --- Carrying out requests ---------------------------------------------------

    /// Carries out a component's requests in order; one that fails ends the rest.
    fn carry_out(&mut self, outcome: Outcome) {
        for request in outcome.0 {
            if !self.request(request) {
                break;
            }
        }
        // A problem the session ran into along the way is worth more than the
        // message of what was done.
        if let Some(notice) = self.session.take_notices().pop() {
            self.message = Some(notice);
        }
    }

    /// Carries out one request; false when it failed (the message says why).
    fn request(&mut self, request: Request) -> bool {
        match request {
            Request::Edit {
                edit,
                message,
                select,
            } => match self.session.apply(edit) {
                Ok(()) => {
                    if let Some(text) = message {
                        self.message = Some(Message::info(text));
                    }
                    if let Some(record) = select {
                        self.records.select = Some(record);
                    }
                }
                Err(e) => {
                    self.message = Some(Message::error(e.to_string()));
                    return false;
                }
            },
            Request::Show(message) => self.message = Some(message),
            Request::Open(open) => {
                let below = self.contexts_below();
                let popup = Popup::open(open, below, &cx!(self));
                self.popup = Some(popup);
            }
            Request::Close => self.popup = None,
            Request::FormError(text) => {
                if let Some(Popup::Form(form)) = &mut self.popup {
                    form.form.message = Some(text);
                }
            }
            Request::Submitted(purpose, value) => self.submitted(purpose, value),
            Request::Answered(question) => {
                let outcome = match question {
                    Question::Delete(found) => self.records.answered_delete(found, &cx!(self)),
                    Question::SaveNormalising => {
                        let saved = self.session.save();
                        self.saved(saved);
                        Outcome::none()
                    }
                    Question::Incident(question) => match &mut self.incident {
                        Some(screen) => screen.answered(question, &cx!(self)),
                        None => Outcome::none(),
                    },
                    Question::DiscardRecovery(_) => {
                        self.message = Some(self.session.discard_recovery());
                        Outcome::none()
                    }
                };
                self.carry_out(outcome);
            }
            Request::Save => {
                let saved = self.session.save();
                self.saved(saved);
            }
            Request::SaveThenQuit => {
                let saved = self.session.save();
                self.saved(saved);
                if self.session.dirty().is_empty() && self.popup.is_none() {
                    self.quit = true;
                }
            }
            Request::SaveOverwriting(files) => {
                let saved = self.session.save_overwriting(&files);
                self.saved(saved);
            }
            Request::Reload(files) => {
                self.message = Some(self.session.reload_files(&files, true));
            }
            Request::Undo | Request::Redo => match self.session.can_edit() {
                Ok(()) => {
                    let done = if matches!(request, Request::Undo) {
                        self.session.undo()
                    } else {
                        self.session.redo()
                    };
                    self.message = Some(done);
                }
                Err(refused) => self.message = Some(refused),
            },
            Request::Restore(edits) => self.message = Some(self.session.restore(edits)),
            Request::KeepRecoveryForLater => {
                self.message = Some(self.session.keep_recovery_for_later());
            }
            Request::DropUnsaved => self.session.drop_unsaved(),
            Request::Quit => {
                if self.session.dirty().is_empty() || self.session.read_only().is_some() {
                    self.quit = true;
                } else {
                    self.popup = Some(Popup::Quit(crate::tui::popups::QuitPopup));
                }
            }
            Request::QuitNow => self.quit = true,
            Request::GoTo(record) => {
                self.incident = None;
                self.records.go_to(&record, &cx!(self));
            }
            Request::OpenIncident(record) => self.open_incident(record),
            Request::CloseIncident => self.incident = None,
            Request::Declare(new) => self.declare(*new),
            Request::Incident(change) => {
                self.session.author();
                let result = incident_change::perform(&change, &mut self.session);
                if let Some(screen) = &mut self.incident {
                    let outcome = screen.written(&change, result, &cx!(self));
                    self.carry_out(outcome);
                }
            }
            Request::Effect(effect) => self.effects.push(effect),
            Request::Commit(message) => return self.commit(&message),
            Request::GitSetup(yes) => {
                let lang = self.lang();
                if let Some(root) = self.git.root() {
                    self.message = Some(match (yes, git_view::set_up(root, lang)) {
                        (true, Ok(done)) => Message::info(done),
                        (true, Err(failed)) => Message::error(failed),
                        (false, _) => Message::info(git_view::decline_setup(root, lang)),
                    });
                    self.git.refresh_now();
                }
            }
        }
        true
    }

    /// Saves what is unsaved, then commits the workbook's files. The commit
    /// popup closes when it worked and says why when not (the message stays).
    fn commit(&mut self, message: &str) -> bool {
        let lang = self.lang();
        if !self.session.dirty().is_empty() {
            let saved = self.session.save();
            self.saved(saved);
            if !self.session.dirty().is_empty() {
                if matches!(self.popup, Some(Popup::Commit(_))) {
                    self.popup = None;
                }
                if self.popup.is_none() {
                    self.message = Some(Message::error(T::CommitNotSaved.get(lang)));
                }
                return false;
            }
        }
        let Some(root) = self.git.root() else {
            self.message = Some(Message::error(T::NotInGit.get(lang)));
            return false;
        };
        let unresolved: Vec<String> = self.session.workbook().conflicts.keys().cloned().collect();
        let result = git_view::commit(root, message, &unresolved, lang);
        self.git.refresh_now();
        match result {
            Ok(done) => {
                if matches!(self.popup, Some(Popup::Commit(_))) {
                    self.popup = None;
                }
                self.message = Some(Message::info(fill(
                    T::CommitDone.get(lang),
                    &[&done.commit, &done.files.join(", ")],
                )));
                true
            }
            Err(text) => {
                match &mut self.popup {
                    Some(Popup::Commit(popup)) => popup.error = Some(text),
                    _ => self.message = Some(Message::error(text)),
                }
                false
            }
        }
    }

    /// A form was saved: its values go to the component its purpose belongs to.
    fn submitted(&mut self, purpose: FormPurpose, value: Value) {
        let result = match purpose {
            FormPurpose::Export => Ok(export::submitted(&value, self.clock.zone)),
            FormPurpose::Settings => crate::tui::screens::settings::submitted(&cx!(self), value),
            FormPurpose::Incident(which) => {
                self.session.author();
                match (&mut self.incident, which) {
                    (Some(screen), which) => screen.submit(which, value, &cx!(self)),
                    // Declaring works from every tab.
                    (None, crate::tui::purpose::IncidentForm::Declare) => {
                        incident::declare_from(&cx!(self), &value)
                    }
                    (None, _) => Ok(Outcome::of(Request::Close)),
                }
            }
            purpose => self.records.submit(purpose, value, &cx!(self)),
        };
        match result {
            Ok(outcome) => self.carry_out(outcome),
            Err(text) => {
                if let Some(Popup::Form(form)) = &mut self.popup {
                    form.form.message = Some(text);
                }
            }
        }
    }

    /// Writes a new incident; its screen opens on it, or the form says why not.
    fn declare(&mut self, new: NewIncident) {
        if let Some(name) = Some(new.declared_by.clone()).filter(|n| !n.trim().is_empty()) {
            self.session.author = Some(name);
        }
        let result = self
            .session
            .write_incident(|w| w.create(new).map(|i| (i, ())));
        match result {
            Ok((created, ())) => {
                self.popup = None;
                self.open_incident_screen(&created.id);
                self.message = Some(incident::declared(&cx!(self), &created));
            }
            Err(e) => {
                let text = incident::write_error(&cx!(self), &e);
                if let Some(Popup::Form(form)) = &mut self.popup {
                    form.form.message = Some(text);
                }
            }
        }
    }

    /// Opens the incident screen on `record`, else on the active incident (or the
    /// only active exercise).
    fn open_incident(&mut self, record: Option<RecordRef>) {
        if let Some(record) = record {
            self.open_incident_screen(&record.id);
            return;
        }
        let lang = self.lang();
        match response::default_incident(&self.session.workbook().incidents) {
            Ok(incident) => {
                let id = incident.id.clone();
                self.open_incident_screen(&id);
            }
            Err(NoIncident::SeveralExercises(ids)) => {
                let _ = self.switch_tab(Tab::Incidents);
                let ids: Vec<&str> = ids.iter().map(Id::as_str).collect();
                self.message = Some(Message::info(fill(
                    T::SeveralExercises.get(lang),
                    &[&ids.join(", ")],
                )));
            }
            Err(_) => self.message = Some(Message::info(T::NoActiveIncident.get(lang))),
        }
    }

    fn open_incident_screen(&mut self, id: &Id) {
        let Some(screen) = IncidentScreen::open(id, &cx!(self)) else {
            return;
        };
        self.records.switch_tab(Tab::Incidents);
        self.records.select = Some(RecordRef::new(RecordKind::Incident, id.clone()));
        self.incident = Some(screen);
    }

    /// Shows what a save came to.
    fn saved(&mut self, saved: Saved) {
        match saved {
            Saved::Done(message) | Saved::Refused(message) => self.message = Some(message),
            Saved::AskNormalise(text) => {
                self.popup = Some(Popup::Question(crate::tui::popups::QuestionPopup {
                    question: Question::SaveNormalising,
                    text,
                }))
            }
            Saved::Conflict(conflicts) => {
                self.popup = Some(Popup::Conflict(crate::tui::popups::ConflictPopup {
                    conflicts,
                }))
            }
        }
    }

    /// Looks for files changed on disk (see [`Session::check_disk`]).
    pub fn check_disk(&mut self) {
        if let Some(message) = self.session.check_disk() {
            self.message = Some(message);
        }
        self.prepare();
    }

    /// Writes an export of the workbook as it is on screen and says where it went.
    pub fn export(&mut self, options: &crate::export::ExportOptions, now: Timestamp) {
        self.message = Some(self.session.export(options, now));
    }

    /// Shows an error (from the run loop: the editor would not start).
    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message::error(text));
    }

    // --- Drawing -----------------------------------------------------------------

    pub fn draw(&self, frame: &mut Frame) {
        let cx = cx!(self);
        let areas = self.areas();
        chrome::tab_bar(frame, &cx, self.records.tab, areas.tabs);
        if let Some(screen) = &self.incident {
            // The incident screen takes everything between the tab bar and the
            // status lines (but the warning line); its own first line says which
            // incident it is.
            if let Some(area) = areas.warning {
                chrome::warning(frame, &cx, area);
            }
            incident::draw(frame, &cx, screen, areas.body);
        } else {
            if let Some(area) = areas.banner {
                chrome::banner(frame, &cx, area);
            }
            self.records.draw(frame, &cx, &areas);
        }
        chrome::status(
            frame,
            &cx,
            self.message.as_ref(),
            &self.contexts(),
            areas.status,
        );
        if let Some(popup) = &self.popup {
            popup.draw(frame, &cx);
        }
    }
}
