//! The values a merge left to choose between: every conflicting field with the
//! value the file holds and the other side's, and a key for each.
//!
//! The choice is the workbook operation `model::ops::conflicts::choose`, applied
//! through the session like every edit (so it can be undone, is in the recovery
//! file, and is saved with the rest). The list is read from the workbook each
//! time, so it shrinks as conflicts are settled.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use serde_json::Value;

use crate::changes::words::value_text;
use crate::model::conflict::{Choice, Conflict, value_at};
use crate::model::ops::{self, conflicts};
use crate::model::renumber::kind_of_id;
use crate::model::{Language, RecordKind, Workbook};
use crate::sanitize::sanitize_line;
use crate::tui::component::{Context, Outcome, Request};
use crate::tui::forms::specs::to_json;
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::layout::centred;
use crate::tui::screen_text::{T, fill};

/// One thing to choose: a field of a conflict entry, or a whole entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choosable {
    pub file: String,
    pub index: usize,
    /// The field, or `None` for the whole entry (a record deleted on one side).
    pub field: Option<String>,
    /// What it is about: `R-002 likelihood`, `paraat.ron review_cycle`.
    pub what: String,
    pub kept: String,
    pub kept_side: String,
    pub other: String,
    pub other_side: String,
    /// A renumbering: nothing to choose here (`paraat git resolve` finishes it).
    pub renumbered: bool,
}

/// Everything left to choose in the workbook, file by file.
pub fn choosables(workbook: &Workbook, lang: Language) -> Vec<Choosable> {
    let mut out = Vec::new();
    for (file, list) in &workbook.conflicts {
        for (index, conflict) in list.iter().enumerate() {
            match conflict {
                Conflict::Changed {
                    record,
                    fields,
                    kept,
                    other_side,
                    other,
                } => {
                    let kind = record.as_ref().and_then(|id| kind_of_id(id.as_str()));
                    let mine = current(workbook, file, kind, record.as_ref().map(|r| r.as_str()));
                    let theirs = other.as_ref().and_then(|o| o.to_json().ok());
                    let name = record
                        .as_ref()
                        .map_or_else(|| file.clone(), |r| r.to_string());
                    let base = Choosable {
                        file: file.clone(),
                        index,
                        field: None,
                        what: name.clone(),
                        kept: String::new(),
                        kept_side: kept.clone(),
                        other: String::new(),
                        other_side: other_side.clone(),
                        renumbered: false,
                    };
                    if fields.is_empty() {
                        out.push(Choosable {
                            what: format!("{name}: {}", T::MergeDeleteChanged.get(lang)),
                            kept: T::MergeKeptRecord.get(lang).to_owned(),
                            other: T::MergeDeletedThere.get(lang).to_owned(),
                            ..base
                        });
                        continue;
                    }
                    for field in fields {
                        let shown =
                            |json: Option<&Value>| match json.and_then(|v| value_at(v, field)) {
                                None | Some(Value::Null) => T::MergeNothing.get(lang).to_owned(),
                                Some(value) => match kind {
                                    Some(kind) => value_text(kind, field, value, lang),
                                    None => value.to_string(),
                                },
                            };
                        out.push(Choosable {
                            field: Some(field.clone()),
                            what: format!(
                                "{name} {}",
                                crate::changes::words::field_label(field, lang)
                            ),
                            kept: shown(mine.as_ref()),
                            other: shown(theirs.as_ref()),
                            ..base.clone()
                        });
                    }
                }
                Conflict::Renumbered { record, was, .. } => out.push(Choosable {
                    file: file.clone(),
                    index,
                    field: None,
                    what: fill(
                        T::MergeRenumbered.get(lang),
                        &[record.as_str(), was.as_str()],
                    ),
                    kept: String::new(),
                    kept_side: String::new(),
                    other: String::new(),
                    other_side: String::new(),
                    renumbered: true,
                }),
            }
        }
    }
    out
}

/// The record (or the file's own fields) as it is now, as JSON.
fn current(
    workbook: &Workbook,
    file: &str,
    kind: Option<RecordKind>,
    id: Option<&str>,
) -> Option<Value> {
    match (kind, id) {
        (Some(kind), Some(id)) => ops::find(workbook, kind, id).map(|l| to_json(&l.record)),
        _ => match file {
            "paraat.ron" => serde_json::to_value(&workbook.manifest).ok(),
            "plan.ron" => serde_json::to_value(&workbook.plan).ok(),
            "contacts.ron" => serde_json::to_value(&workbook.contacts).ok(),
            _ => None,
        },
    }
}

#[derive(Debug, Default)]
pub struct MergePopup {
    pub selected: usize,
}

impl MergePopup {
    pub fn contexts(&self) -> Vec<Keys> {
        vec![Keys::MergeConflicts]
    }

    pub fn key(&mut self, key: KeyEvent, cx: &Context) -> Outcome {
        let lang = cx.lang();
        let list = choosables(cx.workbook(), lang);
        let choice = match cx.keymap.lookup(&self.contexts(), &key) {
            Some(Command::Up) => {
                self.selected = self.selected.saturating_sub(1);
                return Outcome::none();
            }
            Some(Command::Down) => {
                self.selected = (self.selected + 1).min(list.len().saturating_sub(1));
                return Outcome::none();
            }
            Some(Command::Cancel) => return Outcome::of(Request::Close),
            Some(Command::KeepValue) => Choice::Kept,
            Some(Command::TakeOther) => Choice::Other,
            _ => return Outcome::none(),
        };
        let Some(item) = list.get(self.selected.min(list.len().saturating_sub(1))) else {
            return Outcome::info(T::MergeNone.get(lang));
        };
        if let Err(refused) = cx.session.can_edit() {
            return Outcome::of(Request::Show(refused));
        }
        match conflicts::choose(
            cx.workbook(),
            &item.file,
            item.index,
            item.field.as_deref(),
            choice,
        ) {
            Ok(edit) => {
                let value = match choice {
                    Choice::Kept => &item.kept,
                    Choice::Other => &item.other,
                };
                let message = fill(T::MergeChosen.get(lang), &[&item.what, value]);
                if self.selected + 1 >= list.len() {
                    self.selected = self.selected.saturating_sub(1);
                }
                let chosen = Request::Edit {
                    edit,
                    message: Some(message),
                    select: None,
                };
                // The last choice closes the list, so the message shows.
                if list.len() == 1 {
                    Outcome::of(Request::Close).and(chosen)
                } else {
                    Outcome::of(chosen)
                }
            }
            Err(e) => Outcome::error(e.message(lang)),
        }
    }

    pub fn draw(&self, frame: &mut Frame, cx: &Context) {
        let lang = cx.lang();
        let theme = cx.theme;
        let list = choosables(cx.workbook(), lang);
        let screen = frame.area();
        let area = centred(
            screen,
            screen.width.saturating_sub(4),
            screen.height.saturating_sub(2),
        );
        frame.render_widget(Clear, area);
        let mut lines = Vec::new();
        if list.is_empty() {
            lines.push(Line::from(T::MergeNone.get(lang)));
        }
        let selected = self.selected.min(list.len().saturating_sub(1));
        let mut first_line_of_selected = 0;
        let mut file = None;
        for (i, item) in list.iter().enumerate() {
            if file != Some(&item.file) {
                if file.is_some() {
                    lines.push(Line::default());
                }
                lines.push(Line::from(Span::styled(
                    sanitize_line(&item.file),
                    theme.heading(),
                )));
                file = Some(&item.file);
            }
            let mark = if i == selected { "▶ " } else { "  " };
            let style = if i == selected {
                theme.selected()
            } else {
                ratatui::style::Style::new()
            };
            if i == selected {
                first_line_of_selected = lines.len();
            }
            lines.push(Line::from(Span::styled(
                format!("{mark}{}", sanitize_line(&item.what)),
                style,
            )));
            if item.renumbered {
                continue;
            }
            let side = |label: T, side: &str, value: &str| {
                Line::from(vec![
                    Span::styled(
                        format!("    {}: ", fill(label.get(lang), &[&sanitize_line(side)])),
                        theme.muted(),
                    ),
                    Span::raw(sanitize_line(value)),
                ])
            };
            lines.push(side(T::MergeKept, &item.kept_side, &item.kept));
            lines.push(side(T::MergeOther, &item.other_side, &item.other));
        }
        let title = fill(T::MergeTitle.get(lang), &[&list.len().to_string()]);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(format!(" {title} "), theme.title()))
            .title_bottom(Span::styled(
                format!(" {} ", cx.keymap.hint_line(Keys::MergeConflicts, lang)),
                theme.key(),
            ));
        let height = usize::from(area.height.saturating_sub(2));
        let scroll = (first_line_of_selected + 3).saturating_sub(height);
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false })
                .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
            area,
        );
    }
}
