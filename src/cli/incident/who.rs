//! Who is writing: the author of a declaration or a log entry. The lookup itself
//! (`--by`, the user's config, `git config user.name`, the login name) lives in
//! [`crate::store::config::author`], shared with the terminal UI; here a config
//! file that does not read is reported on standard error.

use std::path::Path;

use crate::sanitize::sanitize_line;
use crate::store::config;

/// The author's name. Problems with the config file are reported on standard error
/// and skipped: they never stop a log entry.
pub fn author(by: Option<&str>, workbook: &Path) -> String {
    let (name, problem) = config::author(by, workbook);
    if let Some(error) = problem {
        note!(
            "paraat: warning: your config file is not used: {}",
            sanitize_line(&error.to_string())
        );
    }
    name
}
