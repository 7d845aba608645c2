//! Every change to a workbook is one [`Edit`] value, applied in one place.
//!
//! An edit carries the state before and after, so undo is applying its inverse,
//! the files it touches are known (dirty flags per file), and the list of edits
//! since the last save is what the recovery file holds: after a crash the edits
//! are applied again to the workbook as it is on disk.
//!
//! Applying checks that the record is where and what the edit expects; an edit
//! that no longer fits (the file changed on disk since) is refused rather than
//! applied to the wrong record.

use serde::{Deserialize, Serialize};

use super::*;

/// One whole record of any kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RecordRepr", into = "RecordRepr")]
pub enum Record {
    ChecklistItem(ChecklistItem),
    Statement(Statement),
    Step(Step),
    FirstHourStep(FirstHourStep),
    Risk(Risk),
    Process(Process),
    System(System),
    Supplier(Supplier),
    Contact(Contact),
    Backup(Backup),
}

/// How a record is written in the recovery file: like [`Record`], except that a
/// contact carries its private details (which its own serde skips).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
enum RecordRepr {
    ChecklistItem(ChecklistItem),
    Statement(Statement),
    Step(Step),
    FirstHourStep(FirstHourStep),
    Risk(Risk),
    Process(Process),
    System(System),
    Supplier(Supplier),
    Contact {
        contact: Contact,
        private: PrivateDetails,
    },
    Backup(Backup),
}

impl From<RecordRepr> for Record {
    fn from(repr: RecordRepr) -> Record {
        match repr {
            RecordRepr::ChecklistItem(r) => Record::ChecklistItem(r),
            RecordRepr::Statement(r) => Record::Statement(r),
            RecordRepr::Step(r) => Record::Step(r),
            RecordRepr::FirstHourStep(r) => Record::FirstHourStep(r),
            RecordRepr::Risk(r) => Record::Risk(r),
            RecordRepr::Process(r) => Record::Process(r),
            RecordRepr::System(r) => Record::System(r),
            RecordRepr::Supplier(r) => Record::Supplier(r),
            RecordRepr::Contact {
                mut contact,
                private,
            } => {
                contact.private = private;
                Record::Contact(contact)
            }
            RecordRepr::Backup(r) => Record::Backup(r),
        }
    }
}

impl From<Record> for RecordRepr {
    fn from(record: Record) -> RecordRepr {
        match record {
            Record::ChecklistItem(r) => RecordRepr::ChecklistItem(r),
            Record::Statement(r) => RecordRepr::Statement(r),
            Record::Step(r) => RecordRepr::Step(r),
            Record::FirstHourStep(r) => RecordRepr::FirstHourStep(r),
            Record::Risk(r) => RecordRepr::Risk(r),
            Record::Process(r) => RecordRepr::Process(r),
            Record::System(r) => RecordRepr::System(r),
            Record::Supplier(r) => RecordRepr::Supplier(r),
            Record::Contact(contact) => {
                let private = contact.private.clone();
                RecordRepr::Contact { contact, private }
            }
            Record::Backup(r) => RecordRepr::Backup(r),
        }
    }
}

impl Record {
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::ChecklistItem(_) => RecordKind::ChecklistItem,
            Record::Statement(_) => RecordKind::Statement,
            Record::Step(_) => RecordKind::Step,
            Record::FirstHourStep(_) => RecordKind::FirstHourStep,
            Record::Risk(_) => RecordKind::Risk,
            Record::Process(_) => RecordKind::Process,
            Record::System(_) => RecordKind::System,
            Record::Supplier(_) => RecordKind::Supplier,
            Record::Contact(_) => RecordKind::Contact,
            Record::Backup(_) => RecordKind::Backup,
        }
    }

    pub fn id(&self) -> &Id {
        match self {
            Record::ChecklistItem(r) => &r.id,
            Record::Statement(r) => &r.id,
            Record::Step(r) => &r.id,
            Record::FirstHourStep(r) => &r.id,
            Record::Risk(r) => &r.id,
            Record::Process(r) => &r.id,
            Record::System(r) => &r.id,
            Record::Supplier(r) => &r.id,
            Record::Contact(r) => &r.id,
            Record::Backup(r) => &r.id,
        }
    }
}

/// One change to the workbook.
// Edits are few (one per user action), so their size does not matter; boxing the
// records would only add noise where they are built.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Edit {
    /// Adds, changes or removes one record. `before: None` adds `after` at
    /// `index`; `after: None` removes `before` from `index`. Plan steps name their
    /// phase.
    Record {
        #[serde(default)]
        phase: Option<u32>,
        index: usize,
        before: Option<Record>,
        after: Option<Record>,
    },
    Manifest {
        before: Box<Manifest>,
        after: Box<Manifest>,
    },
    CrisisRoles {
        before: Vec<CrisisRole>,
        after: Vec<CrisisRole>,
    },
    CallOrder {
        before: Vec<Call>,
        after: Vec<Call>,
    },
    /// Several edits that undo and redo as one (adopting an action changes a
    /// statement and adds a step).
    Group(Vec<Edit>),
    /// Gives the record `from` the id `to` and, when `references`, moves every
    /// reference to it (see [`super::renumber`]). Without `references` only the
    /// last record with the id is renamed (several records shared it).
    Renumber {
        kind: RecordKind,
        from: Id,
        to: Id,
        references: bool,
    },
    /// Replaces what a merge left to choose in one file (`conflicts` of a
    /// `Conflicted` file, see [`super::conflict`]); `after` empty settles the file.
    Conflicts {
        file: String,
        before: Vec<super::conflict::Conflict>,
        after: Vec<super::conflict::Conflict>,
    },
}

/// Why an edit could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("{0} is not where the change expects it (the file changed since)")]
    NotFound(String),
    #[error("{0} already exists")]
    Exists(String),
    #[error("plan phase {0} does not exist")]
    NoPhase(u32),
    #[error("this part changed since the edit was made")]
    Stale,
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Record {
                phase,
                index,
                before,
                after,
            } => Edit::Record {
                phase: *phase,
                index: *index,
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Manifest { before, after } => Edit::Manifest {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::CrisisRoles { before, after } => Edit::CrisisRoles {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::CallOrder { before, after } => Edit::CallOrder {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Group(edits) => Edit::Group(edits.iter().rev().map(Edit::inverse).collect()),
            Edit::Renumber {
                kind,
                from,
                to,
                references,
            } => Edit::Renumber {
                kind: *kind,
                from: to.clone(),
                to: from.clone(),
                references: *references,
            },
            Edit::Conflicts {
                file,
                before,
                after,
            } => Edit::Conflicts {
                file: file.clone(),
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    /// The registers this edit changes.
    pub fn registers(&self) -> Vec<Register> {
        let mut registers = match self {
            Edit::Record { before, after, .. } => before
                .iter()
                .chain(after.iter())
                .map(|r| Register::of(r.kind()))
                .collect(),
            Edit::Manifest { .. } => vec![Register::Manifest],
            Edit::CrisisRoles { .. } | Edit::CallOrder { .. } => vec![Register::Contacts],
            Edit::Group(edits) => edits.iter().flat_map(Edit::registers).collect(),
            // Incident files that refer to the record are rewritten by the save too.
            Edit::Renumber {
                kind, references, ..
            } => {
                let mut registers = vec![Register::of(*kind)];
                if *references {
                    registers.extend(Register::referring_to(*kind));
                }
                registers
            }
            Edit::Conflicts { file, .. } => {
                vec![Register::of_file(file).unwrap_or(Register::Manifest)]
            }
        };
        registers.sort();
        registers.dedup();
        registers
    }

    /// Applies the edit. On error the workbook is unchanged.
    pub fn apply(&self, workbook: &mut Workbook) -> Result<(), EditError> {
        match self {
            Edit::Record {
                phase,
                index,
                before,
                after,
            } => apply_record(workbook, *phase, *index, before.as_ref(), after.as_ref()),
            Edit::Manifest { before, after } => {
                if workbook.manifest != **before {
                    return Err(EditError::Stale);
                }
                workbook.manifest = (**after).clone();
                Ok(())
            }
            Edit::CrisisRoles { before, after } => {
                if workbook.contacts.crisis_roles != *before {
                    return Err(EditError::Stale);
                }
                workbook.contacts.crisis_roles = after.clone();
                Ok(())
            }
            Edit::CallOrder { before, after } => {
                if workbook.contacts.call_order != *before {
                    return Err(EditError::Stale);
                }
                workbook.contacts.call_order = after.clone();
                Ok(())
            }
            Edit::Group(edits) => {
                // Whole or not at all, without copying the workbook: on a failure
                // the edits already applied are taken back (their inverses always
                // fit) and the high-water marks they raised are put back.
                let marks = Marks::of(workbook);
                for (done, edit) in edits.iter().enumerate() {
                    if let Err(e) = edit.apply(workbook) {
                        for applied in edits[..done].iter().rev() {
                            let _ = applied.inverse().apply(workbook);
                        }
                        marks.restore(workbook);
                        return Err(e);
                    }
                }
                Ok(())
            }
            Edit::Renumber {
                kind,
                from,
                to,
                references,
            } => apply_renumber(workbook, *kind, from, to, *references),
            Edit::Conflicts {
                file,
                before,
                after,
            } => {
                let now = workbook.conflicts.get(file).map_or(&[][..], Vec::as_slice);
                if now != before.as_slice() {
                    return Err(EditError::Stale);
                }
                if after.is_empty() {
                    workbook.conflicts.remove(file);
                } else {
                    workbook.conflicts.insert(file.clone(), after.clone());
                }
                Ok(())
            }
        }
    }
}

/// Every high-water mark of a workbook (ids are never handed out twice).
struct Marks {
    registers: [u32; 9],
    phases: Vec<u32>,
}

impl Marks {
    fn of(wb: &Workbook) -> Marks {
        Marks {
            registers: [
                wb.checklist.next_number,
                wb.selfcheck.next_number,
                wb.plan.next_first_hour,
                wb.risks.next_number,
                wb.processes.next_process,
                wb.processes.next_system,
                wb.processes.next_supplier,
                wb.contacts.next_number,
                wb.backups.next_number,
            ],
            phases: wb.plan.phases.iter().map(|p| p.next_step).collect(),
        }
    }

    fn restore(&self, wb: &mut Workbook) {
        let [a, b, c, d, e, f, g, h, i] = self.registers;
        wb.checklist.next_number = a;
        wb.selfcheck.next_number = b;
        wb.plan.next_first_hour = c;
        wb.risks.next_number = d;
        wb.processes.next_process = e;
        wb.processes.next_system = f;
        wb.processes.next_supplier = g;
        wb.contacts.next_number = h;
        wb.backups.next_number = i;
        for (phase, mark) in wb.plan.phases.iter_mut().zip(&self.phases) {
            phase.next_step = *mark;
        }
    }
}

/// Anything kept in a list by id.
trait Listed: Clone + PartialEq {
    fn record_id(&self) -> &Id;
}

macro_rules! listed {
    ($($ty:ty),+) => { $(impl Listed for $ty { fn record_id(&self) -> &Id { &self.id } })+ };
}
listed!(
    ChecklistItem,
    Statement,
    Step,
    FirstHourStep,
    Risk,
    Process,
    System,
    Supplier,
    Contact,
    Backup
);

/// Adds, replaces or removes one element, checking the list is as expected.
fn apply_in<T: Listed>(
    list: &mut Vec<T>,
    index: usize,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), EditError> {
    match (before, after) {
        (None, None) => Ok(()),
        (Some(before), after) => {
            if list.get(index) != Some(before) {
                return Err(EditError::NotFound(before.record_id().to_string()));
            }
            match after {
                Some(after) => list[index] = after.clone(),
                None => {
                    list.remove(index);
                }
            }
            Ok(())
        }
        (None, Some(after)) => {
            if list.iter().any(|r| r.record_id() == after.record_id()) {
                return Err(EditError::Exists(after.record_id().to_string()));
            }
            list.insert(index.min(list.len()), after.clone());
            Ok(())
        }
    }
}

fn apply_record(
    workbook: &mut Workbook,
    phase: Option<u32>,
    index: usize,
    before: Option<&Record>,
    after: Option<&Record>,
) -> Result<(), EditError> {
    let Some(kind) = before.or(after).map(Record::kind) else {
        return Ok(());
    };
    if after.is_some_and(|a| a.kind() != kind) {
        return Err(EditError::Stale);
    }
    macro_rules! typed {
        ($variant:ident, $list:expr) => {{
            let before = match before {
                Some(Record::$variant(r)) => Some(r),
                Some(_) => return Err(EditError::Stale),
                None => None,
            };
            let after = match after {
                Some(Record::$variant(r)) => Some(r),
                Some(_) => return Err(EditError::Stale),
                None => None,
            };
            apply_in($list, index, before, after)
        }};
    }
    let result = match kind {
        RecordKind::ChecklistItem => typed!(ChecklistItem, &mut workbook.checklist.items),
        RecordKind::Statement => typed!(Statement, &mut workbook.selfcheck.statements),
        RecordKind::Step => {
            let number = phase.unwrap_or(0);
            let phase = workbook
                .plan
                .phases
                .iter_mut()
                .find(|p| p.number == number)
                .ok_or(EditError::NoPhase(number))?;
            typed!(Step, &mut phase.steps)
        }
        RecordKind::FirstHourStep => typed!(FirstHourStep, &mut workbook.plan.first_hour),
        RecordKind::Risk => typed!(Risk, &mut workbook.risks.risks),
        RecordKind::Process => typed!(Process, &mut workbook.processes.processes),
        RecordKind::System => typed!(System, &mut workbook.processes.systems),
        RecordKind::Supplier => typed!(Supplier, &mut workbook.processes.suppliers),
        RecordKind::Contact => typed!(Contact, &mut workbook.contacts.contacts),
        RecordKind::Backup => typed!(Backup, &mut workbook.backups.backups),
        RecordKind::Incident => Err(EditError::Stale),
    };
    if result.is_ok()
        && before.is_none()
        && let Some(added) = after
    {
        raise_mark(workbook, phase, added);
    }
    result
}

/// Raises the register's high-water mark past a newly added id, so the id is
/// never handed out again, even after the add is undone.
fn raise_mark(workbook: &mut Workbook, phase: Option<u32>, added: &Record) {
    raise_mark_past(workbook, added.kind(), added.id(), phase);
}

/// Raises the high-water mark of `kind` past `id` (for a step, its phase's mark:
/// the phase numbered `phase`, or the one whose ids `id` fits).
pub(crate) fn raise_mark_past(
    workbook: &mut Workbook,
    kind: RecordKind,
    id: &Id,
    phase: Option<u32>,
) {
    if kind == RecordKind::Step {
        if let Some(phase) = workbook
            .plan
            .phases
            .iter_mut()
            .find(|p| phase.map_or(p.step_number(id).is_some(), |n| p.number == n))
            && let Some(n) = phase.step_number(id)
        {
            phase.next_step = phase.next_step.max(n.saturating_add(1));
        }
        return;
    }
    let Some(n) = id.number(kind.prefix()) else {
        return;
    };
    let mark = match kind {
        RecordKind::ChecklistItem => &mut workbook.checklist.next_number,
        RecordKind::Statement => &mut workbook.selfcheck.next_number,
        RecordKind::FirstHourStep => &mut workbook.plan.next_first_hour,
        RecordKind::Risk => &mut workbook.risks.next_number,
        RecordKind::Process => &mut workbook.processes.next_process,
        RecordKind::System => &mut workbook.processes.next_system,
        RecordKind::Supplier => &mut workbook.processes.next_supplier,
        RecordKind::Contact => &mut workbook.contacts.next_number,
        RecordKind::Backup => &mut workbook.backups.next_number,
        RecordKind::Step | RecordKind::Incident => return,
    };
    *mark = (*mark).max(n.saturating_add(1));
}

/// Applies [`Edit::Renumber`]: renames the last record with id `from` and, when
/// `references`, every reference to it; raises the high-water mark past `to`.
fn apply_renumber(
    workbook: &mut Workbook,
    kind: RecordKind,
    from: &Id,
    to: &Id,
    references: bool,
) -> Result<(), EditError> {
    if kind == RecordKind::Incident {
        return Err(EditError::Stale);
    }
    let ids = workbook.ids_of(kind);
    if !ids.contains(&from) {
        return Err(EditError::NotFound(from.to_string()));
    }
    if references && (ids.contains(&to) || ids.iter().filter(|id| **id == from).count() > 1) {
        return Err(EditError::Exists(to.to_string()));
    }
    let mut renamed = false;
    let mut rename_last = |id: &mut Id| {
        if !renamed && id == from {
            *id = to.clone();
            renamed = true;
        }
    };
    // The last record with the id: walk the list backwards.
    macro_rules! last {
        ($list:expr) => {
            for r in $list.iter_mut().rev() {
                rename_last(&mut r.id);
            }
        };
    }
    match kind {
        RecordKind::ChecklistItem => last!(workbook.checklist.items),
        RecordKind::Statement => last!(workbook.selfcheck.statements),
        RecordKind::Step => {
            for phase in workbook.plan.phases.iter_mut().rev() {
                last!(phase.steps);
            }
        }
        RecordKind::FirstHourStep => last!(workbook.plan.first_hour),
        RecordKind::Risk => last!(workbook.risks.risks),
        RecordKind::Process => last!(workbook.processes.processes),
        RecordKind::System => last!(workbook.processes.systems),
        RecordKind::Supplier => last!(workbook.processes.suppliers),
        RecordKind::Contact => last!(workbook.contacts.contacts),
        RecordKind::Backup => last!(workbook.backups.backups),
        RecordKind::Incident => {}
    }
    if references {
        workbook.references_mut(&mut |k, id| {
            if k == kind && id == from {
                *id = to.clone();
            }
        });
    }
    raise_mark_past(workbook, kind, to, None);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workbook() -> Workbook {
        Workbook {
            manifest: Manifest {
                format: FORMAT,
                organisation: Organisation {
                    name: "M".into(),
                    kind: OrganisationKind::Museum,
                    staff: StaffBand::Unknown,
                    city: String::new(),
                    address: String::new(),
                    chamber_of_commerce: String::new(),
                    sector: String::new(),
                    nis2: false,
                    insurer_window: None,
                    insurance_policy: String::new(),
                    notifier: None,
                },
                language: Language::En,
                review: ReviewCycle {
                    every_months: 12,
                    last: None,
                },
                risk_scales: RiskScales {
                    likelihood: vec![],
                    impact: vec![],
                    medium_from: 5,
                    high_from: 10,
                    critical_from: 16,
                    appetite: 9,
                },
                rules: RuleSettings::default(),
                printed_copies: String::new(),
                notes: String::new(),
            },
            checklist: Checklist::default(),
            selfcheck: SelfCheck::default(),
            plan: Plan {
                phases: vec![Phase {
                    number: 1,
                    title: "Govern".into(),
                    goal: String::new(),
                    next_step: 0,
                    steps: vec![],
                }],
                ..Plan::default()
            },
            risks: Risks::default(),
            processes: Processes::default(),
            contacts: Contacts::default(),
            backups: Backups::default(),
            incidents: vec![],
            private_orphans: vec![],
            conflicts: Default::default(),
        }
    }

    fn risk(id: &str, title: &str) -> Record {
        Record::Risk(Risk::new(
            Id::from(id),
            title,
            Rating {
                likelihood: 2,
                impact: 3,
            },
        ))
    }

    #[test]
    fn add_change_remove_and_undo_each() {
        let mut wb = workbook();
        let start = wb.clone();
        let add = Edit::Record {
            phase: None,
            index: 0,
            before: None,
            after: Some(risk("R-001", "a")),
        };
        add.apply(&mut wb).unwrap();
        assert_eq!(wb.risks.risks.len(), 1);
        assert_eq!(wb.risks.next_number, 2, "the id is never handed out again");
        let change = Edit::Record {
            phase: None,
            index: 0,
            before: Some(risk("R-001", "a")),
            after: Some(risk("R-001", "b")),
        };
        change.apply(&mut wb).unwrap();
        assert_eq!(wb.risks.risks[0].title, "b");
        change.inverse().apply(&mut wb).unwrap();
        assert_eq!(wb.risks.risks[0].title, "a");
        add.inverse().apply(&mut wb).unwrap();
        assert_eq!(wb.risks.risks, start.risks.risks);
        assert_eq!(wb.next_id(RecordKind::Risk).as_str(), "R-002");
    }

    #[test]
    fn an_edit_that_no_longer_fits_is_refused_and_changes_nothing() {
        let mut wb = workbook();
        let change = Edit::Record {
            phase: None,
            index: 0,
            before: Some(risk("R-001", "a")),
            after: Some(risk("R-001", "b")),
        };
        let before = wb.clone();
        assert!(change.apply(&mut wb).is_err());
        assert_eq!(wb, before);
        let group = Edit::Group(vec![
            Edit::Record {
                phase: None,
                index: 0,
                before: None,
                after: Some(risk("R-001", "a")),
            },
            change.inverse().inverse(),
            Edit::Record {
                phase: None,
                index: 5,
                before: Some(risk("R-009", "x")),
                after: None,
            },
        ]);
        assert!(group.apply(&mut wb).is_err());
        assert_eq!(wb, before, "a group applies whole or not at all");
    }

    #[test]
    fn steps_go_to_their_phase_and_raise_its_mark() {
        let mut wb = workbook();
        let step = Step {
            id: Id::from("STEP-1.4"),
            title: "t".into(),
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
        };
        Edit::Record {
            phase: Some(1),
            index: 0,
            before: None,
            after: Some(Record::Step(step)),
        }
        .apply(&mut wb)
        .unwrap();
        assert_eq!(wb.plan.phases[0].next_step_id().as_str(), "STEP-1.5");
    }

    #[test]
    fn contacts_keep_private_details_in_the_recovery_form() {
        let mut contact = Contact {
            id: Id::from("C-001"),
            name: "A".into(),
            role: String::new(),
            organisation: String::new(),
            kind: ContactKind::Internal,
            authority: None,
            phones: vec![],
            email: String::new(),
            out_of_band: String::new(),
            availability: String::new(),
            verified: None,
            needs: String::new(),
            notes: String::new(),
            origin: None,
            private: PrivateDetails::default(),
        };
        contact.private.address = "Home 1".into();
        let edit = Edit::Record {
            phase: None,
            index: 0,
            before: None,
            after: Some(Record::Contact(contact)),
        };
        let text = crate::store::format::render(&edit).unwrap();
        assert!(text.contains("Home 1"));
        let back: Edit = ron::from_str(&text).unwrap();
        assert_eq!(back, edit);
    }
}
