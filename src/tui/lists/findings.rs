//! The Overview's list: the next things to do, what falls due soon, then every
//! finding grouped by area.

use super::rows::col;
use super::{Column, Row, Tone, Width};
use crate::model::bilingual::pick;
use crate::model::*;
use crate::review::overview::Overview;
use crate::review::{Area, Finding, SettingsFix};
use crate::tui::screen_text::{T, fill};
use crate::tui::theme::severity_symbol;

/// The Overview's list: the next things to do, what falls due soon, then every
/// finding grouped by area. Enter on any of them goes to its record.
pub fn build(
    workbook: &Workbook,
    findings: &[Finding],
    overview: &Overview,
    settings_key: Option<&str>,
    lang: Language,
) -> (Vec<Column>, Vec<Row>) {
    // A finding the settings form fixes names its key and field, not the file's.
    let text = |message: &str, settings: Option<&SettingsFix>| match (settings, settings_key) {
        (Some(fix), Some(key)) => fill(
            T::FixInSettings.get(lang),
            &[key, fix.field.label(lang), &fix.what],
        ),
        _ => message.to_owned(),
    };
    let t = |en: &'static str, nl: &'static str| pick(lang, en, nl);
    let columns = vec![
        col(t("Severity", "Ernst"), Width::Fixed(14)),
        col(t("About", "Over"), Width::Fixed(11)),
        col(t("What to do", "Wat te doen"), Width::Fill),
        col(t("Code", "Code"), Width::Fixed(26)),
    ];
    let id_of = |r: &Option<RecordRef>| r.as_ref().map(|r| r.id.to_string()).unwrap_or_default();
    let mut rows = Vec::new();
    if !overview.next.is_empty() {
        rows.push(Row::heading(T::NextActions.get(lang).to_owned(), 4));
        for action in &overview.next {
            let what = text(&action.text, action.settings.as_ref());
            let text = match action.due {
                Some(due) => format!("{what} ({due})"),
                None => what,
            };
            rows.push(
                Row::new(
                    action.record.clone(),
                    vec![
                        format!(
                            "{} {}",
                            severity_symbol(action.severity),
                            action.severity.label(lang)
                        ),
                        id_of(&action.record),
                        text,
                        String::new(),
                    ],
                )
                .tone(Tone::Severity(action.severity), 0),
            );
        }
    }
    if !overview.due_soon.is_empty() {
        let days = crate::model::bilingual::counted(
            lang,
            workbook.manifest.rules.due_soon_days as usize,
            ("day", "days"),
            ("dag", "dagen"),
        );
        rows.push(Row::heading(fill(T::DueSoon.get(lang), &[&days]), 4));
        for item in &overview.due_soon {
            rows.push(Row::new(
                item.record.clone(),
                vec![
                    item.date.to_string(),
                    id_of(&item.record),
                    item.text.clone(),
                    String::new(),
                ],
            ));
        }
    }
    for area in Area::ALL {
        let in_area: Vec<&Finding> = findings.iter().filter(|f| f.area == area).collect();
        if in_area.is_empty() {
            continue;
        }
        rows.push(Row::heading(
            format!("{} ({})", area.label(lang), in_area.len()),
            4,
        ));
        let mut sorted = in_area;
        sorted.sort_by_key(|f| f.severity);
        for f in sorted {
            rows.push(
                Row::new(
                    f.record.clone(),
                    vec![
                        format!("{} {}", severity_symbol(f.severity), f.severity.label(lang)),
                        id_of(&f.record),
                        text(&f.message, f.settings.as_ref()),
                        f.code.as_str().to_owned(),
                    ],
                )
                .tone(Tone::Severity(f.severity), 0),
            );
        }
    }
    (columns, rows)
}
