//! The answers of the incident screen, computed on the example museum: what is hit,
//! in which order it comes back, whom to call next, which steps and injects are due.

mod common;

use common::TestWorkbook;
use paraat::model::*;
use paraat::response::*;
use paraat::store::{Store, templates};

fn example() -> Workbook {
    let wb = TestWorkbook::example();
    Store::load(wb.path()).expect("the example loads").workbook
}

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn entry(when: &str, kind: EntryKind) -> TimelineEntry {
    TimelineEntry {
        at: at(when),
        by: "Tester".into(),
        kind,
        text: "x".into(),
    }
}

fn incident(kind: IncidentKind) -> Incident {
    Incident {
        id: Id::from("2026-05-04-test"),
        title: "Test".into(),
        kind,
        scenario: None,
        declared_at: at("2026-05-04T09:00:00Z"),
        declared_by: "Tester".into(),
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
    }
}

#[test]
fn the_processes_hit_come_in_recovery_order_with_rto_workaround_and_backups() {
    let wb = example();
    // The network and the museum server are down.
    let systems = [Id::from("S-008"), Id::from("S-009")];
    let hit = impact(&wb, &systems);
    let order: Vec<(&str, Option<u32>)> = hit
        .processes
        .iter()
        .map(|h| (h.process.id.as_str(), h.process.recovery_order))
        .collect();
    assert_eq!(
        order,
        [
            ("P-002", Some(1)),
            ("P-005", Some(2)),
            ("P-008", Some(3)),
            ("P-007", Some(4)),
            ("P-004", Some(6)),
        ]
    );
    let climate = &hit.processes[1];
    assert_eq!(climate.via, [&Id::from("S-009")]);
    assert_eq!(climate.process.rto, Some(Duration::Hours(8)));
    let backups: Vec<&str> = climate
        .backups
        .iter()
        .map(|b| b.backup.id.as_str())
        .collect();
    assert_eq!(backups, ["B-006"]);
    let finance = &hit.processes[3];
    let cover = &finance.backups[0];
    assert_eq!(cover.backup.id.as_str(), "B-002");
    assert_eq!(cover.last_test, cover.backup.last_restore_test());
    assert!(cover.last_test.is_some());
    // Each affected system with its own backups.
    assert_eq!(hit.systems.len(), 2);
    assert_eq!(hit.systems[0].backups[0].backup.id.as_str(), "B-002");
    assert!(hit.systems.iter().all(|s| s.system.is_some()));
}

#[test]
fn an_unknown_system_is_kept_and_hits_nothing() {
    let wb = example();
    let systems = [Id::from("S-404")];
    let hit = impact(&wb, &systems);
    assert_eq!(hit.systems.len(), 1);
    assert!(hit.systems[0].system.is_none());
    assert!(hit.processes.is_empty());
}

#[test]
fn a_call_counts_as_reached_once_any_attempt_reached_the_person() {
    let wb = example();
    let mut i = incident(IncidentKind::Real);
    let call = |contact: &str, reached| EntryKind::Call {
        contact: Id::from(contact),
        reached,
    };
    i.timeline
        .push(entry("2026-05-04T09:05:00Z", call("C-005", false)));
    i.timeline
        .push(entry("2026-05-04T09:07:00Z", call("C-004", true)));
    i.timeline
        .push(entry("2026-05-04T09:20:00Z", call("C-005", true)));
    i.timeline
        .push(entry("2026-05-04T09:25:00Z", call("C-006", false)));
    let calls = call_progress(&wb, &i);
    assert_eq!(calls.len(), wb.contacts.call_order.len());
    assert_eq!(calls[0].position, 1);
    assert_eq!(
        calls[0].state,
        CallState::Reached {
            at: at("2026-05-04T09:20:00Z")
        }
    );
    assert_eq!(calls[0].attempts.len(), 2);
    assert_eq!(
        calls[1].state,
        CallState::Reached {
            at: at("2026-05-04T09:07:00Z")
        }
    );
    assert_eq!(
        calls[2].state,
        CallState::NotReached {
            last: at("2026-05-04T09:25:00Z")
        }
    );
    assert_eq!(calls[3].state, CallState::NotCalled);
    assert_eq!(
        calls[0].contact.map(|c| c.name.as_str()),
        Some("Joris Bakhuizen")
    );
}

#[test]
fn first_hour_steps_are_done_by_their_first_mark() {
    let wb = example();
    let mut i = incident(IncidentKind::Real);
    i.timeline.push(entry(
        "2026-05-04T09:03:00Z",
        EntryKind::StepDone {
            step: Id::from("FH-02"),
        },
    ));
    i.timeline.push(entry(
        "2026-05-04T09:09:00Z",
        EntryKind::StepDone {
            step: Id::from("FH-02"),
        },
    ));
    let steps = first_hour_progress(&wb.plan, &i);
    assert_eq!(steps.len(), 10);
    assert!(steps[0].done.is_none());
    assert_eq!(
        steps[1].done.map(|e| e.at),
        Some(at("2026-05-04T09:03:00Z"))
    );
}

#[test]
fn the_injects_of_an_exercise_come_at_their_minute_after_the_declaration() {
    let wb = example();
    let scenario = templates::scenario(Language::En, "climate-control")
        .unwrap()
        .unwrap();
    let mut i = incident(IncidentKind::Exercise);
    i.scenario = Some("climate-control".into());
    let due = injects_due(&scenario, &i, at("2026-05-04T09:31:59Z"));
    assert_eq!(
        due.iter().map(|d| d.inject.minute).collect::<Vec<_>>(),
        [0, 10, 20]
    );
    assert_eq!(due[1].due, at("2026-05-04T09:10:00Z"));
    let next = next_inject(&scenario, &i, at("2026-05-04T09:31:59Z")).unwrap();
    assert_eq!(next.inject.minute, 32);
    let view = overview(&wb, &i, Some(&scenario), at("2026-05-04T09:32:00Z"));
    assert_eq!(view.injects.len(), 4);
    assert_eq!(view.since_declared, 32 * 60);
    // A real incident never shows injects, whatever scenario is passed.
    let real = incident(IncidentKind::Real);
    let view = overview(&wb, &real, Some(&scenario), at("2026-05-04T10:00:00Z"));
    assert!(view.injects.is_empty() && view.next_inject.is_none());
}

#[test]
fn the_example_exercise_reads_with_its_clocks_met() {
    let wb = example();
    let exercise = &wb.incidents[0];
    let clocks = clocks(exercise, &wb.manifest, None, at("2025-06-20T00:00:00Z"));
    let states: Vec<(Deadline, bool)> = clocks
        .iter()
        .map(|c| {
            (
                c.deadline,
                matches!(c.state, ClockState::Met { in_time: true, .. }),
            )
        })
        .collect();
    assert_eq!(
        states,
        [(Deadline::DataProtection, true), (Deadline::Insurer, true)]
    );
    assert_eq!(decisions(exercise).count(), 2);
}

#[test]
fn an_exercises_data_breach_clock_starts_when_its_story_reveals_the_breach() {
    let wb = example();
    let scenario = templates::scenario(Language::En, "ransomware-supplier")
        .unwrap()
        .unwrap();
    let reveal = scenario.personal_data_reveal().unwrap().minute;
    assert_eq!(reveal, 20);
    let mut i = incident(IncidentKind::Exercise);
    i.scenario = Some("ransomware-supplier".into());
    i.personal_data = false;
    let breach = |now: &str| {
        clocks(&i, &wb.manifest, Some(&scenario), at(now))
            .into_iter()
            .find(|c| c.deadline == Deadline::DataProtection)
    };
    // Declared 09:00: before minute 20 the story has not revealed anything.
    assert!(breach("2026-05-04T09:19:59Z").is_none());
    let clock = breach("2026-05-04T09:25:00Z").expect("the clock runs after the reveal");
    assert_eq!(clock.starts, at("2026-05-04T09:20:00Z"));
    assert_eq!(clock.due, at("2026-05-07T09:20:00Z"));
    // The overview (incident screen, status) shows the same clock.
    let view = overview(&wb, &i, Some(&scenario), at("2026-05-04T09:25:00Z"));
    assert!(
        view.clocks
            .iter()
            .any(|c| c.deadline == Deadline::DataProtection
                && c.starts == at("2026-05-04T09:20:00Z"))
    );
    // Another scenario, a real incident or no scenario: the story decides nothing.
    let other = templates::scenario(Language::En, "climate-control")
        .unwrap()
        .unwrap();
    assert!(
        clocks(&i, &wb.manifest, Some(&other), at("2026-05-04T09:25:00Z"))
            .iter()
            .all(|c| c.deadline != Deadline::DataProtection)
    );
    let real = incident(IncidentKind::Real);
    let mut real = real;
    real.personal_data = false;
    assert!(
        clocks(
            &real,
            &wb.manifest,
            Some(&scenario),
            at("2026-05-04T09:25:00Z")
        )
        .iter()
        .all(|c| c.deadline != Deadline::DataProtection)
    );
}
