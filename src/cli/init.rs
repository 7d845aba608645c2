//! `paraat init DIR`: a complete, valid workbook from the built-in templates.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Cli, CliError, EXIT_OK, shown};
use crate::model::bilingual::{pick, say};
use crate::model::labels::Label;
use crate::model::{Language, OrganisationKind};
use crate::store::templates;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create the workbook in (created if missing)
    pub dir: PathBuf,
    /// The organisation's name
    #[arg(long)]
    pub org: String,
    /// What kind of organisation it is; adds the checklist items, self-check
    /// statements and plan steps for that kind (docs/templates.md)
    #[arg(long, value_enum, default_value_t = Kind::Museum)]
    pub kind: Kind,
    /// The workbook's language: en or nl
    #[arg(long, value_parser = parse_language, default_value = "en")]
    pub lang: Language,
    #[command(flatten)]
    pub dry_run: super::edits::DryRun,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    Museum,
    Archive,
    Library,
    Heritage,
    Other,
}

impl From<Kind> for OrganisationKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Museum => OrganisationKind::Museum,
            Kind::Archive => OrganisationKind::Archive,
            Kind::Library => OrganisationKind::Library,
            Kind::Heritage => OrganisationKind::Heritage,
            Kind::Other => OrganisationKind::Other,
        }
    }
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::from_code(text)
        .ok_or_else(|| format!("`{text}` is not a language paraat has; use en or nl"))
}

pub fn run(_cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let org = args.org.trim();
    if org.is_empty() {
        return Err(CliError::message("--org needs the organisation's name"));
    }
    let kind = OrganisationKind::from(args.kind);
    if args.dry_run.dry_run {
        return dry_run(args, org, kind);
    }
    let created = templates::init(&args.dir, args.lang, org, kind)
        .map_err(|e| CliError::message(e.to_string()))?;
    let dir = shown(&args.dir);
    let in_git = super::git::setup_if_repository(&args.dir, args.lang);
    let kind = kind.label(args.lang);
    let files = created.len();
    let lang = args.lang;
    out!(
        "{}",
        say!(
            lang,
            "Created a workbook for {org} ({kind}) in {dir} ({files} files).",
            "Werkboek voor {org} ({kind}) aangemaakt in {dir} ({files} bestanden)."
        )
    );
    out!("\n{}", pick(lang, "Next steps:", "Volgende stappen:"));
    out!("  cd {dir}");
    let start = pick(
        lang,
        "Start the paraat workbook",
        "Start het paraat-werkboek",
    );
    if in_git {
        out!("  git add . && git commit -m \"{start}\"");
    } else {
        out!("  git init && paraat git setup && git add . && git commit -m \"{start}\"");
    }
    out!(
        "  paraat check      {}",
        pick(
            lang,
            "see what needs attention",
            "zie wat aandacht nodig heeft"
        )
    );
    out!(
        "  paraat            {}",
        pick(lang, "open the workbook", "open het werkboek")
    );
    out!(
        "\n{}",
        pick(
            lang,
            "Personal phone numbers go in private/ (kept out of git by .gitignore).",
            "Privételefoonnummers horen in private/ (buiten git gehouden door .gitignore)."
        )
    );
    Ok(ExitCode::from(EXIT_OK))
}

/// `init --dry-run`: the files a real run would create, made in a scratch
/// folder (so the list cannot differ from a real run) and listed.
fn dry_run(args: &Args, org: &str, kind: OrganisationKind) -> Result<ExitCode, CliError> {
    let lang = args.lang;
    if args.dir.join(crate::store::layout::MANIFEST).exists() {
        // The real run's refusal, in its words.
        let scratch_refusal = templates::init(&args.dir, lang, org, kind)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        return Err(CliError::message(scratch_refusal));
    }
    let scratch = tempfile::tempdir()
        .map_err(|e| CliError::message(format!("cannot create a scratch folder: {e}")))?;
    let created = templates::init(scratch.path(), lang, org, kind)
        .map_err(|e| CliError::message(e.to_string()))?;
    let dir = shown(&args.dir);
    let files = created.len();
    out!(
        "{}",
        say!(
            lang,
            "Dry run: a workbook for {org} would be created in {dir} ({files} files); nothing was written:",
            "Proefdraai: er zou een werkboek voor {org} komen in {dir} ({files} bestanden); er is niets geschreven:"
        )
    );
    for file in &created {
        out!("  {file}");
    }
    Ok(ExitCode::from(EXIT_OK))
}
