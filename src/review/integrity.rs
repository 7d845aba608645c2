//! Integrity: every id unique, every reference pointing at a record that exists,
//! every required value present and in range. Without these the other rules
//! would reason about records that are not there.

use super::index::HashSet;
use super::{Code, Finding, Index};
use crate::model::{Date, Id, Language, Rating, RecordKind, Workbook};

fn say(lang: Language, en: String, nl: String) -> String {
    match lang {
        Language::En => en,
        Language::Nl => nl,
    }
}

pub(super) fn check(workbook: &Workbook, index: &Index, _today: Date, out: &mut Vec<Finding>) {
    let lang = workbook.language();
    duplicates(workbook, lang, out);
    references(workbook, index, lang, out);
    values(workbook, lang, out);
    catalogue_links(workbook, lang, out);
}

/// A supplier's catalogue link must name an entry of the supplier catalogue;
/// `paraat share` reports only those.
fn catalogue_links(workbook: &Workbook, lang: Language, out: &mut Vec<Finding>) {
    let linked = || {
        workbook
            .processes
            .suppliers
            .iter()
            .filter_map(|s| s.catalogue.as_deref().map(|c| (s, c)))
    };
    if linked().next().is_none() {
        return;
    }
    let catalogue = crate::store::templates::catalogue().unwrap_or_default();
    for (supplier, id) in linked() {
        if catalogue.entry(id.trim()).is_none() {
            out.push(Finding::about(
                Code::MissingReference,
                RecordKind::Supplier,
                &supplier.id,
                say(
                    lang,
                    format!("{}: `catalogue` names \"{id}\", which is not in the supplier catalogue; pick an entry from the catalogue (docs/sector.md) or leave it empty", supplier.id),
                    format!("{}: `catalogue` noemt \"{id}\", dat niet in de leverancierscatalogus staat; kies een vermelding uit de catalogus (docs/sector.md) of laat het leeg", supplier.id),
                ),
            ));
        }
    }
}

fn duplicates(workbook: &Workbook, lang: Language, out: &mut Vec<Finding>) {
    fn scan<'a>(
        workbook: Option<&Workbook>,
        kind: RecordKind,
        ids: impl Iterator<Item = &'a Id>,
        lang: Language,
        out: &mut Vec<Finding>,
    ) {
        let mut seen = HashSet::default();
        let mut reported = HashSet::default();
        for id in ids {
            if !seen.insert(id.as_str()) && reported.insert(id.as_str()) {
                let next = workbook.map(|w| w.next_id_like(kind, id));
                let (en, nl) = match next {
                    Some(next) => (
                        format!("; `paraat renumber {id} {next}` gives the later one a free id"),
                        format!("; `paraat renumber {id} {next}` geeft het latere een vrij id"),
                    ),
                    None => (String::new(), String::new()),
                };
                out.push(
                    Finding::about(
                        Code::DuplicateId,
                        kind,
                        id,
                        say(
                            lang,
                            format!("{id} is used by more than one record; give each its own id{en}"),
                            format!(
                                "{id} wordt door meer dan één record gebruikt; geef elk een eigen id{nl}"
                            ),
                        ),
                    )
                    .field("id"),
                );
            }
        }
    }
    let w = workbook;
    scan(
        Some(w),
        RecordKind::ChecklistItem,
        w.checklist.items.iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        Some(w),
        RecordKind::Statement,
        w.selfcheck.statements.iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        Some(w),
        RecordKind::Step,
        w.steps().map(|(_, s)| &s.id),
        lang,
        out,
    );
    scan(
        Some(w),
        RecordKind::FirstHourStep,
        w.plan.first_hour.iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        Some(w),
        RecordKind::Risk,
        w.risks.risks.iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        Some(w),
        RecordKind::Process,
        w.processes.processes.iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        Some(w),
        RecordKind::System,
        w.processes.systems.iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        Some(w),
        RecordKind::Supplier,
        w.processes.suppliers.iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        Some(w),
        RecordKind::Contact,
        w.contacts.contacts.iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        Some(w),
        RecordKind::Backup,
        w.backups.backups.iter().map(|r| &r.id),
        lang,
        out,
    );

    let mut phases = HashSet::default();
    for phase in &w.plan.phases {
        if !phases.insert(phase.number) {
            out.push(Finding::new(
                Code::DuplicateId,
                None,
                say(
                    lang,
                    format!(
                        "plan.ron has more than one phase numbered {}; number the phases 1, 2, 3, …",
                        phase.number
                    ),
                    format!(
                        "plan.ron heeft meer dan één fase met nummer {}; nummer de fasen 1, 2, 3, …",
                        phase.number
                    ),
                ),
            ));
        }
    }
}

/// Reports each id in `targets` that is not in `existing`.
struct References<'o> {
    lang: Language,
    out: &'o mut Vec<Finding>,
}

impl References<'_> {
    fn check<'a>(
        &mut self,
        kind: RecordKind,
        id: &Id,
        field: &str,
        targets: impl IntoIterator<Item = &'a Id>,
        existing: &HashSet<&str>,
    ) {
        for target in targets {
            if !existing.contains(target.as_str()) {
                self.out.push(
                    Finding::about(
                        Code::MissingReference,
                        kind,
                        id,
                        say(
                            self.lang,
                            format!(
                                "{id}: `{field}` refers to {target}, which does not exist; correct the id or remove it"
                            ),
                            format!(
                                "{id}: `{field}` verwijst naar {target}, dat niet bestaat; verbeter het id of haal het weg"
                            ),
                        ),
                    )
                    .field(field),
                );
            }
        }
    }
}

fn references(workbook: &Workbook, ix: &Index, lang: Language, out: &mut Vec<Finding>) {
    let mut r = References { lang, out };
    use RecordKind as K;
    for risk in &workbook.risks.risks {
        let id = &risk.id;
        r.check(K::Risk, id, "processes", &risk.processes, &ix.processes);
        r.check(K::Risk, id, "systems", &risk.systems, &ix.systems);
        r.check(K::Risk, id, "suppliers", &risk.suppliers, &ix.suppliers);
        r.check(K::Risk, id, "owner", &risk.owner, &ix.contacts);
        r.check(K::Risk, id, "actions", &risk.actions, &ix.steps);
        if let Some(acceptance) = &risk.acceptance {
            r.check(K::Risk, id, "acceptance.by", [&acceptance.by], &ix.contacts);
        }
    }
    for p in &workbook.processes.processes {
        r.check(K::Process, &p.id, "owner", &p.owner, &ix.contacts);
        r.check(K::Process, &p.id, "systems", &p.systems, &ix.systems);
        r.check(K::Process, &p.id, "suppliers", &p.suppliers, &ix.suppliers);
    }
    for s in &workbook.processes.systems {
        r.check(K::System, &s.id, "supplier", &s.supplier, &ix.suppliers);
        r.check(K::System, &s.id, "owner", &s.owner, &ix.contacts);
    }
    for s in &workbook.processes.suppliers {
        r.check(
            K::Supplier,
            &s.id,
            "incident_contact",
            &s.incident_contact,
            &ix.contacts,
        );
    }
    let roles = workbook.contacts.crisis_roles.iter().flat_map(|role| {
        let name = crate::model::labels::Label::label(role.role, lang);
        [("primary", &role.primary), ("deputy", &role.deputy)]
            .into_iter()
            .filter_map(move |(field, target)| {
                target.as_ref().map(|t| (format!("{name} ({field})"), t))
            })
    });
    let calls = workbook
        .contacts
        .call_order
        .iter()
        .map(|call| ("call_order".to_owned(), &call.contact));
    for (place, target) in roles.chain(calls) {
        if !ix.contacts.contains(target.as_str()) {
            r.out.push(Finding::new(
                Code::MissingReference,
                None,
                say(
                    lang,
                    format!("contacts.ron: {place} refers to {target}, which does not exist; choose an existing contact"),
                    format!("contacts.ron: {place} verwijst naar {target}, dat niet bestaat; kies een bestaande contactpersoon"),
                ),
            ));
        }
    }
    for b in &workbook.backups.backups {
        r.check(K::Backup, &b.id, "systems", &b.systems, &ix.systems);
        r.check(
            K::Backup,
            &b.id,
            "responsible",
            &b.responsible,
            &ix.contacts,
        );
    }
    for (_, step) in workbook.steps() {
        let id = &step.id;
        r.check(K::Step, id, "owner", &step.owner, &ix.contacts);
        r.check(K::Step, id, "risks", &step.risks, &ix.risks);
        r.check(K::Step, id, "statements", &step.statements, &ix.statements);
        r.check(K::Step, id, "incident", &step.incident, &ix.incidents);
    }
    for statement in &workbook.selfcheck.statements {
        r.check(
            K::Statement,
            &statement.id,
            "plan_step",
            &statement.plan_step,
            &ix.steps,
        );
    }
    for incident in &workbook.incidents {
        let id = &incident.id;
        r.check(
            K::Incident,
            id,
            "affected_systems",
            &incident.affected_systems,
            &ix.systems,
        );
        for n in &incident.notifications {
            r.check(K::Incident, id, "notifications.to", [&n.to], &ix.contacts);
        }
        for lesson in &incident.lessons {
            r.check(
                K::Incident,
                id,
                "lessons.plan_step",
                &lesson.plan_step,
                &ix.steps,
            );
        }
    }
    if let Some(notifier) = &workbook.manifest.organisation.notifier
        && !ix.contacts.contains(notifier.as_str())
    {
        r.out.push(Finding::new(
            Code::MissingReference,
            None,
            say(
                lang,
                format!("paraat.ron: `notifier` refers to {notifier}, which does not exist; choose the contact who reports to the authorities"),
                format!("paraat.ron: `notifier` verwijst naar {notifier}, dat niet bestaat; kies de contactpersoon die meldt bij de overheid"),
            ),
        ));
    }
}

fn values(workbook: &Workbook, lang: Language, out: &mut Vec<Finding>) {
    use RecordKind as K;
    let mut missing = |kind: RecordKind, id: &Id, field: &str, value: &str| {
        if super::is_blank(value) {
            out.push(
                Finding::about(
                    Code::MissingValue,
                    kind,
                    id,
                    say(
                        lang,
                        format!("{id}: `{field}` is empty; fill it in"),
                        format!("{id}: `{field}` is leeg; vul het in"),
                    ),
                )
                .field(field),
            );
        }
    };
    for item in &workbook.checklist.items {
        missing(K::ChecklistItem, &item.id, "question", &item.question);
    }
    for s in &workbook.selfcheck.statements {
        missing(K::Statement, &s.id, "statement", &s.statement);
        missing(K::Statement, &s.id, "action", &s.action);
    }
    for (_, step) in workbook.steps() {
        missing(K::Step, &step.id, "title", &step.title);
    }
    for step in &workbook.plan.first_hour {
        missing(K::FirstHourStep, &step.id, "title", &step.title);
    }
    for risk in &workbook.risks.risks {
        missing(K::Risk, &risk.id, "title", &risk.title);
    }
    for p in &workbook.processes.processes {
        missing(K::Process, &p.id, "name", &p.name);
    }
    for s in &workbook.processes.systems {
        missing(K::System, &s.id, "name", &s.name);
    }
    for s in &workbook.processes.suppliers {
        missing(K::Supplier, &s.id, "name", &s.name);
    }
    for c in &workbook.contacts.contacts {
        missing(K::Contact, &c.id, "name", &c.name);
    }
    for b in &workbook.backups.backups {
        missing(K::Backup, &b.id, "what", &b.what);
    }
    for i in &workbook.incidents {
        missing(K::Incident, &i.id, "title", &i.title);
    }

    let range = |kind: RecordKind, id: &Id, en: String, nl: String| {
        Finding::about(Code::ValueOutOfRange, kind, id, say(lang, en, nl))
    };
    let rating = |r: &Rating| r.in_range();
    for risk in &workbook.risks.risks {
        for (field, value) in [
            ("current", Some(&risk.current)),
            ("residual", risk.residual.as_ref()),
        ] {
            if let Some(value) = value
                && !rating(value)
            {
                out.push(range(
                    K::Risk,
                    &risk.id,
                    format!(
                        "{}: `{field}` likelihood and impact must each be 1 to 5 (found {} and {})",
                        risk.id, value.likelihood, value.impact
                    ),
                    format!(
                        "{}: bij `{field}` moeten kans en impact elk 1 tot 5 zijn (nu {} en {})",
                        risk.id, value.likelihood, value.impact
                    ),
                ));
            }
        }
    }
    for s in &workbook.selfcheck.statements {
        if !(1..=3).contains(&s.weight) {
            out.push(range(
                K::Statement,
                &s.id,
                format!("{}: `weight` must be 1, 2 or 3 (found {})", s.id, s.weight),
                format!("{}: `weight` moet 1, 2 of 3 zijn (nu {})", s.id, s.weight),
            ));
        }
    }
    for phase in &workbook.plan.phases {
        for step in &phase.steps {
            if phase.step_number(&step.id).is_none() {
                out.push(Finding::about(
                    Code::StepIdOutsidePhase,
                    K::Step,
                    &step.id,
                    say(
                        lang,
                        format!(
                            "{}: a step of phase {} should have an id starting with {}",
                            step.id,
                            phase.number,
                            phase.step_prefix()
                        ),
                        format!(
                            "{}: een stap van fase {} hoort een id te hebben dat begint met {}",
                            step.id,
                            phase.number,
                            phase.step_prefix()
                        ),
                    ),
                ));
            }
        }
    }
    manifest_values(workbook, lang, out);

    for orphan in &workbook.private_orphans {
        out.push(Finding::about(
            Code::PrivateWithoutContact,
            K::Contact,
            &orphan.id,
            say(
                lang,
                format!("private/contacts.ron holds details for {}, but contacts.ron has no such contact (or has it twice in the private file); add the contact or remove the private entry", orphan.id),
                format!("private/contacts.ron bevat gegevens voor {}, maar contacts.ron heeft die contactpersoon niet (of de privégegevens staan er dubbel); voeg de contactpersoon toe of haal de privégegevens weg", orphan.id),
            ),
        ));
    }

    let active: Vec<_> = workbook
        .incidents
        .iter()
        .filter(|i| i.is_active() && i.kind == crate::model::IncidentKind::Real)
        .collect();
    if active.len() > 1 {
        for incident in &active {
            out.push(Finding::about(
                Code::SeveralActiveIncidents,
                K::Incident,
                &incident.id,
                say(
                    lang,
                    format!("{} is one of {} real incidents marked active; only one can be active, close the others", incident.id, active.len()),
                    format!("{} is een van {} echte incidenten die actief staan; er kan er maar één actief zijn, sluit de andere", incident.id, active.len()),
                ),
            ));
        }
    }
}

fn manifest_values(workbook: &Workbook, lang: Language, out: &mut Vec<Finding>) {
    let m = &workbook.manifest;
    let mut whole =
        |code: Code, en: String, nl: String| out.push(Finding::new(code, None, say(lang, en, nl)));
    if m.organisation.name.trim().is_empty() {
        whole(
            Code::MissingValue,
            "paraat.ron: the organisation's `name` is empty; fill it in".to_owned(),
            "paraat.ron: de `name` van de organisatie is leeg; vul die in".to_owned(),
        );
    }
    let scales = &m.risk_scales;
    if scales.likelihood.len() != 5 || scales.impact.len() != 5 {
        whole(
            Code::ValueOutOfRange,
            format!(
                "paraat.ron: the risk scales need five labels each (likelihood has {}, impact {})",
                scales.likelihood.len(),
                scales.impact.len()
            ),
            format!(
                "paraat.ron: de risicoschalen hebben elk vijf labels nodig (kans heeft er {}, impact {})",
                scales.likelihood.len(),
                scales.impact.len()
            ),
        );
    }
    let ordered = 1 < scales.medium_from
        && scales.medium_from < scales.high_from
        && scales.high_from < scales.critical_from
        && scales.critical_from <= 25
        && (1..=25).contains(&scales.appetite);
    if !ordered {
        whole(
            Code::ValueOutOfRange,
            format!(
                "paraat.ron: risk levels must rise within 1–25 (medium_from {} < high_from {} < critical_from {}) and the appetite be 1–25 (found {})",
                scales.medium_from, scales.high_from, scales.critical_from, scales.appetite
            ),
            format!(
                "paraat.ron: de risiconiveaus moeten oplopen binnen 1–25 (medium_from {} < high_from {} < critical_from {}) en de risicobereidheid 1–25 zijn (nu {})",
                scales.medium_from, scales.high_from, scales.critical_from, scales.appetite
            ),
        );
    }
    if m.review.every_months == 0 {
        whole(
            Code::ValueOutOfRange,
            "paraat.ron: `every_months` of the review cycle must be at least 1".to_owned(),
            "paraat.ron: `every_months` van de reviewcyclus moet minstens 1 zijn".to_owned(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::model::*;
    use crate::review::{Code, integrity};

    fn codes(wb: &Workbook) -> Vec<(Code, String)> {
        integrity(wb)
            .into_iter()
            .map(|f| (f.code, f.record.map(|r| r.id.0).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn the_template_is_sound() {
        assert_eq!(codes(&workbook()), []);
    }

    #[test]
    fn a_duplicate_id_is_reported_once() {
        let mut wb = workbook();
        wb.risks.risks.push(risk("R-001", 1, 1));
        assert_eq!(codes(&wb), []);
        wb.risks.risks.push(risk("R-001", 1, 1));
        wb.risks.risks.push(risk("R-001", 1, 1));
        assert_eq!(codes(&wb), [(Code::DuplicateId, "R-001".into())]);
    }

    #[test]
    fn a_reference_to_a_missing_record_is_reported() {
        let mut wb = workbook();
        let mut r = risk("R-001", 1, 1);
        r.owner = Some(Id::from("C-001"));
        wb.risks.risks.push(r);
        assert_eq!(codes(&wb), []);
        wb.risks.risks[0].owner = Some(Id::from("C-999"));
        assert_eq!(codes(&wb), [(Code::MissingReference, "R-001".into())]);
    }

    #[test]
    fn an_empty_required_value_is_reported() {
        let mut wb = workbook();
        wb.risks.risks.push(risk("R-001", 1, 1));
        wb.risks.risks[0].title = " ".into();
        assert_eq!(codes(&wb), [(Code::MissingValue, "R-001".into())]);
    }

    #[test]
    fn a_rating_outside_one_to_five_is_reported() {
        let mut wb = workbook();
        wb.risks.risks.push(risk("R-001", 5, 5));
        assert_eq!(codes(&wb), []);
        wb.risks.risks[0].current.impact = 6;
        assert_eq!(codes(&wb), [(Code::ValueOutOfRange, "R-001".into())]);
    }

    #[test]
    fn a_step_outside_its_phase_is_reported() {
        let mut wb = workbook();
        let step = wb.plan.phases[1].steps[0].clone();
        let mut moved = step.clone();
        moved.id = Id::from("STEP-1.99");
        wb.plan.phases[0].steps.push(moved.clone());
        assert_eq!(codes(&wb), []);
        moved.id = Id::from("STEP-2.99");
        wb.plan.phases[0].steps.pop();
        wb.plan.phases[0].steps.push(moved);
        assert_eq!(codes(&wb), [(Code::StepIdOutsidePhase, "STEP-2.99".into())]);
    }

    #[test]
    fn private_details_without_a_contact_are_reported() {
        let mut wb = workbook();
        wb.private_orphans.push(PrivateContact::new(
            Id::from("C-099"),
            PrivateDetails::default(),
        ));
        assert_eq!(codes(&wb), [(Code::PrivateWithoutContact, "C-099".into())]);
    }

    #[test]
    fn only_one_real_incident_may_be_active() {
        let mut wb = workbook();
        let mut first = incident(date("2026-11-01"), IncidentKind::Real);
        first.status = IncidentStatus::Active;
        let mut exercise = incident(date("2026-11-02"), IncidentKind::Exercise);
        exercise.status = IncidentStatus::Active;
        wb.incidents.extend([first.clone(), exercise]);
        assert_eq!(codes(&wb), []);
        let mut second = first;
        second.id = Id::from("2026-11-03-test");
        wb.incidents.push(second);
        assert_eq!(codes(&wb).len(), 2);
        assert!(
            codes(&wb)
                .iter()
                .all(|(c, _)| *c == Code::SeveralActiveIncidents)
        );
    }
}
