//! Adopting a self-check statement's improvement action into the plan.

use super::{OpError, locate};
use crate::model::bilingual::say;
use crate::model::edit::{Edit, Record};
use crate::model::*;

/// How to adopt: the phase (default: [`default_phase`]), the step's owner (a
/// contact id) and due date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdoptOptions {
    pub phase: Option<u32>,
    pub owner: Option<String>,
    pub due: Option<Date>,
}

/// An adopted action: the edit (the statement and the new step, undone as one),
/// the new step's id and the phase it went to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adopted {
    pub edit: Edit,
    pub step: Id,
    pub phase: u32,
}

/// The phase an adopted action goes to when none is given: the template's phase
/// for the principle (4 risk register, 5 basic measures, 6 response and recovery)
/// when the plan has it, else the last phase.
pub fn default_phase(workbook: &Workbook, principle: Principle) -> Option<u32> {
    let wanted = match principle {
        Principle::Risks => 4,
        Principle::Behaviour | Principle::Systems | Principle::Access => 5,
        Principle::Incidents => 6,
    };
    let phases = &workbook.plan.phases;
    phases
        .iter()
        .find(|p| p.number == wanted)
        .or_else(|| phases.last())
        .map(|p| p.number)
}

/// Adopts the action of `statement` (answered no or partly, not yet planned) into
/// the plan as a new step linked both ways. `today` goes in the step's notes.
pub fn adopt_action(
    workbook: &Workbook,
    statement: &str,
    options: &AdoptOptions,
    today: Date,
) -> Result<Adopted, OpError> {
    let lang = workbook.language();
    let found = locate(workbook, RecordKind::Statement, statement)
        .map_err(|_| OpError::NoSuchStatement(statement.to_owned()))?;
    let Record::Statement(s) = &found.record else {
        return Err(OpError::NoSuchStatement(statement.to_owned()));
    };
    if !s.answer.is_unmet() {
        return Err(OpError::NotUnmet(s.id.clone()));
    }
    if let Some(step) = &s.plan_step
        && workbook.step(step.as_str()).is_some()
    {
        return Err(OpError::AlreadyPlanned(s.id.clone(), step.clone()));
    }
    let action = s.action.trim();
    if action.is_empty() {
        return Err(OpError::NoAction(s.id.clone()));
    }
    let owner = match options.owner.as_deref().map(str::trim) {
        Some(owner) if workbook.contact(owner).is_none() => {
            return Err(OpError::NoOwner(owner.to_owned()));
        }
        owner => owner.map(Id::from),
    };
    let number = match options.phase {
        Some(n) => n,
        None => default_phase(workbook, s.principle).ok_or(OpError::NoPhases)?,
    };
    let phase = workbook
        .plan
        .phases
        .iter()
        .find(|p| p.number == number)
        .ok_or(OpError::NoSuchPhase(number))?;
    let (id, text) = (&s.id, s.statement.trim());
    let step_id = phase.next_step_id();
    let step = Step {
        id: step_id.clone(),
        title: action.lines().next().unwrap_or(action).trim().to_owned(),
        description: say!(
            lang,
            "Carries out the improvement action of self-check statement {id}: “{text}”",
            "Voert de verbeteractie uit van stelling {id} uit de zelftest: „{text}”"
        ),
        owner,
        status: StepStatus::Todo,
        due: options.due,
        done: None,
        risks: Vec::new(),
        statements: vec![id.clone()],
        incident: None,
        notes: say!(
            lang,
            "Adopted from the self-check on {today}.",
            "Overgenomen uit de zelftest op {today}."
        ),
        origin: None,
    };
    let after = Record::Statement(Statement {
        plan_step: Some(step_id.clone()),
        ..s.clone()
    });
    let edit = Edit::Group(vec![
        found.replaced_by(after),
        Edit::Record {
            phase: Some(number),
            index: phase.steps.len(),
            before: None,
            after: Some(Record::Step(step)),
        },
    ]);
    Ok(Adopted {
        edit,
        step: step_id,
        phase: number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::selfcheck::selfcheck_result;
    use crate::review::testing::{answer_statement, blank_selfcheck, date};

    /// Adopts as the command line and the terminal UI do: build the edit, apply it.
    fn adopt(
        wb: &mut Workbook,
        statement: &str,
        phase: Option<u32>,
        today: Date,
    ) -> Result<Id, OpError> {
        let options = AdoptOptions {
            phase,
            ..AdoptOptions::default()
        };
        let adopted = adopt_action(wb, statement, &options, today)?;
        adopted.edit.apply(wb).expect("the edit fits");
        Ok(adopted.step)
    }

    #[test]
    fn adopting_an_action_adds_a_step_linked_both_ways() {
        let mut wb = blank_selfcheck();
        let id = answer_statement(&mut wb, 0, Answer::No, 2, Priority::High);
        let phase = wb
            .plan
            .phases
            .iter()
            .find(|p| p.number == 5)
            .expect("phase 5");
        let expected = phase.next_step_id();
        let step = adopt(&mut wb, id.as_str(), None, date("2026-12-01")).expect("adopted");
        assert_eq!(step, expected, "access actions go to the basic measures");
        let added = wb.step(step.as_str()).expect("the step exists");
        assert_eq!(added.statements, std::slice::from_ref(&id));
        assert_eq!(added.status, StepStatus::Todo);
        assert!(added.notes.contains("2026-12-01"));
        assert_eq!(
            wb.statement(id.as_str()).and_then(|s| s.plan_step.clone()),
            Some(step.clone())
        );
        assert_eq!(selfcheck_result(&wb).actions[0].planned, Some(step.clone()));
        assert!(crate::review::integrity(&wb).is_empty());
        // The next adoption in that phase gets the next number.
        let other = answer_statement(&mut wb, 1, Answer::Partly, 2, Priority::High);
        let second = adopt(&mut wb, other.as_str(), Some(5), date("2026-12-01")).expect("adopted");
        assert_ne!(second, step);
    }

    #[test]
    fn adopting_refuses_what_cannot_be_adopted() {
        let mut wb = blank_selfcheck();
        let met = answer_statement(&mut wb, 0, Answer::Yes, 2, Priority::High);
        let unmet = answer_statement(&mut wb, 1, Answer::No, 2, Priority::High);
        let today = date("2026-12-01");
        assert_eq!(
            adopt(&mut wb, "SC-99", None, today),
            Err(OpError::NoSuchStatement("SC-99".into()))
        );
        assert_eq!(
            adopt(&mut wb, met.as_str(), None, today),
            Err(OpError::NotUnmet(met.clone()))
        );
        assert_eq!(
            adopt(&mut wb, unmet.as_str(), Some(42), today),
            Err(OpError::NoSuchPhase(42))
        );
        let step = adopt(&mut wb, unmet.as_str(), Some(2), today).expect("adopted");
        assert!(step.as_str().starts_with("STEP-2."));
        assert_eq!(
            adopt(&mut wb, unmet.as_str(), None, today),
            Err(OpError::AlreadyPlanned(unmet.clone(), step))
        );
        wb.plan.phases.clear();
        let other = answer_statement(&mut wb, 2, Answer::No, 2, Priority::High);
        assert_eq!(
            adopt(&mut wb, other.as_str(), None, today),
            Err(OpError::NoPhases)
        );
        assert!(OpError::NoPhases.message(Language::Nl).contains("fasen"));
    }

    #[test]
    fn an_adoption_is_undone_as_one_and_its_owner_must_be_a_contact() {
        let mut wb = blank_selfcheck();
        let unmet = answer_statement(&mut wb, 1, Answer::No, 2, Priority::High);
        let before = wb.clone();
        let options = AdoptOptions {
            owner: Some("C-999".into()),
            ..AdoptOptions::default()
        };
        assert_eq!(
            adopt_action(&wb, unmet.as_str(), &options, date("2026-12-01")),
            Err(OpError::NoOwner("C-999".into()))
        );
        let adopted = adopt_action(
            &wb,
            unmet.as_str(),
            &AdoptOptions::default(),
            date("2026-12-01"),
        )
        .expect("adopted");
        adopted.edit.apply(&mut wb).expect("fits");
        adopted.edit.inverse().apply(&mut wb).expect("undoes");
        assert_eq!(wb.selfcheck, before.selfcheck);
        assert!(wb.step(adopted.step.as_str()).is_none());
    }
}
