//! `paraat incident …`: declare an incident or an exercise, log the response from
//! any shell, record calls, steps and notifications, close with lessons learned,
//! and report.
//!
//! Every change goes through the incident writer, which takes only the incident's own
//! lock: the commands work while the workbook is open in the terminal UI, and two
//! writers queue rather than lose each other's entries. A workbook with a broken
//! register still takes log entries (with a warning): during an incident, logging
//! must not wait for a repaired risk register. "Now" comes from `--now` /
//! `PARAAT_NOW` when given, so every run can be reproduced.
//!
//! One file per subcommand, with their arguments in `args` and what they share
//! (the workbook, the incidents on disk, the words for times and errors) in
//! `context`; `status` and `report` build the texts several of them print.

mod affected;
mod args;
mod call;
mod close;
mod context;
mod details;
mod export;
mod list;
mod log;
mod notify;
mod personal_data;
mod report;
mod scenarios;
mod start;
mod status;
mod step;
mod who;

use std::process::ExitCode;

pub use args::*;
use context::Context;

use crate::cli::{Cli, CliError, EXIT_OK};

/// Runs one `paraat incident` command.
pub fn run(cli: &Cli, command: &Command) -> Result<ExitCode, CliError> {
    if let Command::Scenarios(args) = command {
        return scenarios::run(cli, args);
    }
    let mut ctx = Context::open(cli)?;
    ctx.dry_run = command.dry_run();
    match command {
        Command::Start(args) => start::run(&ctx, args),
        Command::Log(args) => log::run(&ctx, args),
        Command::Call(args) => call::run(&ctx, args),
        Command::Step(args) => step::run(&ctx, args),
        Command::Notify(args) => notify::run(&ctx, args),
        Command::Affected(args) => affected::run(&ctx, args),
        Command::PersonalData(target) => personal_data::run(&ctx, target),
        Command::Details(args) => details::run(&ctx, args),
        Command::Close(args) => close::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::Status(args) => status::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Scenarios(_) => Ok(()),
    }?;
    if ctx.dry_run {
        out!(
            "{}",
            crate::model::bilingual::pick(
                ctx.lang,
                "Dry run: nothing was written. Run without --dry-run to write it.",
                "Proefdraai: er is niets geschreven. Voer uit zonder --dry-run om het te schrijven."
            )
        );
    }
    Ok(ExitCode::from(EXIT_OK))
}
