//! `paraat selfcheck`: the self-check's result (score per principle and overall,
//! the level, the action list), and `paraat selfcheck adopt SC-07` to turn an
//! action into a plan step.

use std::path::Path;
use std::process::ExitCode;

use anstyle::Style;

use super::styled::Styled;
use super::{Cli, CliError, EXIT_OK, json, parse_date};
use crate::model::bilingual::{pick, say};
use crate::model::labels::Label;
use crate::model::ops::OpError;
use crate::model::ops::selfcheck::{AdoptOptions, adopt_action};
use crate::model::{Date, Language, Workbook};
use crate::review::selfcheck::selfcheck_result;
use crate::sanitize::sanitize_line;
use crate::store::{OpenError, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub when: crate::cli::TodayArg,
    #[command(subcommand)]
    pub action: Option<Action>,
    /// Output format of the result
    #[arg(long, value_enum, default_value_t = json::Format::Text)]
    pub format: json::Format,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Adopt a statement's improvement action into the plan as a new step
    Adopt(AdoptArgs),
}

#[derive(Debug, clap::Args)]
pub struct AdoptArgs {
    #[command(flatten)]
    pub dry_run: super::edits::DryRun,
    /// The statement whose action to adopt (for example SC-07)
    pub statement: String,
    /// The plan phase to add the step to (default: 4 for risks, 5 for the basic
    /// measures, 6 for incidents, when the plan has that phase)
    #[arg(long, value_name = "N")]
    pub phase: Option<u32>,
    /// Who carries the step out (a contact id, for example C-005)
    #[arg(long, value_name = "CONTACT")]
    pub owner: Option<String>,
    /// When the step is due, DD-MM-YYYY or YYYY-MM-DD
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub due: Option<Date>,
}

pub fn run(cli: &Cli, args: &Args) -> Result<ExitCode, CliError> {
    match &args.action {
        None => show(cli, args.format),
        Some(Action::Adopt(adopt)) => run_adopt(cli, adopt),
    }
}

fn show(cli: &Cli, format: json::Format) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let loaded = Store::load(&dir)?;
    if format == json::Format::Json {
        let result = selfcheck_result(&loaded.workbook);
        super::print_out(&json::to_text(&json::selfcheck(&loaded.workbook, &result))?);
        return Ok(ExitCode::from(EXIT_OK));
    }
    print_result(&loaded.workbook);
    Ok(ExitCode::from(EXIT_OK))
}

fn print_result(workbook: &Workbook) {
    let lang = workbook.language();
    let result = selfcheck_result(workbook);
    let bold = Style::new().bold();
    Styled::title(
        &workbook.manifest.organisation.name,
        pick(lang, "self-check", "zelftest"),
    )
    .plain("\n")
    .print();

    let overall = pick(lang, "Overall", "Totaal");
    let names: Vec<&str> = result
        .principles
        .iter()
        .map(|p| p.principle.label(lang))
        .chain([overall])
        .collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let answered = |a: usize, t: usize| say!(lang, "{a} of {t} answered", "{a} van {t} beantwoord");
    for p in &result.principles {
        let s = p.score;
        out!(
            "  {:<width$}  {:>4}  {}",
            p.principle.label(lang),
            format!("{}%", s.percent),
            answered(s.answered, s.total)
        );
    }
    let s = result.overall;
    Styled::new()
        .plain("  ")
        .styled(
            bold,
            format!("{:<width$}  {:>4}", overall, format!("{}%", s.percent)),
        )
        .plain(format!("  {}", answered(s.answered, s.total)))
        .print();
    Styled::new()
        .plain("\n")
        .styled(
            bold,
            format!(
                "{}: {}",
                pick(lang, "Level", "Niveau"),
                result.level.label(lang)
            ),
        )
        .plain(format!(". {}", result.level.advice(lang)))
        .print();
    let unanswered = s.total - s.answered;
    if unanswered > 0 {
        out!(
            "{}",
            say!(
                lang,
                "{unanswered} statements are unanswered; until they are, they count as not met.",
                "{unanswered} stellingen zijn onbeantwoord; tot ze beantwoord zijn, tellen ze als niet gehaald."
            )
        );
    }

    let open = result.open_actions();
    let planned = result.actions.len() - open;
    Styled::new()
        .plain("\n")
        .styled(
            bold,
            say!(
                lang,
                "Improvement actions: {open} open, {planned} planned",
                "Verbeteracties: {open} open, {planned} gepland"
            ),
        )
        .print();
    if result.actions.is_empty() {
        out!(
            "  {}",
            pick(
                lang,
                "None: no statement is answered no or partly.",
                "Geen: geen enkele stelling is met nee of deels beantwoord."
            )
        );
        return;
    }
    let states: Vec<String> = result
        .actions
        .iter()
        .map(|a| match &a.planned {
            None => "open".to_owned(), // the same word in both languages
            Some(step) => {
                let status = workbook
                    .step(step.as_str())
                    .map(|s| s.status.label(lang))
                    .unwrap_or_default();
                let word = pick(lang, "planned", "gepland");
                format!("{word} {step} ({status})")
            }
        })
        .collect();
    let state_width = states.iter().map(|s| s.chars().count()).max().unwrap_or(0);
    let priority_width = result
        .actions
        .iter()
        .map(|a| a.priority.label(lang).chars().count())
        .max()
        .unwrap_or(0);
    let id_width = result
        .actions
        .iter()
        .map(|a| a.statement.as_str().chars().count())
        .max()
        .unwrap_or(0);
    for (action, state) in result.actions.iter().zip(&states) {
        out!(
            "  {:<priority_width$}  {:<id_width$}  {:<state_width$}  {}",
            action.priority.label(lang),
            sanitize_line(action.statement.as_str()),
            sanitize_line(state),
            sanitize_line(&action.text)
        );
    }
    if open > 0 {
        out!(
            "\n{}",
            pick(
                lang,
                "Adopt an action into the plan with `paraat selfcheck adopt SC-NN [--phase N] [--owner C-NNN] [--due YYYY-MM-DD]`.",
                "Neem een actie op in het plan met `paraat selfcheck adopt SC-NN [--phase N] [--owner C-NNN] [--due JJJJ-MM-DD]`."
            )
        );
    }
}

/// The workbook's language, for messages about a workbook we could not open for
/// editing; English when even that cannot be read.
fn language_of(dir: &Path) -> Language {
    Store::load(dir)
        .map(|l| l.workbook.language())
        .unwrap_or_default()
}

fn run_adopt(cli: &Cli, args: &AdoptArgs) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let today = cli.today();
    let opened = args.dry_run.open(&dir);
    let mut loaded = match opened {
        Ok(loaded) => loaded,
        Err(OpenError::Load(error)) => return Err(error.into()),
        Err(OpenError::Locked(error)) => {
            let text = say!(
                language_of(&dir),
                "cannot adopt the action: {error}; nothing was changed",
                "kan de actie niet overnemen: het werkboek is elders geopend om te bewerken ({error}); er is niets veranderd"
            );
            return Err(CliError::message(text));
        }
    };
    let workbook = &mut loaded.workbook;
    let lang = workbook.language();
    let options = AdoptOptions {
        phase: args.phase,
        owner: args.owner.clone(),
        due: args.due,
    };
    let adopted = adopt_action(workbook, args.statement.trim(), &options, today).map_err(|e| {
        let mut text = sanitize_line(&e.message(lang));
        if matches!(e, OpError::NoOwner(_)) {
            text.push_str(pick(
                lang,
                "; nothing was changed",
                "; er is niets veranderd",
            ));
        }
        CliError::message(text)
    })?;
    adopted
        .edit
        .apply(workbook)
        .map_err(|e| CliError::message(e.to_string()))?;
    let step_id = adopted.step;
    let phase_name = workbook
        .plan
        .phases
        .iter()
        .find(|p| p.number == adopted.phase)
        .map(|phase| format!("{} ({})", phase.number, sanitize_line(&phase.title)))
        .unwrap_or_default();
    if args.dry_run.dry_run {
        let statement = sanitize_line(args.statement.trim());
        out!(
            "{}",
            say!(
                lang,
                "Dry run: the action of {statement} would go into the plan as {step_id} in phase {phase_name}; nothing was changed.",
                "Proefdraai: de actie van {statement} zou in het plan komen als {step_id} in fase {phase_name}; er is niets veranderd."
            )
        );
        return Ok(ExitCode::from(EXIT_OK));
    }
    let report = super::save(&mut loaded.store, workbook, lang)?;
    let statement = sanitize_line(args.statement.trim());
    tell!(
        "{}",
        say!(
            lang,
            "Adopted the action of {statement} into the plan as {step_id} in phase {phase_name}; saved plan.ron and selfcheck.ron.",
            "De actie van {statement} staat nu in het plan als {step_id} in fase {phase_name}; plan.ron en selfcheck.ron zijn opgeslagen."
        )
    );
    if args.owner.is_none() || args.due.is_none() {
        note!(
            "{}",
            pick(
                lang,
                "Give the step an owner and a due date in plan.ron (or next time with --owner and --due).",
                "Geef de stap een eigenaar en een datum in plan.ron (of de volgende keer met --owner en --due)."
            )
        );
    }
    if let Some(note) = super::normalised(&report, lang) {
        out!("{note}");
    }
    Ok(ExitCode::from(EXIT_OK))
}
