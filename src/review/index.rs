//! Ids looked up in constant time, so every rule stays linear in the workbook's size.
//!
//! Built once per review: a set of the ids of every kind (for the integrity rules),
//! the records by id for rules that read their fields, and the dependencies the
//! continuity rules follow (which backups cover a system, which processes need it).
//! The tables hash with `rustc_hash` (FxHash): ids come from the workbook, not from
//! an attacker choosing collisions, and it is several times faster than the default
//! SipHash on short keys, which is most of what building and probing them costs.

pub use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{Backup, Contact, Process, Step, Supplier, System, Workbook};

/// Which ids exist, per kind of record, and the records rules look up.
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
    pub contact: HashMap<&'a str, &'a Contact>,
    pub system: HashMap<&'a str, &'a System>,
    pub supplier: HashMap<&'a str, &'a Supplier>,
    pub step: HashMap<&'a str, &'a Step>,
    /// The backups covering each system (by system id), in file order.
    pub backups_of_system: HashMap<&'a str, Vec<&'a Backup>>,
    /// The processes depending on each system (by system id), in file order.
    pub processes_of_system: HashMap<&'a str, Vec<&'a Process>>,
}

impl<'a> Index<'a> {
    pub fn new(workbook: &'a Workbook) -> Index<'a> {
        fn ids<T>(records: &[T], id: fn(&T) -> &str) -> HashSet<&str> {
            records.iter().map(id).collect()
        }
        fn by_id<T>(records: &[T], id: fn(&T) -> &str) -> HashMap<&str, &T> {
            records.iter().map(|r| (id(r), r)).collect()
        }
        let mut backups_of_system: HashMap<&str, Vec<&Backup>> = HashMap::default();
        for backup in &workbook.backups.backups {
            for system in &backup.systems {
                let covered = backups_of_system.entry(system.as_str()).or_default();
                // A backup that lists a system twice still covers it once.
                if !covered.last().is_some_and(|b| std::ptr::eq(*b, backup)) {
                    covered.push(backup);
                }
            }
        }
        let mut processes_of_system: HashMap<&str, Vec<&Process>> = HashMap::default();
        for process in &workbook.processes.processes {
            for system in &process.systems {
                let needed = processes_of_system.entry(system.as_str()).or_default();
                if !needed.last().is_some_and(|p| std::ptr::eq(*p, process)) {
                    needed.push(process);
                }
            }
        }
        let steps: Vec<&Step> = workbook.steps().map(|(_, s)| s).collect();
        Index {
            risks: ids(&workbook.risks.risks, |r| r.id.as_str()),
            processes: ids(&workbook.processes.processes, |r| r.id.as_str()),
            systems: ids(&workbook.processes.systems, |r| r.id.as_str()),
            suppliers: ids(&workbook.processes.suppliers, |r| r.id.as_str()),
            contacts: ids(&workbook.contacts.contacts, |r| r.id.as_str()),
            backups: ids(&workbook.backups.backups, |r| r.id.as_str()),
            steps: steps.iter().map(|s| s.id.as_str()).collect(),
            first_hour: ids(&workbook.plan.first_hour, |r| r.id.as_str()),
            statements: ids(&workbook.selfcheck.statements, |r| r.id.as_str()),
            incidents: ids(&workbook.incidents, |r| r.id.as_str()),
            contact: by_id(&workbook.contacts.contacts, |r| r.id.as_str()),
            system: by_id(&workbook.processes.systems, |r| r.id.as_str()),
            supplier: by_id(&workbook.processes.suppliers, |r| r.id.as_str()),
            step: steps.iter().map(|s| (s.id.as_str(), *s)).collect(),
            backups_of_system,
            processes_of_system,
        }
    }
}
