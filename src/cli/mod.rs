//! The command line: one file per subcommand.
//!
//! Every command finds the workbook the same way (`--workbook`, else
//! `PARAAT_WORKBOOK`, else the nearest folder upwards holding `paraat.ron`) and
//! takes "today" from `--today` / `PARAAT_TODAY`, so every date rule can be
//! reproduced. Exit codes: 0 all well, 1 findings (or files not canonical),
//! 2 the command could not do its work (the workbook did not load, bad input).

/// Prints a line to standard output. Everything a command prints may hold text
/// from the workbook (names, ids, file names, values in error messages), so it is
/// made safe for the terminal here, where it is printed: control characters,
/// escape sequences and bidirectional overrides never reach the terminal raw.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::stdout(&$crate::sanitize::sanitize_text(&format!($($arg)*)), "\n")
    };
}

/// Like [`out!`], without the line break at the end (a text that brings its own).
macro_rules! put {
    ($($arg:tt)*) => {
        $crate::cli::output::stdout(&$crate::sanitize::sanitize_text(&format!($($arg)*)), "")
    };
}

/// Like [`out!`], to standard error (warnings, progress, hints); silent with
/// `--quiet`.
macro_rules! note {
    ($($arg:tt)*) => {
        if !$crate::cli::output::quiet() {
            eprintln!("{}", $crate::sanitize::sanitize_text(&format!($($arg)*)))
        }
    };
}

/// Like [`out!`], for a confirmation of what was done ("Saved risks.ron");
/// silent with `--quiet`.
macro_rules! tell {
    ($($arg:tt)*) => {
        if !$crate::cli::output::quiet() {
            $crate::cli::output::stdout(&$crate::sanitize::sanitize_text(&format!($($arg)*)), "\n")
        }
    };
}

mod annotate;
mod answer;
mod check;
mod compare;
mod completions;
mod demo;
mod diff;
mod edits;
mod export;
mod find;
mod fmt;
mod git;
mod import;
mod incident;
mod init;
pub mod json;
mod log_restore;
mod merge_file;
mod open;
pub mod output;
mod renumber;
mod sector;
mod selfcheck;
mod set;
mod share;
mod status;
mod styled;
mod templates;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::model::bilingual::say;
use crate::model::{Date, Language, Timestamp};
use crate::store::{LoadError, find_workbook};

/// Exit code: everything is fine.
pub const EXIT_OK: u8 = 0;
/// Exit code: there are findings of severity error (or warnings with `--strict`),
/// or files that are not canonical (`fmt --check`).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the workbook could not be loaded, or the command could not run.
pub const EXIT_FAILURE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "paraat",
    version = version(),
    about = "A terminal workbook that keeps a cultural organisation ready for a cyber incident",
    long_about = None,
    after_help = "Run `paraat demo` to try it on an example museum."
)]
pub struct Cli {
    /// The workbook folder (default: the nearest folder upwards holding paraat.ron)
    #[arg(
        long,
        short = 'w',
        global = true,
        env = "PARAAT_WORKBOOK",
        value_name = "DIR"
    )]
    pub workbook: Option<PathBuf>,

    /// The date every date rule uses, DD-MM-YYYY or YYYY-MM-DD (default: the real date); for
    /// `paraat` alone, which opens the workbook (the commands with date rules
    /// take it too: `paraat check --today DATE`)
    #[arg(long, env = "PARAAT_TODAY", value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,

    /// The `--today` of the command being run, where it has one.
    #[arg(skip)]
    pub command_today: std::cell::Cell<Option<Date>>,

    /// The moment incident commands take as "now", RFC 3339 (for reproducible runs)
    #[arg(long, global = true, hide = true, env = "PARAAT_NOW", value_name = "TIMESTAMP", value_parser = parse_timestamp)]
    pub now: Option<Timestamp>,

    /// Print only what the command is for (its report, its data, its errors): no
    /// notes, hints or confirmations
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set),
    /// always or never
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: output::ColorWhen,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the workbook in the terminal UI (the default)
    Open(open::Args),
    /// Create a new workbook from the built-in templates
    Init(init::Args),
    /// Check the workbook and report what needs attention
    Check(check::Args),
    /// Rewrite every file in canonical form (or, with --check, list the ones that are not)
    Fmt(fmt::Args),
    /// Find anyone: contacts, suppliers, systems and processes, with the numbers to call
    Find(find::Args),
    /// Show the self-check's score, level and action list (`adopt` puts an action in the plan)
    Selfcheck(selfcheck::Args),
    /// Show the readiness overview: a traffic light per area, what to do next, what falls due
    Status(status::Args),
    /// Open a scratch copy of the example museum
    Demo(demo::Args),
    /// Declare an incident or exercise, log the response, report and learn
    #[command(subcommand)]
    Incident(incident::Command),
    /// Answer a checklist item or self-check statement: `answer CL-08 yes [--note TEXT]`
    Answer(answer::Args),
    /// Change fields of a record: `set R-002 likelihood=2 [field=value …]`
    Set(set::Args),
    /// Log a restore test of a backup: `log-restore B-003 --result failed --took 3h`
    LogRestore(log_restore::Args),
    /// Write the offline incident pack (HTML, Markdown, the emergency card) or the registers as CSV
    Export(export::Args),
    /// Bring an existing register in from a spreadsheet (CSV)
    Import(import::Args),
    /// Write the anonymous readiness summary to send to your sector body
    Share(share::Args),
    /// Roll share files (or workbook folders) into a sector report
    Sector(sector::Args),
    /// Bring new and improved template items into the workbook
    #[command(subcommand)]
    Templates(templates::Command),
    /// What changed, in record terms: the working tree against HEAD, or between revisions
    Diff(diff::Args),
    /// Give a record a new id; every reference to it follows
    Renumber(renumber::Args),
    /// paraat and git: `setup` registers the merge driver, `resolve` finishes a merge
    #[command(subcommand)]
    Git(git::Command),
    /// Print the completions of paraat's commands for a shell
    Completions(completions::Args),
    /// Print paraat's manual page (roff, for `man`)
    Man(completions::ManArgs),
    /// The merge driver git runs for *.ron (set up by `paraat git setup`)
    #[command(hide = true)]
    MergeFile(merge_file::Args),
}

/// What `paraat --version` says: the version, the commit it was built from (when
/// the build knew it) and the number of the file format it reads and writes.
pub fn version() -> String {
    let commit = match option_env!("PARAAT_COMMIT") {
        Some(commit) => format!("commit {commit}"),
        None => "commit unknown".to_owned(),
    };
    format!(
        "{} ({commit}; workbook file format {})",
        env!("CARGO_PKG_VERSION"),
        crate::model::FORMAT
    )
}

/// A date in a flag: `YYYY-MM-DD`, or day first (`31-12-2026`, `1-2-2026`).
fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_typed(text)
}

fn parse_timestamp(text: &str) -> Result<Timestamp, String> {
    Timestamp::parse(text)
}

/// `--today`, on the commands whose rules use the date (and only there: `init`
/// or `fmt` have none).
#[derive(Debug, Default, Clone, Copy, clap::Args)]
pub struct TodayArg {
    /// The date every date rule uses, DD-MM-YYYY or YYYY-MM-DD (default: the real date)
    #[arg(long, global = true, env = "PARAAT_TODAY", value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,
}

impl Command {
    /// The `--today` given to this command, if it takes one.
    fn today(&self) -> Option<Date> {
        let when = match self {
            Command::Open(a) => a.when,
            Command::Check(a) => a.when,
            Command::Selfcheck(a) => a.when,
            Command::Status(a) => a.when,
            Command::Answer(a) => a.when,
            Command::Set(a) => a.when,
            Command::LogRestore(a) => a.when,
            Command::Export(a) => a.when,
            Command::Share(a) => a.when,
            Command::Sector(a) => a.when,
            Command::Templates(templates::Command::Update(a)) => a.when,
            Command::Diff(a) => a.when,
            _ => TodayArg::default(),
        };
        when.today
    }
}

/// A command that could not do its work (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Load(#[from] LoadError),
    #[error(
        "no workbook found in {0} or any folder above it (looked for paraat.ron); use --workbook DIR, set PARAAT_WORKBOOK, or create one with `paraat init DIR`"
    )]
    NoWorkbook(PathBuf),
    #[error("{0} is not a workbook folder (it has no paraat.ron)")]
    NotAWorkbook(PathBuf),
    #[error("{0}")]
    Message(String),
}

impl CliError {
    pub fn message(text: impl Into<String>) -> CliError {
        CliError::Message(text.into())
    }

    /// What to tell the person: a workbook that did not load is described in
    /// the workbook's language (from its manifest, English when that is
    /// unknown); `Display` stays English.
    pub fn for_person(&self) -> String {
        match self {
            CliError::Load(error) => error.in_its_language(),
            other => other.to_string(),
        }
    }
}

impl Cli {
    /// The date to use for "today": the flag or environment, else the real date.
    pub fn today(&self) -> Date {
        self.given_today()
            .unwrap_or_else(|| Date(chrono::Local::now().date_naive()))
    }

    /// `--today` (or `PARAAT_TODAY`), when it was given.
    pub fn given_today(&self) -> Option<Date> {
        self.command_today.get().or(self.today)
    }

    /// The moment to use for "now": `--now` / `PARAAT_NOW`, else the real clock.
    pub fn now(&self) -> Timestamp {
        self.now
            .unwrap_or_else(|| Timestamp::from_utc(chrono::Utc::now()))
    }

    /// The workbook folder, found as documented above.
    pub fn workbook_dir(&self) -> Result<PathBuf, CliError> {
        match &self.workbook {
            Some(dir) => {
                if dir.join(crate::store::layout::MANIFEST).is_file() {
                    Ok(dir.clone())
                } else {
                    Err(CliError::NotAWorkbook(dir.clone()))
                }
            }
            None => {
                let here = std::env::current_dir().map_err(|e| {
                    CliError::message(format!("cannot read the current folder: {e}"))
                })?;
                find_workbook(&here).ok_or(CliError::NoWorkbook(here))
            }
        }
    }
}

/// Runs the parsed command line.
pub fn run(cli: &Cli) -> Result<ExitCode, CliError> {
    output::set(cli.quiet, cli.color);
    cli.command_today
        .set(cli.command.as_ref().and_then(Command::today));
    match &cli.command {
        None => open::run(cli, &open::Args::default()),
        Some(Command::Open(args)) => open::run(cli, args),
        Some(Command::Init(args)) => init::run(cli, args),
        Some(Command::Check(args)) => check::run(cli, args),
        Some(Command::Fmt(args)) => fmt::run(cli, args),
        Some(Command::Find(args)) => find::run(cli, args),
        Some(Command::Demo(args)) => demo::run(cli, args),
        Some(Command::Incident(command)) => incident::run(cli, command),
        Some(Command::Answer(args)) => answer::run(cli, args),
        Some(Command::Set(args)) => set::run(cli, args),
        Some(Command::LogRestore(args)) => log_restore::run(cli, args),
        Some(Command::Completions(args)) => completions::run(args),
        Some(Command::Man(args)) => completions::man(args),
        Some(Command::Export(args)) => export::run(cli, args),
        Some(Command::Import(args)) => import::run(cli, args),
        Some(Command::Selfcheck(args)) => selfcheck::run(cli, args),
        Some(Command::Status(args)) => status::run(cli, args),
        Some(Command::Share(args)) => share::run(cli, args),
        Some(Command::Sector(args)) => sector::run(cli, args),
        Some(Command::Templates(command)) => templates::run(cli, command),
        Some(Command::Diff(args)) => diff::run(cli, args),
        Some(Command::Renumber(args)) => renumber::run(cli, args),
        Some(Command::Git(command)) => git::run(cli, command),
        Some(Command::MergeFile(args)) => merge_file::run(cli, args),
    }
}

/// After a save: which of the files it wrote were edited by hand before (their
/// layout is canonical now and their comments are gone). A save writes only the
/// files whose records changed, so the others keep their comments.
pub fn normalised(report: &crate::store::SaveReport, lang: Language) -> Option<String> {
    if report.normalised.is_empty() {
        return None;
    }
    let files = report.normalised.join(", ");
    Some(say!(
        lang,
        "{files}: edited by hand before, now rewritten in canonical form; check `git diff` (comments are not kept).",
        "{files}: eerder met de hand bewerkt, nu herschreven in de standaardvorm; bekijk `git diff` (commentaar blijft niet bewaard)."
    ))
}

/// Writes `text` to standard output, made safe for the terminal like [`out!`];
/// a closed pipe (`| head`) is not an error.
pub fn print_out(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(crate::sanitize::sanitize_text(text).as_bytes());
    let _ = out.flush();
}

/// `-o -`: the output path that means standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes what a command makes (a report, a pack, a share file) to standard
/// output for `-o -`, byte for byte into a pipe or a file; on a terminal it is
/// made safe first, as everything else printed there is.
pub fn data_out(text: &str) {
    use std::io::{IsTerminal, Write};
    let mut out = std::io::stdout().lock();
    let result = if std::io::stdout().is_terminal() {
        out.write_all(crate::sanitize::sanitize_text(text).as_bytes())
    } else {
        out.write_all(text.as_bytes())
    };
    // A closed pipe (`| head`) is not an error.
    let _ = result.and_then(|()| out.flush());
}

/// Saves what a command changed. A refusal is said in the workbook's language
/// (the store's own words, one place for them); when a file changed on disk
/// meanwhile nothing was saved, and running the command again is the way on.
pub fn save(
    store: &mut crate::store::Store,
    workbook: &crate::model::Workbook,
    lang: Language,
) -> Result<crate::store::SaveReport, CliError> {
    store.save(workbook).map_err(|error| {
        let message = error.message(lang);
        match error {
            crate::store::SaveError::Conflict(_) => CliError::message(say!(
                lang,
                "{message}; run the command again",
                "{message}; voer de opdracht opnieuw uit"
            )),
            _ => CliError::message(message),
        }
    })
}

/// A path as shown to the user: relative to the current folder where that is shorter.
pub fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|here| path.strip_prefix(here).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}
