//! The rows of each register's list: which columns, in which words, in what order.

use std::collections::HashMap;

use super::{Column, ListId, Row, Tone, Width, natural};
use crate::model::fields::*;
use crate::model::labels::Label;
use crate::model::*;
use crate::tui::screen_text::{T, fill, steps};
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
    let column = |field: Field, width: Width| col(field.short(lang), width);
    match list {
        ListId::Findings => (Vec::new(), Vec::new()),
        ListId::Checklist => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                column(checklist_item::ANSWER, Width::Fixed(14)),
                column(checklist_item::QUESTION, Width::Fill),
            ];
            let rows = by_principle(
                &workbook.checklist.items,
                |i| (i.principle, i.answer, is_retired(&i.origin)),
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
                    .tone(answer_tone(item.answer, &item.origin), 1)
                },
            );
            (columns, rows)
        }
        ListId::SelfCheck => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                column(statement::ANSWER, Width::Fixed(14)),
                column(statement::STATEMENT, Width::Fill),
                column(statement::ACTION, Width::Fixed(16)),
                column(statement::WEIGHT, Width::Fixed(7)),
            ];
            let rows = by_principle(
                &workbook.selfcheck.statements,
                |s| (s.principle, s.answer, is_retired(&s.origin)),
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
                    .tone(answer_tone(s.answer, &s.origin), 1)
                },
            );
            (columns, rows)
        }
        ListId::Plan => {
            let columns = vec![
                col("Id", Width::Fixed(9)),
                column(step::STATUS, Width::Fixed(16)),
                column(step::TITLE, Width::Fill),
                column(step::OWNER, Width::Fixed(18)),
                column(step::DUE, Width::Fixed(10)),
            ];
            let mut rows = Vec::new();
            for phase in &workbook.plan.phases {
                // Steps their template pack retired are listed, not counted.
                let counted: Vec<&Step> = phase
                    .steps
                    .iter()
                    .filter(|s| !is_retired(&s.origin))
                    .collect();
                let done = counted.iter().filter(|s| s.status.is_closed()).count();
                rows.push(Row::heading(
                    format!(
                        "{}. {} — {}",
                        phase.number,
                        phase.title,
                        fill(
                            T::StepsDone.get(lang),
                            &[&done.to_string(), &steps(counted.len(), lang)]
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
                    .tone(
                        if is_retired(&step.origin) {
                            Tone::Muted
                        } else {
                            Tone::Status(step.status)
                        },
                        1,
                    );
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
                column(risk::TITLE, Width::Fill),
                column(risk::LIKELIHOOD, Width::Fixed(2)),
                column(risk::IMPACT, Width::Fixed(2)),
                column(risk::SCORE, Width::Fixed(5)),
                column(risk::LEVEL, Width::Fixed(11)),
                column(risk::TREATMENT, Width::Fixed(12)),
                column(risk::OWNER, Width::Fixed(16)),
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
                column(process::NAME, Width::Fill),
                column(process::CRITICALITY, Width::Fixed(10)),
                column(process::MTD, Width::Fixed(5)),
                column(process::RTO, Width::Fixed(5)),
                column(process::RPO, Width::Fixed(5)),
                column(process::RECOVERY_ORDER, Width::Fixed(8)),
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
                column(system::NAME, Width::Fill),
                column(system::KIND, Width::Fixed(16)),
                column(system::SUPPLIER, Width::Fixed(18)),
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
                column(supplier::NAME, Width::Fill),
                column(supplier::SERVICE, Width::Fixed(22)),
                column(supplier::INCIDENT_CONTACT, Width::Fixed(18)),
                column(supplier::CATALOGUE, Width::Fixed(12)),
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
                            s.catalogue.clone().unwrap_or_default(),
                        ],
                    )
                })
                .collect();
            (columns, rows)
        }
        ListId::Contacts => {
            let columns = vec![
                col("Id", Width::Fixed(6)),
                column(contact::NAME, Width::Fill),
                column(contact::ROLE, Width::Fixed(18)),
                column(contact::PHONES, Width::Fixed(15)),
                column(contact::VERIFIED, Width::Fixed(13)),
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
                column(backup::WHAT, Width::Fill),
                column(backup::FREQUENCY, Width::Fixed(6)),
                column(backup::COPIES, Width::Fixed(8)),
                column(backup::LAST_SUCCESS, Width::Fixed(11)),
                column(backup::LAST_RESTORE_TEST, Width::Fixed(22)),
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
                column(incident::KIND, Width::Fixed(10)),
                column(incident::STATUS, Width::Fixed(9)),
                column(incident::TITLE, Width::Fill),
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
/// The rows of `items` under a heading per principle that counts the answered
/// ones; `key` gives an item's principle, answer and whether its template pack
/// retired it (listed, but not counted, as in the scores and progress).
fn by_principle<R>(
    items: &[R],
    key: impl Fn(&R) -> (Principle, Answer, bool),
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
        let counted: Vec<Answer> = group
            .iter()
            .map(|i| key(i))
            .filter(|(_, _, retired)| !retired)
            .map(|(_, answer, _)| answer)
            .collect();
        let answered = counted.iter().filter(|a| a.is_answered()).count();
        let progress = fill(
            T::Answered.get(lang),
            &[&answered.to_string(), &counted.len().to_string()],
        );
        rows.push(Row::heading(
            format!("{} — {progress}", principle.label(lang)),
            columns,
        ));
        rows.extend(group.into_iter().map(&row));
    }
    rows
}

/// An answer's colour, muted for an item its template pack retired.
fn answer_tone(answer: Answer, origin: &Option<Origin>) -> Tone {
    if is_retired(origin) {
        Tone::Muted
    } else {
        Tone::Answer(answer)
    }
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
