//! Choosing a side for what a merge left undecided, as an edit.
//!
//! The merge driver leaves a conflict in the file it is about (see
//! [`crate::model::conflict`]): the record holds one side's values, the entry the
//! other side's. [`choose`] settles one entry, or one field of it, and returns the
//! change as an [`Edit`]: the record (or the manifest, the crisis roles, the call
//! order) with the chosen values, and the file's list of conflicts without the
//! entry. So the choice is undone, written to the recovery file and saved like
//! every other change; when a file has no entry left, saving writes the plain
//! file again and git can be told it is resolved.

use super::{OpError, find};
use crate::model::conflict::{self, Choice, Conflict};
use crate::model::edit::Edit;
use crate::model::renumber::kind_of_id;
use crate::model::{RecordKind, Workbook};

/// Settles the conflict number `index` of `file` (workbook-relative): keeps the
/// value the file holds ([`Choice::Kept`]) or takes the other side's, for one
/// field or for all the entry's fields. For a record deleted on one side and
/// changed on the other, keeping keeps the record and taking the other side
/// deletes it.
pub fn choose(
    workbook: &Workbook,
    file: &str,
    index: usize,
    field: Option<&str>,
    choice: Choice,
) -> Result<Edit, OpError> {
    let entry = workbook
        .conflicts
        .get(file)
        .and_then(|list| list.get(index))
        .ok_or_else(|| OpError::NoConflict(file.to_owned(), index))?;
    let record = match entry {
        Conflict::Changed { record, .. } => record.clone(),
        Conflict::Renumbered { .. } => return Err(OpError::Renumbering(file.to_owned())),
    };
    if file.starts_with("incidents/") {
        // Incident files are written entry by entry by the incident writer.
        return Err(OpError::ChooseByHand(file.to_owned()));
    }
    let mut after = workbook.clone();
    conflict::choose(&mut after, file, index, field, choice)
        .map_err(|e| OpError::Choose(e.to_string()))?;
    let mut edits = Vec::new();
    match &record {
        Some(id) => {
            let kind = kind_of_id(id.as_str())
                .filter(|k| *k != RecordKind::Incident)
                .ok_or_else(|| OpError::ChooseByHand(file.to_owned()))?;
            match (
                find(workbook, kind, id.as_str()),
                find(&after, kind, id.as_str()),
            ) {
                (Some(was), Some(now)) if was.record != now.record => {
                    edits.push(was.replaced_by(now.record))
                }
                (Some(was), None) => edits.push(was.removed()),
                _ => {}
            }
        }
        None => {
            if after.plan != workbook.plan {
                // The plan's phases have no edit of their own.
                return Err(OpError::ChooseByHand(file.to_owned()));
            }
            if after.manifest != workbook.manifest {
                edits.push(Edit::Manifest {
                    before: Box::new(workbook.manifest.clone()),
                    after: Box::new(after.manifest.clone()),
                });
            }
            if after.contacts.crisis_roles != workbook.contacts.crisis_roles {
                edits.push(Edit::CrisisRoles {
                    before: workbook.contacts.crisis_roles.clone(),
                    after: after.contacts.crisis_roles.clone(),
                });
            }
            if after.contacts.call_order != workbook.contacts.call_order {
                edits.push(Edit::CallOrder {
                    before: workbook.contacts.call_order.clone(),
                    after: after.contacts.call_order.clone(),
                });
            }
        }
    }
    let list = |w: &Workbook| w.conflicts.get(file).cloned().unwrap_or_default();
    edits.push(Edit::Conflicts {
        file: file.to_owned(),
        before: list(workbook),
        after: list(&after),
    });
    Ok(if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Group(edits)
    })
}
