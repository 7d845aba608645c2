//! Merging workbook files by record, not by line: the engine of `paraat
//! merge-file`, the merge driver git runs for `*.ron`.
//!
//! Records are matched by id across base, ours and theirs. A field changed on one
//! side takes that change; records added on either side are all kept (in id order
//! in the registers); the high-water marks take the larger number; incident
//! timelines are the union of their entries in time order. Only the same field
//! changed to different values on both sides, or a record deleted on one side and
//! changed on the other, is a conflict: it is written into the file as data (see
//! [`crate::model::conflict`]) so the file still loads and shows both values.
//!
//! Two sides that each add "the next risk" pick the same id. Such a collision is
//! not a conflict: one side's record is renumbered ([`Options::side`]), with every
//! reference to it in the file. Because git runs the driver once per file, and not
//! at all for a file only one side changed, the renumbering is decided for the
//! whole workbook at once ([`plan`]) from every file's three versions, and each
//! file's merge applies the same decision; `docs/git.md` explains what runs when.
//!
//! Everything here is pure: texts in, canonical text out. Running git is the
//! business of [`crate::git`].

mod fast;
mod files;
mod sequence;
mod units;
mod value;

use std::collections::BTreeMap;

pub use files::{FileKind, Parsed};
pub use sequence::{merge_set, merge3};

use crate::model::conflict::{Conflict, Side};
use crate::model::renumber::Renumbering;
use crate::model::{Id, RecordKind};
use crate::store::error::FileError;

/// What the merge of one file needs to know besides its three versions.
#[derive(Clone, Debug)]
pub struct Options {
    /// git's names for the two sides (`HEAD`, `feature`, `1a2b3c4 (Add a risk)`).
    pub ours: String,
    pub theirs: String,
    /// The side whose records get new ids when both sides added the same id.
    pub side: Side,
    /// The renumbering decided for the whole workbook, applied to `side`'s version.
    pub renumbering: Renumbering,
    /// Numbers in use anywhere (other versions, the rest of a rebase): new ids are
    /// taken above them.
    pub taken: Taken,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            ours: "ours".to_owned(),
            theirs: "theirs".to_owned(),
            side: Side::Theirs,
            renumbering: Renumbering::new(),
            taken: Taken::default(),
        }
    }
}

/// One record that got a new id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renumbered {
    pub kind: RecordKind,
    pub from: Id,
    pub to: Id,
    /// Its title or name.
    pub name: String,
}

/// The result of merging one file.
#[derive(Clone, Debug)]
pub struct Merged {
    /// The canonical text to write.
    pub text: String,
    /// The merged file (parsed from `text` when the merge did not need it).
    parsed: std::sync::OnceLock<Parsed>,
    kind: FileKind,
    /// The conflicts left in the file (also in `text`).
    pub conflicts: Vec<Conflict>,
    /// Records of this file that got a new id.
    pub renumbered: Vec<Renumbered>,
}

impl Merged {
    /// The merged file.
    pub fn parsed(&self) -> &Parsed {
        self.parsed.get_or_init(|| {
            Parsed::parse(self.kind, "merged", &self.text)
                .map(|(p, _)| p)
                .expect("the merge writes what it can read")
        })
    }

    /// Field conflicts (a renumbering note is not one).
    pub fn has_conflicts(&self) -> bool {
        self.conflicts
            .iter()
            .any(|c| matches!(c, Conflict::Changed { .. }))
    }
}

/// Why a file could not be merged by record (the driver then falls back to git's
/// line merge, which marks the file conflicted).
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{0} is not a workbook file")]
    NotAWorkbookFile(String),
    #[error("{side} version does not load: {error}")]
    Parse {
        side: &'static str,
        error: FileError,
    },
    #[error("the id {0} is used by more than one record")]
    DuplicateId(String),
    #[error("the merged values do not fit together: {0}")]
    Shape(String),
    #[error("cannot write the result: {0}")]
    Render(String),
}

/// The state of one merge, shared by the parts of a file.
pub(crate) struct Cx<'a> {
    names: [&'a str; 2],
    pub conflicts: Vec<Conflict>,
}

impl Cx<'_> {
    pub fn name(&self, side: Side) -> &str {
        match side {
            Side::Ours => self.names[0],
            Side::Theirs => self.names[1],
        }
    }
}

/// The highest number in use per kind of record (per phase for plan steps), from
/// ids and high-water marks: a new id is taken above it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Taken {
    top: BTreeMap<(RecordKind, u32), u32>,
}

impl Taken {
    fn bump(&mut self, key: (RecordKind, u32), n: u32) {
        let top = self.top.entry(key).or_insert(0);
        *top = (*top).max(n);
    }

    /// Notes an id in use.
    pub fn see(&mut self, kind: RecordKind, id: &Id) {
        if let Some((phase, n)) = number_of(kind, id) {
            self.bump((kind, phase), n);
        }
    }

    /// Notes a high-water mark (the next number to hand out).
    pub fn mark(&mut self, kind: RecordKind, phase: u32, next: u32) {
        self.bump((kind, phase), next.saturating_sub(1));
    }

    /// Everything `other` has seen too.
    pub fn extend(&mut self, other: &Taken) {
        for (key, n) in &other.top {
            self.bump(*key, *n);
        }
    }

    /// A new id of `kind` like `like` (same phase for steps), above everything seen;
    /// it counts as seen from then on.
    pub fn next(&mut self, kind: RecordKind, like: &Id) -> Id {
        let phase = number_of(kind, like).map_or(0, |(phase, _)| phase);
        let key = (kind, phase);
        let n = self.top.get(&key).copied().unwrap_or(0).saturating_add(1);
        self.bump(key, n);
        match kind {
            RecordKind::Step => Id(format!("STEP-{phase}.{n}")),
            _ => Id::with_number(kind.prefix(), n, kind.width()),
        }
    }
}

/// `(phase, number)` of an id (phase 0 outside the plan's steps).
fn number_of(kind: RecordKind, id: &Id) -> Option<(u32, u32)> {
    match kind {
        RecordKind::Step => {
            let rest = id.as_str().strip_prefix("STEP-")?;
            let (phase, n) = rest.split_once('.')?;
            Some((phase.parse().ok()?, n.parse().ok()?))
        }
        RecordKind::Incident => None,
        _ => id.number(kind.prefix()).map(|n| (0, n)),
    }
}

fn parse_side(
    kind: FileKind,
    path: &str,
    text: &str,
    side: &'static str,
) -> Result<(Parsed, Vec<Conflict>), MergeError> {
    Parsed::parse(kind, path, text).map_err(|error| MergeError::Parse { side, error })
}

/// Merges three versions of the workbook file at `path` (the base is `None` or
/// empty when both sides added the file).
pub fn merge_texts(
    path: &str,
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    options: &Options,
) -> Result<Merged, MergeError> {
    let kind =
        FileKind::of_path(path).ok_or_else(|| MergeError::NotAWorkbookFile(path.to_owned()))?;
    if let Some(text) = quick(kind, path, base, ours, theirs, options) {
        let text = text?;
        debug_assert_eq!(
            Some(&text),
            merge_fully(kind, path, base, ours, theirs, options)
                .ok()
                .map(|m| m.text)
                .as_ref(),
            "the quick way and the full way agree"
        );
        return Ok(Merged {
            text,
            parsed: std::sync::OnceLock::new(),
            kind,
            conflicts: Vec::new(),
            renumbered: Vec::new(),
        });
    }
    merge_fully(kind, path, base, ours, theirs, options)
}

/// [`merge_texts`] without the quick way (for tests that compare the two).
#[doc(hidden)]
pub fn merge_texts_fully(
    path: &str,
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    options: &Options,
) -> Result<Merged, MergeError> {
    let kind =
        FileKind::of_path(path).ok_or_else(|| MergeError::NotAWorkbookFile(path.to_owned()))?;
    merge_fully(kind, path, base, ours, theirs, options)
}

/// Whether the quick way merges these versions (for tests).
#[doc(hidden)]
pub fn merges_quickly(path: &str, base: Option<&str>, ours: &str, theirs: &str) -> bool {
    FileKind::of_path(path)
        .and_then(|kind| quick(kind, path, base, ours, theirs, &Options::default()))
        .is_some_and(|r| r.is_ok())
}

fn merge_fully(
    kind: FileKind,
    path: &str,
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    options: &Options,
) -> Result<Merged, MergeError> {
    // The three versions are parsed side by side: parsing is most of the work.
    let base = base.filter(|text| !text.trim().is_empty());
    let (o, t, b) = std::thread::scope(|scope| {
        let t = scope.spawn(|| parse_side(kind, path, theirs, "their"));
        let b = scope.spawn(|| base.map(|text| parse_side(kind, path, text, "the base")));
        let o = parse_side(kind, path, ours, "our");
        let t = t
            .join()
            .unwrap_or_else(|_| Err(MergeError::Shape("a reader stopped".to_owned())));
        let b = b
            .join()
            .unwrap_or_else(|_| Some(Err(MergeError::Shape("a reader stopped".to_owned()))));
        (o, t, b)
    });
    let (mut o, o_conflicts) = o?;
    let (mut t, t_conflicts) = t?;
    let b = match b {
        Some(parsed) => Some(parsed?.0),
        None => Parsed::empty(kind),
    };

    let side = options.side;
    // Only the records this side has under an id that is renumbered matter.
    let mut before: Vec<(RecordKind, Id)> = if options.renumbering.is_empty() {
        Vec::new()
    } else {
        files::side_of(side, &o, &t).ids()
    };
    {
        let renumbered = match side {
            Side::Ours => &mut o,
            Side::Theirs => &mut t,
        };
        renumbered.apply(&options.renumbering);
    }
    // Collisions the whole-workbook plan did not settle (it was not available).
    let local = Parsed::collisions(b.as_ref(), &o, &t);
    let mut renumbering = options.renumbering.clone();
    if !local.is_empty() {
        let mut taken = options.taken.clone();
        for version in [b.as_ref(), Some(&o), Some(&t)].into_iter().flatten() {
            version.note_taken(&mut taken);
        }
        let mut more = Renumbering::new();
        for (k, id) in &local {
            more.insert(*k, id.clone(), taken.next(*k, id));
        }
        match side {
            Side::Ours => o.apply(&more),
            Side::Theirs => t.apply(&more),
        };
        for (k, from, to) in more.iter() {
            renumbering.insert(k, from.clone(), to.clone());
        }
        before.extend(local);
    }

    let mut cx = Cx {
        names: [options.ours.as_str(), options.theirs.as_str()],
        conflicts: Vec::new(),
    };
    let mut merged = Parsed::merge(b.as_ref(), &o, &t, &mut cx)?;

    let mut renumbered = Vec::new();
    for (k, from, to) in renumbering.iter() {
        if before.iter().any(|(bk, bid)| *bk == k && bid == from) {
            merged.raise_mark(k, to);
            renumbered.push(Renumbered {
                kind: k,
                from: from.clone(),
                to: to.clone(),
                name: merged.name_of(to).unwrap_or_default(),
            });
        }
    }

    let mut conflicts = Vec::new();
    for c in o_conflicts
        .into_iter()
        .chain(t_conflicts)
        .chain(cx.conflicts)
    {
        if !conflicts.contains(&c) {
            conflicts.push(c);
        }
    }
    let text = merged.render(&conflicts).map_err(MergeError::Render)?;
    Ok(Merged {
        text,
        parsed: std::sync::OnceLock::from(merged),
        kind,
        conflicts,
        renumbered,
    })
}

/// The quick way for the big registers (see [`fast`]); `None`: the full way.
fn quick(
    kind: FileKind,
    path: &str,
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    options: &Options,
) -> Option<Result<String, MergeError>> {
    if !options.renumbering.is_empty() {
        return None;
    }
    let base = base.filter(|b| !b.trim().is_empty())?;
    // The quick way carries records over as text: only texts the store reads
    // (no merge markers, also none inside a text) may take it; any other goes
    // the full way, which refuses them as the store does.
    for text in [base, ours, theirs] {
        crate::store::format::check_text(path, text.as_bytes()).ok()?;
    }
    let mut cx = Cx {
        names: [options.ours.as_str(), options.theirs.as_str()],
        conflicts: Vec::new(),
    };
    match kind {
        FileKind::Risks => fast::merge_register(path, base, ours, theirs, &mut cx, Parsed::Risks),
        FileKind::Contacts => {
            fast::merge_register(path, base, ours, theirs, &mut cx, Parsed::Contacts)
        }
        FileKind::Backups => {
            fast::merge_register(path, base, ours, theirs, &mut cx, Parsed::Backups)
        }
        _ => None,
    }
}

/// Three versions of a workbook, as texts by path relative to the workbook folder.
pub type Snapshot = BTreeMap<String, String>;

/// Decides the renumbering for a whole workbook: every id added on both sides as
/// different records, in any file, gets a new id above every number used in any of
/// the versions (and in `also`, the rest of a branch being rebased). Files that do
/// not load are left to their own merge.
pub fn plan(
    base: &Snapshot,
    ours: &Snapshot,
    theirs: &Snapshot,
    also: &[&Snapshot],
) -> (Renumbering, Taken) {
    let mut renumbering = Renumbering::new();
    let mut taken = Taken::default();
    for (path, o_text) in ours {
        let Some(kind) = FileKind::of_path(path) else {
            continue;
        };
        if kind.record_kinds().is_empty() {
            continue;
        }
        let Some(t_text) = theirs.get(path) else {
            continue;
        };
        let b_text = base.get(path);
        if o_text == t_text || b_text == Some(t_text) || b_text == Some(o_text) {
            continue;
        }
        if !added_on_both_sides(b_text.map(String::as_str), o_text, t_text) {
            continue;
        }
        let parse = |text: &str| Parsed::parse(kind, path, text).ok().map(|p| p.0);
        let (Some(o), Some(t)) = (parse(o_text), parse(t_text)) else {
            continue;
        };
        let b = match b_text {
            Some(text) => parse(text),
            None => Parsed::empty(kind),
        };
        let colliding = Parsed::collisions(b.as_ref(), &o, &t);
        if colliding.is_empty() {
            continue;
        }
        let mut here = Taken::default();
        for version in [b.as_ref(), Some(&o), Some(&t)].into_iter().flatten() {
            version.note_taken(&mut here);
        }
        for snapshot in also {
            if let Some(p) = snapshot.get(path).and_then(|text| parse(text)) {
                p.note_taken(&mut here);
            }
        }
        for (k, id) in colliding {
            renumbering.insert(k, id.clone(), here.next(k, &id));
        }
        taken.extend(&here);
    }
    (renumbering, taken)
}

/// A quick look, without parsing, for ids that both sides have and the base has
/// not: only then can records collide.
fn added_on_both_sides(base: Option<&str>, ours: &str, theirs: &str) -> bool {
    let ids = |text: &str| -> std::collections::HashSet<String> {
        let bytes = text.as_bytes();
        memchr::memmem::find_iter(bytes, b"id: \"")
            .filter_map(|at| {
                let rest = &text[at + 5..];
                rest.find('"').map(|end| rest[..end].to_owned())
            })
            .collect()
    };
    let b = base.map(ids).unwrap_or_default();
    let t = ids(theirs);
    ids(ours).iter().any(|id| t.contains(id) && !b.contains(id))
}

#[cfg(test)]
mod tests;
