//! `checklist.ron` (the basic checklist) and `selfcheck.ron` (the self-check).
//!
//! Both are copied from a template at `init` and then answered; the questions stay
//! editable because every organisation words things its own way.

use serde::{Deserialize, Serialize};

use super::{Answer, Date, Id, Origin, Principle, Priority};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    #[serde(default)]
    pub next_number: u32,
    pub items: Vec<ChecklistItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: Id,
    pub principle: Principle,
    pub question: String,
    #[serde(default)]
    pub guidance: String,
    #[serde(default)]
    pub answer: Answer,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub answered: Option<Date>,
    /// The template pack item it came from (see [`Origin`]).
    #[serde(default)]
    pub origin: Option<Origin>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfCheck {
    #[serde(default)]
    pub next_number: u32,
    pub statements: Vec<Statement>,
}

/// A self-check statement. When it is not met (answered no or partly) it yields
/// its improvement `action` with `priority`; the action can be adopted into the
/// plan as a step (`plan_step`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: Id,
    pub principle: Principle,
    pub statement: String,
    /// How much the statement counts in the score (1–3).
    pub weight: u8,
    #[serde(default)]
    pub answer: Answer,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub answered: Option<Date>,
    pub action: String,
    pub priority: Priority,
    #[serde(default)]
    pub plan_step: Option<Id>,
    /// The template pack item it came from (see [`Origin`]).
    #[serde(default)]
    pub origin: Option<Origin>,
}
