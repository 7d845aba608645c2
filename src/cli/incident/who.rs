//! Who is writing: the author of a declaration or a log entry.
//!
//! In order: `--by NAME`; the name in the user's config
//! (`<config dir>/paraat/config.ron`, `Config(name: "…")`); `git config user.name`
//! in the workbook folder; the login name of the operating-system user. Nobody has
//! to set anything up before the first incident, and whoever has a better name for
//! colleagues to read can set it once.

use std::path::Path;
use std::process::Command;

use crate::store::config;
use crate::text::sanitize_line;

/// The author's name, found as described above. Problems with the config file are
/// reported on standard error and skipped: they never stop a log entry.
pub fn author(by: Option<&str>, workbook: &Path) -> String {
    if let Some(name) = by.map(str::trim).filter(|n| !n.is_empty()) {
        return name.to_owned();
    }
    if let Some(path) = config::config_path() {
        match config::read_config(&path) {
            Ok(Some(config)) if !config.name.trim().is_empty() => {
                return config.name.trim().to_owned();
            }
            Ok(_) => {}
            Err(error) => eprintln!(
                "paraat: warning: your config file is not used: {}",
                sanitize_line(&error.to_string())
            ),
        }
    }
    if let Some(name) = git_user_name(workbook) {
        return name;
    }
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|name| name.trim().to_owned())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn git_user_name(dir: &Path) -> Option<String> {
    let output = Command::new("git")
        .args(["config", "user.name"])
        .current_dir(dir)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let name = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (!name.is_empty()).then_some(name)
}
