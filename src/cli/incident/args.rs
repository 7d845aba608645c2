//! The arguments of `paraat incident …`: one subcommand each, with what it takes.

use std::path::PathBuf;

use chrono::Local;

use crate::cli::json;
use crate::model::{Deadline, Language, Severity, Timestamp, parse_moment_in};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Declare an incident, or with --exercise an exercise
    Start(StartArgs),
    /// Add an entry to the log (the active incident, or the only active exercise)
    Log(LogArgs),
    /// Record a call from the call order, and whether the person was reached
    Call(CallArgs),
    /// Mark a first-hour step of the plan as done
    Step(StepArgs),
    /// Record a notification to an authority, the insurer or the people affected
    Notify(NotifyArgs),
    /// Mark systems as affected and see the processes hit
    Affected(AffectedArgs),
    /// Record that personal data is involved: the 72-hour clock then runs
    PersonalData(Target),
    /// Fill in what the data protection authority and the insurer ask (people=1200
    /// costs="€ 4,500" encrypted=no); without any, show what is filled in
    Details(DetailsArgs),
    /// Close the incident or exercise, with the lessons learned
    Close(CloseArgs),
    /// List incidents and exercises
    List(ListArgs),
    /// The clocks, the call order, the first-hour steps and the processes hit
    Status(StatusArgs),
    /// Write a report for the insurer, the police or the authority
    Export(ExportArgs),
    /// List the built-in tabletop scenarios, or show one in full
    Scenarios(ScenariosArgs),
}

/// Which incident, and who is writing.
#[derive(Debug, Clone, clap::Args)]
pub struct Target {
    /// The incident or exercise (its id or a unique start of it); default: the
    /// active incident, else the only active exercise
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Who is writing (default: your config, else git's user.name, else your login)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Show what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct StartArgs {
    /// Show what would be declared, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// What happened, in a few words (with --scenario: the scenario's title)
    pub title: Option<String>,
    /// An exercise, not a real incident (several may run, also during an incident)
    #[arg(long)]
    pub exercise: bool,
    /// Run a built-in tabletop scenario (implies --exercise); see `paraat incident scenarios`
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    /// Personal data is involved: the 72-hour clock for the data protection authority runs
    #[arg(long)]
    pub personal_data: bool,
    /// How bad it is (default: medium, or the scenario's)
    #[arg(long, value_enum)]
    pub severity: Option<SeverityArg>,
    /// When it was discovered, if before now (the clocks run from discovery):
    /// 2026-11-28T09:14:00Z, 2026-11-28T10:14+01:00 or local time "2026-11-28 10:14"
    #[arg(long, value_name = "TIME", value_parser = parse_moment)]
    pub discovered: Option<Timestamp>,
    /// Who declares it (default: your config, else git's user.name, else your login)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SeverityArg {
    Low,
    Medium,
    High,
    Critical,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
            SeverityArg::Critical => Severity::Critical,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// What happened, was done or was seen; `-` reads entries from standard input,
    /// one per line, each saved as soon as it is read
    pub text: String,
    /// This entry records a decision
    #[arg(long)]
    pub decision: bool,
    #[command(flatten)]
    pub target: Target,
}

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("outcome").required(true).args(["reached", "not_reached"]))]
pub struct CallArgs {
    /// The contact called (C-005)
    pub contact: String,
    /// The person was reached
    #[arg(long)]
    pub reached: bool,
    /// The call was made but the person was not reached
    #[arg(long)]
    pub not_reached: bool,
    /// What was said or agreed
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub target: Target,
}

#[derive(Debug, clap::Args)]
pub struct StepArgs {
    /// The first-hour step done (FH-03)
    pub step: String,
    /// What was done, if worth saying
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub target: Target,
}

#[derive(Debug, clap::Args)]
pub struct NotifyArgs {
    /// Who was notified: a contact id (C-003)
    pub contact: String,
    /// How: "online form", "phone", "e-mail to …"
    #[arg(long, value_name = "TEXT")]
    pub channel: String,
    /// The reference or case number received
    #[arg(long, value_name = "TEXT")]
    pub reference: Option<String>,
    /// The deadline this notification meets (default: data-protection for the data
    /// protection authority's contact, insurer for an insurer)
    #[arg(long, value_enum)]
    pub meets: Option<DeadlineArg>,
    /// When it was made, if not now
    #[arg(long, value_name = "TIME", value_parser = parse_moment)]
    pub at: Option<Timestamp>,
    #[command(flatten)]
    pub target: Target,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DeadlineArg {
    DataProtection,
    Nis2EarlyWarning,
    Nis2Notification,
    Nis2FinalReport,
    Insurer,
}

impl From<DeadlineArg> for Deadline {
    fn from(d: DeadlineArg) -> Self {
        match d {
            DeadlineArg::DataProtection => Deadline::DataProtection,
            DeadlineArg::Nis2EarlyWarning => Deadline::Nis2EarlyWarning,
            DeadlineArg::Nis2Notification => Deadline::Nis2Notification,
            DeadlineArg::Nis2FinalReport => Deadline::Nis2FinalReport,
            DeadlineArg::Insurer => Deadline::Insurer,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct AffectedArgs {
    /// The systems affected (S-001 S-004)
    #[arg(required = true, value_name = "SYSTEM")]
    pub systems: Vec<String>,
    #[command(flatten)]
    pub target: Target,
}

#[derive(Debug, clap::Args)]
pub struct DetailsArgs {
    /// A detail and its value, as DETAIL=VALUE (an empty value clears it). The
    /// details: breach-started, breach-ended (times), how-found, nature (read,
    /// copied, changed, deleted, stolen), data-kinds, people, records,
    /// consequences, encrypted (yes, partly, no), abroad (yes, no), notification
    /// (first, follow-up:REFERENCE), ransom, outside-help, evidence, costs
    #[arg(value_name = "DETAIL=VALUE")]
    pub set: Vec<String>,
    #[command(flatten)]
    pub target: Target,
}

#[derive(Debug, clap::Args)]
pub struct CloseArgs {
    /// A lesson learned (repeat for several); asked for on a terminal when none is given
    #[arg(long = "lesson", value_name = "TEXT")]
    pub lessons: Vec<String>,
    /// Make each lesson a step in the plan's last phase (learn and maintain), linked
    /// to the incident
    #[arg(long)]
    pub plan_lesson: bool,
    #[command(flatten)]
    pub target: Target,
}

impl Command {
    /// `--dry-run` was given to a command that writes.
    pub fn dry_run(&self) -> bool {
        match self {
            Command::Start(a) => a.dry_run,
            Command::Log(LogArgs { target, .. })
            | Command::Call(CallArgs { target, .. })
            | Command::Step(StepArgs { target, .. })
            | Command::Notify(NotifyArgs { target, .. })
            | Command::Affected(AffectedArgs { target, .. })
            | Command::Details(DetailsArgs { target, .. })
            | Command::Close(CloseArgs { target, .. })
            | Command::PersonalData(target) => target.dry_run,
            Command::List(_) | Command::Status(_) | Command::Export(_) | Command::Scenarios(_) => {
                false
            }
        }
    }
}

/// Which incident, for the commands that only read one: named with `--id` as
/// every incident command names it.
#[derive(Debug, Clone, clap::Args)]
pub struct Which {
    /// The incident or exercise (its id or a unique start of it); default: the
    /// active incident, else the only active exercise
    #[arg(long = "id", value_name = "ID")]
    pub flag: Option<String>,
    /// The same without --id, as earlier versions took it
    #[arg(value_name = "ID", hide = true, conflicts_with = "flag")]
    pub word: Option<String>,
}

impl Which {
    pub fn id(&self) -> Option<&str> {
        self.flag.as_deref().or(self.word.as_deref())
    }
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub which: Which,
    /// Output format
    #[arg(long, value_enum, default_value_t = json::Format::Text)]
    pub format: json::Format,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = json::Format::Text)]
    pub format: json::Format,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub which: Which,
    /// The report's format
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the report to this file instead of standard output (`-`: standard output)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown
    Md,
}

#[derive(Debug, clap::Args)]
pub struct ScenariosArgs {
    /// Show this scenario in full: every inject and question
    pub name: Option<String>,
}

/// Parses a moment typed by a person: RFC 3339 (`2026-11-28T09:14:00Z`), the same
/// without seconds, or a local time without offset (`2026-11-28 10:14`).
pub fn parse_moment(text: &str) -> Result<Timestamp, String> {
    parse_moment_in(text, &Local).map_err(|e| e.message(text, Language::En))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_parse_in_utc_with_an_offset_or_without_seconds() {
        let utc = Timestamp::parse("2026-11-28T09:14:00Z").unwrap();
        assert_eq!(parse_moment("2026-11-28T09:14:00Z"), Ok(utc));
        assert_eq!(parse_moment("2026-11-28T10:14+01:00"), Ok(utc));
        assert_eq!(parse_moment(" 2026-11-28 10:14+01:00 "), Ok(utc));
        // Day first, as people in the Netherlands write it (here in UTC, as TZ is).
        let local = parse_moment_in("28-11-2026 09:14", &chrono::Utc);
        assert_eq!(local, Ok(utc));
        assert_eq!(
            parse_moment_in("1-2-2026 9:05", &chrono::Utc),
            Timestamp::parse("2026-02-01T09:05:00Z").map_err(|_| unreachable!())
        );
        assert!(parse_moment("11/28/2026 10:14").is_err());
        assert!(parse_moment("yesterday").is_err());
    }
}
