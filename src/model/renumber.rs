//! Giving a record a new id, with every reference following it.
//!
//! Two people who each add "the next risk" on their own clone both pick the same
//! id. The merge driver renumbers one of them; `paraat renumber R-017 R-018` does
//! it by hand. Both go through [`Renumbering`], so a record and every reference to
//! it move together, in every file. The hand repair is an [`Edit::Renumber`], so
//! the terminal UI can undo it.

use std::collections::BTreeMap;

use super::bilingual::say;
use super::edit::Edit;
use super::references::{Records, References};
use super::*;

/// Old id → new id, per kind of record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renumbering {
    map: BTreeMap<(RecordKind, Id), Id>,
}

impl Renumbering {
    pub fn new() -> Renumbering {
        Renumbering::default()
    }

    pub fn insert(&mut self, kind: RecordKind, from: Id, to: Id) {
        self.map.insert((kind, from), to);
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn get(&self, kind: RecordKind, id: &Id) -> Option<&Id> {
        if self.map.is_empty() {
            return None;
        }
        // Avoids cloning the id for the lookup of every reference.
        self.map
            .range((kind, id.clone())..=(kind, id.clone()))
            .next()
            .map(|(_, to)| to)
    }

    /// `(kind, old, new)` in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = (RecordKind, &Id, &Id)> {
        self.map.iter().map(|((kind, from), to)| (*kind, from, to))
    }

    /// Whether any renumbered record is of `kind`.
    pub fn has_kind(&self, kind: RecordKind) -> bool {
        self.map.keys().any(|(k, _)| *k == kind)
    }

    /// Renames the records `value` holds and every reference it holds.
    pub fn apply<T: Records + References>(&self, value: &mut T) -> bool {
        if self.is_empty() {
            return false;
        }
        let mut changed = false;
        let mut visit = |kind: RecordKind, id: &mut Id| {
            if let Some(to) = self.get(kind, id) {
                *id = to.clone();
                changed = true;
            }
        };
        value.ids_mut(&mut visit);
        value.references_mut(&mut visit);
        changed
    }

    /// Renames only references (the records themselves stay).
    pub fn apply_to_references<T: References>(&self, value: &mut T) -> bool {
        if self.is_empty() {
            return false;
        }
        let mut changed = false;
        value.references_mut(&mut |kind, id| {
            if let Some(to) = self.get(kind, id) {
                *id = to.clone();
                changed = true;
            }
        });
        changed
    }
}

/// The kind of record an id names, from its prefix (`SUP-02` is a supplier,
/// `STEP-3.2` a plan step). Incident ids (file names) have no prefix.
pub fn kind_of_id(id: &str) -> Option<RecordKind> {
    let (prefix, rest) = id.split_once('-')?;
    if rest.is_empty() {
        return None;
    }
    let kind = RecordKind::ALL
        .into_iter()
        .find(|k| !k.prefix().is_empty() && k.prefix() == prefix)?;
    let digits = match kind {
        RecordKind::Step => rest.split_once('.'),
        _ => Some(("0", rest)),
    };
    let (phase, n) = digits?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (all_digits(phase) && all_digits(n)).then_some(kind)
}

/// Why a renumbering cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RenumberError {
    #[error("`{0}` is not a record id paraat renumbers (like R-017, SUP-02 or STEP-3.2)")]
    NotAnId(String),
    #[error("{from} and {to} are different kinds of record")]
    DifferentKinds { from: String, to: String },
    #[error("{from} and {to} are in different plan phases; a step keeps its phase")]
    DifferentPhases { from: String, to: String },
    #[error("no record has the id {0}")]
    Missing(String),
    #[error("{0} is already in use; choose a free id (the next free one is {1})")]
    InUse(String, String),
    #[error("{0} is the same id")]
    Same(String),
}

impl RenumberError {
    /// The message in the workbook's language.
    pub fn message(&self, lang: Language) -> String {
        if lang == Language::En {
            return self.to_string();
        }
        match self {
            RenumberError::NotAnId(id) => say!(
                lang,
                "`{id}` is not a record id paraat renumbers (like R-017, SUP-02 or STEP-3.2)",
                "`{id}` is geen record-id dat paraat hernummert (zoals R-017, SUP-02 of STEP-3.2)"
            ),
            RenumberError::DifferentKinds { from, to } => say!(
                lang,
                "{from} and {to} are different kinds of record",
                "{from} en {to} zijn verschillende soorten records"
            ),
            RenumberError::DifferentPhases { from, to } => say!(
                lang,
                "{from} and {to} are in different plan phases; a step keeps its phase",
                "{from} en {to} staan in verschillende fasen van het plan; een stap houdt zijn fase"
            ),
            RenumberError::Missing(id) => say!(
                lang,
                "no record has the id {id}",
                "geen record heeft het id {id}"
            ),
            RenumberError::InUse(id, next) => say!(
                lang,
                "{id} is already in use; choose a free id (the next free one is {next})",
                "{id} is al in gebruik; kies een vrij id (het eerstvolgende vrije is {next})"
            ),
            RenumberError::Same(id) => say!(lang, "{id} is the same id", "{id} is hetzelfde id"),
        }
    }
}

impl Workbook {
    /// The ids of every record of `kind`, in file order.
    pub fn ids_of(&self, kind: RecordKind) -> Vec<&Id> {
        fn ids<T>(list: &[T], id: fn(&T) -> &Id) -> Vec<&Id> {
            list.iter().map(id).collect()
        }
        match kind {
            RecordKind::ChecklistItem => ids(&self.checklist.items, |r| &r.id),
            RecordKind::Statement => ids(&self.selfcheck.statements, |r| &r.id),
            RecordKind::Step => self.steps().map(|(_, s)| &s.id).collect(),
            RecordKind::FirstHourStep => ids(&self.plan.first_hour, |r| &r.id),
            RecordKind::Risk => ids(&self.risks.risks, |r| &r.id),
            RecordKind::Process => ids(&self.processes.processes, |r| &r.id),
            RecordKind::System => ids(&self.processes.systems, |r| &r.id),
            RecordKind::Supplier => ids(&self.processes.suppliers, |r| &r.id),
            RecordKind::Contact => ids(&self.contacts.contacts, |r| &r.id),
            RecordKind::Backup => ids(&self.backups.backups, |r| &r.id),
            RecordKind::Incident => ids(&self.incidents, |r| &r.id),
        }
    }

    /// The next free id of the kind (and, for steps, the phase) of `like`.
    pub fn next_id_like(&self, kind: RecordKind, like: &Id) -> Id {
        if kind == RecordKind::Step
            && let Some(phase) = self
                .plan
                .phases
                .iter()
                .find(|p| p.step_number(like).is_some())
        {
            return phase.next_step_id();
        }
        self.next_id(kind)
    }
}

/// Builds the edit that gives the record `from` the id `to`. When `from` is used by
/// more than one record (a text merge left two), the last of them is renumbered
/// and references stay where they are: they cannot be told apart.
pub fn renumber(workbook: &Workbook, from: &str, to: &str) -> Result<Edit, RenumberError> {
    let kind = kind_of_id(from).ok_or_else(|| RenumberError::NotAnId(from.to_owned()))?;
    let to_kind = kind_of_id(to).ok_or_else(|| RenumberError::NotAnId(to.to_owned()))?;
    if kind != to_kind {
        return Err(RenumberError::DifferentKinds {
            from: from.to_owned(),
            to: to.to_owned(),
        });
    }
    if from == to {
        return Err(RenumberError::Same(from.to_owned()));
    }
    if kind == RecordKind::Step
        && from.split_once('.').map(|p| p.0) != to.split_once('.').map(|p| p.0)
    {
        return Err(RenumberError::DifferentPhases {
            from: from.to_owned(),
            to: to.to_owned(),
        });
    }
    let ids = workbook.ids_of(kind);
    let used = ids.iter().filter(|id| id.as_str() == from).count();
    if used == 0 {
        return Err(RenumberError::Missing(from.to_owned()));
    }
    if ids.iter().any(|id| id.as_str() == to) {
        let next = workbook.next_id_like(kind, &Id::from(from));
        return Err(RenumberError::InUse(to.to_owned(), next.to_string()));
    }
    Ok(Edit::Renumber {
        kind,
        from: Id::from(from),
        to: Id::from(to),
        references: used == 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::templates;

    fn workbook() -> Workbook {
        templates::new_workbook(Language::En, "M", OrganisationKind::Museum).expect("template")
    }

    fn risk(id: &str) -> Risk {
        Risk::new(
            Id::from(id),
            format!("risk {id}"),
            Rating {
                likelihood: 2,
                impact: 2,
            },
        )
    }

    #[test]
    fn kinds_are_told_by_their_prefix() {
        assert_eq!(kind_of_id("R-017"), Some(RecordKind::Risk));
        assert_eq!(kind_of_id("SUP-02"), Some(RecordKind::Supplier));
        assert_eq!(kind_of_id("S-002"), Some(RecordKind::System));
        assert_eq!(kind_of_id("STEP-3.2"), Some(RecordKind::Step));
        assert_eq!(kind_of_id("SC-04"), Some(RecordKind::Statement));
        assert_eq!(kind_of_id("STEP-3"), None);
        assert_eq!(kind_of_id("R-"), None);
        assert_eq!(kind_of_id("X-1"), None);
        assert_eq!(kind_of_id("2026-01-01-fire"), None);
    }

    #[test]
    fn renumbering_moves_every_reference_and_undoes_exactly() {
        let mut wb = workbook();
        wb.risks.risks = vec![risk("R-001"), risk("R-002")];
        wb.risks.next_number = 3;
        let step_id = wb.plan.phases[0].next_step_id();
        let mut step = Step {
            id: step_id.clone(),
            title: "treat".into(),
            description: String::new(),
            owner: None,
            status: StepStatus::Todo,
            due: None,
            done: None,
            risks: vec![Id::from("R-002"), Id::from("R-001")],
            statements: vec![],
            incident: None,
            notes: String::new(),
            origin: None,
        };
        step.risks.push(Id::from("R-002"));
        wb.plan.phases[0].steps.push(step);
        wb.risks.risks[1].actions = vec![step_id.clone()];
        let before = wb.clone();

        let edit = renumber(&wb, "R-002", "R-017").unwrap();
        edit.apply(&mut wb).unwrap();
        assert_eq!(wb.risks.risks[1].id.as_str(), "R-017");
        let step = wb.step(step_id.as_str()).unwrap();
        assert_eq!(
            step.risks,
            vec![Id::from("R-017"), Id::from("R-001"), Id::from("R-017")]
        );
        assert_eq!(wb.risks.next_number, 18, "R-017 is never handed out again");

        edit.inverse().apply(&mut wb).unwrap();
        wb.risks.next_number = before.risks.next_number;
        assert_eq!(wb, before);
    }

    #[test]
    fn a_free_id_a_known_record_and_the_same_kind_are_required() {
        let mut wb = workbook();
        wb.risks.risks = vec![risk("R-001"), risk("R-002")];
        assert!(matches!(
            renumber(&wb, "R-001", "R-002"),
            Err(RenumberError::InUse(..))
        ));
        assert!(matches!(
            renumber(&wb, "R-009", "R-010"),
            Err(RenumberError::Missing(_))
        ));
        assert!(matches!(
            renumber(&wb, "R-001", "P-010"),
            Err(RenumberError::DifferentKinds { .. })
        ));
        assert!(matches!(
            renumber(&wb, "R-001", "R-001"),
            Err(RenumberError::Same(_))
        ));
        assert!(matches!(
            renumber(&wb, "oops", "R-010"),
            Err(RenumberError::NotAnId(_))
        ));
    }

    #[test]
    fn a_shared_id_renumbers_the_last_record_and_leaves_references() {
        let mut wb = workbook();
        let mut second = risk("R-001");
        second.title = "the second".into();
        wb.risks.risks = vec![risk("R-001"), second];
        wb.manifest.organisation.notifier = None;
        let edit = renumber(&wb, "R-001", "R-005").unwrap();
        assert!(matches!(
            edit,
            Edit::Renumber {
                references: false,
                ..
            }
        ));
        let before = wb.clone();
        edit.apply(&mut wb).unwrap();
        assert_eq!(wb.risks.risks[0].id.as_str(), "R-001");
        assert_eq!(wb.risks.risks[1].id.as_str(), "R-005");
        assert_eq!(wb.risks.risks[1].title, "the second");
        edit.inverse().apply(&mut wb).unwrap();
        assert_eq!(wb.risks.risks, before.risks.risks);
    }

    #[test]
    fn steps_keep_their_phase() {
        let wb = workbook();
        assert!(matches!(
            renumber(&wb, "STEP-1.1", "STEP-2.9"),
            Err(RenumberError::DifferentPhases { .. }) | Err(RenumberError::Missing(_))
        ));
    }
}
