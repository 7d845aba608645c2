//! The difference between a file on disk and what the session would write, read
//! before choosing; Esc goes back to the choice.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::sanitize::sanitize_line;
use crate::store::Conflict;
use crate::tui::component::{Context, Open, Outcome, Request};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::layout::centred;
use crate::tui::screen_text::{T, fill};

#[derive(Debug)]
pub struct DiffPopup {
    pub title: String,
    /// Each line with its sign: `-` theirs, `+` ours, `#` a file, `~` a gap.
    pub lines: Vec<(char, String)>,
    pub scroll: usize,
    /// The choice to come back to.
    pub conflicts: Vec<Conflict>,
}

impl DiffPopup {
    pub fn new(conflicts: Vec<Conflict>, cx: &Context) -> DiffPopup {
        let files: Vec<String> = conflicts.iter().map(|c| c.file.clone()).collect();
        let mut lines = Vec::new();
        for conflict in &conflicts {
            lines.push(('#', conflict.file.clone()));
            let theirs = conflict.on_disk.clone().unwrap_or_default();
            let diff = similar::TextDiff::from_lines(&theirs, &conflict.ours);
            for group in diff.grouped_ops(2) {
                for op in group {
                    for change in diff.iter_changes(&op) {
                        let sign = match change.tag() {
                            similar::ChangeTag::Delete => '-',
                            similar::ChangeTag::Insert => '+',
                            similar::ChangeTag::Equal => ' ',
                        };
                        lines.push((sign, change.value().trim_end_matches('\n').to_owned()));
                    }
                }
                lines.push(('~', String::new()));
            }
        }
        DiffPopup {
            title: fill(T::DiffTitle.get(cx.lang()), &[&files.join(", ")]),
            lines,
            scroll: 0,
            conflicts,
        }
    }

    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::Diff]
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Command::Down) => self.scroll += 1,
            Some(Command::Cancel) => {
                return Outcome::of(Request::Close).and(Request::Open(Open::Conflict(
                    std::mem::take(&mut self.conflicts),
                )));
            }
            _ => {}
        }
        Outcome::none()
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
        let shown: Vec<Line> = self
            .lines
            .iter()
            .map(|(sign, text)| {
                let text = sanitize_line(text);
                match sign {
                    '-' => Line::from(Span::styled(format!("- {text}"), theme.error())),
                    '+' => Line::from(Span::styled(format!("+ {text}"), theme.ok())),
                    '#' => Line::from(Span::styled(text, theme.heading())),
                    '~' => Line::from(Span::styled("  ⋯", theme.muted())),
                    _ => Line::from(format!("  {text}")),
                }
            })
            .collect();
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(" {} ", sanitize_line(&self.title)),
                theme.title(),
            ))
            .title_bottom(Span::styled(
                format!(" {} ", cx.keymap.hint_line(Keys::Diff, cx.lang())),
                theme.key(),
            ));
        frame.render_widget(
            Paragraph::new(shown)
                .block(block)
                .scroll((self.scroll as u16, 0)),
            area,
        );
    }
}
