//! Ids looked up in constant time, so every rule stays linear in the workbook's size.

use std::collections::{HashMap, HashSet};

use crate::model::Workbook;

/// Which ids exist, per kind of record.
#[derive(Debug, Default)]
pub struct Index<'a> {
    pub risks: HashSet<&'a str>,
    pub processes: HashSet<&'a str>,
    pub systems: HashSet<&'a str>,
    pub suppliers: HashSet<&'a str>,
    pub contacts: HashSet<&'a str>,
    pub backups: HashSet<&'a str>,
    pub steps: HashSet<&'a str>,
    pub first_hour: HashSet<&'a str>,
    pub statements: HashSet<&'a str>,
    pub incidents: HashSet<&'a str>,
    /// Contacts by id, for rules that read their fields.
    pub contact: HashMap<&'a str, &'a crate::model::Contact>,
}

impl<'a> Index<'a> {
    pub fn new(workbook: &'a Workbook) -> Index<'a> {
        fn ids<T>(records: &[T], id: fn(&T) -> &str) -> HashSet<&str> {
            records.iter().map(id).collect()
        }
        Index {
            risks: ids(&workbook.risks.risks, |r| r.id.as_str()),
            processes: ids(&workbook.processes.processes, |r| r.id.as_str()),
            systems: ids(&workbook.processes.systems, |r| r.id.as_str()),
            suppliers: ids(&workbook.processes.suppliers, |r| r.id.as_str()),
            contacts: ids(&workbook.contacts.contacts, |r| r.id.as_str()),
            backups: ids(&workbook.backups.backups, |r| r.id.as_str()),
            steps: workbook.steps().map(|(_, s)| s.id.as_str()).collect(),
            first_hour: ids(&workbook.plan.first_hour, |r| r.id.as_str()),
            statements: ids(&workbook.selfcheck.statements, |r| r.id.as_str()),
            incidents: ids(&workbook.incidents, |r| r.id.as_str()),
            contact: workbook
                .contacts
                .contacts
                .iter()
                .map(|c| (c.id.as_str(), c))
                .collect(),
        }
    }
}
