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

/// Answers `id` from a word (`yes`, `partly`, `n/a`, `ja`, `nee`: the answer
/// field's choices in either language), and sets its note when one is given: one
/// edit, as the keys and the note form make. `None` when nothing changes.
pub fn answer_words(
    workbook: &Workbook,
    id: &str,
    word: &str,
    note: Option<&str>,
    today: Date,
) -> Result<Option<Edit>, OpError> {
    use crate::model::form::{self, specs};
    let found = answerable(workbook, id.trim())?;
    let kind = found.record.kind();
    let lang = workbook.manifest.language;
    let spec_of = |lang| {
        let (fields, _) = specs::fields(kind, lang);
        fields.into_iter().find(|f| f.path == "answer")
    };
    let (Some(spec), other) = (spec_of(lang), spec_of(lang.other())) else {
        return Err(OpError::NotAnswerable(id.to_owned()));
    };
    let value = form::read(&spec, other.as_ref(), word, workbook)
        .map_err(|invalid| OpError::Invalid(spec.label.clone(), invalid))?;
    let answer: Answer = serde_json::from_value(value).map_err(|e| OpError::Form(e.to_string()))?;
    let mut edits: Vec<Edit> = answer_located(&found, answer, today)?.into_iter().collect();
    if let Some(note) = note {
        let mut answered = found.clone();
        if let Some(Edit::Record {
            after: Some(record),
            ..
        }) = edits.first()
        {
            answered.record = record.clone();
        }
        edits.extend(self::note(&answered, note.trim_end())?);
    }
    Ok(match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Group(edits)),
    })
}
