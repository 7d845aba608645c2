//! `paraat incident start`: declare an incident, or start an exercise.

use super::args::*;
use super::context::*;
use super::status;
use crate::cli::{CliError, shown};
use crate::model::Severity;
use crate::model::bilingual::say;
use crate::model::labels::Label;
use crate::model::ops;
use crate::store::layout::incident_file;

pub fn run(ctx: &Context, args: &StartArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let scenario = match &args.scenario {
        Some(name) => Some(find_scenario(lang, name)?),
        None => None,
    };
    let declaration = ops::incidents::Declaration {
        title: args.title.as_deref().unwrap_or_default(),
        exercise: args.exercise,
        scenario: scenario.as_ref(),
        severity: args.severity.map(Severity::from),
        personal_data: args.personal_data,
        discovered: args.discovered,
        by: ctx.author(args.by.as_deref()),
    };
    let new = ops::incidents::declare(declaration, ctx.now).map_err(|e| {
        let why = e.message(lang, &|t| when(t));
        CliError::message(match e {
            ops::incidents::DeclareError::NoTitle => say!(
                lang,
                "{why}: paraat incident start \"Collection system encrypted\"",
                "{why}: paraat incident start \"Collectiesysteem versleuteld\""
            ),
            ops::incidents::DeclareError::DiscoveredLater { .. } => why,
        })
    })?;
    let incident = ctx.writer().create(new).map_err(|e| write_error(e, lang))?;
    let (id, kind) = (incident.id.as_str(), incident.kind.label(lang));
    let file = shown(&ctx.root.join(incident_file(id)));
    print(&say!(
        lang,
        "Declared {kind} {id}\n  file: {file}\n\n",
        "Gemeld: {kind} {id}\n  bestand: {file}\n\n"
    ));
    let workbook = ctx.workbook_or_warn();
    print(&status::text(
        workbook,
        ctx.missing(),
        &incident,
        scenario.as_ref(),
        ctx.now,
        lang,
    ));
    print(&say!(
        lang,
        "\nLog what happens with `paraat incident log \"…\"`; `paraat incident status` shows this again.\n",
        "\nLeg vast wat er gebeurt met `paraat incident log \"…\"`; `paraat incident status` toont dit opnieuw.\n"
    ));
    Ok(())
}
