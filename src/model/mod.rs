//! The workbook's data: plain types with serde, no I/O.
//!
//! Every persisted struct denies unknown fields, so a typo in a hand edit is an
//! error and an older binary never silently drops a newer field. Optional fields
//! carry `#[serde(default)]` so a newer binary still reads older files. There are
//! no floats and no hash maps: saving the same data always writes the same bytes.

mod backup;
pub mod bilingual;
mod catalogue;
mod checklist;
mod common;
pub mod conflict;
mod contact;
pub mod edit;
pub mod fields;
pub mod form;
mod ids;
mod incident;
mod kinds;
pub mod labels;
mod manifest;
pub mod ops;
mod origin;
pub mod pack;
mod plan;
mod process;
pub mod references;
pub mod register;
pub mod renumber;
mod risk;
mod scenario;
mod time;

pub use backup::*;
pub use catalogue::*;
pub use checklist::*;
pub use common::*;
pub use contact::*;
pub use ids::*;
pub use incident::*;
pub use kinds::*;
pub use manifest::*;
pub use origin::*;
pub use plan::*;
pub use process::*;
pub use register::Register;
pub use risk::*;
pub use scenario::*;
pub use time::*;

/// A whole workbook in memory: every file of the folder, private details merged in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workbook {
    pub manifest: Manifest,
    pub checklist: Checklist,
    pub selfcheck: SelfCheck,
    pub plan: Plan,
    pub risks: Risks,
    pub processes: Processes,
    pub contacts: Contacts,
    pub backups: Backups,
    /// Incidents and exercises, ordered by id (which starts with the date).
    pub incidents: Vec<Incident>,
    /// Entries of `private/contacts.ron` whose contact is gone from `contacts.ron`.
    /// Kept (and written back) so nothing private is lost; `check` reports them.
    pub private_orphans: Vec<PrivateContact>,
    /// What a merge left undecided, by the file (relative to the workbook folder)
    /// it is written in. Empty unless a merge ran into a conflict.
    pub conflicts: std::collections::BTreeMap<String, Vec<conflict::Conflict>>,
}

impl Workbook {
    pub fn language(&self) -> Language {
        self.manifest.language
    }

    /// The checklist questions still asked: all but those the template pack retired.
    pub fn checklist_in_use(&self) -> impl Iterator<Item = &ChecklistItem> {
        self.checklist
            .items
            .iter()
            .filter(|i| !is_retired(&i.origin))
    }

    /// The self-check statements still asked: all but those the pack retired.
    pub fn statements_in_use(&self) -> impl Iterator<Item = &Statement> {
        self.selfcheck
            .statements
            .iter()
            .filter(|s| !is_retired(&s.origin))
    }

    pub fn risk(&self, id: &str) -> Option<&Risk> {
        self.risks.risks.iter().find(|r| r.id.as_str() == id)
    }

    pub fn process(&self, id: &str) -> Option<&Process> {
        self.processes
            .processes
            .iter()
            .find(|r| r.id.as_str() == id)
    }

    pub fn system(&self, id: &str) -> Option<&System> {
        self.processes.systems.iter().find(|r| r.id.as_str() == id)
    }

    pub fn supplier(&self, id: &str) -> Option<&Supplier> {
        self.processes
            .suppliers
            .iter()
            .find(|r| r.id.as_str() == id)
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.contacts.iter().find(|r| r.id.as_str() == id)
    }

    pub fn backup(&self, id: &str) -> Option<&Backup> {
        self.backups.backups.iter().find(|r| r.id.as_str() == id)
    }

    pub fn steps(&self) -> impl Iterator<Item = (&Phase, &Step)> {
        self.plan
            .phases
            .iter()
            .flat_map(|phase| phase.steps.iter().map(move |step| (phase, step)))
    }

    /// The plan steps still in the plan: all but those the template pack retired.
    pub fn steps_in_use(&self) -> impl Iterator<Item = (&Phase, &Step)> {
        self.steps().filter(|(_, s)| !is_retired(&s.origin))
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps().map(|(_, s)| s).find(|s| s.id.as_str() == id)
    }

    pub fn statement(&self, id: &str) -> Option<&Statement> {
        self.selfcheck
            .statements
            .iter()
            .find(|s| s.id.as_str() == id)
    }

    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.incidents.iter().find(|i| i.id.as_str() == id)
    }

    /// The real incident in progress, if any (there is at most one).
    pub fn active_incident(&self) -> Option<&Incident> {
        self.incidents
            .iter()
            .rev()
            .find(|i| i.is_active() && i.kind == IncidentKind::Real)
    }

    /// The contact holding `role` as primary, else as deputy.
    pub fn crisis_role(&self, role: RoleKind) -> Option<&CrisisRole> {
        self.contacts.crisis_roles.iter().find(|r| r.role == role)
    }

    /// The id the next new record of `kind` gets (never one used before).
    /// Plan steps and incidents have their own schemes (see [`Phase::next_step_id`]).
    pub fn next_id(&self, kind: RecordKind) -> Id {
        fn ids<T>(records: &[T], id: fn(&T) -> &Id) -> Vec<&Id> {
            records.iter().map(id).collect()
        }
        let (mark, used) = match kind {
            RecordKind::ChecklistItem => (
                self.checklist.next_number,
                ids(&self.checklist.items, |r| &r.id),
            ),
            RecordKind::Statement => (
                self.selfcheck.next_number,
                ids(&self.selfcheck.statements, |r| &r.id),
            ),
            RecordKind::FirstHourStep => (
                self.plan.next_first_hour,
                ids(&self.plan.first_hour, |r| &r.id),
            ),
            RecordKind::Risk => (self.risks.next_number, ids(&self.risks.risks, |r| &r.id)),
            RecordKind::Process => (
                self.processes.next_process,
                ids(&self.processes.processes, |r| &r.id),
            ),
            RecordKind::System => (
                self.processes.next_system,
                ids(&self.processes.systems, |r| &r.id),
            ),
            RecordKind::Supplier => (
                self.processes.next_supplier,
                ids(&self.processes.suppliers, |r| &r.id),
            ),
            RecordKind::Contact => (
                self.contacts.next_number,
                ids(&self.contacts.contacts, |r| &r.id),
            ),
            RecordKind::Backup => (
                self.backups.next_number,
                ids(&self.backups.backups, |r| &r.id),
            ),
            RecordKind::Step | RecordKind::Incident => (0, Vec::new()),
        };
        let number = next_number(mark, kind.prefix(), used.into_iter());
        Id::with_number(kind.prefix(), number, kind.width())
    }
}
