//! The contract every screen and popup keeps: it owns its state, turns a
//! message (a key, a named command, a click, a tick) into an [`Outcome`], and
//! draws from its state and the read-only [`Context`] only.
//!
//! An outcome is a list of [`Request`]s to the coordinator (`App`): an edit to
//! apply, a message to show, a popup to open, a save, an incident entry to write,
//! something for the run loop ([`Effect`]). Components never reach into each
//! other or into `App`; the coordinator applies what they ask in order and, where
//! a request has an answer (an incident written), hands the answer back to the
//! component that asked. So a new screen or popup is one new file that builds
//! requests, and everything it may ask for is listed here.

use std::path::PathBuf;

use serde_json::Value;

use crate::model::edit::Edit;
use crate::model::{Date, Language, NewIncident, RecordRef, Workbook};
use crate::store::Conflict;
use crate::tui::clock::Clock;
use crate::tui::forms::Form;
use crate::tui::git_view::GitView;
use crate::tui::incident_change::IncidentChange;
use crate::tui::keymap::KeyMap;
use crate::tui::purpose::{FormPurpose, Question};
use crate::tui::session::{Message, Session};
use crate::tui::theme::Theme;

/// What every component may read while it updates or draws.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub session: &'a Session,
    pub keymap: &'a KeyMap,
    pub theme: &'a Theme,
    pub clock: &'a Clock,
    /// What is known of git (nothing outside a repository).
    pub git: &'a GitView,
    /// The terminal's size (columns, rows).
    pub size: (u16, u16),
}

impl<'a> Context<'a> {
    pub fn workbook(&self) -> &'a Workbook {
        self.session.workbook()
    }

    pub fn lang(&self) -> Language {
        self.session.lang()
    }

    pub fn today(&self) -> Date {
        self.session.today()
    }
}

/// A popup to open.
#[derive(Debug)]
pub enum Open {
    Form(Box<Form>, FormPurpose),
    /// A yes/no question and its text.
    Ask(Question, String),
    Help,
    /// Quitting with unsaved changes: save, quit anyway, or stay.
    Quit,
    /// Files changed on disk while they held unsaved edits.
    Conflict(Vec<Conflict>),
    /// The difference between the disk and the session, then back to the choice.
    Diff(Vec<Conflict>),
    /// Unsaved edits of an earlier session.
    Recovery(Vec<Edit>),
    /// What changed since the last commit (git).
    Changes,
    /// The commit message, to edit before committing.
    Commit(String),
    /// The values a merge left to choose between.
    MergeConflicts,
    /// The offer to set paraat up with git for this clone.
    GitSetup,
}

/// Things the run loop does outside the app (they need the terminal or the clock).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    OpenEditor {
        file: PathBuf,
        line: Option<usize>,
    },
    /// Writing the export needs "now" for its stamp, which the run loop supplies.
    Export(crate::export::ExportOptions),
}

/// One thing a component asks the coordinator to do.
#[derive(Debug)]
pub enum Request {
    /// Apply an edit; then show `message` and select the record, when given.
    Edit {
        edit: Edit,
        message: Option<String>,
        select: Option<RecordRef>,
    },
    Show(Message),
    Open(Open),
    /// Close the popup on top.
    Close,
    /// The form on top cannot be saved: why (it stays open with its values).
    FormError(String),
    /// The form on top was filled in for `purpose`: its values.
    Submitted(FormPurpose, Value),
    /// The answer to a question was yes.
    Answered(Question),
    Save,
    /// Save, and quit when that worked.
    SaveThenQuit,
    /// Save, overwriting these files although they changed on disk.
    SaveOverwriting(Vec<String>),
    /// Load these files again, dropping the unsaved edits to them.
    Reload(Vec<String>),
    Undo,
    Redo,
    /// Apply the edits of an earlier session.
    Restore(Vec<Edit>),
    /// Keep the edits of an earlier session in the recovery file for the next
    /// start; this session writes nothing over them.
    KeepRecoveryForLater,
    /// Quitting without saving: this session's unsaved edits go (an earlier
    /// session's, kept for later, stay).
    DropUnsaved,
    /// Quit (the coordinator asks first when there are unsaved changes).
    Quit,
    /// Quit now, whatever is unsaved.
    QuitNow,
    /// Open the incident screen on this incident (`None`: the one that is active).
    OpenIncident(Option<RecordRef>),
    CloseIncident,
    /// Write a new incident.
    Declare(Box<NewIncident>),
    /// Write a change to an incident; the answer goes back to the incident screen.
    Incident(IncidentChange),
    Effect(Effect),
    /// Save what is unsaved, then commit the workbook's files with this message.
    Commit(String),
    /// Set paraat up with git for this clone (`true`), or remember not to ask.
    GitSetup(bool),
}

/// What a component's update asks for, in order. A request that fails (an edit
/// that no longer fits) says why and ends the outcome: what came after it was
/// meant to follow it.
#[derive(Debug, Default)]
#[must_use]
pub struct Outcome(pub Vec<Request>);

impl Outcome {
    pub fn none() -> Outcome {
        Outcome(Vec::new())
    }

    pub fn of(request: Request) -> Outcome {
        Outcome(vec![request])
    }

    pub fn and(mut self, request: Request) -> Outcome {
        self.0.push(request);
        self
    }

    pub fn info(text: impl Into<String>) -> Outcome {
        Outcome::of(Request::Show(Message::info(text)))
    }

    pub fn error(text: impl Into<String>) -> Outcome {
        Outcome::of(Request::Show(Message::error(text)))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Request> for Outcome {
    fn from(request: Request) -> Outcome {
        Outcome::of(request)
    }
}

impl From<Message> for Outcome {
    fn from(message: Message) -> Outcome {
        Outcome::of(Request::Show(message))
    }
}
