//! Readiness: on the day of an incident, people must be able to reach each other
//! and the authorities without e-mail. Every crisis role needs someone in it and a
//! deputy, every person in a crisis role a channel that works when the network is
//! down, and the workbook the authorities' contacts and a named notifier. The
//! checklist and the self-check count here too: unanswered questions hide gaps.

use super::{Code, Context, Finding, named, say};
use crate::model::fields::settings;
use crate::model::labels::Label;
use crate::model::{Answer, Authority, RecordKind, Register, RoleKind};

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    let wb = cx.workbook;

    // Roles: unfilled, without deputy; and who holds which role, for the channel rule.
    let mut holders: Vec<(&str, Vec<RoleKind>)> = Vec::new();
    let roles: &[RoleKind] = if cx.covers(Register::Contacts) {
        &RoleKind::ALL
    } else {
        &[]
    };
    for &role in roles {
        let title = role.label(lang);
        let Some(filled) = wb.crisis_role(role).filter(|r| r.primary.is_some()) else {
            out.push(Finding::new(
                Code::RoleUnfilled,
                None,
                say!(
                    lang,
                    "the crisis role “{title}” has no one in it; name a primary and a deputy under `crisis_roles` in contacts.ron",
                    "de crisisrol „{title}” is niet bezet; wijs onder `crisis_roles` in contacts.ron een eerste persoon en een vervanger aan",
                ),
            ));
            continue;
        };
        let primary = filled.primary.as_ref().map_or("", |p| p.as_str());
        let primary_name = cx
            .index
            .contact()
            .get(primary)
            .map_or_else(|| primary.to_owned(), |c| named(&c.id, &c.name).to_string());
        match filled.deputy.as_ref().map(|d| d.as_str()) {
            None => out.push(Finding::new(
                Code::RoleWithoutDeputy,
                None,
                say!(
                    lang,
                    "the crisis role “{title}” has no deputy; name someone in contacts.ron who takes over when {primary_name} cannot be reached",
                    "de crisisrol „{title}” heeft geen vervanger; wijs in contacts.ron iemand aan die het overneemt als {primary_name} niet bereikbaar is",
                ),
            )),
            Some(deputy) if deputy == primary => out.push(Finding::new(
                Code::RoleWithoutDeputy,
                None,
                say!(
                    lang,
                    "the crisis role “{title}” has {primary_name} as both primary and deputy; name someone else as deputy in contacts.ron",
                    "de crisisrol „{title}” heeft {primary_name} als eerste persoon én als vervanger; wijs in contacts.ron iemand anders aan als vervanger",
                ),
            )),
            Some(_) => {}
        }
        for holder in [filled.primary.as_ref(), filled.deputy.as_ref()]
            .into_iter()
            .flatten()
        {
            match holders.iter_mut().find(|(id, _)| *id == holder.as_str()) {
                Some((_, roles)) => {
                    if !roles.contains(&role) {
                        roles.push(role);
                    }
                }
                None => holders.push((holder.as_str(), vec![role])),
            }
        }
    }
    for (id, roles) in holders {
        let Some(contact) = cx.index.contact().get(id) else {
            continue; // integrity reports the missing contact
        };
        if contact.out_of_band_channel().is_some() {
            continue;
        }
        let name = named(&contact.id, &contact.name);
        let roles = roles
            .iter()
            .map(|r| r.label(lang))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Finding::about(
            Code::RoleWithoutOutOfBand,
            RecordKind::Contact,
            &contact.id,
            say!(
                lang,
                "{name}, {roles}, has no out-of-band channel; agree a way to reach them when e-mail and the network are down (a messaging group, a home landline) and record it in `out_of_band`",
                "{name}, {roles}, heeft geen noodkanaal; spreek af hoe je deze persoon bereikt als e-mail en netwerk uitliggen (een appgroep, een vaste lijn thuis) en leg dat vast in `out_of_band`",
            ),
        ));
    }

    let authorities: &[Authority] = if cx.covers(Register::Contacts) {
        &Authority::REQUIRED
    } else {
        &[]
    };
    for &authority in authorities {
        let present = wb
            .contacts
            .contacts
            .iter()
            .any(|c| c.authority == Some(authority));
        if !present {
            let title = authority.label(lang);
            out.push(Finding::new(
                Code::AuthorityContactMissing,
                None,
                say!(
                    lang,
                    "contacts.ron has no contact for the {title}; add it with `authority` set, so the reporting route is at hand during an incident",
                    "er staat geen contact voor {title} in contacts.ron; voeg het toe met `authority` ingevuld, zodat de meldroute klaarligt tijdens een incident",
                ),
            ));
        }
    }

    if wb.manifest.organisation.notifier.is_none() && cx.covers(Register::Manifest) {
        out.push(
            Finding::new(
                Code::NotifierMissing,
                None,
                say!(
                    lang,
                    "paraat.ron names no notifier, the person who reports to the authorities (the data protection authority within 72 hours); set `notifier` to that contact",
                    "paraat.ron noemt geen melder, de persoon die meldt bij de instanties (de Autoriteit Persoonsgegevens binnen 72 uur); zet `notifier` op die contactpersoon",
                ),
            )
            .in_settings(
                settings::NOTIFIER,
                say!(
                    lang,
                    "no notifier is named, the person who reports to the authorities (the data protection authority within 72 hours)",
                    "er is geen melder aangewezen, de persoon die meldt bij de instanties (de Autoriteit Persoonsgegevens binnen 72 uur)",
                ),
            ),
        );
    }

    let unanswered = |answers: &mut dyn Iterator<Item = Answer>| {
        let (mut open, mut total) = (0usize, 0usize);
        for answer in answers {
            total += 1;
            open += usize::from(answer == Answer::Unanswered);
        }
        (open, total)
    };
    let (open, total) = unanswered(&mut wb.checklist_in_use().map(|i| i.answer));
    if open > 0 && cx.covers(Register::Checklist) {
        out.push(Finding::new(
            Code::ChecklistIncomplete,
            None,
            say!(
                lang,
                "{open} of {total} checklist questions are unanswered; answer them to see where the basics stand",
                "{open} van de {total} checklistvragen zijn onbeantwoord; beantwoord ze om te zien hoe de basis ervoor staat",
            ),
        ));
    }
    let (open, total) = unanswered(&mut wb.statements_in_use().map(|s| s.answer));
    if open > 0 && cx.covers(Register::SelfCheck) {
        out.push(Finding::new(
            Code::SelfCheckIncomplete,
            None,
            say!(
                lang,
                "{open} of {total} self-check statements are unanswered; answer them (it takes 5 to 10 minutes) to get a complete score and action list",
                "{open} van de {total} stellingen van de zelftest zijn onbeantwoord; beantwoord ze (5 tot 10 minuten) voor een volledige score en actielijst",
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::model::*;
    use crate::review::Code;

    const TODAY: &str = "2026-12-01";

    /// The template with two internal people, C-010 and C-011, and every role
    /// filled by C-010 with C-011 as deputy.
    fn staffed() -> Workbook {
        let mut wb = workbook();
        wb.contacts
            .contacts
            .push(contact("C-010", ContactKind::Internal));
        wb.contacts
            .contacts
            .push(contact("C-011", ContactKind::Internal));
        for role in &mut wb.contacts.crisis_roles {
            role.primary = Some(Id::from("C-010"));
            role.deputy = Some(Id::from("C-011"));
        }
        wb
    }

    #[test]
    fn every_crisis_role_needs_someone_in_it() {
        let wb = workbook();
        assert_eq!(about(&wb, date(TODAY), Code::RoleUnfilled).len(), 4);
        assert!(about(&staffed(), date(TODAY), Code::RoleUnfilled).is_empty());
        let mut missing = staffed();
        missing
            .contacts
            .crisis_roles
            .retain(|r| r.role != RoleKind::Communications);
        let found = found(&missing, date(TODAY), Code::RoleUnfilled);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("communications"));
    }

    #[test]
    fn a_crisis_role_needs_a_deputy_who_is_someone_else() {
        let mut wb = staffed();
        assert!(about(&wb, date(TODAY), Code::RoleWithoutDeputy).is_empty());
        wb.contacts.crisis_roles[0].deputy = None;
        wb.contacts.crisis_roles[1].deputy = Some(Id::from("C-010"));
        assert_eq!(about(&wb, date(TODAY), Code::RoleWithoutDeputy).len(), 2);
    }

    #[test]
    fn everyone_in_a_crisis_role_needs_an_out_of_band_channel() {
        let mut wb = staffed();
        assert!(about(&wb, date(TODAY), Code::RoleWithoutOutOfBand).is_empty());
        let c = wb
            .contacts
            .contacts
            .iter_mut()
            .find(|c| c.id.as_str() == "C-011");
        c.expect("contact").out_of_band.clear();
        let found = found(&wb, date(TODAY), Code::RoleWithoutOutOfBand);
        assert_eq!(found.len(), 1, "one finding per person, not per role");
        assert!(found[0].message.contains("decision-maker"));
        // A channel kept in the private file counts.
        let c = wb
            .contacts
            .contacts
            .iter_mut()
            .find(|c| c.id.as_str() == "C-011");
        c.expect("contact").private.out_of_band = "Home landline".into();
        assert!(about(&wb, date(TODAY), Code::RoleWithoutOutOfBand).is_empty());
    }

    #[test]
    fn the_authorities_must_be_among_the_contacts() {
        let mut wb = workbook();
        assert!(about(&wb, date(TODAY), Code::AuthorityContactMissing).is_empty());
        wb.contacts
            .contacts
            .retain(|c| c.authority != Some(Authority::Police));
        let found = found(&wb, date(TODAY), Code::AuthorityContactMissing);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("police"));
    }

    #[test]
    fn a_notifier_must_be_named() {
        let mut wb = workbook();
        wb.manifest.organisation.notifier = None;
        assert_eq!(about(&wb, date(TODAY), Code::NotifierMissing), [""]);
        wb.manifest.organisation.notifier = Some(Id::from("C-001"));
        assert!(about(&wb, date(TODAY), Code::NotifierMissing).is_empty());
    }

    #[test]
    fn unanswered_checklist_and_self_check_questions_are_counted() {
        let mut wb = workbook();
        for item in &mut wb.checklist.items {
            item.answer = Answer::Yes;
        }
        for statement in &mut wb.selfcheck.statements {
            statement.answer = Answer::NotApplicable;
        }
        assert!(about(&wb, date(TODAY), Code::ChecklistIncomplete).is_empty());
        assert!(about(&wb, date(TODAY), Code::SelfCheckIncomplete).is_empty());
        wb.checklist.items[0].answer = Answer::Unanswered;
        wb.selfcheck.statements[0].answer = Answer::Unanswered;
        let checklist = found(&wb, date(TODAY), Code::ChecklistIncomplete);
        assert!(
            checklist[0].message.starts_with("1 of "),
            "{}",
            checklist[0].message
        );
        assert_eq!(about(&wb, date(TODAY), Code::SelfCheckIncomplete), [""]);
    }
}
