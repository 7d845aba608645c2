//! Quitting with unsaved changes: save and quit, quit without saving, or stay.
//! When the recovery file does not hold the changes, the question says that
//! quitting without saving loses them.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::tui::component::{Context, Outcome, Request};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::screen_text::{T, fill};
use crate::tui::widgets::dialog;

#[derive(Debug, Default)]
pub struct QuitPopup;

impl QuitPopup {
    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::Quit]
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::SaveAndQuit) => Outcome::of(Request::Close).and(Request::SaveThenQuit),
            Some(Command::QuitWithoutSaving) => Outcome::of(Request::Close)
                .and(Request::DropUnsaved)
                .and(Request::QuitNow),
            Some(Command::Stay) => Outcome::of(Request::Close),
            _ => Outcome::none(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        let files = cx.session.dirty_files().join(", ");
        let question = if cx.session.recovery_warning().is_some() {
            T::QuitUnprotected
        } else {
            T::QuitUnsaved
        };
        let text = fill(question.get(cx.lang()), &[&files]);
        dialog::question(frame, cx, "", &text, Keys::Quit);
    }
}
