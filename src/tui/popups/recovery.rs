//! Unsaved edits of an earlier session, found at start: restore them, throw
//! them away (which asks once more: it cannot be undone), or decide later (the
//! recovery file stays as it is for the next start, and this session writes
//! nothing over it).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::model::edit::Edit;
use crate::tui::component::{Context, Open, Outcome, Request};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::purpose::Question;
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
                let edits = std::mem::take(&mut self.edits);
                let text = fill(
                    T::DiscardRecoveryQuestion.get(cx.lang()),
                    &[&edits.len().to_string()],
                );
                Outcome::of(Request::Close).and(Request::Open(Open::Ask(
                    Question::DiscardRecovery(edits),
                    text,
                )))
            }
            Some(Command::Later) => Outcome::of(Request::Close).and(Request::KeepRecoveryForLater),
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
