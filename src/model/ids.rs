//! Record ids: short, readable, stable (`R-007`, `SUP-02`, `STEP-3.2`).
//!
//! Ids are how records refer to each other, so they are never reused after a delete:
//! every register keeps a `next_number` high-water mark, and a new id is taken from
//! whichever is higher, that mark or one past the largest number in use (so a hand
//! edit that adds `R-020` without touching the mark is still safe).

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The id of a record. Stored as the plain string it is in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    pub fn new(text: impl Into<String>) -> Self {
        Id(text.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number after the prefix (`R-007` → 7); `None` when the id has another shape.
    pub fn number(&self, prefix: &str) -> Option<u32> {
        let rest = self.0.strip_prefix(prefix)?.strip_prefix('-')?;
        if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        rest.parse().ok()
    }

    /// Builds `PREFIX-NNN` with the register's usual width.
    pub fn with_number(prefix: &str, number: u32, width: usize) -> Self {
        Id(format!("{prefix}-{number:0width$}"))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Id {
    fn from(text: &str) -> Self {
        Id(text.to_owned())
    }
}

/// The kinds of record that have ids, with their prefix and number width.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RecordKind {
    ChecklistItem,
    Statement,
    Step,
    FirstHourStep,
    Risk,
    Process,
    System,
    Supplier,
    Contact,
    Backup,
    Incident,
}

impl RecordKind {
    pub const ALL: [RecordKind; 11] = [
        RecordKind::ChecklistItem,
        RecordKind::Statement,
        RecordKind::Step,
        RecordKind::FirstHourStep,
        RecordKind::Risk,
        RecordKind::Process,
        RecordKind::System,
        RecordKind::Supplier,
        RecordKind::Contact,
        RecordKind::Backup,
        RecordKind::Incident,
    ];

    /// The id prefix (`R` for risks). Plan steps are `STEP-<phase>.<n>` and incidents
    /// are named after their file, so their prefixes are only informative.
    pub fn prefix(self) -> &'static str {
        match self {
            RecordKind::ChecklistItem => "CL",
            RecordKind::Statement => "SC",
            RecordKind::Step => "STEP",
            RecordKind::FirstHourStep => "FH",
            RecordKind::Risk => "R",
            RecordKind::Process => "P",
            RecordKind::System => "S",
            RecordKind::Supplier => "SUP",
            RecordKind::Contact => "C",
            RecordKind::Backup => "B",
            RecordKind::Incident => "",
        }
    }

    /// Digits in a new id (`R-007` has three).
    pub fn width(self) -> usize {
        match self {
            RecordKind::Risk | RecordKind::Process | RecordKind::System | RecordKind::Contact => 3,
            RecordKind::Backup => 3,
            _ => 2,
        }
    }

    /// A stable lower-case name used in JSON output and file maps.
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::ChecklistItem => "checklist_item",
            RecordKind::Statement => "statement",
            RecordKind::Step => "step",
            RecordKind::FirstHourStep => "first_hour_step",
            RecordKind::Risk => "risk",
            RecordKind::Process => "process",
            RecordKind::System => "system",
            RecordKind::Supplier => "supplier",
            RecordKind::Contact => "contact",
            RecordKind::Backup => "backup",
            RecordKind::Incident => "incident",
        }
    }
}

/// A reference to one record: what kind and which id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: Id,
}

impl RecordRef {
    pub fn new(kind: RecordKind, id: impl Into<Id>) -> Self {
        RecordRef {
            kind,
            id: id.into(),
        }
    }
}

impl From<String> for Id {
    fn from(text: String) -> Self {
        Id(text)
    }
}

/// The next free number for a register: above the high-water mark and above every
/// number in use.
pub fn next_number<'a>(mark: u32, prefix: &str, ids: impl Iterator<Item = &'a Id>) -> u32 {
    let used = ids.filter_map(|id| id.number(prefix)).max().unwrap_or(0);
    mark.max(used.saturating_add(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_reads_the_digits_after_the_prefix() {
        assert_eq!(Id::from("R-007").number("R"), Some(7));
        assert_eq!(Id::from("SUP-12").number("SUP"), Some(12));
        assert_eq!(Id::from("R-").number("R"), None);
        assert_eq!(Id::from("RX-1").number("R"), None);
        assert_eq!(Id::from("R-1a").number("R"), None);
    }

    #[test]
    fn next_number_never_reuses_a_deleted_id() {
        let ids = [Id::from("R-001"), Id::from("R-002")];
        // R-003 was deleted; the mark still says 4.
        assert_eq!(next_number(4, "R", ids.iter()), 4);
        // A hand edit added R-009 without moving the mark.
        let ids = [Id::from("R-009")];
        assert_eq!(next_number(4, "R", ids.iter()), 10);
        assert_eq!(next_number(0, "R", [].iter()), 1);
    }
}
