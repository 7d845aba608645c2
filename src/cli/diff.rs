//! `paraat diff [REV | REV..REV]`: what changed, in record terms.
//!
//! Without a revision it compares the working tree with `HEAD`; with one, the
//! working tree with that revision; with `A..B`, the two revisions (`A..` means
//! `A..HEAD`). The words follow the workbook's language. `--format md` is a pull
//! request summary and `--format json` the structure in `docs/diff-json.md`.
//! Private details never appear: they are not part of what is compared.

use std::process::ExitCode;

use super::{Cli, CliError, EXIT_OK};
use crate::changes::{compare, render};
use crate::git::Repo;
use crate::model::{Language, Workbook};
use crate::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// What to compare: REV (the working tree against it) or REV..REV (default: HEAD)
    pub range: Option<String>,
    /// Compare what is staged with HEAD (what `git commit` would record)
    #[arg(long, conflicts_with = "range")]
    pub staged: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people; one line per change
    Text,
    /// A pull request summary
    Md,
    /// A stable structure for tools (see docs/diff-json.md)
    Json,
}

/// One side of the comparison.
enum Side {
    WorkingTree,
    Staged,
    Rev(String),
}

fn words(side: &Side, lang: Language) -> String {
    match (side, lang) {
        (Side::WorkingTree, Language::En) => "the working tree".to_owned(),
        (Side::WorkingTree, Language::Nl) => "de werkmap".to_owned(),
        (Side::Staged, Language::En) => "the index".to_owned(),
        (Side::Staged, Language::Nl) => "de index".to_owned(),
        (Side::Rev(rev), _) => rev.clone(),
    }
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let lang = super::git::language_of(&dir);
    let repo = Repo::find(&dir).ok_or_else(|| {
        CliError::message(match lang {
            Language::En => format!(
                "{} is not in a git repository, so there is nothing to compare with",
                dir.display()
            ),
            Language::Nl => format!(
                "{} staat niet in een git-repository, dus er is niets om mee te vergelijken",
                dir.display()
            ),
        })
    })?;
    let (from, to) = match (&args.range, args.staged) {
        (_, true) => (Side::Rev("HEAD".to_owned()), Side::Staged),
        (None, false) => (Side::Rev("HEAD".to_owned()), Side::WorkingTree),
        (Some(range), false) => match range.split_once("..") {
            Some((a, b)) => {
                let a = if a.is_empty() { "HEAD" } else { a };
                let b = if b.is_empty() { "HEAD" } else { b };
                (Side::Rev(a.to_owned()), Side::Rev(b.to_owned()))
            }
            None => (Side::Rev(range.clone()), Side::WorkingTree),
        },
    };
    let load = |side: &Side| -> Result<Workbook, CliError> {
        match side {
            Side::WorkingTree => Ok(Store::load(&dir)?.workbook),
            Side::Staged => repo
                .staged_workbook()
                .map_err(|e| CliError::message(e.to_string())),
            Side::Rev(rev) => {
                if repo.commit(rev).is_none() {
                    return Err(CliError::message(match lang {
                        Language::En => format!("`{rev}` does not name a commit"),
                        Language::Nl => format!("`{rev}` is geen commit"),
                    }));
                }
                repo.workbook_at(rev)
                    .map_err(|e| CliError::message(e.to_string()))
            }
        }
    };
    let old = load(&from)?;
    let new = load(&to)?;
    let lang = new.language();
    let changes = compare(&old, &new, cli.today());
    let (from, to) = (words(&from, lang), words(&to, lang));
    let versions = render::Versions {
        from: &from,
        to: &to,
    };
    let out = match args.format {
        Format::Text => render::text(&changes, &old, &new, &versions, lang),
        Format::Md => render::markdown(&changes, &old, &new, &versions, lang),
        Format::Json => render::json(&changes, &old, &new, &versions, lang) + "\n",
    };
    put!("{out}");
    Ok(ExitCode::from(EXIT_OK))
}
