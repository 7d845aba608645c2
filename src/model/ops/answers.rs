//! Answering checklist items and self-check statements, and their notes.

use super::{Located, OpError, find};
use crate::model::edit::{Edit, Record};
use crate::model::{Answer, Date, RecordKind, Workbook};

/// The checklist item or self-check statement `id`.
pub fn answerable(workbook: &Workbook, id: &str) -> Result<Located, OpError> {
    find(workbook, RecordKind::ChecklistItem, id)
        .or_else(|| find(workbook, RecordKind::Statement, id))
        .ok_or_else(|| OpError::NotAnswerable(id.to_owned()))
}

/// Answers `id` (a checklist item or a self-check statement) with `answer`, dated
/// `today` (an answer taken back loses its date). `None` when it already is.
pub fn answer(
    workbook: &Workbook,
    id: &str,
    answer: Answer,
    today: Date,
) -> Result<Option<Edit>, OpError> {
    answer_located(&answerable(workbook, id)?, answer, today)
}

/// Like [`answer`], for a record the caller has already found.
pub fn answer_located(
    found: &Located,
    answer: Answer,
    today: Date,
) -> Result<Option<Edit>, OpError> {
    let answered = answer.is_answered().then_some(today);
    let after = match &found.record {
        Record::ChecklistItem(item) => Record::ChecklistItem(crate::model::ChecklistItem {
            answer,
            answered,
            ..item.clone()
        }),
        Record::Statement(s) => Record::Statement(crate::model::Statement {
            answer,
            answered,
            ..s.clone()
        }),
        other => return Err(OpError::NotAnswerable(other.id().to_string())),
    };
    Ok((after != found.record).then(|| found.replaced_by(after)))
}

/// Sets the note of a checklist item or self-check statement. `None` when unchanged.
pub fn note(found: &Located, note: &str) -> Result<Option<Edit>, OpError> {
    let note = note.to_owned();
    let after = match &found.record {
        Record::ChecklistItem(item) => Record::ChecklistItem(crate::model::ChecklistItem {
            note,
            ..item.clone()
        }),
        Record::Statement(s) => Record::Statement(crate::model::Statement { note, ..s.clone() }),
        other => return Err(OpError::NotAnswerable(other.id().to_string())),
    };
    Ok((after != found.record).then(|| found.replaced_by(after)))
}

/// The note a checklist item or self-check statement has now.
pub fn note_of(record: &Record) -> Option<&str> {
    match record {
        Record::ChecklistItem(item) => Some(&item.note),
        Record::Statement(s) => Some(&s.note),
        _ => None,
    }
}
