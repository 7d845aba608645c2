//! The records a CSV import brings, added as one edit.

use crate::model::edit::{Edit, Record};
use crate::model::{Contact, Risk, Workbook};

/// Adds `contacts` and `risks` (with ids fresh in the workbook) after the records
/// already there, as one edit. Adding moves each register's high-water mark past
/// the new ids. `None` when there is nothing to add.
pub fn add_imported(workbook: &Workbook, contacts: &[Contact], risks: &[Risk]) -> Option<Edit> {
    let at = |start: usize, i: usize| start + i;
    let (c0, r0) = (workbook.contacts.contacts.len(), workbook.risks.risks.len());
    let edits: Vec<Edit> = contacts
        .iter()
        .enumerate()
        .map(|(i, c)| (at(c0, i), Record::Contact(c.clone())))
        .chain(
            risks
                .iter()
                .enumerate()
                .map(|(i, r)| (at(r0, i), Record::Risk(r.clone()))),
        )
        .map(|(index, record)| Edit::Record {
            phase: None,
            index,
            before: None,
            after: Some(record),
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Group(edits))
}
