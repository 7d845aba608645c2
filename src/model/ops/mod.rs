//! Workbook operations: every change a person can ask for, built as one [`Edit`].
//!
//! This is where changes to a workbook are decided. The terminal UI's keys and
//! forms and the command line's subcommands both build their change here, so they
//! check the same things, refuse with the same words ([`OpError::message`]) and
//! apply the result the same way: [`Edit::apply`] on the workbook, then the store
//! saves. An operation only reads the workbook and returns the edit; the caller
//! applies it, shows it, undoes it or writes it to the recovery file.
//!
//! One file per kind of change: answers and notes ([`answers`]), plan steps
//! ([`plan`]), restore tests ([`backups`]), adding, copying, changing and deleting
//! records ([`records`]), adopting a self-check action ([`selfcheck`]), lessons
//! learned as plan steps ([`lessons`]), choosing a side for what a merge left
//! undecided ([`conflicts`]), the records a CSV import brings ([`import`]), what
//! declaring an incident must hold ([`incidents`]), bringing the template items
//! up to a template pack ([`templates`]), the workbook's settings ([`settings`])
//! and an incident's report details typed as text ([`report`], which the
//! incident writer applies to the incident file). Giving a
//! record a new id with every reference following ([`renumber()`]) lives with the
//! renumbering the merge driver shares, in [`super::renumber`], and is named here
//! with the others. A new operation is a new function in one of these files (or a
//! new file here) that returns `Result<Edit, OpError>`.

pub mod answers;
pub mod backups;
pub mod conflicts;
pub mod import;
pub mod incidents;
pub mod lessons;
pub mod plan;
pub mod records;
pub mod report;
pub mod selfcheck;
pub mod settings;
pub mod templates;

pub use super::renumber::{RenumberError, renumber};

use super::bilingual::say;
use super::edit::{Edit, Record};
use super::form::{Invalid, Refused, UnknownField};
use super::{Id, Language, RecordKind, Workbook};

/// Where a record sits: its plan phase (steps only) and its index in its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub phase: Option<u32>,
    pub index: usize,
}

/// A record as it is in the workbook now, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub record: Record,
    pub place: Place,
}

impl Located {
    /// The edit that replaces this record with `after` (in the same place).
    pub fn replaced_by(&self, after: Record) -> Edit {
        Edit::Record {
            phase: self.place.phase,
            index: self.place.index,
            before: Some(self.record.clone()),
            after: Some(after),
        }
    }

    /// The edit that removes this record.
    pub fn removed(&self) -> Edit {
        Edit::Record {
            phase: self.place.phase,
            index: self.place.index,
            before: Some(self.record.clone()),
            after: None,
        }
    }
}

/// Why a change cannot be made. Nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    #[error("there is no {noun} {id}", noun = .0.noun(Language::En), id = .1)]
    NoRecord(RecordKind, String),
    #[error("there is no checklist item or self-check statement {0}")]
    NotAnswerable(String),
    #[error("there is no self-check statement {0}")]
    NoSuchStatement(String),
    #[error("{0} is not answered no or partly, so it has no action to adopt")]
    NotUnmet(Id),
    #[error("the action of {0} is already in the plan as {1}")]
    AlreadyPlanned(Id, Id),
    #[error("{0} has no action text; write one in selfcheck.ron first")]
    NoAction(Id),
    #[error("the plan has no phase {0}")]
    NoSuchPhase(u32),
    #[error("the plan has no phases to add a step to")]
    NoPhases,
    #[error("the plan has no phases to add the lessons to")]
    NoPhaseForLessons,
    #[error("there is no contact {0} to own the step")]
    NoOwner(String),
    #[error("{0} already exists")]
    Exists(Id),
    #[error("{0} cannot be added, copied or deleted here")]
    NotHere(String),
    #[error(
        "the pack is in {pack}, the workbook in {workbook}; use a pack in the workbook's language",
        pack = .pack.code(),
        workbook = .workbook.code()
    )]
    PackLanguage { pack: Language, workbook: Language },
    #[error(
        "`{0}` is not the id of a record that can be changed here (like R-002, CL-08 or B-003)"
    )]
    NotARecordId(String),
    #[error("{noun} has no field `{name}`; its fields: {known}", noun = .0.noun(Language::En), name = .1.name, known = .1.known.join(", "))]
    NoField(RecordKind, UnknownField),
    #[error("{0}: {msg}", msg = .1.message(Language::En))]
    Invalid(String, Invalid),
    /// The form's values do not make a record (a bug rather than a person's mistake).
    #[error("{0}")]
    Form(String),
    #[error("{0} has no conflict number {1} left to choose")]
    NoConflict(String, usize),
    #[error("the conflict in {0} is a renumbering: run `paraat git resolve` for it")]
    Renumbering(String),
    #[error(
        "this conflict in {0} cannot be chosen here: set the field in the file and remove the entry from `conflicts`"
    )]
    ChooseByHand(String),
    #[error("the choice cannot be made: {0}")]
    Choose(String),
}

impl OpError {
    /// A `field=value` of a record of `kind` that was refused.
    pub fn refused(kind: RecordKind, refused: Refused) -> OpError {
        match refused {
            Refused::Unknown(unknown) => OpError::NoField(kind, unknown),
            Refused::Invalid(label, invalid) => OpError::Invalid(label, invalid),
        }
    }
}

impl OpError {
    /// The message in the workbook's language.
    pub fn message(&self, lang: Language) -> String {
        if lang == Language::En {
            return self.to_string();
        }
        match self {
            OpError::NoRecord(kind, id) => {
                let noun = kind.noun(lang);
                say!(lang, "there is no {noun} {id}", "er is geen {noun} {id}")
            }
            OpError::NotAnswerable(id) => say!(
                lang,
                "there is no checklist item or self-check statement {id}",
                "er is geen checklistvraag of zelftestvraag {id}"
            ),
            OpError::NoSuchStatement(id) => say!(
                lang,
                "there is no self-check statement {id}",
                "er is geen stelling {id} in de zelftest"
            ),
            OpError::NotUnmet(id) => say!(
                lang,
                "{id} is not answered no or partly, so it has no action to adopt",
                "{id} is niet met nee of deels beantwoord, dus er is geen actie om over te nemen"
            ),
            OpError::AlreadyPlanned(id, step) => say!(
                lang,
                "the action of {id} is already in the plan as {step}",
                "de actie van {id} staat al in het plan als {step}"
            ),
            OpError::NoAction(id) => say!(
                lang,
                "{id} has no action text; write one in selfcheck.ron first",
                "{id} heeft geen actietekst; schrijf die eerst in selfcheck.ron"
            ),
            OpError::NoSuchPhase(n) => {
                say!(
                    lang,
                    "the plan has no phase {n}",
                    "het plan heeft geen fase {n}"
                )
            }
            OpError::NoPhases => say!(
                lang,
                "the plan has no phases to add a step to",
                "het plan heeft geen fasen om een stap aan toe te voegen"
            ),
            OpError::NoPhaseForLessons => say!(
                lang,
                "the plan has no phases to add the lessons to",
                "het plan heeft geen fasen om de lessen aan toe te voegen"
            ),
            OpError::NoOwner(owner) => say!(
                lang,
                "there is no contact {owner} to own the step",
                "er is geen contactpersoon {owner} om eigenaar van de stap te zijn"
            ),
            OpError::Exists(id) => say!(lang, "{id} already exists", "{id} bestaat al"),
            OpError::NotHere(what) => say!(
                lang,
                "{what} cannot be added, copied or deleted here",
                "{what} kan hier niet toegevoegd, gekopieerd of verwijderd worden"
            ),
            OpError::NotARecordId(id) => say!(
                lang,
                "`{id}` is not the id of a record that can be changed here (like R-002, CL-08 or B-003)",
                "`{id}` is niet de id van een record dat hier gewijzigd kan worden (zoals R-002, CL-08 of B-003)"
            ),
            OpError::NoField(kind, unknown) => {
                let noun = kind.noun(lang);
                let name = &unknown.name;
                let known = unknown.known.join(", ");
                say!(
                    lang,
                    "{noun} has no field `{name}`; its fields: {known}",
                    "{noun} heeft geen veld `{name}`; de velden: {known}"
                )
            }
            OpError::Invalid(label, invalid) => {
                let message = invalid.message(lang);
                say!(lang, "{label}: {message}", "{label}: {message}")
            }
            OpError::Form(text) => text.clone(),
            OpError::PackLanguage { pack, workbook } => {
                let (pack, workbook) = (pack.code(), workbook.code());
                say!(
                    lang,
                    "the pack is in {pack}, the workbook in {workbook}; use a pack in the workbook's language",
                    "het pakket is in taal {pack}, het werkboek in taal {workbook}; gebruik een pakket in de taal van het werkboek"
                )
            }
            OpError::NoConflict(file, index) => say!(
                lang,
                "{file} has no conflict number {index} left to choose",
                "{file} heeft geen conflict nummer {index} meer om te kiezen"
            ),
            OpError::Renumbering(file) => say!(
                lang,
                "the conflict in {file} is a renumbering: run `paraat git resolve` for it",
                "het conflict in {file} is een hernummering: voer er `paraat git resolve` voor uit"
            ),
            OpError::ChooseByHand(file) => say!(
                lang,
                "this conflict in {file} cannot be chosen here: set the field in the file and remove the entry from `conflicts`",
                "dit conflict in {file} kan hier niet gekozen worden: zet het veld in het bestand en haal de regel weg uit `conflicts`"
            ),
            OpError::Choose(why) => say!(
                lang,
                "the choice cannot be made: {why}",
                "de keuze kan niet gemaakt worden: {why}"
            ),
        }
    }
}

/// Finds the record `id` of `kind` and where it is; the first of duplicate ids.
pub fn locate(workbook: &Workbook, kind: RecordKind, id: &str) -> Result<Located, OpError> {
    find(workbook, kind, id).ok_or_else(|| OpError::NoRecord(kind, id.to_owned()))
}

/// Like [`locate`], `None` when there is no such record.
pub fn find(workbook: &Workbook, kind: RecordKind, id: &str) -> Option<Located> {
    fn at<T: Clone>(
        list: &[T],
        id: &str,
        id_of: fn(&T) -> &Id,
        wrap: fn(T) -> Record,
    ) -> Option<Located> {
        let index = list.iter().position(|r| id_of(r).as_str() == id)?;
        Some(Located {
            record: wrap(list[index].clone()),
            place: Place { phase: None, index },
        })
    }
    let wb = workbook;
    match kind {
        RecordKind::ChecklistItem => at(&wb.checklist.items, id, |r| &r.id, Record::ChecklistItem),
        RecordKind::Statement => at(&wb.selfcheck.statements, id, |r| &r.id, Record::Statement),
        RecordKind::Step => wb.plan.phases.iter().find_map(|phase| {
            let mut found = at(&phase.steps, id, |r| &r.id, Record::Step)?;
            found.place.phase = Some(phase.number);
            Some(found)
        }),
        RecordKind::FirstHourStep => at(&wb.plan.first_hour, id, |r| &r.id, Record::FirstHourStep),
        RecordKind::Risk => at(&wb.risks.risks, id, |r| &r.id, Record::Risk),
        RecordKind::Process => at(&wb.processes.processes, id, |r| &r.id, Record::Process),
        RecordKind::System => at(&wb.processes.systems, id, |r| &r.id, Record::System),
        RecordKind::Supplier => at(&wb.processes.suppliers, id, |r| &r.id, Record::Supplier),
        RecordKind::Contact => at(&wb.contacts.contacts, id, |r| &r.id, Record::Contact),
        RecordKind::Backup => at(&wb.backups.backups, id, |r| &r.id, Record::Backup),
        RecordKind::Incident => None,
    }
}

/// The record at `place` in the list of `kind`, when it is still there.
pub fn at_place(workbook: &Workbook, kind: RecordKind, place: Place) -> Option<Record> {
    let wb = workbook;
    let i = place.index;
    Some(match kind {
        RecordKind::ChecklistItem => Record::ChecklistItem(wb.checklist.items.get(i)?.clone()),
        RecordKind::Statement => Record::Statement(wb.selfcheck.statements.get(i)?.clone()),
        RecordKind::Step => Record::Step(
            wb.plan
                .phases
                .iter()
                .find(|p| Some(p.number) == place.phase)?
                .steps
                .get(i)?
                .clone(),
        ),
        RecordKind::FirstHourStep => Record::FirstHourStep(wb.plan.first_hour.get(i)?.clone()),
        RecordKind::Risk => Record::Risk(wb.risks.risks.get(i)?.clone()),
        RecordKind::Process => Record::Process(wb.processes.processes.get(i)?.clone()),
        RecordKind::System => Record::System(wb.processes.systems.get(i)?.clone()),
        RecordKind::Supplier => Record::Supplier(wb.processes.suppliers.get(i)?.clone()),
        RecordKind::Contact => Record::Contact(wb.contacts.contacts.get(i)?.clone()),
        RecordKind::Backup => Record::Backup(wb.backups.backups.get(i)?.clone()),
        RecordKind::Incident => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::review::testing::{date, workbook};

    /// Applies an operation's edit, then checks its inverse takes the workbook back.
    fn apply_and_undo(wb: &mut Workbook, edit: &Edit) {
        let before = wb.clone();
        edit.apply(wb).expect("the edit fits");
        let after = wb.clone();
        edit.inverse().apply(wb).expect("the undo fits");
        assert_eq!(wb.checklist, before.checklist);
        assert_eq!(wb.plan.phases.len(), before.plan.phases.len());
        edit.apply(wb).expect("and redo");
        assert_eq!(*wb, after);
    }

    #[test]
    fn answering_dates_the_answer_and_taking_it_back_drops_the_date() {
        let mut wb = workbook();
        let id = wb.checklist.items[0].id.to_string();
        let today = date("2026-12-01");
        let edit = answers::answer(&wb, &id, Answer::Partly, today)
            .unwrap()
            .expect("a change");
        apply_and_undo(&mut wb, &edit);
        assert_eq!(wb.checklist.items[0].answered, Some(today));
        assert_eq!(
            answers::answer(&wb, &id, Answer::Partly, today).unwrap(),
            None,
            "the same answer again changes nothing"
        );
        let edit = answers::answer(&wb, &id, Answer::Unanswered, today)
            .unwrap()
            .unwrap();
        edit.apply(&mut wb).unwrap();
        assert_eq!(wb.checklist.items[0].answered, None);
        let missing = answers::answer(&wb, "CL-99", Answer::Yes, today).unwrap_err();
        assert_eq!(missing, OpError::NotAnswerable("CL-99".into()));
        assert!(missing.message(Language::Nl).contains("CL-99"));
    }

    #[test]
    fn a_step_done_keeps_the_day_it_was_first_done() {
        let mut wb = workbook();
        let step = wb.plan.phases[0].steps[0].id.to_string();
        let (first, later) = (date("2026-12-01"), date("2026-12-09"));
        let edit = super::plan::set_status(&wb, &step, StepStatus::Done, first)
            .unwrap()
            .unwrap();
        apply_and_undo(&mut wb, &edit);
        let done = super::plan::set_status(&wb, &step, StepStatus::Done, later).unwrap();
        assert_eq!(done, None, "already done");
        let found = locate(&wb, RecordKind::Step, &step).unwrap();
        let skipped = super::plan::cycle_status(&found, later).unwrap().unwrap();
        skipped.apply(&mut wb).unwrap();
        assert_eq!(
            wb.step(&step).map(|s| (s.status, s.done)),
            Some((StepStatus::Skipped, None))
        );
    }

    #[test]
    fn a_restore_test_goes_in_date_order() {
        let mut wb = workbook();
        let (record, _) =
            records::blank(&wb, RecordKind::Backup, None, date("2026-12-01")).unwrap();
        let id = record.id().to_string();
        records::add(
            &wb,
            record,
            Place {
                phase: None,
                index: usize::MAX,
            },
        )
        .unwrap()
        .apply(&mut wb)
        .unwrap();
        for day in ["2026-05-01", "2026-01-01", "2026-03-01"] {
            let test = RestoreTest {
                date: date(day),
                restored: "files".into(),
                result: RestoreResult::Success,
                took: None,
                notes: String::new(),
            };
            let edit = backups::log_restore_test(&wb, &id, test).unwrap();
            apply_and_undo(&mut wb, &edit);
        }
        let dates: Vec<String> = wb
            .backup(&id)
            .unwrap()
            .restore_tests
            .iter()
            .map(|t| t.date.to_string())
            .collect();
        assert_eq!(dates, ["2026-01-01", "2026-03-01", "2026-05-01"]);
    }

    #[test]
    fn a_record_added_at_the_end_or_copied_can_be_undone_and_keeps_its_fresh_id() {
        let mut wb = workbook();
        let today = date("2026-12-01");
        let (risk, _) = records::blank(&wb, RecordKind::Risk, None, today).unwrap();
        let add = records::add(
            &wb,
            risk.clone(),
            Place {
                phase: None,
                index: usize::MAX,
            },
        )
        .unwrap();
        apply_and_undo(&mut wb, &add);
        assert_eq!(
            records::add(
                &wb,
                risk.clone(),
                Place {
                    phase: None,
                    index: 0
                }
            ),
            Err(OpError::Exists(risk.id().clone()))
        );
        let found = locate(&wb, RecordKind::Risk, risk.id().as_str()).unwrap();
        let (copy, place) = records::duplicate(&wb, &found, Language::Nl).unwrap();
        assert_ne!(copy.id(), risk.id());
        let Record::Risk(copied) = &copy else {
            panic!("a risk")
        };
        assert!(copied.title.ends_with("(kopie)"));
        let add = records::add(&wb, copy, place).unwrap();
        apply_and_undo(&mut wb, &add);
        let (step, phase) = records::blank(&wb, RecordKind::Step, Some(3), today).unwrap();
        assert_eq!(phase, Some(3));
        assert!(step.id().as_str().starts_with("STEP-3."));
        assert_eq!(
            records::blank(&wb, RecordKind::Step, Some(42), today),
            Err(OpError::NoSuchPhase(42))
        );
        let removed = locate(&wb, RecordKind::Risk, risk.id().as_str())
            .unwrap()
            .removed();
        apply_and_undo(&mut wb, &removed);
        assert!(wb.risk(risk.id().as_str()).is_none());
    }

    #[test]
    fn lessons_become_linked_plan_steps_in_the_last_phase_and_undo_as_one() {
        let mut wb = workbook();
        let incident = Id::from("2026-12-01-test");
        let items = vec![
            ("Print the call list. Keep it at the desk.".to_owned(), true),
            ("   ".to_owned(), true),
            ("Ask the host for a contact".to_owned(), false),
        ];
        let planned = lessons::lessons(&wb, &incident, &items, Language::En).unwrap();
        assert_eq!(planned.lessons.len(), 2, "an empty lesson is dropped");
        assert_eq!(planned.steps.len(), 1);
        assert_eq!(planned.steps[0].title, "Print the call list");
        assert_eq!(
            planned.lessons[0].plan_step.as_ref(),
            Some(&planned.steps[0].id)
        );
        assert_eq!(planned.lessons[1].plan_step, None);
        assert_eq!(planned.steps[0].incident.as_ref(), Some(&incident));
        let edit = planned.edit.expect("a step to add");
        apply_and_undo(&mut wb, &edit);
        let last = wb.plan.phases.last().unwrap();
        assert!(last.steps.iter().any(|s| s.id == planned.steps[0].id));
        wb.plan.phases.clear();
        assert_eq!(
            lessons::lessons(&wb, &incident, &items, Language::En),
            Err(OpError::NoPhaseForLessons)
        );
    }

    #[test]
    fn imported_records_are_added_as_one_edit_that_undoes() {
        let mut wb = workbook();
        let today = date("2026-12-01");
        let (Record::Risk(risk), _) = records::blank(&wb, RecordKind::Risk, None, today).unwrap()
        else {
            panic!("a risk");
        };
        let (Record::Contact(contact), _) =
            records::blank(&wb, RecordKind::Contact, None, today).unwrap()
        else {
            panic!("a contact");
        };
        let edit = import::add_imported(
            &wb,
            std::slice::from_ref(&contact),
            std::slice::from_ref(&risk),
        )
        .unwrap();
        apply_and_undo(&mut wb, &edit);
        assert!(wb.risk(risk.id.as_str()).is_some() && wb.contact(contact.id.as_str()).is_some());
        assert_ne!(
            wb.next_id(RecordKind::Risk),
            risk.id,
            "the id is taken for good"
        );
        assert_eq!(import::add_imported(&wb, &[], &[]), None);
    }

    #[test]
    fn a_template_update_is_edits_that_undo_as_one_and_a_pack_in_another_language_is_refused() {
        use crate::model::pack::{PackItem, TemplatePack};
        let mut wb = workbook();
        let item = ChecklistItem {
            id: Id::from("CL-90"),
            principle: Principle::Risks,
            question: "Is there a named owner of the website?".into(),
            guidance: String::new(),
            answer: Answer::Unanswered,
            note: String::new(),
            answered: None,
            origin: None,
        };
        let pack = TemplatePack {
            id: "den".into(),
            version: 1,
            language: Language::En,
            title: String::new(),
            checklist: vec![PackItem {
                kinds: vec![],
                item,
            }],
            selfcheck: vec![],
            steps: vec![],
            first_hour: vec![],
            contacts: vec![],
            retired: vec![],
        }
        .prepare()
        .unwrap();
        let update = templates::update(&wb, &pack).unwrap();
        assert_eq!(update.edits.len(), 1);
        let before = wb.checklist.items.clone();
        update.edit().apply(&mut wb).unwrap();
        let added = wb.checklist.items.iter().find(|i| i.id.as_str() == "CL-90");
        assert_eq!(
            added
                .and_then(|i| i.origin.as_ref())
                .map(|o| o.pack.as_str()),
            Some("den")
        );
        update.edit().inverse().apply(&mut wb).unwrap();
        assert_eq!(wb.checklist.items, before, "undone as one");
        wb.manifest.language = Language::Nl;
        let refused = templates::update(&wb, &pack).unwrap_err();
        assert_eq!(
            refused,
            OpError::PackLanguage {
                pack: Language::En,
                workbook: Language::Nl
            }
        );
        assert!(
            refused
                .message(Language::En)
                .contains("the pack is in en, the workbook in nl")
        );
        assert!(
            refused
                .message(Language::Nl)
                .contains("het pakket is in taal en")
        );
    }

    #[test]
    fn renumbering_is_an_operation_too_refused_in_the_workbooks_language() {
        let mut wb = workbook();
        let first = wb.contacts.contacts[0].id.clone();
        let second = wb.contacts.contacts[1].id.clone();
        let refused = renumber(&wb, first.as_str(), second.as_str()).unwrap_err();
        assert!(refused.message(Language::En).contains("already in use"));
        assert!(refused.message(Language::Nl).contains("al in gebruik"));
        let free = wb.next_id(RecordKind::Contact);
        let edit = renumber(&wb, first.as_str(), free.as_str()).unwrap();
        edit.apply(&mut wb).unwrap();
        assert!(wb.contact(free.as_str()).is_some() && wb.contact(first.as_str()).is_none());
    }
}
