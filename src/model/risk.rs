//! `risks.ron`: the risk register.

use serde::{Deserialize, Serialize};

use super::{Date, Id, RiskLevel, RiskScales};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risks {
    #[serde(default)]
    pub next_number: u32,
    pub risks: Vec<Risk>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub threat: String,
    #[serde(default)]
    pub vulnerability: String,
    #[serde(default)]
    pub category: String,
    /// Affected processes, systems and suppliers (ids).
    #[serde(default)]
    pub processes: Vec<Id>,
    #[serde(default)]
    pub systems: Vec<Id>,
    #[serde(default)]
    pub suppliers: Vec<Id>,
    /// A contact id.
    #[serde(default)]
    pub owner: Option<Id>,
    pub current: Rating,
    #[serde(default)]
    pub measures: String,
    #[serde(default)]
    pub treatment: Option<Treatment>,
    /// Plan steps that carry out the treatment.
    #[serde(default)]
    pub actions: Vec<Id>,
    /// Where the risk should be once the treatment is done.
    #[serde(default)]
    pub residual: Option<Rating>,
    #[serde(default)]
    pub status: RiskStatus,
    #[serde(default)]
    pub review_by: Option<Date>,
    /// Required when the treatment is `Accept`.
    #[serde(default)]
    pub acceptance: Option<Acceptance>,
    #[serde(default)]
    pub notes: String,
}

impl Risk {
    /// A risk with only its id, title and current rating; everything else empty.
    pub fn new(id: Id, title: impl Into<String>, current: Rating) -> Risk {
        Risk {
            id,
            title: title.into(),
            description: String::new(),
            threat: String::new(),
            vulnerability: String::new(),
            category: String::new(),
            processes: vec![],
            systems: vec![],
            suppliers: vec![],
            owner: None,
            current,
            measures: String::new(),
            treatment: None,
            actions: vec![],
            residual: None,
            status: RiskStatus::Open,
            review_by: None,
            acceptance: None,
            notes: String::new(),
        }
    }

    pub fn score(&self) -> u8 {
        self.current.score()
    }

    pub fn level(&self, scales: &RiskScales) -> RiskLevel {
        scales.level(self.score())
    }
}

/// Likelihood and impact, each 1–5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub likelihood: u8,
    pub impact: u8,
}

impl Rating {
    pub fn score(self) -> u8 {
        self.likelihood.saturating_mul(self.impact)
    }

    pub fn in_range(self) -> bool {
        (1..=5).contains(&self.likelihood) && (1..=5).contains(&self.impact)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Treatment {
    Reduce,
    Accept,
    Avoid,
    Transfer,
}

impl Treatment {
    pub const ALL: [Treatment; 4] = [
        Treatment::Reduce,
        Treatment::Accept,
        Treatment::Avoid,
        Treatment::Transfer,
    ];
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RiskStatus {
    #[default]
    Open,
    InTreatment,
    Monitoring,
    Closed,
}

impl RiskStatus {
    pub const ALL: [RiskStatus; 4] = [
        RiskStatus::Open,
        RiskStatus::InTreatment,
        RiskStatus::Monitoring,
        RiskStatus::Closed,
    ];
}

/// Who accepted a risk, when, why, and until when the acceptance holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// A contact id (normally the decision-maker).
    pub by: Id,
    pub on: Date,
    pub reason: String,
    pub until: Date,
}
