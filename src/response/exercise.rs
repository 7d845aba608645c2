//! The clock of an exercise: how far its story has moved on at a moment in the room.
//!
//! A 90-minute tabletop can cover two weeks: the scenario says, per inject, how far
//! the story has moved on since the first (`Inject::story_offset`). The story
//! clock runs like the room's clock from the start, jumps forward when an inject
//! moves the story on ("Tuesday 09:15", "two weeks later"), and then runs on like
//! the room's clock again, never past the next inject's story time. So the
//! exercise's deadlines run on story time: the 72 hours for the data protection
//! authority can run out during the exercise, as they would in the story, and a
//! notification the players record at minute 40 counts at the story's moment.
//!
//! The story starts at the declaration: story time and room time are the same
//! moment there, and differ by the offsets the injects bring.

use crate::model::{
    EntryKind, Incident, IncidentKind, Language, Scenario, TimelineEntry, Timestamp,
};

/// The story clock of one exercise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryClock {
    start: Timestamp,
    /// Each inject's moment in the room and its story offset in minutes since the
    /// start, in room order, the offsets never going back.
    steps: Vec<(Timestamp, i64)>,
}

impl StoryClock {
    /// The story clock of `incident` when it is an exercise of `scenario`; `None`
    /// for a real incident, an exercise without its scenario, or a scenario whose
    /// story never moves on faster than the room.
    pub fn of(incident: &Incident, scenario: Option<&Scenario>) -> Option<StoryClock> {
        if incident.kind != IncidentKind::Exercise {
            return None;
        }
        let scenario =
            scenario.filter(|s| incident.scenario.as_deref() == Some(s.name.as_str()))?;
        let start = incident.declared_at;
        let mut injects: Vec<_> = scenario.injects.iter().collect();
        injects.sort_by_key(|i| i.minute);
        let mut last = 0i64;
        let steps: Vec<(Timestamp, i64)> = injects
            .into_iter()
            .map(|inject| {
                let offset = i64::try_from(inject.story_offset.minutes()).unwrap_or(i64::MAX / 120);
                last = last.max(offset).max(i64::from(inject.minute));
                (inject.due_at(start), last)
            })
            .collect();
        let moves = steps
            .iter()
            .any(|(due, offset)| *offset > crate::response::seconds_between(start, *due) / 60);
        moves.then_some(StoryClock { start, steps })
    }

    /// The moment in the story at the room's moment `t`.
    pub fn story_at(&self, t: Timestamp) -> Timestamp {
        let Some(at) = self.steps.iter().rposition(|(due, _)| *due <= t) else {
            // Before the first inject the story runs with the room.
            return t;
        };
        let (due, offset) = self.steps[at];
        let since = crate::response::seconds_between(due, t) / 60;
        let mut minutes = offset.saturating_add(since);
        if let Some((_, next)) = self.steps.get(at + 1) {
            minutes = minutes.min(*next);
        }
        self.start.plus_minutes(minutes)
    }

    /// Minutes the story has moved on since its start at the room's moment `t`.
    pub fn story_minutes(&self, t: Timestamp) -> i64 {
        crate::response::seconds_between(self.start, self.story_at(t)) / 60
    }
}

/// The injects of the exercise `incident` that are due by `now` (its close, once
/// closed) and not yet in its log, as the entries that record them: each at the
/// moment it was due, by `by`. Writing them keeps the log a record of the
/// exercise as it was played.
pub fn unlogged_injects(
    incident: &Incident,
    scenario: &Scenario,
    now: Timestamp,
    by: &str,
    lang: Language,
) -> Vec<TimelineEntry> {
    if incident.kind != IncidentKind::Exercise
        || incident.scenario.as_deref() != Some(scenario.name.as_str())
    {
        return Vec::new();
    }
    let now = super::as_of(incident, now);
    let logged = |minute: u32| {
        incident
            .timeline
            .iter()
            .any(|e| e.kind == EntryKind::Inject { minute })
    };
    super::injects_due(scenario, incident, now)
        .into_iter()
        .filter(|due| !logged(due.inject.minute))
        .map(|due| TimelineEntry {
            at: due.due,
            by: by.to_owned(),
            kind: EntryKind::Inject {
                minute: due.inject.minute,
            },
            text: super::words::inject(due.inject, lang),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Duration, Id, IncidentStatus, Inject, Severity};

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn inject(minute: u32, offset: Duration) -> Inject {
        Inject {
            minute,
            story_time: String::new(),
            story_offset: offset,
            title: format!("minute {minute}"),
            text: String::new(),
            questions: vec![],
            expected: vec![],
            reveals_personal_data: false,
        }
    }

    fn exercise() -> (Incident, Scenario) {
        let scenario = Scenario {
            name: "test".into(),
            title: "Test".into(),
            summary: String::new(),
            duration_minutes: 90,
            participants: vec![],
            severity: Severity::High,
            objectives: vec![],
            pre_brief: String::new(),
            injects: vec![
                inject(0, Duration::Minutes(0)),
                inject(20, Duration::Hours(6)),
                inject(55, Duration::Days(14)),
            ],
            debrief_minutes: 20,
            questions: vec![],
            feedback: vec![],
            facilitator_notes: String::new(),
            origin: None,
        };
        let incident = Incident {
            id: Id::from("2026-05-04-test"),
            title: "Test".into(),
            kind: IncidentKind::Exercise,
            scenario: Some("test".into()),
            declared_at: at("2026-05-04T09:00:00Z"),
            declared_by: "T".into(),
            discovered_at: None,
            severity: Severity::High,
            affected_systems: vec![],
            personal_data: false,
            status: IncidentStatus::Active,
            timeline: vec![],
            notifications: vec![],
            closed_at: None,
            lessons: vec![],
            notes: String::new(),
            report: Default::default(),
        };
        (incident, scenario)
    }

    #[test]
    fn the_story_jumps_at_each_inject_and_runs_with_the_room_in_between() {
        let (incident, scenario) = exercise();
        let clock = StoryClock::of(&incident, Some(&scenario)).unwrap();
        // Minute 10: still the first hour of the story.
        assert_eq!(clock.story_minutes(at("2026-05-04T09:10:00Z")), 10);
        // Minute 20: six hours into the story; five minutes later, 6 h 05.
        assert_eq!(clock.story_minutes(at("2026-05-04T09:20:00Z")), 360);
        assert_eq!(clock.story_minutes(at("2026-05-04T09:25:00Z")), 365);
        // Minute 55: two weeks later.
        assert_eq!(
            clock.story_at(at("2026-05-04T09:55:00Z")),
            at("2026-05-18T09:00:00Z")
        );
    }

    #[test]
    fn each_inject_due_is_logged_once_at_its_minute() {
        let (mut incident, scenario) = exercise();
        let now = at("2026-05-04T09:30:00Z");
        let entries = unlogged_injects(&incident, &scenario, now, "T", Language::En);
        let minutes: Vec<_> = entries.iter().map(|e| e.kind.clone()).collect();
        assert_eq!(
            minutes,
            [
                EntryKind::Inject { minute: 0 },
                EntryKind::Inject { minute: 20 }
            ]
        );
        assert_eq!(entries[1].at, at("2026-05-04T09:20:00Z"));
        assert!(entries[1].text.contains("minute 20"), "{}", entries[1].text);
        incident.timeline.extend(entries);
        assert!(unlogged_injects(&incident, &scenario, now, "T", Language::En).is_empty());
    }

    #[test]
    fn a_real_incident_or_a_story_without_jumps_has_no_story_clock() {
        let (mut incident, mut scenario) = exercise();
        for i in &mut scenario.injects {
            i.story_offset = Duration::Minutes(i.minute);
        }
        assert!(StoryClock::of(&incident, Some(&scenario)).is_none());
        incident.kind = IncidentKind::Real;
        let (_, scenario) = exercise();
        assert!(StoryClock::of(&incident, Some(&scenario)).is_none());
    }
}
