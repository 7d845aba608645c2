//! A tabletop scenario: the script of an exercise, from a 15-minute drill at the
//! front desk to a 90-minute tabletop with management.
//!
//! The built-in scenarios live in `data/templates/<lang>/scenarios/<name>.ron` and are
//! embedded in the binary. An exercise names the scenario it runs
//! (`Incident::scenario`); each inject is due `minute` minutes after the exercise
//! was declared, so the incident screen can show it when its time comes.
//!
//! Two clocks meet in an exercise: the room's (`Inject::minute`, minutes since the
//! start) and the story's (`Inject::story_offset`, how far the story has moved on:
//! minute 55 of the room may be "two weeks later" in the story). The story time is
//! data here so an exercise clock can show it; the room's clock drives the injects.
//!
//! What the facilitator needs and the players must not see (the answers expected
//! per inject, the objectives, the feedback form) is in the scenario too, so
//! `paraat incident scenarios NAME` prints the whole script while the incident
//! screen shows the players only the injects and their questions.

use serde::{Deserialize, Serialize};

use super::{Duration, Origin, Severity, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The name an exercise refers to it by (`ransomware-supplier`), also its file name.
    pub name: String,
    pub title: String,
    /// What the exercise is about, read out at the start.
    pub summary: String,
    /// How long the exercise takes from the first inject to the end of the debrief
    /// (the pre-brief comes before the clock starts).
    pub duration_minutes: u32,
    /// Who should be in the room.
    #[serde(default)]
    pub participants: Vec<String>,
    /// The severity an exercise of this scenario is declared with.
    pub severity: Severity,
    /// What the exercise should show or practise; the debrief checks them.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Read out before the clock starts: the ground rules, who plays whom, what is
    /// real and what is not.
    #[serde(default)]
    pub pre_brief: String,
    /// What happens when, in the order it happens.
    pub injects: Vec<Inject>,
    /// Minutes kept for the debrief at the end (part of `duration_minutes`).
    #[serde(default)]
    pub debrief_minutes: u32,
    /// Questions for the debrief.
    #[serde(default)]
    pub questions: Vec<String>,
    /// The feedback form: questions each participant answers afterwards.
    #[serde(default)]
    pub feedback: Vec<String>,
    /// Notes for whoever leads the exercise.
    #[serde(default)]
    pub facilitator_notes: String,
    /// The template pack it came from (see [`Origin`]).
    #[serde(default)]
    pub origin: Option<Origin>,
}

impl Scenario {
    /// The inject at which the story reveals that personal data is involved: the
    /// exercise's data-breach clock starts when it is due. `None` when the story
    /// involves no personal data.
    pub fn personal_data_reveal(&self) -> Option<&Inject> {
        self.injects.iter().find(|i| i.reveals_personal_data)
    }

    /// The minute of the room's clock at which the debrief starts.
    pub fn debrief_starts(&self) -> u32 {
        self.duration_minutes.saturating_sub(self.debrief_minutes)
    }
}

/// One development of the story, handed to the players at its minute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    /// Minutes after the start of the exercise (the room's clock).
    pub minute: u32,
    /// When it happens in the story, in words: "Monday 09:15", "two weeks later".
    #[serde(default)]
    pub story_time: String,
    /// How far the story has moved on since the first inject (`Minutes(0)` for the
    /// first): what an exercise clock counts in.
    #[serde(default = "story_start")]
    pub story_offset: Duration,
    pub title: String,
    pub text: String,
    /// What the players discuss or decide before the next inject.
    #[serde(default)]
    pub questions: Vec<String>,
    /// What the facilitator expects to hear, for the questions above (never shown
    /// to the players on the incident screen).
    #[serde(default)]
    pub expected: Vec<String>,
    /// Here the story reveals that personal data is involved: from this inject on,
    /// the data-breach clock of the exercise runs.
    #[serde(default)]
    pub reveals_personal_data: bool,
}

fn story_start() -> Duration {
    Duration::Minutes(0)
}

impl Inject {
    /// When this inject is due in an exercise that started at `start`.
    pub fn due_at(&self, start: Timestamp) -> Timestamp {
        start.plus_minutes(i64::from(self.minute))
    }
}
