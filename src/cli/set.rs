//! `paraat set R-002 likelihood=2 [field=value …]`: change fields of a record
//! from the shell, with the checks of its form in the terminal UI.

use std::process::ExitCode;

use super::edits::{self, DryRun};
use super::{Cli, CliError};
use crate::model::ops::records;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "A field is named by its label, in either language, with _ or - \
between words (likelihood, review_by, kans), or by its path in the file \
(current.likelihood). A choice is its label or its name in the file (reduce, Reduce); \
references are ids, several separated by commas; an empty value clears an optional field."
)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// The record (for example R-002, P-003, C-004, STEP-3.2)
    pub id: String,
    /// field=value, one or more
    #[arg(required = true, value_name = "FIELD=VALUE")]
    pub fields: Vec<String>,
    #[command(flatten)]
    pub dry_run: DryRun,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let words = edits::assignments(&args.fields)?;
    edits::run(cli, args.dry_run, |workbook, _| {
        records::set_fields(workbook, &args.id, &words)
    })
}
