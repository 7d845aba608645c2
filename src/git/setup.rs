//! `paraat git setup`: registers paraat with git for one clone.
//!
//! Two halves. `.gitattributes` in the workbook folder says `*.ron merge=paraat
//! diff=paraat`; it is committed, so the whole team shares it. The clone's own
//! `.git/config` then says what `paraat` means: the merge driver (`paraat
//! merge-file %O %A %B %P %S %X %Y`) and a hunk header that names the record a
//! change is in. git configuration is per clone by design (a repository cannot
//! make your git run a program), so each person runs setup once; a clone without
//! it simply merges and diffs line by line, as before, and `paraat check` catches
//! what it can. Setup only adds its own keys: hooks and the user's other
//! configuration are left alone.

use std::path::{Path, PathBuf};

use super::{GitError, Repo};
use crate::store::FileError;
use crate::store::layout::GITATTRIBUTES;

const ATTRIBUTES_FILE: &str = ".gitattributes";

/// The attribute line setup makes sure of.
pub const ATTRIBUTES: &str = "*.ron merge=paraat diff=paraat";

/// The hunk header: the nearest line above a change that names a record
/// (`id: "R-002"`), a phase (`number: 3`) or a list of the file (`call_order`).
pub const HUNK_HEADER: &str = "^ +(id: \"[^\"]*\"),$\n^ +(number: [0-9]+),$\n^    ([a-z_]+): [[(]$";

/// What setup found or did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetupState {
    /// `.gitattributes` routes `*.ron` to paraat.
    pub attributes: bool,
    /// The configured merge driver command, if any.
    pub driver: Option<String>,
    /// The driver's program exists and is a paraat.
    pub driver_runs: bool,
    /// The hunk header is configured.
    pub hunk_header: bool,
}

impl SetupState {
    pub fn is_complete(&self) -> bool {
        self.attributes && self.driver.is_some() && self.driver_runs && self.hunk_header
    }
}

/// Why setup could not be done.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{0} is not in a git repository; run `git init` first")]
    NotARepository(PathBuf),
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("cannot write {file}: {source}")]
    Write {
        file: String,
        source: std::io::Error,
    },
    /// `.gitattributes` is not a regular file of the workbook's own (a link out
    /// of it, a FIFO): it is neither read nor written.
    #[error("{0}")]
    Refused(FileError),
}

impl From<FileError> for SetupError {
    fn from(error: FileError) -> SetupError {
        SetupError::Refused(error)
    }
}

/// The workbook's `.gitattributes` as it is, read by the workbook's rules (no
/// link out of it, no FIFO or device, capped): `""` when there is none.
fn read_attributes(root: &Path) -> Result<String, FileError> {
    let bytes = crate::store::disk::read(root, ATTRIBUTES_FILE)?.unwrap_or_default();
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether `text` (a `.gitattributes`) already routes `*.ron` to paraat.
fn has_attributes(text: &str) -> bool {
    let mut merge = false;
    let mut diff = false;
    for line in text.lines() {
        let mut words = line.split_whitespace();
        if words.next() != Some("*.ron") {
            continue;
        }
        for word in words {
            match word {
                "merge=paraat" => merge = true,
                "diff=paraat" => diff = true,
                w if w.starts_with("merge=") || w == "-merge" => merge = false,
                w if w.starts_with("diff=") || w == "-diff" => diff = false,
                _ => {}
            }
        }
    }
    merge && diff
}

/// Single-quotes a word for the shell git runs the driver with.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The program to put in the driver command: `paraat` when that is this program on
/// the PATH, else this program's full path (so a build in a project folder works).
pub fn program(exe: &Path) -> String {
    let exe = std::fs::canonicalize(exe).unwrap_or_else(|_| exe.to_path_buf());
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("paraat"))
            .find(|p| p.is_file())
    });
    match on_path.and_then(|p| std::fs::canonicalize(p).ok()) {
        Some(found) if found == exe => "paraat".to_owned(),
        _ => shell_quote(&exe.display().to_string()),
    }
}

/// The driver command for `exe`.
pub fn driver_command(exe: &Path) -> String {
    format!("{} merge-file %O %A %B %P %S %X %Y", program(exe))
}

fn config_get(repo: &Repo, key: &str) -> Option<String> {
    repo.run(&["config", "--get", key])
        .ok()
        .filter(|v| !v.is_empty())
}

/// The program a driver command runs (its first word, unquoted).
fn program_of(command: &str) -> String {
    let command = command.trim_start();
    if let Some(rest) = command.strip_prefix('\'') {
        let mut out = String::new();
        let mut rest = rest;
        loop {
            match rest.find('\'') {
                Some(end) => {
                    out.push_str(&rest[..end]);
                    rest = &rest[end + 1..];
                    if let Some(after) = rest.strip_prefix("\\''") {
                        out.push('\'');
                        rest = after;
                    } else {
                        return out;
                    }
                }
                None => {
                    out.push_str(rest);
                    return out;
                }
            }
        }
    }
    command
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Whether `program` can be run: a path that exists, or a name found on the PATH.
fn runs(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// What is set up for the workbook in `root`.
pub fn check(root: &Path) -> Result<SetupState, SetupError> {
    let repo = Repo::find(root).ok_or_else(|| SetupError::NotARepository(root.to_path_buf()))?;
    let attributes = read_attributes(root).is_ok_and(|text| has_attributes(&text));
    let driver = config_get(&repo, "merge.paraat.driver");
    let driver_runs = driver
        .as_deref()
        .is_some_and(|d| d.contains("merge-file") && runs(&program_of(d)));
    let hunk_header = config_get(&repo, "diff.paraat.xfuncname").is_some();
    Ok(SetupState {
        attributes,
        driver,
        driver_runs,
        hunk_header,
    })
}

/// What [`setup`] changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub wrote_attributes: bool,
    pub wrote_config: Vec<&'static str>,
}

/// Registers paraat for the workbook in `root`, with `exe` as the driver program.
/// Running it again changes nothing (unless the program moved).
pub fn setup(root: &Path, exe: &Path) -> Result<Changes, SetupError> {
    let repo = Repo::find(root).ok_or_else(|| SetupError::NotARepository(root.to_path_buf()))?;
    let mut changes = Changes::default();
    let current = read_attributes(root)?;
    let path = crate::store::disk::writable(root, ATTRIBUTES_FILE)?;
    if !has_attributes(&current) {
        let mut text = if current.is_empty() {
            GITATTRIBUTES.to_owned()
        } else {
            current.clone()
        };
        if !has_attributes(&text) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str("# Merge and diff workbook files by record (see `paraat git setup`).\n");
            text.push_str(ATTRIBUTES);
            text.push('\n');
        }
        crate::store::atomic::write_atomic(&path, text.as_bytes(), false).map_err(|source| {
            SetupError::Write {
                file: ATTRIBUTES_FILE.to_owned(),
                source,
            }
        })?;
        changes.wrote_attributes = true;
    }
    let wanted = [
        (
            "merge.paraat.name",
            "paraat: merge workbook records by id".to_owned(),
        ),
        ("merge.paraat.driver", driver_command(exe)),
        ("diff.paraat.xfuncname", HUNK_HEADER.to_owned()),
    ];
    for (key, value) in wanted {
        if config_get(&repo, key).as_deref() != Some(value.as_str()) {
            repo.run(&["config", "--local", key, &value])?;
            changes.wrote_config.push(key);
        }
    }
    Ok(changes)
}

/// The key in the clone's `.git/config` that remembers that its user said no to
/// setting paraat up, so the terminal UI offers it once per clone.
pub const DECLINED_KEY: &str = "paraat.setupDeclined";

/// Whether the terminal UI should offer setup for the workbook in `root`: it is in
/// a git repository, setup is not complete, and nobody declined it in this clone.
pub fn should_offer(root: &Path) -> bool {
    let Some(repo) = Repo::find(root) else {
        return false;
    };
    if config_get(&repo, DECLINED_KEY).as_deref() == Some("true") {
        return false;
    }
    check(root).is_ok_and(|state| !state.is_complete())
}

/// Remembers in this clone's `.git/config` not to offer setup again.
pub fn decline(root: &Path) -> Result<(), SetupError> {
    let repo = Repo::find(root).ok_or_else(|| SetupError::NotARepository(root.to_path_buf()))?;
    repo.run(&["config", "--local", DECLINED_KEY, "true"])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_recognised_in_any_order_and_can_be_undone() {
        assert!(has_attributes(
            "*.ron text eol=lf merge=paraat diff=paraat\n"
        ));
        assert!(has_attributes(
            "*.ron text eol=lf\n*.ron merge=paraat diff=paraat\n"
        ));
        assert!(!has_attributes("*.ron text eol=lf\n"));
        assert!(!has_attributes(
            "*.ron merge=paraat diff=paraat\n*.ron -merge\n"
        ));
    }

    #[test]
    fn driver_programs_are_quoted_and_read_back() {
        let command = format!("{} merge-file %O", shell_quote("/opt/it's here/paraat"));
        assert_eq!(program_of(&command), "/opt/it's here/paraat");
        assert_eq!(program_of("paraat merge-file %O"), "paraat");
    }
}
