//! Unsaved edits of an earlier session, found at start: restore them, throw
//! them away, or decide later (the recovery file stays for the next start).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::model::edit::Edit;
use crate::tui::component::{Context, Outcome, Request};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::screen_text::{T, fill};
use crate::tui::widgets::dialog;

#[derive(Debug)]
pub struct RecoveryPopup {
    pub edits: Vec<Edit>,
}

impl RecoveryPopup {
    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::Recovery]
    }

    /// Only the choices count: a letter typed by mistake does nothing.
    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::RestoreEdits) => {
                Outcome::of(Request::Close).and(Request::Restore(std::mem::take(&mut self.edits)))
            }
            Some(Command::DiscardEdits) => {
                Outcome::of(Request::Close).and(Request::DiscardRecovery)
            }
            Some(Command::Later) => Outcome::of(Request::Close),
            _ => Outcome::none(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        let lang = cx.lang();
        dialog::question(
            frame,
            cx,
            T::RecoveryTitle.get(lang),
            &fill(T::RecoveryText.get(lang), &[&self.edits.len().to_string()]),
            Keys::Recovery,
        );
    }
}
