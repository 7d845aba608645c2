//! `plan.ron`: the step-by-step plan (phases of steps) and the first-hour steps
//! people follow when an incident starts.

use serde::{Deserialize, Serialize};

use super::{Date, Id, Origin, RoleKind};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub phases: Vec<Phase>,
    /// What to do in the first hour of an incident, in order.
    #[serde(default)]
    pub first_hour: Vec<FirstHourStep>,
    #[serde(default)]
    pub next_first_hour: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// The phase number, used in step ids (`STEP-3.2` is step 2 of phase 3).
    pub number: u32,
    pub title: String,
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub next_step: u32,
    pub steps: Vec<Step>,
}

impl Phase {
    /// The prefix of this phase's step ids.
    pub fn step_prefix(&self) -> String {
        format!("STEP-{}.", self.number)
    }

    /// The number after the dot of one of this phase's step ids.
    pub fn step_number(&self, id: &Id) -> Option<u32> {
        let rest = id.as_str().strip_prefix(&self.step_prefix())?;
        if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        rest.parse().ok()
    }

    /// The id a new step in this phase gets (never one used before).
    pub fn next_step_id(&self) -> Id {
        let used = self
            .steps
            .iter()
            .filter_map(|s| self.step_number(&s.id))
            .max()
            .unwrap_or(0);
        let n = self.next_step.max(used.saturating_add(1)).max(1);
        Id(format!("STEP-{}.{n}", self.number))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// A contact id.
    #[serde(default)]
    pub owner: Option<Id>,
    #[serde(default)]
    pub status: StepStatus,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub done: Option<Date>,
    /// Risks this step treats.
    #[serde(default)]
    pub risks: Vec<Id>,
    /// Self-check statements whose action this step carries out.
    #[serde(default)]
    pub statements: Vec<Id>,
    /// The incident or exercise whose lesson this step came from.
    #[serde(default)]
    pub incident: Option<Id>,
    #[serde(default)]
    pub notes: String,
    /// The template pack item it came from (see [`Origin`]).
    #[serde(default)]
    pub origin: Option<Origin>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepStatus {
    #[default]
    Todo,
    Doing,
    Done,
    Skipped,
}

impl StepStatus {
    pub const ALL: [StepStatus; 4] = [
        StepStatus::Todo,
        StepStatus::Doing,
        StepStatus::Done,
        StepStatus::Skipped,
    ];

    /// Done or skipped: nothing more to do.
    pub fn is_closed(self) -> bool {
        matches!(self, StepStatus::Done | StepStatus::Skipped)
    }
}

/// One of the first-hour steps of the response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstHourStep {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Which crisis role does it.
    #[serde(default)]
    pub role: Option<RoleKind>,
    /// The template pack item it came from (see [`Origin`]).
    #[serde(default)]
    pub origin: Option<Origin>,
}
