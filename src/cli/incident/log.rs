//! `paraat incident log`: add entries to the log, one at a time or a line each from standard input.

use std::io::{BufRead, IsTerminal};

use chrono::Utc;

use super::args::*;
use super::context::*;
use crate::cli::CliError;
use crate::model::bilingual::say;
use crate::model::{EntryKind, Incident, Timestamp};
use crate::store::incident::IncidentWriter;

pub fn run(ctx: &Context, args: &LogArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let text = args.text.trim();
    if text.is_empty() {
        return Err(CliError::message(say!(
            lang,
            "the entry is empty; say what happened: paraat incident log \"Isolated the server\"",
            "de regel is leeg; zeg wat er gebeurde: paraat incident log \"Server van het netwerk gehaald\""
        )));
    }
    ctx.workbook_or_warn();
    let incident = ctx.pick(args.target.id.as_deref())?;
    let by = ctx.author(args.target.by.as_deref());
    let writer = ctx.writer();
    if text != "-" {
        return log_one(ctx, &writer, incident, &by, args.decision, text, ctx.now);
    }
    // `log -`: every line read is an entry of its own, saved as soon as it is read.
    let id = incident.id.as_str();
    if std::io::stdin().is_terminal() {
        note!(
            "{}",
            say!(
                lang,
                "Logging to {id}: type an entry and press Enter; each is saved at once. Ctrl-D ends.",
                "Logboek van {id}: typ een regel en druk op Enter; elke regel wordt meteen bewaard. Ctrl-D stopt."
            )
        );
    }
    for line in std::io::stdin().lock().lines() {
        let line = line.map_err(|e| CliError::message(e.to_string()))?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = if ctx.fixed_now {
            ctx.now
        } else {
            Timestamp::from_utc(Utc::now())
        };
        log_one(ctx, &writer, incident, &by, args.decision, line, at)?;
    }
    Ok(())
}

pub fn log_one(
    ctx: &Context,
    writer: &IncidentWriter,
    incident: &Incident,
    by: &str,
    decision: bool,
    text: &str,
    at: Timestamp,
) -> Result<(), CliError> {
    let lang = ctx.lang;
    let kind = if decision {
        EntryKind::Decision
    } else {
        EntryKind::Note
    };
    let mut entry = ctx.entry(by, kind, text.to_owned());
    entry.at = at;
    let updated = writer
        .append_entry(incident.id.as_str(), entry)
        .map_err(|e| write_error(e, lang))?;
    let (id, time, n) = (updated.id.as_str(), time_of_day(at), updated.timeline.len());
    let what = if decision {
        say!(lang, "Decision", "Besluit")
    } else {
        say!(lang, "Entry", "Regel")
    };
    print(&say!(
        lang,
        "{what} logged in {id} at {time} by {by} (entry {n}).\n",
        "{what} vastgelegd in {id} om {time} door {by} (regel {n}).\n"
    ));
    Ok(())
}
