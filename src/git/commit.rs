//! Committing the workbook's files, for the terminal UI's commit action.
//!
//! paraat runs `git add` and `git commit` itself (so the user's hooks, signing
//! and configuration apply) and names only the workbook's files (its `*.ron`
//! files, its `.gitattributes` and `.gitignore`): a commit made
//! from paraat never takes along other files of the repository, even ones the
//! user had staged for something else (`git commit -- <paths>` commits those
//! paths only). A merge git stopped in cannot be committed in part, so there the
//! workbook's files are staged and the merge is committed whole, as `git commit`
//! would.

use std::path::Path;

use super::{GitError, Operation, Repo, run_with_input, status};

/// Why nothing was committed.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error("the workbook is not in a git repository")]
    NotARepository,
    #[error("nothing to commit: the workbook's files are as in the last commit")]
    NothingToCommit,
    #[error("the commit message is empty")]
    EmptyMessage,
    #[error("git is in the middle of a rebase, cherry-pick or revert: finish it with git")]
    Busy,
    #[error("files still have conflicts to choose: {0}")]
    Conflicted(String),
    #[error(transparent)]
    Git(#[from] GitError),
}

/// What was committed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Committed {
    /// The new commit's short id.
    pub commit: String,
    /// The workbook files it holds changes to (workbook-relative).
    pub files: Vec<String>,
}

/// Commits the workbook files in `root` that differ from the last commit, with
/// `message`. `unresolved` are files paraat still holds conflicts for (they must
/// not be staged as resolved).
pub fn commit(root: &Path, message: &str, unresolved: &[String]) -> Result<Committed, CommitError> {
    if message.trim().is_empty() {
        return Err(CommitError::EmptyMessage);
    }
    let repo = Repo::find(root).ok_or(CommitError::NotARepository)?;
    let state = status(root).ok_or(CommitError::NotARepository)?;
    if !unresolved.is_empty() {
        return Err(CommitError::Conflicted(unresolved.join(", ")));
    }
    let whole = match state.operation {
        None => false,
        Some(Operation::Merge) => true,
        Some(_) => return Err(CommitError::Busy),
    };
    if state.changed.is_empty() && !whole {
        return Err(CommitError::NothingToCommit);
    }
    let paths: Vec<String> = state.changed.iter().map(|f| repo.path_of(f)).collect();
    if !paths.is_empty() {
        let mut add = vec!["add", "-A", "--"];
        add.extend(paths.iter().map(String::as_str));
        repo.run(&add)?;
    }
    let mut args = vec!["commit", "--quiet", "-F", "-"];
    if !whole {
        args.push("--");
        args.extend(paths.iter().map(String::as_str));
    }
    run_with_input(&repo.top, &args, message.as_bytes(), &[])?;
    let commit = repo.run(&["rev-parse", "--short", "HEAD"])?;
    Ok(Committed {
        commit,
        files: state.changed,
    })
}
