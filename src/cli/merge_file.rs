//! `paraat merge-file %O %A %B %P %S %X %Y`: the merge driver git runs for
//! `*.ron` files once `paraat git setup` has registered it.
//!
//! git's protocol: merge the three temporary files, leave the result in `%A`, exit
//! 0 when the merge is clean and 1 when git must see the file as conflicted. The
//! result is the workbook's canonical text; conflicts are written into it as data
//! ([`crate::model::conflict`]). A file that is not a workbook file, or does not
//! load on some side, is merged line by line by `git merge-file` instead (with
//! conflict markers where lines clash), so nothing is ever lost.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Cli, CliError};
use crate::git::driver::{Labels, Note, merge_file};
use crate::model::Language;
use crate::model::bilingual::{pick, say};
use crate::sanitize::sanitize_line;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The common ancestor's version (git's %O)
    pub base: PathBuf,
    /// Our version, where the result is written (git's %A)
    pub ours: PathBuf,
    /// Their version (git's %B)
    pub theirs: PathBuf,
    /// The file's path in the repository (git's %P)
    pub path: String,
    /// git's names for the ancestor, ours and theirs (%S %X %Y, git 2.44 and later)
    #[arg(num_args = 0..=3, allow_hyphen_values = true)]
    pub labels: Vec<String>,
    /// The conflict marker size for a line merge (git's %L)
    #[arg(long, default_value_t = 7)]
    pub marker_size: usize,
}

/// Exit code: merged cleanly.
const CLEAN: u8 = 0;
/// Exit code: git must see the file as conflicted.
const CONFLICTED: u8 = 1;

pub fn run(_cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let read = |p: &Path| {
        std::fs::read(p).map_err(|e| CliError::message(format!("cannot read {}: {e}", p.display())))
    };
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let mut labels = args.labels.iter().cloned().map(Some);
    let labels = Labels::new(
        labels.next().flatten(),
        labels.next().flatten(),
        labels.next().flatten(),
    );
    let top = std::env::current_dir().map_err(|e| CliError::message(e.to_string()))?;
    let lang = language_near(&top, &args.path);
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).ok();
    let outcome = match (text(&base), text(&ours), text(&theirs)) {
        (Some(b), Some(o), Some(t)) => merge_file(&top, &args.path, &b, &o, &t, &labels),
        _ => crate::git::driver::Outcome {
            text: None,
            conflicted: true,
            notes: vec![Note::LineMerge {
                file: args.path.clone(),
                reason: "a version is not UTF-8 text".to_owned(),
            }],
        },
    };
    for note in &outcome.notes {
        note!("paraat: {}", sanitize_line(&note_text(note, lang)));
    }
    match outcome.text {
        Some(text) => {
            std::fs::write(&args.ours, text)
                .map_err(|e| CliError::message(format!("cannot write the result: {e}")))?;
            Ok(ExitCode::from(if outcome.conflicted {
                CONFLICTED
            } else {
                CLEAN
            }))
        }
        None => line_merge(args, &labels),
    }
}

/// git's own line merge, into `%A`.
fn line_merge(args: &Args, labels: &Labels) -> Result<ExitCode, CliError> {
    let label =
        |l: &Option<String>, fallback: &str| l.clone().unwrap_or_else(|| fallback.to_owned());
    let status = std::process::Command::new("git")
        .arg("merge-file")
        .arg(format!("--marker-size={}", args.marker_size))
        .args(["-L", &label(&labels.ours, "ours")])
        .args(["-L", &label(&labels.base, "base")])
        .args(["-L", &label(&labels.theirs, "theirs")])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .status()
        .map_err(|e| CliError::message(format!("cannot run git merge-file: {e}")))?;
    Ok(ExitCode::from(match status.code() {
        Some(0) => CLEAN,
        _ => CONFLICTED,
    }))
}

/// The language of the workbook the file at `path` belongs to (English if unknown).
fn language_near(top: &Path, path: &str) -> Language {
    let dir = top.join(crate::git::driver::workbook_prefix(path));
    super::git::language_of(&dir)
}

/// A note in the workbook's language.
pub fn note_text(note: &Note, lang: Language) -> String {
    match note {
        Note::Renumbered {
            file,
            from,
            to,
            name,
            side_name,
        } => {
            say!(lang, "{file}: {from} \"{name}\" was added on both sides; the one from {side_name} is renumbered to {to}", "{file}: {from} \"{name}\" is aan beide kanten toegevoegd; die van {side_name} krijgt het nummer {to}")
        }
        Note::Conflicts { file, fields } => {
            let list = fields.join(", ");
            say!(lang, "{file}: both sides changed {list}; both values are in the file: choose in paraat (or edit the file), then `git add {file}`", "{file}: beide kanten wijzigden {list}; beide waarden staan in het bestand: kies in paraat (of bewerk het bestand) en doe dan `git add {file}`")
        }
        Note::Pending { files } => {
            let later = crate::git::driver::LATER_COMMITS;
            let named: Vec<String> = files
                .iter()
                .map(|f| {
                    if f.as_str() == later {
                        pick(
                            lang,
                            "the commits still to be applied",
                            "de nog toe te passen commits",
                        )
                        .to_owned()
                    } else {
                        f.clone()
                    }
                })
                .collect();
            let list = if named.is_empty() {
                pick(lang, "other files", "andere bestanden").to_owned()
            } else {
                named.join(", ")
            };
            say!(lang, "{list} may still refer to the old id: run `paraat git resolve` to update them, then continue with git", "{list} kunnen nog naar het oude nummer verwijzen: voer `paraat git resolve` uit om ze bij te werken en ga dan verder met git")
        }
        Note::NoContext => {
            pick(
                lang,
                "git did not say which commits are merged, so the other files could not be checked",
                "git gaf niet door welke commits worden samengevoegd, dus de andere bestanden konden niet worden nagekeken",
            )
            .to_owned()
        }
        Note::LineMerge { file, reason } => {
            say!(lang, "{file} could not be merged by record ({reason}); merged line by line instead", "{file} kon niet per record worden samengevoegd ({reason}); regel voor regel samengevoegd")
        }
    }
}
