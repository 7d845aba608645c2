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
    /// What the data protection authority and the insurer ask about, as far as it
    /// is known (written only once something is filled in, so older files keep
    /// their bytes).
    #[serde(default, skip_serializing_if = "IncidentReport::is_empty")]
    pub report: IncidentReport,
}

/// The details of an incident the reports ask for beyond the log: the data
/// protection authority's questions about a personal-data breach and the
/// insurer's about a claim. Every field may stay empty until it is known.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IncidentReport {
    /// When the breach began, when known (it may be well before its discovery).
    pub breach_started: Option<Timestamp>,
    /// When it ended (the attacker shut out, the leak closed).
    pub breach_ended: Option<Timestamp>,
    /// How it was found: a ransom note, a supplier's message, an alert.
    pub how_found: String,
    /// What it did to the data: read, copied, changed, deleted or destroyed, stolen.
    pub nature: Vec<BreachNature>,
    /// The kinds of personal data involved.
    pub data_kinds: Vec<PersonalDataKind>,
    /// Roughly how many people are affected.
    pub people: Option<u32>,
    /// Roughly how many records.
    pub records: Option<u32>,
    /// Its likely consequences for the people affected.
    pub consequences: String,
    /// Whether the data was encrypted (so unreadable to whoever has it).
    pub encrypted: Option<Encryption>,
    /// Whether people in other countries are affected.
    pub abroad: Option<bool>,
    /// A first notification to the authority, or a follow-up of one (with its reference).
    pub notification: Option<NotificationRound>,
    /// Any ransom demand, and any contact with the attackers.
    pub ransom: String,
    /// Outside help hired: forensics, the supplier's incident team, lawyers.
    pub outside_help: String,
    /// The evidence secured: logs, disk images, the ransom note, screenshots.
    pub evidence: String,
    /// The costs so far, as people count them ("€ 4,500 forensics, 2 days closed").
    pub costs: String,
}

impl IncidentReport {
    pub fn is_empty(&self) -> bool {
        self == &IncidentReport::default()
    }

    /// This report with the fields of `patch` (by name, as in the file) set to
    /// its values; a field it does not name keeps its value. An unknown field or
    /// a value of the wrong shape is refused with why.
    pub fn patched(
        &self,
        patch: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<IncidentReport, String> {
        let mut value = serde_json::to_value(self).map_err(|e| e.to_string())?;
        if let serde_json::Value::Object(map) = &mut value {
            for (key, new) in patch {
                map.insert(key.clone(), new.clone());
            }
        }
        serde_json::from_value(value).map_err(|e| e.to_string())
    }
}

/// What a breach did to the data (the data protection authority's list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BreachNature {
    Read,
    Copied,
    Changed,
    Deleted,
    Stolen,
}

impl BreachNature {
    pub const ALL: [BreachNature; 5] = [
        BreachNature::Read,
        BreachNature::Copied,
        BreachNature::Changed,
        BreachNature::Deleted,
        BreachNature::Stolen,
    ];
}

/// The kinds of personal data the data protection authority asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PersonalDataKind {
    NamesAddresses,
    PhoneNumbers,
    EmailAddresses,
    LoginData,
    Financial,
    IdentityDocuments,
    Sensitive,
}

impl PersonalDataKind {
    pub const ALL: [PersonalDataKind; 7] = [
        PersonalDataKind::NamesAddresses,
        PersonalDataKind::PhoneNumbers,
        PersonalDataKind::EmailAddresses,
        PersonalDataKind::LoginData,
        PersonalDataKind::Financial,
        PersonalDataKind::IdentityDocuments,
        PersonalDataKind::Sensitive,
    ];
}

/// Whether the data involved was encrypted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encryption {
    Yes,
    Partly,
    No,
}

impl Encryption {
    pub const ALL: [Encryption; 3] = [Encryption::Yes, Encryption::Partly, Encryption::No];
}

/// A first notification to the authority, or a follow-up.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NotificationRound {
    First,
    /// Follows up the notification with this reference.
    FollowUp(String),
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
    /// NIS2: the final report, within one month of the notification.
    Nis2FinalReport,
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
