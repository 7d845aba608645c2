//! Plan steps: their status (with the day they were done).

use super::{Located, OpError, locate};
use crate::model::edit::{Edit, Record};
use crate::model::{Date, RecordKind, Step, StepStatus, Workbook};

/// The status after `status` when cycling through them: to do, doing, done,
/// skipped, to do.
pub fn next_status(status: StepStatus) -> StepStatus {
    match status {
        StepStatus::Todo => StepStatus::Doing,
        StepStatus::Doing => StepStatus::Done,
        StepStatus::Done => StepStatus::Skipped,
        StepStatus::Skipped => StepStatus::Todo,
    }
}

/// Gives step `id` the status `status`. A step that becomes done keeps the day it
/// was first done, else gets `today`; any other status has no done date. `None`
/// when nothing changes.
pub fn set_status(
    workbook: &Workbook,
    id: &str,
    status: StepStatus,
    today: Date,
) -> Result<Option<Edit>, OpError> {
    set_status_located(&locate(workbook, RecordKind::Step, id)?, status, today)
}

/// Like [`set_status`], for a step the caller has already found.
pub fn set_status_located(
    found: &Located,
    status: StepStatus,
    today: Date,
) -> Result<Option<Edit>, OpError> {
    let Record::Step(step) = &found.record else {
        return Err(OpError::NoRecord(
            RecordKind::Step,
            found.record.id().to_string(),
        ));
    };
    let done = (status == StepStatus::Done).then(|| step.done.unwrap_or(today));
    let after = Record::Step(Step {
        status,
        done,
        ..step.clone()
    });
    Ok((after != found.record).then(|| found.replaced_by(after)))
}

/// Moves a step on to its next status (see [`next_status`]).
pub fn cycle_status(found: &Located, today: Date) -> Result<Option<Edit>, OpError> {
    let Record::Step(step) = &found.record else {
        return Err(OpError::NoRecord(
            RecordKind::Step,
            found.record.id().to_string(),
        ));
    };
    set_status_located(found, next_status(step.status), today)
}
