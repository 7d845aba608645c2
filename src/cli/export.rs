//! `paraat export`: the offline incident pack (HTML, Markdown, the emergency card)
//! or the registers as CSV. What goes in it is `crate::export`'s business; this
//! file reads the flags, takes "now" at the edge and says where the files went.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Cli, CliError, EXIT_OK, shown};
use crate::export::{self, ExportFormat, ExportOptions};
use crate::model::Language;
use crate::model::bilingual::pick;
use crate::model::bilingual::say;
use crate::sanitize::sanitize_line;
use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// What to write: one HTML file, one Markdown file, or a folder of CSV files
    #[arg(long, value_enum, default_value_t = Format::Html)]
    pub format: Format,
    /// Where to write it, `-` for standard output (default: readiness.html,
    /// readiness.md, emergency-card.html or .md with --card, and the folder
    /// readiness-csv for csv)
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Only the emergency card, on one A4 page (a wallet or desk copy)
    #[arg(long)]
    pub card: bool,
    /// Leave out private details (everything from private/, personal phone numbers)
    /// for copies shared wider than the crisis team
    #[arg(long)]
    pub redact: bool,
    #[command(flatten)]
    pub dry_run: super::edits::DryRun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One self-contained HTML file, for printing and phones
    Html,
    /// Markdown, for git hosting sites
    #[value(name = "md", alias = "markdown")]
    Markdown,
    /// One CSV file per register, for spreadsheets
    Csv,
}

impl From<Format> for ExportFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Html => ExportFormat::Html,
            Format::Markdown => ExportFormat::Markdown,
            Format::Csv => ExportFormat::Csv,
        }
    }
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    // The emergency card is made from whatever loads: a broken register must not
    // keep the call order from being printed. Everything else needs all of it.
    let partial = Store::load_partial(&dir)?;
    if !args.card
        && let Some(error) = partial.error()
    {
        return Err(error.into());
    }
    let missing: Vec<String> = partial.failed.iter().map(|e| e.file().to_owned()).collect();
    let workbook = &partial.workbook;
    let lang = workbook.language();
    for error in &partial.failed {
        note!(
            "{}",
            say!(
                lang,
                "paraat: warning: {error}",
                "paraat: waarschuwing: {error}"
            )
        );
    }
    let format = ExportFormat::from(args.format);
    // The stamp's moment: `--now` / `PARAAT_NOW` for reproducible output, else the clock.
    let now = cli.now();
    let options = ExportOptions {
        format,
        card_only: args.card,
        redact: args.redact,
        output: args
            .output
            .clone()
            .unwrap_or_else(|| format.default_output(args.card)),
    };
    if args.dry_run.dry_run {
        // Made in full (so every refusal is the real one), then not written.
        if format != ExportFormat::Csv {
            export::render_partial(workbook, &missing, &dir, cli.today(), now, &options)
                .map_err(|e| CliError::message(e.to_string()))?;
        }
        let to = sanitize_line(&shown(&options.output));
        out!(
            "{}",
            say!(
                lang,
                "Dry run: would write to {to}; nothing was written.",
                "Proefdraai: zou schrijven naar {to}; er is niets geschreven."
            )
        );
        return Ok(ExitCode::from(EXIT_OK));
    }
    if super::is_stdout(&options.output) {
        let text = export::render_partial(workbook, &missing, &dir, cli.today(), now, &options)
            .map_err(|e| CliError::message(e.to_string()))?;
        super::data_out(&text);
        return Ok(ExitCode::from(EXIT_OK));
    }
    let written = export::write_partial(workbook, &missing, &dir, cli.today(), now, &options)
        .map_err(|e| CliError::message(e.to_string()))?;

    let what = match (format, args.card, lang) {
        (ExportFormat::Csv, _, Language::En) => "the registers as CSV",
        (ExportFormat::Csv, _, Language::Nl) => "de registers als CSV",
        (_, true, Language::En) => "the emergency card",
        (_, true, Language::Nl) => "de noodkaart",
        (_, false, Language::En) => "the offline incident pack",
        (_, false, Language::Nl) => "de offline incidentmap",
    };
    let holds_private = !args.redact && export::pack::holds_private(workbook);
    let private = match (args.redact, holds_private, lang) {
        (true, _, Language::En) => "redacted: no private details",
        (true, _, Language::Nl) => "geschoond: zonder privégegevens",
        (false, true, Language::En) => "with private details: keep it within the crisis team",
        (false, true, Language::Nl) => "met privégegevens: houd het binnen het crisisteam",
        (false, false, Language::En) => "no private details: the workbook has none",
        (false, false, Language::Nl) => "zonder privégegevens: het werkboek heeft er geen",
    };
    let (wrote, to) = pick(lang, ("Wrote", "to"), ("Geschreven:", "naar"));
    if format == ExportFormat::Csv {
        let names: Vec<String> = written
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        tell!(
            "{wrote} {what} ({private}) {to} {}: {}",
            sanitize_line(&shown(&options.output)),
            names.join(", ")
        );
    } else {
        for path in &written {
            tell!(
                "{wrote} {what} ({private}) {to} {}",
                sanitize_line(&shown(path))
            );
        }
    }
    if holds_private {
        let target = if format == ExportFormat::Csv {
            options.output.clone()
        } else {
            written.first().cloned().unwrap_or_default()
        };
        if export::would_be_committed(&target) == Some(true) {
            let place = sanitize_line(&shown(&target));
            note!(
                "{}",
                say!(
                    lang,
                    "note: {place} holds private details and lies in a git working tree that does not ignore it; do not commit it (add it to .gitignore), or export with --redact",
                    "let op: {place} bevat privégegevens en staat in een git-map die het niet negeert; commit het niet (zet het in .gitignore), of exporteer met --redact"
                )
            );
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}
