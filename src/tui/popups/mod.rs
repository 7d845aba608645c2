//! The popups: one file each, each owning its state, turning keys into requests
//! and drawing itself over the screen. [`Popup`] is whichever is on top; it is
//! made from a request to open one ([`Open`]).

mod changes;
mod commit;
mod conflict;
mod diff;
mod form;
mod git_setup;
mod help;
mod merge;
mod question;
mod quit;
mod recovery;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

pub use changes::ChangesPopup;
pub use commit::CommitPopup;
pub use conflict::ConflictPopup;
pub use diff::DiffPopup;
pub use form::FormPopup;
pub use git_setup::GitSetupPopup;
pub use help::HelpPopup;
pub use merge::{Choosable, MergePopup, choosables};
pub use question::QuestionPopup;
pub use quit::QuitPopup;
pub use recovery::RecoveryPopup;

use crate::tui::component::{Context, Open, Outcome};
use crate::tui::keymap::Context as Keys;

#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one at a time, on screen
pub enum Popup {
    Form(FormPopup),
    Question(QuestionPopup),
    Help(HelpPopup),
    Quit(QuitPopup),
    Conflict(ConflictPopup),
    Diff(DiffPopup),
    Recovery(RecoveryPopup),
    Changes(ChangesPopup),
    Commit(CommitPopup),
    Merge(MergePopup),
    GitSetup(GitSetupPopup),
}

impl Popup {
    /// The popup `open` asks for; `below` are the key contexts of the screen
    /// under it (the help lists them).
    pub fn open(open: Open, below: Vec<Keys>, cx: &Context) -> Popup {
        match open {
            Open::Form(form, purpose) => Popup::Form(FormPopup { form, purpose }),
            Open::Ask(question, text) => Popup::Question(QuestionPopup { question, text }),
            Open::Help => Popup::Help(HelpPopup { below, scroll: 0 }),
            Open::Quit => Popup::Quit(QuitPopup),
            Open::Conflict(conflicts) => Popup::Conflict(ConflictPopup { conflicts }),
            Open::Diff(conflicts) => Popup::Diff(DiffPopup::new(conflicts, cx)),
            Open::Recovery(edits) => Popup::Recovery(RecoveryPopup { edits }),
            Open::Changes => Popup::Changes(ChangesPopup::new(cx)),
            Open::Commit(message) => Popup::Commit(CommitPopup::new(&message)),
            Open::MergeConflicts => Popup::Merge(MergePopup::default()),
            Open::GitSetup => Popup::GitSetup(GitSetupPopup),
        }
    }

    /// The contexts whose keys apply while this popup is on top.
    pub fn contexts(&self) -> Vec<Keys> {
        match self {
            Popup::Form(p) => p.contexts(),
            Popup::Question(p) => p.contexts(),
            Popup::Help(p) => p.contexts(),
            Popup::Quit(p) => p.contexts(),
            Popup::Conflict(p) => p.contexts(),
            Popup::Diff(p) => p.contexts(),
            Popup::Recovery(p) => p.contexts(),
            Popup::Changes(p) => p.contexts(),
            Popup::Commit(p) => p.contexts(),
            Popup::Merge(p) => p.contexts(),
            Popup::GitSetup(p) => p.contexts(),
        }
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match self {
            Popup::Form(p) => p.key(key, cx),
            Popup::Question(p) => p.key(key, cx),
            Popup::Help(p) => p.key(key, cx),
            Popup::Quit(p) => p.key(key, cx),
            Popup::Conflict(p) => p.key(key, cx),
            Popup::Diff(p) => p.key(key, cx),
            Popup::Recovery(p) => p.key(key, cx),
            Popup::Changes(p) => p.key(key, cx),
            Popup::Commit(p) => p.key(key, cx),
            Popup::Merge(p) => p.key(key, cx),
            Popup::GitSetup(p) => p.key(key, cx),
        }
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        match self {
            Popup::Form(p) => p.draw(frame, cx),
            Popup::Question(p) => p.draw(frame, cx),
            Popup::Help(p) => p.draw(frame, cx),
            Popup::Quit(p) => p.draw(frame, cx),
            Popup::Conflict(p) => p.draw(frame, cx),
            Popup::Diff(p) => p.draw(frame, cx),
            Popup::Recovery(p) => p.draw(frame, cx),
            Popup::Changes(p) => p.draw(frame, cx),
            Popup::Commit(p) => p.draw(frame, cx),
            Popup::Merge(p) => p.draw(frame, cx),
            Popup::GitSetup(p) => p.draw(frame, cx),
        }
    }
}
