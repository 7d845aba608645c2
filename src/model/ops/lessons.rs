//! Lessons learned from an incident or exercise, as steps in the plan.

use super::OpError;
use crate::model::bilingual::say;
use crate::model::edit::{Edit, Record};
use crate::model::*;

/// The lessons to record on closing, and the edit that adds the plan steps some
/// of them became (to the plan's last phase, learn and maintain).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lessons {
    /// Each lesson; those that became a step name it.
    pub lessons: Vec<Lesson>,
    /// The new steps, in the order of the lessons.
    pub steps: Vec<Step>,
    /// Adds the steps (undone as one); `None` when no lesson became a step.
    pub edit: Option<Edit>,
}

/// Turns `items` (a lesson's text and whether it becomes a plan step) learned from
/// `incident` into lessons and plan steps. The steps get their ids here, before
/// anything is written, so each lesson can name its step. Empty texts are dropped.
pub fn lessons(
    workbook: &Workbook,
    incident: &Id,
    items: &[(String, bool)],
    lang: Language,
) -> Result<Lessons, OpError> {
    let mut phase = None;
    let mut steps = Vec::new();
    let mut lessons = Vec::new();
    for (text, plan) in items {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let mut lesson = Lesson {
            text: text.to_owned(),
            plan_step: None,
        };
        if *plan {
            if phase.is_none() {
                phase = Some(
                    workbook
                        .plan
                        .phases
                        .last()
                        .cloned()
                        .ok_or(OpError::NoPhaseForLessons)?,
                );
            }
            let Some(phase) = phase.as_mut() else {
                return Err(OpError::NoPhaseForLessons);
            };
            let step = lesson_step(phase, incident, text, lang);
            if let Some(n) = phase.step_number(&step.id) {
                phase.next_step = n.saturating_add(1);
            }
            phase.steps.push(step.clone());
            lesson.plan_step = Some(step.id.clone());
            steps.push(step);
        }
        lessons.push(lesson);
    }
    // Each step goes after the phase's steps (a real index, so undo finds it).
    let edit = phase.filter(|_| !steps.is_empty()).map(|phase| {
        let first = phase.steps.len() - steps.len();
        Edit::Group(
            steps
                .iter()
                .enumerate()
                .map(|(i, step)| Edit::Record {
                    phase: Some(phase.number),
                    index: first + i,
                    before: None,
                    after: Some(Record::Step(step.clone())),
                })
                .collect(),
        )
    });
    Ok(Lessons {
        lessons,
        steps,
        edit,
    })
}

/// A plan step's title from a lesson: its first sentence, at most 100 characters.
pub fn step_title(lesson: &str) -> String {
    let first = lesson
        .split_inclusive(['.', '!', '?', '\n'])
        .next()
        .unwrap_or(lesson)
        .trim()
        .trim_end_matches('.');
    if first.chars().count() <= 100 {
        first.to_owned()
    } else {
        let cut: String = first.chars().take(99).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
        format!("{cut}…")
    }
}

/// The plan step a lesson learned from `incident` becomes, next in `phase`.
fn lesson_step(phase: &Phase, incident: &Id, lesson: &str, lang: Language) -> Step {
    Step {
        id: phase.next_step_id(),
        title: step_title(lesson),
        description: lesson.to_owned(),
        owner: None,
        status: StepStatus::Todo,
        due: None,
        done: None,
        risks: Vec::new(),
        statements: Vec::new(),
        incident: Some(incident.clone()),
        notes: say!(
            lang,
            "A lesson learned from {incident}.",
            "Een geleerde les uit {incident}."
        ),
        origin: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_title_is_the_lessons_first_sentence() {
        assert_eq!(
            step_title("Nobody knew the number. Put it on the list."),
            "Nobody knew the number"
        );
        let long = "word ".repeat(40);
        let title = step_title(&long);
        assert!(
            title.chars().count() <= 100 && title.ends_with('…'),
            "{title}"
        );
    }
}
