//! `paraat import csv`: an existing spreadsheet register (risks, contacts) into the
//! workbook. The checking lives in `crate::import`; this file reads the
//! files, shows what would be added, and saves through the store (lock, conflict
//! check, atomic write) unless it is a dry run.

use crate::model::bilingual::{pick, say};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgGroup, Subcommand};

use super::{Cli, CliError, EXIT_OK, shown};
use crate::import::{self, CsvInput, ImportPlan};
use crate::model::labels::Label;
use crate::model::ops;
use crate::model::{Language, Workbook};
use crate::sanitize::sanitize_line;
use crate::store::{OpenError, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub source: Source,
}

#[derive(Debug, Subcommand)]
pub enum Source {
    /// Add risks and/or contacts from CSV files (English or Dutch column names)
    Csv(CsvArgs),
}

#[derive(Debug, clap::Args)]
#[command(group(ArgGroup::new("register").required(true).multiple(true).args(["risks", "contacts"])))]
pub struct CsvArgs {
    /// A risk register: columns such as Title/Titel, Likelihood/Kans, Impact, Owner/Eigenaar
    #[arg(long, value_name = "FILE")]
    pub risks: Option<PathBuf>,
    /// A contact list: columns such as Name/Naam, Phone/Telefoon, E-mail, Role/Rol, Organisation/Organisatie
    #[arg(long, value_name = "FILE")]
    pub contacts: Option<PathBuf>,
    /// Show what would be added without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

/// The file's name as shown to the user, and its bytes. A file that lives in the
/// workbook is read by the workbook's rules (no link out of it, no FIFO, capped).
fn read(root: &Path, path: &Path) -> Result<(String, Vec<u8>), CliError> {
    let name = shown(path);
    match crate::store::disk::read_named(root, path, &name) {
        Ok(bytes) => Ok((name, bytes)),
        Err(e) => Err(CliError::message(e.to_string())),
    }
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let Source::Csv(args) = &args.source;
    let dir = cli.workbook_dir()?;
    let contacts = args
        .contacts
        .as_deref()
        .map(|p| read(&dir, p))
        .transpose()?;
    let risks = args.risks.as_deref().map(|p| read(&dir, p)).transpose()?;
    let mut loaded = if args.dry_run {
        Store::load(&dir)?
    } else {
        Store::open_for_editing(&dir).map_err(|e| match e {
            OpenError::Load(e) => CliError::Load(e),
            OpenError::Locked(e) => CliError::message(e.to_string()),
        })?
    };
    let lang = loaded.workbook.language();
    let plan = import::plan(
        &loaded.workbook,
        contacts
            .as_ref()
            .map(|(name, bytes)| CsvInput { name, bytes }),
        risks.as_ref().map(|(name, bytes)| CsvInput { name, bytes }),
    );
    let plan = match plan {
        Ok(plan) => plan,
        Err(errors) => {
            for error in &errors {
                note!("{}", sanitize_line(&error.to_string()));
            }
            return Err(CliError::message(pick(
                lang,
                format!(
                    "nothing was imported: {} {}; correct the file and run the import again",
                    errors.len(),
                    if errors.len() == 1 {
                        "problem"
                    } else {
                        "problems"
                    }
                ),
                format!(
                    "er is niets ingelezen: {} {}; verbeter het bestand en lees het opnieuw in",
                    errors.len(),
                    if errors.len() == 1 {
                        "probleem"
                    } else {
                        "problemen"
                    }
                ),
            )));
        }
    };
    print_preview(&loaded.workbook, &plan, args.dry_run);
    if args.dry_run {
        out!(
            "{}",
            pick(
                lang,
                "Dry run: nothing was written.",
                "Proefrun: er is niets geschreven."
            )
        );
        return Ok(ExitCode::from(EXIT_OK));
    }
    if plan.contacts.is_empty() && plan.risks.is_empty() {
        out!(
            "{}",
            pick(
                lang,
                "Nothing to add: the files have no rows.",
                "Niets toe te voegen: de bestanden hebben geen rijen."
            )
        );
        return Ok(ExitCode::from(EXIT_OK));
    }
    let mut workbook = loaded.workbook.clone();
    if let Some(edit) = ops::import::add_imported(&workbook, &plan.contacts, &plan.risks) {
        edit.apply(&mut workbook)
            .map_err(|e| CliError::message(e.to_string()))?;
    }
    let report = super::save(&mut loaded.store, &workbook, lang)?;
    tell!(
        "{}",
        say!(
            lang,
            "Saved: {}.",
            "Opgeslagen: {}.",
            report.written.join(", ")
        )
    );
    if let Some(note) = super::normalised(&report, lang) {
        out!("{note}");
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn print_preview(workbook: &Workbook, plan: &ImportPlan, dry_run: bool) {
    let lang = workbook.language();
    let verb = match (dry_run, lang) {
        (true, Language::En) => "Would add",
        (true, Language::Nl) => "Zou toevoegen:",
        (false, Language::En) => "Adding",
        (false, Language::Nl) => "Toevoegen:",
    };
    let names = |id: &crate::model::Id| {
        workbook
            .contact(id.as_str())
            .or_else(|| plan.contacts.iter().find(|c| &c.id == id))
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    if !plan.contacts.is_empty() {
        let what = say!(lang, "{} contacts", "{} contacten", plan.contacts.len());
        out!("{verb} {what}:");
        for c in &plan.contacts {
            let mut line = format!("  {}  {}", c.id, c.name);
            let detail: Vec<&str> = [c.role.trim(), c.organisation.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            if !detail.is_empty() {
                line.push_str(&format!(" — {}", detail.join(", ")));
            }
            line.push_str(&format!(" ({})", c.kind.label(lang)));
            let phones = c.phones.len() + c.private.phones.len();
            line.push_str(&say!(
                lang,
                ", {phones} phone numbers",
                ", {phones} telefoonnummers"
            ));
            if !c.private.is_empty() {
                line.push_str(pick(
                    lang,
                    ", private details to private/contacts.ron",
                    ", privégegevens naar private/contacts.ron",
                ));
            }
            out!("{}", sanitize_line(&line));
        }
    }
    if !plan.risks.is_empty() {
        let what = say!(lang, "{} risks", "{} risico's", plan.risks.len());
        out!("{verb} {what}:");
        let scales = &workbook.manifest.risk_scales;
        for r in &plan.risks {
            let mut line = format!(
                "  {}  {} — {}×{} = {} {}",
                r.id,
                r.title,
                r.current.likelihood,
                r.current.impact,
                r.score(),
                r.level(scales).label(lang)
            );
            if let Some(owner) = &r.owner {
                line.push_str(&say!(
                    lang,
                    ", owner {} ({owner})",
                    ", eigenaar {} ({owner})",
                    names(owner)
                ));
            }
            out!("{}", sanitize_line(&line));
        }
    }
    for note in &plan.notes {
        out!("{}", sanitize_line(note));
    }
}
