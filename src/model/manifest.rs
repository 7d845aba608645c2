//! `paraat.ron`: who the organisation is, the workbook's language and review cycle,
//! the risk scales and appetite, and the settings of the review rules.
//!
//! The organisation's part of an authority report (name, Chamber of Commerce number,
//! address, sector, who reports) lives here so it is ready before anything happens.

use serde::{Deserialize, Serialize};

use super::{Date, Duration, Id};

/// The file format this build reads and writes. A workbook with a higher number
/// was written by a newer paraat and is refused rather than half understood.
pub const FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    pub organisation: Organisation,
    pub language: Language,
    pub review: ReviewCycle,
    pub risk_scales: RiskScales,
    #[serde(default)]
    pub rules: RuleSettings,
    /// Who holds printed copies of the offline pack (printed on every page).
    #[serde(default)]
    pub printed_copies: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    pub kind: OrganisationKind,
    /// How many people work there: the size band `paraat share` reports.
    #[serde(default)]
    pub staff: StaffBand,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub address: String,
    /// Chamber of Commerce (KvK) number, asked for by the authorities' report forms.
    #[serde(default)]
    pub chamber_of_commerce: String,
    #[serde(default)]
    pub sector: String,
    /// Whether the NIS2 rules apply (early warning within 24 hours, notification within 72).
    #[serde(default)]
    pub nis2: bool,
    /// The insurer's notification window, when the policy sets one.
    #[serde(default)]
    pub insurer_window: Option<Duration>,
    /// The cyber insurance policy number, which the insurer asks for first when
    /// you report; empty when there is no cyber cover.
    #[serde(default)]
    pub insurance_policy: String,
    /// The contact who reports to the authorities (name, job title, phone, e-mail,
    /// availability are taken from that contact).
    #[serde(default)]
    pub notifier: Option<Id>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrganisationKind {
    Museum,
    Archive,
    Library,
    Heritage,
    Other,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 5] = [
        OrganisationKind::Museum,
        OrganisationKind::Archive,
        OrganisationKind::Library,
        OrganisationKind::Heritage,
        OrganisationKind::Other,
    ];
}

/// How many people the organisation employs (people, not full-time equivalents;
/// volunteers not counted), in the bands of the EU's definition of small and
/// medium-sized enterprises. The sector report groups members by it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum StaffBand {
    /// Not filled in.
    #[default]
    Unknown,
    /// 1 to 9 people.
    Under10,
    /// 10 to 49 people.
    From10To49,
    /// 50 to 249 people.
    From50To249,
    /// 250 people or more.
    From250,
}

impl StaffBand {
    pub const ALL: [StaffBand; 5] = [
        StaffBand::Unknown,
        StaffBand::Under10,
        StaffBand::From10To49,
        StaffBand::From50To249,
        StaffBand::From250,
    ];

    /// The band's stable name in JSON (`10-49`).
    pub fn key(self) -> &'static str {
        match self {
            StaffBand::Unknown => "unknown",
            StaffBand::Under10 => "1-9",
            StaffBand::From10To49 => "10-49",
            StaffBand::From50To249 => "50-249",
            StaffBand::From250 => "250+",
        }
    }
}

/// The language of the workbook: its templates, findings and screens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[default]
    En,
    Nl,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
        }
    }

    /// The other of the two languages.
    pub fn other(self) -> Language {
        match self {
            Language::En => Language::Nl,
            Language::Nl => Language::En,
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        match code.to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Language::En),
            "nl" | "dutch" | "nederlands" => Some(Language::Nl),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewCycle {
    /// Months between full reviews of the workbook.
    pub every_months: u32,
    #[serde(default)]
    pub last: Option<LastReview>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LastReview {
    pub date: Date,
    pub by: String,
}

/// Likelihood and impact scales (1–5, with labels) and where the levels start.
///
/// Score = likelihood × impact (1–25). A score at or above `critical_from` is
/// critical, and so on down; a score above `appetite` needs a treatment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskScales {
    pub likelihood: Vec<String>,
    pub impact: Vec<String>,
    pub medium_from: u8,
    pub high_from: u8,
    pub critical_from: u8,
    pub appetite: u8,
}

impl RiskScales {
    pub fn level(&self, score: u8) -> RiskLevel {
        if score >= self.critical_from {
            RiskLevel::Critical
        } else if score >= self.high_from {
            RiskLevel::High
        } else if score >= self.medium_from {
            RiskLevel::Medium
        } else {
            RiskLevel::Low
        }
    }

    /// The label for likelihood `n` (1-based), or the number when the scale is short.
    pub fn likelihood_label(&self, n: u8) -> String {
        label(&self.likelihood, n)
    }

    pub fn impact_label(&self, n: u8) -> String {
        label(&self.impact, n)
    }
}

fn label(labels: &[String], n: u8) -> String {
    usize::from(n)
        .checked_sub(1)
        .and_then(|i| labels.get(i))
        .cloned()
        .unwrap_or_else(|| n.to_string())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Critical,
}

/// Thresholds of the review rules. Every field has a default, so an older manifest
/// without this section still loads. A month setting of 0 switches its rule off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RuleSettings {
    /// A contact not verified for this many months is flagged.
    pub contact_verify_months: u32,
    /// With no exercise held for this many months, the workbook says so.
    pub exercise_months: u32,
    /// A system or supplier that this many critical processes depend on is a single point of failure.
    pub single_point_processes: u32,
    /// "Falls due soon" means within this many days.
    pub due_soon_days: u32,
    /// Risks without a review-by date are reviewed at least this often.
    pub risk_review_months: u32,
    /// Backups without their own restore-test interval are restore-tested at least this often.
    pub restore_test_months: u32,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            contact_verify_months: 12,
            exercise_months: 12,
            single_point_processes: 3,
            due_soon_days: 30,
            risk_review_months: 12,
            restore_test_months: 12,
        }
    }
}
