//! Backups: logging a restore test.

use super::{Located, OpError, locate};
use crate::model::edit::{Edit, Record};
use crate::model::{RecordKind, RestoreTest, Workbook};

/// Logs `test` on backup `id`, in date order with the tests already there (a test
/// on the same day as another goes after it).
pub fn log_restore_test(workbook: &Workbook, id: &str, test: RestoreTest) -> Result<Edit, OpError> {
    log_restore_test_located(&locate(workbook, RecordKind::Backup, id)?, test)
}

/// Like [`log_restore_test`], for a backup the caller has already found.
pub fn log_restore_test_located(found: &Located, test: RestoreTest) -> Result<Edit, OpError> {
    let Record::Backup(backup) = &found.record else {
        return Err(OpError::NoRecord(
            RecordKind::Backup,
            found.record.id().to_string(),
        ));
    };
    let mut after = backup.clone();
    let at = after
        .restore_tests
        .iter()
        .position(|t| t.date > test.date)
        .unwrap_or(after.restore_tests.len());
    after.restore_tests.insert(at, test);
    Ok(found.replaced_by(Record::Backup(after)))
}

/// The restore test a "log a restore test" form starts with: today, what the
/// backup holds, a success.
pub fn new_restore_test(
    backup: &crate::model::Backup,
    today: crate::model::Date,
) -> serde_json::Value {
    serde_json::json!({
        "date": today.to_string(),
        "restored": backup.what,
        "result": "Success",
        "took": null,
        "notes": "",
    })
}

/// Logs a restore test on backup `id` from words (`result=failed`, `took=3h`),
/// as the form would: the form's fields, starting as [`new_restore_test`], each
/// word checked by the form's check. What the form refuses is refused here, with
/// its words.
pub fn log_restore_test_words(
    workbook: &Workbook,
    id: &str,
    words: &[(String, String)],
    today: crate::model::Date,
) -> Result<Edit, OpError> {
    use crate::model::form::{self, specs};
    let found = locate(workbook, RecordKind::Backup, id.trim())?;
    let Record::Backup(backup) = &found.record else {
        return Err(OpError::NoRecord(RecordKind::Backup, id.to_owned()));
    };
    let lang = workbook.manifest.language;
    let fields = specs::restore_test_fields(lang);
    let others = specs::restore_test_fields(lang.other());
    let mut value = new_restore_test(backup, today);
    form::fill(&mut value, (&fields, &others), None, words, workbook, lang)
        .map_err(|refused| OpError::refused(RecordKind::Backup, refused))?;
    // Every field is checked, also those not given (as the form does on save).
    for spec in &fields {
        let given = form::get_path(&value, &spec.path).clone();
        let word = match &given {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => serde_json::from_value::<crate::model::Duration>(other.clone())
                .map(|d| d.short())
                .unwrap_or_default(),
        };
        if matches!(spec.kind, form::FieldKind::Choice(_)) {
            continue;
        }
        form::read(spec, None, &word, workbook)
            .map_err(|invalid| OpError::Invalid(spec.label.clone(), invalid))?;
    }
    let test: RestoreTest =
        serde_json::from_value(value).map_err(|e| OpError::Form(e.to_string()))?;
    log_restore_test_located(&found, test)
}
