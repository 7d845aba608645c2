//! Ids looked up in constant time, so every rule stays linear in the workbook's size.
//!
//! A set of the ids of every kind (for the integrity rules), the records by id for
//! rules that read their fields, and the dependencies the continuity rules follow
//! (which backups cover a system, which processes need it). Each table is built
//! the first time a rule asks for it, so a review of one register (after an edit
//! to it) builds only the tables its rules use. The tables hash with `rustc_hash`
//! (FxHash): ids come from the workbook, not from an attacker choosing collisions,
//! and it is several times faster than the default SipHash on short keys, which is
//! most of what building and probing them costs.

use std::sync::OnceLock;

pub use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::{Backup, Contact, Process, Risk, Statement, Step, Supplier, System, Workbook};

/// Which ids exist, per kind of record, and the records rules look up. Safe to
/// share between the review's threads: each table is built once, by whichever
/// thread asks first.
#[derive(Debug)]
pub struct Index<'a> {
    workbook: &'a Workbook,
    risks: OnceLock<HashSet<&'a str>>,
    processes: OnceLock<HashSet<&'a str>>,
    systems: OnceLock<HashSet<&'a str>>,
    suppliers: OnceLock<HashSet<&'a str>>,
    contacts: OnceLock<HashSet<&'a str>>,
    backups: OnceLock<HashSet<&'a str>>,
    steps: OnceLock<HashSet<&'a str>>,
    first_hour: OnceLock<HashSet<&'a str>>,
    statements: OnceLock<HashSet<&'a str>>,
    incidents: OnceLock<HashSet<&'a str>>,
    contact: OnceLock<HashMap<&'a str, &'a Contact>>,
    system: OnceLock<HashMap<&'a str, &'a System>>,
    supplier: OnceLock<HashMap<&'a str, &'a Supplier>>,
    step: OnceLock<HashMap<&'a str, &'a Step>>,
    risk: OnceLock<HashMap<&'a str, &'a Risk>>,
    process: OnceLock<HashMap<&'a str, &'a Process>>,
    statement: OnceLock<HashMap<&'a str, &'a Statement>>,
    backup: OnceLock<HashMap<&'a str, &'a Backup>>,
    backups_of_system: OnceLock<HashMap<&'a str, Vec<&'a Backup>>>,
    processes_of_system: OnceLock<HashMap<&'a str, Vec<&'a Process>>>,
}

fn ids<T>(records: &[T], id: fn(&T) -> &str) -> HashSet<&str> {
    records.iter().map(id).collect()
}

/// Records by id; the first of a duplicated id wins, as everywhere else (the
/// integrity rules report the duplicate).
fn by_id<T>(records: &[T], id: fn(&T) -> &str) -> HashMap<&str, &T> {
    let mut map = HashMap::with_capacity_and_hasher(records.len(), Default::default());
    for record in records {
        map.entry(id(record)).or_insert(record);
    }
    map
}

impl<'a> Index<'a> {
    pub fn new(workbook: &'a Workbook) -> Index<'a> {
        Index {
            workbook,
            risks: OnceLock::new(),
            processes: OnceLock::new(),
            systems: OnceLock::new(),
            suppliers: OnceLock::new(),
            contacts: OnceLock::new(),
            backups: OnceLock::new(),
            steps: OnceLock::new(),
            first_hour: OnceLock::new(),
            statements: OnceLock::new(),
            incidents: OnceLock::new(),
            contact: OnceLock::new(),
            system: OnceLock::new(),
            supplier: OnceLock::new(),
            step: OnceLock::new(),
            risk: OnceLock::new(),
            process: OnceLock::new(),
            statement: OnceLock::new(),
            backup: OnceLock::new(),
            backups_of_system: OnceLock::new(),
            processes_of_system: OnceLock::new(),
        }
    }

    pub fn risks(&self) -> &HashSet<&'a str> {
        let wb = self.workbook;
        self.risks
            .get_or_init(|| ids(&wb.risks.risks, |r| r.id.as_str()))
    }

    pub fn processes(&self) -> &HashSet<&'a str> {
        let wb = self.workbook;
        self.processes
            .get_or_init(|| ids(&wb.processes.processes, |r| r.id.as_str()))
    }

    pub fn systems(&self) -> &HashSet<&'a str> {
        let wb = self.workbook;
        self.systems
            .get_or_init(|| ids(&wb.processes.systems, |r| r.id.as_str()))
    }

    pub fn suppliers(&self) -> &HashSet<&'a str> {
        let wb = self.workbook;
        self.suppliers
            .get_or_init(|| ids(&wb.processes.suppliers, |r| r.id.as_str()))
    }

    pub fn contacts(&self) -> &HashSet<&'a str> {
        let wb = self.workbook;
        self.contacts
            .get_or_init(|| ids(&wb.contacts.contacts, |r| r.id.as_str()))
    }

    pub fn backups(&self) -> &HashSet<&'a str> {
        let wb = self.workbook;
        self.backups
            .get_or_init(|| ids(&wb.backups.backups, |r| r.id.as_str()))
    }

    pub fn steps(&self) -> &HashSet<&'a str> {
        let wb = self.workbook;
        self.steps
            .get_or_init(|| wb.steps().map(|(_, s)| s.id.as_str()).collect())
    }

    pub fn first_hour(&self) -> &HashSet<&'a str> {
        let wb = self.workbook;
        self.first_hour
            .get_or_init(|| ids(&wb.plan.first_hour, |r| r.id.as_str()))
    }

    pub fn statements(&self) -> &HashSet<&'a str> {
        let wb = self.workbook;
        self.statements
            .get_or_init(|| ids(&wb.selfcheck.statements, |r| r.id.as_str()))
    }

    pub fn incidents(&self) -> &HashSet<&'a str> {
        let wb = self.workbook;
        self.incidents
            .get_or_init(|| ids(&wb.incidents, |r| r.id.as_str()))
    }

    /// Contacts by id, for rules that read their fields.
    pub fn contact(&self) -> &HashMap<&'a str, &'a Contact> {
        let wb = self.workbook;
        self.contact
            .get_or_init(|| by_id(&wb.contacts.contacts, |r| r.id.as_str()))
    }

    pub fn system(&self) -> &HashMap<&'a str, &'a System> {
        let wb = self.workbook;
        self.system
            .get_or_init(|| by_id(&wb.processes.systems, |r| r.id.as_str()))
    }

    pub fn supplier(&self) -> &HashMap<&'a str, &'a Supplier> {
        let wb = self.workbook;
        self.supplier
            .get_or_init(|| by_id(&wb.processes.suppliers, |r| r.id.as_str()))
    }

    pub fn step(&self) -> &HashMap<&'a str, &'a Step> {
        let wb = self.workbook;
        self.step.get_or_init(|| {
            let mut map = HashMap::default();
            for (_, step) in wb.steps() {
                map.entry(step.id.as_str()).or_insert(step);
            }
            map
        })
    }

    pub fn risk(&self) -> &HashMap<&'a str, &'a Risk> {
        let wb = self.workbook;
        self.risk
            .get_or_init(|| by_id(&wb.risks.risks, |r| r.id.as_str()))
    }

    pub fn process(&self) -> &HashMap<&'a str, &'a Process> {
        let wb = self.workbook;
        self.process
            .get_or_init(|| by_id(&wb.processes.processes, |r| r.id.as_str()))
    }

    pub fn statement(&self) -> &HashMap<&'a str, &'a Statement> {
        let wb = self.workbook;
        self.statement
            .get_or_init(|| by_id(&wb.selfcheck.statements, |r| r.id.as_str()))
    }

    pub fn backup(&self) -> &HashMap<&'a str, &'a Backup> {
        let wb = self.workbook;
        self.backup
            .get_or_init(|| by_id(&wb.backups.backups, |r| r.id.as_str()))
    }

    /// The workbook the index is of.
    pub fn workbook(&self) -> &'a Workbook {
        self.workbook
    }

    /// The backups covering each system (by system id), in file order.
    pub fn backups_of_system(&self) -> &HashMap<&'a str, Vec<&'a Backup>> {
        let wb = self.workbook;
        self.backups_of_system.get_or_init(|| {
            let mut covered: HashMap<&str, Vec<&Backup>> = HashMap::default();
            for backup in &wb.backups.backups {
                for system in &backup.systems {
                    let list = covered.entry(system.as_str()).or_default();
                    // A backup that lists a system twice still covers it once.
                    if !list.last().is_some_and(|b| std::ptr::eq(*b, backup)) {
                        list.push(backup);
                    }
                }
            }
            covered
        })
    }

    /// The processes depending on each system (by system id), in file order.
    pub fn processes_of_system(&self) -> &HashMap<&'a str, Vec<&'a Process>> {
        let wb = self.workbook;
        self.processes_of_system.get_or_init(|| {
            let mut needed: HashMap<&str, Vec<&Process>> = HashMap::default();
            for process in &wb.processes.processes {
                for system in &process.systems {
                    let list = needed.entry(system.as_str()).or_default();
                    if !list.last().is_some_and(|p| std::ptr::eq(*p, process)) {
                        list.push(process);
                    }
                }
            }
            needed
        })
    }
}
