//! Every place a record refers to another by id, listed once.
//!
//! Renumbering a record (`paraat renumber`, or a merge that finds one id given to
//! two new records) must move every reference with it, in every file. The visitors
//! here walk each file's references with the kind of record they point at, so the
//! renumbering in the model and the merge driver use one list, and a field added
//! later is added here once.

use super::bilingual::say;
use super::*;

/// A reference visitor: the kind of record referred to, and the id to read or change.
pub type Visit<'a> = dyn FnMut(RecordKind, &mut Id) + 'a;

/// A reference visitor that is also told the field the reference is in, by its
/// path in the record as `model::fields` names it (`owner`, `acceptance.by`).
pub type VisitField<'a> = dyn FnMut(&'static str, RecordKind, &mut Id) + 'a;

/// Something that holds references to records.
pub trait References {
    /// Calls `visit` for every reference this value holds, with its field.
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>);

    /// Calls `visit` for every reference this value holds.
    fn references_mut(&mut self, visit: &mut Visit<'_>) {
        self.references_in_fields(&mut |_, kind, id| visit(kind, id));
    }
}

fn one(field: &'static str, kind: RecordKind, id: &mut Option<Id>, visit: &mut VisitField<'_>) {
    if let Some(id) = id {
        visit(field, kind, id);
    }
}

fn all(field: &'static str, kind: RecordKind, ids: &mut [Id], visit: &mut VisitField<'_>) {
    for id in ids {
        visit(field, kind, id);
    }
}

impl References for Risk {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        use RecordKind as K;
        all("processes", K::Process, &mut self.processes, visit);
        all("systems", K::System, &mut self.systems, visit);
        all("suppliers", K::Supplier, &mut self.suppliers, visit);
        one("owner", K::Contact, &mut self.owner, visit);
        all("actions", K::Step, &mut self.actions, visit);
        if let Some(acceptance) = &mut self.acceptance {
            visit("acceptance.by", K::Contact, &mut acceptance.by);
        }
    }
}

impl References for Process {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        one("owner", RecordKind::Contact, &mut self.owner, visit);
        all("systems", RecordKind::System, &mut self.systems, visit);
        all(
            "suppliers",
            RecordKind::Supplier,
            &mut self.suppliers,
            visit,
        );
    }
}

impl References for System {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        one("supplier", RecordKind::Supplier, &mut self.supplier, visit);
        one("owner", RecordKind::Contact, &mut self.owner, visit);
    }
}

impl References for Supplier {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        one(
            "incident_contact",
            RecordKind::Contact,
            &mut self.incident_contact,
            visit,
        );
    }
}

impl References for Contact {
    fn references_in_fields(&mut self, _visit: &mut VisitField<'_>) {}
}

impl References for Backup {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        all("systems", RecordKind::System, &mut self.systems, visit);
        one(
            "responsible",
            RecordKind::Contact,
            &mut self.responsible,
            visit,
        );
    }
}

impl References for Step {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        use RecordKind as K;
        one("owner", K::Contact, &mut self.owner, visit);
        all("risks", K::Risk, &mut self.risks, visit);
        all("statements", K::Statement, &mut self.statements, visit);
        one("incident", K::Incident, &mut self.incident, visit);
    }
}

impl References for FirstHourStep {
    fn references_in_fields(&mut self, _visit: &mut VisitField<'_>) {}
}

impl References for Statement {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        one("plan_step", RecordKind::Step, &mut self.plan_step, visit);
    }
}

impl References for ChecklistItem {
    fn references_in_fields(&mut self, _visit: &mut VisitField<'_>) {}
}

impl References for Manifest {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        one(
            "organisation.notifier",
            RecordKind::Contact,
            &mut self.organisation.notifier,
            visit,
        );
    }
}

impl References for Incident {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        use RecordKind as K;
        all(
            "affected_systems",
            K::System,
            &mut self.affected_systems,
            visit,
        );
        for entry in &mut self.timeline {
            match &mut entry.kind {
                EntryKind::Call { contact, .. } => visit("timeline", K::Contact, contact),
                EntryKind::StepDone { step } => visit("timeline", K::FirstHourStep, step),
                EntryKind::Notified { to } => visit("timeline", K::Contact, to),
                EntryKind::Note | EntryKind::Decision | EntryKind::Inject { .. } => {}
            }
        }
        for n in &mut self.notifications {
            visit("notifications", K::Contact, &mut n.to);
        }
        for lesson in &mut self.lessons {
            one("lessons", K::Step, &mut lesson.plan_step, visit);
        }
    }
}

impl References for Checklist {
    fn references_in_fields(&mut self, _visit: &mut VisitField<'_>) {}
}

impl References for SelfCheck {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        self.statements
            .iter_mut()
            .for_each(|s| s.references_in_fields(visit));
    }
}

impl References for Plan {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        for phase in &mut self.phases {
            phase
                .steps
                .iter_mut()
                .for_each(|s| s.references_in_fields(visit));
        }
    }
}

impl References for Risks {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        self.risks
            .iter_mut()
            .for_each(|r| r.references_in_fields(visit));
    }
}

impl References for Processes {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        self.processes
            .iter_mut()
            .for_each(|r| r.references_in_fields(visit));
        self.systems
            .iter_mut()
            .for_each(|r| r.references_in_fields(visit));
        self.suppliers
            .iter_mut()
            .for_each(|r| r.references_in_fields(visit));
    }
}

impl References for Contacts {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        for role in &mut self.crisis_roles {
            one(
                "crisis_roles.primary",
                RecordKind::Contact,
                &mut role.primary,
                visit,
            );
            one(
                "crisis_roles.deputy",
                RecordKind::Contact,
                &mut role.deputy,
                visit,
            );
        }
        for call in &mut self.call_order {
            visit("call_order", RecordKind::Contact, &mut call.contact);
        }
    }
}

impl References for Backups {
    fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        self.backups
            .iter_mut()
            .for_each(|r| r.references_in_fields(visit));
    }
}

/// Something that holds records with ids (a register file).
pub trait Records {
    /// Calls `visit` for the id of every record this value holds.
    fn ids_mut(&mut self, visit: &mut Visit<'_>);
}

macro_rules! records {
    ($ty:ty => $( $kind:ident : $field:ident ),+) => {
        impl Records for $ty {
            fn ids_mut(&mut self, visit: &mut Visit<'_>) {
                $( for r in &mut self.$field { visit(RecordKind::$kind, &mut r.id); } )+
            }
        }
    };
}
records!(Checklist => ChecklistItem: items);
records!(SelfCheck => Statement: statements);
records!(Risks => Risk: risks);
records!(Processes => Process: processes, System: systems, Supplier: suppliers);
records!(Contacts => Contact: contacts);
records!(Backups => Backup: backups);

impl Records for Plan {
    fn ids_mut(&mut self, visit: &mut Visit<'_>) {
        for phase in &mut self.phases {
            for step in &mut phase.steps {
                visit(RecordKind::Step, &mut step.id);
            }
        }
        for step in &mut self.first_hour {
            visit(RecordKind::FirstHourStep, &mut step.id);
        }
    }
}

impl Records for Manifest {
    fn ids_mut(&mut self, _visit: &mut Visit<'_>) {}
}

impl Records for Incident {
    fn ids_mut(&mut self, _visit: &mut Visit<'_>) {}
}

impl Workbook {
    /// Calls `visit` for every reference in every file of the workbook.
    pub fn references_mut(&mut self, visit: &mut Visit<'_>) {
        self.references_in_fields(&mut |_, kind, id| visit(kind, id));
    }

    /// Calls `visit` for every reference in every file of the workbook, with its field.
    pub fn references_in_fields(&mut self, visit: &mut VisitField<'_>) {
        self.manifest.references_in_fields(visit);
        self.selfcheck.references_in_fields(visit);
        self.plan.references_in_fields(visit);
        self.risks.references_in_fields(visit);
        self.processes.references_in_fields(visit);
        self.contacts.references_in_fields(visit);
        self.backups.references_in_fields(visit);
        for incident in &mut self.incidents {
            incident.references_in_fields(visit);
        }
    }

    /// Whether any record refers to `id` of `kind`.
    pub fn is_referred_to(&self, kind: RecordKind, id: &Id) -> bool {
        // The visitors take `&mut`; a clone keeps this a plain query.
        let mut copy = self.clone();
        let mut found = false;
        copy.references_mut(&mut |k, target| found |= k == kind && target == id);
        found
    }
}

/// One place that refers to a record: what deleting the record would leave
/// pointing at nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Referrer {
    /// A field of another record (by its path, as `model::fields` names it).
    Record {
        record: RecordRef,
        field: &'static str,
    },
    /// A crisis role names the record as its primary or its deputy.
    CrisisRole { role: RoleKind, deputy: bool },
    /// The call order names it, at this place (from 1).
    CallOrder { position: usize },
    /// The manifest names it as the notifier, who reports to the authorities.
    Notifier,
    /// An incident's log, notifications or lessons name it.
    Incident { id: Id },
}

/// Every place in the workbook that refers to record `id` of `kind`, one per
/// reference, in the order of the files. The same visitors renumbering uses find
/// them, so a reference field added there is found here too.
pub fn referrers(workbook: &Workbook, kind: RecordKind, id: &Id) -> Vec<Referrer> {
    let mut out = Vec::new();
    let fields_of = |value: &mut dyn References| {
        let mut fields = Vec::new();
        value.references_in_fields(&mut |field, k, target| {
            if k == kind && target == id {
                fields.push(field);
            }
        });
        fields
    };
    let records = |out: &mut Vec<Referrer>, holder: RecordRef, value: &mut dyn References| {
        for field in fields_of(value) {
            out.push(Referrer::Record {
                record: holder.clone(),
                field,
            });
        }
    };
    for register in Register::referring_to(kind) {
        match register {
            Register::Manifest => {
                let mut manifest = workbook.manifest.clone();
                manifest.references_in_fields(&mut |_, k, target| {
                    if k == kind && target == id {
                        out.push(Referrer::Notifier);
                    }
                });
            }
            Register::Contacts => {
                // The roles and the call order by their place (a test holds this
                // to the visitor of the contacts register).
                let contact = kind == RecordKind::Contact;
                for role in &workbook.contacts.crisis_roles {
                    for (deputy, who) in [(false, &role.primary), (true, &role.deputy)] {
                        if contact && who.as_ref() == Some(id) {
                            out.push(Referrer::CrisisRole {
                                role: role.role,
                                deputy,
                            });
                        }
                    }
                }
                for (i, call) in workbook.contacts.call_order.iter().enumerate() {
                    if contact && &call.contact == id {
                        out.push(Referrer::CallOrder { position: i + 1 });
                    }
                }
                for c in &workbook.contacts.contacts {
                    let holder = RecordRef::new(RecordKind::Contact, c.id.clone());
                    records(&mut out, holder, &mut c.clone());
                }
            }
            Register::Plan => {
                for (_, step) in workbook.steps() {
                    let holder = RecordRef::new(RecordKind::Step, step.id.clone());
                    records(&mut out, holder, &mut step.clone());
                }
            }
            Register::SelfCheck => {
                for s in &workbook.selfcheck.statements {
                    let holder = RecordRef::new(RecordKind::Statement, s.id.clone());
                    records(&mut out, holder, &mut s.clone());
                }
            }
            Register::Risks => {
                for r in &workbook.risks.risks {
                    let holder = RecordRef::new(RecordKind::Risk, r.id.clone());
                    records(&mut out, holder, &mut r.clone());
                }
            }
            Register::Processes => {
                let p = &workbook.processes;
                for r in &p.processes {
                    let holder = RecordRef::new(RecordKind::Process, r.id.clone());
                    records(&mut out, holder, &mut r.clone());
                }
                for r in &p.systems {
                    let holder = RecordRef::new(RecordKind::System, r.id.clone());
                    records(&mut out, holder, &mut r.clone());
                }
                for r in &p.suppliers {
                    let holder = RecordRef::new(RecordKind::Supplier, r.id.clone());
                    records(&mut out, holder, &mut r.clone());
                }
            }
            Register::Backups => {
                for r in &workbook.backups.backups {
                    let holder = RecordRef::new(RecordKind::Backup, r.id.clone());
                    records(&mut out, holder, &mut r.clone());
                }
            }
            Register::Checklist | Register::Incidents => {}
        }
    }
    for incident in &workbook.incidents {
        for _ in fields_of(&mut incident.clone()) {
            out.push(Referrer::Incident {
                id: incident.id.clone(),
            });
        }
    }
    out
}

/// "1st", "2nd", "3rd", "11th" / "1e", "2e".
fn ordinal(n: usize, lang: Language) -> String {
    match lang {
        Language::Nl => format!("{n}e"),
        Language::En => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

/// What a field of a holder of `kind` makes the record it refers to.
fn phrase(holder: RecordKind, field: &str, which: &str, lang: Language) -> String {
    use RecordKind as K;
    match (holder, field) {
        (_, "owner") => say!(lang, "owner of {which}", "eigenaar van {which}"),
        (K::Risk, "acceptance.by") => say!(lang, "accepted {which}", "accepteerde {which}"),
        (K::Supplier, "incident_contact") => say!(
            lang,
            "incident contact of {which}",
            "incidentcontact van {which}"
        ),
        (K::Backup, "responsible") => {
            say!(
                lang,
                "responsible for {which}",
                "verantwoordelijk voor {which}"
            )
        }
        (K::Risk, "actions") => say!(
            lang,
            "planned action of {which}",
            "geplande actie van {which}"
        ),
        (K::Process, "systems" | "suppliers") => {
            say!(lang, "needed by {which}", "nodig voor {which}")
        }
        (K::Backup, "systems") => say!(lang, "backed up by {which}", "geback-upt door {which}"),
        (K::System, "supplier") => say!(lang, "supplier of {which}", "leverancier van {which}"),
        (K::Step, "risks" | "statements") => {
            say!(lang, "treated by {which}", "aangepakt door {which}")
        }
        (K::Statement, "plan_step") => {
            say!(lang, "plan step of {which}", "planstap van {which}")
        }
        (K::Step, "incident") => say!(lang, "the lesson of {which}", "de les van {which}"),
        _ => say!(lang, "named in {which}", "genoemd in {which}"),
    }
}

/// The references to a record in a few words each, grouped, in the order found:
/// "decision-maker", "1st in the call order", "owner of 7 risks", "incident
/// contact of SUP-03".
pub fn describe(referrers: &[Referrer], lang: Language) -> Vec<String> {
    use super::labels::Label;
    let mut out = Vec::new();
    let mut groups: Vec<((RecordKind, &'static str), Vec<&Id>)> = Vec::new();
    let mut incidents: Vec<&Id> = Vec::new();
    for referrer in referrers {
        match referrer {
            Referrer::CrisisRole { role, deputy } => {
                let role = role.label(lang);
                out.push(if *deputy {
                    say!(lang, "deputy {role}", "vervanger {role}")
                } else {
                    role.to_owned()
                });
            }
            Referrer::CallOrder { position } => {
                let at = ordinal(*position, lang);
                out.push(say!(
                    lang,
                    "{at} in the call order",
                    "{at} in de belvolgorde"
                ));
            }
            Referrer::Notifier => out.push(say!(
                lang,
                "the notifier in the settings",
                "de melder in de instellingen"
            )),
            Referrer::Record { record, field } => {
                let key = (record.kind, *field);
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, ids)) if !ids.contains(&&record.id) => ids.push(&record.id),
                    Some(_) => {}
                    None => groups.push((key, vec![&record.id])),
                }
            }
            Referrer::Incident { id } => {
                if !incidents.contains(&id) {
                    incidents.push(id);
                }
            }
        }
    }
    let which = |kind: RecordKind, ids: &[&Id]| match ids {
        [one] => one.to_string(),
        _ => kind.count(ids.len(), lang),
    };
    for ((kind, field), ids) in &groups {
        out.push(phrase(*kind, field, &which(*kind, ids), lang));
    }
    if !incidents.is_empty() {
        let which = which(RecordKind::Incident, &incidents);
        out.push(say!(
            lang,
            "named in the log of {which}",
            "genoemd in het logboek van {which}"
        ));
    }
    out
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
    fn every_reference_the_renumbering_visitors_see_is_listed_as_a_referrer() {
        let wb = example();
        let mut seen: Vec<(RecordKind, Id)> = Vec::new();
        wb.clone()
            .references_mut(&mut |kind, id| seen.push((kind, id.clone())));
        assert!(!seen.is_empty());
        let mut targets = seen.clone();
        targets.sort_by(|a, b| (a.0 as u8, &a.1).cmp(&(b.0 as u8, &b.1)));
        targets.dedup();
        for (kind, id) in targets {
            let expected = seen.iter().filter(|(k, i)| *k == kind && *i == id).count();
            let found = referrers(&wb, kind, &id);
            assert_eq!(found.len(), expected, "{kind:?} {id}: {found:?}");
        }
    }

    #[test]
    fn the_decision_maker_is_described_by_role_call_order_and_what_they_own() {
        let wb = example();
        let described = describe(
            &referrers(&wb, RecordKind::Contact, &Id::from("C-005")),
            Language::En,
        );
        let text = described.join(", ");
        assert!(text.contains("in the call order"), "{text}");
        assert!(text.contains("owner of"), "{text}");
        assert!(text.contains("risks"), "{text}");
        let nl = describe(
            &referrers(&wb, RecordKind::Contact, &Id::from("C-005")),
            Language::Nl,
        )
        .join(", ");
        assert!(nl.contains("in de belvolgorde"), "{nl}");
        assert!(nl.contains("eigenaar van"), "{nl}");
    }

    #[test]
    fn a_record_nobody_refers_to_has_no_referrers() {
        let wb = example();
        assert!(referrers(&wb, RecordKind::Risk, &Id::from("R-999")).is_empty());
        assert_eq!(ordinal(1, Language::En), "1st");
        assert_eq!(ordinal(12, Language::En), "12th");
        assert_eq!(ordinal(23, Language::En), "23rd");
        assert_eq!(ordinal(2, Language::Nl), "2e");
    }
}
