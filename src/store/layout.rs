//! Where things are in a workbook folder, and how to find the folder.

use std::path::{Path, PathBuf};

use crate::model::RecordKind;

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
pub const LOCK_FILE: &str = ".paraat.lock";

/// The registers every workbook has, in the order they are loaded and listed.
pub const REGISTER_FILES: [&str; 8] = [
    MANIFEST, CHECKLIST, SELFCHECK, PLAN, RISKS, PROCESSES, CONTACTS, BACKUPS,
];

/// The file (relative to the workbook folder) a record of `kind` lives in.
/// Incidents live in `incidents/<id>.ron`.
pub fn file_of(kind: RecordKind, id: &str) -> String {
    match kind {
        RecordKind::ChecklistItem => CHECKLIST.to_owned(),
        RecordKind::Statement => SELFCHECK.to_owned(),
        RecordKind::Step | RecordKind::FirstHourStep => PLAN.to_owned(),
        RecordKind::Risk => RISKS.to_owned(),
        RecordKind::Process | RecordKind::System | RecordKind::Supplier => PROCESSES.to_owned(),
        RecordKind::Contact => CONTACTS.to_owned(),
        RecordKind::Backup => BACKUPS.to_owned(),
        RecordKind::Incident => incident_file(id),
    }
}

pub fn incident_file(id: &str) -> String {
    format!("{INCIDENTS_DIR}/{id}.ron")
}

/// Finds the workbook the way git finds `.git`: `start` itself or the nearest
/// parent folder holding a `paraat.ron`.
pub fn find_workbook(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(MANIFEST).is_file())
        .map(Path::to_path_buf)
}

/// The lines of `.gitignore` a new workbook gets.
pub const GITIGNORE: &str = "\
# Personal details (phone numbers, addresses) stay out of git.
private/
# Held while paraat has the workbook open for editing.
.paraat.lock
# Held while an entry is written to an incident's log.
incidents/.*.lock
";

/// Keeps RON files byte-stable across platforms, and has git merge and diff them
/// by record (`paraat git setup` defines what `paraat` means in each clone; a
/// clone without it merges line by line, as git does for any text).
pub const GITATTRIBUTES: &str = "*.ron text eol=lf merge=paraat diff=paraat\n";

/// The files a part of the workbook is written to.
pub fn files_of(part: crate::model::edit::Part) -> &'static [&'static str] {
    use crate::model::edit::Part;
    match part {
        Part::Manifest => &[MANIFEST],
        Part::Checklist => &[CHECKLIST],
        Part::SelfCheck => &[SELFCHECK],
        Part::Plan => &[PLAN],
        Part::Risks => &[RISKS],
        Part::Processes => &[PROCESSES],
        Part::Contacts => &[CONTACTS, PRIVATE_CONTACTS],
        Part::Backups => &[BACKUPS],
    }
}

/// The part of the workbook a file holds; `None` for incident files.
pub fn part_of_file(file: &str) -> Option<crate::model::edit::Part> {
    crate::model::edit::Part::ALL
        .into_iter()
        .find(|part| files_of(*part).contains(&file))
}
