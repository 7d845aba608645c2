//! `paraat incident close`: close with the lessons learned, which can become plan steps.

use std::io::{BufRead, IsTerminal};

use super::args::*;
use super::context::*;
use crate::cli::CliError;
use crate::model::bilingual::say;
use crate::model::ops;
use crate::model::{EntryKind, Id, Incident, Language, Lesson, Register};
use crate::response::{self, words};
use crate::store::incident::IncidentError;
use crate::store::{OpenError, Store};

/// Asks for lessons on the terminal, one per line, until an empty line.
pub fn ask_lessons(lang: Language) -> Vec<String> {
    note!(
        "{}",
        say!(
            lang,
            "Lessons learned, one per line; an empty line ends:",
            "Geleerde lessen, één per regel; een lege regel sluit af:"
        )
    );
    let mut lessons = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        lessons.push(line.to_owned());
    }
    lessons
}

pub fn run(ctx: &Context, args: &CloseArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let incident = ctx.pick(args.target.id.as_deref())?;
    if !incident.is_active() {
        return Err(write_error(
            IncidentError::AlreadyClosed(incident.id.clone()),
            lang,
        ));
    }
    if !unmet_confirmed(ctx, incident) {
        return Err(CliError::message(say!(
            lang,
            "not closed; nothing was changed",
            "niet gesloten; er is niets veranderd"
        )));
    }
    let mut texts: Vec<String> = args
        .lessons
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    if args.lessons.is_empty() && std::io::stdin().is_terminal() {
        texts = ask_lessons(lang);
    }
    if args.plan_lesson && texts.is_empty() {
        return Err(CliError::message(say!(
            lang,
            "--plan-lesson makes plan steps of the lessons, but there are none; add --lesson \"…\"",
            "--plan-lesson maakt planstappen van de lessen, maar er zijn er geen; voeg --lesson \"…\" toe"
        )));
    }
    let by = ctx.author(args.target.by.as_deref());
    let items: Vec<(String, bool)> = texts.into_iter().map(|t| (t, args.plan_lesson)).collect();
    let (lessons, added_steps) = if args.plan_lesson {
        plan_steps(ctx, incident, &items)?
    } else {
        let lessons = items
            .into_iter()
            .map(|(text, _)| Lesson {
                text,
                plan_step: None,
            })
            .collect();
        (lessons, Vec::new())
    };
    let learned = words::lessons_learned(lessons.len(), lang);
    let entry = ctx.entry(
        &by,
        EntryKind::Note,
        words::closed(incident.kind, lessons.len(), lang),
    );
    let updated = ctx
        .writer()
        .close(incident.id.as_str(), entry, lessons)
        .map_err(|e| write_error(e, lang))?;
    let (id, at) = (updated.id.as_str(), when(ctx.now));
    let mut out = say!(
        lang,
        "Closed {id} at {at}, with {learned}.\n",
        "{id} gesloten op {at}, met {learned}.\n"
    );
    for (step, title) in &added_steps {
        out.push_str(&say!(
            lang,
            "  plan step {step}: {title}\n",
            "  planstap {step}: {title}\n"
        ));
    }
    out.push_str(&say!(
        lang,
        "Write the report with `paraat incident export {id} --format md -o report.md`.\n",
        "Schrijf het verslag met `paraat incident export {id} --format md -o verslag.md`.\n"
    ));
    print(&out);
    Ok(())
}

/// Warns when a required deadline of `incident` is not met yet; on a terminal it
/// asks whether to close anyway (elsewhere the warning stands and closing goes on).
/// Returns whether to close.
fn unmet_confirmed(ctx: &Context, incident: &Incident) -> bool {
    let lang = ctx.lang;
    let Some(workbook) = ctx.with(Register::Manifest) else {
        return true;
    };
    let scenario = ctx.scenario_of(incident);
    let clocks = response::clocks(incident, &workbook.manifest, scenario.as_ref(), ctx.now);
    let unmet = response::duties::unmet(&clocks);
    if unmet.is_empty() {
        return true;
    }
    let lines: Vec<String> = unmet
        .iter()
        .map(|c| format!("  {}", response::duties::unmet_line(c, &when(c.due), lang)))
        .collect();
    let id = incident.id.as_str();
    note!(
        "{}\n{}",
        say!(
            lang,
            "paraat: warning: {id} has required deadlines not met yet (the clocks stop at the close):",
            "paraat: waarschuwing: {id} heeft verplichte termijnen die nog niet voldaan zijn (de klokken stoppen bij het sluiten):"
        ),
        lines.join("\n")
    );
    if !std::io::stdin().is_terminal() {
        return true;
    }
    eprint!(
        "{}",
        say!(lang, "Close anyway? [y/N] ", "Toch sluiten? [j/N] ")
    );
    let _ = std::io::Write::flush(&mut std::io::stderr());
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "j" | "ja"
    )
}

/// A plan step made of a lesson: its id and title.
type StepAdded = (Id, String);

/// Adds a plan step for each lesson to the plan's last phase (learn and maintain),
/// saved through the store with the workbook's edit lock; each lesson names its step.
pub fn plan_steps(
    ctx: &Context,
    incident: &Incident,
    items: &[(String, bool)],
) -> Result<(Vec<Lesson>, Vec<StepAdded>), CliError> {
    let lang = ctx.lang;
    let mut loaded = Store::open_for_editing(&ctx.root).map_err(|e| match e {
        OpenError::Locked(e) => {
            let why = e.to_string();
            CliError::message(say!(
                lang,
                "cannot add plan steps: {why}. Close it there, or close the incident without --plan-lesson and add the steps in the plan later; nothing was changed.",
                "kan geen planstappen toevoegen: {why}. Sluit het daar, of sluit het incident zonder --plan-lesson en zet de stappen later in het plan; er is niets veranderd."
            ))
        }
        OpenError::Load(e) => CliError::Load(e),
    })?;
    let planned =
        ops::lessons::lessons(&loaded.workbook, &incident.id, items, lang).map_err(|e| {
            let why = e.message(lang);
            CliError::message(say!(
                lang,
                "{why}; nothing was changed",
                "{why}; er is niets veranderd"
            ))
        })?;
    if let Some(edit) = &planned.edit {
        edit.apply(&mut loaded.workbook)
            .map_err(|e| CliError::message(e.to_string()))?;
        if !ctx.dry_run {
            crate::cli::save(&mut loaded.store, &loaded.workbook, lang)?;
        }
    }
    let added = planned
        .steps
        .iter()
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    Ok((planned.lessons, added))
}
