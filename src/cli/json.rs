//! The JSON of `status`, `selfcheck`, `incident list`, `incident status` and of a
//! `check` that could not load the workbook: stable structures for tools.
//!
//! Each structure carries a `version`, raised only when a field changes meaning
//! (new fields may be added). They give codes (`basics_in_place`,
//! `RESTORE_TEST_OVERDUE`, `data_protection`) and record ids, never sentences in
//! the workbook's language, so a tool reads them the same for every workbook.
//! `docs/json.md` documents each one, and `tests/json.rs` holds the real output
//! to the documented examples, key by key.

use serde::Serialize;

use crate::model::{Date, Id, Incident, RecordKind, RecordRef, Timestamp, Workbook, key};
use crate::response::{self as logic, CallState, ClockState};
use crate::review::overview::{Count, DueKind, Overview, section_of};
use crate::review::selfcheck::{MaturityLevel, Score, SelfCheckResult};
use crate::review::{Code, Finding, Severity, Summary};
use crate::store::{FileError, LoadError};

/// The version of every structure in this module.
pub const VERSION: u32 = 1;

/// `--format` of the commands that print either text or JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people
    #[default]
    Text,
    /// A stable structure for tools (see docs/json.md)
    Json,
}

/// Writes `value` as pretty JSON with a trailing newline, safe for a terminal
/// ([`crate::sanitize::terminal_safe_json`]: text from the workbook is in it).
pub fn to_text<T: Serialize>(value: &T) -> Result<String, super::CliError> {
    let mut text = crate::sanitize::terminal_safe_json(value)
        .map_err(|e| super::CliError::message(format!("cannot write JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

#[derive(Debug, Serialize)]
pub struct RecordJson {
    pub kind: &'static str,
    pub id: String,
}

impl RecordJson {
    pub fn of(record: &RecordRef) -> RecordJson {
        RecordJson {
            kind: RecordKind::key(record.kind),
            id: record.id.to_string(),
        }
    }
}

// ---------------------------------------------------------------- status

#[derive(Debug, Serialize)]
pub struct Status {
    pub version: u32,
    pub today: Date,
    pub areas: Vec<AreaJson>,
    pub next: Vec<NextJson>,
    pub due_soon: Vec<DueJson>,
    pub progress: ProgressJson,
    pub selfcheck: LevelJson,
    /// Only with `--compare`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<crate::sector::compare::Comparison>,
}

#[derive(Debug, Serialize)]
pub struct AreaJson {
    pub section: crate::model::Register,
    pub light: crate::review::overview::Light,
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
    /// The codes of the findings about this section, each once, most severe first.
    pub codes: Vec<Code>,
}

#[derive(Debug, Serialize)]
pub struct NextJson {
    /// The finding's code, or `null` for an open plan step.
    pub code: Option<Code>,
    pub severity: Severity,
    pub record: Option<RecordJson>,
    pub due: Option<Date>,
}

#[derive(Debug, Serialize)]
pub struct DueJson {
    pub what: DueKind,
    pub date: Date,
    pub record: Option<RecordJson>,
}

#[derive(Debug, Serialize)]
pub struct ProgressJson {
    pub checklist: Count,
    pub selfcheck: Count,
    pub plan: Count,
}

#[derive(Debug, Serialize)]
pub struct LevelJson {
    pub percent: u8,
    pub level: String,
}

pub fn status(
    view: &Overview,
    findings: &[Finding],
    result: &SelfCheckResult,
    today: Date,
) -> Status {
    let areas = view
        .areas
        .iter()
        .map(|area| {
            let mut about: Vec<&Finding> = findings
                .iter()
                .filter(|f| section_of(f) == Some(area.section))
                .collect();
            let summary = Summary::count(about.iter().map(|f| f.severity));
            about.sort_by_key(|f| (f.severity, f.code));
            let mut codes: Vec<Code> = about.iter().map(|f| f.code).collect();
            codes.dedup();
            AreaJson {
                section: area.section,
                light: area.light,
                errors: summary.errors,
                warnings: summary.warnings,
                info: summary.info,
                codes,
            }
        })
        .collect();
    Status {
        version: VERSION,
        today,
        areas,
        next: view
            .next
            .iter()
            .map(|n| NextJson {
                code: n.code,
                severity: n.severity,
                record: n.record.as_ref().map(RecordJson::of),
                due: n.due,
            })
            .collect(),
        due_soon: view
            .due_soon
            .iter()
            .map(|d| DueJson {
                what: d.what,
                date: d.date,
                record: d.record.as_ref().map(RecordJson::of),
            })
            .collect(),
        progress: ProgressJson {
            checklist: view.progress.checklist,
            selfcheck: view.progress.selfcheck,
            plan: view.progress.plan,
        },
        selfcheck: LevelJson {
            percent: result.overall.percent,
            level: key(&result.level),
        },
        compare: None,
    }
}

// ---------------------------------------------------------------- selfcheck

#[derive(Debug, Serialize)]
pub struct SelfCheckJson {
    pub version: u32,
    pub overall: ScoreJson,
    pub principles: Vec<PrincipleJson>,
    pub actions: Vec<ActionJson>,
}

#[derive(Debug, Serialize)]
pub struct ScoreJson {
    pub percent: u8,
    pub level: String,
    pub answered: usize,
    pub total: usize,
}

impl ScoreJson {
    fn of(score: Score) -> ScoreJson {
        ScoreJson {
            percent: score.percent,
            level: key(&MaturityLevel::from_percent(score.percent)),
            answered: score.answered,
            total: score.total,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PrincipleJson {
    pub principle: String,
    #[serde(flatten)]
    pub score: ScoreJson,
}

#[derive(Debug, Serialize)]
pub struct ActionJson {
    pub statement: Id,
    pub principle: String,
    pub priority: String,
    pub answer: String,
    /// The plan step that carries it out, or `null` while open.
    pub planned: Option<Id>,
    /// That step's status.
    pub step_status: Option<String>,
}

pub fn selfcheck(workbook: &Workbook, result: &SelfCheckResult) -> SelfCheckJson {
    SelfCheckJson {
        version: VERSION,
        overall: ScoreJson::of(result.overall),
        principles: result
            .principles
            .iter()
            .map(|p| PrincipleJson {
                principle: key(&p.principle),
                score: ScoreJson::of(p.score),
            })
            .collect(),
        actions: result
            .actions
            .iter()
            .map(|a| ActionJson {
                statement: a.statement.clone(),
                principle: key(&a.principle),
                priority: key(&a.priority),
                answer: key(&a.answer),
                step_status: a
                    .planned
                    .as_ref()
                    .and_then(|s| workbook.step(s.as_str()))
                    .map(|s| key(&s.status)),
                planned: a.planned.clone(),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------- incidents

#[derive(Debug, Serialize)]
pub struct IncidentList {
    pub version: u32,
    pub incidents: Vec<IncidentJson>,
    /// Incident files that could not be read.
    pub unreadable: Vec<FileJson>,
}

#[derive(Debug, Serialize)]
pub struct IncidentJson {
    pub id: Id,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub severity: String,
    pub scenario: Option<String>,
    pub declared_at: Timestamp,
    pub discovered_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    pub personal_data: bool,
    pub affected_systems: Vec<Id>,
    /// Entries in the timeline.
    pub entries: usize,
    pub notifications: usize,
    pub lessons: usize,
}

impl IncidentJson {
    pub fn of(incident: &Incident) -> IncidentJson {
        IncidentJson {
            id: incident.id.clone(),
            title: incident.title.clone(),
            kind: key(&incident.kind),
            status: key(&incident.status),
            severity: key(&incident.severity),
            scenario: incident.scenario.clone(),
            declared_at: incident.declared_at,
            discovered_at: incident.discovered_at,
            closed_at: incident.closed_at,
            personal_data: incident.personal_data,
            affected_systems: incident.affected_systems.clone(),
            entries: incident.timeline.len(),
            notifications: incident.notifications.len(),
            lessons: incident.lessons.len(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct FileJson {
    pub file: String,
    pub line: Option<usize>,
    /// What is wrong, in English, made safe for a terminal.
    pub message: String,
}

impl FileJson {
    pub fn of(error: &FileError) -> FileJson {
        FileJson {
            file: error.file().to_owned(),
            line: error.line(),
            message: crate::sanitize::sanitize_text(&error.to_string()),
        }
    }
}

pub fn incident_list<'a>(
    incidents: &[Incident],
    unreadable: impl Iterator<Item = &'a FileError>,
) -> IncidentList {
    IncidentList {
        version: VERSION,
        incidents: incidents.iter().map(IncidentJson::of).collect(),
        unreadable: unreadable.map(FileJson::of).collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct IncidentStatus {
    pub version: u32,
    pub now: Timestamp,
    pub incident: IncidentJson,
    pub since_declared_seconds: i64,
    pub clocks: Vec<ClockJson>,
    pub calls: Vec<CallJson>,
    pub first_hour: Vec<StepJson>,
    pub affected_systems: Vec<SystemJson>,
    pub processes_hit: Vec<ProcessJson>,
    /// For an exercise of a known scenario: the minutes of the injects due so far.
    pub injects_due: Vec<u32>,
    pub next_inject: Option<InjectJson>,
}

#[derive(Debug, Serialize)]
pub struct ClockJson {
    pub deadline: String,
    pub window_minutes: u64,
    pub starts: Timestamp,
    pub due: Timestamp,
    /// Negative when overdue.
    pub left_seconds: i64,
    /// `running`, `nearly_due`, `overdue`, `met` or `met_late`.
    pub state: &'static str,
    /// The notification that met it: contact id and moment.
    pub met_by: Option<NotificationJson>,
}

#[derive(Debug, Serialize)]
pub struct NotificationJson {
    pub to: Id,
    pub at: Timestamp,
}

#[derive(Debug, Serialize)]
pub struct CallJson {
    pub position: usize,
    pub contact: Id,
    /// Whether the contact exists in contacts.ron.
    pub known: bool,
    /// `not_called`, `not_reached` or `reached`.
    pub state: &'static str,
    /// When reached, or when last tried.
    pub at: Option<Timestamp>,
    pub attempts: usize,
}

#[derive(Debug, Serialize)]
pub struct StepJson {
    pub step: Id,
    pub role: Option<String>,
    pub done_at: Option<Timestamp>,
}

#[derive(Debug, Serialize)]
pub struct BackupJson {
    pub backup: Id,
    pub last_test: Option<Date>,
    pub last_result: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SystemJson {
    pub system: Id,
    /// Whether the system is in the process map.
    pub known: bool,
    pub backups: Vec<BackupJson>,
}

#[derive(Debug, Serialize)]
pub struct ProcessJson {
    pub process: Id,
    pub criticality: String,
    pub recovery_order: Option<u32>,
    pub rto_minutes: Option<u64>,
    /// The affected systems it depends on.
    pub via: Vec<Id>,
    pub backups: Vec<BackupJson>,
}

#[derive(Debug, Serialize)]
pub struct InjectJson {
    pub minute: u32,
    pub due: Timestamp,
}

fn backups(covers: &[logic::BackupCover]) -> Vec<BackupJson> {
    covers
        .iter()
        .map(|c| BackupJson {
            backup: c.backup.id.clone(),
            last_test: c.last_test.map(|t| t.date),
            last_result: c.last_test.map(|t| key(&t.result)),
        })
        .collect()
}

pub fn incident_status(view: &logic::Overview, now: Timestamp) -> IncidentStatus {
    IncidentStatus {
        version: VERSION,
        now,
        incident: IncidentJson::of(view.incident),
        since_declared_seconds: view.since_declared,
        clocks: view
            .clocks
            .iter()
            .map(|c| ClockJson {
                deadline: key(&c.deadline),
                window_minutes: c.window.minutes(),
                starts: c.starts,
                due: c.due,
                left_seconds: c.left_seconds,
                state: match c.state {
                    ClockState::Running => "running",
                    ClockState::NearlyDue => "nearly_due",
                    ClockState::Overdue => "overdue",
                    ClockState::Met { in_time: true, .. } => "met",
                    ClockState::Met { in_time: false, .. } => "met_late",
                },
                met_by: c.met_by.as_ref().map(|n| NotificationJson {
                    to: n.to.clone(),
                    at: n.at,
                }),
            })
            .collect(),
        calls: view
            .calls
            .iter()
            .map(|c| {
                let (state, at) = match c.state {
                    CallState::NotCalled => ("not_called", None),
                    CallState::NotReached { last } => ("not_reached", Some(last)),
                    CallState::Reached { at } => ("reached", Some(at)),
                };
                CallJson {
                    position: c.position,
                    contact: c.call.contact.clone(),
                    known: c.contact.is_some(),
                    state,
                    at,
                    attempts: c.attempts.len(),
                }
            })
            .collect(),
        first_hour: view
            .first_hour
            .iter()
            .map(|s| StepJson {
                step: s.step.id.clone(),
                role: s.step.role.map(|r| key(&r)),
                done_at: s.done.map(|e| e.at),
            })
            .collect(),
        affected_systems: view
            .impact
            .systems
            .iter()
            .map(|s| SystemJson {
                system: s.id.clone(),
                known: s.system.is_some(),
                backups: backups(&s.backups),
            })
            .collect(),
        processes_hit: view
            .impact
            .processes
            .iter()
            .map(|p| ProcessJson {
                process: p.process.id.clone(),
                criticality: key(&p.process.criticality),
                recovery_order: p.process.recovery_order,
                rto_minutes: p.process.rto.map(|d| d.minutes()),
                via: p.via.iter().map(|id| (*id).clone()).collect(),
                backups: backups(&p.backups),
            })
            .collect(),
        injects_due: view.injects.iter().map(|i| i.inject.minute).collect(),
        next_inject: view.next_inject.as_ref().map(|i| InjectJson {
            minute: i.inject.minute,
            due: i.due,
        }),
    }
}

// ---------------------------------------------------------------- load errors

/// What `check --format json` prints when the workbook does not load.
#[derive(Debug, Serialize)]
pub struct LoadFailure {
    pub version: u32,
    /// Always `load`: the workbook could not be loaded.
    pub error: &'static str,
    pub workbook: String,
    pub files: Vec<FileJson>,
}

pub fn load_failure(error: &LoadError) -> LoadFailure {
    LoadFailure {
        version: VERSION,
        error: "load",
        workbook: crate::sanitize::sanitize_line(&error.root.display().to_string()),
        files: error.files.iter().map(FileJson::of).collect(),
    }
}
