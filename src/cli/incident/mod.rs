//! `paraat incident …`: declare an incident or an exercise, log the response from
//! any shell, record calls, steps and notifications, close with lessons learned,
//! and report.
//!
//! Every change goes through [`IncidentWriter`], which takes only the incident's own
//! lock: the commands work while the workbook is open in the terminal UI, and two
//! writers queue rather than lose each other's entries. A workbook with a broken
//! register still takes log entries (with a warning): during an incident, logging
//! must not wait for a repaired risk register. "Now" comes from `--now` /
//! `PARAAT_NOW` when given, so every run can be reproduced.

mod report;
mod status;
mod who;

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Local, Utc};

use super::{Cli, CliError, EXIT_OK, json, shown};
use crate::model::labels::Label;
use crate::model::{
    Deadline, EntryKind, Id, Incident, IncidentKind, Language, Lesson, MomentError, Notification,
    Scenario, Severity, TimelineEntry, Timestamp, Workbook, parse_moment_in,
};
use crate::review::incident::{self as logic, NoIncident, words};
use crate::store::incident::{self as files, IncidentError, IncidentWriter, NewIncident};
use crate::store::layout::incident_file;
use crate::store::{LoadError, OpenError, Store, templates};
use crate::text::{sanitize_line, sanitize_text};

/// Picks the English or Dutch text; both are format strings with the same captures.
macro_rules! say {
    ($lang:expr, $en:literal, $nl:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            Language::En => format!($en $(, $arg)*),
            Language::Nl => format!($nl $(, $arg)*),
        }
    };
}
pub(crate) use say;

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
}

#[derive(Debug, clap::Args)]
pub struct StartArgs {
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
    Insurer,
}

impl From<DeadlineArg> for Deadline {
    fn from(d: DeadlineArg) -> Self {
        match d {
            DeadlineArg::DataProtection => Deadline::DataProtection,
            DeadlineArg::Nis2EarlyWarning => Deadline::Nis2EarlyWarning,
            DeadlineArg::Nis2Notification => Deadline::Nis2Notification,
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

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// The incident or exercise (default: the active incident, else the only active exercise)
    pub id: Option<String>,
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
    /// The incident or exercise (default: the active incident, else the only active exercise)
    pub id: Option<String>,
    /// The report's format
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write the report to this file instead of standard output
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
    let shown = text.trim();
    parse_moment_in(shown, &Local).map_err(|e| match e {
        MomentError::Twice(a, b) => format!(
            "\"{shown}\" happened twice in local time (the clocks went back); give the offset: {} or {}",
            a.format("%Y-%m-%dT%H:%M%:z"),
            b.format("%Y-%m-%dT%H:%M%:z")
        ),
        MomentError::Skipped => format!(
            "\"{shown}\" did not exist in local time (the clocks went forward)"
        ),
        MomentError::NotATime => format!(
            "\"{shown}\" is not a time: use 2026-11-28T09:14:00Z, 2026-11-28T10:14+01:00 or local time \"2026-11-28 10:14\""
        ),
    })
}

/// A moment as people read it: local date, time and offset (`2026-11-28 10:14 (+01:00)`).
pub fn when(t: Timestamp) -> String {
    t.0.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M (%:z)")
        .to_string()
}

/// Only the local time of day (`10:14`), for entries of the same day.
pub fn time_of_day(t: Timestamp) -> String {
    t.0.with_timezone(&Local).format("%H:%M").to_string()
}

/// A moment short when it is on the same local day as `now`, else in full.
pub fn short_when(t: Timestamp, now: Timestamp) -> String {
    let day = |t: Timestamp| t.0.with_timezone(&Local).date_naive();
    if day(t) == day(now) {
        time_of_day(t)
    } else {
        t.0.with_timezone(&Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }
}

/// What the incident commands work with: the workbook (when it loads), every
/// incident on disk, the language, and "now".
struct Context {
    root: PathBuf,
    lang: Language,
    now: Timestamp,
    /// "Now" was given (`--now`): every entry of `log -` gets it too.
    fixed_now: bool,
    workbook: Result<Workbook, LoadError>,
    incidents: Vec<Incident>,
}

impl Context {
    fn open(cli: &Cli) -> Result<Context, CliError> {
        let root = cli.workbook_dir()?;
        let now = cli.now();
        let workbook = Store::load(&root).map(|loaded| loaded.workbook);
        let (lang, incidents) = match &workbook {
            Ok(wb) => (wb.language(), wb.incidents.clone()),
            Err(_) => (
                files::read_manifest(&root).map_or(Language::En, |m| m.language),
                files::list(&root)
                    .into_iter()
                    .filter_map(|(_, r)| r.ok())
                    .collect(),
            ),
        };
        Ok(Context {
            root,
            lang,
            now,
            fixed_now: cli.now.is_some(),
            workbook,
            incidents,
        })
    }

    /// The workbook, or `None` after a warning that ids are not checked.
    fn workbook_or_warn(&self) -> Option<&Workbook> {
        match &self.workbook {
            Ok(wb) => Some(wb),
            Err(error) => {
                let lang = self.lang;
                let names: Vec<&str> = error.files.iter().map(|f| f.file()).collect();
                let names = sanitize_line(&names.join(", "));
                eprintln!(
                    "{}",
                    say!(
                        lang,
                        "paraat: warning: the workbook does not load ({names}); ids are not checked. `paraat check` shows what to repair.",
                        "paraat: waarschuwing: het werkboek laadt niet ({names}); id's worden niet gecontroleerd. `paraat check` laat zien wat te herstellen."
                    )
                );
                None
            }
        }
    }

    /// The workbook, or the error that it does not load.
    fn workbook(&self) -> Result<&Workbook, CliError> {
        self.workbook
            .as_ref()
            .map_err(|error| CliError::Load(error.clone()))
    }

    /// The incident named by `id`, or the default one.
    fn pick(&self, id: Option<&str>) -> Result<&Incident, CliError> {
        let found = match id {
            Some(id) => logic::find_incident(&self.incidents, id),
            None => logic::default_incident(&self.incidents),
        };
        found.map_err(|why| CliError::message(no_incident(why, self.lang)))
    }

    fn writer(&self) -> IncidentWriter<'static> {
        let lang = self.lang;
        IncidentWriter::new(&self.root).on_wait(move || {
            eprintln!(
                "{}",
                say!(
                    lang,
                    "paraat: another writer is saving to this incident; waiting…",
                    "paraat: iemand anders schrijft naar dit incident; even wachten…"
                )
            );
        })
    }

    fn author(&self, by: Option<&str>) -> String {
        who::author(by, &self.root)
    }

    fn entry(&self, by: &str, kind: EntryKind, text: String) -> TimelineEntry {
        TimelineEntry {
            at: self.now,
            by: by.to_owned(),
            kind,
            text,
        }
    }

    fn scenario_of(&self, incident: &Incident) -> Option<Scenario> {
        let name = incident.scenario.as_deref()?;
        templates::scenario(self.lang, name).ok().flatten()
    }
}

fn no_incident(why: NoIncident, lang: Language) -> String {
    match why {
        NoIncident::NoneActive => say!(
            lang,
            "no incident or exercise is active; declare one with `paraat incident start \"TITLE\"`, or name an earlier one with --id (see `paraat incident list`)",
            "er is geen incident of oefening actief; meld er een met `paraat incident start \"TITEL\"`, of noem een eerdere met --id (zie `paraat incident list`)"
        ),
        NoIncident::SeveralExercises(ids) => {
            let ids = ids.iter().map(Id::as_str).collect::<Vec<_>>().join(", ");
            say!(
                lang,
                "several exercises are active ({ids}); say which with --id",
                "er zijn meerdere oefeningen actief ({ids}); zeg welke met --id"
            )
        }
        NoIncident::Unknown(text) => {
            let text = sanitize_line(&text);
            say!(
                lang,
                "there is no incident \"{text}\"; `paraat incident list` shows them all",
                "er is geen incident \"{text}\"; `paraat incident list` toont ze allemaal"
            )
        }
        NoIncident::Ambiguous(text, ids) => {
            let text = sanitize_line(&text);
            let ids = ids.iter().map(Id::as_str).collect::<Vec<_>>().join(", ");
            say!(
                lang,
                "\"{text}\" could be {ids}; give more of the id",
                "\"{text}\" kan {ids} zijn; geef meer van het id"
            )
        }
    }
}

fn write_error(error: IncidentError, lang: Language) -> CliError {
    match error {
        IncidentError::AlreadyActive(active) => {
            let (id, title, at, by) = (
                active.id.as_str(),
                sanitize_line(&active.title),
                when(active.declared_at),
                sanitize_line(&active.declared_by),
            );
            CliError::message(say!(
                lang,
                "incident {id} (\"{title}\", declared {at} by {by}) is still active; only one real incident can be. Log to it with `paraat incident log \"…\"`, or close it first with `paraat incident close --id {id}`. An exercise can run alongside (--exercise).",
                "incident {id} (\"{title}\", gemeld {at} door {by}) is nog actief; er kan maar één echt incident actief zijn. Log erin met `paraat incident log \"…\"`, of sluit het eerst met `paraat incident close --id {id}`. Een oefening kan ernaast lopen (--exercise)."
            ))
        }
        IncidentError::AlreadyClosed(id) => {
            CliError::message(say!(lang, "{id} is already closed", "{id} is al gesloten"))
        }
        other => CliError::message(sanitize_text(&other.to_string())),
    }
}

/// Runs one `paraat incident` command.
pub fn run(cli: &Cli, command: &Command) -> Result<ExitCode, CliError> {
    if let Command::Scenarios(args) = command {
        return scenarios(cli, args);
    }
    let ctx = Context::open(cli)?;
    match command {
        Command::Start(args) => start(&ctx, args),
        Command::Log(args) => log(&ctx, args),
        Command::Call(args) => call(&ctx, args),
        Command::Step(args) => step(&ctx, args),
        Command::Notify(args) => notify(&ctx, args),
        Command::Affected(args) => affected(&ctx, args),
        Command::PersonalData(target) => personal_data(&ctx, target),
        Command::Close(args) => close(&ctx, args),
        Command::List(args) => list(&ctx, args),
        Command::Status(args) => show_status(&ctx, args),
        Command::Export(args) => export(&ctx, args),
        Command::Scenarios(_) => Ok(()),
    }?;
    Ok(ExitCode::from(EXIT_OK))
}

/// Prints text that holds file content, made safe for the terminal.
fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(sanitize_text(text).as_bytes());
    let _ = out.flush();
}

fn start(ctx: &Context, args: &StartArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let scenario = match &args.scenario {
        Some(name) => Some(find_scenario(lang, name)?),
        None => None,
    };
    let title = args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .or_else(|| scenario.as_ref().map(|s| s.title.clone()));
    let Some(title) = title else {
        return Err(CliError::message(say!(
            lang,
            "give the incident a title: paraat incident start \"Collection system encrypted\"",
            "geef het incident een titel: paraat incident start \"Collectiesysteem versleuteld\""
        )));
    };
    if let Some(discovered) = args.discovered
        && discovered > ctx.now
    {
        let (d, n) = (when(discovered), when(ctx.now));
        return Err(CliError::message(say!(
            lang,
            "--discovered {d} is later than now ({n}); discovery comes before the declaration",
            "--discovered {d} ligt na nu ({n}); de ontdekking komt vóór de melding"
        )));
    }
    let by = ctx.author(args.by.as_deref());
    let mut new = match &scenario {
        Some(s) => NewIncident::exercise(s, ctx.now, by),
        None => NewIncident {
            title: String::new(),
            kind: if args.exercise {
                IncidentKind::Exercise
            } else {
                IncidentKind::Real
            },
            scenario: None,
            declared_at: ctx.now,
            declared_by: by,
            discovered_at: None,
            severity: Severity::Medium,
            personal_data: false,
            affected_systems: Vec::new(),
        },
    };
    new.title = title;
    new.discovered_at = args.discovered;
    new.personal_data |= args.personal_data;
    if let Some(severity) = args.severity {
        new.severity = severity.into();
    }
    let incident = ctx.writer().create(new).map_err(|e| write_error(e, lang))?;
    let (id, kind) = (incident.id.as_str(), incident.kind.label(lang));
    let file = shown(&ctx.root.join(incident_file(id)));
    print(&say!(
        lang,
        "Declared {kind} {id}\n  file: {file}\n\n",
        "Gemeld: {kind} {id}\n  bestand: {file}\n\n"
    ));
    if let Some(workbook) = ctx.workbook_or_warn() {
        print(&status::text(
            workbook,
            &incident,
            scenario.as_ref(),
            ctx.now,
            lang,
        ));
    }
    print(&say!(
        lang,
        "\nLog what happens with `paraat incident log \"…\"`; `paraat incident status` shows this again.\n",
        "\nLeg vast wat er gebeurt met `paraat incident log \"…\"`; `paraat incident status` toont dit opnieuw.\n"
    ));
    Ok(())
}

fn find_scenario(lang: Language, name: &str) -> Result<Scenario, CliError> {
    match templates::scenario(lang, name.trim()) {
        Ok(Some(s)) => Ok(s),
        Ok(None) => {
            let names: Vec<&str> = templates::scenario_files(lang)
                .iter()
                .map(|(n, _)| *n)
                .collect();
            let (name, names) = (sanitize_line(name), names.join(", "));
            Err(CliError::message(say!(
                lang,
                "there is no scenario \"{name}\"; the scenarios are: {names}",
                "er is geen scenario \"{name}\"; de scenario's zijn: {names}"
            )))
        }
        Err(e) => Err(CliError::message(e.to_string())),
    }
}

fn log(ctx: &Context, args: &LogArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let text = args.text.trim();
    if text.is_empty() {
        return Err(CliError::message(say!(
            lang,
            "the entry is empty; say what happened: paraat incident log \"Isolated the server\"",
            "de regel is leeg; zeg wat er gebeurde: paraat incident log \"Server van het netwerk gehaald\""
        )));
    }
    ctx.workbook_or_warn();
    let incident = ctx.pick(args.target.id.as_deref())?;
    let by = ctx.author(args.target.by.as_deref());
    let writer = ctx.writer();
    if text != "-" {
        return log_one(ctx, &writer, incident, &by, args.decision, text, ctx.now);
    }
    // `log -`: every line read is an entry of its own, saved as soon as it is read.
    let id = incident.id.as_str();
    if std::io::stdin().is_terminal() {
        eprintln!(
            "{}",
            say!(
                lang,
                "Logging to {id}: type an entry and press Enter; each is saved at once. Ctrl-D ends.",
                "Logboek van {id}: typ een regel en druk op Enter; elke regel wordt meteen bewaard. Ctrl-D stopt."
            )
        );
    }
    for line in std::io::stdin().lock().lines() {
        let line = line.map_err(|e| CliError::message(e.to_string()))?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = if ctx.fixed_now {
            ctx.now
        } else {
            Timestamp::from_utc(Utc::now())
        };
        log_one(ctx, &writer, incident, &by, args.decision, line, at)?;
    }
    Ok(())
}

fn log_one(
    ctx: &Context,
    writer: &IncidentWriter,
    incident: &Incident,
    by: &str,
    decision: bool,
    text: &str,
    at: Timestamp,
) -> Result<(), CliError> {
    let lang = ctx.lang;
    let kind = if decision {
        EntryKind::Decision
    } else {
        EntryKind::Note
    };
    let mut entry = ctx.entry(by, kind, text.to_owned());
    entry.at = at;
    let updated = writer
        .append_entry(incident.id.as_str(), entry)
        .map_err(|e| write_error(e, lang))?;
    let (id, time, n) = (updated.id.as_str(), time_of_day(at), updated.timeline.len());
    let what = if decision {
        say!(lang, "Decision", "Besluit")
    } else {
        say!(lang, "Entry", "Regel")
    };
    print(&say!(
        lang,
        "{what} logged in {id} at {time} by {by} (entry {n}).\n",
        "{what} vastgelegd in {id} om {time} door {by} (regel {n}).\n"
    ));
    Ok(())
}

/// Checks that `id` is a contact (when the workbook loaded).
fn known_contact(ctx: &Context, workbook: Option<&Workbook>, id: &str) -> Result<Id, CliError> {
    let id = id.trim();
    if let Some(wb) = workbook
        && wb.contact(id).is_none()
    {
        let (lang, id) = (ctx.lang, sanitize_line(id));
        return Err(CliError::message(say!(
            lang,
            "{id} is not a contact in contacts.ron",
            "{id} is geen contact in contacts.ron"
        )));
    }
    Ok(Id::from(id))
}

fn call(ctx: &Context, args: &CallArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let workbook = ctx.workbook_or_warn();
    let contact = known_contact(ctx, workbook, &args.contact)?;
    let incident = ctx.pick(args.target.id.as_deref())?;
    let by = ctx.author(args.target.by.as_deref());
    let who = words::contact_label(workbook, &contact);
    let text = words::call(&who, args.reached, lang);
    let entry = ctx.entry(
        &by,
        EntryKind::Call {
            contact: contact.clone(),
            reached: args.reached,
        },
        words::with_note(text.clone(), args.note.as_deref()),
    );
    let updated = ctx
        .writer()
        .append_entry(incident.id.as_str(), entry)
        .map_err(|e| write_error(e, lang))?;
    let id = updated.id.as_str();
    let mut out = say!(
        lang,
        "{text} (logged in {id}).\n",
        "{text} (vastgelegd in {id}).\n"
    );
    if let Some(wb) = workbook {
        let calls = logic::call_progress(wb, &updated);
        if !calls.iter().any(|c| c.call.contact == contact) {
            out.push_str(&say!(
                lang,
                "(not in the call order)\n",
                "(staat niet in de belvolgorde)\n"
            ));
        }
        match calls
            .iter()
            .find(|c| !matches!(c.state, logic::CallState::Reached { .. }))
        {
            Some(next) => {
                let line = status::call_line(next, lang, ctx.now);
                out.push_str(&say!(
                    lang,
                    "Next in the call order:\n{line}\n",
                    "Volgende in de belvolgorde:\n{line}\n"
                ));
            }
            None if !calls.is_empty() => out.push_str(&say!(
                lang,
                "Everyone in the call order has been reached.\n",
                "Iedereen in de belvolgorde is bereikt.\n"
            )),
            None => {}
        }
    }
    print(&out);
    Ok(())
}

fn step(ctx: &Context, args: &StepArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let workbook = ctx.workbook_or_warn();
    let step_id = Id::from(args.step.trim());
    let title = match workbook {
        Some(wb) => match wb.plan.first_hour.iter().find(|s| s.id == step_id) {
            Some(s) => s.title.clone(),
            None => {
                let ids = wb
                    .plan
                    .first_hour
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let wanted = sanitize_line(step_id.as_str());
                return Err(CliError::message(say!(
                    lang,
                    "{wanted} is not a first-hour step of the plan; the steps are: {ids}",
                    "{wanted} is geen stap voor het eerste uur in het plan; de stappen zijn: {ids}"
                )));
            }
        },
        None => String::new(),
    };
    let incident = ctx.pick(args.target.id.as_deref())?;
    if let Some(done) = logic::step_done(incident, &step_id) {
        let (at, who) = (when(done.at), done.by.clone());
        print(&say!(
            lang,
            "{step_id} was already marked done at {at} by {who}; nothing recorded.\n",
            "{step_id} stond al als gedaan op {at} door {who}; niets vastgelegd.\n"
        ));
        return Ok(());
    }
    let by = ctx.author(args.target.by.as_deref());
    let text = words::step_done(&step_id, &title, lang);
    let entry = ctx.entry(
        &by,
        EntryKind::StepDone {
            step: step_id.clone(),
        },
        words::with_note(text.clone(), args.note.as_deref()),
    );
    let updated = ctx
        .writer()
        .append_entry(incident.id.as_str(), entry)
        .map_err(|e| write_error(e, lang))?;
    let mut out = format!("{text}.\n");
    if let Some(wb) = workbook {
        let steps = logic::first_hour_progress(&wb.plan, &updated);
        let done = steps.iter().filter(|s| s.done.is_some()).count();
        let total = steps.len();
        out.push_str(&say!(
            lang,
            "{done} of {total} first-hour steps done.\n",
            "{done} van {total} stappen van het eerste uur gedaan.\n"
        ));
        if let Some(next) = steps.iter().find(|s| s.done.is_none()) {
            let (id, title) = (&next.step.id, &next.step.title);
            out.push_str(&say!(
                lang,
                "Next: {id} {title}\n",
                "Volgende: {id} {title}\n"
            ));
        }
    }
    print(&out);
    Ok(())
}

fn notify(ctx: &Context, args: &NotifyArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let workbook = ctx.workbook_or_warn();
    let to = known_contact(ctx, workbook, &args.contact)?;
    let channel = args.channel.trim();
    if channel.is_empty() {
        return Err(CliError::message(say!(
            lang,
            "--channel says how the notification was made (\"online form\", \"phone\")",
            "--channel zegt hoe de melding is gedaan (\"online formulier\", \"telefoon\")"
        )));
    }
    let at = args.at.unwrap_or(ctx.now);
    if at > ctx.now {
        let at = when(at);
        return Err(CliError::message(say!(
            lang,
            "--at {at} is in the future",
            "--at {at} ligt in de toekomst"
        )));
    }
    let contact = workbook.and_then(|wb| wb.contact(to.as_str()));
    let meets = args
        .meets
        .map(Deadline::from)
        .or_else(|| words::default_meets(contact));
    let incident = ctx.pick(args.target.id.as_deref())?;
    let by = ctx.author(args.target.by.as_deref());
    let who = words::contact_label(workbook, &to);
    let reference = args.reference.as_deref().unwrap_or("").trim().to_owned();
    let at_words = (at != ctx.now).then(|| when(at));
    let text = words::notified(&who, at_words.as_deref(), channel, &reference, meets, lang);
    let notification = Notification {
        to: to.clone(),
        at,
        channel: channel.to_owned(),
        reference,
        meets,
    };
    let entry = ctx.entry(&by, EntryKind::Notified { to }, text.clone());
    let updated = ctx
        .writer()
        .record_notification(incident.id.as_str(), notification, entry)
        .map_err(|e| write_error(e, lang))?;
    let id = updated.id.as_str();
    let mut out = say!(
        lang,
        "{text} (logged in {id}).\n",
        "{text} (vastgelegd in {id}).\n"
    );
    if let (Some(wb), Some(d)) = (workbook, meets) {
        out.push_str(&clock_of(ctx, wb, &updated, d));
    }
    print(&out);
    Ok(())
}

/// The line of the clock of `deadline`, if it runs.
fn clock_of(ctx: &Context, workbook: &Workbook, incident: &Incident, deadline: Deadline) -> String {
    let scenario = ctx.scenario_of(incident);
    logic::clocks(incident, &workbook.manifest, scenario.as_ref(), ctx.now)
        .iter()
        .filter(|c| c.deadline == deadline)
        .map(|c| status::clock_line(c, ctx.lang) + "\n")
        .collect()
}

fn affected(ctx: &Context, args: &AffectedArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let workbook = ctx.workbook_or_warn();
    let systems: Vec<Id> = args
        .systems
        .iter()
        .flat_map(|s| s.split([',', ' ']))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Id::from)
        .collect();
    if let Some(wb) = workbook {
        let unknown: Vec<&str> = systems
            .iter()
            .filter(|s| wb.system(s.as_str()).is_none())
            .map(Id::as_str)
            .collect();
        if !unknown.is_empty() {
            let unknown = sanitize_line(&unknown.join(", "));
            let known = wb
                .processes
                .systems
                .iter()
                .map(|s| format!("{} {}", s.id, s.name))
                .collect::<Vec<_>>()
                .join("; ");
            return Err(CliError::message(if known.is_empty() {
                say!(
                    lang,
                    "{unknown}: not in processes.ron, which lists no systems yet",
                    "{unknown}: niet in processes.ron, waarin nog geen systemen staan"
                )
            } else {
                say!(
                    lang,
                    "{unknown}: not a system in processes.ron; the systems are: {known}",
                    "{unknown}: geen systeem in processes.ron; de systemen zijn: {known}"
                )
            }));
        }
    }
    let incident = ctx.pick(args.target.id.as_deref())?;
    let by = ctx.author(args.target.by.as_deref());
    let describe =
        |added: &[Id]| ctx.entry(&by, EntryKind::Note, words::affected(workbook, added, lang));
    let (updated, added) = ctx
        .writer()
        .add_affected_systems(incident.id.as_str(), &systems, describe)
        .map_err(|e| write_error(e, lang))?;
    let id = updated.id.as_str();
    let mut out = if added.is_empty() {
        say!(
            lang,
            "Those systems were already marked affected in {id}; nothing recorded.\n",
            "Die systemen stonden al als getroffen in {id}; niets vastgelegd.\n"
        )
    } else {
        let list = added.iter().map(Id::as_str).collect::<Vec<_>>().join(", ");
        say!(
            lang,
            "Marked affected in {id}: {list}.\n",
            "Als getroffen vastgelegd in {id}: {list}.\n"
        )
    };
    if let Some(wb) = workbook {
        out.push('\n');
        out.push_str(&status::impact_text(
            &logic::impact(wb, &updated.affected_systems),
            lang,
        ));
        let personal: Vec<String> = logic::impact(wb, &updated.affected_systems)
            .personal_data_systems()
            .map(|s| format!("{} {}", s.id, s.name))
            .collect();
        if !personal.is_empty() && !updated.personal_data {
            let list = personal.join(", ");
            out.push_str(&say!(
                lang,
                "\nPersonal data is held on: {list}. If it may have been read, copied or lost, run `paraat incident personal-data`: the 72-hour clock for the data protection authority runs from discovery.\n",
                "\nPersoonsgegevens staan op: {list}. Als die ingezien, gekopieerd of verloren kunnen zijn: `paraat incident personal-data`; de termijn van 72 uur voor de Autoriteit Persoonsgegevens loopt vanaf de ontdekking.\n"
            ));
        }
    }
    print(&out);
    Ok(())
}

fn personal_data(ctx: &Context, target: &Target) -> Result<(), CliError> {
    let lang = ctx.lang;
    let workbook = ctx.workbook_or_warn();
    let incident = ctx.pick(target.id.as_deref())?;
    let by = ctx.author(target.by.as_deref());
    let entry = ctx.entry(&by, EntryKind::Note, words::personal_data(lang));
    let (updated, changed) = ctx
        .writer()
        .mark_personal_data(incident.id.as_str(), entry)
        .map_err(|e| write_error(e, lang))?;
    let id = updated.id.as_str();
    let mut out = if changed {
        say!(
            lang,
            "Recorded in {id}: personal data is involved.\n",
            "Vastgelegd in {id}: er zijn persoonsgegevens betrokken.\n"
        )
    } else {
        say!(
            lang,
            "{id} already records that personal data is involved.\n",
            "In {id} staat al dat er persoonsgegevens betrokken zijn.\n"
        )
    };
    if let Some(wb) = workbook {
        out.push_str(&clock_of(ctx, wb, &updated, Deadline::DataProtection));
    }
    print(&out);
    Ok(())
}

/// Asks for lessons on the terminal, one per line, until an empty line.
fn ask_lessons(lang: Language) -> Vec<String> {
    eprintln!(
        "{}",
        say!(
            lang,
            "Lessons learned, one per line; an empty line ends:",
            "Geleerde lessen, één per regel; een lege regel sluit af:"
        )
    );
    let mut lessons = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        lessons.push(line.to_owned());
    }
    lessons
}

fn close(ctx: &Context, args: &CloseArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let incident = ctx.pick(args.target.id.as_deref())?;
    if !incident.is_active() {
        return Err(write_error(
            IncidentError::AlreadyClosed(incident.id.clone()),
            lang,
        ));
    }
    let mut texts: Vec<String> = args
        .lessons
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    if args.lessons.is_empty() && std::io::stdin().is_terminal() {
        texts = ask_lessons(lang);
    }
    if args.plan_lesson && texts.is_empty() {
        return Err(CliError::message(say!(
            lang,
            "--plan-lesson makes plan steps of the lessons, but there are none; add --lesson \"…\"",
            "--plan-lesson maakt planstappen van de lessen, maar er zijn er geen; voeg --lesson \"…\" toe"
        )));
    }
    let by = ctx.author(args.target.by.as_deref());
    let mut lessons: Vec<Lesson> = texts
        .iter()
        .map(|text| Lesson {
            text: text.clone(),
            plan_step: None,
        })
        .collect();
    let mut added_steps = Vec::new();
    if args.plan_lesson {
        added_steps = plan_steps(ctx, incident, &mut lessons)?;
    }
    let learned = words::lessons_learned(lessons.len(), lang);
    let entry = ctx.entry(
        &by,
        EntryKind::Note,
        words::closed(incident.kind, lessons.len(), lang),
    );
    let updated = ctx
        .writer()
        .close(incident.id.as_str(), entry, lessons)
        .map_err(|e| write_error(e, lang))?;
    let (id, at) = (updated.id.as_str(), when(ctx.now));
    let mut out = say!(
        lang,
        "Closed {id} at {at}, with {learned}.\n",
        "{id} gesloten op {at}, met {learned}.\n"
    );
    for (step, title) in &added_steps {
        out.push_str(&say!(
            lang,
            "  plan step {step}: {title}\n",
            "  planstap {step}: {title}\n"
        ));
    }
    out.push_str(&say!(
        lang,
        "Write the report with `paraat incident export {id} --format md -o report.md`.\n",
        "Schrijf het verslag met `paraat incident export {id} --format md -o verslag.md`.\n"
    ));
    print(&out);
    Ok(())
}

/// Adds a plan step for each lesson to the plan's last phase (learn and maintain),
/// saved through the store with the workbook's edit lock, and links each lesson.
fn plan_steps(
    ctx: &Context,
    incident: &Incident,
    lessons: &mut [Lesson],
) -> Result<Vec<(Id, String)>, CliError> {
    let lang = ctx.lang;
    let mut loaded = Store::open_for_editing(&ctx.root).map_err(|e| match e {
        OpenError::Locked(e) => {
            let why = e.to_string();
            CliError::message(say!(
                lang,
                "cannot add plan steps: {why}. Close it there, or close the incident without --plan-lesson and add the steps in the plan later; nothing was changed.",
                "kan geen planstappen toevoegen: {why}. Sluit het daar, of sluit het incident zonder --plan-lesson en zet de stappen later in het plan; er is niets veranderd."
            ))
        }
        OpenError::Load(e) => CliError::Load(e),
    })?;
    let Some(phase) = loaded.workbook.plan.phases.last_mut() else {
        return Err(CliError::message(say!(
            lang,
            "the plan has no phases to add the lessons to; nothing was changed",
            "het plan heeft geen fasen om de lessen aan toe te voegen; er is niets veranderd"
        )));
    };
    let mut added = Vec::new();
    for lesson in lessons.iter_mut() {
        let step = words::lesson_step(phase, &incident.id, &lesson.text, lang);
        let (id, title) = (step.id.clone(), step.title.clone());
        phase.steps.push(step);
        if let Some(n) = phase.step_number(&id) {
            phase.next_step = n.saturating_add(1);
        }
        lesson.plan_step = Some(id.clone());
        added.push((id, title));
    }
    loaded
        .store
        .save(&loaded.workbook)
        .map_err(|e| CliError::message(e.to_string()))?;
    Ok(added)
}

fn list(ctx: &Context, args: &ListArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    if args.format == json::Format::Json {
        let broken: Vec<_> = match &ctx.workbook {
            Ok(_) => Vec::new(),
            Err(_) => files::list(&ctx.root)
                .into_iter()
                .filter_map(|(_, r)| r.err())
                .collect(),
        };
        let list = json::incident_list(&ctx.incidents, broken.iter());
        super::print_out(&json::to_text(&list)?);
        return Ok(());
    }
    let broken: Vec<String> = match &ctx.workbook {
        Ok(_) => Vec::new(),
        Err(_) => files::list(&ctx.root)
            .into_iter()
            .filter_map(|(_, r)| r.err())
            .map(|e| e.to_string())
            .collect(),
    };
    if ctx.incidents.is_empty() && broken.is_empty() {
        print(&say!(
            lang,
            "No incidents or exercises yet.\nDeclare one with `paraat incident start \"TITLE\"`, or practise with `paraat incident start --scenario ransomware-supplier` (`paraat incident scenarios` lists them).\n",
            "Nog geen incidenten of oefeningen.\nMeld er een met `paraat incident start \"TITEL\"`, of oefen met `paraat incident start --scenario ransomware-supplier` (`paraat incident scenarios` toont ze).\n"
        ));
        return Ok(());
    }
    let width = ctx
        .incidents
        .iter()
        .map(|i| i.id.as_str().chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let mut out = String::new();
    let (h_kind, h_status, h_sev, h_declared, h_title) = match lang {
        Language::En => ("kind", "status", "severity", "declared", "title"),
        Language::Nl => ("soort", "status", "ernst", "gemeld", "titel"),
    };
    out.push_str(&format!(
        "{:<width$}  {h_kind:<9} {h_status:<8} {h_sev:<9} {h_declared:<26} {h_title}\n",
        "ID"
    ));
    for i in &ctx.incidents {
        out.push_str(&format!(
            "{:<width$}  {:<9} {:<8} {:<9} {:<26} {}\n",
            i.id.as_str(),
            i.kind.label(lang),
            i.status.label(lang),
            i.severity.label(lang),
            when(i.declared_at),
            sanitize_line(&i.title)
        ));
    }
    for error in broken {
        out.push_str(&say!(
            lang,
            "\ncould not be read: {error}\n",
            "\nkon niet worden gelezen: {error}\n"
        ));
    }
    print(&out);
    Ok(())
}

fn show_status(ctx: &Context, args: &StatusArgs) -> Result<(), CliError> {
    let workbook = ctx.workbook()?;
    let incident = ctx.pick(args.id.as_deref())?;
    let scenario = ctx.scenario_of(incident);
    if args.format == json::Format::Json {
        let view = logic::overview(workbook, incident, scenario.as_ref(), ctx.now);
        super::print_out(&json::to_text(&json::incident_status(&view, ctx.now))?);
        return Ok(());
    }
    print(&status::text(
        workbook,
        incident,
        scenario.as_ref(),
        ctx.now,
        ctx.lang,
    ));
    Ok(())
}

fn export(ctx: &Context, args: &ExportArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    let workbook = ctx.workbook()?;
    let incident = ctx.pick(args.id.as_deref())?;
    let text = match args.format {
        ReportFormat::Md => report::markdown(
            workbook,
            incident,
            ctx.scenario_of(incident).as_ref(),
            ctx.now,
            lang,
        ),
    };
    let text = sanitize_text(&text);
    match &args.output {
        Some(path) => {
            write_report(path, &text)?;
            let (id, file) = (incident.id.as_str(), shown(path));
            eprintln!(
                "{}",
                say!(
                    lang,
                    "Wrote the report on {id} to {file}.",
                    "Verslag over {id} geschreven naar {file}."
                )
            );
        }
        None => print(&text),
    }
    Ok(())
}

fn write_report(path: &Path, text: &str) -> Result<(), CliError> {
    let fail = |e: std::io::Error| CliError::message(format!("{}: {e}", path.display()));
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(fail)?.join(path)
    };
    crate::store::atomic::write_atomic(&full, text.as_bytes(), false).map_err(fail)
}

fn scenarios(cli: &Cli, args: &ScenariosArgs) -> Result<ExitCode, CliError> {
    // The list works outside a workbook too (in English there).
    let lang = cli
        .workbook_dir()
        .ok()
        .and_then(|root| files::read_manifest(&root).ok())
        .map_or(Language::En, |m| m.language);
    match &args.name {
        Some(name) => print(&status::scenario_script(&find_scenario(lang, name)?, lang)),
        None => {
            let all = templates::scenarios(lang).map_err(|e| CliError::message(e.to_string()))?;
            let mut out = String::new();
            for s in &all {
                let (name, title, minutes) = (&s.name, &s.title, s.duration_minutes);
                out.push_str(&format!("{name:<22} {title} ({minutes} min)\n"));
            }
            out.push_str(&say!(
                lang,
                "\nRun one with `paraat incident start --scenario NAME`; `paraat incident scenarios NAME` prints its script.\n",
                "\nStart er een met `paraat incident start --scenario NAAM`; `paraat incident scenarios NAAM` toont het draaiboek.\n"
            ));
            print(&out);
        }
    }
    Ok(ExitCode::from(EXIT_OK))
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
        assert!(parse_moment("28-11-2026 10:14").is_err());
        assert!(parse_moment("yesterday").is_err());
    }
}
