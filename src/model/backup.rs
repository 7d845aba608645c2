//! `backups.ron`: the backup schedule and the restore-test log.

use serde::{Deserialize, Serialize};

use super::{Date, Duration, Id};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backups {
    #[serde(default)]
    pub next_number: u32,
    pub backups: Vec<Backup>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    pub id: Id,
    /// What is backed up (the dataset).
    pub what: String,
    /// Systems this backup covers (ids).
    #[serde(default)]
    pub systems: Vec<Id>,
    #[serde(default)]
    pub method: String,
    /// Time between runs.
    pub frequency: Duration,
    #[serde(default)]
    pub retention: Option<Duration>,
    #[serde(default)]
    pub copies: Vec<BackupCopy>,
    #[serde(default)]
    pub encrypted: bool,
    /// A contact id.
    #[serde(default)]
    pub responsible: Option<Id>,
    #[serde(default)]
    pub last_success: Option<Date>,
    /// How often a restore should be tested.
    #[serde(default)]
    pub restore_test_every: Option<Duration>,
    /// The restore tests held, oldest first.
    #[serde(default)]
    pub restore_tests: Vec<RestoreTest>,
    #[serde(default)]
    pub notes: String,
}

impl Backup {
    /// The most recent restore test (by date; the later entry wins a tie).
    pub fn last_restore_test(&self) -> Option<&RestoreTest> {
        self.restore_tests
            .iter()
            .enumerate()
            .max_by_key(|(i, t)| (t.date, *i))
            .map(|(_, t)| t)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupCopy {
    pub medium: Medium,
    pub location: CopyLocation,
    /// Where exactly ("server room", "bank vault", "supplier's data centre").
    #[serde(default)]
    pub place: String,
    /// Disconnected from the network (tape on a shelf, a disk in a safe).
    #[serde(default)]
    pub offline: bool,
    /// Cannot be changed or deleted for its retention time.
    #[serde(default)]
    pub immutable: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Medium {
    Disk,
    Nas,
    Tape,
    RemovableDisk,
    Cloud,
    Other,
}

impl Medium {
    pub const ALL: [Medium; 6] = [
        Medium::Disk,
        Medium::Nas,
        Medium::Tape,
        Medium::RemovableDisk,
        Medium::Cloud,
        Medium::Other,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CopyLocation {
    OnSite,
    OffSite,
    Cloud,
}

impl CopyLocation {
    pub const ALL: [CopyLocation; 3] = [
        CopyLocation::OnSite,
        CopyLocation::OffSite,
        CopyLocation::Cloud,
    ];

    pub fn is_off_site(self) -> bool {
        matches!(self, CopyLocation::OffSite | CopyLocation::Cloud)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RestoreTest {
    pub date: Date,
    /// What was restored.
    pub restored: String,
    pub result: RestoreResult,
    /// How long the restore took.
    #[serde(default)]
    pub took: Option<Duration>,
    #[serde(default)]
    pub notes: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RestoreResult {
    Success,
    Partial,
    Failed,
}

impl RestoreResult {
    pub const ALL: [RestoreResult; 3] = [
        RestoreResult::Success,
        RestoreResult::Partial,
        RestoreResult::Failed,
    ];
}
