//! Starting content for some kinds of organisation only: what an archive, a
//! library, a museum or a heritage organisation gets on top of the shared
//! templates.
//!
//! The shared templates (`data/templates/<lang>/*.ron`) hold what every cultural
//! organisation needs, written once. `data/templates/<lang>/kinds.ron` holds the
//! rest, each item once, tagged with the kinds it is for: an item that fits
//! archives and heritage organisations alike is written one time, not copied. Every
//! template item, shared or not, has its own id, so an id means the same item in
//! every workbook whatever its kind (and a later template update can match items by
//! it). `docs/templates.md` lists what each kind gets.
//!
//! The merge is pure: [`KindContent::apply`] adds the items for one kind to a
//! workbook built from the shared templates.

use serde::{Deserialize, Serialize};

use super::{ChecklistItem, Contact, Id, OrganisationKind, Principle, Statement, Step, Workbook};

/// The items of `kinds.ron`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindContent {
    #[serde(default)]
    pub checklist: Vec<ForKinds<ChecklistItem>>,
    #[serde(default)]
    pub selfcheck: Vec<ForKinds<Statement>>,
    /// Plan steps, each added at the end of its phase.
    #[serde(default)]
    pub steps: Vec<KindStep>,
    #[serde(default)]
    pub contacts: Vec<ForKinds<Contact>>,
}

/// One item and the kinds of organisation that get it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForKinds<T> {
    pub kinds: Vec<OrganisationKind>,
    pub item: T,
}

/// A plan step for some kinds, and the phase it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindStep {
    pub kinds: Vec<OrganisationKind>,
    pub phase: u32,
    pub step: Step,
}

/// The phase a kind's plan step names is not in the plan.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("kinds.ron: step {step} belongs to phase {phase}, which the plan does not have")]
pub struct MissingPhase {
    pub step: Id,
    pub phase: u32,
}

impl KindContent {
    /// Adds the items for `kind` to `workbook`: checklist items and self-check
    /// statements after the last one of their principle (so they read in their
    /// group), plan steps at the end of their phase, contacts at the end. The
    /// high-water marks are raised past every id now in use.
    pub fn apply(
        &self,
        kind: OrganisationKind,
        workbook: &mut Workbook,
    ) -> Result<(), MissingPhase> {
        let wanted = |kinds: &[OrganisationKind]| kinds.contains(&kind);
        for entry in self.checklist.iter().filter(|e| wanted(&e.kinds)) {
            insert_in_group(&mut workbook.checklist.items, entry.item.clone(), |i| {
                i.principle
            });
        }
        for entry in self.selfcheck.iter().filter(|e| wanted(&e.kinds)) {
            insert_in_group(
                &mut workbook.selfcheck.statements,
                entry.item.clone(),
                |s| s.principle,
            );
        }
        for entry in self.steps.iter().filter(|e| wanted(&e.kinds)) {
            let phase = workbook
                .plan
                .phases
                .iter_mut()
                .find(|p| p.number == entry.phase)
                .ok_or_else(|| MissingPhase {
                    step: entry.step.id.clone(),
                    phase: entry.phase,
                })?;
            phase.steps.push(entry.step.clone());
            let used = phase
                .steps
                .iter()
                .filter_map(|s| phase.step_number(&s.id))
                .max();
            phase.next_step = past(phase.next_step, used);
        }
        for entry in self.contacts.iter().filter(|e| wanted(&e.kinds)) {
            workbook.contacts.contacts.push(entry.item.clone());
        }
        let checklist = &mut workbook.checklist;
        checklist.next_number = past(
            checklist.next_number,
            checklist
                .items
                .iter()
                .filter_map(|i| i.id.number("CL"))
                .max(),
        );
        let selfcheck = &mut workbook.selfcheck;
        selfcheck.next_number = past(
            selfcheck.next_number,
            selfcheck
                .statements
                .iter()
                .filter_map(|s| s.id.number("SC"))
                .max(),
        );
        let contacts = &mut workbook.contacts;
        contacts.next_number = past(
            contacts.next_number,
            contacts
                .contacts
                .iter()
                .filter_map(|c| c.id.number("C"))
                .max(),
        );
        Ok(())
    }

    /// Every id in this file, with the kinds it is for.
    pub fn ids(&self) -> Vec<(&Id, &[OrganisationKind])> {
        let mut ids: Vec<(&Id, &[OrganisationKind])> = Vec::new();
        ids.extend(
            self.checklist
                .iter()
                .map(|e| (&e.item.id, e.kinds.as_slice())),
        );
        ids.extend(
            self.selfcheck
                .iter()
                .map(|e| (&e.item.id, e.kinds.as_slice())),
        );
        ids.extend(self.steps.iter().map(|e| (&e.step.id, e.kinds.as_slice())));
        ids.extend(
            self.contacts
                .iter()
                .map(|e| (&e.item.id, e.kinds.as_slice())),
        );
        ids
    }
}

/// The high-water mark `mark`, raised past `used`.
fn past(mark: u32, used: Option<u32>) -> u32 {
    used.map_or(mark, |n| mark.max(n.saturating_add(1)))
}

/// Inserts `item` after the last item of its principle, or at the end.
fn insert_in_group<T>(items: &mut Vec<T>, item: T, principle: impl Fn(&T) -> Principle) {
    let group = principle(&item);
    let at = items
        .iter()
        .rposition(|i| principle(i) == group)
        .map_or(items.len(), |last| last + 1);
    items.insert(at, item);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_goes_after_the_last_of_its_group_or_at_the_end() {
        let mut items = vec![
            (1, Principle::Risks),
            (2, Principle::Behaviour),
            (3, Principle::Risks),
        ];
        insert_in_group(&mut items, (4, Principle::Risks), |i| i.1);
        insert_in_group(&mut items, (5, Principle::Incidents), |i| i.1);
        let order: Vec<u32> = items.iter().map(|i| i.0).collect();
        assert_eq!(order, [1, 2, 3, 4, 5]);
        insert_in_group(&mut items, (6, Principle::Behaviour), |i| i.1);
        let order: Vec<u32> = items.iter().map(|i| i.0).collect();
        assert_eq!(order, [1, 2, 6, 3, 4, 5]);
    }

    #[test]
    fn a_mark_is_raised_past_the_ids_in_use_and_never_lowered() {
        assert_eq!(past(5, Some(9)), 10);
        assert_eq!(past(12, Some(9)), 12);
        assert_eq!(past(3, None), 3);
    }
}
