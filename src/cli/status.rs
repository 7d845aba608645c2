//! `paraat status`: the readiness overview on one screen. A traffic light with its
//! word and reason per section, the five next things to do, what falls due soon,
//! and the progress of the checklist, the self-check and the plan.

use std::process::ExitCode;

use std::path::PathBuf;

use anstyle::{AnsiColor, Style};

use super::check::severity_style;
use super::styled::Styled;
use super::{Cli, CliError, EXIT_OK, json};
use crate::model::RecordRef;
use crate::model::bilingual::{pick, say};
use crate::review;
use crate::review::overview::{Light, overview};
use crate::review::selfcheck::selfcheck_result;
use crate::sanitize::sanitize_line;
use crate::store::{Positions, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    /// Output format
    #[arg(long, value_enum, default_value_t = json::Format::Text)]
    pub format: json::Format,
    /// Compare with a sector report (`paraat sector --format json`): where you stand
    /// against the sector's median, per principle and for the common findings
    #[arg(long, value_name = "SECTOR.JSON")]
    pub compare: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let today = cli.today();
    let loaded = Store::load(&dir)?;
    let workbook = &loaded.workbook;
    let lang = workbook.language();
    let findings = review::review(workbook, today);
    let view = overview(workbook, &findings, today);
    let positions = loaded.store.positions();
    let comparison = match &args.compare {
        Some(path) => Some(super::compare::against(workbook, &findings, today, path)?),
        None => None,
    };
    if args.format == json::Format::Json {
        let result = selfcheck_result(workbook);
        let mut status = json::status(&view, &findings, &result, today);
        status.compare = comparison.clone();
        super::print_out(&json::to_text(&status)?);
        return Ok(ExitCode::from(EXIT_OK));
    }

    let bold = Style::new().bold();
    let heading = |en_text: &str, nl_text: &str| {
        Styled::new()
            .plain("\n")
            .styled(bold, pick(lang, en_text, nl_text))
            .print();
    };
    Styled::title(
        &workbook.manifest.organisation.name,
        pick(lang, "readiness", "paraatheid"),
    )
    .plain(format!(" ({} {today})", pick(lang, "as of", "per")))
    .print();

    heading("Areas", "Onderdelen");
    let name_width = view
        .areas
        .iter()
        .map(|a| a.section.label(lang).chars().count())
        .max()
        .unwrap_or(0);
    let light_width = [Light::Green, Light::Amber, Light::Red]
        .iter()
        .map(|l| l.label(lang).chars().count())
        .max()
        .unwrap_or(0);
    for area in &view.areas {
        let style = light_style(area.light);
        let word = area.light.label(lang);
        Styled::new()
            .plain(format!("  {:<name_width$}  ", area.section.label(lang)))
            .styled(style, format!("{word:<light_width$}"))
            .plain(format!("  {}", sanitize_line(&area.reason)))
            .print();
    }

    heading("Next things to do", "Wat nu te doen");
    if view.next.is_empty() {
        out!(
            "  {}",
            pick(
                lang,
                "Nothing: the workbook reports nothing to do.",
                "Niets: het werkboek meldt niets te doen."
            )
        );
    }
    for (n, action) in view.next.iter().enumerate() {
        let style = severity_style(action.severity);
        let place = place(positions, action.record.as_ref());
        let due = match action.due {
            Some(date) => say!(lang, " (due {date})", " (uiterlijk {date})"),
            None => String::new(),
        };
        Styled::new()
            .plain(format!("  {}. ", n + 1))
            .styled(style, action.severity.label(lang))
            .plain(format!(
                " {}{}{}",
                sanitize_line(&place),
                sanitize_line(&action.text),
                due
            ))
            .print();
    }

    let days = workbook.manifest.rules.due_soon_days;
    Styled::new()
        .plain("\n")
        .styled(
            bold,
            say!(lang, "Due in the next {days} days", "Binnen {days} dagen"),
        )
        .print();
    if view.due_soon.is_empty() {
        out!("  {}", pick(lang, "Nothing.", "Niets."));
    }
    for item in &view.due_soon {
        out!("  {}  {}", item.date, sanitize_line(&item.text));
    }

    heading("Progress", "Voortgang");
    let p = view.progress;
    let rows = [
        (
            "Checklist",
            p.checklist,
            pick(lang, "questions answered", "vragen beantwoord"),
        ),
        (
            pick(lang, "Self-check", "Zelftest"),
            p.selfcheck,
            pick(lang, "statements answered", "stellingen beantwoord"),
        ),
        ("Plan", p.plan, pick(lang, "steps done", "stappen klaar")),
    ];
    let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    for (name, count, what) in rows {
        let of = pick(lang, "of", "van");
        let percent = (count.done * 100).checked_div(count.total).unwrap_or(0);
        out!(
            "  {name:<width$}  {} {of} {} {what} ({percent}%)",
            count.done,
            count.total
        );
    }
    if let Some(comparison) = &comparison {
        put!("{}", super::compare::text(comparison, lang));
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// "processes.ron:109: " for a record, or nothing.
fn place(positions: &Positions, record: Option<&RecordRef>) -> String {
    match record {
        Some(r) => match positions.locate(r.kind, r.id.as_str()) {
            (file, Some(line)) => format!("{file}:{line}: "),
            (file, None) => format!("{file}: "),
        },
        None => String::new(),
    }
}

fn light_style(light: Light) -> Style {
    let colour = match light {
        Light::Green => AnsiColor::Green,
        Light::Amber => AnsiColor::Yellow,
        Light::Red => AnsiColor::Red,
    };
    Style::new().fg_color(Some(colour.into())).bold()
}
