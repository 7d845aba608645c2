//! `paraat log-restore B-003 --result failed --took 3h`: log a restore test
//! from the shell, with the checks of the "log a restore test" form.

use std::process::ExitCode;

use super::edits::{self, DryRun};
use super::{Cli, CliError};
use crate::model::ops::backups;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// The backup (for example B-003)
    pub id: String,
    /// success, partial or failed (or gelukt, deels gelukt, mislukt); default success
    #[arg(long, value_name = "RESULT")]
    pub result: Option<String>,
    /// How long the restore took: 30m, 4h, 3d, 2w
    #[arg(long, value_name = "DURATION")]
    pub took: Option<String>,
    /// The day of the test, DD-MM-YYYY or YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// What was restored (default: what the backup holds)
    #[arg(long, value_name = "TEXT")]
    pub restored: Option<String>,
    /// Notes on the test
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    #[command(flatten)]
    pub dry_run: DryRun,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let given = [
        ("date", &args.date),
        ("restored", &args.restored),
        ("result", &args.result),
        ("took", &args.took),
        ("notes", &args.notes),
    ];
    let words: Vec<(String, String)> = given
        .into_iter()
        .filter_map(|(path, value)| value.as_ref().map(|v| (path.to_owned(), v.clone())))
        .collect();
    edits::run(cli, args.dry_run, |workbook, today| {
        backups::log_restore_test_words(workbook, &args.id, &words, today).map(Some)
    })
}
