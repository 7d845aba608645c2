//! `paraat answer CL-08 yes [--note TEXT]`: answer a checklist item or a
//! self-check statement from the shell, as the answer keys do (dated today).

use std::process::ExitCode;

use super::edits::{self, DryRun};
use super::{Cli, CliError};
use crate::model::ops::answers;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// The checklist item or self-check statement (for example CL-08 or SC-03)
    pub id: String,
    /// yes, partly, no, n/a or unanswered (or ja, deels, nee, n.v.t., onbeantwoord)
    pub answer: String,
    /// Set the note too (an empty text clears it)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub dry_run: DryRun,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    edits::run(cli, args.dry_run, |workbook, today| {
        answers::answer_words(
            workbook,
            &args.id,
            &args.answer,
            args.note.as_deref(),
            today,
        )
    })
}
