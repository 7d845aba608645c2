//! paraat and git: everything that runs the `git` binary.
//!
//! paraat does not reimplement git. It runs `git` (so the user's configuration,
//! hooks and credentials apply, as with lazygit) for the few things it needs: the
//! state of the repository (branch, uncommitted changes, a merge or rebase in
//! progress), the workbook's files at a revision or in the index (for `paraat
//! diff` and `check --staged`), the commits a merge driver run is part of, and the
//! setup that registers the merge driver. Queries never take git's optional
//! locks, so they are safe while git itself runs (the merge driver is called with
//! the index locked).
//!
//! When git is missing or the folder is not a repository the queries answer
//! `None` and callers carry on without git.

pub mod commit;
pub mod driver;
pub mod resolve;
pub mod setup;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::merge::Snapshot;

/// A git command that failed, with what it said.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("git could not be run: {0}")]
    NotRun(std::io::Error),
    #[error("`git {args}` failed: {message}")]
    Failed { args: String, message: String },
}

/// A `git` command in `dir` that does not wait for input, takes no optional lock
/// and runs no file-system monitor.
pub fn command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.fsmonitor=false", "-c", "core.quotepath=false"])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env_remove("GIT_PAGER")
        .stdin(Stdio::null());
    command
}

/// Runs git and returns its standard output as bytes.
pub fn run_bytes(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = command(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(GitError::NotRun)?;
    if !output.status.success() {
        return Err(GitError::Failed {
            args: args.join(" "),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    Ok(output.stdout)
}

/// Runs git and returns its output as text, without the final newline.
pub fn run(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let bytes = run_bytes(dir, args)?;
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    while text.ends_with('\n') {
        text.pop();
    }
    Ok(text)
}

/// Runs git with `input` on its standard input.
pub fn run_with_input(
    dir: &Path,
    args: &[&str],
    input: &[u8],
    env: &[(&str, &Path)],
) -> Result<Vec<u8>, GitError> {
    let mut cmd = command(dir);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        cmd.env(key, value);
    }
    let mut child = cmd.spawn().map_err(GitError::NotRun)?;
    // Write on another thread so a large output cannot block a large input.
    let mut stdin = child.stdin.take();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(&input);
        }
    });
    let output = child.wait_with_output().map_err(GitError::NotRun)?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(GitError::Failed {
            args: args.join(" "),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    Ok(output.stdout)
}

/// Whether a `git` binary can be run at all.
pub fn available() -> bool {
    Command::new("git")
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The repository a folder is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repo {
    /// The top of the work tree.
    pub top: PathBuf,
    /// The git directory (absolute).
    pub git_dir: PathBuf,
    /// The folder asked about, relative to `top`, `/`-separated with a trailing
    /// `/` (empty at the top).
    pub prefix: String,
}

impl Repo {
    /// The repository `dir` is in; `None` when it is not in one (or git is missing).
    pub fn find(dir: &Path) -> Option<Repo> {
        let text = run(
            dir,
            &[
                "rev-parse",
                "--show-toplevel",
                "--absolute-git-dir",
                "--show-prefix",
            ],
        )
        .ok()?;
        let mut lines = text.lines();
        let top = PathBuf::from(lines.next()?);
        let git_dir = PathBuf::from(lines.next()?);
        let prefix = lines.next().unwrap_or_default().to_owned();
        Some(Repo {
            top,
            git_dir,
            prefix,
        })
    }

    pub fn run(&self, args: &[&str]) -> Result<String, GitError> {
        run(&self.top, args)
    }

    /// The full commit id `rev` names, if it names a commit.
    pub fn commit(&self, rev: &str) -> Option<String> {
        let spec = format!("{rev}^{{commit}}");
        self.run(&["rev-parse", "--verify", "--quiet", &spec])
            .ok()
            .filter(|s| !s.is_empty())
    }

    /// The best common ancestor of two commits.
    pub fn merge_base(&self, a: &str, b: &str) -> Option<String> {
        self.run(&["merge-base", a, b])
            .ok()
            .filter(|s| !s.is_empty())
    }

    /// Whether `ancestor` is reachable from `of`.
    pub fn is_ancestor(&self, ancestor: &str, of: &str) -> bool {
        command(&self.top)
            .args(["merge-base", "--is-ancestor", ancestor, of])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// A path relative to the workbook folder, as git names it (from the top).
    pub fn path_of(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }

    /// The workbook's `*.ron` files at `rev` (paths relative to the workbook
    /// folder, `private/` left out), with their blob ids.
    pub fn tree(&self, rev: &str) -> Result<Vec<(String, String)>, GitError> {
        let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", rev];
        let prefix = self.prefix.clone();
        if !prefix.is_empty() {
            args.push("--");
            args.push(&prefix);
        }
        let out = run_bytes(&self.top, &args)?;
        Ok(parse_entries(&out, &self.prefix, |line| {
            // `<mode> blob <sha>\t<path>`
            let (meta, path) = line.split_once('\t')?;
            let mut parts = meta.split(' ');
            let (_, kind, sha) = (parts.next()?, parts.next()?, parts.next()?);
            (kind == "blob").then(|| (path.to_owned(), sha.to_owned()))
        }))
    }

    /// The workbook's `*.ron` files in the index (stage 0), with their blob ids.
    pub fn index(&self) -> Result<Vec<(String, String)>, GitError> {
        let mut args = vec!["ls-files", "-s", "-z", "--full-name"];
        if !self.prefix.is_empty() {
            args.push("--");
            args.push(".");
        }
        let out = run_bytes(&self.top.join(&self.prefix), &args)?;
        Ok(parse_entries(&out, &self.prefix, |line| {
            // `<mode> <sha> <stage>\t<path>`
            let (meta, path) = line.split_once('\t')?;
            let mut parts = meta.split(' ');
            let (_, sha, stage) = (parts.next()?, parts.next()?, parts.next()?);
            (stage == "0").then(|| (path.to_owned(), sha.to_owned()))
        }))
    }

    /// The contents of blobs, in the order asked for.
    pub fn blobs(&self, shas: &[&str]) -> Result<Vec<Vec<u8>>, GitError> {
        if shas.is_empty() {
            return Ok(Vec::new());
        }
        let mut input = String::new();
        for sha in shas {
            input.push_str(sha);
            input.push('\n');
        }
        let out = run_with_input(&self.top, &["cat-file", "--batch"], input.as_bytes(), &[])?;
        let mut blobs = Vec::with_capacity(shas.len());
        let mut at = 0;
        for sha in shas {
            let header_end = out[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map(|p| at + p)
                .ok_or_else(|| bad_batch(sha))?;
            let header = String::from_utf8_lossy(&out[at..header_end]).into_owned();
            let size: usize = header
                .rsplit(' ')
                .next()
                .and_then(|s| s.parse().ok())
                .filter(|_| !header.ends_with("missing"))
                .ok_or_else(|| bad_batch(sha))?;
            let start = header_end + 1;
            let end = start + size;
            if end > out.len() {
                return Err(bad_batch(sha));
            }
            blobs.push(out[start..end].to_vec());
            at = end + 1;
        }
        Ok(blobs)
    }

    /// The workbook's files at `rev` as texts (paths relative to the workbook).
    pub fn snapshot(&self, rev: &str) -> Result<Snapshot, GitError> {
        let entries = self.tree(rev)?;
        self.read_entries(&entries)
    }

    /// The workbook's files as staged.
    pub fn staged_snapshot(&self) -> Result<Snapshot, GitError> {
        let entries = self.index()?;
        self.read_entries(&entries)
    }

    fn read_entries(&self, entries: &[(String, String)]) -> Result<Snapshot, GitError> {
        let shas: Vec<&str> = entries.iter().map(|(_, sha)| sha.as_str()).collect();
        let blobs = self.blobs(&shas)?;
        Ok(entries
            .iter()
            .zip(blobs)
            .map(|((path, _), bytes)| (path.clone(), String::from_utf8_lossy(&bytes).into_owned()))
            .collect())
    }

    /// Writes a blob and returns its id.
    pub fn write_blob(&self, bytes: &[u8]) -> Result<String, GitError> {
        let out = run_with_input(&self.top, &["hash-object", "-w", "--stdin"], bytes, &[])?;
        Ok(String::from_utf8_lossy(&out).trim().to_owned())
    }
}

fn bad_batch(sha: &str) -> GitError {
    GitError::Failed {
        args: "cat-file --batch".to_owned(),
        message: format!("could not read {sha}"),
    }
}

/// Entries of a `-z` listing under `prefix` that are workbook files, with the
/// prefix taken off.
fn parse_entries(
    out: &[u8],
    prefix: &str,
    entry: impl Fn(&str) -> Option<(String, String)>,
) -> Vec<(String, String)> {
    out.split(|&b| b == 0)
        .filter_map(|line| std::str::from_utf8(line).ok())
        .filter_map(entry)
        .filter_map(|(path, sha)| {
            let rel = path.strip_prefix(prefix)?.to_owned();
            is_workbook_file(&rel).then_some((rel, sha))
        })
        .collect()
}

/// `*.ron` files of the workbook that git holds: the registers and incidents,
/// not `private/` (which is never committed) nor anything in other folders.
pub fn is_workbook_file(rel: &str) -> bool {
    crate::merge::FileKind::of_path(rel).is_some()
        && (!rel.contains('/') || rel.starts_with("incidents/") && rel.matches('/').count() == 1)
}

/// The files a commit of the workbook holds: its `*.ron` files and, at the
/// workbook's top, the `.gitattributes` that routes them to paraat's merge driver
/// and the `.gitignore` that keeps `private/` out (both written by `init` and
/// `git setup`, and meant to be shared).
pub fn is_committed_with_workbook(rel: &str) -> bool {
    is_workbook_file(rel) || rel == ".gitattributes" || rel == ".gitignore"
}

/// Something git is in the middle of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Merge,
    Rebase,
    CherryPick,
    Revert,
}

/// What the status bar and the commit view need to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// The branch checked out; `None` when HEAD is detached.
    pub branch: Option<String>,
    /// No commit yet.
    pub unborn: bool,
    /// Workbook files that differ from the last commit (or are not committed),
    /// with the workbook's `.gitattributes` and `.gitignore`
    /// ([`is_committed_with_workbook`]).
    pub changed: Vec<String>,
    /// Workbook files git has as conflicted.
    pub conflicted: Vec<String>,
    /// A merge, rebase or cherry-pick in progress.
    pub operation: Option<Operation>,
    /// Commits ahead of and behind the upstream, when there is one.
    pub ahead_behind: Option<(u32, u32)>,
}

impl Status {
    pub fn has_uncommitted_changes(&self) -> bool {
        !self.changed.is_empty()
    }
}

/// The state of the repository the workbook in `root` is in; `None` when it is
/// not in one.
pub fn status(root: &Path) -> Option<Status> {
    let repo = Repo::find(root)?;
    let out = run_bytes(
        &repo.top,
        &[
            "status",
            "--porcelain=v2",
            "--branch",
            "-z",
            "--untracked-files=all",
        ],
    )
    .ok()?;
    let mut status = Status {
        branch: None,
        unborn: false,
        changed: Vec::new(),
        conflicted: Vec::new(),
        operation: operation(&repo),
        ahead_behind: None,
    };
    let mut records = out
        .split(|&b| b == 0)
        .map(|r| String::from_utf8_lossy(r).into_owned());
    while let Some(record) = records.next() {
        let rel = |path: &str| {
            path.strip_prefix(&repo.prefix)
                .filter(|rel| is_committed_with_workbook(rel))
                .map(str::to_owned)
        };
        if let Some(head) = record.strip_prefix("# branch.head ") {
            status.branch = (head != "(detached)").then(|| head.to_owned());
        } else if record.starts_with("# branch.oid (initial)") {
            status.unborn = true;
        } else if let Some(ab) = record.strip_prefix("# branch.ab ") {
            let mut parts = ab.split(' ');
            let ahead = parts
                .next()
                .and_then(|a| a.trim_start_matches('+').parse().ok());
            let behind = parts
                .next()
                .and_then(|b| b.trim_start_matches('-').parse().ok());
            if let (Some(a), Some(b)) = (ahead, behind) {
                status.ahead_behind = Some((a, b));
            }
        } else if let Some(path) = record.strip_prefix("? ") {
            status.changed.extend(rel(path));
        } else if record.starts_with("1 ") {
            let path = record.splitn(9, ' ').last().unwrap_or_default();
            status.changed.extend(rel(path));
        } else if record.starts_with("2 ") {
            let path = record.splitn(10, ' ').last().unwrap_or_default().to_owned();
            status.changed.extend(rel(&path));
            // The original path follows as its own record.
            records.next();
        } else if record.starts_with("u ") {
            let path = record.splitn(11, ' ').last().unwrap_or_default();
            if let Some(rel) = rel(path) {
                status.conflicted.push(rel.clone());
                status.changed.push(rel);
            }
        }
    }
    status.changed.sort();
    status.changed.dedup();
    Some(status)
}

/// The operation git is in the middle of, from the files it keeps while it is.
pub fn operation(repo: &Repo) -> Option<Operation> {
    let has = |name: &str| repo.git_dir.join(name).exists();
    if has("rebase-merge") || has("rebase-apply") {
        Some(Operation::Rebase)
    } else if has("MERGE_HEAD") {
        Some(Operation::Merge)
    } else if has("CHERRY_PICK_HEAD") {
        Some(Operation::CherryPick)
    } else if has("REVERT_HEAD") {
        Some(Operation::Revert)
    } else {
        None
    }
}

/// The refs that stand for the branch everybody shares: each remote's default
/// branch (`origin/HEAD`), else its `main` or `master`.
pub fn shared_refs(repo: &Repo) -> Vec<String> {
    let Ok(refs) = repo.run(&["for-each-ref", "--format=%(refname)", "refs/remotes"]) else {
        return Vec::new();
    };
    let refs: Vec<&str> = refs.lines().collect();
    let mut shared: Vec<String> = refs
        .iter()
        .filter(|r| r.ends_with("/HEAD"))
        .filter_map(|r| repo.commit(r).map(|_| r.to_string()))
        .collect();
    if shared.is_empty() {
        shared = refs
            .iter()
            .filter(|r| r.ends_with("/main") || r.ends_with("/master"))
            .map(|r| r.to_string())
            .collect();
    }
    shared
}

/// Whether `commit` is already on the shared branch.
pub fn is_shared(repo: &Repo, shared: &[String], commit: &str) -> bool {
    shared.iter().any(|r| repo.is_ancestor(commit, r))
}

/// Why a version of the workbook could not be read from git.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("{0} has no workbook here (no paraat.ron)")]
    NoWorkbook(String),
    #[error("cannot prepare the files of {rev}: {source}")]
    Io { rev: String, source: std::io::Error },
    #[error("the workbook at {rev} does not load: {error}")]
    Load {
        rev: String,
        error: crate::store::LoadError,
    },
}

/// Loads a snapshot of the workbook's files the way the store loads a folder
/// (the files are written to a private temporary folder first), so a version
/// from git is read with exactly the rules of the working tree.
pub fn load_snapshot(
    snapshot: &Snapshot,
    name: &str,
) -> Result<crate::model::Workbook, VersionError> {
    let dir = write_snapshot(snapshot, name)?;
    crate::store::Store::load(dir.path())
        .map(|loaded| loaded.workbook)
        .map_err(|error| VersionError::Load {
            rev: name.to_owned(),
            error,
        })
}

/// Writes a snapshot's files to a new private temporary folder (removed when the
/// value is dropped), for the store to load.
pub fn write_snapshot(snapshot: &Snapshot, name: &str) -> Result<tempfile::TempDir, VersionError> {
    if !snapshot.contains_key(crate::store::layout::MANIFEST) {
        return Err(VersionError::NoWorkbook(name.to_owned()));
    }
    let io = |source| VersionError::Io {
        rev: name.to_owned(),
        source,
    };
    let dir = tempfile::tempdir().map_err(io)?;
    for (rel, text) in snapshot {
        let path = dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&path, text).map_err(io)?;
    }
    Ok(dir)
}

impl Repo {
    /// The workbook as it is at `rev`.
    pub fn workbook_at(&self, rev: &str) -> Result<crate::model::Workbook, VersionError> {
        load_snapshot(&self.snapshot(rev)?, rev)
    }

    /// The workbook as it is staged.
    pub fn staged_workbook(&self) -> Result<crate::model::Workbook, VersionError> {
        load_snapshot(&self.staged_snapshot()?, "the index")
    }
}
