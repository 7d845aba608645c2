//! The Overview tab's pane: the organisation, the findings counted, the selected
//! line in full, a traffic light per register, progress and the counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::bar::bar;
use super::table::tone_style;
use crate::model::bilingual::counted;
use crate::review::Summary;
use crate::sanitize::sanitize_line;
use crate::tui::component::Context;
use crate::tui::lists::ListView;
use crate::tui::screen_text::{T, fill, steps};
use crate::tui::tabs::Tab;

pub fn draw(frame: &mut Frame, cx: &Context, findings: &ListView, area: Rect) {
    use crate::review::overview::Light;
    let lang = cx.lang();
    let wb = cx.workbook();
    let theme = cx.theme;
    let mut lines = Vec::new();
    let summary = Summary::of(cx.session.sorted_findings());
    lines.push(Line::from(Span::styled(
        sanitize_line(&wb.manifest.organisation.name),
        theme.title(),
    )));
    lines.push(Line::from(
        [
            counted(
                lang,
                summary.errors,
                ("error", "errors"),
                ("fout", "fouten"),
            ),
            counted(
                lang,
                summary.warnings,
                ("warning", "warnings"),
                ("waarschuwing", "waarschuwingen"),
            ),
            counted(lang, summary.info, ("info", "info"), ("info", "info")),
        ]
        .join(", "),
    ));
    // The selected line in full (the table cuts long sentences).
    if let Some(row) = findings.selected_row() {
        lines.push(Line::default());
        let text = row.cells.get(2).cloned().unwrap_or_default();
        let code = row.cells.get(3).cloned().unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", row.cells.first().cloned().unwrap_or_default()),
                tone_style(cx.theme, row.tone),
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
    let empty = Vec::new();
    let areas = cx.session.computed_overview().map_or(&empty, |o| &o.areas);
    for light in areas {
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
    let progress = cx.session.progress();
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
                &[
                    &count.done.to_string(),
                    &if tab == Tab::Plan {
                        steps(count.total, lang)
                    } else {
                        count.total.to_string()
                    },
                ],
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
