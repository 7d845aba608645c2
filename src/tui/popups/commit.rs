//! The commit message, proposed from the changes and edited before committing.
//!
//! Enter starts a new line (the first line is the subject); the commit key
//! commits. The proposal quotes titles from the workbook, so it is made safe
//! first: no escape sequence or bidirectional override reaches git's history
//! or this screen.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::sanitize::{sanitize_line, sanitize_text};
use crate::tui::component::{Context, Outcome, Request};
use crate::tui::forms::{text_area, text_of};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::layout::centred;
use crate::tui::screen_text::T;

#[derive(Debug)]
pub struct CommitPopup {
    pub message: TextArea<'static>,
    /// Why the last try did not commit.
    pub error: Option<String>,
}

impl CommitPopup {
    pub fn new(proposal: &str) -> CommitPopup {
        CommitPopup {
            message: text_area(&sanitize_text(proposal)),
            error: None,
        }
    }

    /// The message as it will be committed.
    pub fn text(&self) -> String {
        text_of(&self.message)
    }

    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::Commit]
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::CommitNow) => {
                let text = self.text();
                if text.trim().is_empty() {
                    self.error = Some(T::CommitEmpty.get(cx.lang()).to_owned());
                    return Outcome::none();
                }
                // The coordinator closes the popup once the commit is made, and
                // puts git's answer here when it is not.
                Outcome::of(Request::Commit(text))
            }
            Some(Command::Cancel) => Outcome::of(Request::Close),
            _ => {
                self.message.input(key);
                self.error = None;
                Outcome::none()
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        let screen = frame.area();
        let area = centred(
            screen,
            screen.width.saturating_sub(4).min(90),
            screen.height.saturating_sub(4).min(16),
        );
        frame.render_widget(Clear, area);
        let theme = cx.theme;
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(" {} ", T::CommitTitle.get(cx.lang())),
                theme.title(),
            ))
            .title_bottom(Span::styled(
                format!(" {} ", cx.keymap.hint_line(Keys::Commit, cx.lang())),
                theme.key(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [text, note] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
        frame.render_widget(&self.message, text);
        if let Some(error) = &self.error {
            frame.render_widget(
                Paragraph::new(Line::from(Span::styled(
                    sanitize_line(error),
                    theme.error(),
                )))
                .wrap(Wrap { trim: true }),
                note,
            );
        }
    }
}
