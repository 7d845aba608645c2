//! The detail pane: every field of the selected record, read-only, in the words of
//! its form (one table of labels for both), plus what the record connects to.
//! Ids are looked up in the review's index, so the pane reads the same records
//! the findings are about, each in constant time.

use ratatui::text::{Line, Span};
use serde_json::Value;

use crate::find;
use crate::model::edit::Record;
use crate::model::fields;
use crate::model::labels::{Label, duration_words};
use crate::model::*;
use crate::review::{Index, Rule32110};
use crate::sanitize::{sanitize_line, sanitize_text};
use crate::tui::component::Context;
use crate::tui::forms::specs;
use crate::tui::forms::{FieldKind, get_path};
use crate::tui::keymap::{Command, Context as Keys};
use crate::tui::lists::rows::answer_symbol;
use crate::tui::screen_text::{T, fill};
use crate::tui::theme::level_symbol;

/// "S-001 Hosted collection system" for a reference.
pub fn ref_label(workbook: &Workbook, kind: RecordKind, id: &Id) -> String {
    label_in(&Index::new(workbook), kind, id)
}

/// Like [`ref_label`], looking the record up in `index`.
pub fn label_in(index: &Index, kind: RecordKind, id: &Id) -> String {
    let id_str = id.as_str();
    let name = match kind {
        RecordKind::Contact => index.contact().get(id_str).map(|c| c.name.as_str()),
        RecordKind::Process => index.process().get(id_str).map(|r| r.name.as_str()),
        RecordKind::System => index.system().get(id_str).map(|r| r.name.as_str()),
        RecordKind::Supplier => index.supplier().get(id_str).map(|r| r.name.as_str()),
        RecordKind::Risk => index.risk().get(id_str).map(|r| r.title.as_str()),
        RecordKind::Step => index.step().get(id_str).map(|r| r.title.as_str()),
        RecordKind::Statement => index.statement().get(id_str).map(|r| r.statement.as_str()),
        RecordKind::Backup => index.backup().get(id_str).map(|r| r.what.as_str()),
        _ => None,
    };
    match name {
        Some(name) => format!("{id} {name}"),
        None => format!("{id} (?)"),
    }
}

fn value_text(index: &Index, kind: &FieldKind, value: &Value, lang: Language) -> Option<String> {
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
        FieldKind::Ref(k) => label_in(index, *k, &Id::from(value.as_str()?)),
        FieldKind::Catalogue => SupplierCatalogue::builtin().label(value.as_str()?, lang),
        FieldKind::Refs(k) => value
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .map(|id| label_in(index, *k, &Id::from(id)))
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

fn push_field(lines: &mut Vec<Line<'static>>, cx: &Context, label: &str, text: &str) {
    let safe = sanitize_text(text);
    let mut parts = safe.split('\n');
    let first = parts.next().unwrap_or_default().to_owned();
    lines.push(Line::from(vec![
        Span::styled(format!("{label}: "), cx.theme.heading()),
        Span::raw(first),
    ]));
    for more in parts {
        lines.push(Line::from(format!("  {more}")));
    }
}

/// The lines describing `record`.
pub fn lines(cx: &Context, record: &RecordRef) -> Vec<Line<'static>> {
    let lang = cx.lang();
    let wb = cx.workbook();
    let index = Index::new(wb);
    let mut out: Vec<Line<'static>> = Vec::new();
    if record.kind == RecordKind::Incident {
        if let Some(incident) = wb.incident(record.id.as_str()) {
            incident_lines(cx, &index, incident, &mut out);
        }
        return out;
    }
    let Some(found) = cx.session.locate(record) else {
        return out;
    };
    let full = found.record;
    let json = specs::to_json(&full);
    out.push(Line::from(Span::styled(
        record.id.to_string(),
        cx.theme.title(),
    )));
    match &full {
        Record::Risk(risk) => {
            let level = risk.level(&wb.manifest.risk_scales);
            out.push(Line::from(vec![
                Span::styled(
                    format!("{} {} ", level_symbol(level), level.label(lang)),
                    cx.theme.level(level),
                ),
                Span::raw(format!(
                    "score {} = {} × {}",
                    risk.score(),
                    risk.current.likelihood,
                    risk.current.impact
                )),
            ]));
        }
        Record::ChecklistItem(item) => out.push(Line::from(format!(
            "{} {}",
            answer_symbol(item.answer),
            item.answer.label(lang)
        ))),
        Record::Statement(s) => out.push(Line::from(format!(
            "{} {}",
            answer_symbol(s.answer),
            s.answer.label(lang)
        ))),
        _ => {}
    }
    // Whom to call comes first: it is what a supplier's or system's details are
    // opened for when something is down.
    match &full {
        Record::Supplier(_) | Record::System(_) => {
            let callees = find::call::whom(wb, &full);
            heading_line(cx, &mut out, T::WhomToCall);
            if callees.is_empty() {
                out.push(Line::from(Span::styled(
                    find::call::nobody(record.kind, lang),
                    cx.theme.error(),
                )));
            }
            callee_lines(cx, &callees, "", &mut out);
            go_to_contact_hint(cx, &callees, &mut out);
            out.push(Line::default());
        }
        _ => {}
    }
    let (fields, _) = specs::fields(record.kind, lang);
    for field in &fields {
        if let Some(text) = value_text(&index, &field.kind, get_path(&json, &field.path), lang) {
            push_field(&mut out, cx, &field.label, &text);
        }
    }
    // A template item its pack retired keeps its answer but no longer counts.
    if let Some(field) = fields::of(record.kind).iter().find(|f| f.path == "origin")
        && let Ok(origin) = serde_json::from_value::<Origin>(get_path(&json, field.path).clone())
        && origin.retired
    {
        let text = fill(T::RetiredItem.get(lang), &[&origin.words(lang)]);
        push_field(&mut out, cx, field.label(lang), &text);
    }
    connections(cx, &index, &full, &mut out);
    out
}

fn heading_line(cx: &Context, out: &mut Vec<Line<'static>>, t: T) {
    out.push(Line::from(Span::styled(
        t.get(cx.lang()).to_owned(),
        cx.theme.title(),
    )));
}

/// Each person to call with the numbers and the way without a network,
/// indented by `indent`.
fn callee_lines(
    cx: &Context,
    callees: &[find::Callee],
    indent: &str,
    out: &mut Vec<Line<'static>>,
) {
    let lang = cx.lang();
    for callee in callees {
        let who = match callee.heading(lang) {
            Some(heading) => heading,
            None => callee.name(),
        };
        out.push(Line::from(Span::styled(
            format!("{indent}☎ {}", sanitize_line(&who)),
            cx.theme.heading(),
        )));
        out.push(Line::from(format!(
            "{indent}  {}",
            sanitize_line(&callee.numbers_line(lang))
        )));
        if let Some(line) = callee.out_of_band_line(lang) {
            out.push(Line::from(format!("{indent}  {}", sanitize_line(&line))));
        }
    }
}

/// "w goes to the contact", when there is one to go to.
fn go_to_contact_hint(cx: &Context, callees: &[find::Callee], out: &mut Vec<Line<'static>>) {
    if callees.iter().any(|c| c.contact.is_some())
        && let Some(key) = cx.keymap.key_for(Keys::Processes, Command::GoToContact)
    {
        out.push(Line::from(Span::styled(
            fill(T::GoToContactHint.get(cx.lang()), &[&key.label(cx.lang())]),
            cx.theme.muted(),
        )));
    }
}

/// What the record depends on and what depends on it.
fn connections(cx: &Context, index: &Index, record: &Record, out: &mut Vec<Line<'static>>) {
    use Record as R;
    let lang = cx.lang();
    let wb = cx.workbook();
    let heading = |out: &mut Vec<Line<'static>>, t: T| {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            t.get(lang).to_owned(),
            cx.theme.title(),
        )));
    };
    match record {
        R::Process(p) => {
            heading(out, T::DependsOn);
            let calls = find::call::for_process(wb, p);
            let callees_of = |kind: RecordKind, id: &Id| {
                calls
                    .iter()
                    .find(|d| d.record.kind == kind && &d.record.id == id)
                    .map(|d| d.callees.clone())
                    .unwrap_or_default()
            };
            for id in &p.systems {
                out.push(Line::from(format!(
                    "→ {}",
                    sanitize_line(&label_in(index, RecordKind::System, id))
                )));
                callee_lines(cx, &callees_of(RecordKind::System, id), "    ", out);
                if let Some(system) = index.system().get(id.as_str())
                    && let Some(supplier) = &system.supplier
                {
                    out.push(Line::from(format!(
                        "    → {}",
                        sanitize_line(&label_in(index, RecordKind::Supplier, supplier))
                    )));
                }
                for backup in index
                    .backups_of_system()
                    .get(id.as_str())
                    .into_iter()
                    .flatten()
                {
                    let test = backup
                        .last_restore_test()
                        .map(|t| format!("{} {}", t.date, t.result.label(lang)))
                        .unwrap_or_else(|| T::NoRestoreTests.get(lang).to_owned());
                    out.push(Line::from(format!(
                        "    ⟲ {} {} — {test}",
                        backup.id,
                        sanitize_line(&backup.what)
                    )));
                }
            }
            for id in &p.suppliers {
                out.push(Line::from(format!(
                    "→ {}",
                    sanitize_line(&label_in(index, RecordKind::Supplier, id))
                )));
                callee_lines(cx, &callees_of(RecordKind::Supplier, id), "    ", out);
            }
            if let Some(owner) = &p.owner {
                let owner = find::Callee {
                    id: owner.clone(),
                    contact: wb.contact(owner.as_str()),
                    via: find::Via::Owner,
                };
                callee_lines(cx, std::slice::from_ref(&owner), "", out);
            }
            let flat: Vec<find::Callee> = calls.into_iter().flat_map(|d| d.callees).collect();
            go_to_contact_hint(cx, &flat, out);
        }
        R::System(s) => {
            heading(out, T::DependedOnBy);
            for p in index
                .processes_of_system()
                .get(s.id.as_str())
                .into_iter()
                .flatten()
            {
                out.push(Line::from(format!(
                    "← {} {} ({})",
                    p.id,
                    sanitize_line(&p.name),
                    p.criticality.label(lang)
                )));
            }
            for b in index
                .backups_of_system()
                .get(s.id.as_str())
                .into_iter()
                .flatten()
            {
                out.push(Line::from(format!("⟲ {} {}", b.id, sanitize_line(&b.what))));
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
                    sanitize_line(&system.name)
                )));
                for p in index
                    .processes_of_system()
                    .get(system.id.as_str())
                    .into_iter()
                    .flatten()
                {
                    out.push(Line::from(format!(
                        "    ← {} {}",
                        p.id,
                        sanitize_line(&p.name)
                    )));
                }
            }
            for p in wb
                .processes
                .processes
                .iter()
                .filter(|p| p.suppliers.contains(&s.id))
            {
                out.push(Line::from(format!("← {} {}", p.id, sanitize_line(&p.name))));
            }
        }
        R::Backup(b) => {
            heading(out, T::Rule);
            let rule = Rule32110::of(b);
            for (ok, part) in rule.checks() {
                let (mark, style) = if ok {
                    ("✓", cx.theme.ok())
                } else {
                    ("✗", cx.theme.error())
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

fn incident_lines(cx: &Context, index: &Index, incident: &Incident, out: &mut Vec<Line<'static>>) {
    let lang = cx.lang();
    let safe = sanitize_line;
    out.push(Line::from(Span::styled(
        safe(&incident.title),
        cx.theme.title(),
    )));
    out.push(Line::from(format!(
        "{} · {} · {} · {}",
        incident.kind.label(lang),
        incident.status.label(lang),
        incident.severity.label(lang),
        cx.clock.full(incident.declared_at)
    )));
    out.push(Line::default());
    out.push(Line::from(Span::styled(
        T::Timeline.get(lang).to_owned(),
        cx.theme.heading(),
    )));
    for entry in &incident.timeline {
        out.push(Line::from(format!(
            "{} {}: {}",
            cx.clock.full(entry.at),
            safe(&entry.by),
            safe(&entry.text)
        )));
    }
    if !incident.notifications.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            T::Notifications.get(lang).to_owned(),
            cx.theme.heading(),
        )));
        for n in &incident.notifications {
            out.push(Line::from(format!(
                "{} {} {} {}",
                cx.clock.full(n.at),
                safe(&label_in(index, RecordKind::Contact, &n.to)),
                safe(&n.channel),
                safe(&n.reference)
            )));
        }
    }
    if !incident.lessons.is_empty() {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            T::Lessons.get(lang).to_owned(),
            cx.theme.heading(),
        )));
        for lesson in &incident.lessons {
            out.push(Line::from(format!("• {}", safe(&lesson.text))));
        }
    }
}
