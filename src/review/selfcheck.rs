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
//! plan; adopting it (`model::ops::selfcheck::adopt_action`) creates that step and
//! links the two both ways.

use std::collections::HashSet;

use serde::Serialize;

use crate::model::{Answer, Id, Language, Principle, Priority, Statement, Workbook};

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

/// Unmet: answered "no" or "partly" (see [`Answer::is_unmet`]).
pub fn is_unmet(answer: Answer) -> bool {
    answer.is_unmet()
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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::Principle;

    #[test]
    fn the_score_weighs_yes_partly_and_no_and_leaves_out_not_applicable() {
        let mut wb = blank_selfcheck();
        answer_statement(&mut wb, 0, Answer::Yes, 3, Priority::High); // 6 of 6
        answer_statement(&mut wb, 1, Answer::Partly, 2, Priority::High); // 2 of 4
        answer_statement(&mut wb, 2, Answer::No, 1, Priority::Low); // 0 of 2
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
        let mut wb = blank_selfcheck();
        answer_statement(&mut wb, 0, Answer::Yes, 2, Priority::High);
        answer_statement(&mut wb, 1, Answer::Unanswered, 2, Priority::High);
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
        let mut wb = blank_selfcheck();
        let low = answer_statement(&mut wb, 0, Answer::No, 3, Priority::Low);
        let planned = answer_statement(&mut wb, 1, Answer::Partly, 3, Priority::High);
        let open = answer_statement(&mut wb, 2, Answer::Partly, 1, Priority::High);
        let dangling = answer_statement(&mut wb, 3, Answer::No, 1, Priority::Medium);
        answer_statement(&mut wb, 4, Answer::Yes, 3, Priority::High);
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
}
