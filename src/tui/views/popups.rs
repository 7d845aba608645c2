//! Popups: help (built from the key map), forms with their pickers and lists,
//! and the questions (quit, delete, conflict, recovery).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::model::Language;
use crate::text::sanitize_line;
use crate::tui::app::{App, Popup};
use crate::tui::forms::{Editor, FieldKind, Form, display_value};
use crate::tui::keymap::Context;
use crate::tui::text::{T, fill};

use super::centred;
use super::detail::ref_label;

pub fn draw(frame: &mut Frame, app: &App) {
    let Some(popup) = &app.popup else {
        return;
    };
    let screen = frame.area();
    match popup {
        Popup::Help { scroll } => help(frame, app, screen, *scroll),
        Popup::Form(form, _) => draw_form(frame, app, form, screen, 0),
        Popup::Confirm { text, .. } => question(frame, app, "?", text, T::YesNo.get(app.lang)),
        Popup::Quit => {
            let files = app.dirty_files().join(", ");
            let text = if app.recovery_warning().is_some() {
                T::QuitUnprotected
            } else {
                T::QuitUnsaved
            };
            question(
                frame,
                app,
                "",
                &fill(text.get(app.lang), &[&files]),
                T::QuitChoices.get(app.lang),
            );
        }
        Popup::Conflict(conflicts) => {
            let files: Vec<&str> = conflicts.iter().map(|c| c.file.as_str()).collect();
            question(
                frame,
                app,
                T::ConflictTitle.get(app.lang),
                &fill(T::ConflictText.get(app.lang), &[&files.join(", ")]),
                T::ConflictChoices.get(app.lang),
            );
        }
        Popup::Recovery(edits) => question(
            frame,
            app,
            T::RecoveryTitle.get(app.lang),
            &fill(T::RecoveryText.get(app.lang), &[&edits.len().to_string()]),
            T::RecoveryChoices.get(app.lang),
        ),
        Popup::Diff {
            title,
            lines,
            scroll,
        } => diff(frame, app, title, lines, *scroll),
    }
}

fn question(frame: &mut Frame, app: &App, title: &str, text: &str, choices: &str) {
    let area = centred(frame.area(), 70, 10);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), app.theme.title()));
    let lines = vec![
        Line::from(sanitize_line(text)),
        Line::default(),
        Line::from(Span::styled(choices.to_owned(), app.theme.key())),
    ];
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

fn help(frame: &mut Frame, app: &App, screen: Rect, scroll: usize) {
    let lang = app.lang;
    let area = centred(screen, 76, screen.height.saturating_sub(2));
    frame.render_widget(Clear, area);
    let mut lines = Vec::new();
    // What the screen under the help offered: its own context, lists, everywhere.
    let mut shown: Vec<Context> = Vec::new();
    for context in contexts_without_popup(app) {
        if shown.contains(&context) {
            continue;
        }
        shown.push(context);
        let heading = match context {
            Context::Global => T::HelpEverywhere.get(lang),
            Context::List => T::HelpLists.get(lang),
            Context::Records => T::HelpRecords.get(lang),
            Context::IncidentLog => T::HelpLogLine.get(lang),
            _ => T::HelpHere.get(lang),
        };
        lines.push(Line::from(Span::styled(heading, app.theme.heading())));
        for (command, keys) in app.keymap.for_context(context) {
            let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keys.join(" ")), app.theme.key()),
                Span::raw(command.doc(lang)),
            ]));
        }
        lines.push(Line::default());
    }
    for context in [Context::Form, Context::Picker] {
        lines.push(Line::from(Span::styled(
            match (context, lang) {
                (Context::Form, Language::En) => "In forms",
                (Context::Form, Language::Nl) => "In formulieren",
                (_, Language::En) => "Choosing records",
                (_, Language::Nl) => "Records kiezen",
            },
            app.theme.heading(),
        )));
        for (command, keys) in app.keymap.for_context(context) {
            let keys: Vec<String> = keys.iter().map(|k| k.label()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keys.join(" ")), app.theme.key()),
                Span::raw(command.doc(lang)),
            ]));
        }
        lines.push(Line::default());
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" {} ", T::HelpTitle.get(lang)),
            app.theme.title(),
        ))
        .title_bottom(Span::styled(" Esc ", app.theme.key()));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        area,
    );
}

/// The contexts of the screen below any popup.
fn contexts_without_popup(app: &App) -> Vec<Context> {
    if app.incident.screen.is_some() {
        return vec![Context::Incident, Context::IncidentLog, Context::Global];
    }
    let mut list = Vec::new();
    let tab_context = match app.tab {
        crate::tui::app::Tab::Overview => Context::Overview,
        crate::tui::app::Tab::Checklist => Context::Answering,
        crate::tui::app::Tab::SelfCheck => Context::SelfCheck,
        crate::tui::app::Tab::Plan => Context::Plan,
        crate::tui::app::Tab::Risks => Context::Risks,
        crate::tui::app::Tab::Processes => Context::Processes,
        crate::tui::app::Tab::Contacts => Context::Contacts,
        crate::tui::app::Tab::Backups => Context::Backups,
        crate::tui::app::Tab::Incidents => Context::Incidents,
    };
    list.push(tab_context);
    if tab_context == Context::SelfCheck {
        list.push(Context::Answering);
    }
    if app.tab == crate::tui::app::Tab::Risks {
        list.push(Context::HeatMap);
    }
    if app.current_list_id().kind().is_some() {
        list.push(Context::Records);
    }
    list.push(Context::List);
    list.push(Context::Global);
    list
}

fn field_height(form: &Form, index: usize) -> u16 {
    let field = &form.fields[index];
    let value_lines = match (&field.spec.kind, &field.editor) {
        (FieldKind::Multi, Editor::Text(area)) => {
            area.lines().len().clamp(1, 4) as u16 + u16::from(index == form.focus)
        }
        _ => 1,
    };
    1 + value_lines + u16::from(field.error.is_some())
}

fn draw_form(frame: &mut Frame, app: &App, form: &Form, screen: Rect, depth: u16) {
    let lang = app.lang;
    let theme = &app.theme;
    let width = screen.width.saturating_sub(4 + depth * 4).min(100);
    let height = screen.height.saturating_sub(2 + depth * 2);
    let area = centred(screen, width, height);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" {} ", sanitize_line(&form.title)),
            theme.title(),
        ))
        .title_bottom(Span::styled(
            format!(" {} ", T::FormHint.get(lang)),
            theme.muted(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    // The message line at the bottom.
    let message_area = Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1);
    let body = Rect::new(inner.x, inner.y, inner.width, inner.height - 1);
    if form.confirm_discard {
        frame.render_widget(
            Paragraph::new(format!(
                "{} ({})",
                T::DiscardForm.get(lang),
                T::YesNo.get(lang)
            ))
            .style(theme.error()),
            message_area,
        );
    } else if let Some(message) = &form.message {
        frame.render_widget(
            Paragraph::new(sanitize_line(message)).style(theme.error()),
            message_area,
        );
    }
    // Scroll so the focused field shows.
    let heights: Vec<u16> = (0..form.fields.len())
        .map(|i| field_height(form, i))
        .collect();
    let mut first = 0;
    loop {
        let used: u16 = heights[first..=form.focus.min(heights.len().saturating_sub(1)).max(first)]
            .iter()
            .sum();
        if used <= body.height || first >= form.focus {
            break;
        }
        first += 1;
    }
    let label_of = |kind, id: &crate::model::Id| sanitize_line(&ref_label(&app.workbook, kind, id));
    let mut y = body.y;
    for (index, field) in form.fields.iter().enumerate().skip(first) {
        let h = heights[index];
        if y + h > body.y + body.height {
            break;
        }
        let focused = index == form.focus;
        let mark = if field.spec.required { " *" } else { "" };
        let label_style = if focused {
            theme.key()
        } else {
            theme.heading()
        };
        let pointer = if focused { "▶ " } else { "  " };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("{pointer}{}{mark}", sanitize_line(&field.spec.label)),
                label_style,
            )),
            Rect::new(body.x, y, body.width, 1),
        );
        let value_area = Rect::new(
            body.x + 4,
            y + 1,
            body.width.saturating_sub(4),
            h - 1 - u16::from(field.error.is_some()),
        );
        match (&field.editor, focused) {
            (Editor::Text(area), true) => {
                let mut area = area.clone();
                area.set_cursor_line_style(Style::new());
                area.set_style(theme.selected());
                frame.render_widget(&area, value_area);
            }
            _ => {
                let text = display_value(field, lang, &label_of);
                let style = if focused {
                    theme.selected()
                } else {
                    Style::new()
                };
                let shown: Vec<Line> = crate::text::sanitize_text(&text)
                    .split('\n')
                    .take(usize::from(value_area.height))
                    .map(|l| Line::from(l.to_owned()))
                    .collect();
                frame.render_widget(Paragraph::new(shown).style(style), value_area);
            }
        }
        if let Some(error) = &field.error {
            frame.render_widget(
                Paragraph::new(format!("✗ {}", sanitize_line(error))).style(theme.error()),
                Rect::new(body.x + 4, y + h - 1, body.width.saturating_sub(4), 1),
            );
        }
        y += h;
    }
    if let Some(picker) = &form.picker {
        draw_picker(frame, app, picker, screen);
    }
    if let Some(items) = &form.items {
        let Some(field) = form.fields.get(items.field) else {
            return;
        };
        if let (FieldKind::Items(spec), Editor::Items(values)) = (&field.spec.kind, &field.editor) {
            let area = centred(
                screen,
                width.saturating_sub(6),
                (values.len() as u16 + 4).clamp(6, height),
            );
            frame.render_widget(Clear, area);
            let block = Block::default()
                .borders(Borders::ALL)
                .title(Span::styled(
                    format!(" {} ", sanitize_line(&field.spec.label)),
                    theme.title(),
                ))
                .title_bottom(Span::styled(
                    format!(" {} ", T::ItemsHint.get(lang)),
                    theme.muted(),
                ));
            let lines: Vec<Line> = if values.is_empty() {
                vec![Line::from(Span::styled(
                    T::NoneChosen.get(lang),
                    theme.muted(),
                ))]
            } else {
                values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let text = sanitize_line(&(spec.summary)(v, lang));
                        if i == items.selected {
                            Line::from(Span::styled(format!("▶ {text}"), theme.selected()))
                        } else {
                            Line::from(format!("  {text}"))
                        }
                    })
                    .collect()
            };
            frame.render_widget(Paragraph::new(lines).block(block), area);
            if let Some((_, sub)) = &items.sub {
                draw_form(frame, app, sub, screen, depth + 1);
            }
        }
    }
}

fn draw_picker(frame: &mut Frame, app: &App, picker: &crate::tui::forms::Picker, screen: Rect) {
    let lang = app.lang;
    let theme = &app.theme;
    let area = centred(
        screen,
        screen.width.saturating_sub(10).min(80),
        screen.height.saturating_sub(4).min(20),
    );
    frame.render_widget(Clear, area);
    let hint = if picker.multi {
        T::PickerMultiHint
    } else {
        T::PickerHint
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" / {}▏ ", sanitize_line(&picker.query)),
            theme.key(),
        ))
        .title_bottom(Span::styled(format!(" {} ", hint.get(lang)), theme.muted()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let offset = picker.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = picker
        .visible
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(n, &i)| {
            let (id, label) = &picker.options[i];
            let mark = if picker.multi {
                if id.as_ref().is_some_and(|id| picker.chosen.contains(id)) {
                    "[x] "
                } else {
                    "[ ] "
                }
            } else {
                ""
            };
            let text = format!("{mark}{label}");
            if n == picker.selected {
                Line::from(Span::styled(text, theme.selected()))
            } else {
                Line::from(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn diff(frame: &mut Frame, app: &App, title: &str, lines: &[(char, String)], scroll: usize) {
    let screen = frame.area();
    let area = centred(
        screen,
        screen.width.saturating_sub(4),
        screen.height.saturating_sub(2),
    );
    frame.render_widget(Clear, area);
    let theme = &app.theme;
    let shown: Vec<Line> = lines
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
            format!(" {} ", sanitize_line(title)),
            theme.title(),
        ))
        .title_bottom(Span::styled(" ↑↓ · Esc ", theme.key()));
    frame.render_widget(
        Paragraph::new(shown)
            .block(block)
            .scroll((scroll as u16, 0)),
        area,
    );
}
