//! Find anyone from anywhere: type a name, part of one, an id or a number, and
//! the contacts, suppliers, systems and processes that match show at once, best
//! first, each with whom to call and the numbers to dial. Enter goes to the
//! record. The search is `find::find`, the same as `paraat find`.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::find;
use crate::model::{Language, RecordRef, Workbook};
use crate::sanitize::sanitize_line;
use crate::tui::component::{Context, Outcome, Request};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::layout::centred;
use crate::tui::screen_text::{T, fill};

/// One hit as the popup shows it: plain text, worked out when the query changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub record: RecordRef,
    /// "C-012 Hanzeborg ICT on-call engineer · contact"
    pub title: String,
    /// What it is (role, service, location).
    pub about: String,
    /// Whom to call: a heading (for a supplier, system or process), the numbers,
    /// and the way to reach them without a network.
    pub calls: Vec<(Option<String>, String, Option<String>)>,
}

impl Found {
    fn of(hit: &find::Hit, lang: Language) -> Found {
        let calls = if hit.callees.is_empty() {
            vec![(None, find::call::nobody(hit.record.kind, lang), None)]
        } else {
            hit.callees
                .iter()
                .map(|c| {
                    (
                        c.heading(lang),
                        c.numbers_line(lang),
                        c.out_of_band_line(lang),
                    )
                })
                .collect()
        };
        Found {
            record: hit.record.clone(),
            title: format!(
                "{} {} · {}",
                hit.record.id,
                hit.name,
                hit.record.kind.noun(lang)
            ),
            about: hit.about.clone(),
            calls,
        }
    }

    /// The lines of this hit; the selected one shows the way without a network too.
    fn lines(&self, selected: bool) -> Vec<(String, bool)> {
        let mut out = vec![(self.title.clone(), true)];
        if selected && !self.about.is_empty() {
            out.push((format!("  {}", self.about), false));
        }
        for (heading, numbers, out_of_band) in &self.calls {
            if let Some(heading) = heading {
                out.push((format!("  → {heading}"), false));
            }
            out.push((format!("    ☎ {numbers}"), false));
            if selected && let Some(line) = out_of_band {
                out.push((format!("    {line}"), false));
            }
        }
        out
    }
}

#[derive(Debug, Default)]
pub struct FindPopup {
    pub query: String,
    pub found: Vec<Found>,
    pub selected: usize,
}

impl FindPopup {
    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::Find]
    }

    /// Finds again after the query changed.
    fn search(&mut self, workbook: &Workbook, lang: Language) {
        self.found = find::find(workbook, &self.query)
            .iter()
            .map(|hit| Found::of(hit, lang))
            .collect();
        self.selected = 0;
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::Cancel) => return Outcome::of(Request::Close),
            Some(Command::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Command::Down) => {
                self.selected = (self.selected + 1).min(self.found.len().saturating_sub(1))
            }
            Some(Command::GoTo) => {
                return match self.found.get(self.selected) {
                    Some(found) => {
                        Outcome::of(Request::Close).and(Request::GoTo(found.record.clone()))
                    }
                    None => Outcome::none(),
                };
            }
            _ => match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    self.query.push(c);
                    self.search(cx.workbook(), cx.lang());
                }
                KeyCode::Backspace => {
                    self.query.pop();
                    self.search(cx.workbook(), cx.lang());
                }
                _ => {}
            },
        }
        Outcome::none()
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        let lang = cx.lang();
        let theme = cx.theme;
        let screen = frame.area();
        let area = centred(
            screen,
            screen.width.saturating_sub(2).min(100),
            screen.height.saturating_sub(2),
        );
        frame.render_widget(Clear, area);
        let width = usize::from(area.width.saturating_sub(4));
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(
                format!(
                    " {} / {}▏ ",
                    T::FindTitle.get(lang),
                    sanitize_line(&self.query)
                ),
                theme.key(),
            ))
            .title_bottom(Span::styled(
                format!(" {} ", cx.keymap.hint_line_within(Keys::Find, lang, width)),
                theme.muted(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.query.trim().is_empty() {
            frame.render_widget(
                Paragraph::new(T::FindHint.get(lang))
                    .style(theme.muted())
                    .wrap(Wrap { trim: true }),
                inner,
            );
            return;
        }
        if self.found.is_empty() {
            frame.render_widget(
                Paragraph::new(fill(
                    T::FindNothing.get(lang),
                    &[&sanitize_line(&self.query)],
                ))
                .style(theme.muted()),
                inner,
            );
            return;
        }
        // From the first hit on, or so far on that the selected one shows whole.
        let height = usize::from(inner.height);
        let blocks: Vec<Vec<(String, bool)>> = self
            .found
            .iter()
            .enumerate()
            .map(|(i, f)| f.lines(i == self.selected))
            .collect();
        let mut first = 0;
        while first < self.selected
            && blocks[first..=self.selected]
                .iter()
                .map(Vec::len)
                .sum::<usize>()
                > height
        {
            first += 1;
        }
        let mut lines: Vec<Line> = Vec::new();
        for (i, block) in blocks.iter().enumerate().skip(first) {
            let selected = i == self.selected;
            for (text, title) in block {
                let text = sanitize_line(text);
                let line = match (selected, *title) {
                    (true, true) => Line::from(Span::styled(format!("▶ {text}"), theme.selected())),
                    (false, true) => Line::from(Span::styled(format!("  {text}"), theme.heading())),
                    (_, false) => Line::from(format!("  {text}")),
                };
                lines.push(line);
            }
            if lines.len() >= height {
                break;
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
