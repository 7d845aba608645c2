//! `paraat fmt`: rewrite every file in canonical form; `--check` lists the ones
//! that are not (for CI) and `--diff` (or `--dry-run`) shows what would change
//! in them as a unified diff, both without writing. This is the one command that rewrites
//! files whose records did not change: every other save leaves them alone.

use std::path::Path;
use std::process::ExitCode;

use super::{Cli, CliError, EXIT_FINDINGS, EXIT_OK};
use crate::model::bilingual::{pick, say};
use crate::store::{OpenError, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only list the files that are not canonical; exit 1 if there are any
    #[arg(long)]
    pub check: bool,
    /// Show what `paraat fmt` would change, as a unified diff, and write nothing;
    /// exit 1 if anything would change
    #[arg(long, visible_alias = "dry-run")]
    pub diff: bool,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    if args.diff {
        return diff(&dir);
    }
    if args.check {
        let loaded = Store::load(&dir)?;
        let files = loaded
            .store
            .non_canonical(&loaded.workbook)
            .map_err(|e| CliError::message(e.to_string()))?;
        let lang = loaded.workbook.language();
        for file in &files {
            out!(
                "{}",
                say!(
                    lang,
                    "{file}: not in canonical form (run `paraat fmt`)",
                    "{file}: niet in de standaardvorm (voer `paraat fmt` uit)"
                )
            );
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
    let lang = loaded.workbook.language();
    let report = loaded
        .store
        .save_canonical(&loaded.workbook, &|file| {
            note!(
                "{}",
                say!(
                    lang,
                    "paraat: waiting for another writer of {file} to finish…",
                    "paraat: wacht tot een andere schrijver van {file} klaar is…"
                )
            );
        })
        .map_err(|e| CliError::message(e.to_string()))?;
    if report.written.is_empty() {
        tell!(
            "{}",
            pick(
                lang,
                "every file is already in canonical form",
                "elk bestand staat al in de standaardvorm"
            )
        );
    }
    for file in &report.written {
        tell!(
            "{}",
            say!(
                lang,
                "{file}: rewritten in canonical form",
                "{file}: herschreven in de standaardvorm"
            )
        );
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// `fmt --diff`: each file that is not canonical against what `fmt` would write.
fn diff(dir: &Path) -> Result<ExitCode, CliError> {
    let loaded = Store::load(dir)?;
    let files = loaded
        .store
        .non_canonical_files(&loaded.workbook)
        .map_err(|e| CliError::message(e.to_string()))?;
    for file in &files {
        let bytes = loaded
            .store
            .read_on_disk(&file.path)
            .map_err(|e| CliError::message(e.to_string()))?
            .unwrap_or_default();
        let now = String::from_utf8_lossy(&bytes);
        let text = similar::TextDiff::from_lines(now.as_ref(), file.text.as_str())
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{}", file.path), &format!("b/{}", file.path))
            .to_string();
        put!("{text}");
    }
    Ok(ExitCode::from(if files.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }))
}
