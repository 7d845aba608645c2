//! What changed since the last commit, in record terms (the words of `paraat
//! diff`), with the way on to committing it.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::sanitize::sanitize_line;
use crate::tui::component::{Context, Open, Outcome, Request};
use std::sync::mpsc::Receiver;

use crate::tui::git_view::{
    ChangesSince, changes_in_background, changes_since_head, changes_since_upstream,
};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::layout::centred;
use crate::tui::screen_text::{T, fill};

#[derive(Debug)]
pub struct ChangesPopup {
    /// Since the last commit (what a commit would record).
    pub since: ChangesSince,
    /// Against the upstream, once asked for: its name and the changes.
    pub upstream: Option<(Option<String>, ChangesSince)>,
    /// Showing the upstream comparison.
    pub against_upstream: bool,
    /// The comparison with the last commit while it is being made.
    pending: Option<Receiver<ChangesSince>>,
    /// The branch, for the title.
    pub branch: String,
    /// The session has unsaved edits (they are part of what is shown).
    pub unsaved: bool,
    pub scroll: usize,
}

impl ChangesPopup {
    /// Compares the last commit with the workbook on screen.
    pub fn new(cx: &Context) -> ChangesPopup {
        let not_in_git = || ChangesSince {
            note: Some(T::NotInGit.get(cx.lang()).to_owned()),
            ..ChangesSince::default()
        };
        let (since, pending) = match cx.git.root() {
            Some(root) => match changes_in_background(root, cx.workbook(), cx.today()) {
                Some(pending) => (
                    ChangesSince {
                        note: Some(T::ChangesComparing.get(cx.lang()).to_owned()),
                        ..ChangesSince::default()
                    },
                    Some(pending),
                ),
                None => (changes_since_head(root, cx.workbook(), cx.today()), None),
            },
            None => (not_in_git(), None),
        };
        let branch = cx
            .git
            .status()
            .and_then(|s| s.branch.clone())
            .unwrap_or_else(|| T::GitDetached.get(cx.lang()).to_owned());
        ChangesPopup {
            since,
            upstream: None,
            against_upstream: false,
            pending,
            branch,
            unsaved: !cx.session.dirty().is_empty(),
            scroll: 0,
        }
    }

    /// Takes the comparison when it has been made; true when it came now.
    pub fn poll(&mut self) -> bool {
        let Some(pending) = &self.pending else {
            return false;
        };
        match pending.try_recv() {
            Ok(since) => {
                self.since = since;
                self.pending = None;
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                false
            }
        }
    }

    /// Waits for the comparison (before committing, and in tests).
    pub fn wait(&mut self) {
        if let Some(pending) = self.pending.take()
            && let Ok(since) = pending.recv()
        {
            self.since = since;
        }
    }

    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::Changes]
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Command::Down) => self.scroll = (self.scroll + 1).min(self.lines(cx).len()),
            Some(Command::Commit) if cx.git.status().is_none() => {
                return Outcome::error(T::NotInGit.get(cx.lang()));
            }
            Some(Command::Commit) => {
                self.wait();
                return Outcome::of(Request::Close)
                    .and(Request::Open(Open::Commit(self.since.message.clone())));
            }
            Some(Command::SinceUpstream) => {
                if self.upstream.is_none()
                    && let Some(root) = cx.git.root()
                {
                    self.upstream = Some(changes_since_upstream(root, cx.workbook(), cx.today()));
                }
                self.against_upstream = !self.against_upstream;
                self.scroll = 0;
            }
            Some(Command::Cancel) => return Outcome::of(Request::Close),
            _ => {}
        }
        Outcome::none()
    }

    /// What is shown: since the last commit, or against the upstream.
    fn shown(&self) -> &ChangesSince {
        match (&self.upstream, self.against_upstream) {
            (Some((_, since)), true) => since,
            _ => &self.since,
        }
    }

    fn lines(&self, cx: &Context) -> Vec<Line<'static>> {
        let theme = cx.theme;
        let mut lines = Vec::new();
        if self.unsaved {
            lines.push(Line::from(Span::styled(
                T::ChangesUnsaved.get(cx.lang()),
                theme.muted(),
            )));
        }
        if let Some(note) = &self.shown().note {
            lines.push(Line::from(sanitize_line(note)));
        }
        for (heading, items) in &self.shown().sections {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::from(Span::styled(
                sanitize_line(heading),
                theme.heading(),
            )));
            for item in items {
                lines.push(Line::from(format!("  {}", sanitize_line(item))));
            }
        }
        lines
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        let screen = frame.area();
        let area = centred(
            screen,
            screen.width.saturating_sub(4),
            screen.height.saturating_sub(2),
        );
        frame.render_widget(Clear, area);
        let theme = cx.theme;
        let title = match (&self.upstream, self.against_upstream) {
            (Some((Some(name), _)), true) => fill(
                T::ChangesTitleUpstream.get(cx.lang()),
                &[name, &self.branch],
            ),
            _ => fill(T::ChangesTitle.get(cx.lang()), &[&self.branch]),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(" {} ", sanitize_line(&title)),
                theme.title(),
            ))
            .title_bottom(Span::styled(
                format!(" {} ", cx.keymap.hint_line(Keys::Changes, cx.lang())),
                theme.key(),
            ));
        frame.render_widget(
            Paragraph::new(self.lines(cx))
                .block(block)
                .wrap(Wrap { trim: false })
                .scroll((u16::try_from(self.scroll).unwrap_or(u16::MAX), 0)),
            area,
        );
    }
}
