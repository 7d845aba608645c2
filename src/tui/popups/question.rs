//! A yes/no question (delete this record? save and normalise these files?
//! discard an earlier session's edits?). "No" closes it; after "discard?" it goes
//! back to the recovery prompt.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::tui::component::{Context, Open, Outcome, Request};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::purpose::Question;
use crate::tui::widgets::dialog;

#[derive(Debug)]
pub struct QuestionPopup {
    pub question: Question,
    pub text: String,
}

impl QuestionPopup {
    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::Confirm]
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::Yes) => {
                Outcome::of(Request::Close).and(Request::Answered(self.question.clone()))
            }
            Some(Command::No) => match &mut self.question {
                Question::DiscardRecovery(edits) => Outcome::of(Request::Close)
                    .and(Request::Open(Open::Recovery(std::mem::take(edits)))),
                _ => Outcome::of(Request::Close),
            },
            _ => Outcome::none(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        dialog::question(frame, cx, "?", &self.text, Keys::Confirm);
    }
}
