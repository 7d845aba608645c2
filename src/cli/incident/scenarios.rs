//! `paraat incident scenarios`: the built-in tabletop scenarios, or one in full.

use std::process::ExitCode;

use super::args::*;
use super::context::*;
use super::status;
use crate::cli::{Cli, CliError, EXIT_OK};
use crate::model::Language;
use crate::model::bilingual::say;
use crate::store::incident::{self as files};
use crate::store::templates;

pub fn run(cli: &Cli, args: &ScenariosArgs) -> Result<ExitCode, CliError> {
    // The list works outside a workbook too (in English there).
    let lang = cli
        .workbook_dir()
        .ok()
        .and_then(|root| files::read_manifest(&root).ok())
        .map_or(Language::En, |m| m.language);
    match &args.name {
        Some(name) => print(&status::scenario_script(&find_scenario(lang, name)?, lang)),
        None => {
            let all = templates::scenarios(lang).map_err(|e| CliError::message(e.to_string()))?;
            let mut out = String::new();
            for s in &all {
                let (name, title, minutes) = (&s.name, &s.title, s.duration_minutes);
                out.push_str(&format!("{name:<22} {title} ({minutes} min)\n"));
            }
            out.push_str(&say!(
                lang,
                "\nRun one with `paraat incident start --scenario NAME`; `paraat incident scenarios NAME` prints its script.\n",
                "\nStart er een met `paraat incident start --scenario NAAM`; `paraat incident scenarios NAAM` toont het draaiboek.\n"
            ));
            print(&out);
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}
