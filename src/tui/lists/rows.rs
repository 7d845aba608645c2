//! The rows of each register's list: which columns, in which words, in what order.

use std::collections::HashMap;

use super::{Column, ListId, Row, Tone, Width, natural};
use crate::model::bilingual::pick;
use crate::model::labels::Label;
use crate::model::*;
use crate::tui::screen_text::{T, fill};
use crate::tui::theme::{level_symbol, status_symbol};

pub(super) fn col(title: &str, width: Width) -> Column {
    Column {
        title: title.to_owned(),
        width,
    }
}

pub fn answer_symbol(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "✓",
        Answer::Partly => "◐",
        Answer::No => "✗",
        Answer::NotApplicable => "–",
        Answer::Unanswered => "?",
    }
}

/// Contact names by id, for owner columns.
pub struct Names<'a> {
    contacts: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    pub fn new(workbook: &'a Workbook) -> Names<'a> {
        Names {
            contacts: workbook
                .contacts
                .contacts
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect(),
        }
    }

    pub fn contact(&self, id: Option<&Id>) -> String {
        match id {
            Some(id) => self
                .contacts
                .get(id.as_str())
                .map_or_else(|| format!("{id}?"), |name| (*name).to_owned()),
            None => String::new(),
        }
    }
}

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn short(d: Option<Duration>) -> String {
    d.map(Duration::short).unwrap_or_else(|| "—".to_owned())
}

/// Builds the columns and rows of a register's `list` (the findings have their
/// own, in [`super::findings`]).
pub fn build(list: ListId, workbook: &Workbook, lang: Language) -> (Vec<Column>, Vec<Row>) {
    let names = Names::new(workbook);
    let t = |en: &'static str, nl: &'static str| pick(lang, en, nl);
    match list {
        ListId::Findings => (Vec::new(), Vec::new()),
        ListId::Checklist => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(t("Answer", "Antwoord"), Width::Fixed(14)),
                col(t("Question", "Vraag"), Width::Fill),
            ];
            let rows = by_principle(
                &workbook.checklist.items,
                |i| (i.principle, i.answer),
                3,
                lang,
                |item| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::ChecklistItem, item.id.clone())),
                        vec![
                            item.id.to_string(),
                            answer_cell(item.answer, lang),
                            item.question.clone(),
                        ],
                    )
                    .tone(Tone::Answer(item.answer), 1)
                },
            );
            (columns, rows)
        }
        ListId::SelfCheck => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(t("Answer", "Antwoord"), Width::Fixed(14)),
                col(t("Statement", "Stelling"), Width::Fill),
                col(t("Action", "Actie"), Width::Fixed(16)),
                col(t("Weight", "Gewicht"), Width::Fixed(7)),
            ];
            let rows = by_principle(
                &workbook.selfcheck.statements,
                |s| (s.principle, s.answer),
                5,
                lang,
                |s| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::Statement, s.id.clone())),
                        vec![
                            s.id.to_string(),
                            answer_cell(s.answer, lang),
                            s.statement.clone(),
                            action_state(workbook, s, lang),
                            "●".repeat(usize::from(s.weight.min(3))),
                        ],
                    )
                    .tone(Tone::Answer(s.answer), 1)
                },
            );
            (columns, rows)
        }
        ListId::Plan => {
            let columns = vec![
                col("Id", Width::Fixed(9)),
                col("Status", Width::Fixed(16)),
                col(t("Step", "Stap"), Width::Fill),
                col(t("Owner", "Eigenaar"), Width::Fixed(18)),
                col(t("Due", "Deadline"), Width::Fixed(10)),
            ];
            let mut rows = Vec::new();
            for phase in &workbook.plan.phases {
                let done = phase.steps.iter().filter(|s| s.status.is_closed()).count();
                rows.push(Row::heading(
                    format!(
                        "{}. {} — {}",
                        phase.number,
                        phase.title,
                        fill(
                            T::StepsDone.get(lang),
                            &[&done.to_string(), &phase.steps.len().to_string()]
                        )
                    ),
                    5,
                ));
                for step in &phase.steps {
                    let mut row = Row::new(
                        Some(RecordRef::new(RecordKind::Step, step.id.clone())),
                        vec![
                            step.id.to_string(),
                            format!("{} {}", status_symbol(step.status), step.status.label(lang)),
                            step.title.clone(),
                            names.contact(step.owner.as_ref()),
                            date(step.due),
                        ],
                    )
                    .tone(Tone::Status(step.status), 1);
                    row.phase = Some(phase.number);
                    rows.push(row);
                }
            }
            rows.push(Row::heading(T::FirstHour.get(lang).to_owned(), 5));
            for step in &workbook.plan.first_hour {
                rows.push(Row::new(
                    Some(RecordRef::new(RecordKind::FirstHourStep, step.id.clone())),
                    vec![
                        step.id.to_string(),
                        step.role
                            .map(|r| r.label(lang).to_owned())
                            .unwrap_or_default(),
                        step.title.clone(),
                        String::new(),
                        String::new(),
                    ],
                ));
            }
            (columns, rows)
        }
        ListId::Risks => {
            let scales = &workbook.manifest.risk_scales;
            let columns = vec![
                col("Id", Width::Fixed(7)),
                col(t("Risk", "Risico"), Width::Fill),
                col(t("L", "K"), Width::Fixed(2)),
                col("I", Width::Fixed(2)),
                col("Score", Width::Fixed(5)),
                col(t("Level", "Niveau"), Width::Fixed(11)),
                col(t("Treatment", "Behandeling"), Width::Fixed(12)),
                col(t("Owner", "Eigenaar"), Width::Fixed(16)),
            ];
            let mut risks: Vec<&Risk> = workbook.risks.risks.iter().collect();
            risks.sort_by(|a, b| {
                b.score()
                    .cmp(&a.score())
                    .then_with(|| natural(a.id.as_str(), b.id.as_str()))
            });
            let rows = risks
                .into_iter()
                .map(|r| {
                    let level = r.level(scales);
                    Row::new(
                        Some(RecordRef::new(RecordKind::Risk, r.id.clone())),
                        vec![
                            r.id.to_string(),
                            r.title.clone(),
                            r.current.likelihood.to_string(),
                            r.current.impact.to_string(),
                            r.score().to_string(),
                            format!("{} {}", level_symbol(level), level.label(lang)),
                            r.treatment
                                .map(|t| t.label(lang).to_owned())
                                .unwrap_or_else(|| "—".to_owned()),
                            names.contact(r.owner.as_ref()),
                        ],
                    )
                    .tone(Tone::Level(level), 5)
                })
                .collect();
            (columns, rows)
        }
        ListId::Processes => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(t("Process", "Proces"), Width::Fill),
                col(t("Criticality", "Kritiek"), Width::Fixed(10)),
                col("MTD", Width::Fixed(5)),
                col("RTO", Width::Fixed(5)),
                col("RPO", Width::Fixed(5)),
                col(t("Order", "Volgorde"), Width::Fixed(8)),
            ];
            let rows = workbook
                .processes
                .processes
                .iter()
                .map(|p| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::Process, p.id.clone())),
                        vec![
                            p.id.to_string(),
                            p.name.clone(),
                            p.criticality.label(lang).to_owned(),
                            short(p.mtd),
                            short(p.rto),
                            short(p.rpo),
                            p.recovery_order.map(|n| n.to_string()).unwrap_or_default(),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Systems => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(t("System", "Systeem"), Width::Fill),
                col(t("Kind", "Soort"), Width::Fixed(16)),
                col(t("Supplier", "Leverancier"), Width::Fixed(18)),
            ];
            let rows = workbook
                .processes
                .systems
                .iter()
                .map(|s| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::System, s.id.clone())),
                        vec![
                            s.id.to_string(),
                            s.name.clone(),
                            s.kind.label(lang).to_owned(),
                            s.supplier
                                .as_ref()
                                .map(|id| {
                                    workbook
                                        .supplier(id.as_str())
                                        .map_or_else(|| format!("{id}?"), |x| x.name.clone())
                                })
                                .unwrap_or_default(),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Suppliers => {
            let columns = vec![
                col("Id", Width::Fixed(7)),
                col(t("Supplier", "Leverancier"), Width::Fill),
                col(t("Service", "Dienst"), Width::Fixed(22)),
                col(t("Incident contact", "Incidentcontact"), Width::Fixed(18)),
            ];
            let rows = workbook
                .processes
                .suppliers
                .iter()
                .map(|s| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::Supplier, s.id.clone())),
                        vec![
                            s.id.to_string(),
                            s.name.clone(),
                            s.service.clone(),
                            names.contact(s.incident_contact.as_ref()),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Contacts => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(t("Name", "Naam"), Width::Fill),
                col(t("Role", "Rol"), Width::Fixed(18)),
                col(t("Phone", "Telefoon"), Width::Fixed(15)),
                col(t("Verified", "Gecontroleerd"), Width::Fixed(13)),
            ];
            let rows = workbook
                .contacts
                .contacts
                .iter()
                .map(|c| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::Contact, c.id.clone())),
                        vec![
                            c.id.to_string(),
                            c.name.clone(),
                            if c.role.is_empty() {
                                c.organisation.clone()
                            } else {
                                c.role.clone()
                            },
                            c.first_phone()
                                .map(|p| p.number.clone())
                                .unwrap_or_default(),
                            c.verified.map_or_else(
                                || T::NeverVerified.get(lang).to_owned(),
                                |d| d.to_string(),
                            ),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Backups => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                col(t("Backup", "Back-up"), Width::Fill),
                col(t("Every", "Elke"), Width::Fixed(6)),
                col(t("Copies", "Kopieën"), Width::Fixed(8)),
                col(t("Last run", "Laatste run"), Width::Fixed(11)),
                col(
                    t("Last restore test", "Laatste hersteltest"),
                    Width::Fixed(22),
                ),
            ];
            let rows = workbook
                .backups
                .backups
                .iter()
                .map(|b| {
                    let last = b.last_restore_test();
                    Row::new(
                        Some(RecordRef::new(RecordKind::Backup, b.id.clone())),
                        vec![
                            b.id.to_string(),
                            b.what.clone(),
                            b.frequency.short(),
                            b.copies.len().to_string(),
                            date(b.last_success),
                            last.map(|t| format!("{} {}", t.date, t.result.label(lang)))
                                .unwrap_or_else(|| "—".to_owned()),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Incidents => {
            let columns = vec![
                col("Id", Width::Fixed(32)),
                col(t("Kind", "Soort"), Width::Fixed(10)),
                col("Status", Width::Fixed(9)),
                col(t("Title", "Titel"), Width::Fill),
            ];
            let rows = workbook
                .incidents
                .iter()
                .rev()
                .map(|i| {
                    Row::new(
                        Some(RecordRef::new(RecordKind::Incident, i.id.clone())),
                        vec![
                            i.id.to_string(),
                            i.kind.label(lang).to_owned(),
                            i.status.label(lang).to_owned(),
                            i.title.clone(),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
    }
}

/// Rows grouped under the five principles, each group headed by its progress.
fn by_principle<R>(
    items: &[R],
    key: impl Fn(&R) -> (Principle, Answer),
    columns: usize,
    lang: Language,
    row: impl Fn(&R) -> Row,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for principle in Principle::ALL {
        let group: Vec<&R> = items.iter().filter(|i| key(i).0 == principle).collect();
        if group.is_empty() {
            continue;
        }
        let answered = group.iter().filter(|i| key(i).1.is_answered()).count();
        let progress = fill(
            T::Answered.get(lang),
            &[&answered.to_string(), &group.len().to_string()],
        );
        rows.push(Row::heading(
            format!("{} — {progress}", principle.label(lang)),
            columns,
        ));
        rows.extend(group.into_iter().map(&row));
    }
    rows
}

/// "✓ yes", "◐ partly", …
fn answer_cell(answer: Answer, lang: Language) -> String {
    format!("{} {}", answer_symbol(answer), answer.label(lang))
}

/// "open" or "planned STEP-5.8" for an unmet statement; nothing otherwise.
fn action_state(workbook: &Workbook, statement: &Statement, lang: Language) -> String {
    if !statement.answer.is_unmet() {
        return String::new();
    }
    match &statement.plan_step {
        Some(step) if workbook.step(step.as_str()).is_some() => {
            format!("{} {step}", T::Planned.get(lang))
        }
        _ => T::Open.get(lang).to_owned(),
    }
}
