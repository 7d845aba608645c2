//! `paraat templates update [--dry-run] [--pack PATH]`: bring the workbook up to the
//! built-in template pack, or to a pack a sector body ships.
//!
//! The change is built by the workbook operation `model::ops::templates::update`
//! and applied like every other operation's edit, then saved under the workbook's
//! edit lock. It is shown first as `paraat diff` shows changes (the `changes`
//! engine, comparing the workbook with the edit applied), so a `--dry-run` shows
//! exactly what a real run would do.

use std::path::PathBuf;
use std::process::ExitCode;

use super::compare::file_error;
use super::{Cli, CliError, EXIT_OK, shown};
use crate::changes::compare;
use crate::changes::render::{self, Versions};
use crate::model::bilingual::{pick, say};
use crate::model::ops::templates::update;
use crate::model::pack::{BUILTIN_PACK, TemplatePack};
use crate::sanitize::sanitize_line;
use crate::store::{OpenError, outside, templates};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Bring new and improved template items into the workbook, without touching
    /// its answers, notes, status, owners or links
    Update(UpdateArgs),
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// A template pack file from your sector body (default: the pack built into
    /// this paraat, in the workbook's language)
    #[arg(long, value_name = "PATH")]
    pub pack: Option<PathBuf>,
}

pub fn run(cli: &Cli, command: &Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Update(args) => run_update(cli, args),
    }
}

fn run_update(cli: &Cli, args: &UpdateArgs) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let dry_run = super::edits::DryRun {
        dry_run: args.dry_run,
    };
    let mut loaded = match dry_run.open(&dir) {
        Ok(loaded) => loaded,
        Err(OpenError::Load(e)) => return Err(e.into()),
        Err(OpenError::Locked(e)) => {
            return Err(CliError::message(say!(
                super::git::language_of(&dir),
                "cannot update the templates: {e}; nothing was changed",
                "kan de sjablonen niet bijwerken: het werkboek is elders geopend om te bewerken ({e}); er is niets veranderd"
            )));
        }
    };
    let lang = loaded.workbook.language();
    let pack: TemplatePack = match &args.pack {
        Some(path) => outside::read_pack(path, &shown(path)).map_err(file_error)?,
        None => templates::builtin_pack(lang).map_err(file_error)?,
    };
    let result = update(&loaded.workbook, &pack)
        .map_err(|e| CliError::message(sanitize_line(&e.message(lang))))?;
    let version = pack.version;
    let name = if pack.id == BUILTIN_PACK {
        say!(
            lang,
            "the built-in templates (version {version})",
            "de ingebouwde sjablonen (versie {version})"
        )
    } else {
        let id = sanitize_line(&pack.id);
        say!(
            lang,
            "pack \"{id}\" version {version}",
            "pakket \"{id}\" versie {version}"
        )
    };
    let mut out = String::new();
    for (step, phase) in &result.missing_phases {
        let step = sanitize_line(step.as_str());
        out.push_str(&say!(
            lang,
            "not added: {step} belongs to phase {phase}, which your plan does not have (add the phase to take it)\n",
            "niet toegevoegd: {step} hoort bij fase {phase}, die je plan niet heeft (voeg de fase toe om hem te krijgen)\n"
        ));
    }
    if result.is_empty() {
        out.insert_str(
            0,
            &say!(
                lang,
                "The workbook is up to date with {name}; nothing to change.\n",
                "Het werkboek is bij met {name}; er is niets te veranderen.\n"
            ),
        );
        super::print_out(&out);
        return Ok(ExitCode::from(EXIT_OK));
    }
    // Shown as `paraat diff` shows changes: the workbook now against the workbook
    // with the update applied.
    let edit = result.edit();
    let mut updated = loaded.workbook.clone();
    edit.apply(&mut updated)
        .map_err(|e| CliError::message(e.to_string()))?;
    let changes = compare(&loaded.workbook, &updated, cli.today());
    let from = pick(lang, "the workbook", "het werkboek");
    let versions = Versions { from, to: &name };
    let mut text = render::text(&changes, &loaded.workbook, &updated, &versions, lang);
    text.push_str(&out);
    super::print_out(&text);
    if args.dry_run {
        super::print_out(pick(
            lang,
            "\nDry run: nothing was changed. Run without --dry-run to make these changes.\n",
            "\nProefdraai: er is niets veranderd. Voer uit zonder --dry-run om dit door te voeren.\n",
        ));
        return Ok(ExitCode::from(EXIT_OK));
    }
    let before = loaded
        .store
        .non_canonical(&loaded.workbook)
        .map_err(|e| CliError::message(e.to_string()))?;
    let report = super::save(&mut loaded.store, &updated, lang)?;
    let written = report.written.join(", ");
    tell!(
        "\n{}",
        say!(
            lang,
            "Saved {written}. Review it with `git diff`.",
            "{written} opgeslagen. Bekijk het met `git diff`."
        )
    );
    if !before.is_empty() {
        let files = before.join(", ");
        super::print_out(&say!(
            lang,
            "{files}: edited by hand before, now rewritten in canonical form (comments are not kept).\n",
            "{files}: eerder met de hand bewerkt, nu herschreven in de standaardvorm (commentaar blijft niet bewaard).\n"
        ));
    }
    Ok(ExitCode::from(EXIT_OK))
}
