//! The pane beside the list: details of the selected record, and per tab what
//! gives the shape of things (the heat map, crisis roles and call order, progress).

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::model::labels::Label;
use crate::model::*;
use crate::review::Summary;
use crate::text::sanitize_line;
use crate::tui::app::{App, Tab};
use crate::tui::text::{T, fill};
use crate::tui::theme::level_symbol;

use super::detail;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    match app.tab {
        Tab::Overview => overview(frame, app, area),
        Tab::Risks => {
            let heat_height = 10u16;
            if app.heat_map.is_some() || area.height >= heat_height + 6 {
                let parts = Layout::default()
                    .direction(Direction::Vertical)
                    .constraints([
                        Constraint::Length(heat_height.min(area.height)),
                        Constraint::Min(0),
                    ])
                    .split(area);
                heat_map(frame, app, parts[0]);
                details(frame, app, parts[1]);
            } else {
                details(frame, app, area);
            }
        }
        Tab::Contacts => {
            let wanted = (app.workbook.contacts.crisis_roles.len()
                + app.workbook.contacts.call_order.len()
                + 4) as u16;
            if area.height >= 14 {
                let parts = Layout::default()
                    .direction(Direction::Vertical)
                    .constraints([
                        Constraint::Length(wanted.min(area.height / 2)),
                        Constraint::Min(0),
                    ])
                    .split(area);
                roles(frame, app, parts[0]);
                details(frame, app, parts[1]);
            } else {
                details(frame, app, area);
            }
        }
        Tab::SelfCheck if area.height >= 14 => {
            let parts = Layout::default()
                .direction(Direction::Vertical)
                .constraints([
                    Constraint::Length(9.min(area.height / 2)),
                    Constraint::Min(0),
                ])
                .split(area);
            selfcheck_result(frame, app, parts[0]);
            details(frame, app, parts[1]);
        }
        _ => details(frame, app, area),
    }
}

/// The self-check's score per principle and overall, and its level.
fn selfcheck_result(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let theme = &app.theme;
    let result = crate::review::selfcheck::selfcheck_result(&app.workbook);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{}% ", result.overall.percent), theme.title()),
        Span::styled(result.level.label(lang), theme.heading()),
        Span::raw(format!(
            " · {} {}",
            result.open_actions(),
            match lang {
                Language::En => "actions open",
                Language::Nl => "acties open",
            }
        )),
    ])];
    for p in &result.principles {
        lines.push(Line::from(format!(
            "{} {:>3}%  {}",
            bar(usize::from(p.score.percent), 100, 10),
            p.score.percent,
            p.principle.label(lang)
        )));
    }
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", T::SelfCheckResult.get(lang)),
        theme.heading(),
    ));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn details(frame: &mut Frame, app: &App, area: Rect) {
    if area.height == 0 {
        return;
    }
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", T::Details.get(app.lang)),
        app.theme.heading(),
    ));
    let lines = match app.current_list().selected_record() {
        Some(record) => detail::lines(app, record),
        None => vec![Line::from(Span::styled(
            T::NothingSelected.get(app.lang),
            app.theme.muted(),
        ))],
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn overview(frame: &mut Frame, app: &App, area: Rect) {
    use crate::review::overview::Light;
    let lang = app.lang;
    let wb = &app.workbook;
    let theme = &app.theme;
    let mut lines = Vec::new();
    let summary = Summary::of(&app.findings);
    lines.push(Line::from(Span::styled(
        sanitize_line(&wb.manifest.organisation.name),
        theme.title(),
    )));
    lines.push(Line::from(fill(
        T::FindingsSummary.get(lang),
        &[
            &summary.errors.to_string(),
            &summary.warnings.to_string(),
            &summary.info.to_string(),
        ],
    )));
    // The selected line in full (the table cuts long sentences).
    let list = app.list(crate::tui::rows::ListId::Findings);
    if let Some(row) = list.selected_row() {
        lines.push(Line::default());
        let text = row.cells.get(2).cloned().unwrap_or_default();
        let code = row.cells.get(3).cloned().unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", row.cells.first().cloned().unwrap_or_default()),
                list_tone(app, row),
            ),
            Span::styled(code, theme.muted()),
        ]));
        lines.push(Line::from(text));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        T::Readiness.get(lang),
        theme.heading(),
    )));
    for light in &app.overview.areas {
        let (symbol, style) = match light.light {
            Light::Green => ("✓", theme.ok()),
            Light::Amber => ("!", theme.severity(crate::review::Severity::Warning)),
            Light::Red => ("✗", theme.error()),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{symbol} {:<16}", light.light.label(lang)), style),
            Span::styled(
                format!("{:<12} ", light.section.label(lang)),
                theme.heading(),
            ),
            Span::raw(sanitize_line(&light.reason)),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        T::Progress.get(lang),
        theme.heading(),
    )));
    let progress = app.overview.progress;
    for (tab, count, words) in [
        (Tab::Checklist, progress.checklist, T::Answered),
        (Tab::SelfCheck, progress.selfcheck, T::Answered),
        (Tab::Plan, progress.plan, T::StepsDone),
    ] {
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{:<12} {} ",
                tab.title(lang),
                bar(count.done, count.total, 10)
            )),
            Span::raw(fill(
                words.get(lang),
                &[&count.done.to_string(), &count.total.to_string()],
            )),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        T::Counts.get(lang),
        theme.heading(),
    )));
    let counts = [
        (Tab::Risks.title(lang), wb.risks.risks.len()),
        (Tab::Processes.title(lang), wb.processes.processes.len()),
        (T::Systems.get(lang), wb.processes.systems.len()),
        (T::Suppliers.get(lang), wb.processes.suppliers.len()),
        (Tab::Contacts.title(lang), wb.contacts.contacts.len()),
        (Tab::Backups.title(lang), wb.backups.backups.len()),
        (Tab::Incidents.title(lang), wb.incidents.len()),
    ];
    for (name, n) in counts {
        lines.push(Line::from(format!("{name:<14} {n:>5}")));
    }
    let block = Block::default().borders(Borders::ALL);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn list_tone(app: &App, row: &crate::tui::rows::Row) -> ratatui::style::Style {
    super::list::tone_style(&app.theme, row.tone)
}

/// A text progress bar: `[████░░░░░░]`.
fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}]",
        "█".repeat(filled),
        "░".repeat(width - filled.min(width))
    )
}

fn heat_map(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let theme = &app.theme;
    let which = if app.residual {
        T::Residual
    } else {
        T::Current
    };
    let focused = app.heat_map.is_some();
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", fill(T::HeatMapTitle.get(lang), &[which.get(lang)])),
        if focused {
            theme.title()
        } else {
            theme.heading()
        },
    ));
    let scales = &app.workbook.manifest.risk_scales;
    let counts = &app.heat[usize::from(app.residual)];
    let chosen = app.list(crate::tui::rows::ListId::Risks).cell;
    let mut lines = vec![Line::from(format!(
        "{:>3}  {}",
        T::Likelihood
            .get(lang)
            .chars()
            .next()
            .unwrap_or('L')
            .to_uppercase()
            .to_string(),
        (1..=5).map(|i| format!("  {i}  ")).collect::<String>()
    ))];
    for likelihood in (1..=5u8).rev() {
        let mut spans = vec![Span::raw(format!("{likelihood:>3}  "))];
        for impact in 1..=5u8 {
            let level = scales.level(likelihood * impact);
            let n = counts[usize::from(likelihood - 1)][usize::from(impact - 1)];
            let is_focus = app
                .heat_map
                .is_some_and(|f| f.likelihood == likelihood && f.impact == impact);
            let is_chosen = chosen.is_some_and(|(l, i, _)| l == likelihood && i == impact);
            let text = if n == 0 {
                "  ·  ".to_owned()
            } else {
                format!("{n:^5}")
            };
            let text = if is_focus {
                format!("[{}]", &text[1..text.len() - 1])
            } else if is_chosen {
                format!("<{}>", &text[1..text.len() - 1])
            } else {
                text
            };
            let mut style = theme.cell(level);
            if is_focus || is_chosen {
                style = style.add_modifier(Modifier::BOLD | Modifier::REVERSED);
            }
            spans.push(Span::styled(text, style));
        }
        lines.push(Line::from(spans));
    }
    let legend: Vec<Span> = [
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
        RiskLevel::Critical,
    ]
    .iter()
    .map(|l| {
        Span::styled(
            format!("{} {}  ", level_symbol(*l), l.label(lang)),
            theme.level(*l),
        )
    })
    .collect();
    lines.push(Line::from(format!("     {} →", T::Impact.get(lang))));
    lines.push(Line::from(legend));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn roles(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let wb = &app.workbook;
    let theme = &app.theme;
    let name = |id: Option<&Id>| -> String {
        match id {
            Some(id) => wb
                .contact(id.as_str())
                .map_or_else(|| format!("{id}?"), |c| sanitize_line(&c.name)),
            None => "—".to_owned(),
        }
    };
    let mut lines = vec![Line::from(Span::styled(
        T::CrisisRoles.get(lang),
        theme.heading(),
    ))];
    for role in RoleKind::ALL {
        let held = wb.crisis_role(role);
        let primary = held.and_then(|r| r.primary.as_ref());
        let deputy = held.and_then(|r| r.deputy.as_ref());
        let mut spans = vec![Span::raw(format!(
            "{:<18} {}",
            role.label(lang),
            name(primary)
        ))];
        match deputy {
            Some(_) => spans.push(Span::raw(format!(" / {}", name(deputy)))),
            None => spans.push(Span::styled(
                format!(" / ✗ {}", T::NoDeputy.get(lang)),
                theme.error(),
            )),
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(Span::styled(
        T::CallOrder.get(lang),
        theme.heading(),
    )));
    for (n, call) in wb.contacts.call_order.iter().enumerate() {
        let phone = wb
            .contact(call.contact.as_str())
            .and_then(Contact::first_phone)
            .map(|p| sanitize_line(&p.number))
            .unwrap_or_default();
        lines.push(Line::from(format!(
            "{}. {} {}  {}",
            n + 1,
            name(Some(&call.contact)),
            phone,
            sanitize_line(&call.reason)
        )));
    }
    let block = Block::default().borders(Borders::ALL);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
