//! What a merge could not decide, kept in the file it is about until someone chooses.
//!
//! paraat's merge driver merges records field by field. When the same field was
//! changed to different values on both sides, or a record was deleted on one side
//! and changed on the other, it cannot choose; git must then see the file as
//! conflicted, and yet the file must still load so paraat can show both values.
//! So the driver writes the merged file wrapped in [`Conflicted`]: the file as
//! usual (holding one side's values) followed by the list of [`Conflict`]s, each
//! with the other side's version of the record in full, typed like the rest of the
//! file. Nothing is text merge markers; the file stays strict RON.
//!
//! Choosing a side ([`choose`]) copies the chosen values into the file's record and
//! removes the entry. When no entry is left, saving writes the plain file again.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::*;

/// A file a merge left with conflicts: the merged file, then what is still to be
/// chosen. Written as `Conflicted(file: Risks(...), conflicts: [...])`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Conflicted")]
pub struct Conflicted<T> {
    pub file: T,
    pub conflicts: Vec<Conflict>,
}

/// One thing a merge left for a person to decide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Conflict {
    /// Both sides changed the same fields differently, or one side deleted a record
    /// the other changed. The file holds the `kept` side's values.
    Changed {
        /// The record (`R-002`), or `None` for the file's own fields (plan phases,
        /// crisis roles, the call order, the manifest's fields).
        #[serde(default)]
        record: Option<Id>,
        /// The fields whose values differ, as paths (`current.likelihood`,
        /// `phases[3].title`, `crisis_roles[IncidentLead].deputy`). Empty when the
        /// record was deleted on one side and changed on the other.
        #[serde(default)]
        fields: Vec<String>,
        /// Where the values in the file come from (git's name for that side: `HEAD`,
        /// a branch, a commit).
        kept: String,
        /// Where `other` comes from.
        other_side: String,
        /// The other side's version: the merged record with the other side's value
        /// in every conflicting field. `None` when the other side deleted the record.
        #[serde(default)]
        other: Option<Box<Version>>,
    },
    /// A record added on both sides under the same id got a new id, and files the
    /// merge driver could not see (changed on one side only, or `private/`) may
    /// still refer to the old one. `paraat git resolve` updates them and removes
    /// this entry.
    Renumbered {
        kind: RecordKind,
        /// The new id.
        record: Id,
        /// The id both sides had given it.
        was: Id,
        /// Which side's record was renumbered.
        side: Side,
        /// git's name for that side.
        side_name: String,
        /// Files that refer to `was` and still need updating.
        #[serde(default)]
        pending: Vec<String>,
    },
}

/// One side of a merge, as git calls them: ours is the checked-out side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Ours => Side::Theirs,
            Side::Theirs => Side::Ours,
        }
    }
}

/// The other side's version of what conflicts: a whole record, or the file's own
/// fields (for the manifest, the plan's phases, crisis roles and call order, and
/// an incident).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Version {
    ChecklistItem(ChecklistItem),
    Statement(Statement),
    Step(Step),
    FirstHourStep(FirstHourStep),
    Risk(Risk),
    Process(Process),
    System(System),
    Supplier(Supplier),
    Contact(Contact),
    Backup(Backup),
    Manifest(Box<Manifest>),
    /// The plan with its phases (and their steps) as the other side has them.
    Plan(Box<Plan>),
    /// contacts.ron's crisis roles and call order (its contact list left empty).
    Contacts(Box<Contacts>),
    Incident(Box<Incident>),
}

impl Conflict {
    /// The record this entry is about, if any.
    pub fn record(&self) -> Option<&Id> {
        match self {
            Conflict::Changed { record, .. } => record.as_ref(),
            Conflict::Renumbered { record, .. } => Some(record),
        }
    }
}

/// Which value to keep for a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The value the file holds now.
    Kept,
    /// The other side's value.
    Other,
}

/// Why a choice could not be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChooseError {
    #[error("{file} has no conflict number {index}")]
    NoSuchConflict { file: String, index: usize },
    #[error("this conflict is a renumbering; run `paraat git resolve` for it")]
    NotAChoice,
    #[error("`{0}` is not one of the conflicting fields")]
    NoSuchField(String),
    #[error("the record the conflict is about is no longer in the file")]
    RecordGone,
    #[error("the other value does not fit the record: {0}")]
    DoesNotFit(String),
}

/// Settles one conflict of `file` (a workbook-relative path): keeps the file's
/// value or takes the other side's, for one field (`field`) or all of them, and
/// removes the entry once no field is left to choose. The workbook is unchanged on
/// error.
pub fn choose(
    workbook: &mut Workbook,
    file: &str,
    index: usize,
    field: Option<&str>,
    choice: Choice,
) -> Result<(), ChooseError> {
    let no_such = || ChooseError::NoSuchConflict {
        file: file.to_owned(),
        index,
    };
    let conflict = workbook
        .conflicts
        .get(file)
        .and_then(|list| list.get(index))
        .cloned()
        .ok_or_else(no_such)?;
    let Conflict::Changed {
        record,
        fields,
        other,
        ..
    } = conflict
    else {
        return Err(ChooseError::NotAChoice);
    };
    let chosen: Vec<String> = match field {
        Some(f) if fields.iter().any(|x| x == f) => vec![f.to_owned()],
        Some(f) => return Err(ChooseError::NoSuchField(f.to_owned())),
        None => fields.clone(),
    };
    let mut copy = workbook.clone();
    if choice == Choice::Other {
        take_other(&mut copy, file, record.as_ref(), &chosen, other.as_deref())?;
    }
    let list = copy.conflicts.entry(file.to_owned()).or_default();
    let left: Vec<String> = fields.into_iter().filter(|f| !chosen.contains(f)).collect();
    if left.is_empty() {
        list.remove(index);
    } else if let Some(Conflict::Changed { fields, .. }) = list.get_mut(index) {
        *fields = left;
    }
    if list.is_empty() {
        copy.conflicts.remove(file);
    }
    *workbook = copy;
    Ok(())
}

/// Copies the other side's values for `fields` into the workbook, or applies the
/// other side's deletion when there are no fields and no other version.
fn take_other(
    workbook: &mut Workbook,
    file: &str,
    record: Option<&Id>,
    fields: &[String],
    other: Option<&Version>,
) -> Result<(), ChooseError> {
    let fit = |e: serde_json::Error| ChooseError::DoesNotFit(e.to_string());
    match (record, other) {
        // A record the other side deleted: delete it here too.
        (Some(id), None) => {
            if !remove_record(workbook, file, id) {
                return Err(ChooseError::RecordGone);
            }
            Ok(())
        }
        (Some(_), Some(other)) => {
            let (kind, other_json) = version_json(other).map_err(fit)?;
            let id = other.id().cloned().ok_or(ChooseError::RecordGone)?;
            let mut edit_ok = false;
            with_record_json(workbook, kind, &id, &mut |json| {
                for f in fields {
                    copy_path(json, &other_json, f);
                }
                edit_ok = true;
            })
            .map_err(fit)?;
            if edit_ok {
                Ok(())
            } else {
                Err(ChooseError::RecordGone)
            }
        }
        (None, Some(other)) => {
            let (_, other_json) = version_json(other).map_err(fit)?;
            match other {
                Version::Manifest(_) => {
                    let mut json = serde_json::to_value(&workbook.manifest).map_err(fit)?;
                    for f in fields {
                        copy_path(&mut json, &other_json, f);
                    }
                    workbook.manifest = serde_json::from_value(json).map_err(fit)?;
                }
                Version::Plan(_) => {
                    let mut json = serde_json::to_value(&workbook.plan).map_err(fit)?;
                    for f in fields {
                        copy_path(&mut json, &other_json, f);
                    }
                    workbook.plan = serde_json::from_value(json).map_err(fit)?;
                }
                Version::Contacts(_) => {
                    let mut json = serde_json::to_value(&workbook.contacts).map_err(fit)?;
                    for f in fields {
                        copy_path(&mut json, &other_json, f);
                    }
                    let mut contacts: Contacts = serde_json::from_value(json).map_err(fit)?;
                    // Private details are not in JSON: keep them on their contacts.
                    contacts.contacts = std::mem::take(&mut workbook.contacts.contacts);
                    workbook.contacts = contacts;
                }
                Version::Incident(incident) => {
                    let Some(mine) = workbook.incidents.iter_mut().find(|i| i.id == incident.id)
                    else {
                        return Err(ChooseError::RecordGone);
                    };
                    let mut json = serde_json::to_value(&*mine).map_err(fit)?;
                    for f in fields {
                        copy_path(&mut json, &other_json, f);
                    }
                    *mine = serde_json::from_value(json).map_err(fit)?;
                }
                _ => return Err(ChooseError::RecordGone),
            }
            Ok(())
        }
        (None, None) => Ok(()),
    }
}

impl Version {
    /// The id of the record this version is of, when it is one.
    pub fn id(&self) -> Option<&Id> {
        Some(match self {
            Version::ChecklistItem(r) => &r.id,
            Version::Statement(r) => &r.id,
            Version::Step(r) => &r.id,
            Version::FirstHourStep(r) => &r.id,
            Version::Risk(r) => &r.id,
            Version::Process(r) => &r.id,
            Version::System(r) => &r.id,
            Version::Supplier(r) => &r.id,
            Version::Contact(r) => &r.id,
            Version::Backup(r) => &r.id,
            Version::Incident(r) => &r.id,
            Version::Manifest(_) | Version::Plan(_) | Version::Contacts(_) => return None,
        })
    }

    /// The version as JSON, the way paths into it are read.
    pub fn to_json(&self) -> Result<Value, serde_json::Error> {
        version_json(self).map(|(_, json)| json)
    }
}

fn version_json(version: &Version) -> Result<(Option<RecordKind>, Value), serde_json::Error> {
    use serde_json::to_value as j;
    Ok(match version {
        Version::ChecklistItem(r) => (Some(RecordKind::ChecklistItem), j(r)?),
        Version::Statement(r) => (Some(RecordKind::Statement), j(r)?),
        Version::Step(r) => (Some(RecordKind::Step), j(r)?),
        Version::FirstHourStep(r) => (Some(RecordKind::FirstHourStep), j(r)?),
        Version::Risk(r) => (Some(RecordKind::Risk), j(r)?),
        Version::Process(r) => (Some(RecordKind::Process), j(r)?),
        Version::System(r) => (Some(RecordKind::System), j(r)?),
        Version::Supplier(r) => (Some(RecordKind::Supplier), j(r)?),
        Version::Contact(r) => (Some(RecordKind::Contact), j(r)?),
        Version::Backup(r) => (Some(RecordKind::Backup), j(r)?),
        Version::Incident(r) => (Some(RecordKind::Incident), j(r)?),
        Version::Manifest(r) => (None, j(r)?),
        Version::Plan(r) => (None, j(r)?),
        Version::Contacts(r) => (None, j(r)?),
    })
}

/// Runs `change` on the JSON of the record `id` of `kind` and stores the result.
fn with_record_json(
    workbook: &mut Workbook,
    kind: Option<RecordKind>,
    id: &Id,
    change: &mut dyn FnMut(&mut Value),
) -> Result<(), serde_json::Error> {
    fn edit<T: Serialize + serde::de::DeserializeOwned>(
        list: &mut [T],
        key: impl Fn(&T) -> &Id,
        id: &Id,
        change: &mut dyn FnMut(&mut Value),
        keep: impl Fn(&T, &mut T),
    ) -> Result<(), serde_json::Error> {
        if let Some(record) = list.iter_mut().find(|r| key(r) == id) {
            let mut json = serde_json::to_value(&*record)?;
            change(&mut json);
            let mut new: T = serde_json::from_value(json)?;
            keep(record, &mut new);
            *record = new;
        }
        Ok(())
    }
    fn none<T>(_: &T, _: &mut T) {}
    match kind {
        Some(RecordKind::ChecklistItem) => {
            edit(&mut workbook.checklist.items, |r| &r.id, id, change, none)
        }
        Some(RecordKind::Statement) => edit(
            &mut workbook.selfcheck.statements,
            |r| &r.id,
            id,
            change,
            none,
        ),
        Some(RecordKind::Step) => {
            for phase in &mut workbook.plan.phases {
                edit(&mut phase.steps, |r| &r.id, id, change, none)?;
            }
            Ok(())
        }
        Some(RecordKind::FirstHourStep) => {
            edit(&mut workbook.plan.first_hour, |r| &r.id, id, change, none)
        }
        Some(RecordKind::Risk) => edit(&mut workbook.risks.risks, |r| &r.id, id, change, none),
        Some(RecordKind::Process) => edit(
            &mut workbook.processes.processes,
            |r| &r.id,
            id,
            change,
            none,
        ),
        Some(RecordKind::System) => {
            edit(&mut workbook.processes.systems, |r| &r.id, id, change, none)
        }
        Some(RecordKind::Supplier) => edit(
            &mut workbook.processes.suppliers,
            |r| &r.id,
            id,
            change,
            none,
        ),
        Some(RecordKind::Contact) => edit(
            &mut workbook.contacts.contacts,
            |r| &r.id,
            id,
            change,
            |old: &Contact, new: &mut Contact| new.private = old.private.clone(),
        ),
        Some(RecordKind::Backup) => {
            edit(&mut workbook.backups.backups, |r| &r.id, id, change, none)
        }
        Some(RecordKind::Incident) => edit(&mut workbook.incidents, |r| &r.id, id, change, none),
        None => Ok(()),
    }
}

/// Removes the record `id` from the register `file` holds. `false` when absent.
fn remove_record(workbook: &mut Workbook, file: &str, id: &Id) -> bool {
    fn remove<T>(list: &mut Vec<T>, key: impl Fn(&T) -> &Id, id: &Id) -> bool {
        let before = list.len();
        list.retain(|r| key(r) != id);
        list.len() != before
    }
    let name = file.rsplit('/').next().unwrap_or(file);
    match name {
        "checklist.ron" => remove(&mut workbook.checklist.items, |r| &r.id, id),
        "selfcheck.ron" => remove(&mut workbook.selfcheck.statements, |r| &r.id, id),
        "plan.ron" => {
            let mut any = remove(&mut workbook.plan.first_hour, |r| &r.id, id);
            for phase in &mut workbook.plan.phases {
                any |= remove(&mut phase.steps, |r| &r.id, id);
            }
            any
        }
        "risks.ron" => remove(&mut workbook.risks.risks, |r| &r.id, id),
        "processes.ron" => {
            remove(&mut workbook.processes.processes, |r| &r.id, id)
                || remove(&mut workbook.processes.systems, |r| &r.id, id)
                || remove(&mut workbook.processes.suppliers, |r| &r.id, id)
        }
        "contacts.ron" => remove(&mut workbook.contacts.contacts, |r| &r.id, id),
        "backups.ron" => remove(&mut workbook.backups.backups, |r| &r.id, id),
        _ => false,
    }
}

/// One step of a field path: a field name, or the element of a keyed list
/// (`phases[3]` is the phase whose `number` is 3; `crisis_roles[IncidentLead]` the
/// role; `steps[STEP-3.2]` the step).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathStep<'a> {
    Field(&'a str),
    Key(&'a str),
}

/// Splits `current.likelihood` or `phases[3].title` into steps.
pub fn path_steps(path: &str) -> Vec<PathStep<'_>> {
    let mut steps = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            steps.push(PathStep::Field(&rest[..open]));
            rest = &rest[open..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let close = stripped.find(']').unwrap_or(stripped.len());
                steps.push(PathStep::Key(&stripped[..close]));
                rest = stripped.get(close + 1..).unwrap_or("");
            }
        } else {
            steps.push(PathStep::Field(rest));
        }
    }
    steps
}

/// The element of a keyed JSON list whose key field holds `key`.
pub fn keyed_index(list: &[Value], key: &str) -> Option<usize> {
    list.iter().position(|item| {
        ["id", "number", "role", "contact"].iter().any(|field| {
            item.get(field).is_some_and(|v| match v {
                Value::String(s) => s == key,
                Value::Number(n) => n.to_string() == key,
                _ => false,
            })
        })
    })
}

/// The value at `path` in `json`, if there is one.
pub fn value_at<'a>(json: &'a Value, path: &str) -> Option<&'a Value> {
    let mut at = json;
    for step in path_steps(path) {
        at = match step {
            PathStep::Field(name) => at.get(name)?,
            PathStep::Key(key) => {
                let list = at.as_array()?;
                &list[keyed_index(list, key)?]
            }
        };
    }
    Some(at)
}

/// Copies the value at `path` from `from` into `to`: replaces it, inserts it into a
/// keyed list, or removes it when `from` has none there.
pub fn copy_path(to: &mut Value, from: &Value, path: &str) {
    let steps = path_steps(path);
    let Some((last, parents)) = steps.split_last() else {
        *to = from.clone();
        return;
    };
    let source = value_at(from, path).cloned();
    let mut at = to;
    for step in parents {
        let next = match step {
            PathStep::Field(name) => at.get_mut(*name),
            PathStep::Key(key) => match at.as_array_mut() {
                Some(list) => match keyed_index(list, key) {
                    Some(i) => list.get_mut(i),
                    None => None,
                },
                None => None,
            },
        };
        match next {
            Some(next) => at = next,
            None => return,
        }
    }
    match last {
        PathStep::Field(name) => {
            if let (Some(map), Some(value)) = (at.as_object_mut(), source) {
                map.insert((*name).to_owned(), value);
            }
        }
        PathStep::Key(key) => {
            if let Some(list) = at.as_array_mut() {
                match (keyed_index(list, key), source) {
                    (Some(i), Some(value)) => list[i] = value,
                    (Some(i), None) => {
                        list.remove(i);
                    }
                    (None, Some(value)) => list.push(value),
                    (None, None) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_fields_and_keys() {
        assert_eq!(
            path_steps("phases[3].title"),
            vec![
                PathStep::Field("phases"),
                PathStep::Key("3"),
                PathStep::Field("title")
            ]
        );
        assert_eq!(
            path_steps("current.likelihood"),
            vec![PathStep::Field("current"), PathStep::Field("likelihood")]
        );
    }

    #[test]
    fn copy_path_replaces_inserts_and_removes() {
        let mut to = serde_json::json!({"a": {"b": 1}, "list": [{"number": 1, "t": "x"}]});
        let from = serde_json::json!({"a": {"b": 2}, "list": [{"number": 2, "t": "y"}]});
        copy_path(&mut to, &from, "a.b");
        assert_eq!(to["a"]["b"], 2);
        copy_path(&mut to, &from, "list[2]");
        copy_path(&mut to, &from, "list[1]");
        assert_eq!(to["list"], serde_json::json!([{"number": 2, "t": "y"}]));
    }
}
