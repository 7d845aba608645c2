//! `paraat sector PATH…`: many share files (or workbook folders) rolled into the
//! sector report, as one offline HTML file or as JSON.
//!
//! A path may be a share file, a folder of share files (`*.json` directly in it),
//! or a workbook folder, which is summarised on the spot as `paraat share` would.
//! A file that cannot be read is named on standard error and left out; the report
//! is made from the rest and the exit code is then 1.

use std::path::PathBuf;
use std::process::ExitCode;

use super::compare::file_error;
use super::{Cli, CliError, EXIT_FINDINGS, EXIT_OK, json, shown};
use crate::model::Language;
use crate::model::bilingual::{pick, say};
use crate::sector::files::{Collected, collect};
use crate::sector::report::roll_up;
use crate::store::templates;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// Share files, folders of share files, or workbook folders
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Where to write the report, `-` for standard output (default:
    /// sector-report.html; JSON goes to standard output unless -o is given)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub dry_run: super::edits::DryRun,
    /// The report's format
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// The language of the HTML report: en or nl
    #[arg(long, default_value = "en", value_parser = parse_language)]
    pub lang: Language,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One offline HTML file with SVG charts
    Html,
    /// The report for tools, and for `paraat status --compare` (see docs/json.md)
    Json,
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::from_code(text)
        .ok_or_else(|| format!("`{text}` is not a language paraat has; use en or nl"))
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let today = cli.today();
    let catalogue = templates::catalogue().map_err(file_error)?;
    let Collected { files, problems } = collect(&args.paths, today, &catalogue);
    let lang = args.lang;
    for problem in &problems {
        note!(
            "{}",
            say!(
                lang,
                "paraat: left out: {problem}",
                "paraat: weggelaten: {problem}"
            )
        );
    }
    if files.is_empty() {
        return Err(CliError::message(pick(
            lang,
            "no share file could be read; give share files (paraat share writes them), folders of them, or workbook folders",
            "er kon geen deelbestand worden gelezen; geef deelbestanden (paraat share maakt ze), mappen daarvan, of werkboekmappen",
        )));
    }
    let report = roll_up(&files, &catalogue, today);
    match args.format {
        ReportFormat::Json => {
            let text = json::to_text(&report)?;
            match &args.output {
                Some(path) if !args.dry_run.dry_run => super::share::write(path, &text)?,
                // A dry run shows what would be written.
                _ => super::print_out(&text),
            }
        }
        ReportFormat::Html => {
            let path = args
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from("sector-report.html"));
            let html = crate::sector::html::render(&report, args.lang);
            if args.dry_run.dry_run {
                let to = shown(&path);
                out!(
                    "{}",
                    say!(
                        lang,
                        "Dry run: would write the report to {to}; nothing was written.",
                        "Proefdraai: zou het rapport schrijven naar {to}; er is niets geschreven."
                    )
                );
                return Ok(ExitCode::from(EXIT_OK));
            }
            super::share::write(&path, &html)?;
            if super::is_stdout(&path) {
                return Ok(ExitCode::from(if problems.is_empty() {
                    EXIT_OK
                } else {
                    EXIT_FINDINGS
                }));
            }
            let (name, count) = (shown(&path), files.len());
            let members = report.members.map_or_else(
                || pick(lang, "fewer than 5", "minder dan 5").to_owned(),
                |n| n.to_string(),
            );
            let period = &report.period;
            note!(
                "{}",
                say!(
                    lang,
                    "Wrote {name} from {count} share files ({members} in {period}).",
                    "{name} geschreven uit {count} deelbestanden ({members} in {period})."
                )
            );
        }
    }
    Ok(ExitCode::from(if problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }))
}
