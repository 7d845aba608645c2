//! A tabletop scenario: a script for a roughly 90-minute exercise.
//!
//! The built-in scenarios live in `data/templates/<lang>/scenarios/<name>.ron` and are
//! embedded in the binary. An exercise names the scenario it runs
//! (`Incident::scenario`); each inject is due `minute` minutes after the exercise
//! was declared, so the incident screen can show it when its time comes.

use serde::{Deserialize, Serialize};

use super::{Severity, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The name an exercise refers to it by (`ransomware-supplier`), also its file name.
    pub name: String,
    pub title: String,
    /// What the exercise is about, read out at the start.
    pub summary: String,
    /// How long the exercise takes, discussion included.
    pub duration_minutes: u32,
    /// Who should be in the room.
    #[serde(default)]
    pub participants: Vec<String>,
    /// The severity an exercise of this scenario is declared with.
    pub severity: Severity,
    /// Personal data is involved in the story, so the data-breach clock runs.
    #[serde(default)]
    pub personal_data: bool,
    /// What happens when, in the order it happens.
    pub injects: Vec<Inject>,
    /// Questions for the discussion at the end.
    #[serde(default)]
    pub questions: Vec<String>,
    /// Notes for whoever leads the exercise.
    #[serde(default)]
    pub facilitator_notes: String,
}

/// One development of the story, handed to the players at its minute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    /// Minutes after the start of the exercise.
    pub minute: u32,
    pub title: String,
    pub text: String,
    /// What the players discuss or decide before the next inject.
    #[serde(default)]
    pub questions: Vec<String>,
}

impl Inject {
    /// When this inject is due in an exercise that started at `start`.
    pub fn due_at(&self, start: Timestamp) -> Timestamp {
        start.plus_minutes(i64::from(self.minute))
    }
}
