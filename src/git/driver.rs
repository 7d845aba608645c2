//! The merge driver's view of the merge it is part of.
//!
//! git runs `paraat merge-file` once per file that both sides changed, with three
//! temporary files and nothing else. To renumber a record consistently in every
//! file (also those git merges without the driver), the driver works out which
//! commits are being merged and reads the other files' three versions from them:
//!
//! - `git merge` (also `git pull`) sets `GITHEAD_<commit>` for the commit merged
//!   in; ours is `HEAD`, the base their merge base.
//! - A rebase or cherry-pick (git's sequencer) names theirs `<abbrev> (<subject>)`
//!   and the base `parent of <abbrev> (<subject>)` in the labels git 2.44 and
//!   later pass as `%S %X %Y`; ours is `HEAD`.
//!
//! Anything else (git's internal merge of several merge bases, `git am`, `git
//! stash`, older git in a rebase) gives no context: the driver then merges the
//! file on its own and, if it had to renumber, stops so `paraat git resolve` can
//! finish with the whole picture (git has `MERGE_HEAD`, `REBASE_HEAD` or
//! `CHERRY_PICK_HEAD` by then).

use std::path::Path;

use super::{Operation, Repo, is_shared, shared_refs};
use crate::merge::{FileKind, Parsed, Snapshot};
use crate::model::RecordKind;
use crate::model::conflict::Side;
use crate::model::renumber::Renumbering;

/// The commits a merge of one file is part of.
#[derive(Clone, Debug)]
pub struct Context {
    /// The repository, with `prefix` the workbook folder.
    pub repo: Repo,
    pub operation: Operation,
    pub base: Option<String>,
    pub ours: String,
    pub theirs: String,
    /// Which side's records are renumbered when ids collide: the side not yet on
    /// the shared branch where that can be told, else the one being brought in.
    pub side: Side,
    /// The side whose records `private/` describes: the one checked out when the
    /// operation began.
    pub private_side: Side,
    /// Commits a rebase or cherry-pick will still apply after this one.
    pub remaining: Vec<String>,
}

/// git's labels for the three versions (`%S %X %Y`), when it passed them.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

impl Labels {
    /// Takes the labels, ignoring placeholders an older git left unexpanded.
    pub fn new(base: Option<String>, ours: Option<String>, theirs: Option<String>) -> Labels {
        let keep = |l: Option<String>| l.filter(|l| !l.is_empty() && !l.starts_with('%'));
        Labels {
            base: keep(base),
            ours: keep(ours),
            theirs: keep(theirs),
        }
    }

    /// git's internal merge of merge bases: no real commits behind it.
    pub fn is_internal(&self) -> bool {
        [&self.ours, &self.theirs].iter().any(|l| {
            l.as_deref()
                .is_some_and(|l| l.starts_with("Temporary merge branch"))
        })
    }
}

/// The workbook folder of a file at `path` (relative to the top of the repository).
pub fn workbook_prefix(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    if parts.last() == Some(&"incidents") {
        parts.pop();
    }
    parts.iter().map(|p| format!("{p}/")).collect()
}

/// Works out the merge a driver run is part of, from the environment git gives
/// it. `top` is the folder git runs the driver in (the top of the work tree).
pub fn context(top: &Path, path: &str, labels: &Labels) -> Option<Context> {
    if labels.is_internal() {
        return None;
    }
    let mut repo = Repo::find(top)?;
    repo.prefix = workbook_prefix(path);
    let ours = repo.commit("HEAD")?;
    let merged_in: Vec<String> = std::env::vars()
        .filter_map(|(k, _)| k.strip_prefix("GITHEAD_").map(str::to_owned))
        .filter(|sha| sha.len() >= 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()))
        .collect();
    let shared = shared_refs(&repo);
    if let [theirs] = &merged_in[..] {
        let theirs = repo.commit(theirs)?;
        let base = repo.merge_base(&ours, &theirs);
        let side = pick_side(&repo, &shared, &ours, &theirs);
        return Some(Context {
            repo,
            operation: Operation::Merge,
            base,
            ours,
            theirs,
            side,
            private_side: Side::Ours,
            remaining: Vec::new(),
        });
    }
    // The sequencer: theirs is `<abbrev> (<subject>)`, the base its parent.
    let theirs_label = labels.theirs.as_deref()?;
    if !labels
        .base
        .as_deref()
        .is_some_and(|b| b.starts_with("parent of "))
    {
        return None;
    }
    let abbrev = theirs_label.split(' ').next()?;
    if abbrev.len() < 4 || !abbrev.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let theirs = repo.commit(abbrev)?;
    let base = repo.commit(&format!("{theirs}^"));
    let rebase = repo.git_dir.join("rebase-merge");
    if rebase.is_dir() {
        let remaining = todo(&repo, &rebase.join("git-rebase-todo"), &theirs);
        return Some(Context {
            repo,
            operation: Operation::Rebase,
            base,
            ours,
            theirs,
            // A rebase rewrites its own commits: they are the ones renumbered.
            side: Side::Theirs,
            private_side: Side::Theirs,
            remaining,
        });
    }
    let remaining = todo(&repo, &repo.git_dir.join("sequencer/todo"), &theirs);
    let side = pick_side(&repo, &shared, &ours, &theirs);
    Some(Context {
        repo,
        operation: Operation::CherryPick,
        base,
        ours,
        theirs,
        side,
        private_side: Side::Ours,
        remaining,
    })
}

/// Renumber ours only when theirs is already shared and ours is not.
fn pick_side(repo: &Repo, shared: &[String], ours: &str, theirs: &str) -> Side {
    if is_shared(repo, shared, theirs) && !is_shared(repo, shared, ours) {
        Side::Ours
    } else {
        Side::Theirs
    }
}

/// The commits a todo list still picks (not `current`).
pub fn todo(repo: &Repo, file: &Path, current: &str) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(todo_commit)
        .filter_map(|abbrev| repo.commit(abbrev))
        .filter(|sha| sha != current)
        .collect()
}

/// The commit a todo line picks (`pick 1a2b3c subject`, `fixup -C 1a2b3c`).
pub fn todo_commit(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace();
    let command = words.next()?;
    if !matches!(
        command,
        "pick" | "p" | "reword" | "r" | "edit" | "e" | "fixup" | "f" | "squash" | "s"
    ) {
        return None;
    }
    let mut sha = words.next()?;
    if sha.starts_with('-') {
        sha = words.next()?;
    }
    sha.bytes().all(|b| b.is_ascii_hexdigit()).then_some(sha)
}

/// The three versions of the workbook.
pub struct Versions {
    pub base: Snapshot,
    pub ours: Snapshot,
    pub theirs: Snapshot,
}

impl Context {
    pub fn versions(&self) -> Option<Versions> {
        Some(Versions {
            base: match &self.base {
                Some(b) => self.repo.snapshot(b).ok()?,
                None => Snapshot::new(),
            },
            ours: self.repo.snapshot(&self.ours).ok()?,
            theirs: self.repo.snapshot(&self.theirs).ok()?,
        })
    }
}

fn mentions_any(text: &str, renumbering: &Renumbering) -> bool {
    renumbering
        .iter()
        .any(|(_, from, _)| text.contains(&format!("\"{from}\"")))
}

/// Whether the file `rel` with this `text` refers to a record `renumbering` moves.
pub fn refers_to_moved(rel: &str, text: &str, renumbering: &Renumbering) -> bool {
    if !mentions_any(text, renumbering) {
        return false;
    }
    let Some(kind) = FileKind::of_path(rel) else {
        return false;
    };
    match Parsed::parse(kind, rel, text) {
        Ok((mut parsed, _)) => parsed.apply(renumbering),
        // A file that does not load is named anyway; a person has to look.
        Err(_) => true,
    }
}

/// What still has to follow a renumbering of `side`'s records after git is done
/// with the files the driver sees: workbook files git takes whole from that side,
/// `private/contacts.ron`, and commits a rebase or cherry-pick will still apply.
pub fn pending(
    context: &Context,
    versions: &Versions,
    renumbering: &Renumbering,
    workbook_dir: &Path,
) -> Vec<String> {
    let side = context.side;
    let mut out = Vec::new();
    let mut paths: Vec<&String> = versions
        .base
        .keys()
        .chain(versions.ours.keys())
        .chain(versions.theirs.keys())
        .collect();
    paths.sort();
    paths.dedup();
    for path in paths {
        let b = versions.base.get(path);
        let (r, other) = match side {
            Side::Ours => (versions.ours.get(path), versions.theirs.get(path)),
            Side::Theirs => (versions.theirs.get(path), versions.ours.get(path)),
        };
        let Some(r) = r else { continue };
        let taken_whole = b != Some(r) && other == b;
        if taken_whole && refers_to_moved(path, r, renumbering) {
            out.push(path.clone());
        }
    }
    if renumbering.has_kind(RecordKind::Contact)
        && context.private_side == side
        && let Ok(Some(bytes)) =
            crate::store::disk::read(workbook_dir, crate::store::layout::PRIVATE_CONTACTS)
        && mentions_any(&String::from_utf8_lossy(&bytes), renumbering)
    {
        out.push("private/contacts.ron".to_owned());
    }
    if side == Side::Theirs
        && !context.remaining.is_empty()
        && later_commits_refer(context, renumbering)
    {
        out.push(LATER_COMMITS.to_owned());
    }
    out
}

/// How [`pending`] names the commits a rebase or cherry-pick has still to apply.
pub const LATER_COMMITS: &str = "(the commits still to be applied)";

fn later_commits_refer(context: &Context, renumbering: &Renumbering) -> bool {
    let repo = &context.repo;
    context.remaining.iter().any(|commit| {
        let Ok(changed) = repo.run(&[
            "diff-tree",
            "-r",
            "--no-commit-id",
            "--name-only",
            "--root",
            commit,
        ]) else {
            return true;
        };
        changed.lines().any(|path| {
            let Some(rel) = path.strip_prefix(&repo.prefix) else {
                return false;
            };
            if !super::is_workbook_file(rel) {
                return false;
            }
            let spec = format!("{commit}:{path}");
            repo.run(&["cat-file", "-p", &spec])
                .is_ok_and(|text| mentions_any(&text, renumbering))
        })
    })
}

/// Something the driver tells the person running git.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// A record of `side_name` got a new id.
    Renumbered {
        file: String,
        from: String,
        to: String,
        name: String,
        side_name: String,
    },
    /// Fields both sides changed differently (`R-002 current.likelihood`).
    Conflicts { file: String, fields: Vec<String> },
    /// Files or commits that still refer to renumbered records.
    Pending { files: Vec<String> },
    /// The driver could not see the other files, and renumbered.
    NoContext,
    /// Not merged by record (`reason`), merged line by line instead.
    LineMerge { file: String, reason: String },
}

/// What one run of the driver produced.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The text for `%A`; `None`: merge line by line instead.
    pub text: Option<String>,
    /// git must see the file as conflicted (a field conflict, or a renumbering
    /// that `paraat git resolve` has to finish).
    pub conflicted: bool,
    pub notes: Vec<Note>,
}

/// Merges one file as git's merge driver. `path` is relative to the top of the
/// repository, `top` the folder git runs the driver in.
pub fn merge_file(
    top: &Path,
    path: &str,
    base: &str,
    ours: &str,
    theirs: &str,
    labels: &Labels,
) -> Outcome {
    use crate::merge::{Options, Taken, merge_texts, plan};
    use crate::model::conflict::Conflict;

    let prefix = workbook_prefix(path);
    let rel = path.strip_prefix(&prefix).unwrap_or(path).to_owned();
    let context = context(top, path, labels);
    let versions = context.as_ref().and_then(Context::versions);
    // `git pull` names theirs by its commit id: a branch that points there reads better.
    let friendly = |label: Option<&String>| -> Option<String> {
        let label = label?;
        let is_commit = label.len() == 40 && label.bytes().all(|b| b.is_ascii_hexdigit());
        if !is_commit {
            return Some(label.clone());
        }
        let named = context.as_ref().and_then(|cx| {
            cx.repo
                .run(&[
                    "for-each-ref",
                    "--points-at",
                    label,
                    "--format=%(refname:short)",
                ])
                .ok()
                .and_then(|refs| refs.lines().next().map(str::to_owned))
        });
        Some(named.unwrap_or_else(|| label[..12].to_owned()))
    };
    let mut options = Options {
        ours: friendly(labels.ours.as_ref()).unwrap_or_else(|| "ours".to_owned()),
        theirs: friendly(labels.theirs.as_ref()).unwrap_or_else(|| "theirs".to_owned()),
        ..Options::default()
    };
    if let (Some(cx), Some(v)) = (&context, &versions) {
        options.side = cx.side;
        let (renumbering, taken) = plan(&v.base, &v.ours, &v.theirs, &[]);
        options.renumbering = renumbering;
        let mut all = Taken::default();
        all.extend(&taken);
        options.taken = all;
    }
    let merged = match merge_texts(&rel, Some(base), ours, theirs, &options) {
        Ok(merged) => merged,
        Err(error) => {
            return Outcome {
                text: None,
                conflicted: true,
                notes: vec![Note::LineMerge {
                    file: path.to_owned(),
                    reason: error.to_string(),
                }],
            };
        }
    };
    let side_name = match options.side {
        Side::Ours => options.ours.clone(),
        Side::Theirs => options.theirs.clone(),
    };
    let mut notes: Vec<Note> = merged
        .renumbered
        .iter()
        .map(|r| Note::Renumbered {
            file: path.to_owned(),
            from: r.from.to_string(),
            to: r.to.to_string(),
            name: r.name.clone(),
            side_name: side_name.clone(),
        })
        .collect();
    let fields: Vec<String> = merged
        .conflicts
        .iter()
        .filter_map(|c| match c {
            Conflict::Changed { record, fields, .. } => Some(if fields.is_empty() {
                vec![record.as_ref().map(|r| r.to_string()).unwrap_or_default()]
            } else {
                fields
                    .iter()
                    .map(|f| match record {
                        Some(r) => format!("{r} {f}"),
                        None => f.clone(),
                    })
                    .collect()
            }),
            Conflict::Renumbered { .. } => None,
        })
        .flatten()
        .collect();
    if !fields.is_empty() {
        notes.push(Note::Conflicts {
            file: path.to_owned(),
            fields,
        });
    }
    // Does anything the driver cannot change still refer to the old ids?
    let mut pending_files = Vec::new();
    let mut stop = false;
    if !merged.renumbered.is_empty() {
        match (&context, &versions) {
            (Some(cx), Some(v)) => {
                let mut moved = Renumbering::new();
                for (k, from, to) in options.renumbering.iter() {
                    moved.insert(k, from.clone(), to.clone());
                }
                for r in &merged.renumbered {
                    moved.insert(r.kind, r.from.clone(), r.to.clone());
                }
                pending_files = pending(cx, v, &moved, &top.join(&prefix));
                stop = !pending_files.is_empty();
            }
            _ => {
                notes.push(Note::NoContext);
                stop = true;
            }
        }
    }
    let mut conflicts = merged.conflicts.clone();
    if stop {
        for r in &merged.renumbered {
            conflicts.push(Conflict::Renumbered {
                kind: r.kind,
                record: r.to.clone(),
                was: r.from.clone(),
                side: options.side,
                side_name: side_name.clone(),
                pending: pending_files.clone(),
            });
        }
        notes.push(Note::Pending {
            files: pending_files,
        });
    }
    let text = if conflicts.len() == merged.conflicts.len() {
        merged.text.clone()
    } else {
        match merged.parsed().render(&conflicts) {
            Ok(text) => text,
            Err(reason) => {
                return Outcome {
                    text: None,
                    conflicted: true,
                    notes: vec![Note::LineMerge {
                        file: path.to_owned(),
                        reason,
                    }],
                };
            }
        }
    };
    Outcome {
        text: Some(text),
        conflicted: merged.has_conflicts() || stop,
        notes,
    }
}
