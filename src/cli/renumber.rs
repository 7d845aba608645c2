//! `paraat renumber R-017 R-018`: give a record a new id by hand, with every
//! reference to it in every file following.
//!
//! The change is one [`crate::model::edit::Edit::Renumber`], the same one the
//! terminal UI applies (and can undo). When a text merge left two records with one
//! id, the later of the two is renumbered and references stay with the first:
//! which of them a reference meant cannot be told, so the command lists them.

use std::process::ExitCode;

use super::{Cli, CliError, EXIT_OK};
use crate::model::Id;
use crate::model::bilingual::{pick, say};
use crate::model::edit::Edit;
use crate::model::ops::renumber;
use crate::sanitize::sanitize_line;
use crate::store::OpenError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The record's id now (for example R-017)
    pub from: String,
    /// The id it gets (for example R-018); must be free
    pub to: String,
    #[command(flatten)]
    pub dry_run: super::edits::DryRun,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let opened = args.dry_run.open(&dir);
    let mut loaded = opened.map_err(|e| match e {
        OpenError::Load(e) => CliError::Load(e),
        OpenError::Locked(e) => CliError::message(e.to_string()),
    })?;
    let lang = loaded.workbook.language();
    let edit = renumber(&loaded.workbook, &args.from, &args.to)
        .map_err(|e| CliError::message(e.message(lang)))?;
    let Edit::Renumber {
        kind, references, ..
    } = &edit
    else {
        return Err(CliError::message("unexpected edit"));
    };
    let (kind, references) = (*kind, *references);
    let from = Id::from(args.from.as_str());
    let mut workbook = loaded.workbook.clone();
    edit.apply(&mut workbook)
        .map_err(|e| CliError::message(e.to_string()))?;
    if args.dry_run.dry_run {
        let (from, to) = (sanitize_line(&args.from), sanitize_line(&args.to));
        out!(
            "{}",
            say!(
                lang,
                "Dry run: {from} would become {to}, with every reference to it; nothing was changed.",
                "Proefdraai: {from} zou {to} worden, met elke verwijzing ernaar; er is niets veranderd."
            )
        );
        return Ok(ExitCode::from(EXIT_OK));
    }
    let report = super::save(&mut loaded.store, &workbook, lang)?;
    tell!(
        "{}",
        say!(
            lang,
            "renumbered {} → {}",
            "{} → {} hernummerd",
            args.from,
            args.to
        )
    );
    for file in &report.written {
        tell!(
            "  {} {}",
            pick(lang, "wrote", "schreef"),
            sanitize_line(file)
        );
    }
    if !references {
        let mut referring = Vec::new();
        let mut copy = workbook.clone();
        copy.references_mut(&mut |k, id| {
            if k == kind && *id == from {
                referring.push(id.clone());
            }
        });
        out!(
            "{}",
            say!(
                lang,
                "{} was used by more than one record; references to it ({}) still point at the first: change the ones meant for {} by hand",
                "{} werd door meer dan één record gebruikt; verwijzingen ernaar ({}) wijzen nog naar het eerste: pas die voor {} met de hand aan",
                args.from,
                referring.len(),
                args.to
            )
        );
    }
    Ok(ExitCode::from(EXIT_OK))
}
