//! Bringing a workbook up to a template pack (`paraat templates update`).
//!
//! [`update`] compares a workbook with a pack (see [`crate::model::pack`]) and
//! builds the change as edits, one per record, applied like every other edit:
//!
//! - an item of the pack the workbook does not have is **added** (for the workbook's
//!   kind of organisation), next to the items of its principle or at the end of its
//!   phase, with the pack's id when that id is still free, else the next free one;
//! - an item the pack **changed** since (its version in the pack is higher than the
//!   workbook item's origin) takes the pack's wording: question and guidance,
//!   statement, weight, action and priority, title and description, a contact's
//!   name, role, organisation and what it needs from you;
//! - an item the pack no longer has is marked **retired** (kept, with its answer);
//! - answers, notes, dates, status, owners, phone numbers and every link are never
//!   touched: the changed record is the old one with only the pack's fields copied in.
//!
//! Workbooks made before origins existed have items without an origin. Those are
//! matched by id against the pack they came from, when their wording is still
//! recognisably the pack's (see [`similar`]) so an id the organisation gave its own
//! item is never mistaken for the pack's; a match gets its origin, and the pack's
//! list of retired ids marks the items it dropped.
//!
//! The caller shows the change (as `paraat diff` would, through the `changes`
//! engine), applies it and saves.

use std::collections::HashSet;

use super::OpError;
use crate::model::edit::{Edit, Record};
use crate::model::pack::{PackItem, TemplateItem, TemplatePack, origin_key};
use crate::model::*;

/// A template item of one kind: how to match and update it.
trait Template: TemplateItem + Clone + PartialEq + Sized {
    /// The text matched when a workbook made before origins is upgraded.
    fn wording(&self) -> String;
    /// Whether `pack` may be the same item as `self` at all (same principle, same
    /// authority), before the wording is compared.
    fn may_be(&self, pack: &Self) -> bool;
    /// Copies the pack's fields (wording, guidance, weights) into `self`.
    fn take_wording(&mut self, pack: &Self);
    fn record(self) -> Record;
}

/// A template item kept in one list of the workbook (all but plan steps).
trait Listed: Template {
    fn list(workbook: &Workbook) -> &Vec<Self>;
    /// Where a new item goes in the list.
    fn place(list: &[Self], item: &Self) -> usize;
}

/// After the last item of the same principle, or at the end.
fn after_group<T>(list: &[T], principle: impl Fn(&T) -> Principle, item: &T) -> usize {
    let group = principle(item);
    list.iter()
        .rposition(|i| principle(i) == group)
        .map_or(list.len(), |last| last + 1)
}

impl Template for ChecklistItem {
    fn wording(&self) -> String {
        self.question.clone()
    }
    fn may_be(&self, pack: &Self) -> bool {
        self.principle == pack.principle
    }
    fn take_wording(&mut self, pack: &Self) {
        self.principle = pack.principle;
        self.question = pack.question.clone();
        self.guidance = pack.guidance.clone();
    }
    fn record(self) -> Record {
        Record::ChecklistItem(self)
    }
}

impl Listed for ChecklistItem {
    fn list(workbook: &Workbook) -> &Vec<Self> {
        &workbook.checklist.items
    }
    fn place(list: &[Self], item: &Self) -> usize {
        after_group(list, |i| i.principle, item)
    }
}

impl Template for Statement {
    fn wording(&self) -> String {
        self.statement.clone()
    }
    fn may_be(&self, pack: &Self) -> bool {
        self.principle == pack.principle
    }
    fn take_wording(&mut self, pack: &Self) {
        self.principle = pack.principle;
        self.statement = pack.statement.clone();
        self.weight = pack.weight;
        self.action = pack.action.clone();
        self.priority = pack.priority;
    }
    fn record(self) -> Record {
        Record::Statement(self)
    }
}

impl Listed for Statement {
    fn list(workbook: &Workbook) -> &Vec<Self> {
        &workbook.selfcheck.statements
    }
    fn place(list: &[Self], item: &Self) -> usize {
        after_group(list, |s| s.principle, item)
    }
}

/// A step (of the plan or the first hour): matched and updated by its title and
/// description.
macro_rules! titled_step {
    ($ty:ident) => {
        impl Template for $ty {
            fn wording(&self) -> String {
                format!("{} {}", self.title, self.description)
            }
            fn may_be(&self, _pack: &Self) -> bool {
                true
            }
            fn take_wording(&mut self, pack: &Self) {
                self.title = pack.title.clone();
                self.description = pack.description.clone();
            }
            fn record(self) -> Record {
                Record::$ty(self)
            }
        }
    };
}
titled_step!(FirstHourStep);
titled_step!(Step);

impl Listed for FirstHourStep {
    fn list(workbook: &Workbook) -> &Vec<Self> {
        &workbook.plan.first_hour
    }
    fn place(list: &[Self], _item: &Self) -> usize {
        list.len()
    }
}

impl Template for Contact {
    fn wording(&self) -> String {
        format!("{} {}", self.name, self.organisation)
    }
    fn may_be(&self, pack: &Self) -> bool {
        self.authority == pack.authority
    }
    fn take_wording(&mut self, pack: &Self) {
        self.name = pack.name.clone();
        self.role = pack.role.clone();
        self.organisation = pack.organisation.clone();
        self.kind = pack.kind;
        self.authority = pack.authority;
        self.needs = pack.needs.clone();
    }
    fn record(self) -> Record {
        Record::Contact(self)
    }
}

impl Listed for Contact {
    fn list(workbook: &Workbook) -> &Vec<Self> {
        &workbook.contacts.contacts
    }
    fn place(list: &[Self], _item: &Self) -> usize {
        list.len()
    }
}

/// Whether two texts are recognisably the same item: at least half of their words
/// (of three letters or more, ignoring case) are shared. A reworded question keeps
/// most of its words; an id reused for a different item shares few.
pub fn similar(a: &str, b: &str) -> bool {
    fn words(text: &str) -> HashSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    }
    let (a, b) = (words(a), words(b));
    if a.is_empty() && b.is_empty() {
        return true;
    }
    let shared = a.intersection(&b).count();
    let all = a.union(&b).count();
    shared * 2 >= all
}

/// The result of [`update`]: the edits, and what could not be done.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateUpdate {
    /// One edit per record changed, in the order they apply.
    pub edits: Vec<Edit>,
    /// Plan steps not added because the workbook's plan has no such phase.
    pub missing_phases: Vec<(Id, u32)>,
}

impl TemplateUpdate {
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// All the changes as one edit.
    pub fn edit(&self) -> Edit {
        Edit::Group(self.edits.clone())
    }
}

/// The changes that bring `workbook` up to `pack` (see the module docs). The pack
/// must have been through [`TemplatePack::prepare`]. A pack in another language
/// than the workbook's is refused.
pub fn update(workbook: &Workbook, pack: &TemplatePack) -> Result<TemplateUpdate, OpError> {
    if pack.language != workbook.language() {
        return Err(OpError::PackLanguage {
            pack: pack.language,
            workbook: workbook.language(),
        });
    }
    let kind = workbook.manifest.organisation.kind;
    let mut run = Run {
        working: workbook.clone(),
        pack,
        out: TemplateUpdate::default(),
    };
    run.items(&pack.checklist, kind);
    run.items(&pack.selfcheck, kind);
    run.steps(kind);
    run.items(&pack.first_hour, kind);
    run.items(&pack.contacts, kind);
    Ok(run.out)
}

struct Run<'a> {
    /// The workbook with the edits so far applied, so each edit's index is right.
    working: Workbook,
    pack: &'a TemplatePack,
    out: TemplateUpdate,
}

impl Run<'_> {
    fn apply(&mut self, edit: Edit) {
        // Built against `working` just now, so it fits; an edit that did not
        // would be a bug here, and is dropped rather than half applied.
        if edit.apply(&mut self.working).is_ok() {
            self.out.edits.push(edit);
        }
    }

    fn change<T: Template>(&mut self, phase: Option<u32>, index: usize, before: T, after: T) {
        if before != after {
            self.apply(Edit::Record {
                phase,
                index,
                before: Some(before.record()),
                after: Some(after.record()),
            });
        }
    }

    /// The workbook's version of a pack item, once it has been matched.
    fn updated<T: Template>(&self, current: &T, pack_item: &T, adopted: bool) -> T {
        let mut new = current.clone();
        let pack_origin = pack_item.origin().clone();
        let changed = adopted
            || match (current.origin(), &pack_origin) {
                (Some(mine), Some(theirs)) => theirs.version > mine.version,
                _ => false,
            };
        if changed {
            new.take_wording(pack_item);
        }
        if changed || crate::model::is_retired(current.origin()) {
            *new.origin_mut() = pack_origin;
        }
        new
    }

    /// Finds the workbook item for a pack item: by origin, or (for an item made
    /// before origins) by id when it is recognisably the same.
    fn find<T: Listed>(
        &self,
        list: &[T],
        pack_item: &T,
        taken: &HashSet<usize>,
    ) -> Option<(usize, bool)> {
        let key = origin_key(pack_item)?;
        let by_origin = list.iter().position(|w| {
            w.origin()
                .as_ref()
                .is_some_and(|o| o.pack == self.pack.id && o.item == key)
        });
        if let Some(i) = by_origin {
            return Some((i, false));
        }
        list.iter()
            .enumerate()
            .find(|(i, w)| {
                !taken.contains(i)
                    && w.origin().is_none()
                    && w.id() == pack_item.id()
                    && w.may_be(pack_item)
                    && similar(&w.wording(), &pack_item.wording())
            })
            .map(|(i, _)| (i, true))
    }

    fn items<T: Listed>(&mut self, entries: &[PackItem<T>], kind: OrganisationKind) {
        let mut taken = HashSet::new();
        for entry in entries {
            let pack_item = &entry.item;
            let current = T::list(&self.working);
            match self.find(current, pack_item, &taken) {
                Some((index, adopted)) => {
                    taken.insert(index);
                    let before = current[index].clone();
                    let after = self.updated(&before, pack_item, adopted);
                    self.change(None, index, before, after);
                }
                None if entry.for_kind(kind) => {
                    let mut item = pack_item.clone();
                    let id = self.new_id(pack_item.kind(), pack_item.id());
                    item.set_id(id);
                    let index = T::place(T::list(&self.working), &item);
                    self.apply(Edit::Record {
                        phase: None,
                        index,
                        before: None,
                        after: Some(item.record()),
                    });
                }
                None => {}
            }
        }
        // Retire what the pack no longer has; mark, for workbooks made before
        // origins, what the pack lists as retired.
        let current = T::list(&self.working).clone();
        for (index, item) in current.into_iter().enumerate() {
            if let Some(retired) = self.retired(&item) {
                let mut after = item.clone();
                *after.origin_mut() = Some(retired);
                self.change(None, index, item, after);
            }
        }
    }

    /// The origin that marks `item` retired, when the pack retired it.
    fn retired(&self, item: &dyn TemplateItem) -> Option<Origin> {
        match item.origin() {
            Some(origin) if origin.pack == self.pack.id => {
                (!origin.retired && !self.pack.has(item.kind(), &origin.item)).then(|| Origin {
                    retired: true,
                    ..origin.clone()
                })
            }
            Some(_) => None,
            None => self
                .pack
                .retired
                .iter()
                .any(|r| r == item.id().as_str())
                .then(|| Origin {
                    retired: true,
                    ..Origin::new(&self.pack.id, self.pack.version, item.id().as_str())
                }),
        }
    }

    /// The pack's id when it is free and not below the register's high-water mark
    /// (so no id is handed out twice), else the next free id.
    fn new_id(&self, kind: RecordKind, wanted: &Id) -> Id {
        let next = self.working.next_id(kind);
        let prefix = kind.prefix();
        match (wanted.number(prefix), next.number(prefix)) {
            (Some(n), Some(free)) if n >= free => wanted.clone(),
            _ => next,
        }
    }

    fn steps(&mut self, kind: OrganisationKind) {
        let mut taken: HashSet<Id> = HashSet::new();
        for entry in &self.pack.steps {
            let pack_step = &entry.step;
            // Found anywhere in the plan: the organisation may have moved it.
            let found = self.find_step(pack_step, &taken);
            if let Some((phase_index, index, adopted)) = found {
                let phase = &self.working.plan.phases[phase_index];
                let before = phase.steps[index].clone();
                taken.insert(before.id.clone());
                let number = phase.number;
                let after = self.updated(&before, pack_step, adopted);
                self.change(Some(number), index, before, after);
                continue;
            }
            if !entry.for_kind(kind) {
                continue;
            }
            let Some(phase) = self
                .working
                .plan
                .phases
                .iter()
                .find(|p| p.number == entry.phase)
            else {
                self.out
                    .missing_phases
                    .push((pack_step.id.clone(), entry.phase));
                continue;
            };
            let mut step = pack_step.clone();
            let next = phase.next_step_id();
            let free = phase.step_number(&next).unwrap_or(1);
            let in_use = self.working.step(pack_step.id.as_str()).is_some();
            step.id = match phase.step_number(&pack_step.id) {
                Some(n) if n >= free && !in_use => pack_step.id.clone(),
                _ => next,
            };
            let (number, index) = (phase.number, phase.steps.len());
            self.apply(Edit::Record {
                phase: Some(number),
                index,
                before: None,
                after: Some(Record::Step(step)),
            });
        }
        let mut retire = Vec::new();
        for phase in &self.working.plan.phases {
            for (index, step) in phase.steps.iter().enumerate() {
                if let Some(origin) = self.retired(step) {
                    let mut after = step.clone();
                    after.origin = Some(origin);
                    retire.push((phase.number, index, step.clone(), after));
                }
            }
        }
        for (number, index, before, after) in retire {
            self.change(Some(number), index, before, after);
        }
    }

    fn find_step(&self, pack_step: &Step, taken: &HashSet<Id>) -> Option<(usize, usize, bool)> {
        let key = origin_key(pack_step)?;
        let phases = &self.working.plan.phases;
        for (p, phase) in phases.iter().enumerate() {
            if let Some(i) = phase.steps.iter().position(|s| {
                s.origin
                    .as_ref()
                    .is_some_and(|o| o.pack == self.pack.id && o.item == key)
            }) {
                return Some((p, i, false));
            }
        }
        for (p, phase) in phases.iter().enumerate() {
            if let Some(i) = phase.steps.iter().position(|s| {
                s.origin.is_none()
                    && s.id == pack_step.id
                    && !taken.contains(&s.id)
                    && similar(&s.wording(), &pack_step.wording())
            }) {
                return Some((p, i, true));
            }
        }
        None
    }
}
