//! `paraat incident step`: mark a first-hour step of the plan as done.

use super::args::*;
use super::context::*;
use crate::cli::CliError;
use crate::model::Register;
use crate::model::bilingual::say;
use crate::model::{EntryKind, Id};
use crate::response::{self, words};
use crate::sanitize::sanitize_line;

pub fn run(ctx: &Context, args: &StepArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    ctx.workbook_or_warn();
    let workbook = ctx.with(Register::Plan);
    let step_id = Id::from(args.step.trim());
    let title = match workbook {
        Some(wb) => match wb.plan.first_hour.iter().find(|s| s.id == step_id) {
            Some(s) => s.title.clone(),
            None => {
                let ids = wb
                    .plan
                    .first_hour
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let wanted = sanitize_line(step_id.as_str());
                return Err(CliError::message(say!(
                    lang,
                    "{wanted} is not a first-hour step of the plan; the steps are: {ids}",
                    "{wanted} is geen stap voor het eerste uur in het plan; de stappen zijn: {ids}"
                )));
            }
        },
        None => String::new(),
    };
    let incident = ctx.pick(args.target.id.as_deref())?;
    if let Some(done) = response::step_done(incident, &step_id) {
        let (at, who) = (when(done.at), done.by.clone());
        print(&say!(
            lang,
            "{step_id} was already marked done at {at} by {who}; nothing recorded.\n",
            "{step_id} stond al als gedaan op {at} door {who}; niets vastgelegd.\n"
        ));
        return Ok(());
    }
    let by = ctx.author(args.target.by.as_deref());
    let text = words::step_done(&step_id, &title, lang);
    let entry = ctx.entry(
        &by,
        EntryKind::StepDone {
            step: step_id.clone(),
        },
        words::with_note(text.clone(), args.note.as_deref()),
    );
    let updated = ctx
        .writer()
        .append_entry(incident.id.as_str(), entry)
        .map_err(|e| write_error(e, lang))?;
    let mut out = format!("{text}.\n");
    if let Some(wb) = workbook {
        let steps = response::first_hour_progress(&wb.plan, &updated);
        let done = steps.iter().filter(|s| s.done.is_some()).count();
        let total = steps.len();
        out.push_str(&say!(
            lang,
            "{done} of {total} first-hour steps done.\n",
            "{done} van {total} stappen van het eerste uur gedaan.\n"
        ));
        if let Some(next) = steps.iter().find(|s| s.done.is_none()) {
            let (id, title) = (&next.step.id, &next.step.title);
            out.push_str(&say!(
                lang,
                "Next: {id} {title}\n",
                "Volgende: {id} {title}\n"
            ));
        }
    }
    print(&out);
    Ok(())
}
