//! Drawing: a pure function of the app state. Layout is computed from the terminal
//! size alone, so mouse clicks are mapped with the same numbers that drew the screen.

mod detail;
pub mod incident;
mod list;
mod popups;
mod side;

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::text::sanitize_line;
use crate::tui::app::{App, Tab};
use crate::tui::keymap::Command;
use crate::tui::text::{T, fill};
use crate::tui::update::contexts;

/// Where each part of the screen goes.
#[derive(Clone, Copy, Debug)]
pub struct Areas {
    pub tabs: Rect,
    pub banner: Option<Rect>,
    pub list: Rect,
    pub side: Rect,
    pub status: Rect,
}

/// Whether the screen is wide enough for list and details side by side.
pub fn wide(app: &App) -> bool {
    app.size.0 >= 100
}

pub fn layout(app: &App) -> Areas {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let banner = usize::from(banner_text(app).is_some());
    let rows = Layout::default()
        .direction(Direction::Vertical)
        .constraints([
            Constraint::Length(1),
            Constraint::Length(banner as u16),
            Constraint::Min(3),
            Constraint::Length(2),
        ])
        .split(area);
    let body = rows[2];
    let split = if wide(app) {
        Layout::default()
            .direction(Direction::Horizontal)
            .constraints([Constraint::Percentage(58), Constraint::Percentage(42)])
            .split(body)
    } else {
        Layout::default()
            .direction(Direction::Vertical)
            .constraints([Constraint::Percentage(55), Constraint::Percentage(45)])
            .split(body)
    };
    Areas {
        tabs: rows[0],
        banner: (banner > 0).then_some(rows[1]),
        list: split[0],
        side: split[1],
        status: rows[3],
    }
}

/// How many rows of the current list fit on screen.
pub fn list_height(app: &App) -> usize {
    usize::from(layout(app).list.height.saturating_sub(3))
}

/// The labels of the tab bar; on a narrow screen the other tabs' names are shortened.
fn tab_labels(app: &App) -> Vec<String> {
    let full: Vec<String> = Tab::ALL
        .iter()
        .map(|tab| format!(" {} {} ", tab.index() + 1, tab.title(app.lang)))
        .collect();
    let total: usize = full.iter().map(|l| l.chars().count() + 1).sum();
    let width = usize::from(app.size.0);
    if total <= width {
        return full;
    }
    let active = full[app.tab.index()].chars().count() + 1;
    let others = Tab::ALL.len() - 1;
    // " 5 Risk " = number, space, name, two pads, separator.
    let room = width.saturating_sub(active) / others;
    let name_room = room.saturating_sub(5).max(1);
    Tab::ALL
        .iter()
        .map(|tab| {
            if *tab == app.tab {
                full[tab.index()].clone()
            } else {
                let name: String = tab.title(app.lang).chars().take(name_room).collect();
                format!(" {} {name} ", tab.index() + 1)
            }
        })
        .collect()
}

/// The tab at column `x` of the tab bar.
pub fn tab_at(app: &App, x: u16) -> Option<Tab> {
    let mut start = 0u16;
    for (tab, label) in Tab::ALL.iter().zip(tab_labels(app)) {
        let width = label.chars().count() as u16;
        if x >= start && x < start + width {
            return Some(*tab);
        }
        start += width + 1;
    }
    None
}

/// Whether the incident screen keeps a warning line above it.
pub fn incident_warning(app: &App) -> bool {
    !app.broken.is_empty() || app.recovery_warning().is_some()
}

fn banner_text(app: &App) -> Option<(String, bool)> {
    // Unsaved work a crash would lose comes first: it stays up until it is safe.
    if let Some(warning) = app.recovery_warning() {
        return Some((warning, true));
    }
    if !app.broken.is_empty()
        && let Some(reason) = &app.read_only
    {
        return Some((fill(T::ReadOnly.get(app.lang), &[reason]), true));
    }
    if let Some(incident) = app.workbook.active_incident() {
        let mut text = fill(
            T::ActiveIncident.get(app.lang),
            &[&incident.title, &incident.declared_at.to_string()],
        );
        if let Some(key) = app
            .keymap
            .key_for(crate::tui::keymap::Context::Global, Command::OpenIncident)
        {
            text.push_str(&fill(T::OpenWithKey.get(app.lang), &[&key.label()]));
        }
        return Some((text, true));
    }
    if let Some(reason) = &app.read_only {
        return Some((fill(T::ReadOnly.get(app.lang), &[reason]), false));
    }
    if app.scratch {
        return Some((
            fill(
                T::ScratchCopy.get(app.lang),
                &[&app.root.display().to_string()],
            ),
            false,
        ));
    }
    None
}

/// The first frame, drawn before the workbook is loaded (the workbook's language is
/// not known yet, so it speaks both).
pub fn loading(frame: &mut Frame, root: &std::path::Path) {
    let area = frame.area();
    let shown = sanitize_line(&root.display().to_string());
    let lines = vec![
        Line::from(Span::styled(
            "paraat",
            Style::new().add_modifier(ratatui::style::Modifier::BOLD),
        )),
        Line::from(fill(T::Loading.get(crate::model::Language::En), &[&shown])),
        Line::from(fill(T::Loading.get(crate::model::Language::Nl), &[&shown])),
    ];
    frame.render_widget(Paragraph::new(lines), centred(area, area.width.min(100), 3));
}

pub fn draw(frame: &mut Frame, app: &App) {
    let areas = layout(app);
    draw_tabs(frame, app, areas.tabs);
    if app.incident.screen.is_some() {
        // The incident screen takes everything between the tab bar and the status
        // lines; its own first line says which incident it is. A warning that
        // must not be missed (a file that did not load, unsaved work a crash
        // would lose) keeps one line above it.
        let mut top = areas.tabs.y + areas.tabs.height;
        if incident_warning(app)
            && let Some((text, _)) = banner_text(app)
        {
            let line = Rect::new(areas.tabs.x, top, areas.tabs.width, 1);
            frame.render_widget(
                Paragraph::new(sanitize_line(&text)).style(app.theme.alert()),
                line,
            );
            top += 1;
        }
        let body = Rect::new(
            areas.tabs.x,
            top,
            areas.tabs.width,
            areas.status.y.saturating_sub(top),
        );
        incident::draw(frame, app, body);
        draw_status(frame, app, areas.status);
        popups::draw(frame, app);
        return;
    }
    if let (Some(area), Some((text, alert))) = (areas.banner, banner_text(app)) {
        let style = if alert {
            app.theme.alert()
        } else {
            app.theme.banner()
        };
        frame.render_widget(Paragraph::new(sanitize_line(&text)).style(style), area);
    }
    list::draw(frame, app, areas.list);
    side::draw(frame, app, areas.side);
    draw_status(frame, app, areas.status);
    popups::draw(frame, app);
}

fn draw_tabs(frame: &mut Frame, app: &App, area: Rect) {
    let mut spans = Vec::new();
    for (tab, label) in Tab::ALL.iter().zip(tab_labels(app)) {
        let style = if *tab == app.tab {
            app.theme.active_tab()
        } else {
            Style::new()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    let name = sanitize_line(&app.workbook.manifest.organisation.name);
    let state = if app.dirty.is_empty() {
        Span::styled(format!("✓ {}", T::AllSaved.get(app.lang)), theme.ok())
    } else {
        Span::styled(
            format!(
                "● {}",
                fill(T::Unsaved.get(app.lang), &[&app.dirty_files().join(", ")])
            ),
            theme.error(),
        )
    };
    let mut first = vec![Span::styled(name, theme.heading()), Span::raw("  "), state];
    if let Some(message) = &app.message {
        let style = if message.error {
            theme.error()
        } else {
            Style::new()
        };
        first.push(Span::raw("  "));
        first.push(Span::styled(sanitize_line(&message.text), style));
    }
    let mut hints = Vec::new();
    for (key, command) in app.keymap.hints(&contexts(app)) {
        if !hints.is_empty() {
            hints.push(Span::styled(" · ", theme.muted()));
        }
        hints.push(Span::styled(key.label(), theme.key()));
        hints.push(Span::raw(format!(" {}", command.short(app.lang))));
    }
    let lines = vec![Line::from(first), Line::from(hints)];
    frame.render_widget(Paragraph::new(lines), area);
}

/// A rectangle of `width`×`height` (clamped) centred in `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
