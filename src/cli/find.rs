//! `paraat find TEXT`: anyone from anywhere. Contacts, suppliers, systems and
//! processes that match, best first, each with the numbers to call (for a supplier
//! or a system, those of its incident contact). The search and its order are
//! `find::find`, the same as the terminal UI's find.

use std::io::Write;
use std::process::ExitCode;

use super::{Cli, CliError, EXIT_FINDINGS, EXIT_OK};
use crate::find;
use crate::model::Language;
use crate::model::bilingual::say;
use crate::sanitize::{sanitize_line, sanitize_text};
use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to look for: a name or part of one, an id, an organisation, a number
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let loaded = Store::load(&dir)?;
    let workbook = &loaded.workbook;
    let lang = workbook.language();
    let typed = args.text.join(" ");
    let hits = find::find(workbook, &typed);
    let mut out = anstream::stdout().lock();
    if hits.is_empty() {
        let typed = sanitize_line(&typed);
        let _ = writeln!(
            out,
            "{}",
            say!(
                lang,
                "Nothing found for \"{typed}\" in the contacts, suppliers, systems and processes.",
                "Niets gevonden voor \"{typed}\" in de contacten, leveranciers, systemen en processen."
            )
        );
        return Ok(ExitCode::from(EXIT_FINDINGS));
    }
    for hit in &hits {
        let _ = write!(out, "{}", sanitize_text(&hit_text(hit, lang)));
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// One hit as text: the record, then whom to call with the numbers.
pub fn hit_text(hit: &find::Hit, lang: Language) -> String {
    let noun = hit.record.kind.noun(lang);
    let mut text = format!("{} {} ({noun})", hit.record.id, hit.name);
    if !hit.about.is_empty() {
        text.push_str(&format!(" — {}", hit.about));
    }
    text.push('\n');
    if hit.callees.is_empty() {
        text.push_str(&format!(
            "    {}\n",
            find::call::nobody(hit.record.kind, lang)
        ));
    }
    for callee in &hit.callees {
        if let Some(heading) = callee.heading(lang) {
            text.push_str(&format!("    {heading}\n"));
        }
        text.push_str(&format!("    ☎ {}\n", callee.numbers_line(lang)));
        if let Some(line) = callee.out_of_band_line(lang) {
            text.push_str(&format!("    {line}\n"));
        }
    }
    text
}
