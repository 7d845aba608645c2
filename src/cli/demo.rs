//! `paraat demo`: the example museum in a fresh scratch folder, so trying paraat
//! never touches real data.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Cli, CliError, check};
use crate::store::templates;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Put the scratch copy here instead of a new temporary folder (must not exist yet)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Only check the copy instead of opening it (the default when not on a terminal)
    #[arg(long)]
    pub check: bool,
}

/// Creates the scratch copy and returns its folder.
pub fn scratch_copy(dir: Option<&PathBuf>) -> Result<PathBuf, CliError> {
    let dir = match dir {
        Some(dir) => {
            if dir.exists() {
                return Err(CliError::message(format!(
                    "{} already exists; choose a new folder for the demo copy",
                    dir.display()
                )));
            }
            std::fs::create_dir_all(dir)
                .map_err(|e| CliError::message(format!("{}: {e}", dir.display())))?;
            dir.clone()
        }
        None => tempfile::Builder::new()
            .prefix("paraat-demo-")
            .tempdir()
            .map_err(|e| CliError::message(format!("cannot create a scratch folder: {e}")))?
            .keep(),
    };
    templates::write_example(&dir).map_err(|e| {
        CliError::message(format!(
            "cannot write the example to {}: {e}",
            dir.display()
        ))
    })?;
    Ok(dir)
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    use std::io::IsTerminal;
    let dir = scratch_copy(args.dir.as_ref())?;
    note!(
        "A scratch copy of the example museum is in {} (changes there touch nothing else).\n",
        dir.display()
    );
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if interactive && !args.check {
        return super::open::open(dir, cli, true);
    }
    let check_cli = Cli {
        workbook: Some(dir),
        today: cli.given_today(),
        command_today: Default::default(),
        now: cli.now,
        quiet: cli.quiet,
        color: cli.color,
        command: None,
    };
    let check_args = check::Args {
        when: super::TodayArg::default(),
        format: check::Format::Text,
        strict: false,
        staged: false,
        changed_since: None,
    };
    check::run(&check_cli, &check_args)
}
