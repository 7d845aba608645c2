//! Files changed on disk while they held unsaved edits: reload them, see the
//! difference, or overwrite with the session's.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::store::Conflict;
use crate::tui::component::{Context, Open, Outcome, Request};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::screen_text::{T, fill};
use crate::tui::widgets::dialog;

#[derive(Debug)]
pub struct ConflictPopup {
    pub conflicts: Vec<Conflict>,
}

impl ConflictPopup {
    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::Conflict]
    }

    fn files(&self) -> Vec<String> {
        self.conflicts.iter().map(|c| c.file.clone()).collect()
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::Reload) => Outcome::of(Request::Close).and(Request::Reload(self.files())),
            Some(Command::Overwrite) => {
                Outcome::of(Request::Close).and(Request::SaveOverwriting(self.files()))
            }
            Some(Command::ShowDifference) => Outcome::of(Request::Close).and(Request::Open(
                Open::Diff(std::mem::take(&mut self.conflicts)),
            )),
            Some(Command::Cancel) => Outcome::of(Request::Close),
            _ => Outcome::none(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        let lang = cx.lang();
        let files: Vec<&str> = self.conflicts.iter().map(|c| c.file.as_str()).collect();
        dialog::question(
            frame,
            cx,
            T::ConflictTitle.get(lang),
            &fill(T::ConflictText.get(lang), &[&files.join(", ")]),
            Keys::Conflict,
        );
    }
}
