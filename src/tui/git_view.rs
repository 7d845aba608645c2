//! What the terminal UI knows of git, and the only place in it that runs git.
//!
//! The status line shows the branch, how far it is ahead of or behind its
//! upstream, and whether the workbook's files have uncommitted changes. That is
//! asked of the `git` binary (as lazygit and gitui do), on a thread of its own so
//! a slow repository never holds up a key press: [`GitView::refresh`] starts a
//! query when none is running and [`GitView::poll`] takes the answer when it has
//! come. When the folder is not in a repository, or git is not installed, the
//! answer is `None` and nothing about git shows.
//!
//! The changes view, the commit and the setup offer call [`crate::git`] through
//! the functions here; they run when the user asks, and say what went wrong in
//! the workbook's language (git's own words are passed on, and sanitised where
//! they are drawn).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::changes::{compare, render, words};
use crate::git::commit::{CommitError, Committed};
use crate::git::{self, Status};
use crate::model::{Date, Language, Workbook};
use crate::tui::screen_text::{T, fill};

/// One answer of the background query.
struct Answer {
    status: Option<Status>,
    /// Whether to offer setup (asked with the first query only).
    offer_setup: Option<bool>,
}

/// The git state the screens show, kept up to date in the background.
#[derive(Debug)]
pub struct GitView {
    root: Option<PathBuf>,
    /// The last answer: `None` when not in a repository (or not known yet).
    status: Option<Status>,
    /// The first query found this clone not set up and not declined.
    offer_setup: bool,
    asked_setup: bool,
    pending: Option<Receiver<Answer>>,
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer").finish_non_exhaustive()
    }
}

impl GitView {
    /// Follows the repository the workbook in `root` is in.
    pub fn new(root: &Path) -> GitView {
        GitView {
            root: Some(root.to_path_buf()),
            status: None,
            offer_setup: false,
            asked_setup: false,
            pending: None,
        }
    }

    /// Knows nothing of git (a scratch copy, tests that leave git out).
    pub fn off() -> GitView {
        GitView {
            root: None,
            status: None,
            offer_setup: false,
            asked_setup: true,
            pending: None,
        }
    }

    /// The repository's state as last seen; `None` outside a repository.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Starts a query in the background unless one is running.
    pub fn refresh(&mut self) {
        let Some(root) = self.root.clone() else {
            return;
        };
        if self.pending.is_some() {
            return;
        }
        let ask_setup = !self.asked_setup;
        self.asked_setup = true;
        let (send, receive) = channel();
        let started = std::thread::Builder::new()
            .name("paraat-git-status".to_owned())
            .spawn(move || {
                let status = git::status(&root);
                let offer_setup =
                    (ask_setup && status.is_some()).then(|| git::setup::should_offer(&root));
                let _ = send.send(Answer {
                    status,
                    offer_setup,
                });
            });
        if started.is_ok() {
            self.pending = Some(receive);
        }
    }

    /// Starts a fresh query now, dropping the answer of one still running (it
    /// may have been asked before a commit or a setup that changed the answer).
    pub fn refresh_now(&mut self) {
        self.pending = None;
        self.refresh();
    }

    /// Takes the answer of the running query if it has come; true when it did.
    pub fn poll(&mut self) -> bool {
        let Some(pending) = &self.pending else {
            return false;
        };
        match pending.try_recv() {
            Ok(answer) => {
                self.take(answer);
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                false
            }
        }
    }

    /// Waits for the running query (tests, and after a commit).
    pub fn wait(&mut self) {
        if let Some(pending) = self.pending.take()
            && let Ok(answer) = pending.recv()
        {
            self.take(answer);
        }
    }

    fn take(&mut self, answer: Answer) {
        self.pending = None;
        self.status = answer.status;
        if let Some(offer) = answer.offer_setup {
            self.offer_setup = offer;
        }
    }

    /// Whether to offer setup now; true once, after the first query found it
    /// missing.
    pub fn take_setup_offer(&mut self) -> bool {
        std::mem::take(&mut self.offer_setup)
    }

    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }
}

/// What changed since the last commit, for the changes view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangesSince {
    /// Headings, each with its lines (the words of `paraat diff`).
    pub sections: Vec<(String, Vec<String>)>,
    /// A commit message for them, to edit before committing.
    pub message: String,
    /// A note above the list (no commit yet, the comparison failed).
    pub note: Option<String>,
}

/// Compares the last commit with the workbook as it is on screen (unsaved edits
/// included: the commit saves them first).
pub fn changes_since_head(root: &Path, workbook: &Workbook, today: Date) -> ChangesSince {
    let lang = workbook.language();
    let Some(repo) = git::Repo::find(root) else {
        return ChangesSince {
            note: Some(T::NotInGit.get(lang).to_owned()),
            ..ChangesSince::default()
        };
    };
    if repo.commit("HEAD").is_none() {
        return ChangesSince {
            message: T::FirstCommitMessage.get(lang).to_owned(),
            note: Some(T::ChangesNoCommit.get(lang).to_owned()),
            ..ChangesSince::default()
        };
    }
    let old = match repo.workbook_at("HEAD") {
        Ok(old) => old,
        Err(e) => {
            return ChangesSince {
                note: Some(fill(T::ChangesFailed.get(lang), &[&e.to_string()])),
                ..ChangesSince::default()
            };
        }
    };
    let changes = compare(&old, workbook, today);
    let sections = render::sections(&changes, &old, workbook, lang);
    let mut message = if changes.is_empty() {
        String::new()
    } else {
        words::commit_message(&changes, &old, workbook, lang)
    };
    // Finishing a merge: git's own subject ("Merge branch 'x'") comes first.
    if git::operation(&repo) == Some(git::Operation::Merge)
        && let Some(subject) = merge_subject(&repo)
    {
        message = if message.is_empty() {
            subject
        } else {
            format!("{subject}\n\n{message}")
        };
    }
    ChangesSince {
        note: changes
            .is_empty()
            .then(|| T::ChangesNone.get(lang).to_owned()),
        sections,
        message,
    }
}

/// [`changes_since_head`] on a thread of its own: reading the last commit's
/// workbook and comparing takes a second on a 10,000-risk workbook, and the
/// screen must not stand still meanwhile. The workbook is a copy of the one on
/// screen when asked.
pub fn changes_in_background(
    root: &Path,
    workbook: &Workbook,
    today: Date,
) -> Option<Receiver<ChangesSince>> {
    let (send, receive) = channel();
    let root = root.to_path_buf();
    let workbook = workbook.clone();
    std::thread::Builder::new()
        .name("paraat-git-changes".to_owned())
        .spawn(move || {
            let _ = send.send(changes_since_head(&root, &workbook, today));
        })
        .ok()?;
    Some(receive)
}

/// What the branch changes against its upstream (the shared branch it tracks,
/// as last fetched): what a pull request of it would bring, the working tree
/// and unsaved edits included. `None` as the name when there is no upstream.
pub fn changes_since_upstream(
    root: &Path,
    workbook: &Workbook,
    today: Date,
) -> (Option<String>, ChangesSince) {
    let lang = workbook.language();
    let upstream = git::Repo::find(root).and_then(|repo| {
        repo.run(&[
            "rev-parse",
            "--abbrev-ref",
            "--symbolic-full-name",
            "@{upstream}",
        ])
        .ok()
        .filter(|name| !name.is_empty())
        .map(|name| (repo, name))
    });
    let Some((repo, name)) = upstream else {
        return (
            None,
            ChangesSince {
                note: Some(T::NoUpstream.get(lang).to_owned()),
                ..ChangesSince::default()
            },
        );
    };
    // The merge base: only what this branch changed, not what others pushed since.
    let base = repo
        .merge_base("HEAD", &name)
        .unwrap_or_else(|| name.clone());
    let since = match repo.workbook_at(&base) {
        Ok(old) => {
            let changes = compare(&old, workbook, today);
            ChangesSince {
                note: changes
                    .is_empty()
                    .then(|| fill(T::ChangesNoneSince.get(lang), &[&name])),
                sections: render::sections(&changes, &old, workbook, lang),
                message: String::new(),
            }
        }
        Err(e) => ChangesSince {
            note: Some(fill(T::ChangesFailed.get(lang), &[&e.to_string()])),
            ..ChangesSince::default()
        },
    };
    (Some(name), since)
}

/// The first line git proposes for the merge in progress (`MERGE_MSG`).
fn merge_subject(repo: &git::Repo) -> Option<String> {
    // Read like any file paraat did not write: a regular file, capped.
    let bytes =
        crate::store::disk::read_regular(&repo.git_dir.join("MERGE_MSG"), "MERGE_MSG").ok()?;
    let text = String::from_utf8_lossy(&bytes);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
}

/// Commits the workbook's files; what to tell the user either way.
pub fn commit(
    root: &Path,
    message: &str,
    unresolved: &[String],
    lang: Language,
) -> Result<Committed, String> {
    git::commit::commit(root, message, unresolved).map_err(|e| match e {
        CommitError::NotARepository => T::NotInGit.get(lang).to_owned(),
        CommitError::NothingToCommit => T::CommitNothing.get(lang).to_owned(),
        CommitError::EmptyMessage => T::CommitEmpty.get(lang).to_owned(),
        CommitError::Busy => T::CommitBusy.get(lang).to_owned(),
        CommitError::Conflicted(files) => fill(T::CommitConflicts.get(lang), &[&files]),
        CommitError::Git(e) => fill(T::CommitFailed.get(lang), &[&git_words(&e)]),
    })
}

/// What git said, on one line.
fn git_words(error: &git::GitError) -> String {
    match error {
        git::GitError::NotRun(e) => e.to_string(),
        git::GitError::Failed { message, .. } => {
            message.lines().map(str::trim).collect::<Vec<_>>().join(" ")
        }
    }
}

/// Sets paraat up with git for this clone (`paraat git setup`).
pub fn set_up(root: &Path, lang: Language) -> Result<String, String> {
    let exe =
        std::env::current_exe().map_err(|e| fill(T::SetupFailed.get(lang), &[&e.to_string()]))?;
    git::setup::setup(root, &exe)
        .map(|_| T::SetupDone.get(lang).to_owned())
        .map_err(|e| fill(T::SetupFailed.get(lang), &[&e.to_string()]))
}

/// Remembers in this clone's git config not to offer setup again.
pub fn decline_setup(root: &Path, lang: Language) -> String {
    match git::setup::decline(root) {
        Ok(()) => T::SetupDeclined.get(lang).to_owned(),
        Err(e) => fill(T::SetupFailed.get(lang), &[&e.to_string()]),
    }
}

/// The status line's words about git: the branch, ahead/behind, what is
/// uncommitted, an operation in progress.
///
/// `changes_key` and `conflicts_key` are the keys that open the changes view and
/// the conflict chooser, so the line says where to go next.
pub fn status_words(
    status: &Status,
    conflicts: usize,
    lang: Language,
    changes_key: &str,
    conflicts_key: &str,
) -> (String, bool) {
    let mut parts = Vec::new();
    let branch = status
        .branch
        .clone()
        .unwrap_or_else(|| T::GitDetached.get(lang).to_owned());
    let mut head = format!("⎇ {branch}");
    if let Some((ahead, behind)) = status.ahead_behind {
        if ahead > 0 {
            head.push_str(&format!(" ↑{ahead}"));
        }
        if behind > 0 {
            head.push_str(&format!(" ↓{behind}"));
        }
    }
    parts.push(head);
    if let Some(op) = status.operation {
        parts.push(
            match op {
                git::Operation::Merge => T::GitMerging,
                git::Operation::Rebase => T::GitRebasing,
                git::Operation::CherryPick => T::GitCherryPicking,
                git::Operation::Revert => T::GitReverting,
            }
            .get(lang)
            .to_owned(),
        );
    }
    if conflicts > 0 {
        parts.push(fill(
            T::GitConflicts.get(lang),
            &[&conflicts.to_string(), conflicts_key],
        ));
    }
    let dirty = status.has_uncommitted_changes();
    if dirty {
        let mut files: Vec<&str> = status.changed.iter().take(3).map(String::as_str).collect();
        let more = status.changed.len().saturating_sub(files.len());
        let more = format!("+{more}");
        if status.changed.len() > files.len() {
            files.push(&more);
        }
        parts.push(fill(
            T::GitUncommitted.get(lang),
            &[&files.join(", "), changes_key],
        ));
    } else if !status.unborn {
        parts.push(T::GitCommitted.get(lang).to_owned());
    }
    (parts.join(" · "), dirty || conflicts > 0)
}

/// How many choices a merge left in the workbook: one per conflicting field, one
/// per record deleted on one side and changed on the other, one per renumbering.
pub fn conflicts_left(workbook: &Workbook) -> usize {
    use crate::model::conflict::Conflict;
    workbook
        .conflicts
        .values()
        .flatten()
        .map(|c| match c {
            Conflict::Changed { fields, .. } => fields.len().max(1),
            Conflict::Renumbered { .. } => 1,
        })
        .sum()
}
