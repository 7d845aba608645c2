//! Incident response: the answers to "what now?" during an incident or an
//! exercise, as pure functions of the workbook, the incident and the moment `now`.
//!
//! The incident screen, `paraat incident status` and the incident report all show
//! the same clocks, calls, steps and hit processes, so they are computed here once.
//! "Now" is always passed in. Deadlines are computed on UTC timestamps by adding
//! whole minutes, so a daylight-saving change never moves a 72-hour deadline (the
//! local clock shows 23:00 → 00:00 across the March change, but 72 real hours pass).

pub mod words;

use crate::model::bilingual::pick;
use crate::model::{
    Backup, Call, Contact, Deadline, Duration, EntryKind, FirstHourStep, Id, Incident,
    IncidentKind, Inject, Language, Manifest, Notification, Plan, Process, RestoreTest, Scenario,
    System, TimelineEntry, Timestamp, Workbook,
};

/// The warning threshold: a clock is "nearly due" in the last quarter of its window
/// (the last 6 hours of 24, the last 18 of 72).
pub const NEARLY_DUE_FRACTION: i64 = 4;

/// One deadline that runs for an incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    pub deadline: Deadline,
    /// How long the window is (72 hours, the insurer's window from the manifest).
    pub window: Duration,
    /// When the clock started: discovery if recorded, else the declaration.
    pub starts: Timestamp,
    pub due: Timestamp,
    /// Seconds from `now` until `due`; negative when overdue.
    pub left_seconds: i64,
    pub state: ClockState,
    /// The first notification that meets this deadline.
    pub met_by: Option<Notification>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockState {
    /// Running, with more than the last quarter of the window left.
    Running,
    /// In the last quarter of the window: notify soon.
    NearlyDue,
    /// Past due and not met.
    Overdue,
    /// A notification meets it; `in_time` says whether it was made before `due`.
    Met { at: Timestamp, in_time: bool },
}

impl ClockState {
    /// Words for the state, in the workbook's language.
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (ClockState::Running, Language::En) => "running",
            (ClockState::NearlyDue, Language::En) => "nearly due",
            (ClockState::Overdue, Language::En) => "OVERDUE",
            (ClockState::Met { in_time: true, .. }, Language::En) => "met",
            (ClockState::Met { in_time: false, .. }, Language::En) => "met late",
            (ClockState::Running, Language::Nl) => "loopt",
            (ClockState::NearlyDue, Language::Nl) => "bijna verlopen",
            (ClockState::Overdue, Language::Nl) => "VERLOPEN",
            (ClockState::Met { in_time: true, .. }, Language::Nl) => "voldaan",
            (ClockState::Met { in_time: false, .. }, Language::Nl) => "te laat voldaan",
        }
    }

    /// Needs action: nearly due or overdue.
    pub fn needs_action(self) -> bool {
        matches!(self, ClockState::NearlyDue | ClockState::Overdue)
    }
}

/// The notification window of a deadline: fixed by law, or the insurer's from the manifest.
pub fn window(deadline: Deadline, manifest: &Manifest) -> Option<Duration> {
    match deadline {
        Deadline::DataProtection | Deadline::Nis2Notification => Some(Duration::Hours(72)),
        Deadline::Nis2EarlyWarning => Some(Duration::Hours(24)),
        Deadline::Insurer => manifest.organisation.insurer_window,
    }
}

/// The deadlines that run for `incident`: the data protection authority when
/// personal data is involved (or, in an exercise, once its story has revealed
/// it: `revealed`), NIS2 when the manifest says it applies, the insurer when the
/// manifest has a window. A deadline that a notification says it met is shown too
/// (personal data may be recorded as a notification before the flag is set).
pub fn running_deadlines(
    incident: &Incident,
    manifest: &Manifest,
    revealed: bool,
) -> Vec<Deadline> {
    let org = &manifest.organisation;
    let runs = |deadline: Deadline| match deadline {
        Deadline::DataProtection => incident.personal_data || revealed,
        Deadline::Nis2EarlyWarning | Deadline::Nis2Notification => org.nis2,
        Deadline::Insurer => org.insurer_window.is_some(),
    };
    let met = |deadline: Deadline| {
        incident
            .notifications
            .iter()
            .any(|n| n.meets == Some(deadline))
    };
    ALL_DEADLINES
        .into_iter()
        .filter(|&d| (runs(d) || met(d)) && window(d, manifest).is_some())
        .collect()
}

/// Every deadline, in the order they are shown (soonest window first for NIS2).
pub const ALL_DEADLINES: [Deadline; 4] = [
    Deadline::Nis2EarlyWarning,
    Deadline::DataProtection,
    Deadline::Nis2Notification,
    Deadline::Insurer,
];

/// When the story of the exercise `incident` reveals that personal data is
/// involved: the moment the revealing inject of `scenario` is due. `None` for a
/// real incident, an exercise without a scenario, or a story without personal data.
///
/// In an exercise the story, not the declaration, decides when the organisation
/// learns of the breach, so the 72 hours run from this moment.
pub fn personal_data_revealed(
    incident: &Incident,
    scenario: Option<&Scenario>,
) -> Option<Timestamp> {
    if incident.kind != IncidentKind::Exercise {
        return None;
    }
    let scenario = scenario.filter(|s| incident.scenario.as_deref() == Some(s.name.as_str()))?;
    scenario
        .personal_data_reveal()
        .map(|inject| inject.due_at(incident.declared_at))
}

/// The clocks of `incident` at `now`, in the order of [`ALL_DEADLINES`].
/// `scenario` is the exercise's scenario when it has one: its reveal of personal
/// data starts the data-breach clock (see [`personal_data_revealed`]).
pub fn clocks(
    incident: &Incident,
    manifest: &Manifest,
    scenario: Option<&Scenario>,
    now: Timestamp,
) -> Vec<Clock> {
    let revealed = personal_data_revealed(incident, scenario);
    running_deadlines(incident, manifest, revealed.is_some_and(|at| at <= now))
        .into_iter()
        .filter_map(|deadline| {
            let window = window(deadline, manifest)?;
            let starts = match (deadline, revealed) {
                (Deadline::DataProtection, Some(at)) => at,
                _ => incident.clock_start(),
            };
            Some(clock(incident, deadline, window, starts, now))
        })
        .collect()
}

/// One clock: `window` from `starts`, evaluated at `now`.
pub fn clock(
    incident: &Incident,
    deadline: Deadline,
    window: Duration,
    starts: Timestamp,
    now: Timestamp,
) -> Clock {
    let window_minutes = i64::try_from(window.minutes()).unwrap_or(i64::MAX / 120);
    let due = starts.plus_minutes(window_minutes);
    let left_seconds = seconds_between(now, due);
    let met_by = incident
        .notifications
        .iter()
        .filter(|n| n.meets == Some(deadline))
        .min_by_key(|n| n.at)
        .cloned();
    let state = match &met_by {
        Some(n) => ClockState::Met {
            at: n.at,
            in_time: n.at <= due,
        },
        None if left_seconds < 0 => ClockState::Overdue,
        None if left_seconds <= window_minutes.saturating_mul(60) / NEARLY_DUE_FRACTION => {
            ClockState::NearlyDue
        }
        None => ClockState::Running,
    };
    Clock {
        deadline,
        window,
        starts,
        due,
        left_seconds,
        state,
        met_by,
    }
}

/// Seconds from `from` to `to` (negative when `to` is earlier).
pub fn seconds_between(from: Timestamp, to: Timestamp) -> i64 {
    (to.0 - from.0).num_seconds()
}

/// A span of time in short words: "2 d 03 h", "5 h 07 min", "12 min" (sign dropped).
pub fn span_words(seconds: i64, lang: Language) -> String {
    let minutes = seconds.unsigned_abs() / 60;
    let (days, hours, mins) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    let (d, h, m) = pick(lang, ("d", "h", "min"), ("d", "u", "min"));
    if days > 0 {
        format!("{days} {d} {hours:02} {h}")
    } else if hours > 0 {
        format!("{hours} {h} {mins:02} {m}")
    } else {
        format!("{mins} {m}")
    }
}

/// "17 h 20 min left" / "overdue by 2 h 05 min", in the workbook's language.
pub fn left_words(left_seconds: i64, lang: Language) -> String {
    let span = span_words(left_seconds, lang);
    match (left_seconds < 0, lang) {
        (false, Language::En) => format!("{span} left"),
        (true, Language::En) => format!("overdue by {span}"),
        (false, Language::Nl) => format!("nog {span}"),
        (true, Language::Nl) => format!("{span} over tijd"),
    }
}

/// Where one call of the call order stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallProgress<'a> {
    /// Position in the call order, from 1.
    pub position: usize,
    pub call: &'a Call,
    /// `None` when the call order names a contact that does not exist.
    pub contact: Option<&'a Contact>,
    /// Every call to this contact logged in the timeline, oldest first.
    pub attempts: Vec<&'a TimelineEntry>,
    pub state: CallState,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallState {
    NotCalled,
    /// Called, but not reached (yet); `last` is the latest attempt.
    NotReached {
        last: Timestamp,
    },
    Reached {
        at: Timestamp,
    },
}

impl CallState {
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (CallState::NotCalled, Language::En) => "not called",
            (CallState::NotReached { .. }, Language::En) => "not reached",
            (CallState::Reached { .. }, Language::En) => "reached",
            (CallState::NotCalled, Language::Nl) => "niet gebeld",
            (CallState::NotReached { .. }, Language::Nl) => "niet bereikt",
            (CallState::Reached { .. }, Language::Nl) => "bereikt",
        }
    }
}

/// The calls logged to `contact` in the timeline.
fn calls_to<'a>(incident: &'a Incident, contact: &'a Id) -> Vec<&'a TimelineEntry> {
    incident
        .timeline
        .iter()
        .filter(|e| matches!(&e.kind, EntryKind::Call { contact: c, .. } if c == contact))
        .collect()
}

/// The call order with, for each call, whether it was made and the person reached.
pub fn call_progress<'a>(workbook: &'a Workbook, incident: &'a Incident) -> Vec<CallProgress<'a>> {
    workbook
        .contacts
        .call_order
        .iter()
        .enumerate()
        .map(|(i, call)| {
            let attempts = calls_to(incident, &call.contact);
            let reached = attempts
                .iter()
                .find(|e| matches!(e.kind, EntryKind::Call { reached: true, .. }));
            let state = match (reached, attempts.last()) {
                (Some(entry), _) => CallState::Reached { at: entry.at },
                (None, Some(last)) => CallState::NotReached { last: last.at },
                (None, None) => CallState::NotCalled,
            };
            CallProgress {
                position: i + 1,
                call,
                contact: workbook.contact(call.contact.as_str()),
                attempts,
                state,
            }
        })
        .collect()
}

/// One first-hour step and the timeline entry that marked it done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepProgress<'a> {
    pub step: &'a FirstHourStep,
    pub done: Option<&'a TimelineEntry>,
}

/// The first-hour steps of the plan, each with when it was done (first mark wins).
pub fn first_hour_progress<'a>(plan: &'a Plan, incident: &'a Incident) -> Vec<StepProgress<'a>> {
    plan.first_hour
        .iter()
        .map(|step| StepProgress {
            step,
            done: step_done(incident, &step.id),
        })
        .collect()
}

/// The entry that marked first-hour step `step` done, if any.
pub fn step_done<'a>(incident: &'a Incident, step: &Id) -> Option<&'a TimelineEntry> {
    incident
        .timeline
        .iter()
        .find(|e| matches!(&e.kind, EntryKind::StepDone { step: s } if s == step))
}

/// A backup and its latest restore test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupCover<'a> {
    pub backup: &'a Backup,
    pub last_test: Option<&'a RestoreTest>,
}

/// One affected system, as recorded on the incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AffectedSystem<'a> {
    pub id: &'a Id,
    /// `None` when the id is not in the process map.
    pub system: Option<&'a System>,
    /// The backups that cover it.
    pub backups: Vec<BackupCover<'a>>,
}

/// A process that depends on an affected system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HitProcess<'a> {
    pub process: &'a Process,
    /// The affected systems it depends on.
    pub via: Vec<&'a Id>,
    /// The backups covering those systems, to restore from.
    pub backups: Vec<BackupCover<'a>>,
}

/// What a set of affected systems takes down, and what to restore from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Impact<'a> {
    pub systems: Vec<AffectedSystem<'a>>,
    /// In recovery order (processes without one last, critical before less critical).
    pub processes: Vec<HitProcess<'a>>,
}

impl Impact<'_> {
    /// The affected systems that hold personal data.
    pub fn personal_data_systems(&self) -> impl Iterator<Item = &System> {
        self.systems
            .iter()
            .filter_map(|s| s.system)
            .filter(|s| s.data.contains(&crate::model::DataKind::PersonalData))
    }
}

fn backups_of<'a>(workbook: &'a Workbook, systems: &[&Id]) -> Vec<BackupCover<'a>> {
    workbook
        .backups
        .backups
        .iter()
        .filter(|b| b.systems.iter().any(|s| systems.contains(&s)))
        .map(|backup| BackupCover {
            backup,
            last_test: backup.last_restore_test(),
        })
        .collect()
}

/// The processes hit by `systems` in recovery order, with RTO, workaround and the
/// backups covering the affected systems each depends on.
pub fn impact<'a>(workbook: &'a Workbook, systems: &'a [Id]) -> Impact<'a> {
    let affected: Vec<AffectedSystem> = systems
        .iter()
        .map(|id| AffectedSystem {
            id,
            system: workbook.system(id.as_str()),
            backups: backups_of(workbook, &[id]),
        })
        .collect();
    let mut processes: Vec<HitProcess> = workbook
        .processes
        .processes
        .iter()
        .filter_map(|process| {
            let via: Vec<&Id> = systems
                .iter()
                .filter(|s| process.systems.contains(s))
                .collect();
            (!via.is_empty()).then(|| HitProcess {
                backups: backups_of(workbook, &via),
                process,
                via,
            })
        })
        .collect();
    processes.sort_by(|a, b| {
        let key = |p: &HitProcess<'a>| {
            (
                p.process.recovery_order.unwrap_or(u32::MAX),
                p.process.criticality,
                p.process.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    Impact {
        systems: affected,
        processes,
    }
}

/// An inject of an exercise's scenario and when it is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InjectDue<'a> {
    pub inject: &'a Inject,
    pub due: Timestamp,
}

/// Every inject of `scenario` with when it is due in the exercise `incident`.
fn schedule<'a>(
    scenario: &'a Scenario,
    incident: &Incident,
) -> impl Iterator<Item = InjectDue<'a>> {
    let start = incident.declared_at;
    scenario.injects.iter().map(move |inject| InjectDue {
        inject,
        due: inject.due_at(start),
    })
}

/// The injects of `scenario` due by `now` in the exercise `incident` (counted from
/// its declaration), oldest first.
pub fn injects_due<'a>(
    scenario: &'a Scenario,
    incident: &Incident,
    now: Timestamp,
) -> Vec<InjectDue<'a>> {
    schedule(scenario, incident)
        .filter(|i| i.due <= now)
        .collect()
}

/// The next inject still to come after `now`.
pub fn next_inject<'a>(
    scenario: &'a Scenario,
    incident: &Incident,
    now: Timestamp,
) -> Option<InjectDue<'a>> {
    schedule(scenario, incident)
        .filter(|i| i.due > now)
        .min_by_key(|i| i.due)
}

/// The decisions in the timeline, in order.
pub fn decisions(incident: &Incident) -> impl Iterator<Item = &TimelineEntry> {
    incident
        .timeline
        .iter()
        .filter(|e| e.kind == EntryKind::Decision)
}

/// Everything the incident screen shows, at `now`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overview<'a> {
    pub incident: &'a Incident,
    /// Seconds since the declaration.
    pub since_declared: i64,
    pub clocks: Vec<Clock>,
    pub calls: Vec<CallProgress<'a>>,
    pub first_hour: Vec<StepProgress<'a>>,
    pub impact: Impact<'a>,
    /// For an exercise with a known scenario: the injects due by now, and the next.
    pub injects: Vec<InjectDue<'a>>,
    pub next_inject: Option<InjectDue<'a>>,
}

/// The whole picture of `incident` at `now`. `scenario` is the exercise's scenario
/// when it has one (see `store::templates::scenario`).
pub fn overview<'a>(
    workbook: &'a Workbook,
    incident: &'a Incident,
    scenario: Option<&'a Scenario>,
    now: Timestamp,
) -> Overview<'a> {
    let scenario = scenario.filter(|_| incident.kind == IncidentKind::Exercise);
    Overview {
        incident,
        since_declared: seconds_between(incident.declared_at, now),
        clocks: clocks(incident, &workbook.manifest, scenario, now),
        calls: call_progress(workbook, incident),
        first_hour: first_hour_progress(&workbook.plan, incident),
        impact: impact(workbook, &incident.affected_systems),
        injects: scenario.map_or_else(Vec::new, |s| injects_due(s, incident, now)),
        next_inject: scenario.and_then(|s| next_inject(s, incident, now)),
    }
}

/// Why no incident could be chosen for a command that defaults to "the" incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoIncident {
    /// No incident or exercise is active.
    NoneActive,
    /// No real incident is active and several exercises are: say which.
    SeveralExercises(Vec<Id>),
    /// An id was given that matches no incident.
    Unknown(String),
    /// An id prefix was given that matches several incidents.
    Ambiguous(String, Vec<Id>),
}

/// The incident a command acts on when none is named: the active real incident,
/// else the only active exercise.
pub fn default_incident(incidents: &[Incident]) -> Result<&Incident, NoIncident> {
    if let Some(real) = incidents
        .iter()
        .rev()
        .find(|i| i.is_active() && i.kind == IncidentKind::Real)
    {
        return Ok(real);
    }
    let exercises: Vec<&Incident> = incidents.iter().filter(|i| i.is_active()).collect();
    match exercises.as_slice() {
        [] => Err(NoIncident::NoneActive),
        [only] => Ok(only),
        several => Err(NoIncident::SeveralExercises(
            several.iter().map(|i| i.id.clone()).collect(),
        )),
    }
}

/// The incident named by `text`: its id, its file name (`….ron`, with or without
/// `incidents/`), or a prefix of its id that only it has.
pub fn find_incident<'a>(
    incidents: &'a [Incident],
    text: &str,
) -> Result<&'a Incident, NoIncident> {
    let wanted = text.trim();
    let wanted = wanted.strip_prefix("incidents/").unwrap_or(wanted);
    let wanted = wanted.strip_suffix(".ron").unwrap_or(wanted);
    if let Some(exact) = incidents.iter().find(|i| i.id.as_str() == wanted) {
        return Ok(exact);
    }
    let matching: Vec<&Incident> = incidents
        .iter()
        .filter(|i| !wanted.is_empty() && i.id.as_str().starts_with(wanted))
        .collect();
    match matching.as_slice() {
        [] => Err(NoIncident::Unknown(text.to_owned())),
        [only] => Ok(only),
        several => Err(NoIncident::Ambiguous(
            text.to_owned(),
            several.iter().map(|i| i.id.clone()).collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IncidentStatus, Severity};

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).expect("a timestamp")
    }

    fn incident(declared: &str, discovered: Option<&str>) -> Incident {
        Incident {
            id: Id::from("2026-03-28-test"),
            title: "Test".into(),
            kind: IncidentKind::Real,
            scenario: None,
            declared_at: at(declared),
            declared_by: "Tester".into(),
            discovered_at: discovered.map(at),
            severity: Severity::High,
            affected_systems: vec![],
            personal_data: true,
            status: IncidentStatus::Active,
            timeline: vec![],
            notifications: vec![],
            closed_at: None,
            lessons: vec![],
            notes: String::new(),
        }
    }

    fn manifest(nis2: bool, insurer: Option<Duration>) -> Manifest {
        let files = crate::store::templates::template(Language::En);
        let text = files
            .iter()
            .find(|(p, _)| *p == "paraat.ron")
            .map(|(_, t)| *t)
            .expect("manifest template");
        let mut manifest: Manifest = ron::from_str(text).expect("template manifest parses");
        manifest.organisation.nis2 = nis2;
        manifest.organisation.insurer_window = insurer;
        manifest
    }

    fn notification(deadline: Deadline, when: &str) -> Notification {
        Notification {
            to: Id::from("C-003"),
            at: at(when),
            channel: "Online form".into(),
            reference: "X-1".into(),
            meets: Some(deadline),
        }
    }

    #[test]
    fn the_data_protection_clock_counts_72_hours_from_discovery_not_declaration() {
        // Discovered Friday evening, declared Saturday morning.
        let i = incident("2026-03-28T08:00:00Z", Some("2026-03-27T19:30:00Z"));
        let c = clocks(&i, &manifest(false, None), None, at("2026-03-28T08:00:00Z"));
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].deadline, Deadline::DataProtection);
        assert_eq!(c[0].starts, at("2026-03-27T19:30:00Z"));
        assert_eq!(c[0].due, at("2026-03-30T19:30:00Z"));
        assert_eq!(c[0].left_seconds, (72 * 3600) - (12 * 3600 + 30 * 60));
        assert_eq!(c[0].state, ClockState::Running);
    }

    #[test]
    fn a_72_hour_deadline_is_72_real_hours_across_the_march_daylight_saving_change() {
        // 23:00 CET on Saturday 28 March 2026; the clocks go forward that night.
        let i = incident("2026-03-28T22:00:00Z", None);
        let c = &clocks(&i, &manifest(false, None), None, at("2026-03-29T22:00:00Z"))[0];
        assert_eq!(c.due, at("2026-03-31T22:00:00Z")); // 00:00 CEST on 1 April
        assert_eq!(c.left_seconds, 48 * 3600);
        // In local time: declared 2026-03-28T23:00+01:00, due 2026-04-01T00:00+02:00.
        assert_eq!(c.due, at("2026-04-01T00:00:00+02:00"));
    }

    #[test]
    fn a_72_hour_deadline_is_72_real_hours_across_the_october_daylight_saving_change() {
        // 01:30 CEST on Sunday 25 October 2026; at 03:00 the clocks go back to 02:00.
        let i = incident("2026-10-24T23:30:00Z", None);
        let m = manifest(true, None);
        let c = clocks(&i, &m, None, at("2026-10-25T05:30:00Z"));
        let early = c
            .iter()
            .find(|c| c.deadline == Deadline::Nis2EarlyWarning)
            .unwrap();
        assert_eq!(early.due, at("2026-10-25T23:30:00Z"));
        assert_eq!(early.due, at("2026-10-26T00:30:00+01:00"));
        assert_eq!(early.left_seconds, 18 * 3600);
        let dpa = c
            .iter()
            .find(|c| c.deadline == Deadline::DataProtection)
            .unwrap();
        assert_eq!(dpa.due, at("2026-10-27T23:30:00Z"));
    }

    #[test]
    fn nis2_and_insurer_clocks_run_only_when_the_manifest_says_so() {
        let mut i = incident("2026-05-04T09:00:00Z", None);
        i.personal_data = false;
        let now = at("2026-05-04T10:00:00Z");
        assert!(clocks(&i, &manifest(false, None), None, now).is_empty());
        let all: Vec<Deadline> = clocks(&i, &manifest(true, Some(Duration::Hours(48))), None, now)
            .iter()
            .map(|c| c.deadline)
            .collect();
        assert_eq!(
            all,
            [
                Deadline::Nis2EarlyWarning,
                Deadline::Nis2Notification,
                Deadline::Insurer
            ]
        );
        let insurer = &clocks(&i, &manifest(false, Some(Duration::Hours(48))), None, now)[0];
        assert_eq!(insurer.due, at("2026-05-06T09:00:00Z"));
    }

    #[test]
    fn a_clock_turns_nearly_due_in_its_last_quarter_then_overdue() {
        let i = incident("2026-05-04T09:00:00Z", None);
        let m = manifest(true, None);
        let early = |now: &str| {
            clocks(&i, &m, None, at(now))
                .into_iter()
                .find(|c| c.deadline == Deadline::Nis2EarlyWarning)
                .unwrap()
        };
        assert_eq!(early("2026-05-05T02:59:00Z").state, ClockState::Running);
        assert_eq!(early("2026-05-05T03:00:00Z").state, ClockState::NearlyDue);
        assert_eq!(early("2026-05-05T09:00:00Z").state, ClockState::NearlyDue);
        let late = early("2026-05-05T10:15:00Z");
        assert_eq!(late.state, ClockState::Overdue);
        assert_eq!(late.left_seconds, -75 * 60);
        assert_eq!(
            left_words(late.left_seconds, Language::En),
            "overdue by 1 h 15 min"
        );
    }

    #[test]
    fn a_notification_that_meets_a_deadline_stops_its_clock_with_when_it_was_met() {
        let mut i = incident("2026-05-04T09:00:00Z", None);
        i.notifications.push(notification(
            Deadline::DataProtection,
            "2026-05-05T12:00:00Z",
        ));
        i.notifications.push(notification(
            Deadline::Nis2EarlyWarning,
            "2026-05-05T12:00:00Z",
        ));
        let c = clocks(&i, &manifest(true, None), None, at("2026-05-09T00:00:00Z"));
        let state = |d| c.iter().find(|c| c.deadline == d).unwrap().state;
        let met = at("2026-05-05T12:00:00Z");
        assert_eq!(
            state(Deadline::DataProtection),
            ClockState::Met {
                at: met,
                in_time: true
            }
        );
        assert_eq!(
            state(Deadline::Nis2EarlyWarning),
            ClockState::Met {
                at: met,
                in_time: false
            }
        );
        assert_eq!(state(Deadline::Nis2Notification), ClockState::Overdue);
    }

    #[test]
    fn a_met_deadline_shows_even_when_its_clock_would_not_run() {
        let mut i = incident("2026-05-04T09:00:00Z", None);
        i.personal_data = false;
        i.notifications.push(notification(
            Deadline::DataProtection,
            "2026-05-04T12:00:00Z",
        ));
        let c = clocks(&i, &manifest(false, None), None, at("2026-05-04T13:00:00Z"));
        assert_eq!(c.len(), 1);
        assert!(matches!(c[0].state, ClockState::Met { in_time: true, .. }));
    }

    #[test]
    fn spans_read_as_days_hours_and_minutes() {
        assert_eq!(span_words(59, Language::En), "0 min");
        assert_eq!(span_words(3 * 3600 + 7 * 60, Language::En), "3 h 07 min");
        assert_eq!(span_words(3 * 3600 + 7 * 60, Language::Nl), "3 u 07 min");
        assert_eq!(span_words(50 * 3600, Language::En), "2 d 02 h");
        assert_eq!(left_words(600, Language::Nl), "nog 10 min");
    }

    #[test]
    fn the_default_incident_is_the_active_real_one_else_the_only_active_exercise() {
        let mut real = incident("2026-05-04T09:00:00Z", None);
        real.id = Id::from("2026-05-04-real");
        let mut ex1 = incident("2026-05-03T09:00:00Z", None);
        ex1.id = Id::from("2026-05-03-drill");
        ex1.kind = IncidentKind::Exercise;
        let mut ex2 = ex1.clone();
        ex2.id = Id::from("2026-05-03-drill-2");
        let all = vec![ex1.clone(), ex2.clone(), real.clone()];
        assert_eq!(default_incident(&all).unwrap().id, real.id);
        assert_eq!(default_incident(&[ex1.clone()]).unwrap().id, ex1.id);
        assert!(matches!(
            default_incident(&[ex1.clone(), ex2.clone()]),
            Err(NoIncident::SeveralExercises(ids)) if ids.len() == 2
        ));
        real.status = IncidentStatus::Closed;
        assert_eq!(
            default_incident(&[real.clone()]),
            Err(NoIncident::NoneActive)
        );
        assert_eq!(
            find_incident(&all, "incidents/2026-05-04-real.ron")
                .unwrap()
                .id,
            real.id
        );
        assert_eq!(find_incident(&all, "2026-05-04").unwrap().id, real.id);
        assert!(matches!(
            find_incident(&all, "2026-05-03-drill"),
            Ok(i) if i.id == ex1.id
        ));
        assert!(matches!(
            find_incident(&all, "2026-05-03"),
            Err(NoIncident::Ambiguous(..))
        ));
        assert!(matches!(
            find_incident(&all, "2027"),
            Err(NoIncident::Unknown(..))
        ));
    }
}
