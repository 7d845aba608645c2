//! The detail pane: every field of the selected record, read-only, in the words of
//! its form (one table of labels for both), plus what the record connects to.

use ratatui::text::{Line, Span};
use serde_json::Value;

use crate::model::labels::{Label, duration_words};
use crate::model::*;
use crate::tui::app::App;
use crate::tui::forms::specs;
use crate::tui::forms::{FieldKind, get_path};
use crate::tui::rows::answer_symbol;
use crate::tui::text::T;
use crate::tui::theme::level_symbol;

/// "S-001 Hosted collection system" for a reference.
pub fn ref_label(workbook: &Workbook, kind: RecordKind, id: &Id) -> String {
    let name = match kind {
        RecordKind::Contact => workbook.contact(id.as_str()).map(|c| c.name.clone()),
        RecordKind::Process => workbook.process(id.as_str()).map(|r| r.name.clone()),
        RecordKind::System => workbook.system(id.as_str()).map(|r| r.name.clone()),
        RecordKind::Supplier => workbook.supplier(id.as_str()).map(|r| r.name.clone()),
        RecordKind::Risk => workbook.risk(id.as_str()).map(|r| r.title.clone()),
        RecordKind::Step => workbook.step(id.as_str()).map(|r| r.title.clone()),
        RecordKind::Statement => workbook.statement(id.as_str()).map(|r| r.statement.clone()),
        RecordKind::Backup => workbook.backup(id.as_str()).map(|r| r.what.clone()),
        _ => None,
    };
    match name {
        Some(name) => format!("{id} {name}"),
        None => format!("{id} (?)"),
    }
}

fn value_text(
    workbook: &Workbook,
    kind: &FieldKind,
    value: &Value,
    lang: Language,
) -> Option<String> {
    let text = match kind {
        FieldKind::Line | FieldKind::Multi | FieldKind::Date => value.as_str()?.trim().to_owned(),
        FieldKind::Number { .. } => value.as_i64()?.to_string(),
        FieldKind::Bool => match (value.as_bool()?, lang) {
            (true, Language::En) => "yes".to_owned(),
            (false, Language::En) => "no".to_owned(),
            (true, Language::Nl) => "ja".to_owned(),
            (false, Language::Nl) => "nee".to_owned(),
        },
        FieldKind::Duration => duration_words(serde_json::from_value(value.clone()).ok()?, lang),
        FieldKind::Choice(options) => options.iter().find(|(v, _)| v == value)?.1.clone(),
        FieldKind::Flags(options) => {
            let set = value.as_array()?;
            options
                .iter()
                .filter(|(v, _)| set.contains(v))
                .map(|(_, l)| l.clone())
                .collect::<Vec<_>>()
                .join(", ")
        }
        FieldKind::Ref(k) => ref_label(workbook, *k, &Id::from(value.as_str()?)),
        FieldKind::Refs(k) => value
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .map(|id| ref_label(workbook, *k, &Id::from(id)))
            .collect::<Vec<_>>()
            .join("\n"),
        FieldKind::Items(spec) => value
            .as_array()?
            .iter()
            .map(|item| (spec.summary)(item, lang))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    (!text.is_empty()).then_some(text)
}

fn push_field(lines: &mut Vec<Line<'static>>, app: &App, label: &str, text: &str) {
    let safe = crate::text::sanitize_text(text);
    let mut parts = safe.split('\n');
    let first = parts.next().unwrap_or_default().to_owned();
    lines.push(Line::from(vec![
        Span::styled(format!("{label}: "), app.theme.heading()),
        Span::raw(first),
    ]));
    for more in parts {
        lines.push(Line::from(format!("  {more}")));
    }
}

/// The lines describing `record`.
pub fn lines(app: &App, record: &RecordRef) -> Vec<Line<'static>> {
    let lang = app.lang;
    let wb = &app.workbook;
    let mut out: Vec<Line<'static>> = Vec::new();
    if record.kind == RecordKind::Incident {
        if let Some(incident) = wb.incident(record.id.as_str()) {
            incident_lines(app, incident, &mut out);
        }
        return out;
    }
    let Some((full, _, _)) = app.locate(record) else {
        return out;
    };
    let json = specs::to_json(&full);
    out.push(Line::from(Span::styled(
        record.id.to_string(),
        app.theme.title(),
    )));
    if let crate::model::edit::Record::Risk(risk) = &full {
        let level = risk.level(&wb.manifest.risk_scales);
        out.push(Line::from(vec![
            Span::styled(
                format!("{} {} ", level_symbol(level), level.label(lang)),
                app.theme.level(level),
            ),
            Span::raw(format!(
                "score {} = {} × {}",
                risk.score(),
                risk.current.likelihood,
                risk.current.impact
            )),
        ]));
    }
    if let crate::model::edit::Record::ChecklistItem(item) = &full {
        out.push(Line::from(format!(
            "{} {}",
            answer_symbol(item.answer),
            item.answer.label(lang)
        )));
    }
    if let crate::model::edit::Record::Statement(s) = &full {
        out.push(Line::from(format!(
            "{} {}",
            answer_symbol(s.answer),
            s.answer.label(lang)
        )));
    }
    let (fields, _) = specs::fields(record.kind, lang);
    for field in &fields {
        if let Some(text) = value_text(wb, &field.kind, get_path(&json, &field.path), lang) {
            push_field(&mut out, app, &field.label, &text);
        }
    }
    connections(app, &full, &mut out);
    out
}

/// What the record depends on and what depends on it.
fn connections(app: &App, record: &crate::model::edit::Record, out: &mut Vec<Line<'static>>) {
    use crate::model::edit::Record as R;
    let lang = app.lang;
    let wb = &app.workbook;
    let heading = |out: &mut Vec<Line<'static>>, t: T| {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            t.get(lang).to_owned(),
            app.theme.title(),
        )));
    };
    match record {
        R::Process(p) => {
            heading(out, T::DependsOn);
            for id in &p.systems {
                out.push(Line::from(format!(
                    "→ {}",
                    crate::text::sanitize_line(&ref_label(wb, RecordKind::System, id))
                )));
                if let Some(system) = wb.system(id.as_str())
                    && let Some(supplier) = &system.supplier
                {
                    out.push(Line::from(format!(
                        "    → {}",
                        crate::text::sanitize_line(&ref_label(wb, RecordKind::Supplier, supplier))
                    )));
                }
                for backup in wb.backups.backups.iter().filter(|b| b.systems.contains(id)) {
                    let test = backup
                        .last_restore_test()
                        .map(|t| format!("{} {}", t.date, t.result.label(lang)))
                        .unwrap_or_else(|| T::NoRestoreTests.get(lang).to_owned());
                    out.push(Line::from(format!(
                        "    ⟲ {} {} — {test}",
                        backup.id,
                        crate::text::sanitize_line(&backup.what)
                    )));
                }
            }
            for id in &p.suppliers {
                out.push(Line::from(format!(
                    "→ {}",
                    crate::text::sanitize_line(&ref_label(wb, RecordKind::Supplier, id))
                )));
            }
        }
        R::System(s) => {
            heading(out, T::DependedOnBy);
            for p in wb
                .processes
                .processes
                .iter()
                .filter(|p| p.systems.contains(&s.id))
            {
                out.push(Line::from(format!(
                    "← {} {} ({})",
                    p.id,
                    crate::text::sanitize_line(&p.name),
                    p.criticality.label(lang)
                )));
            }
            for b in wb
                .backups
                .backups
                .iter()
                .filter(|b| b.systems.contains(&s.id))
            {
                out.push(Line::from(format!(
                    "⟲ {} {}",
                    b.id,
                    crate::text::sanitize_line(&b.what)
                )));
            }
        }
        R::Supplier(s) => {
            heading(out, T::DependedOnBy);
            for system in wb
                .processes
                .systems
                .iter()
                .filter(|x| x.supplier.as_ref() == Some(&s.id))
            {
                out.push(Line::from(format!(
                    "← {} {}",
                    system.id,
                    crate::text::sanitize_line(&system.name)
                )));
                for p in wb
                    .processes
                    .processes
                    .iter()
                    .filter(|p| p.systems.contains(&system.id))
                {
                    out.push(Line::from(format!(
                        "    ← {} {}",
                        p.id,
                        crate::text::sanitize_line(&p.name)
                    )));
                }
            }
            for p in wb
                .processes
                .processes
                .iter()
                .filter(|p| p.suppliers.contains(&s.id))
            {
                out.push(Line::from(format!(
                    "← {} {}",
                    p.id,
                    crate::text::sanitize_line(&p.name)
                )));
            }
        }
        R::Backup(b) => {
            heading(out, T::Rule);
            let rule = crate::review::Rule32110::of(b);
            for (ok, part) in rule.checks() {
                let (mark, style) = if ok {
                    ("✓", app.theme.ok())
                } else {
                    ("✗", app.theme.error())
                };
                out.push(Line::from(vec![
                    Span::styled(format!("{mark} "), style),
                    Span::raw(rule.words(part, lang)),
                ]));
            }
        }
        R::Contact(c) => {
            let roles: Vec<String> = wb
                .contacts
                .crisis_roles
                .iter()
                .filter_map(|r| {
                    if r.primary.as_ref() == Some(&c.id) {
                        Some(format!("{} ({})", r.role.label(lang), T::Primary.get(lang)))
                    } else if r.deputy.as_ref() == Some(&c.id) {
                        Some(format!("{} ({})", r.role.label(lang), T::Deputy.get(lang)))
                    } else {
                        None
                    }
                })
                .collect();
            if !roles.is_empty() {
                heading(out, T::CrisisRoles);
                for role in roles {
                    out.push(Line::from(role));
                }
            }
        }
        _ => {}
    }
}

fn incident_lines(app: &App, incident: &Incident, out: &mut Vec<Line<'static>>) {
    let lang = app.lang;
    let safe = crate::text::sanitize_line;
    out.push(Line::from(Span::styled(
        safe(&incident.title),
        app.theme.title(),
    )));
    out.push(Line::from(format!(
        "{} · {} · {} · {}",
        incident.kind.label(lang),
        incident.status.label(lang),
        incident.severity.label(lang),
        incident.declared_at
    )));
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        T::Timeline.get(lang).to_owned(),
        app.theme.heading(),
    )));
    for entry in &incident.timeline {
        out.push(Line::from(format!(
            "{} {}: {}",
            entry.at,
            safe(&entry.by),
            safe(&entry.text)
        )));
    }
    if !incident.notifications.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            T::Notifications.get(lang).to_owned(),
            app.theme.heading(),
        )));
        for n in &incident.notifications {
            out.push(Line::from(format!(
                "{} {} {} {}",
                n.at,
                safe(&ref_label(&app.workbook, RecordKind::Contact, &n.to)),
                safe(&n.channel),
                safe(&n.reference)
            )));
        }
    }
    if !incident.lessons.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            T::Lessons.get(lang).to_owned(),
            app.theme.heading(),
        )));
        for lesson in &incident.lessons {
            out.push(Line::from(format!("• {}", safe(&lesson.text))));
        }
    }
}
