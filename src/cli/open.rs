//! `paraat open [DIR]` (and `paraat` alone): the workbook in the terminal UI.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Cli, CliError, EXIT_OK};
use crate::tui;

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// The workbook folder (default: found as for every command)
    pub dir: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let root = match &args.dir {
        Some(dir) => {
            if dir.join(crate::store::layout::MANIFEST).is_file() {
                dir.clone()
            } else {
                return Err(CliError::NotAWorkbook(dir.clone()));
            }
        }
        None => cli.workbook_dir()?,
    };
    open(root, cli, false)
}

/// Runs the UI on `root` (`scratch` for the demo copy).
pub fn open(root: PathBuf, cli: &Cli, scratch: bool) -> Result<ExitCode, CliError> {
    use std::io::IsTerminal;
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(CliError::message(no_terminal(super::git::language_of(
            &root,
        ))));
    }
    let options = tui::Options {
        root,
        today: cli.today(),
        // Without --today the day follows the clock: a session left open
        // overnight during an incident reviews with the new date.
        today_fixed: cli.given_today().is_some(),
        scratch,
        data_dir: None,
        export_dir: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
    };
    match tui::run_at(options, cli.now) {
        Ok(()) => Ok(ExitCode::from(EXIT_OK)),
        Err(tui::TuiError::Load(e)) => Err(CliError::Load(e)),
        Err(e) => Err(CliError::message(e.to_string())),
    }
}

/// Why the workbook did not open: there is no terminal to show it in.
fn no_terminal(lang: crate::model::Language) -> String {
    crate::model::bilingual::pick(
        lang,
        "the workbook opens in a terminal, and standard input or output is not one here; without a terminal, `paraat check` lists what needs attention and `paraat status` shows the readiness overview",
        "het werkboek opent in een terminal, en standaardinvoer of -uitvoer is dat hier niet; zonder terminal toont `paraat check` wat aandacht nodig heeft en `paraat status` het overzicht van de paraatheid",
    )
    .to_owned()
}
