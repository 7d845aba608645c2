//! A list as a table. Only the rows that fit are built into widgets, so drawing
//! costs the same for 100 records as for 10,000.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row as TableRow, Table, Wrap};

use crate::tui::component::Context;
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::lists::{Column, ListId, ListView, Tone, Width};
use crate::tui::screen_text::{T, fill};
use crate::tui::theme::Theme;

pub fn tone_style(theme: &Theme, tone: Tone) -> Style {
    match tone {
        Tone::Plain => Style::new(),
        Tone::Level(level) => theme.level(level),
        Tone::Severity(severity) => theme.severity(severity),
        Tone::Status(status) => theme.status(status),
        Tone::Answer(answer) => match answer {
            crate::model::Answer::Yes => theme.ok(),
            crate::model::Answer::Partly => theme.severity(crate::review::Severity::Warning),
            crate::model::Answer::No => theme.error(),
            _ => theme.muted(),
        },
        Tone::Muted => theme.muted(),
    }
}

/// The columns that fit in `width`: the id and the wide column always, the others
/// dropped from the right until the rest fits.
fn columns_that_fit(columns: &[Column], width: u16) -> Vec<usize> {
    const FILL_MIN: u16 = 16;
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let need = |shown: &[usize]| -> u16 {
        shown
            .iter()
            .map(|&c| match columns[c].width {
                Width::Fixed(n) => n + 1,
                Width::Fill => FILL_MIN + 1,
            })
            .sum()
    };
    while need(&shown) > width {
        let droppable = shown
            .iter()
            .rposition(|&c| c != 0 && columns[c].width != Width::Fill);
        match droppable {
            Some(at) => {
                shown.remove(at);
            }
            None => break,
        }
    }
    shown
}

fn rows_with<'a>(
    indexes: &[usize],
    shown: &[usize],
    theme: &Theme,
    list: &'a ListView,
    offset: usize,
) -> Vec<TableRow<'a>> {
    indexes
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let row = &list.rows[i];
            let selected = offset + n == list.selected;
            if row.header {
                // Drawn over the table, across its whole width.
                return TableRow::new(Vec::<Cell>::new());
            }
            let cells: Vec<Cell> = shown
                .iter()
                .map(|&c| {
                    let text = row.cells.get(c).map_or("", String::as_str);
                    let style = if c == row.tone_column {
                        tone_style(theme, row.tone)
                    } else {
                        Style::new()
                    };
                    Cell::from(Span::styled(text, style))
                })
                .collect();
            let row_widget = TableRow::new(cells);
            if selected {
                row_widget.style(theme.selected())
            } else {
                row_widget
            }
        })
        .collect()
}

/// Draws `list` with `title`; `focused` when it has the keyboard, `filtering`
/// while its filter is typed. `records` says whether records can be added here
/// (for the line shown on an empty list).
pub fn draw(
    frame: &mut Frame,
    cx: &Context,
    list: &ListView,
    title: String,
    focused: bool,
    filtering: bool,
    area: Rect,
) {
    let theme = cx.theme;
    let lang = cx.lang();
    let mut block = Block::default().borders(Borders::ALL).title(Span::styled(
        title,
        if focused {
            theme.title()
        } else {
            theme.heading()
        },
    ));
    if filtering || !list.filter.is_empty() {
        let cursor = if filtering { "▏" } else { "" };
        let hint = if filtering {
            format!(
                "{} · {}",
                T::FilterHint.get(lang),
                cx.keymap.hint_line(Keys::Filter, lang)
            )
        } else {
            String::new()
        };
        block = block.title_bottom(Line::from(vec![
            Span::styled(
                format!(
                    " / {}{cursor} ",
                    crate::sanitize::sanitize_line(&list.filter)
                ),
                theme.key(),
            ),
            Span::styled(hint, theme.muted()),
        ]));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height.saturating_sub(1));
    if list.visible.is_empty() {
        let text = if list.rows.is_empty() {
            let key = |keys: Keys, command: Command| {
                cx.keymap
                    .key_for(keys, command)
                    .map(|k| k.label(lang))
                    .unwrap_or_default()
            };
            // A list whose file did not load is empty for that reason, not because
            // there is nothing in it.
            let broken = (list.id != ListId::Findings)
                .then(|| cx.session.did_not_load_file(list.id.register()))
                .flatten();
            if let Some(error) = broken {
                fill(T::ListFileBroken.get(lang), &[&error.place()])
            } else if list.id == ListId::Incidents {
                fill(
                    T::NoIncidents.get(lang),
                    &[&key(Keys::Global, Command::Declare)],
                )
            } else if list.id.kind().is_some() {
                fill(T::EmptyList.get(lang), &[&key(Keys::Records, Command::Add)])
            } else {
                T::NoFindings.get(lang).to_owned()
            }
        } else {
            T::NoMatches.get(lang).to_owned()
        };
        // Wrapped: the reason a list is empty can be longer than a line.
        frame.render_widget(
            Paragraph::new(crate::sanitize::sanitize_line(&text))
                .style(theme.muted())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    // The selection is kept on screen by `update`; clamp in case the size changed since.
    let offset = list
        .offset
        .min(list.visible.len().saturating_sub(height.max(1)));
    let offset = if list.selected >= offset + height.max(1) {
        list.selected + 1 - height.max(1)
    } else {
        offset.min(list.selected)
    };
    let end = (offset + height).min(list.visible.len());
    let rows_cells: Vec<usize> = list.visible[offset..end].to_vec();
    let shown = columns_that_fit(&list.columns, inner.width);
    let widths: Vec<Constraint> = shown
        .iter()
        .map(|&c| match list.columns[c].width {
            Width::Fixed(n) => Constraint::Length(n),
            Width::Fill => Constraint::Fill(1),
        })
        .collect();
    let rows: Vec<TableRow> = rows_with(&rows_cells, &shown, theme, list, offset);
    let header = TableRow::new(
        shown
            .iter()
            .map(|&c| Cell::from(list.columns[c].title.clone()))
            .collect::<Vec<_>>(),
    )
    .style(theme.heading());
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);
    // Group headings (principle, phase) span the whole width.
    for (n, &i) in list.visible[offset..end].iter().enumerate() {
        let row = &list.rows[i];
        if row.header {
            let y = inner.y + 1 + n as u16;
            let line = Rect::new(inner.x, y, inner.width, 1);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    row.cells.first().cloned().unwrap_or_default(),
                    theme.heading().add_modifier(Modifier::UNDERLINED),
                )),
                line,
            );
        }
    }
}
