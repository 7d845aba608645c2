//! The registers of a workbook: which file each kind of record lives in.
//!
//! One table for the facts every layer needs about "where does this record
//! belong": the file it is written to (the store), the part an edit marks
//! unsaved (the terminal UI), the section of the readiness overview a finding
//! counts for (the review) and the tab that shows it. Everyone asks
//! [`Register::of`] and the register's methods, so the answer cannot differ
//! between them.

use serde::Serialize;

use super::{Language, RecordKind, Workbook};

pub const MANIFEST: &str = "paraat.ron";
pub const CHECKLIST: &str = "checklist.ron";
pub const SELFCHECK: &str = "selfcheck.ron";
pub const PLAN: &str = "plan.ron";
pub const RISKS: &str = "risks.ron";
pub const PROCESSES: &str = "processes.ron";
pub const CONTACTS: &str = "contacts.ron";
pub const BACKUPS: &str = "backups.ron";
pub const INCIDENTS_DIR: &str = "incidents";
pub const PRIVATE_DIR: &str = "private";
pub const PRIVATE_CONTACTS: &str = "private/contacts.ron";

/// One register of the workbook: a file (contacts also their private file), or
/// for incidents a folder with one file each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Register {
    Manifest,
    Checklist,
    SelfCheck,
    Plan,
    Risks,
    Processes,
    Contacts,
    Backups,
    Incidents,
}

impl Register {
    pub const ALL: [Register; 9] = [
        Register::Manifest,
        Register::Checklist,
        Register::SelfCheck,
        Register::Plan,
        Register::Risks,
        Register::Processes,
        Register::Contacts,
        Register::Backups,
        Register::Incidents,
    ];

    /// The registers an [`Edit`](super::edit::Edit) can change. Incidents are
    /// written entry by entry, each under its own lock, never through edits.
    pub const EDITED: [Register; 8] = [
        Register::Manifest,
        Register::Checklist,
        Register::SelfCheck,
        Register::Plan,
        Register::Risks,
        Register::Processes,
        Register::Contacts,
        Register::Backups,
    ];

    /// The registers with records of their own, in the order the overview and the
    /// tabs show them (everything but the manifest).
    pub const SECTIONS: [Register; 8] = [
        Register::Checklist,
        Register::SelfCheck,
        Register::Plan,
        Register::Risks,
        Register::Processes,
        Register::Contacts,
        Register::Backups,
        Register::Incidents,
    ];

    /// The register records of `kind` live in.
    pub const fn of(kind: RecordKind) -> Register {
        match kind {
            RecordKind::ChecklistItem => Register::Checklist,
            RecordKind::Statement => Register::SelfCheck,
            RecordKind::Step | RecordKind::FirstHourStep => Register::Plan,
            RecordKind::Risk => Register::Risks,
            RecordKind::Process | RecordKind::System | RecordKind::Supplier => Register::Processes,
            RecordKind::Contact => Register::Contacts,
            RecordKind::Backup => Register::Backups,
            RecordKind::Incident => Register::Incidents,
        }
    }

    /// The registers whose records can refer to a record of `kind` (so a
    /// renumbering may change them; incident files that refer to it are rewritten
    /// by the save, entry by entry).
    pub fn referring_to(kind: RecordKind) -> &'static [Register] {
        use Register as R;
        match kind {
            RecordKind::Contact => &[
                R::Manifest,
                R::Plan,
                R::Risks,
                R::Processes,
                R::Contacts,
                R::Backups,
            ],
            RecordKind::Risk | RecordKind::Statement => &[R::Plan],
            RecordKind::Step => &[R::SelfCheck, R::Risks],
            RecordKind::Process => &[R::Risks],
            RecordKind::System => &[R::Risks, R::Processes, R::Backups],
            RecordKind::Supplier => &[R::Risks, R::Processes],
            RecordKind::Incident => &[R::Plan],
            RecordKind::ChecklistItem | RecordKind::FirstHourStep | RecordKind::Backup => &[],
        }
    }

    /// The file the register is written to, relative to the workbook folder
    /// (for incidents: their folder).
    pub const fn file(self) -> &'static str {
        match self {
            Register::Manifest => MANIFEST,
            Register::Checklist => CHECKLIST,
            Register::SelfCheck => SELFCHECK,
            Register::Plan => PLAN,
            Register::Risks => RISKS,
            Register::Processes => PROCESSES,
            Register::Contacts => CONTACTS,
            Register::Backups => BACKUPS,
            Register::Incidents => INCIDENTS_DIR,
        }
    }

    /// Every file a save of this register writes (contacts: also the private
    /// file). Incidents have one file each and none of their own here.
    pub const fn files(self) -> &'static [&'static str] {
        match self {
            Register::Manifest => &[MANIFEST],
            Register::Checklist => &[CHECKLIST],
            Register::SelfCheck => &[SELFCHECK],
            Register::Plan => &[PLAN],
            Register::Risks => &[RISKS],
            Register::Processes => &[PROCESSES],
            Register::Contacts => &[CONTACTS, PRIVATE_CONTACTS],
            Register::Backups => &[BACKUPS],
            Register::Incidents => &[],
        }
    }

    /// The register a file (relative to the workbook folder) belongs to.
    pub fn of_file(file: &str) -> Option<Register> {
        if let Some(name) = file
            .strip_prefix(INCIDENTS_DIR)
            .and_then(|rest| rest.strip_prefix('/'))
        {
            return (name.ends_with(".ron") && !name.contains('/')).then_some(Register::Incidents);
        }
        Register::EDITED
            .into_iter()
            .find(|register| register.files().contains(&file))
    }

    /// The file (relative to the workbook folder) the record `id` of `kind` is in.
    pub fn file_of(kind: RecordKind, id: &str) -> String {
        match Register::of(kind) {
            Register::Incidents => incident_file(id),
            register => register.file().to_owned(),
        }
    }

    /// What the register is called on screen and in the overview.
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Register::Manifest, Language::En) => "Workbook",
            (Register::Checklist, Language::En) => "Checklist",
            (Register::SelfCheck, Language::En) => "Self-check",
            (Register::Plan, Language::En) => "Plan",
            (Register::Risks, Language::En) => "Risks",
            (Register::Processes, Language::En) => "Processes",
            (Register::Contacts, Language::En) => "Contacts",
            (Register::Backups, Language::En) => "Backups",
            (Register::Incidents, Language::En) => "Incidents",
            (Register::Manifest, Language::Nl) => "Werkboek",
            (Register::Checklist, Language::Nl) => "Checklist",
            (Register::SelfCheck, Language::Nl) => "Zelftest",
            (Register::Plan, Language::Nl) => "Plan",
            (Register::Risks, Language::Nl) => "Risico's",
            (Register::Processes, Language::Nl) => "Processen",
            (Register::Contacts, Language::Nl) => "Contacten",
            (Register::Backups, Language::Nl) => "Back-ups",
            (Register::Incidents, Language::Nl) => "Incidenten",
        }
    }

    /// Whether `a` and `b` hold the same data in this register.
    pub fn same(self, a: &Workbook, b: &Workbook) -> bool {
        match self {
            Register::Manifest => a.manifest == b.manifest,
            Register::Checklist => a.checklist == b.checklist,
            Register::SelfCheck => a.selfcheck == b.selfcheck,
            Register::Plan => a.plan == b.plan,
            Register::Risks => a.risks == b.risks,
            Register::Processes => a.processes == b.processes,
            Register::Contacts => {
                a.contacts == b.contacts && a.private_orphans == b.private_orphans
            }
            Register::Backups => a.backups == b.backups,
            Register::Incidents => a.incidents == b.incidents,
        }
    }

    /// Copies this register of `from` into `to` (used to reload one file).
    pub fn copy(self, from: &Workbook, to: &mut Workbook) {
        match self {
            Register::Manifest => to.manifest = from.manifest.clone(),
            Register::Checklist => to.checklist = from.checklist.clone(),
            Register::SelfCheck => to.selfcheck = from.selfcheck.clone(),
            Register::Plan => to.plan = from.plan.clone(),
            Register::Risks => to.risks = from.risks.clone(),
            Register::Processes => to.processes = from.processes.clone(),
            Register::Contacts => {
                to.contacts = from.contacts.clone();
                to.private_orphans = from.private_orphans.clone();
            }
            Register::Backups => to.backups = from.backups.clone(),
            Register::Incidents => to.incidents = from.incidents.clone(),
        }
    }
}

/// The file of incident `id`, relative to the workbook folder.
pub fn incident_file(id: &str) -> String {
    format!("{INCIDENTS_DIR}/{id}.ron")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_register_and_every_file_one_register() {
        for kind in RecordKind::ALL {
            let register = Register::of(kind);
            let file = Register::file_of(kind, "X-1");
            assert_eq!(Register::of_file(&file), Some(register), "{kind:?}");
        }
        assert_eq!(
            Register::of_file(PRIVATE_CONTACTS),
            Some(Register::Contacts)
        );
        assert_eq!(Register::of_file("incidents/.x.lock"), None);
        assert_eq!(Register::of_file("notes.txt"), None);
        for register in Register::EDITED {
            assert!(register.files().contains(&register.file()));
        }
    }
}
