//! Drawing the incident screen: the layout's areas filled with the panes' text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::content::{calls, deadlines, header, pane_section, render, strip};
use super::layout::{Counts, areas, rect, roomy};
use super::state::{IncidentScreen, Pane, shown_now};
use crate::model::*;
use crate::response;
use crate::tui::component::Context;
use crate::tui::screen_text::{T, fill};

pub fn draw(frame: &mut Frame, cx: &Context, screen: &IncidentScreen, area: Rect) {
    let lang = cx.lang();
    let Some(incident) = cx.workbook().incident(screen.id.as_str()) else {
        frame.render_widget(
            Paragraph::new(fill(T::IncidentGone.get(lang), &[screen.id.as_str()]))
                .style(cx.theme.error()),
            area,
        );
        return;
    };
    let now = shown_now(cx, incident);
    let view = response::overview(cx.workbook(), incident, screen.scenario.as_ref(), now);
    let areas = areas(screen, Counts::of(&view), area);
    let big = roomy(area);
    frame.render_widget(Paragraph::new(header(cx, screen, &view)), areas.header);
    render(
        frame,
        cx,
        areas.deadlines,
        deadlines(cx, &view, areas.deadlines.width, big),
        true,
    );
    render(
        frame,
        cx,
        areas.calls,
        calls(cx, screen, &view, areas.calls.width, big),
        true,
    );
    let with_heading = areas.strip.is_none();
    if let Some(strip_area) = areas.strip {
        frame.render_widget(Paragraph::new(strip(cx, screen, &view)), strip_area);
    }
    for pane in [Pane::FirstHour, Pane::Impact, Pane::Injects, Pane::Timeline] {
        if let Some((r, section)) = pane_section(cx, screen, &view, &areas, pane) {
            render(frame, cx, r, section, with_heading);
        }
    }
    log_line(frame, cx, screen, incident, areas.log);
}

fn log_line(
    frame: &mut Frame,
    cx: &Context,
    screen: &IncidentScreen,
    incident: &Incident,
    area: Rect,
) {
    if area.height == 0 {
        return;
    }
    let lang = cx.lang();
    let theme = cx.theme;
    if !incident.is_active() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fill(T::LogClosed.get(lang), &[incident.id.as_str()]),
                theme.muted(),
            )),
            area,
        );
        return;
    }
    match &screen.log {
        Some(text) => {
            let prefix = if screen.decision {
                format!("{} ▸ ", T::DecisionWord.get(lang))
            } else {
                format!("{} ▸ ", T::Log.get(lang))
            };
            let prefix_w = prefix.chars().count() as u16;
            frame.render_widget(
                Paragraph::new(Span::styled(prefix, theme.key())),
                rect(area.x, area.y, prefix_w.min(area.width), 1),
            );
            let mut text = text.clone();
            text.set_style(theme.selected());
            frame.render_widget(
                &text,
                rect(
                    area.x + prefix_w.min(area.width),
                    area.y,
                    area.width.saturating_sub(prefix_w),
                    1,
                ),
            );
        }
        None => {
            let key = cx
                .keymap
                .key_for(
                    crate::tui::keymap::Context::Incident,
                    crate::tui::keymap::Command::WriteLog,
                )
                .map(|k| k.label(lang))
                .unwrap_or_default();
            frame.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled(format!("{key} ▸ "), theme.key()),
                    Span::styled(T::LogLineHint.get(lang).to_owned(), theme.muted()),
                ])),
                area,
            );
        }
    }
}
