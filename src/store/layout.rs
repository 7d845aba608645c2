//! Where things are in a workbook folder, and how to find the folder. The file of
//! each register is in [`Register`](crate::model::Register); the names are repeated
//! here for the store's own use.

use std::path::{Path, PathBuf};

pub use crate::model::register::{
    BACKUPS, CHECKLIST, CONTACTS, INCIDENTS_DIR, MANIFEST, PLAN, PRIVATE_CONTACTS, PRIVATE_DIR,
    PROCESSES, RISKS, SELFCHECK, incident_file,
};
pub const LOCK_FILE: &str = ".paraat.lock";

/// The registers every workbook has, in the order they are loaded and listed.
pub const REGISTER_FILES: [&str; 8] = [
    MANIFEST, CHECKLIST, SELFCHECK, PLAN, RISKS, PROCESSES, CONTACTS, BACKUPS,
];

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
# Written and renamed into place by every save; left only by a save that was killed.
.paraat-*.tmp
";

/// Keeps RON files byte-stable across platforms, and has git merge and diff them
/// by record (`paraat git setup` defines what `paraat` means in each clone; a
/// clone without it merges line by line, as git does for any text).
pub const GITATTRIBUTES: &str = "*.ron text eol=lf merge=paraat diff=paraat\n";
