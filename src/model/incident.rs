//! `incidents/YYYY-MM-DD-slug.ron`: one file per incident or exercise.
//!
//! The timeline is append-only: entries are never edited or removed, a correction
//! is a new entry. One file per incident keeps merges in git apart and lets the
//! response log be saved entry by entry.

use serde::{Deserialize, Serialize};

use super::{Id, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// The file name without `.ron` (`2026-11-28-collection-system-encrypted`).
    pub id: Id,
    pub title: String,
    pub kind: IncidentKind,
    /// The tabletop scenario an exercise runs, by its name.
    #[serde(default)]
    pub scenario: Option<String>,
    pub declared_at: Timestamp,
    pub declared_by: String,
    /// When the incident was discovered, where earlier than its declaration
    /// (the 72-hour clock for personal data runs from discovery).
    #[serde(default)]
    pub discovered_at: Option<Timestamp>,
    pub severity: Severity,
    #[serde(default)]
    pub affected_systems: Vec<Id>,
    /// Personal data is involved: the data-breach clock runs.
    #[serde(default)]
    pub personal_data: bool,
    pub status: IncidentStatus,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default)]
    pub notifications: Vec<Notification>,
    #[serde(default)]
    pub closed_at: Option<Timestamp>,
    #[serde(default)]
    pub lessons: Vec<Lesson>,
    #[serde(default)]
    pub notes: String,
}

impl Incident {
    /// When the clocks start: discovery if recorded, else the declaration.
    pub fn clock_start(&self) -> Timestamp {
        self.discovered_at.unwrap_or(self.declared_at)
    }

    pub fn is_active(&self) -> bool {
        self.status == IncidentStatus::Active
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IncidentKind {
    Real,
    Exercise,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IncidentStatus {
    Active,
    Closed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    pub at: Timestamp,
    pub by: String,
    #[serde(default)]
    pub kind: EntryKind,
    pub text: String,
}

/// What a timeline entry records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum EntryKind {
    #[default]
    Note,
    Decision,
    /// A call from the call order was made.
    Call {
        contact: Id,
        reached: bool,
    },
    /// A first-hour step was done.
    StepDone {
        step: Id,
    },
    /// An exercise inject was shown.
    Inject {
        minute: u32,
    },
    /// A notification was made (see `notifications`).
    Notified {
        to: Id,
    },
}

/// A report or notification made to someone outside (authority, insurer, people affected).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notification {
    /// A contact id.
    pub to: Id,
    pub at: Timestamp,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub reference: String,
    /// The deadline this notification meets, if any.
    #[serde(default)]
    pub meets: Option<Deadline>,
}

/// The deadlines that start running when an incident is declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Deadline {
    /// Personal-data breach: the data protection authority within 72 hours of discovery.
    DataProtection,
    /// NIS2: early warning within 24 hours.
    Nis2EarlyWarning,
    /// NIS2: notification within 72 hours.
    Nis2Notification,
    /// The insurer's notification window from the manifest.
    Insurer,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub text: String,
    /// The plan step this lesson became.
    #[serde(default)]
    pub plan_step: Option<Id>,
}

/// What a new incident or exercise starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewIncident {
    pub title: String,
    pub kind: IncidentKind,
    pub scenario: Option<String>,
    pub declared_at: Timestamp,
    pub declared_by: String,
    pub discovered_at: Option<Timestamp>,
    pub severity: Severity,
    pub personal_data: bool,
    pub affected_systems: Vec<Id>,
}

impl NewIncident {
    /// An exercise of `scenario`, with the scenario's title and severity. Personal
    /// data starts unmarked: the story reveals it at an inject, and the exercise's
    /// data-breach clock starts there (`response::clocks`).
    pub fn exercise(
        scenario: &super::Scenario,
        declared_at: Timestamp,
        declared_by: String,
    ) -> Self {
        NewIncident {
            title: scenario.title.clone(),
            kind: IncidentKind::Exercise,
            scenario: Some(scenario.name.clone()),
            declared_at,
            declared_by,
            discovered_at: None,
            severity: scenario.severity,
            personal_data: false,
            affected_systems: Vec::new(),
        }
    }
}
