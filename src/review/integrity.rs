//! Integrity: every id unique, every reference pointing at a record that exists,
//! every required value present and in range. Without these the other rules
//! would reason about records that are not there.

use super::index::HashSet;
use super::{Code, Context, Finding};
use crate::model::bilingual::{pick, say};
use crate::model::fields::settings;
use crate::model::{Id, Language, Rating, RecordKind, Register, SupplierCatalogue};

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    duplicates(cx, out);
    references(cx, out);
    values(cx, out);
    catalogue_links(cx, out);
}

/// A supplier's catalogue link must name an entry of the supplier catalogue;
/// `paraat share` reports only those.
fn catalogue_links(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    let mut linked = cx
        .suppliers()
        .iter()
        .filter_map(|s| s.catalogue.as_deref().map(|c| (s, c)))
        .peekable();
    if linked.peek().is_none() {
        return;
    }
    let catalogue = SupplierCatalogue::builtin();
    for (supplier, id) in linked {
        if catalogue.entry(id.trim()).is_none() {
            let sid = &supplier.id;
            out.push(Finding::about(
                Code::MissingReference,
                RecordKind::Supplier,
                sid,
                say!(
                    lang,
                    "{sid}: `catalogue` names \"{id}\", which is not in the supplier catalogue; pick an entry from the catalogue (docs/sector.md) or leave it empty",
                    "{sid}: `catalogue` noemt \"{id}\", dat niet in de leverancierscatalogus staat; kies een vermelding uit de catalogus (docs/sector.md) of laat het leeg"
                ),
            ));
        }
    }
}

fn duplicates(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    let workbook = cx.workbook;
    let scan = |kind: RecordKind,
                ids: &mut dyn Iterator<Item = &Id>,
                lang: Language,
                out: &mut Vec<Finding>| {
        let mut seen = HashSet::default();
        let mut reported = HashSet::default();
        for id in ids {
            if !seen.insert(id.as_str()) && reported.insert(id.as_str()) {
                let next = workbook.next_id_like(kind, id);
                out.push(
                    Finding::about(
                        Code::DuplicateId,
                        kind,
                        id,
                        say!(
                            lang,
                            "{id} is used by more than one record; give each its own id; `paraat renumber {id} {next}` gives the later one a free id",
                            "{id} wordt door meer dan één record gebruikt; geef elk een eigen id; `paraat renumber {id} {next}` geeft het latere een vrij id"
                        ),
                    )
                    .field("id"),
                );
            }
        }
    };
    let w = cx;
    scan(
        RecordKind::ChecklistItem,
        &mut w.checklist().iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        RecordKind::Statement,
        &mut w.statements().iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        RecordKind::Step,
        &mut w.steps().map(|(_, s)| &s.id),
        lang,
        out,
    );
    scan(
        RecordKind::FirstHourStep,
        &mut w.first_hour().iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        RecordKind::Risk,
        &mut w.risks().iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        RecordKind::Process,
        &mut w.processes().iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        RecordKind::System,
        &mut w.systems().iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        RecordKind::Supplier,
        &mut w.suppliers().iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        RecordKind::Contact,
        &mut w.contacts().iter().map(|r| &r.id),
        lang,
        out,
    );
    scan(
        RecordKind::Backup,
        &mut w.backups().iter().map(|r| &r.id),
        lang,
        out,
    );

    let mut phases = HashSet::default();
    for phase in w.phases() {
        if !phases.insert(phase.number) {
            out.push(Finding::new(
                Code::DuplicateId,
                None,
                say!(
                    lang,
                    "plan.ron has more than one phase numbered {}; number the phases 1, 2, 3, …",
                    "plan.ron heeft meer dan één fase met nummer {}; nummer de fasen 1, 2, 3, …",
                    phase.number
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
                        say!(self.lang, "{id}: `{field}` refers to {target}, which does not exist; correct the id or remove it", "{id}: `{field}` verwijst naar {target}, dat niet bestaat; verbeter het id of haal het weg"),
                    )
                    .field(field),
                );
            }
        }
    }
}

fn references(cx: &Context, out: &mut Vec<Finding>) {
    let (ix, lang) = (cx.index, cx.lang);
    let mut r = References { lang, out };
    use RecordKind as K;
    for risk in cx.risks() {
        let id = &risk.id;
        r.check(K::Risk, id, "processes", &risk.processes, ix.processes());
        r.check(K::Risk, id, "systems", &risk.systems, ix.systems());
        r.check(K::Risk, id, "suppliers", &risk.suppliers, ix.suppliers());
        r.check(K::Risk, id, "owner", &risk.owner, ix.contacts());
        r.check(K::Risk, id, "actions", &risk.actions, ix.steps());
        if let Some(acceptance) = &risk.acceptance {
            r.check(
                K::Risk,
                id,
                "acceptance.by",
                [&acceptance.by],
                ix.contacts(),
            );
        }
    }
    for p in cx.processes() {
        r.check(K::Process, &p.id, "owner", &p.owner, ix.contacts());
        r.check(K::Process, &p.id, "systems", &p.systems, ix.systems());
        r.check(K::Process, &p.id, "suppliers", &p.suppliers, ix.suppliers());
    }
    for s in cx.systems() {
        r.check(K::System, &s.id, "supplier", &s.supplier, ix.suppliers());
        r.check(K::System, &s.id, "owner", &s.owner, ix.contacts());
    }
    for s in cx.suppliers() {
        r.check(
            K::Supplier,
            &s.id,
            "incident_contact",
            &s.incident_contact,
            ix.contacts(),
        );
    }
    let roles = cx.crisis_roles().iter().flat_map(|role| {
        let name = crate::model::labels::Label::label(role.role, lang);
        [("primary", &role.primary), ("deputy", &role.deputy)]
            .into_iter()
            .filter_map(move |(field, target)| {
                target.as_ref().map(|t| (format!("{name} ({field})"), t))
            })
    });
    let calls = cx
        .call_order()
        .iter()
        .map(|call| ("call_order".to_owned(), &call.contact));
    for (place, target) in roles.chain(calls) {
        if !ix.contacts().contains(target.as_str()) {
            r.out.push(Finding::new(
                Code::MissingReference,
                None,
                say!(lang, "contacts.ron: {place} refers to {target}, which does not exist; choose an existing contact", "contacts.ron: {place} verwijst naar {target}, dat niet bestaat; kies een bestaande contactpersoon"),
            ));
        }
    }
    for b in cx.backups() {
        r.check(K::Backup, &b.id, "systems", &b.systems, ix.systems());
        r.check(
            K::Backup,
            &b.id,
            "responsible",
            &b.responsible,
            ix.contacts(),
        );
    }
    for (_, step) in cx.steps() {
        let id = &step.id;
        r.check(K::Step, id, "owner", &step.owner, ix.contacts());
        r.check(K::Step, id, "risks", &step.risks, ix.risks());
        r.check(K::Step, id, "statements", &step.statements, ix.statements());
        r.check(K::Step, id, "incident", &step.incident, ix.incidents());
    }
    for statement in cx.statements() {
        r.check(
            K::Statement,
            &statement.id,
            "plan_step",
            &statement.plan_step,
            ix.steps(),
        );
    }
    for incident in cx.incidents() {
        let id = &incident.id;
        r.check(
            K::Incident,
            id,
            "affected_systems",
            &incident.affected_systems,
            ix.systems(),
        );
        for n in &incident.notifications {
            r.check(K::Incident, id, "notifications.to", [&n.to], ix.contacts());
        }
        for lesson in &incident.lessons {
            r.check(
                K::Incident,
                id,
                "lessons.plan_step",
                &lesson.plan_step,
                ix.steps(),
            );
        }
    }
    if let Some(notifier) = &cx.workbook.manifest.organisation.notifier
        && cx.covers(Register::Manifest)
        && !ix.contacts().contains(notifier.as_str())
    {
        r.out.push(
            Finding::new(
                Code::MissingReference,
                None,
                say!(lang, "paraat.ron: `notifier` refers to {notifier}, which does not exist; choose the contact who reports to the authorities", "paraat.ron: `notifier` verwijst naar {notifier}, dat niet bestaat; kies de contactpersoon die meldt bij de overheid"),
            )
            .in_settings(
                settings::NOTIFIER,
                say!(lang, "the notifier {notifier} does not exist; choose the contact who reports to the authorities", "de melder {notifier} bestaat niet; kies de contactpersoon die meldt bij de overheid"),
            ),
        );
    }
}

fn values(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    use RecordKind as K;
    let mut missing = |kind: RecordKind, id: &Id, field: &str, value: &str| {
        if super::is_blank(value) {
            out.push(
                Finding::about(
                    Code::MissingValue,
                    kind,
                    id,
                    say!(
                        lang,
                        "{id}: `{field}` is empty; fill it in",
                        "{id}: `{field}` is leeg; vul het in"
                    ),
                )
                .field(field),
            );
        }
    };
    for item in cx.checklist() {
        missing(K::ChecklistItem, &item.id, "question", &item.question);
    }
    for s in cx.statements() {
        missing(K::Statement, &s.id, "statement", &s.statement);
        missing(K::Statement, &s.id, "action", &s.action);
    }
    for (_, step) in cx.steps() {
        missing(K::Step, &step.id, "title", &step.title);
    }
    for step in cx.first_hour() {
        missing(K::FirstHourStep, &step.id, "title", &step.title);
    }
    for risk in cx.risks() {
        missing(K::Risk, &risk.id, "title", &risk.title);
    }
    for p in cx.processes() {
        missing(K::Process, &p.id, "name", &p.name);
    }
    for s in cx.systems() {
        missing(K::System, &s.id, "name", &s.name);
    }
    for s in cx.suppliers() {
        missing(K::Supplier, &s.id, "name", &s.name);
    }
    for c in cx.contacts() {
        missing(K::Contact, &c.id, "name", &c.name);
    }
    for b in cx.backups() {
        missing(K::Backup, &b.id, "what", &b.what);
    }
    for i in cx.incidents() {
        missing(K::Incident, &i.id, "title", &i.title);
    }

    let range = |kind: RecordKind, id: &Id, en: String, nl: String| {
        Finding::about(Code::ValueOutOfRange, kind, id, pick(lang, en, nl))
    };
    let rating = |r: &Rating| r.in_range();
    for risk in cx.risks() {
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
    for s in cx.statements() {
        if !(1..=3).contains(&s.weight) {
            out.push(range(
                K::Statement,
                &s.id,
                format!("{}: `weight` must be 1, 2 or 3 (found {})", s.id, s.weight),
                format!("{}: `weight` moet 1, 2 of 3 zijn (nu {})", s.id, s.weight),
            ));
        }
    }
    for phase in cx.phases() {
        for step in &phase.steps {
            if phase.step_number(&step.id).is_none() {
                out.push(Finding::about(
                    Code::StepIdOutsidePhase,
                    K::Step,
                    &step.id,
                    say!(
                        lang,
                        "{}: a step of phase {} should have an id starting with {}",
                        "{}: een stap van fase {} hoort een id te hebben dat begint met {}",
                        step.id,
                        phase.number,
                        phase.step_prefix()
                    ),
                ));
            }
        }
    }
    if cx.covers(Register::Manifest) {
        manifest_values(cx, out);
    }

    for orphan in cx.private_orphans() {
        out.push(Finding::about(
            Code::PrivateWithoutContact,
            K::Contact,
            &orphan.id,
            say!(lang, "private/contacts.ron holds details for {}, but contacts.ron has no such contact (or has it twice in the private file); add the contact or remove the private entry", "private/contacts.ron bevat gegevens voor {}, maar contacts.ron heeft die contactpersoon niet (of de privégegevens staan er dubbel); voeg de contactpersoon toe of haal de privégegevens weg", orphan.id),
        ));
    }

    let active: Vec<_> = cx
        .incidents()
        .iter()
        .filter(|i| i.is_active() && i.kind == crate::model::IncidentKind::Real)
        .collect();
    if active.len() > 1 {
        for incident in &active {
            out.push(Finding::about(
                Code::SeveralActiveIncidents,
                K::Incident,
                &incident.id,
                say!(lang, "{} is one of {} real incidents marked active; only one can be active, close the others", "{} is een van {} echte incidenten die actief staan; er kan er maar één actief zijn, sluit de andere", incident.id, active.len()),
            ));
        }
    }
}

fn manifest_values(cx: &Context, out: &mut Vec<Finding>) {
    let (m, lang) = (&cx.workbook.manifest, cx.lang);
    if m.organisation.name.trim().is_empty() {
        out.push(
            Finding::new(
                Code::MissingValue,
                None,
                say!(
                    lang,
                    "paraat.ron: the organisation's `name` is empty; fill it in",
                    "paraat.ron: de `name` van de organisatie is leeg; vul die in"
                ),
            )
            .in_settings(
                settings::NAME,
                say!(
                    lang,
                    "the organisation has no name",
                    "de organisatie heeft geen naam"
                ),
            ),
        );
    }
    let mut whole =
        |code: Code, en: String, nl: String| out.push(Finding::new(code, None, pick(lang, en, nl)));
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
        out.push(
            Finding::new(
                Code::ValueOutOfRange,
                None,
                say!(
                    lang,
                    "paraat.ron: `every_months` of the review cycle must be at least 1",
                    "paraat.ron: `every_months` van de reviewcyclus moet minstens 1 zijn"
                ),
            )
            .in_settings(
                settings::REVIEW_MONTHS,
                say!(
                    lang,
                    "the full review cycle must be at least 1 month",
                    "de cyclus van de volledige controle moet minstens 1 maand zijn"
                ),
            ),
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
    fn a_catalogue_link_must_name_a_catalogue_entry_free_text_suppliers_stay_possible() {
        let mut wb = workbook();
        wb.processes.suppliers.push(supplier("SUP-01"));
        wb.processes.suppliers.push(supplier("SUP-02"));
        wb.processes.suppliers[0].catalogue = Some("axiell".into());
        assert_eq!(
            codes(&wb),
            [],
            "a catalogue entry, and a supplier not linked"
        );
        wb.processes.suppliers[1].catalogue = Some("Our own host".into());
        assert_eq!(codes(&wb), [(Code::MissingReference, "SUP-02".into())]);
        wb.manifest.language = Language::Nl;
        let found = integrity(&wb);
        assert!(
            found[0].message.contains("leverancierscatalogus"),
            "{found:?}"
        );
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
