//! `paraat check`: what needs attention, grouped by area, for people and for CI.

use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::styled::Styled;
use super::{Cli, CliError, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK};
use crate::model::bilingual::pick;
use crate::model::{Date, Language, RecordKind};
use crate::review::{self, Area, Finding, Severity, Summary};
use crate::sanitize::sanitize_line;
use crate::store::{LoadError, Positions, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Fail (exit 1) on warnings too, not only on errors
    #[arg(long)]
    pub strict: bool,
    /// Check what is staged for the next commit, not the working tree
    #[arg(long)]
    pub staged: bool,
    /// List the findings that REV did not have first (a host shows only the first ones)
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people; coloured on a terminal
    Text,
    /// A stable structure for tools (see docs/check-json.md)
    Json,
    /// GitHub workflow annotations, so a pull request shows findings on their lines
    Github,
    /// A GitLab Code Quality report (JSON), for merge request widgets
    Gitlab,
}

/// The version of the JSON structure; raised only when a field changes meaning.
pub const JSON_VERSION: u32 = 1;

/// One finding with where its record sits.
#[derive(Debug, Serialize)]
pub struct Located<'a> {
    pub code: &'static str,
    pub severity: Severity,
    pub area: Area,
    pub record: Option<RecordJson<'a>>,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub message: &'a str,
    /// For date rules: the day the thing fell due (`YYYY-MM-DD`).
    pub due: Option<Date>,
    /// The line of the field the finding is about, when it names one (annotations
    /// point there).
    #[serde(skip)]
    pub field_line: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct RecordJson<'a> {
    pub kind: &'static str,
    pub id: &'a str,
}

#[derive(Debug, Serialize)]
struct Report<'a> {
    version: u32,
    workbook: String,
    organisation: &'a str,
    today: String,
    summary: Summary,
    findings: Vec<Located<'a>>,
}

/// Like [`locate`]; also the lines of every record that shares a duplicated id.
pub fn locate_with_lines<'a>(
    findings: &'a [Finding],
    positions: &Positions,
) -> (Vec<Located<'a>>, Vec<Vec<usize>>) {
    let shared = findings
        .iter()
        .map(|f| match (&f.record, f.code) {
            (Some(r), review::Code::DuplicateId) => {
                let (file, _) = positions.locate(r.kind, r.id.as_str());
                positions.lines(&file, r.id.as_str())
            }
            _ => Vec::new(),
        })
        .collect();
    (locate(findings, positions), shared)
}

/// The file and line of each finding's record.
pub fn locate<'a>(findings: &'a [Finding], positions: &Positions) -> Vec<Located<'a>> {
    findings
        .iter()
        .map(|f| {
            let (file, line) = match (&f.record, &f.file) {
                (Some(r), Some(file)) => (Some(file.clone()), positions.line(file, r.id.as_str())),
                (Some(r), None) => {
                    let (file, line) = positions.locate(r.kind, r.id.as_str());
                    (Some(file), line)
                }
                (None, Some(file)) => (Some(file.clone()), None),
                (None, None) => (f.code.register().map(|r| r.file().to_owned()), None),
            };
            Located {
                code: f.code.as_str(),
                severity: f.severity,
                area: f.area,
                record: f.record.as_ref().map(|r| RecordJson {
                    kind: RecordKind::key(r.kind),
                    id: r.id.as_str(),
                }),
                file,
                line,
                message: &f.message,
                due: f.due,
                field_line: None,
            }
        })
        .collect()
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let today = cli.today();
    // `--staged`: the staged files, in a temporary folder the store loads.
    let staged = if args.staged {
        let repo = crate::git::Repo::find(&dir).ok_or_else(|| {
            CliError::message(format!("{} is not in a git repository", dir.display()))
        })?;
        let snapshot = repo
            .staged_snapshot()
            .map_err(|e| CliError::message(e.to_string()))?;
        Some(
            crate::git::write_snapshot(&snapshot, "the index")
                .map_err(|e| CliError::message(e.to_string()))?,
        )
    } else {
        None
    };
    let root = staged.as_ref().map_or(dir.as_path(), |t| t.path());
    let prefix = super::annotate::repo_prefix(&dir);
    let loaded = match Store::load(root) {
        Ok(loaded) => loaded,
        Err(error) if args.format == Format::Github => {
            print_load_error_annotations(&error, &prefix);
            return Err(error.into());
        }
        Err(error) if args.format == Format::Json => {
            // Tools reading standard output still get JSON; the errors also go to
            // standard error, and the exit code is 2.
            super::print_out(&super::json::to_text(&super::json::load_failure(&error))?);
            return Err(error.into());
        }
        Err(error) => return Err(error.into()),
    };
    let workbook = &loaded.workbook;
    let mut findings = review::review(workbook, today);
    if let Some(rev) = &args.changed_since
        && super::annotate::new_first(&mut findings, &dir, rev, today).is_none()
    {
        return Err(CliError::message(format!(
            "cannot read the workbook at `{rev}`"
        )));
    }
    let summary = Summary::of(&findings);
    let (mut located, shared) = locate_with_lines(&findings, loaded.store.positions());
    // A duplicated id names every record's line, so both can be found.
    let lang = workbook.language();
    let with_lines: Vec<String> = located
        .iter()
        .zip(&shared)
        .map(|(l, lines)| {
            if lines.len() < 2 {
                return l.message.to_owned();
            }
            let list: Vec<String> = lines.iter().map(usize::to_string).collect();
            let file = l.file.as_deref().unwrap_or_default();
            match lang {
                Language::En => format!("{} (in {file} on lines {})", l.message, list.join(", ")),
                Language::Nl => format!("{} (in {file} op regels {})", l.message, list.join(", ")),
            }
        })
        .collect();
    for (l, message) in located.iter_mut().zip(&with_lines) {
        l.message = message;
    }
    let places = located
        .iter()
        .zip(&findings)
        .map(|(l, f)| (l.file.as_deref(), l.line, f.field.as_deref()));
    let lines = super::annotate::field_lines(places, root);
    for (l, line) in located.iter_mut().zip(lines) {
        l.field_line = line;
    }
    match args.format {
        Format::Text => print_text(
            &workbook.manifest.organisation.name,
            workbook.language(),
            today,
            &located,
            summary,
        ),
        Format::Json => {
            let report = Report {
                version: JSON_VERSION,
                workbook: dir.display().to_string(),
                organisation: &workbook.manifest.organisation.name,
                today: today.to_string(),
                summary,
                findings: located,
            };
            let text = crate::sanitize::terminal_safe_json(&report)
                .map_err(|e| CliError::message(format!("cannot write JSON: {e}")))?;
            out!("{text}");
        }
        Format::Github => print_github(&located, &prefix),
        Format::Gitlab => {
            let issues: Vec<super::annotate::Issue> = located
                .iter()
                .map(|l| super::annotate::Issue {
                    code: l.code,
                    severity: l.severity,
                    message: l.message,
                    record: l.record.as_ref().map(|r| (r.kind, r.id)),
                    file: l.file.as_deref(),
                    line: l.field_line.or(l.line),
                })
                .collect();
            out!("{}", super::annotate::gitlab(&issues, &prefix));
        }
    }
    let failed = summary.errors > 0 || (args.strict && summary.warnings > 0);
    Ok(ExitCode::from(if failed { EXIT_FINDINGS } else { EXIT_OK }))
}

pub(super) fn severity_style(severity: Severity) -> Style {
    let colour = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(colour.into())).bold()
}

fn print_text(
    organisation: &str,
    lang: Language,
    today: Date,
    findings: &[Located],
    summary: Summary,
) {
    let bold = Style::new().bold();
    let (title, as_of) = pick(lang, ("check", "as of"), ("controle", "per"));
    Styled::title(organisation, title)
        .plain(format!(" ({as_of} {today})"))
        .print();
    // Codes line up in one column, as wide as the longest code shown.
    let width = findings.iter().map(|f| f.code.len()).max().unwrap_or(0);
    let severity_width = Severity::ALL
        .iter()
        .map(|s| s.label(lang).chars().count())
        .max()
        .unwrap_or(0);
    for area in Area::ALL {
        let in_area: Vec<_> = findings.iter().filter(|f| f.area == area).collect();
        if in_area.is_empty() {
            continue;
        }
        Styled::new()
            .plain("\n")
            .styled(bold, area.label(lang))
            .print();
        for f in in_area {
            let style = severity_style(f.severity);
            let place = match (&f.file, f.line) {
                (Some(file), Some(line)) => format!("{file}:{line}: "),
                (Some(file), None) => format!("{file}: "),
                _ => String::new(),
            };
            Styled::new()
                .plain("  ")
                .styled(
                    style,
                    format!("{:<severity_width$}", f.severity.label(lang)),
                )
                .plain(format!(
                    " {:<width$} {}{}",
                    f.code,
                    sanitize_line(&place),
                    sanitize_line(f.message)
                ))
                .print();
        }
    }
    out!("\n{}", summary_line(summary, lang));
}

/// "2 errors, 5 warnings, 1 info" in the workbook's language.
pub fn summary_line(summary: Summary, lang: Language) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let (error, errors, warning, warnings) = pick(
        lang,
        ("error", "errors", "warning", "warnings"),
        ("fout", "fouten", "waarschuwing", "waarschuwingen"),
    );
    format!(
        "{}, {}, {} info",
        plural(summary.errors, error, errors),
        plural(summary.warnings, warning, warnings),
        summary.info
    )
}

/// Escapes text for a workflow command (`%`, CR and LF, and `,`/`:` in properties).
fn annotation_escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize_line(text).chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

fn print_github(findings: &[Located], prefix: &str) {
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some(file) = &f.file {
            props.push(format!(
                "file={}",
                annotation_escape(&format!("{prefix}{file}"), true)
            ));
        }
        if let Some(line) = f.field_line.or(f.line) {
            props.push(format!("line={line}"));
        }
        props.push(format!("title={}", f.code));
        out!(
            "::{level} {}::{}",
            props.join(","),
            annotation_escape(f.message, false)
        );
    }
}

fn print_load_error_annotations(error: &LoadError, prefix: &str) {
    use crate::store::error::FileError;
    for file_error in &error.files {
        let mut props = vec![format!(
            "file={}",
            annotation_escape(&format!("{prefix}{}", file_error.file()), true)
        )];
        if let Some(line) = file_error.line() {
            props.push(format!("line={line}"));
        }
        if let FileError::Syntax { col, .. } | FileError::NotUtf8 { col, .. } = file_error {
            props.push(format!("col={col}"));
        }
        let title = match file_error {
            FileError::MergeConflict { .. } => "merge conflict markers",
            FileError::Syntax { .. } => "does not load",
            FileError::NewerFormat { .. } => "written by a newer paraat",
            _ => "cannot be read",
        };
        props.push(format!(
            "title={}",
            annotation_escape(&format!("{}: {title}", file_error.file()), true)
        ));
        out!(
            "::error {}::{}",
            props.join(","),
            annotation_escape(&file_error.to_string(), false)
        );
    }
    let _ = EXIT_FAILURE;
}
