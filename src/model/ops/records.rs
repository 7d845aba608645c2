//! Adding, copying, changing and deleting records, and the contacts' crisis roles
//! and call order.

use super::{Located, OpError, Place};
use crate::model::bilingual::pick;
use crate::model::edit::{Edit, Record};
use crate::model::*;

/// A new, empty record of `kind` with a fresh id (one never used before), as a
/// form starts it. Plan steps go to `phase` (default: the first phase).
pub fn blank(
    workbook: &Workbook,
    kind: RecordKind,
    phase: Option<u32>,
    today: Date,
) -> Result<(Record, Option<u32>), OpError> {
    let (id, phase) = match kind {
        RecordKind::Step => {
            let found = phase_or_first(workbook, phase)?;
            (found.next_step_id(), Some(found.number))
        }
        RecordKind::Incident => {
            return Err(OpError::NotHere(
                RecordKind::Incident.noun(Language::En).to_owned(),
            ));
        }
        other => (workbook.next_id(other), None),
    };
    let record = match kind {
        RecordKind::ChecklistItem => Record::ChecklistItem(ChecklistItem {
            id,
            principle: Principle::Risks,
            question: String::new(),
            guidance: String::new(),
            answer: Answer::Unanswered,
            note: String::new(),
            answered: None,
            origin: None,
        }),
        RecordKind::Statement => Record::Statement(Statement {
            id,
            principle: Principle::Risks,
            statement: String::new(),
            weight: 2,
            answer: Answer::Unanswered,
            note: String::new(),
            answered: None,
            action: String::new(),
            priority: Priority::Medium,
            plan_step: None,
            origin: None,
        }),
        RecordKind::Step => Record::Step(Step {
            id,
            title: String::new(),
            description: String::new(),
            owner: None,
            status: StepStatus::Todo,
            due: None,
            done: None,
            risks: vec![],
            statements: vec![],
            incident: None,
            notes: String::new(),
            origin: None,
        }),
        RecordKind::FirstHourStep => Record::FirstHourStep(FirstHourStep {
            id,
            title: String::new(),
            description: String::new(),
            role: None,
            origin: None,
        }),
        RecordKind::Risk => Record::Risk(Risk {
            review_by: Some(today.plus_months(workbook.manifest.rules.risk_review_months)),
            ..Risk::new(
                id,
                String::new(),
                Rating {
                    likelihood: 3,
                    impact: 3,
                },
            )
        }),
        RecordKind::Process => Record::Process(Process {
            id,
            name: String::new(),
            owner: None,
            description: String::new(),
            criticality: Criticality::Medium,
            mtd: None,
            rto: None,
            rpo: None,
            minimum_service: String::new(),
            workaround: String::new(),
            systems: vec![],
            suppliers: vec![],
            recovery_order: None,
            notes: String::new(),
        }),
        RecordKind::System => Record::System(System {
            id,
            name: String::new(),
            kind: SystemKind::Saas,
            data: vec![],
            location: String::new(),
            supplier: None,
            owner: None,
            notes: String::new(),
        }),
        RecordKind::Supplier => Record::Supplier(Supplier {
            id,
            name: String::new(),
            service: String::new(),
            catalogue: None,
            contract_end: None,
            security_agreements: false,
            incident_contact: None,
            exit_plan: String::new(),
            notes: String::new(),
        }),
        RecordKind::Contact => Record::Contact(Contact {
            id,
            name: String::new(),
            role: String::new(),
            organisation: String::new(),
            kind: ContactKind::Internal,
            authority: None,
            phones: vec![],
            email: String::new(),
            out_of_band: String::new(),
            availability: String::new(),
            verified: Some(today),
            needs: String::new(),
            notes: String::new(),
            origin: None,
            private: PrivateDetails::default(),
        }),
        RecordKind::Backup => Record::Backup(Backup {
            id,
            what: String::new(),
            systems: vec![],
            method: String::new(),
            frequency: Duration::Days(1),
            retention: None,
            copies: vec![],
            encrypted: false,
            responsible: None,
            last_success: None,
            restore_test_every: Some(Duration::Months(6)),
            restore_tests: vec![],
            notes: String::new(),
        }),
        RecordKind::Incident => unreachable!("refused above"),
    };
    Ok((record, phase))
}

/// The plan phase `number`, else the first one.
fn phase_or_first(workbook: &Workbook, number: Option<u32>) -> Result<&Phase, OpError> {
    let phases = &workbook.plan.phases;
    match number {
        Some(n) => phases
            .iter()
            .find(|p| p.number == n)
            .ok_or(OpError::NoSuchPhase(n)),
        None => phases.first().ok_or(OpError::NoPhases),
    }
}

/// A copy of `found` with a fresh id and "(copy)" on its title, to go right after
/// it. A statement's copy is not linked to the original's plan step.
pub fn duplicate(
    workbook: &Workbook,
    found: &Located,
    lang: Language,
) -> Result<(Record, Place), OpError> {
    let kind = found.record.kind();
    let new_id = match kind {
        RecordKind::Step => phase_or_first(workbook, found.place.phase)?.next_step_id(),
        other => workbook.next_id(other),
    };
    let mark = pick(lang, " (copy)", " (kopie)");
    let mut copy = found.record.clone();
    match &mut copy {
        Record::ChecklistItem(r) => r.id = new_id,
        Record::Statement(r) => {
            r.id = new_id;
            r.plan_step = None;
        }
        Record::Step(r) => {
            r.id = new_id;
            r.title.push_str(mark);
        }
        Record::FirstHourStep(r) => {
            r.id = new_id;
            r.title.push_str(mark);
        }
        Record::Risk(r) => {
            r.id = new_id;
            r.title.push_str(mark);
        }
        Record::Process(r) => {
            r.id = new_id;
            r.name.push_str(mark);
        }
        Record::System(r) => {
            r.id = new_id;
            r.name.push_str(mark);
        }
        Record::Supplier(r) => {
            r.id = new_id;
            r.name.push_str(mark);
        }
        Record::Contact(r) => {
            r.id = new_id;
            r.name.push_str(mark);
        }
        Record::Backup(r) => {
            r.id = new_id;
            r.what.push_str(mark);
        }
    }
    Ok((
        copy,
        Place {
            phase: found.place.phase,
            index: found.place.index + 1,
        },
    ))
}

/// Adds `record` at `place` (an index past the end adds it last). Its id must be
/// free; a plan step's phase must exist.
pub fn add(workbook: &Workbook, record: Record, place: Place) -> Result<Edit, OpError> {
    let kind = record.kind();
    let phase = match kind {
        RecordKind::Step => Some(phase_or_first(workbook, place.phase)?.number),
        _ => None,
    };
    if super::find(workbook, kind, record.id().as_str()).is_some() {
        return Err(OpError::Exists(record.id().clone()));
    }
    // The real index (not "past the end"), so the inverse finds the record to undo.
    let index = place.index.min(len_of(workbook, kind, phase));
    Ok(Edit::Record {
        phase,
        index,
        before: None,
        after: Some(record),
    })
}

/// How many records the list of `kind` holds (for steps: in `phase`).
fn len_of(workbook: &Workbook, kind: RecordKind, phase: Option<u32>) -> usize {
    let wb = workbook;
    match kind {
        RecordKind::ChecklistItem => wb.checklist.items.len(),
        RecordKind::Statement => wb.selfcheck.statements.len(),
        RecordKind::Step => wb
            .plan
            .phases
            .iter()
            .find(|p| Some(p.number) == phase)
            .map_or(0, |p| p.steps.len()),
        RecordKind::FirstHourStep => wb.plan.first_hour.len(),
        RecordKind::Risk => wb.risks.risks.len(),
        RecordKind::Process => wb.processes.processes.len(),
        RecordKind::System => wb.processes.systems.len(),
        RecordKind::Supplier => wb.processes.suppliers.len(),
        RecordKind::Contact => wb.contacts.contacts.len(),
        RecordKind::Backup => wb.backups.backups.len(),
        RecordKind::Incident => wb.incidents.len(),
    }
}

/// Replaces the crisis roles. `None` when they are the same.
pub fn set_crisis_roles(workbook: &Workbook, roles: Vec<CrisisRole>) -> Option<Edit> {
    (workbook.contacts.crisis_roles != roles).then(|| Edit::CrisisRoles {
        before: workbook.contacts.crisis_roles.clone(),
        after: roles,
    })
}

/// Replaces the call order. `None` when it is the same.
pub fn set_call_order(workbook: &Workbook, calls: Vec<Call>) -> Option<Edit> {
    (workbook.contacts.call_order != calls).then(|| Edit::CallOrder {
        before: workbook.contacts.call_order.clone(),
        after: calls,
    })
}

/// Changes fields of the record `id` from words (`likelihood=2`,
/// `review_by=2027-03-01`), as its form would: each field is found by its name
/// or label and its word is checked by the form's check
/// ([`crate::model::form::fill`]), then the record is rebuilt from the form's
/// JSON. `None` when nothing changes.
pub fn set_fields(
    workbook: &Workbook,
    id: &str,
    words: &[(String, String)],
) -> Result<Option<Edit>, OpError> {
    use crate::model::form::{self, specs};
    let kind = match crate::model::renumber::kind_of_id(id.trim()) {
        Some(RecordKind::Incident) | None => {
            return Err(OpError::NotARecordId(id.trim().to_owned()));
        }
        Some(kind) => kind,
    };
    let found = super::locate(workbook, kind, id.trim())?;
    let lang = workbook.manifest.language;
    let (fields, groups) = specs::fields(kind, lang);
    let (others, _) = specs::fields(kind, lang.other());
    let mut value = specs::to_json(&found.record);
    form::fill(
        &mut value,
        (&fields, &others),
        Some(kind),
        words,
        workbook,
        lang,
    )
    .map_err(|refused| OpError::refused(kind, refused))?;
    if let Some(path) = form::check_groups(&mut value, &fields, &groups).first()
        && let Some(spec) = fields.iter().find(|f| &f.path == path)
    {
        return Err(OpError::Invalid(
            spec.label.clone(),
            form::Invalid::AllOrNone,
        ));
    }
    let after = specs::from_json(kind, value).map_err(OpError::Form)?;
    Ok((after != found.record).then(|| found.replaced_by(after)))
}
