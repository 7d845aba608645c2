//! The table of the current list. Only the rows that fit are built into widgets,
//! so drawing costs the same for 100 records as for 10,000.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row as TableRow, Table};

use crate::tui::app::App;
use crate::tui::rows::{ListId, Tone, Width};
use crate::tui::text::{T, fill};
use crate::tui::theme::Theme;

fn list_title(app: &App, id: ListId) -> String {
    let lang = app.lang;
    let base = match id {
        ListId::Findings => T::NeedsAttention.get(lang),
        ListId::Systems => T::Systems.get(lang),
        ListId::Suppliers => T::Suppliers.get(lang),
        _ => app.tab.title(lang),
    };
    let list = app.list(id);
    let mut title = format!(" {base} ({}) ", list.record_count());
    // Overall progress of the lists that are answered.
    let progress = app.overview.progress;
    let answered = match id {
        ListId::Checklist => Some(progress.checklist),
        ListId::SelfCheck => Some(progress.selfcheck),
        _ => None,
    };
    if let Some(count) = answered {
        title.push_str(&format!(
            "· {} ",
            fill(
                T::Answered.get(lang),
                &[&count.done.to_string(), &count.total.to_string()]
            )
        ));
    }
    if id == ListId::Processes || id == ListId::Systems || id == ListId::Suppliers {
        let names = [
            (ListId::Processes, app.tab.title(lang)),
            (ListId::Systems, T::Systems.get(lang)),
            (ListId::Suppliers, T::Suppliers.get(lang)),
        ];
        let tabs: Vec<String> = names
            .iter()
            .map(|(l, n)| {
                if *l == id {
                    format!("[{n}]")
                } else {
                    (*n).to_owned()
                }
            })
            .collect();
        title = format!(" {} ({}) ", tabs.join(" "), list.record_count());
    }
    if let Some((column, descending)) = list.sort
        && let Some(col) = list.columns.get(column)
    {
        let arrow = if descending { "↓" } else { "↑" };
        title.push_str(&format!(
            "· {} {arrow} ",
            fill(T::SortedBy.get(lang), &[&col.title])
        ));
    }
    if let Some((l, i, residual)) = list.cell {
        let which = if residual { T::Residual } else { T::Current }.get(lang);
        title.push_str(&format!(
            "· {} ({which}) ",
            fill(T::CellFilter.get(lang), &[&l.to_string(), &i.to_string()])
        ));
    }
    title
}

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
fn columns_that_fit(columns: &[crate::tui::rows::Column], width: u16) -> Vec<usize> {
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
    list: &'a crate::tui::rows::ListView,
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

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let id = app.current_list_id();
    let list = app.list(id);
    let theme = &app.theme;
    let focused = app.heat_map.is_none();
    let mut block = Block::default().borders(Borders::ALL).title(Span::styled(
        list_title(app, id),
        if focused {
            theme.title()
        } else {
            theme.heading()
        },
    ));
    if app.filtering || !list.filter.is_empty() {
        let cursor = if app.filtering { "▏" } else { "" };
        block = block.title_bottom(Line::from(vec![
            Span::styled(
                format!(" / {}{cursor} ", crate::text::sanitize_line(&list.filter)),
                theme.key(),
            ),
            Span::styled(
                if app.filtering {
                    T::FilterHint.get(app.lang)
                } else {
                    ""
                },
                theme.muted(),
            ),
        ]));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height.saturating_sub(1));
    if list.visible.is_empty() {
        let text = if list.rows.is_empty() {
            let key = app
                .keymap
                .key_for(
                    crate::tui::keymap::Context::List,
                    crate::tui::keymap::Command::Add,
                )
                .map(|k| k.label())
                .unwrap_or_default();
            // A list whose file did not load is empty for that reason, not because
            // there is nothing in it.
            let broken = id.kind().and_then(|kind| {
                let file = crate::store::layout::file_of(kind, "");
                app.broken.iter().find(|e| e.file() == file)
            });
            if let Some(error) = broken {
                let place = match error.line() {
                    Some(line) => format!("{}:{line}", error.file()),
                    None => error.file().to_owned(),
                };
                fill(T::ListFileBroken.get(app.lang), &[&place])
            } else if id.kind().is_some() {
                fill(T::EmptyList.get(app.lang), &[&key])
            } else {
                T::NoFindings.get(app.lang).to_owned()
            }
        } else {
            T::NoMatches.get(app.lang).to_owned()
        };
        frame.render_widget(Paragraph::new(text).style(theme.muted()), inner);
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
