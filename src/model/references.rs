//! Every place a record refers to another by id, listed once.
//!
//! Renumbering a record (`paraat renumber`, or a merge that finds one id given to
//! two new records) must move every reference with it, in every file. The visitors
//! here walk each file's references with the kind of record they point at, so the
//! renumbering in the model and the merge driver use one list, and a field added
//! later is added here once.

use super::*;

/// A reference visitor: the kind of record referred to, and the id to read or change.
pub type Visit<'a> = dyn FnMut(RecordKind, &mut Id) + 'a;

/// Something that holds references to records.
pub trait References {
    /// Calls `visit` for every reference this value holds.
    fn references_mut(&mut self, visit: &mut Visit<'_>);
}

fn one(kind: RecordKind, id: &mut Option<Id>, visit: &mut Visit<'_>) {
    if let Some(id) = id {
        visit(kind, id);
    }
}

fn all(kind: RecordKind, ids: &mut [Id], visit: &mut Visit<'_>) {
    for id in ids {
        visit(kind, id);
    }
}

impl References for Risk {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        use RecordKind as K;
        all(K::Process, &mut self.processes, visit);
        all(K::System, &mut self.systems, visit);
        all(K::Supplier, &mut self.suppliers, visit);
        one(K::Contact, &mut self.owner, visit);
        all(K::Step, &mut self.actions, visit);
        if let Some(acceptance) = &mut self.acceptance {
            visit(K::Contact, &mut acceptance.by);
        }
    }
}

impl References for Process {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        one(RecordKind::Contact, &mut self.owner, visit);
        all(RecordKind::System, &mut self.systems, visit);
        all(RecordKind::Supplier, &mut self.suppliers, visit);
    }
}

impl References for System {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        one(RecordKind::Supplier, &mut self.supplier, visit);
        one(RecordKind::Contact, &mut self.owner, visit);
    }
}

impl References for Supplier {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        one(RecordKind::Contact, &mut self.incident_contact, visit);
    }
}

impl References for Contact {
    fn references_mut(&mut self, _visit: &mut Visit<'_>) {}
}

impl References for Backup {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        all(RecordKind::System, &mut self.systems, visit);
        one(RecordKind::Contact, &mut self.responsible, visit);
    }
}

impl References for Step {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        use RecordKind as K;
        one(K::Contact, &mut self.owner, visit);
        all(K::Risk, &mut self.risks, visit);
        all(K::Statement, &mut self.statements, visit);
        one(K::Incident, &mut self.incident, visit);
    }
}

impl References for FirstHourStep {
    fn references_mut(&mut self, _visit: &mut Visit<'_>) {}
}

impl References for Statement {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        one(RecordKind::Step, &mut self.plan_step, visit);
    }
}

impl References for ChecklistItem {
    fn references_mut(&mut self, _visit: &mut Visit<'_>) {}
}

impl References for Manifest {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        one(RecordKind::Contact, &mut self.organisation.notifier, visit);
    }
}

impl References for Incident {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        use RecordKind as K;
        all(K::System, &mut self.affected_systems, visit);
        for entry in &mut self.timeline {
            match &mut entry.kind {
                EntryKind::Call { contact, .. } => visit(K::Contact, contact),
                EntryKind::StepDone { step } => visit(K::FirstHourStep, step),
                EntryKind::Notified { to } => visit(K::Contact, to),
                EntryKind::Note | EntryKind::Decision | EntryKind::Inject { .. } => {}
            }
        }
        for n in &mut self.notifications {
            visit(K::Contact, &mut n.to);
        }
        for lesson in &mut self.lessons {
            one(K::Step, &mut lesson.plan_step, visit);
        }
    }
}

impl References for Checklist {
    fn references_mut(&mut self, _visit: &mut Visit<'_>) {}
}

impl References for SelfCheck {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        self.statements
            .iter_mut()
            .for_each(|s| s.references_mut(visit));
    }
}

impl References for Plan {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        for phase in &mut self.phases {
            phase.steps.iter_mut().for_each(|s| s.references_mut(visit));
        }
    }
}

impl References for Risks {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        self.risks.iter_mut().for_each(|r| r.references_mut(visit));
    }
}

impl References for Processes {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        self.processes
            .iter_mut()
            .for_each(|r| r.references_mut(visit));
        self.systems
            .iter_mut()
            .for_each(|r| r.references_mut(visit));
        self.suppliers
            .iter_mut()
            .for_each(|r| r.references_mut(visit));
    }
}

impl References for Contacts {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        for role in &mut self.crisis_roles {
            one(RecordKind::Contact, &mut role.primary, visit);
            one(RecordKind::Contact, &mut role.deputy, visit);
        }
        for call in &mut self.call_order {
            visit(RecordKind::Contact, &mut call.contact);
        }
    }
}

impl References for Backups {
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        self.backups
            .iter_mut()
            .for_each(|r| r.references_mut(visit));
    }
}

/// Something that holds records with ids (a register file).
pub trait Records {
    /// Calls `visit` for the id of every record this value holds.
    fn ids_mut(&mut self, visit: &mut Visit<'_>);
}

macro_rules! records {
    ($ty:ty => $( $kind:ident : $field:ident ),+) => {
        impl Records for $ty {
            fn ids_mut(&mut self, visit: &mut Visit<'_>) {
                $( for r in &mut self.$field { visit(RecordKind::$kind, &mut r.id); } )+
            }
        }
    };
}
records!(Checklist => ChecklistItem: items);
records!(SelfCheck => Statement: statements);
records!(Risks => Risk: risks);
records!(Processes => Process: processes, System: systems, Supplier: suppliers);
records!(Contacts => Contact: contacts);
records!(Backups => Backup: backups);

impl Records for Plan {
    fn ids_mut(&mut self, visit: &mut Visit<'_>) {
        for phase in &mut self.phases {
            for step in &mut phase.steps {
                visit(RecordKind::Step, &mut step.id);
            }
        }
        for step in &mut self.first_hour {
            visit(RecordKind::FirstHourStep, &mut step.id);
        }
    }
}

impl Records for Manifest {
    fn ids_mut(&mut self, _visit: &mut Visit<'_>) {}
}

impl Records for Incident {
    fn ids_mut(&mut self, _visit: &mut Visit<'_>) {}
}

impl Workbook {
    /// Calls `visit` for every reference in every file of the workbook.
    pub fn references_mut(&mut self, visit: &mut Visit<'_>) {
        self.manifest.references_mut(visit);
        self.selfcheck.references_mut(visit);
        self.plan.references_mut(visit);
        self.risks.references_mut(visit);
        self.processes.references_mut(visit);
        self.contacts.references_mut(visit);
        self.backups.references_mut(visit);
        for incident in &mut self.incidents {
            incident.references_mut(visit);
        }
    }

    /// Whether any record refers to `id` of `kind`.
    pub fn is_referred_to(&self, kind: RecordKind, id: &Id) -> bool {
        // The visitors take `&mut`; a clone keeps this a plain query.
        let mut copy = self.clone();
        let mut found = false;
        copy.references_mut(&mut |k, target| found |= k == kind && target == id);
        found
    }
}
