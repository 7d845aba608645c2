//! `paraat share`: the anonymous readiness summary a member sends to its sector
//! body. `--dry-run` prints exactly what would be written; nothing else is sent
//! anywhere (paraat never sends anything itself).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::compare::file_error;
use super::{Cli, CliError, EXIT_OK, json, shown};
use crate::model::bilingual::say;
use crate::review;
use crate::sector::share::summary;
use crate::store::{Store, templates};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// Where to write it, `-` for standard output (default:
    /// paraat-share-YYYY-MM-DD.json in the current folder)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print exactly what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let today = cli.today();
    let loaded = Store::load(&dir)?;
    let workbook = &loaded.workbook;
    let findings = review::review(workbook, today);
    let catalogue = templates::catalogue().map_err(file_error)?;
    let file = summary(workbook, &findings, today, &catalogue);
    let text = json::to_text(&file)?;
    if args.dry_run {
        super::print_out(&text);
        return Ok(ExitCode::from(EXIT_OK));
    }
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("paraat-share-{today}.json")));
    write(&path, &text)?;
    if super::is_stdout(&path) {
        return Ok(ExitCode::from(EXIT_OK));
    }
    let name = crate::sanitize::sanitize_line(&shown(&path));
    let listed = file.suppliers.len();
    let message = say!(
        workbook.language(),
        "Wrote {name}: the anonymous summary to send to your sector body.\n\
It holds your kind and size band, scores, counts, finding codes, days since your last exercise, review and restore test, and {listed} catalogue supplier ids; no names, numbers, addresses or notes.\n\
`paraat share --dry-run` prints exactly what it holds.\n",
        "{name} geschreven: de anonieme samenvatting voor je koepel of sectororganisatie.\n\
Erin staan je soort en grootteklasse, scores, aantallen, codes van bevindingen, dagen sinds je laatste oefening, herziening en hersteltest, en {listed} id's uit de leverancierscatalogus; geen namen, nummers, adressen of notities.\n\
`paraat share --dry-run` toont precies wat erin staat.\n"
    );
    tell!("{}", message.trim_end());
    Ok(ExitCode::from(EXIT_OK))
}

/// Writes `text` to `path` atomically (relative paths from the current folder);
/// `-` is standard output.
pub fn write(path: &Path, text: &str) -> Result<(), CliError> {
    if super::is_stdout(path) {
        super::data_out(text);
        return Ok(());
    }
    let fail = |e: std::io::Error| {
        CliError::message(format!(
            "{}: {e}",
            crate::sanitize::sanitize_line(&shown(path))
        ))
    };
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(fail)?.join(path)
    };
    crate::store::atomic::write_atomic(&full, text.as_bytes(), false).map_err(fail)
}
