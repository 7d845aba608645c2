//! What a form or a yes/no question on screen is for: plain data, so the screen
//! that asks, the popup that shows it and the coordinator that routes the answer
//! all read the same description.

use crate::model::Id;
use crate::model::RecordKind;
use crate::model::edit::Edit;
use crate::model::ops::{Located, Place};

/// What a form on screen is for.
#[allow(clippy::large_enum_variant)] // one at a time, on screen
#[derive(Clone, Debug)]
pub enum FormPurpose {
    /// A new record of `kind` at `place`.
    Add {
        kind: RecordKind,
        place: Place,
    },
    /// The record as it was when the form opened.
    Change(Located),
    /// The note of a checklist item or self-check statement.
    Note(Located),
    CrisisRoles,
    CallOrder,
    /// A restore test for this backup.
    RestoreTest(Located),
    Export,
    /// Declaring, notifying, affected systems, closing (the incident screen).
    Incident(IncidentForm),
}

/// The forms of incident mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IncidentForm {
    Declare,
    Notify(Id),
    Affected(Id),
    Close(Id),
}

/// What a yes/no question is about.
#[allow(clippy::large_enum_variant)] // one at a time, on screen
#[derive(Clone, Debug)]
pub enum Question {
    Delete(Located),
    SaveNormalising,
    Incident(IncidentQuestion),
    /// Discard an earlier session's unsaved edits for good? ("No" goes back to
    /// the recovery prompt, with these edits.)
    DiscardRecovery(Vec<Edit>),
}

/// The yes/no questions of incident mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IncidentQuestion {
    PersonalData(Id),
}
