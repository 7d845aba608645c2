//! Whom to call about a record, with the numbers to dial.
//!
//! "The collection system is down: whom do I call?" The answer is a contact, but
//! the record in front of you is a supplier, a system or a process. A supplier's
//! answer is its incident contact; a system's is its supplier's incident contact,
//! then its owner; a process's is the answer for each system and supplier it
//! depends on, then its owner. `paraat find`, the detail pane and the find of the
//! terminal UI all ask here, so they name the same people.

use crate::model::bilingual::say;
use crate::model::edit::Record;
use crate::model::*;

/// Why this contact is the one to call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// The record is the contact.
    Itself,
    /// The incident contact of this supplier.
    IncidentContact(Id),
    /// The owner of the record.
    Owner,
}

/// One person to call, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Callee<'a> {
    pub id: Id,
    /// `None` when the id names no contact (the review reports it).
    pub contact: Option<&'a Contact>,
    pub via: Via,
}

impl Callee<'_> {
    /// Every number of the contact with its label, private ones included.
    pub fn numbers(&self) -> Vec<&Phone> {
        self.contact
            .map(|c| {
                c.all_phones()
                    .filter(|p| !p.number.trim().is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The numbers on one line: "24/7 emergency line 0570 555 0199 · Service desk
    /// 0570 555 0190", or that there is none.
    pub fn numbers_line(&self, lang: Language) -> String {
        let numbers = self.numbers();
        if numbers.is_empty() {
            return match self.contact {
                Some(_) => say!(
                    lang,
                    "no number in the workbook",
                    "geen nummer in het werkboek"
                ),
                None => say!(
                    lang,
                    "not a contact in the workbook",
                    "geen contact in het werkboek"
                ),
            };
        }
        numbers
            .iter()
            .map(|p| {
                let label = p.label.trim();
                if label.is_empty() {
                    p.number.trim().to_owned()
                } else {
                    format!("{label} {}", p.number.trim())
                }
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The way to reach them without e-mail or network, when one is written down.
    pub fn out_of_band(&self) -> Option<&str> {
        self.contact.and_then(Contact::out_of_band_channel)
    }

    /// "call C-012 Hanzeborg ICT on-call engineer (incident contact of SUP-03)";
    /// `None` when the record is the contact itself.
    pub fn heading(&self, lang: Language) -> Option<String> {
        if self.via == Via::Itself {
            return None;
        }
        let (name, why) = (self.name(), self.why(lang));
        Some(say!(lang, "call {name} ({why})", "bel {name} ({why})"))
    }

    /// "without e-mail or network: …", when a way is written down.
    pub fn out_of_band_line(&self, lang: Language) -> Option<String> {
        let channel = self.out_of_band()?;
        Some(say!(
            lang,
            "without e-mail or network: {channel}",
            "zonder e-mail of netwerk: {channel}"
        ))
    }

    /// The contact's name ("C-012 Hanzeborg ICT on-call engineer").
    pub fn name(&self) -> String {
        match self.contact {
            Some(c) => format!("{} {}", c.id, c.name),
            None => format!("{} (?)", self.id),
        }
    }

    /// Why to call, in words: "incident contact of SUP-03", "owner".
    pub fn why(&self, lang: Language) -> String {
        match &self.via {
            Via::Itself => String::new(),
            Via::IncidentContact(supplier) => say!(
                lang,
                "incident contact of {supplier}",
                "incidentcontact van {supplier}"
            ),
            Via::Owner => say!(lang, "owner", "eigenaar"),
        }
    }
}

/// "nobody to call is named" (for a supplier: no incident contact).
pub fn nobody(kind: RecordKind, lang: Language) -> String {
    match kind {
        RecordKind::Supplier => say!(
            lang,
            "no incident contact: nobody to call is named",
            "geen incidentcontact: niemand om te bellen"
        ),
        _ => say!(lang, "nobody to call is named", "niemand om te bellen"),
    }
}

/// The people to call about one thing a record depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dependency<'a> {
    /// The system or supplier.
    pub record: RecordRef,
    pub name: &'a str,
    /// Whom to call about it (none when nobody is named).
    pub callees: Vec<Callee<'a>>,
}

fn callee<'a>(workbook: &'a Workbook, id: &Id, via: Via) -> Callee<'a> {
    // The workbook's own copy of the id, so the callee borrows nothing from the caller.
    Callee {
        id: id.clone(),
        contact: workbook.contact(id.as_str()),
        via,
    }
}

/// Whom to call about a supplier: its incident contact.
pub fn for_supplier<'a>(workbook: &'a Workbook, supplier: &Supplier) -> Vec<Callee<'a>> {
    supplier
        .incident_contact
        .iter()
        .map(|id| callee(workbook, id, Via::IncidentContact(supplier.id.clone())))
        .collect()
}

/// Whom to call about a system: its supplier's incident contact, then its owner.
pub fn for_system<'a>(workbook: &'a Workbook, system: &System) -> Vec<Callee<'a>> {
    let mut out: Vec<Callee> = system
        .supplier
        .as_ref()
        .and_then(|id| workbook.supplier(id.as_str()))
        .map(|s| for_supplier(workbook, s))
        .unwrap_or_default();
    if let Some(owner) = &system.owner
        && !out.iter().any(|c| &c.id == owner)
    {
        out.push(callee(workbook, owner, Via::Owner));
    }
    out
}

/// Whom to call for each system and supplier a process depends on, in the
/// process's order (systems first).
pub fn for_process<'a>(workbook: &'a Workbook, process: &Process) -> Vec<Dependency<'a>> {
    let systems = process
        .systems
        .iter()
        .map(|id| match workbook.system(id.as_str()) {
            Some(system) => Dependency {
                record: RecordRef::new(RecordKind::System, system.id.clone()),
                name: system.name.as_str(),
                callees: for_system(workbook, system),
            },
            None => Dependency {
                record: RecordRef::new(RecordKind::System, id.clone()),
                name: "",
                callees: Vec::new(),
            },
        });
    let suppliers = process
        .suppliers
        .iter()
        .map(|id| match workbook.supplier(id.as_str()) {
            Some(supplier) => Dependency {
                record: RecordRef::new(RecordKind::Supplier, supplier.id.clone()),
                name: supplier.name.as_str(),
                callees: for_supplier(workbook, supplier),
            },
            None => Dependency {
                record: RecordRef::new(RecordKind::Supplier, id.clone()),
                name: "",
                callees: Vec::new(),
            },
        });
    systems.chain(suppliers).collect()
}

/// Whom to call about `record`, flat: the contact itself; a supplier's incident
/// contact; a system's supplier contact and owner; for a process, everyone its
/// systems and suppliers name, then its owner (each person once).
pub fn whom<'a>(workbook: &'a Workbook, record: &Record) -> Vec<Callee<'a>> {
    let mut out: Vec<Callee> = match record {
        Record::Contact(c) => vec![callee(workbook, &c.id, Via::Itself)],
        Record::Supplier(s) => for_supplier(workbook, s),
        Record::System(s) => for_system(workbook, s),
        Record::Process(p) => for_process(workbook, p)
            .into_iter()
            .flat_map(|d| d.callees)
            .collect(),
        _ => Vec::new(),
    };
    if let Record::Process(p) = record
        && let Some(owner) = &p.owner
    {
        out.push(callee(workbook, owner, Via::Owner));
    }
    let mut seen = Vec::new();
    out.retain(|c| {
        let new = !seen.contains(&c.id);
        seen.push(c.id.clone());
        new
    });
    out
}

/// The first person to call about `record` who is a contact in the workbook.
pub fn first_contact(workbook: &Workbook, record: &Record) -> Option<Id> {
    whom(workbook, record)
        .into_iter()
        .find(|c| c.contact.is_some())
        .map(|c| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Workbook {
        let dir = tempfile::tempdir().unwrap();
        crate::store::templates::write_example(dir.path()).unwrap();
        crate::store::Store::load(dir.path()).unwrap().workbook
    }

    #[test]
    fn a_supplier_is_called_through_its_incident_contact_with_every_number() {
        let wb = example();
        let supplier = wb.supplier("SUP-03").unwrap();
        let callees = whom(&wb, &Record::Supplier(supplier.clone()));
        assert_eq!(callees.len(), 1);
        assert_eq!(callees[0].id.as_str(), "C-012");
        let numbers: Vec<&str> = callees[0]
            .numbers()
            .iter()
            .map(|p| p.number.as_str())
            .collect();
        assert!(numbers.contains(&"0570 555 0199"), "{numbers:?}");
        assert_eq!(callees[0].why(Language::En), "incident contact of SUP-03");
    }

    #[test]
    fn a_system_is_called_through_its_supplier_then_its_owner() {
        let wb = example();
        // The museum server: hosted by SUP-03 (incident contact C-012), owned by C-005.
        let callees = for_system(&wb, wb.system("S-008").unwrap());
        let ids: Vec<&str> = callees.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["C-012", "C-005"]);
        assert_eq!(callees[0].via, Via::IncidentContact(Id::from("SUP-03")));
        assert_eq!(callees[1].via, Via::Owner);
        // The network has no supplier: its owner.
        let network = for_system(&wb, wb.system("S-009").unwrap());
        assert_eq!(network.len(), 1);
        assert_eq!(network[0].via, Via::Owner);
    }

    #[test]
    fn a_process_names_whom_to_call_for_each_dependency() {
        let wb = example();
        let process = wb
            .processes
            .processes
            .iter()
            .find(|p| !p.systems.is_empty())
            .unwrap();
        let deps = for_process(&wb, process);
        assert_eq!(deps.len(), process.systems.len() + process.suppliers.len());
        assert_eq!(deps[0].record.id, process.systems[0]);
    }
}
