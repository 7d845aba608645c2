//! What `paraat answer`, `paraat set` and `paraat log-restore` share: the
//! workbook opened for editing, the operation's edit shown as `paraat diff`
//! shows changes, then applied and saved (or, with `--dry-run`, only shown).
//!
//! The edit itself is built by a workbook operation in `model::ops`, the same
//! one the terminal UI's keys and forms use, so a value the form refuses is
//! refused here with the form's words.

use std::process::ExitCode;

use super::{Cli, CliError, EXIT_OK};
use crate::changes::compare;
use crate::changes::render::{self, Versions};
use crate::model::bilingual::{pick, say};
use crate::model::edit::Edit;
use crate::model::ops::OpError;
use crate::model::{Date, Workbook};
use crate::sanitize::sanitize_line;
use crate::store::{OpenError, Store};

/// `--dry-run`, for every command that writes.
#[derive(Debug, Default, Clone, Copy, clap::Args)]
pub struct DryRun {
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl DryRun {
    /// The workbook opened for editing (its lock taken), or for a dry run only
    /// loaded: a dry run changes nothing, so it need not wait for another editor.
    pub fn open(self, dir: &std::path::Path) -> Result<crate::store::Loaded, OpenError> {
        if self.dry_run {
            Store::load(dir).map_err(OpenError::Load)
        } else {
            Store::open_for_editing(dir)
        }
    }
}

/// Builds the edit with `build` on the workbook, shows it, and saves it unless
/// this is a dry run. Nothing to change is not an error.
pub fn run(
    cli: &Cli,
    dry_run: DryRun,
    build: impl FnOnce(&Workbook, Date) -> Result<Option<Edit>, OpError>,
) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let mut loaded = match dry_run.open(&dir) {
        Ok(loaded) => loaded,
        Err(OpenError::Load(e)) => return Err(e.into()),
        Err(OpenError::Locked(e)) => {
            return Err(CliError::message(say!(
                super::git::language_of(&dir),
                "cannot change the workbook: {e}; nothing was changed",
                "kan het werkboek niet wijzigen: {e}; er is niets veranderd"
            )));
        }
    };
    let lang = loaded.workbook.language();
    let today = cli.today();
    let edit = build(&loaded.workbook, today)
        .map_err(|e| CliError::message(sanitize_line(&e.message(lang))))?;
    let Some(edit) = edit else {
        put!(
            "{}",
            pick(
                lang,
                "Nothing to change: the workbook already says so.\n",
                "Niets te veranderen: het werkboek zegt dit al.\n",
            )
        );
        return Ok(ExitCode::from(EXIT_OK));
    };
    let mut changed = loaded.workbook.clone();
    edit.apply(&mut changed)
        .map_err(|e| CliError::message(e.to_string()))?;
    let changes = compare(&loaded.workbook, &changed, today);
    let versions = Versions {
        from: pick(lang, "the workbook as it is", "het werkboek zoals het is"),
        to: pick(
            lang,
            "the workbook with this change",
            "het werkboek met deze wijziging",
        ),
    };
    put!(
        "{}",
        &render::text(&changes, &loaded.workbook, &changed, &versions, lang,)
    );
    if dry_run.dry_run {
        put!(
            "{}",
            pick(
                lang,
                "\nDry run: nothing was changed. Run without --dry-run to make this change.\n",
                "\nProefdraai: er is niets veranderd. Voer uit zonder --dry-run om dit door te voeren.\n",
            )
        );
        return Ok(ExitCode::from(EXIT_OK));
    }
    let report = super::save(&mut loaded.store, &changed, lang)?;
    let written = report.written.join(", ");
    tell!(
        "\n{}",
        say!(lang, "Saved {written}.", "{written} opgeslagen.")
    );
    if let Some(note) = super::normalised(&report, lang) {
        note!("{note}");
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// Reads `field=value` words.
pub fn assignments(words: &[String]) -> Result<Vec<(String, String)>, CliError> {
    words
        .iter()
        .map(|word| {
            word.split_once('=')
                .map(|(name, value)| (name.trim().to_owned(), value.to_owned()))
                .ok_or_else(|| {
                    CliError::message(format!(
                        "`{}` is not field=value (for example likelihood=2)",
                        sanitize_line(word)
                    ))
                })
        })
        .collect()
}
