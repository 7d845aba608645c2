//! `paraat incident export`: the report for the insurer, the police or the authority.

use std::path::Path;

use super::args::*;
use super::context::*;
use super::report;
use crate::cli::{CliError, shown};
use crate::model::bilingual::say;
use crate::sanitize::sanitize_text;

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let workbook = ctx.workbook()?;
    let incident = ctx.pick(args.which.id())?;
    let text = match args.format {
        ReportFormat::Md => report::markdown(
            workbook,
            incident,
            ctx.scenario_of(incident).as_ref(),
            ctx.now,
            lang,
        ),
    };
    let text = sanitize_text(&text);
    match &args.output {
        Some(path) if crate::cli::is_stdout(path) => print(&text),
        Some(path) => {
            write_report(path, &text)?;
            let (id, file) = (incident.id.as_str(), shown(path));
            note!(
                "{}",
                say!(
                    lang,
                    "Wrote the report on {id} to {file}.",
                    "Verslag over {id} geschreven naar {file}."
                )
            );
        }
        None => print(&text),
    }
    Ok(())
}

pub fn write_report(path: &Path, text: &str) -> Result<(), CliError> {
    let fail = |e: std::io::Error| CliError::message(format!("{}: {e}", path.display()));
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(fail)?.join(path)
    };
    crate::store::atomic::write_atomic(&full, text.as_bytes(), false).map_err(fail)
}
