//! A change to an incident file, described as data by the incident screen and
//! carried out on the session by the coordinator: every change goes through the
//! incident writer (the incident's own lock, read, change, atomic write) and is
//! then taken into the session ([`Session::write_incident`]).

use crate::model::edit::Edit;
use crate::model::*;
use crate::response::words;
use crate::store::incident::IncidentError;
use crate::tui::session::Session;

/// Why an entry is appended, so the screen can say what comes next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// Typed on the log line.
    Log { decision: bool },
    /// The call at this place in the call order.
    Call { index: usize },
    /// The first-hour step at this place.
    Step { index: usize, step: Id },
}

/// One change to an incident.
#[allow(clippy::large_enum_variant)] // one at a time, as the user makes it
#[derive(Clone, Debug)]
pub enum IncidentChange {
    Append {
        id: Id,
        entry: TimelineEntry,
        why: Why,
    },
    Notify {
        id: Id,
        notification: Notification,
        entry: TimelineEntry,
        /// The entry's words, for the message.
        text: String,
    },
    /// Marks `systems` affected (those already marked are kept, never removed).
    Affected {
        id: Id,
        systems: Vec<Id>,
        at: Timestamp,
        by: String,
        /// Systems affected before that were not chosen again (they stay).
        kept: Vec<Id>,
    },
    PersonalData {
        id: Id,
        entry: TimelineEntry,
    },
    /// Closes with the lessons; `steps` adds the plan steps some became.
    Close {
        id: Id,
        entry: TimelineEntry,
        lessons: Vec<Lesson>,
        steps: Option<Edit>,
        step_ids: Vec<Id>,
    },
}

/// What the writer gave back.
#[derive(Clone, Debug)]
pub struct Written {
    pub incident: Incident,
    /// The systems newly marked affected.
    pub added: Vec<Id>,
    /// Whether the change changed anything (marking personal data twice does not).
    pub changed: bool,
}

/// Writes `change` through the session's incident writer.
pub fn perform(change: &IncidentChange, session: &mut Session) -> Result<Written, IncidentError> {
    let lang = session.lang();
    let workbook = session.workbook().clone();
    let written = |incident: Incident| (incident, (Vec::new(), true));
    let (incident, (added, changed)) = match change {
        IncidentChange::Append { id, entry, .. } => {
            session.write_incident(|w| w.append_entry(id.as_str(), entry.clone()).map(written))?
        }
        IncidentChange::Notify {
            id,
            notification,
            entry,
            ..
        } => session.write_incident(|w| {
            w.record_notification(id.as_str(), notification.clone(), entry.clone())
                .map(written)
        })?,
        IncidentChange::Affected {
            id,
            systems,
            at,
            by,
            ..
        } => session.write_incident(|w| {
            w.add_affected_systems(id.as_str(), systems, |added| TimelineEntry {
                at: *at,
                by: by.clone(),
                kind: EntryKind::Note,
                text: words::affected(Some(&workbook), added, lang),
            })
            .map(|(incident, added)| (incident, (added, true)))
        })?,
        IncidentChange::PersonalData { id, entry } => session.write_incident(|w| {
            w.mark_personal_data(id.as_str(), entry.clone())
                .map(|(incident, changed)| (incident, (Vec::new(), changed)))
        })?,
        IncidentChange::Close {
            id, entry, lessons, ..
        } => session.write_incident(|w| {
            w.close(id.as_str(), entry.clone(), lessons.clone())
                .map(written)
        })?,
    };
    Ok(Written {
        incident,
        added,
        changed,
    })
}
