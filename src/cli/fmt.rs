//! `paraat fmt`: rewrite every file in canonical form; `--check` lists the ones
//! that are not (for CI), without writing. This is the one command that rewrites
//! files whose records did not change: every other save leaves them alone.

use std::process::ExitCode;

use super::{Cli, CliError, EXIT_FINDINGS, EXIT_OK};
use crate::store::{OpenError, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only list the files that are not canonical; exit 1 if there are any
    #[arg(long)]
    pub check: bool,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    if args.check {
        let loaded = Store::load(&dir)?;
        let files = loaded
            .store
            .non_canonical(&loaded.workbook)
            .map_err(|e| CliError::message(e.to_string()))?;
        for file in &files {
            out!("{file}: not in canonical form (run `paraat fmt`)");
        }
        return Ok(ExitCode::from(if files.is_empty() {
            EXIT_OK
        } else {
            EXIT_FINDINGS
        }));
    }
    let mut loaded = Store::open_for_editing(&dir).map_err(|e| match e {
        OpenError::Load(e) => CliError::Load(e),
        OpenError::Locked(e) => CliError::message(e.to_string()),
    })?;
    let report = loaded
        .store
        .save_canonical(&loaded.workbook, &|file| {
            note!("paraat: waiting for another writer of {file} to finish…");
        })
        .map_err(|e| CliError::message(e.to_string()))?;
    if report.written.is_empty() {
        out!("every file is already in canonical form");
    }
    for file in &report.written {
        out!("{file}: rewritten in canonical form");
    }
    Ok(ExitCode::from(EXIT_OK))
}
