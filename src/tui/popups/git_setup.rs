//! The offer, once per clone, to set paraat up with git: yes, no (remembered in
//! the clone's `.git/config`, so it is not asked again), or ask next time.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::tui::component::{Context, Outcome, Request};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::screen_text::T;
use crate::tui::widgets::dialog;

#[derive(Debug, Default)]
pub struct GitSetupPopup;

impl GitSetupPopup {
    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::GitSetup]
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::SetUpGit) => Outcome::of(Request::Close).and(Request::GitSetup(true)),
            Some(Command::NotForThisClone) => {
                Outcome::of(Request::Close).and(Request::GitSetup(false))
            }
            Some(Command::AskLater) => Outcome::of(Request::Close),
            _ => Outcome::none(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        dialog::question(
            frame,
            cx,
            "git",
            T::SetupQuestion.get(cx.lang()),
            Keys::GitSetup,
        );
    }
}
