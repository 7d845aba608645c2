//! `paraat fmt`: rewrite every file in canonical form; `--check` lists the ones
//! that are not (for CI) and `--diff` (or `--dry-run`) shows what would change
//! in them as a unified diff, both without writing. This is the one command that rewrites
//! files whose records did not change: every other save leaves them alone.

use std::path::Path;
use std::process::ExitCode;

use super::{Cli, CliError, EXIT_FINDINGS, EXIT_OK};
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
        tell!("every file is already in canonical form");
    }
    for file in &report.written {
        tell!("{file}: rewritten in canonical form");
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
