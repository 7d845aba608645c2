//! `paraat git resolve`: finishes what the merge driver could not.
//!
//! When the driver renumbers a record and something it cannot change still refers
//! to the old id (a file git takes whole from one side, `private/contacts.ron`,
//! later commits of a rebase), it leaves a `Renumbered` note in the file and
//! makes git stop. Then git has the commits at hand (`MERGE_HEAD`, `REBASE_HEAD`,
//! `CHERRY_PICK_HEAD`), and this finishes the job with the whole picture:
//!
//! - files that came whole from the renumbered side get their references moved;
//! - files the driver merged without knowing of the renumbering (it had no
//!   context) are merged again with it, unless someone edited them since;
//! - the private details of a renumbered contact follow it;
//! - the commits a rebase or cherry-pick has still to apply are rewritten with the
//!   new ids (a new commit for each, same author, date and message) and the todo
//!   list points at them, so every later step merges in one numbering;
//! - the notes go, and the workbook files without conflicts left are staged.

use std::collections::BTreeMap;
use std::path::Path;

use super::driver::todo_commit;
use super::{GitError, Operation, Repo, is_workbook_file, operation};
use crate::merge::{FileKind, Options, Parsed, merge_texts};
use crate::model::conflict::{Conflict, Side};
use crate::model::renumber::Renumbering;
use crate::model::{Id, PrivateContacts, RecordKind};
use crate::store::{atomic, disk};

/// What resolving did.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    pub operation: Option<Operation>,
    /// `(kind, old, new)` of every renumbering that was finished.
    pub renumbered: Vec<(RecordKind, Id, Id)>,
    /// Files whose references (or private details) were updated.
    pub updated: Vec<String>,
    /// Files staged for the commit.
    pub staged: Vec<String>,
    /// Files that still hold conflicts to choose.
    pub conflicted: Vec<String>,
    /// Commits of the rebase or cherry-pick rewritten with the new ids.
    pub rewritten: usize,
    /// Things a person should look at.
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("{0} is not in a git repository")]
    NotARepository(String),
    #[error(transparent)]
    Git(#[from] GitError),
    #[error("cannot write {file}: {source}")]
    Write {
        file: String,
        source: std::io::Error,
    },
}

/// A workbook file as it is now, read by the store's rules (no link out of the
/// workbook, no FIFO or device, capped); `None` when it is not there or cannot
/// be read.
fn read(root: &Path, rel: &str) -> Option<String> {
    let bytes = disk::read(root, rel).ok().flatten()?;
    String::from_utf8(bytes).ok()
}

/// Writes `text` over the workbook file `rel`, which held `was` when it was
/// read, by the store's rules: to the real file a link inside the workbook names,
/// atomically, and not over a change made since it was read.
fn write(root: &Path, rel: &str, text: &str, was: &str) -> Result<(), ResolveError> {
    let fail = |source: std::io::Error| ResolveError::Write {
        file: rel.to_owned(),
        source,
    };
    let real = disk::writable(root, rel).map_err(|e| fail(std::io::Error::other(e.to_string())))?;
    let private = rel.starts_with("private/");
    let prepared = atomic::prepare(&real, text.as_bytes(), private).map_err(fail)?;
    match prepared.commit(Some(atomic::Fingerprint::of(was.as_bytes()))) {
        Ok(()) => Ok(()),
        Err(atomic::CommitError::Changed) => Err(fail(std::io::Error::other(
            "it changed on disk while paraat was resolving; nothing of it was written, run `paraat git resolve` again",
        ))),
        Err(atomic::CommitError::Io(source)) => Err(fail(source)),
    }
}

/// The workbook files in the working tree, by path relative to the workbook.
fn working_files(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut add = |rel: String| {
        if let Some(text) = read(root, &rel) {
            out.insert(rel, text);
        }
    };
    for name in crate::store::layout::REGISTER_FILES {
        add(name.to_owned());
    }
    if let Ok(Some(dir)) = disk::check_folder(root, crate::store::layout::INCIDENTS_DIR)
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        for entry in entries.flatten() {
            if let Some(name) = entry.file_name().to_str()
                && is_workbook_file(&format!("incidents/{name}"))
            {
                add(format!("incidents/{name}"));
            }
        }
    }
    out
}

/// The commits of the operation in progress: (base, ours, theirs).
fn commits(repo: &Repo, op: Option<Operation>) -> Option<(Option<String>, String, String)> {
    let ours = repo.commit("HEAD")?;
    let theirs = match op? {
        Operation::Merge => repo.commit("MERGE_HEAD")?,
        Operation::Rebase => repo.commit("REBASE_HEAD")?,
        Operation::CherryPick => repo.commit("CHERRY_PICK_HEAD")?,
        Operation::Revert => return None,
    };
    let base = match op? {
        Operation::Merge => repo.merge_base(&ours, &theirs),
        _ => repo.commit(&format!("{theirs}^")),
    };
    Some((base, ours, theirs))
}

/// Finishes the renumberings noted in the workbook at `root` and stages what is
/// ready.
pub fn resolve(root: &Path) -> Result<Resolved, ResolveError> {
    let repo =
        Repo::find(root).ok_or_else(|| ResolveError::NotARepository(root.display().to_string()))?;
    let op = operation(&repo);
    let mut done = Resolved {
        operation: op,
        ..Resolved::default()
    };
    // The notes the driver left: what was renumbered, on which side.
    let files = working_files(root);
    let mut renumbering = Renumbering::new();
    let mut side = None;
    for (rel, text) in &files {
        let Some(kind) = FileKind::of_path(rel) else {
            continue;
        };
        if let Ok((_, conflicts)) = Parsed::parse(kind, rel, text) {
            for c in conflicts {
                if let Conflict::Renumbered {
                    kind,
                    record,
                    was,
                    side: s,
                    ..
                } = c
                {
                    renumbering.insert(kind, was.clone(), record.clone());
                    done.renumbered.push((kind, was, record));
                    side = Some(s);
                }
            }
        }
    }

    if let Some(side) = side {
        match commits(&repo, op) {
            Some((base, ours, theirs)) => {
                finish(&repo, root, op, side, &renumbering, (base, ours, theirs), &files, &mut done)?;
            }
            None => done.warnings.push(
                "git is not in the middle of a merge, rebase or cherry-pick any more; only the notes were removed: check the references to the renumbered records by hand".to_owned(),
            ),
        }
    }

    // The notes go.
    for rel in files.keys() {
        let Some(text) = read(root, rel) else {
            continue;
        };
        let Some(kind) = FileKind::of_path(rel) else {
            continue;
        };
        if let Ok((parsed, conflicts)) = Parsed::parse(kind, rel, &text) {
            let left: Vec<Conflict> = conflicts
                .iter()
                .filter(|c| !matches!(c, Conflict::Renumbered { .. }))
                .cloned()
                .collect();
            if left.len() != conflicts.len() {
                let new = parsed.render(&left).map_err(|e| ResolveError::Write {
                    file: rel.clone(),
                    source: std::io::Error::other(e),
                })?;
                write(root, rel, &new, &text)?;
                if !done.updated.contains(rel) {
                    done.updated.push(rel.clone());
                }
            }
            if !left.is_empty() {
                done.conflicted.push(rel.clone());
            }
        }
    }

    stage(&repo, root, &mut done)?;
    Ok(done)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    repo: &Repo,
    root: &Path,
    op: Option<Operation>,
    side: Side,
    renumbering: &Renumbering,
    (base, ours, theirs): (Option<String>, String, String),
    files: &BTreeMap<String, String>,
    done: &mut Resolved,
) -> Result<(), ResolveError> {
    let snapshot = |rev: &Option<String>| -> Result<BTreeMap<String, String>, GitError> {
        match rev {
            Some(rev) => repo.snapshot(rev),
            None => Ok(BTreeMap::new()),
        }
    };
    let b = snapshot(&base)?;
    let o = repo.snapshot(&ours)?;
    let t = repo.snapshot(&theirs)?;
    let mut paths: Vec<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    paths.sort();
    paths.dedup();
    for path in paths {
        let Some(current) = files.get(path) else {
            continue;
        };
        let Some(kind) = FileKind::of_path(path) else {
            continue;
        };
        let (vb, vo, vt) = (b.get(path), o.get(path), t.get(path));
        let (r, other) = match side {
            Side::Ours => (vo, vt),
            Side::Theirs => (vt, vo),
        };
        let Some(r) = r else { continue };
        if Some(r) == vb {
            continue;
        }
        if other == vb {
            // Taken whole from the renumbered side: move its references.
            if let Ok((mut parsed, conflicts)) = Parsed::parse(kind, path, current)
                && parsed.apply(renumbering)
            {
                let text = parsed.render(&conflicts).map_err(|e| ResolveError::Write {
                    file: path.clone(),
                    source: std::io::Error::other(e),
                })?;
                write(root, path, &text, current)?;
                done.updated.push(path.clone());
            }
        } else if let (Some(vo), Some(vt)) = (vo, vt)
            && vo != vt
        {
            // The driver merged it; without context it did not know of the
            // renumbering. Merge again with it, unless someone edited the result.
            let names = Options {
                side,
                ..Options::default()
            };
            let with = Options {
                renumbering: renumbering.clone(),
                ..names.clone()
            };
            let (Ok(without), Ok(with)) = (
                merge_texts(path, vb.map(String::as_str), vo, vt, &names),
                merge_texts(path, vb.map(String::as_str), vo, vt, &with),
            ) else {
                continue;
            };
            if without.parsed() == with.parsed() {
                continue;
            }
            match Parsed::parse(kind, path, current) {
                Ok((now, _)) if now == *without.parsed() => {
                    let keep: Vec<Conflict> = Parsed::parse(kind, path, current)
                        .map(|(_, c)| c)
                        .unwrap_or_default();
                    let text = with.parsed().render(&keep).map_err(|e| ResolveError::Write {
                        file: path.clone(),
                        source: std::io::Error::other(e),
                    })?;
                    write(root, path, &text, current)?;
                    done.updated.push(path.clone());
                }
                Ok((now, _)) if now == *with.parsed() => {}
                _ => done.warnings.push(format!(
                    "{path} was edited since the merge; check its references to the renumbered records by hand"
                )),
            }
        }
    }
    // Private details follow a renumbered contact of the side they belong to.
    let private_side = match op {
        Some(Operation::Rebase) => Side::Theirs,
        _ => Side::Ours,
    };
    if renumbering.has_kind(RecordKind::Contact) && private_side == side {
        move_private(root, renumbering, done)?;
    }
    // Later commits of a rebase or cherry-pick take the new ids too.
    if side == Side::Theirs {
        let todo = match op {
            Some(Operation::Rebase) => Some(repo.git_dir.join("rebase-merge/git-rebase-todo")),
            Some(Operation::CherryPick) => Some(repo.git_dir.join("sequencer/todo")),
            _ => None,
        };
        if let Some(todo) = todo.filter(|t| t.is_file()) {
            done.rewritten = rewrite_todo(repo, &todo, &theirs, renumbering)?;
        }
    }
    Ok(())
}

fn move_private(
    root: &Path,
    renumbering: &Renumbering,
    done: &mut Resolved,
) -> Result<(), ResolveError> {
    let rel = crate::store::layout::PRIVATE_CONTACTS;
    let Some(text) = read(root, rel) else {
        return Ok(());
    };
    let Ok(mut private) = crate::store::format::parse::<PrivateContacts>(rel, &text) else {
        done.warnings.push(format!(
            "{rel} does not load; move the private details of the renumbered contacts by hand"
        ));
        return Ok(());
    };
    let mut changed = false;
    let ids: Vec<Id> = private.contacts.iter().map(|c| c.id.clone()).collect();
    for entry in &mut private.contacts {
        if let Some(to) = renumbering.get(RecordKind::Contact, &entry.id)
            && !ids.contains(to)
        {
            entry.id = to.clone();
            changed = true;
        }
    }
    if changed {
        let new = crate::store::format::render(&private).map_err(|e| ResolveError::Write {
            file: rel.to_owned(),
            source: std::io::Error::other(e),
        })?;
        write(root, rel, &new, &text)?;
        done.updated.push(rel.to_owned());
    }
    Ok(())
}

/// Stages the workbook files that are ready: every one git has as conflicted
/// that loads without conflicts left, and every one resolving changed.
fn stage(repo: &Repo, root: &Path, done: &mut Resolved) -> Result<(), ResolveError> {
    let unmerged = repo
        .run(&[
            "ls-files",
            "-u",
            "--full-name",
            "--",
            &root.display().to_string(),
        ])
        .unwrap_or_default();
    let mut ready: Vec<String> = Vec::new();
    for line in unmerged.lines() {
        let Some((_, full)) = line.split_once('\t') else {
            continue;
        };
        let Some(rel) = full.strip_prefix(&repo.prefix) else {
            continue;
        };
        if !is_workbook_file(rel) || done.conflicted.iter().any(|c| c == rel) {
            continue;
        }
        let loads = read(root, rel)
            .and_then(|text| FileKind::of_path(rel).map(|k| Parsed::parse(k, rel, &text).is_ok()))
            .unwrap_or(false);
        if loads && !ready.iter().any(|r| r == rel) {
            ready.push(rel.to_owned());
        }
    }
    for rel in &done.updated {
        if is_workbook_file(rel) && !done.conflicted.contains(rel) && !ready.contains(rel) {
            ready.push(rel.clone());
        }
    }
    if ready.is_empty() {
        return Ok(());
    }
    let mut args = vec!["add".to_owned(), "--".to_owned()];
    args.extend(ready.iter().map(|rel| repo.path_of(rel)));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    repo.run(&args)?;
    done.staged = ready;
    Ok(())
}

/// Rewrites the commits a todo list still picks so they use the new ids, and
/// points the list at the rewritten commits. Returns how many were rewritten.
fn rewrite_todo(
    repo: &Repo,
    todo: &Path,
    current: &str,
    renumbering: &Renumbering,
) -> Result<usize, ResolveError> {
    let text = std::fs::read_to_string(todo).map_err(|source| ResolveError::Write {
        file: todo.display().to_string(),
        source,
    })?;
    let mut translated: BTreeMap<String, String> = BTreeMap::new();
    let mut count = 0;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let Some(abbrev) = todo_commit(line) else {
            out.push_str(line);
            continue;
        };
        let Some(commit) = repo.commit(abbrev).filter(|c| c != current) else {
            out.push_str(line);
            continue;
        };
        let new = translate_commit(repo, &commit, renumbering, &mut translated)?;
        if new != commit {
            count += 1;
        }
        out.push_str(&line.replacen(abbrev, &new, 1));
    }
    std::fs::write(todo, out).map_err(|source| ResolveError::Write {
        file: todo.display().to_string(),
        source,
    })?;
    Ok(count)
}

/// The commit `commit` with every workbook file renumbered, its first parent
/// rewritten the same way (so a pick of it applies the same change).
fn translate_commit(
    repo: &Repo,
    commit: &str,
    renumbering: &Renumbering,
    done: &mut BTreeMap<String, String>,
) -> Result<String, ResolveError> {
    if let Some(new) = done.get(commit) {
        return Ok(new.clone());
    }
    let raw = repo.run(&["cat-file", "commit", commit])?;
    let tree = translate_tree(repo, commit, renumbering)?;
    let parent = raw
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.strip_prefix("parent "))
        .map(str::to_owned);
    // The parent is translated once, without its own parents (only its tree is
    // used as the base of the pick).
    let new_parent = match parent {
        Some(p) if done.contains_key(&p) => done.get(&p).cloned(),
        Some(p) => {
            let p_tree = translate_tree(repo, &p, renumbering)?;
            let p_raw = repo.run(&["cat-file", "commit", &p])?;
            Some(write_commit(repo, &p_raw, &p_tree, None)?)
        }
        None => None,
    };
    let new = write_commit(repo, &raw, &tree, new_parent.as_deref())?;
    done.insert(commit.to_owned(), new.clone());
    Ok(new)
}

/// Writes a commit object like `raw` with another tree and first parent (and no
/// signature, which would no longer match).
fn write_commit(
    repo: &Repo,
    raw: &str,
    tree: &str,
    parent: Option<&str>,
) -> Result<String, ResolveError> {
    let (header, message) = raw.split_once("\n\n").unwrap_or((raw, ""));
    let mut out = String::new();
    let mut in_signature = false;
    let mut first_parent = true;
    for line in header.lines() {
        if in_signature && line.starts_with(' ') {
            continue;
        }
        in_signature = false;
        if line.starts_with("gpgsig") {
            in_signature = true;
            continue;
        }
        if line.starts_with("tree ") {
            out.push_str(&format!("tree {tree}\n"));
        } else if line.starts_with("parent ") && first_parent {
            first_parent = false;
            match parent {
                Some(p) => out.push_str(&format!("parent {p}\n")),
                None => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(message);
    if !message.ends_with('\n') {
        out.push('\n');
    }
    let sha = super::run_with_input(
        &repo.top,
        &["hash-object", "-t", "commit", "-w", "--stdin"],
        out.as_bytes(),
        &[],
    )?;
    Ok(String::from_utf8_lossy(&sha).trim().to_owned())
}

/// The tree of `commit` with the workbook's files renumbered.
fn translate_tree(
    repo: &Repo,
    commit: &str,
    renumbering: &Renumbering,
) -> Result<String, ResolveError> {
    let entries = repo.tree(commit)?;
    let shas: Vec<&str> = entries.iter().map(|(_, s)| s.as_str()).collect();
    let blobs = repo.blobs(&shas)?;
    let mut updates = String::new();
    for ((rel, _), bytes) in entries.iter().zip(blobs) {
        let Some(kind) = FileKind::of_path(rel) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let Ok((mut parsed, conflicts)) = Parsed::parse(kind, rel, &text) else {
            continue;
        };
        if !parsed.apply(renumbering) {
            continue;
        }
        let Ok(new) = parsed.render(&conflicts) else {
            continue;
        };
        let sha = repo.write_blob(new.as_bytes())?;
        updates.push_str(&format!("100644 {sha}\t{}\n", repo.path_of(rel)));
    }
    let tree = format!("{commit}^{{tree}}");
    if updates.is_empty() {
        return Ok(repo.run(&["rev-parse", &tree])?);
    }
    let scratch = tempfile::tempdir().map_err(|source| ResolveError::Write {
        file: "a temporary index".to_owned(),
        source,
    })?;
    let index = scratch.path().join("index");
    let env = [("GIT_INDEX_FILE", index.as_path())];
    super::run_with_input(&repo.top, &["read-tree", &tree], b"", &env)?;
    super::run_with_input(
        &repo.top,
        &["update-index", "--index-info"],
        updates.as_bytes(),
        &env,
    )?;
    let out = super::run_with_input(&repo.top, &["write-tree"], b"", &env)?;
    Ok(String::from_utf8_lossy(&out).trim().to_owned())
}
