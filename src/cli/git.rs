//! `paraat git setup [--check]` and `paraat git resolve`: paraat's part in git.
//!
//! `setup` registers the merge driver and the hunk header for this clone (see
//! [`crate::git::setup`]); `--check` tells CI or a script whether that is done.
//! `resolve` finishes a merge the driver stopped (see [`crate::git::resolve`]).

use std::path::Path;
use std::process::ExitCode;

use super::{Cli, CliError, EXIT_FINDINGS, EXIT_OK};
use crate::git::resolve::resolve;
use crate::git::setup::{SetupError, check, setup};
use crate::git::{self, Operation};
use crate::model::Language;
use crate::model::bilingual::{pick, say};
use crate::sanitize::sanitize_line;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Register paraat with git for this clone: merge and diff `*.ron` by record
    Setup(SetupArgs),
    /// Finish a merge, rebase or cherry-pick that paraat stopped after renumbering
    Resolve,
}

#[derive(Debug, clap::Args)]
pub struct SetupArgs {
    /// Only check: exit 0 when this clone is set up, 1 when not
    #[arg(long)]
    pub check: bool,
}

/// The workbook's language, read from its manifest alone (English when it cannot
/// be read), for messages of commands that do not load the whole workbook.
pub fn language_of(dir: &Path) -> Language {
    std::fs::read_to_string(dir.join(crate::store::layout::MANIFEST))
        .ok()
        .and_then(|text| {
            crate::merge::Parsed::parse(crate::merge::FileKind::Manifest, "paraat.ron", &text).ok()
        })
        .and_then(|(parsed, _)| match parsed {
            crate::merge::Parsed::Manifest(m) => Some(m.language),
            _ => None,
        })
        .unwrap_or_default()
}

pub fn run(cli: &Cli, command: &Command) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let lang = language_of(&dir);
    match command {
        Command::Setup(args) if args.check => run_check(&dir, lang),
        Command::Setup(_) => run_setup(&dir, lang),
        Command::Resolve => run_resolve(&dir, lang),
    }
}

fn setup_error(error: SetupError, lang: Language) -> CliError {
    match (error, lang) {
        (SetupError::NotARepository(dir), Language::Nl) => CliError::message(format!(
            "{} staat niet in een git-repository; doe eerst `git init`",
            dir.display()
        )),
        (error, _) => CliError::message(error.to_string()),
    }
}

fn run_check(dir: &Path, lang: Language) -> Result<ExitCode, CliError> {
    let state = match check(dir) {
        Ok(state) => state,
        Err(SetupError::NotARepository(_)) => {
            out!(
                "{}",
                pick(
                    lang,
                    "not set up: the workbook is not in a git repository",
                    "niet ingesteld: het werkboek staat niet in een git-repository"
                )
            );
            return Ok(ExitCode::from(EXIT_FINDINGS));
        }
        Err(e) => return Err(setup_error(e, lang)),
    };
    let mut missing = Vec::new();
    if !state.attributes {
        missing.push(pick(
            lang,
            "`.gitattributes` does not route *.ron to paraat",
            "`.gitattributes` stuurt *.ron niet naar paraat",
        ));
    }
    match (&state.driver, state.driver_runs) {
        (None, _) => missing.push(pick(
            lang,
            "no merge driver in this clone's git config",
            "geen merge-driver in de git-config van deze clone",
        )),
        (Some(_), false) => missing.push(pick(
            lang,
            "the configured merge driver's program cannot be found",
            "het programma van de ingestelde merge-driver is niet te vinden",
        )),
        _ => {}
    }
    if !state.hunk_header {
        missing.push(pick(
            lang,
            "no hunk header for workbook diffs",
            "geen kop voor werkboek-diffs",
        ));
    }
    if missing.is_empty() {
        out!(
            "{}",
            pick(
                lang,
                "set up: git merges and diffs this workbook by record",
                "ingesteld: git voegt dit werkboek per record samen en toont verschillen per record"
            )
        );
        return Ok(ExitCode::from(EXIT_OK));
    }
    for m in &missing {
        out!("{} {m}", pick(lang, "not set up:", "niet ingesteld:"));
    }
    out!(
        "{}",
        pick(
            lang,
            "run `paraat git setup` to fix this",
            "voer `paraat git setup` uit om dit te regelen"
        )
    );
    Ok(ExitCode::from(EXIT_FINDINGS))
}

fn run_setup(dir: &Path, lang: Language) -> Result<ExitCode, CliError> {
    let exe = std::env::current_exe().map_err(|e| CliError::message(e.to_string()))?;
    let changes = setup(dir, &exe).map_err(|e| setup_error(e, lang))?;
    if changes.wrote_attributes {
        out!(
            "{}",
            pick(
                lang,
                "wrote .gitattributes: *.ron merge=paraat diff=paraat (commit it, so the whole team shares it)",
                "schreef .gitattributes: *.ron merge=paraat diff=paraat (commit dit, dan deelt het hele team het)"
            )
        );
    }
    for key in &changes.wrote_config {
        out!(
            "{} {key}",
            pick(
                lang,
                "set in this clone's git config:",
                "ingesteld in de git-config van deze clone:"
            )
        );
    }
    if !changes.wrote_attributes && changes.wrote_config.is_empty() {
        out!(
            "{}",
            pick(
                lang,
                "already set up; nothing changed",
                "al ingesteld; niets gewijzigd"
            )
        );
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// Sets paraat up for `dir` if it is in a git repository (for `init`); says so.
pub fn setup_if_repository(dir: &Path, lang: Language) -> bool {
    if git::Repo::find(dir).is_none() {
        return false;
    }
    let Ok(exe) = std::env::current_exe() else {
        return false;
    };
    match setup(dir, &exe) {
        Ok(_) => {
            out!(
                "{}",
                if lang == Language::En {
                    "Registered paraat with git for this clone (`paraat git setup`)."
                } else {
                    "paraat is bij git aangemeld voor deze clone (`paraat git setup`)."
                }
            );
            true
        }
        Err(e) => {
            note!("paraat: {e}");
            false
        }
    }
}

fn run_resolve(dir: &Path, lang: Language) -> Result<ExitCode, CliError> {
    let done = resolve(dir).map_err(|e| CliError::message(e.to_string()))?;
    for (_, from, to) in &done.renumbered {
        out!(
            "{}",
            say!(
                lang,
                "renumbered {from} → {to}: references follow",
                "{from} → {to} hernummerd: verwijzingen gaan mee"
            )
        );
    }
    for file in &done.updated {
        out!(
            "{} {}",
            pick(lang, "updated", "bijgewerkt:"),
            sanitize_line(file)
        );
    }
    if done.rewritten > 0 {
        out!(
            "{}",
            say!(
                lang,
                "rewrote {} commit(s) still to be applied, with the new ids",
                "{} nog toe te passen commit(s) herschreven met de nieuwe nummers",
                done.rewritten
            )
        );
    }
    for file in &done.staged {
        out!(
            "{} {}",
            pick(lang, "staged", "klaargezet:"),
            sanitize_line(file)
        );
    }
    for warning in &done.warnings {
        note!("paraat: {}", sanitize_line(warning));
    }
    if !done.conflicted.is_empty() {
        out!(
            "{} {}",
            pick(
                lang,
                "still to choose (both values are in the file; `paraat check` lists them):",
                "nog te kiezen (beide waarden staan in het bestand; `paraat check` somt ze op):"
            ),
            done.conflicted.join(", ")
        );
        return Ok(ExitCode::from(EXIT_FINDINGS));
    }
    let next = match done.operation {
        Some(Operation::Merge) => Some("git commit"),
        Some(Operation::Rebase) => Some("git rebase --continue"),
        Some(Operation::CherryPick) => Some("git cherry-pick --continue"),
        Some(Operation::Revert) => Some("git revert --continue"),
        None => None,
    };
    match next {
        Some(next) => out!(
            "{}",
            say!(
                lang,
                "nothing left to resolve: run `{next}`",
                "niets meer op te lossen: voer `{next}` uit"
            )
        ),
        None => out!("{}", pick(lang, "nothing to resolve", "niets op te lossen")),
    }
    Ok(ExitCode::from(EXIT_OK))
}
