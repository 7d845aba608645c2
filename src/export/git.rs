//! The few questions the export asks git: which commit the workbook is at, whether
//! its files have uncommitted changes, and whether a file would be ignored.
//!
//! git is optional: when it is missing or the folder is not a repository, the
//! answers are "unknown" and the export says "no git commit". The calls cannot
//! change the repository (`GIT_OPTIONAL_LOCKS=0`) and do not run a configured
//! file-system monitor.

use std::path::Path;
use std::process::{Command, Stdio};

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.fsmonitor=false"])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Runs git and returns its trimmed output when it succeeded.
fn ask(dir: &Path, args: &[&str]) -> Option<String> {
    let output = git(dir).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The abbreviated commit the workbook's repository is at (`None`: not a
/// repository, no commit yet, or no git).
pub fn commit(root: &Path) -> Option<String> {
    ask(root, &["rev-parse", "--short=12", "HEAD"]).filter(|c| !c.is_empty())
}

/// Whether any workbook file (`*.ron` in the folder) differs from the commit or
/// is not committed yet. Other files (an earlier export, say) do not count.
pub fn has_uncommitted_changes(root: &Path) -> bool {
    if ask(root, &["rev-parse", "--is-inside-work-tree"]).as_deref() != Some("true") {
        return false;
    }
    ask(
        root,
        &[
            "status",
            "--porcelain",
            "--untracked-files=all",
            "--",
            ":(glob)**/*.ron",
        ],
    )
    .is_some_and(|status| !status.is_empty())
}

/// `Some(true)` when `path` lies in a git work tree and git would not ignore it
/// (so `git add .` would take it in); `Some(false)` when ignored; `None` when it
/// is not in a repository or git is missing.
pub fn would_be_committed(path: &Path) -> Option<bool> {
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let status = git(dir)
        .args(["check-ignore", "-q", "--"])
        .arg(name)
        .stdout(Stdio::null())
        .status()
        .ok()?;
    match status.code() {
        Some(0) => Some(false),
        Some(1) => Some(true),
        _ => None,
    }
}
