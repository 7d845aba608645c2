//! The self-check's result: a score per principle and overall, a level a director
//! understands, and an action list with one action per unmet statement.
//!
//! Scoring: each statement counts with its weight (1–3); "yes" earns 2 points per
//! weight, "partly" 1, "no" 0. A statement not yet answered earns nothing too: the
//! score only credits what has been checked, so an unfinished self-check never
//! looks better than it is (`answered` says how far it got). "Not applicable"
//! statements leave the score altogether. Unmet means answered "no" or "partly";
//! each unmet statement yields its improvement action, ordered by priority.
//!
//! An action is *planned* when its statement points at a step that exists in the
//! plan; [`adopt_action`] creates that step and links the two both ways. It lives
//! here rather than in `model` because it reads the self-check's rules (what is
//! unmet, what is planned), and like everything in `review` it does no I/O: the
//! caller saves the workbook.

use std::collections::HashSet;

use serde::Serialize;

use crate::model::{
    Answer, Date, Id, Language, Principle, Priority, Statement, Step, StepStatus, Workbook,
};

/// A score in percent, and how many statements it rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Score {
    pub percent: u8,
    /// Statements answered (including "not applicable").
    pub answered: usize,
    pub total: usize,
}

impl Score {
    fn of<'a>(statements: impl Iterator<Item = &'a Statement>) -> Score {
        let (mut earned, mut possible, mut answered, mut total) = (0u64, 0u64, 0usize, 0usize);
        for statement in statements {
            total += 1;
            if statement.answer.is_answered() {
                answered += 1;
            }
            if statement.answer == Answer::NotApplicable {
                continue;
            }
            let weight = u64::from(statement.weight);
            possible += 2 * weight;
            earned += weight * u64::from(statement.answer.points().unwrap_or(0));
        }
        let percent = if possible == 0 {
            0
        } else {
            // Rounded to the nearest whole percent.
            ((earned * 200 + possible) / (2 * possible)).min(100) as u8
        };
        Score {
            percent,
            answered,
            total,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrincipleScore {
    pub principle: Principle,
    pub score: Score,
}

/// Where the organisation stands, in words for a director.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum MaturityLevel {
    /// Below 25 %.
    Exposed,
    /// 25–49 %.
    GettingStarted,
    /// 50–69 %.
    BasicsInPlace,
    /// 70–84 %.
    WellManaged,
    /// 85 % and up.
    Resilient,
}

impl MaturityLevel {
    pub const ALL: [MaturityLevel; 5] = [
        MaturityLevel::Exposed,
        MaturityLevel::GettingStarted,
        MaturityLevel::BasicsInPlace,
        MaturityLevel::WellManaged,
        MaturityLevel::Resilient,
    ];

    pub fn from_percent(percent: u8) -> MaturityLevel {
        match percent {
            0..=24 => MaturityLevel::Exposed,
            25..=49 => MaturityLevel::GettingStarted,
            50..=69 => MaturityLevel::BasicsInPlace,
            70..=84 => MaturityLevel::WellManaged,
            _ => MaturityLevel::Resilient,
        }
    }

    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (MaturityLevel::Exposed, Language::En) => "Exposed",
            (MaturityLevel::GettingStarted, Language::En) => "Getting started",
            (MaturityLevel::BasicsInPlace, Language::En) => "Basics in place",
            (MaturityLevel::WellManaged, Language::En) => "Well managed",
            (MaturityLevel::Resilient, Language::En) => "Resilient",
            (MaturityLevel::Exposed, Language::Nl) => "Kwetsbaar",
            (MaturityLevel::GettingStarted, Language::Nl) => "Op weg",
            (MaturityLevel::BasicsInPlace, Language::Nl) => "Basis op orde",
            (MaturityLevel::WellManaged, Language::Nl) => "Goed beheerst",
            (MaturityLevel::Resilient, Language::Nl) => "Weerbaar",
        }
    }

    /// What the level means and what to do next, in two sentences.
    pub fn advice(self, lang: Language) -> &'static str {
        match (self, lang) {
            (MaturityLevel::Exposed, Language::En) => {
                "An incident today would hit hard and recovery would be improvised. Start with the high-priority actions: tested backups, multi-factor authentication and a printed emergency list."
            }
            (MaturityLevel::GettingStarted, Language::En) => {
                "Some basics are in place, but important gaps remain. Work through the high-priority actions first and give each an owner and a date in the plan."
            }
            (MaturityLevel::BasicsInPlace, Language::En) => {
                "The basics are in place. Close the remaining gaps and prove what you have: restore a backup and hold a tabletop exercise."
            }
            (MaturityLevel::WellManaged, Language::En) => {
                "Cyber resilience is well managed. Keep it current: review the workbook every cycle, exercise every year and finish the remaining actions."
            }
            (MaturityLevel::Resilient, Language::En) => {
                "The organisation is well prepared. Keep it that way: exercise, verify contacts and test restores on schedule."
            }
            (MaturityLevel::Exposed, Language::Nl) => {
                "Een incident zou nu hard aankomen en het herstel zou geïmproviseerd zijn. Begin met de acties met hoge prioriteit: geteste back-ups, tweestapsverificatie en een geprinte noodlijst."
            }
            (MaturityLevel::GettingStarted, Language::Nl) => {
                "Een deel van de basis staat, maar er zijn nog belangrijke gaten. Pak eerst de acties met hoge prioriteit op en geef elk een eigenaar en een datum in het plan."
            }
            (MaturityLevel::BasicsInPlace, Language::Nl) => {
                "De basis is op orde. Dicht de resterende gaten en toets wat je hebt: zet een back-up terug en houd een tafeloefening."
            }
            (MaturityLevel::WellManaged, Language::Nl) => {
                "Digitale weerbaarheid is goed beheerst. Houd het actueel: herzie het werkboek elke cyclus, oefen elk jaar en rond de laatste acties af."
            }
            (MaturityLevel::Resilient, Language::Nl) => {
                "De organisatie is goed voorbereid. Houd dat zo: oefen, controleer contacten en test herstel volgens schema."
            }
        }
    }
}

/// What to do about one unmet statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImprovementAction {
    pub statement: Id,
    pub principle: Principle,
    pub text: String,
    pub priority: Priority,
    /// The plan step that carries it out; `None` while the action is open.
    pub planned: Option<Id>,
    /// The statement's answer: `No` or `Partly`.
    pub answer: Answer,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SelfCheckResult {
    /// One per principle, in the order of [`Principle::ALL`].
    pub principles: Vec<PrincipleScore>,
    pub overall: Score,
    pub level: MaturityLevel,
    /// By priority; within a priority the open ones first, then by weight.
    pub actions: Vec<ImprovementAction>,
}

impl SelfCheckResult {
    pub fn open_actions(&self) -> usize {
        self.actions.iter().filter(|a| a.planned.is_none()).count()
    }
}

/// Unmet: answered "no" or "partly".
pub fn is_unmet(answer: Answer) -> bool {
    matches!(answer, Answer::No | Answer::Partly)
}

/// The score per principle and overall, the level and the action list.
pub fn selfcheck_result(workbook: &Workbook) -> SelfCheckResult {
    // Statements the template pack retired keep their answers but no longer count.
    let statements: Vec<&Statement> = workbook.statements_in_use().collect();
    let principles = Principle::ALL
        .iter()
        .map(|&principle| PrincipleScore {
            principle,
            score: Score::of(
                statements
                    .iter()
                    .copied()
                    .filter(|s| s.principle == principle),
            ),
        })
        .collect();
    let overall = Score::of(statements.iter().copied());
    let steps: HashSet<&str> = workbook.steps().map(|(_, s)| s.id.as_str()).collect();
    let mut unmet: Vec<&Statement> = statements
        .iter()
        .copied()
        .filter(|s| is_unmet(s.answer))
        .collect();
    let planned = |s: &Statement| {
        s.plan_step
            .as_ref()
            .filter(|step| steps.contains(step.as_str()))
            .cloned()
    };
    unmet.sort_by(|a, b| {
        let key = |s: &Statement| {
            (
                s.priority,
                planned(s).is_some(),
                std::cmp::Reverse(s.weight),
                s.answer != Answer::No,
                s.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let actions = unmet
        .into_iter()
        .map(|s| ImprovementAction {
            statement: s.id.clone(),
            principle: s.principle,
            text: s.action.trim().to_owned(),
            priority: s.priority,
            planned: planned(s),
            answer: s.answer,
        })
        .collect();
    SelfCheckResult {
        principles,
        overall,
        level: MaturityLevel::from_percent(overall.percent),
        actions,
    }
}

/// Why an action could not be adopted into the plan.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AdoptError {
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
}

impl AdoptError {
    /// The message in the workbook's language.
    pub fn message(&self, lang: Language) -> String {
        match (self, lang) {
            (_, Language::En) => self.to_string(),
            (AdoptError::NoSuchStatement(id), Language::Nl) => {
                format!("er is geen stelling {id} in de zelftest")
            }
            (AdoptError::NotUnmet(id), Language::Nl) => {
                format!(
                    "{id} is niet met nee of deels beantwoord, dus er is geen actie om over te nemen"
                )
            }
            (AdoptError::AlreadyPlanned(id, step), Language::Nl) => {
                format!("de actie van {id} staat al in het plan als {step}")
            }
            (AdoptError::NoAction(id), Language::Nl) => {
                format!("{id} heeft geen actietekst; schrijf die eerst in selfcheck.ron")
            }
            (AdoptError::NoSuchPhase(n), Language::Nl) => format!("het plan heeft geen fase {n}"),
            (AdoptError::NoPhases, Language::Nl) => {
                "het plan heeft geen fasen om een stap aan toe te voegen".to_owned()
            }
        }
    }
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

/// Adopts a statement's action into the plan as a new step linked both ways;
/// returns the new step id. `phase` picks the phase (default: [`default_phase`]).
pub fn adopt_action(
    workbook: &mut Workbook,
    statement: &str,
    phase: Option<u32>,
    today: Date,
) -> Result<Id, AdoptError> {
    let lang = workbook.language();
    let at = workbook
        .selfcheck
        .statements
        .iter()
        .position(|s| s.id.as_str() == statement)
        .ok_or_else(|| AdoptError::NoSuchStatement(statement.to_owned()))?;
    let found = &workbook.selfcheck.statements[at];
    if !is_unmet(found.answer) {
        return Err(AdoptError::NotUnmet(found.id.clone()));
    }
    if let Some(step) = &found.plan_step
        && workbook.step(step.as_str()).is_some()
    {
        return Err(AdoptError::AlreadyPlanned(found.id.clone(), step.clone()));
    }
    let action = found.action.trim();
    if action.is_empty() {
        return Err(AdoptError::NoAction(found.id.clone()));
    }
    let number = match phase {
        Some(n) => n,
        None => default_phase(workbook, found.principle).ok_or(AdoptError::NoPhases)?,
    };
    let (id, text) = (found.id.clone(), found.statement.trim().to_owned());
    let title = action.lines().next().unwrap_or(action).trim().to_owned();
    let target = workbook
        .plan
        .phases
        .iter_mut()
        .find(|p| p.number == number)
        .ok_or(AdoptError::NoSuchPhase(number))?;
    let step_id = target.next_step_id();
    let (description, notes) = match lang {
        Language::En => (
            format!("Carries out the improvement action of self-check statement {id}: “{text}”"),
            format!("Adopted from the self-check on {today}."),
        ),
        Language::Nl => (
            format!("Voert de verbeteractie uit van stelling {id} uit de zelftest: „{text}”"),
            format!("Overgenomen uit de zelftest op {today}."),
        ),
    };
    if let Some(n) = target.step_number(&step_id) {
        target.next_step = n.saturating_add(1);
    }
    target.steps.push(Step {
        id: step_id.clone(),
        title,
        description,
        owner: None,
        status: StepStatus::Todo,
        due: None,
        done: None,
        risks: Vec::new(),
        statements: vec![id],
        incident: None,
        notes,
        origin: None,
    });
    workbook.selfcheck.statements[at].plan_step = Some(step_id.clone());
    Ok(step_id)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::Principle;

    /// The template's statements, all answered "not applicable" so each test
    /// answers only the ones it is about.
    fn blank() -> Workbook {
        let mut wb = workbook();
        for s in &mut wb.selfcheck.statements {
            s.answer = Answer::NotApplicable;
            s.plan_step = None;
        }
        wb
    }

    fn answer(
        wb: &mut Workbook,
        index: usize,
        answer: Answer,
        weight: u8,
        priority: Priority,
    ) -> Id {
        let s = &mut wb.selfcheck.statements[index];
        s.answer = answer;
        s.weight = weight;
        s.priority = priority;
        s.principle = Principle::Access;
        s.id.clone()
    }

    #[test]
    fn the_score_weighs_yes_partly_and_no_and_leaves_out_not_applicable() {
        let mut wb = blank();
        answer(&mut wb, 0, Answer::Yes, 3, Priority::High); // 6 of 6
        answer(&mut wb, 1, Answer::Partly, 2, Priority::High); // 2 of 4
        answer(&mut wb, 2, Answer::No, 1, Priority::Low); // 0 of 2
        let result = selfcheck_result(&wb);
        // 8 of 12 points.
        assert_eq!(result.overall.percent, 67);
        assert_eq!(result.overall.answered, result.overall.total);
        let access = result
            .principles
            .iter()
            .find(|p| p.principle == Principle::Access)
            .expect("every principle is listed");
        assert_eq!(access.score.percent, 67);
        assert_eq!(result.principles.len(), 5);
        assert_eq!(result.level, MaturityLevel::BasicsInPlace);
    }

    #[test]
    fn an_unanswered_statement_counts_as_not_met() {
        let mut wb = blank();
        answer(&mut wb, 0, Answer::Yes, 2, Priority::High);
        answer(&mut wb, 1, Answer::Unanswered, 2, Priority::High);
        let result = selfcheck_result(&wb);
        assert_eq!(result.overall.percent, 50);
        assert_eq!(result.overall.answered, result.overall.total - 1);
        assert!(result.actions.is_empty(), "no action until it is answered");
    }

    #[test]
    fn the_level_follows_the_overall_score() {
        let levels: Vec<_> = [0, 24, 25, 49, 50, 69, 70, 84, 85, 100]
            .into_iter()
            .map(MaturityLevel::from_percent)
            .collect();
        use MaturityLevel::*;
        assert_eq!(
            levels,
            [
                Exposed,
                Exposed,
                GettingStarted,
                GettingStarted,
                BasicsInPlace,
                BasicsInPlace,
                WellManaged,
                WellManaged,
                Resilient,
                Resilient
            ]
        );
        for level in MaturityLevel::ALL {
            assert_ne!(level.label(Language::En), level.label(Language::Nl));
            assert_ne!(level.advice(Language::En), level.advice(Language::Nl));
        }
    }

    #[test]
    fn actions_come_by_priority_with_open_ones_before_planned_ones() {
        let mut wb = blank();
        let low = answer(&mut wb, 0, Answer::No, 3, Priority::Low);
        let planned = answer(&mut wb, 1, Answer::Partly, 3, Priority::High);
        let open = answer(&mut wb, 2, Answer::Partly, 1, Priority::High);
        let dangling = answer(&mut wb, 3, Answer::No, 1, Priority::Medium);
        answer(&mut wb, 4, Answer::Yes, 3, Priority::High);
        wb.selfcheck.statements[1].plan_step = Some(Id::from("STEP-1.1"));
        wb.selfcheck.statements[3].plan_step = Some(Id::from("STEP-9.99"));
        let result = selfcheck_result(&wb);
        let order: Vec<_> = result.actions.iter().map(|a| a.statement.clone()).collect();
        assert_eq!(order, [open, planned, dangling, low]);
        assert_eq!(result.actions[1].planned, Some(Id::from("STEP-1.1")));
        assert_eq!(
            result.actions[2].planned, None,
            "a missing step is not a plan"
        );
        assert_eq!(result.open_actions(), 3);
    }

    #[test]
    fn adopting_an_action_adds_a_step_linked_both_ways() {
        let mut wb = blank();
        let id = answer(&mut wb, 0, Answer::No, 2, Priority::High);
        let phase = wb
            .plan
            .phases
            .iter()
            .find(|p| p.number == 5)
            .expect("phase 5");
        let expected = phase.next_step_id();
        let step = adopt_action(&mut wb, id.as_str(), None, date("2026-12-01")).expect("adopted");
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
        let other = answer(&mut wb, 1, Answer::Partly, 2, Priority::High);
        let second =
            adopt_action(&mut wb, other.as_str(), Some(5), date("2026-12-01")).expect("adopted");
        assert_ne!(second, step);
    }

    #[test]
    fn adopting_refuses_what_cannot_be_adopted() {
        let mut wb = blank();
        let met = answer(&mut wb, 0, Answer::Yes, 2, Priority::High);
        let unmet = answer(&mut wb, 1, Answer::No, 2, Priority::High);
        let today = date("2026-12-01");
        assert_eq!(
            adopt_action(&mut wb, "SC-99", None, today),
            Err(AdoptError::NoSuchStatement("SC-99".into()))
        );
        assert_eq!(
            adopt_action(&mut wb, met.as_str(), None, today),
            Err(AdoptError::NotUnmet(met.clone()))
        );
        assert_eq!(
            adopt_action(&mut wb, unmet.as_str(), Some(42), today),
            Err(AdoptError::NoSuchPhase(42))
        );
        let step = adopt_action(&mut wb, unmet.as_str(), Some(2), today).expect("adopted");
        assert!(step.as_str().starts_with("STEP-2."));
        assert_eq!(
            adopt_action(&mut wb, unmet.as_str(), None, today),
            Err(AdoptError::AlreadyPlanned(unmet.clone(), step))
        );
        wb.plan.phases.clear();
        let other = answer(&mut wb, 2, Answer::No, 2, Priority::High);
        assert_eq!(
            adopt_action(&mut wb, other.as_str(), None, today),
            Err(AdoptError::NoPhases)
        );
        assert!(AdoptError::NoPhases.message(Language::Nl).contains("fasen"));
    }
}
