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
