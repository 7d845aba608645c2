//! `paraat templates update [--dry-run] [--pack PATH]`: bring the workbook up to the
//! built-in template pack, or to a pack a sector body ships.
//!
//! The change is built by `model::pack::update` as one edit and applied like every
//! other edit, then saved under the workbook's edit lock. It is shown first in
//! record terms (what is added, which fields change, what is retired), so a
//! `--dry-run` shows exactly what a real run would do.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::Value;

use super::compare::file_error;
use super::{Cli, CliError, EXIT_OK, shown};
use crate::model::pack::{Change, RecordChange, TemplatePack, changes, update};
use crate::model::{Language, RecordKind};
use crate::store::{OpenError, SaveError, Store, outside, templates};
use crate::text::sanitize_line;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Bring new and improved template items into the workbook, without touching
    /// its answers, notes, status, owners or links
    Update(UpdateArgs),
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// A template pack file from your sector body (default: the pack built into
    /// this paraat, in the workbook's language)
    #[arg(long, value_name = "PATH")]
    pub pack: Option<PathBuf>,
}

pub fn run(cli: &Cli, command: &Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Update(args) => run_update(cli, args),
    }
}

fn say(lang: Language, en: String, nl: String) -> String {
    match lang {
        Language::En => en,
        Language::Nl => nl,
    }
}

fn run_update(cli: &Cli, args: &UpdateArgs) -> Result<ExitCode, CliError> {
    let dir = cli.workbook_dir()?;
    let mut loaded = if args.dry_run {
        Store::load(&dir)?
    } else {
        match Store::open_for_editing(&dir) {
            Ok(loaded) => loaded,
            Err(OpenError::Load(e)) => return Err(e.into()),
            Err(OpenError::Locked(e)) => {
                let lang = Store::load(&dir)
                    .map(|l| l.workbook.language())
                    .unwrap_or_default();
                return Err(CliError::message(say(
                    lang,
                    format!("cannot update the templates: {e}; nothing was changed"),
                    format!(
                        "kan de sjablonen niet bijwerken: het werkboek is elders geopend om te bewerken ({e}); er is niets veranderd"
                    ),
                )));
            }
        }
    };
    let lang = loaded.workbook.language();
    let pack: TemplatePack = match &args.pack {
        Some(path) => outside::read_pack(path, &shown(path)).map_err(file_error)?,
        None => templates::builtin_pack(lang).map_err(file_error)?,
    };
    let result = update(&loaded.workbook, &pack)
        .map_err(|e| CliError::message(sanitize_line(&e.to_string())))?;
    let name = if pack.id == crate::model::pack::BUILTIN_PACK {
        say(
            lang,
            format!("the built-in templates (version {})", pack.version),
            format!("de ingebouwde sjablonen (versie {})", pack.version),
        )
    } else {
        say(
            lang,
            format!(
                "pack \"{}\" version {}",
                sanitize_line(&pack.id),
                pack.version
            ),
            format!(
                "pakket \"{}\" versie {}",
                sanitize_line(&pack.id),
                pack.version
            ),
        )
    };
    let mut out = String::new();
    for (step, phase) in &result.missing_phases {
        out.push_str(&say(
            lang,
            format!(
                "not added: {} belongs to phase {phase}, which your plan does not have (add the phase to take it)\n",
                sanitize_line(step.as_str())
            ),
            format!(
                "niet toegevoegd: {} hoort bij fase {phase}, die je plan niet heeft (voeg de fase toe om hem te krijgen)\n",
                sanitize_line(step.as_str())
            ),
        ));
    }
    if result.is_empty() {
        out.insert_str(
            0,
            &say(
                lang,
                format!("The workbook is up to date with {name}; nothing to change.\n"),
                format!("Het werkboek is bij met {name}; er is niets te veranderen.\n"),
            ),
        );
        super::print_out(&out);
        return Ok(ExitCode::from(EXIT_OK));
    }
    let list = changes(&result.edits);
    let mut text = say(
        lang,
        format!("Changes to bring the workbook up to {name}:\n"),
        format!("Wijzigingen om het werkboek bij te werken naar {name}:\n"),
    );
    text.push_str(&describe(&list, lang));
    text.push_str(&out);
    super::print_out(&text);
    if args.dry_run {
        super::print_out(&format!(
            "{}\n",
            say(
                lang,
                "\nDry run: nothing was changed. Run without --dry-run to make these changes.".into(),
                "\nProefdraai: er is niets veranderd. Voer uit zonder --dry-run om dit door te voeren.".into(),
            )
        ));
        return Ok(ExitCode::from(EXIT_OK));
    }
    let before = loaded
        .store
        .non_canonical(&loaded.workbook)
        .map_err(|e| CliError::message(e.to_string()))?;
    result
        .edit()
        .apply(&mut loaded.workbook)
        .map_err(|e| CliError::message(e.to_string()))?;
    let report = match loaded.store.save(&loaded.workbook) {
        Ok(report) => report,
        Err(SaveError::Conflict(conflicts)) => {
            let files: Vec<&str> = conflicts.iter().map(|c| c.file.as_str()).collect();
            return Err(CliError::message(say(
                lang,
                format!(
                    "{} changed on disk during the update; nothing was saved, run the command again",
                    files.join(", ")
                ),
                format!(
                    "{} is op schijf veranderd tijdens het bijwerken; er is niets opgeslagen, voer de opdracht opnieuw uit",
                    files.join(", ")
                ),
            )));
        }
        Err(e) => return Err(CliError::message(e.to_string())),
    };
    super::print_out(&format!(
        "{}\n",
        say(
            lang,
            format!(
                "\nSaved {}. Review it with `git diff`.",
                report.written.join(", ")
            ),
            format!(
                "\n{} opgeslagen. Bekijk het met `git diff`.",
                report.written.join(", ")
            ),
        )
    ));
    if !before.is_empty() {
        super::print_out(&format!(
            "{}\n",
            say(
                lang,
                format!(
                    "{}: edited by hand before, now rewritten in canonical form (comments are not kept).",
                    before.join(", ")
                ),
                format!(
                    "{}: eerder met de hand bewerkt, nu herschreven in de standaardvorm (commentaar blijft niet bewaard).",
                    before.join(", ")
                ),
            )
        ));
    }
    Ok(ExitCode::from(EXIT_OK))
}

/// A JSON value short enough for one line.
fn short(value: &Value) -> String {
    let text = match value {
        Value::String(s) => format!("\"{s}\""),
        Value::Null => "none".to_owned(),
        other => other.to_string(),
    };
    let text = sanitize_line(&text);
    if text.chars().count() > 70 {
        let cut: String = text.chars().take(67).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// Two values around where they first differ, so a change deep in a long text
/// shows: `…the IT person: …` against `…the IT lead: …`.
fn window(before: &Value, after: &Value) -> (String, String) {
    let (Value::String(a), Value::String(b)) = (before, after) else {
        return (short(before), short(after));
    };
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let same = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let start = same.saturating_sub(20);
    let cut = |text: &[char]| {
        let end = (start + 60).min(text.len());
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.extend(&text[start..end]);
        if end < text.len() {
            out.push('…');
        }
        format!("\"{}\"", sanitize_line(&out))
    };
    (cut(&a), cut(&b))
}

fn heading(kind: RecordKind, lang: Language) -> &'static str {
    match (kind, lang) {
        (RecordKind::ChecklistItem, Language::En) => "Checklist (checklist.ron)",
        (RecordKind::ChecklistItem, Language::Nl) => "Checklist (checklist.ron)",
        (RecordKind::Statement, Language::En) => "Self-check (selfcheck.ron)",
        (RecordKind::Statement, Language::Nl) => "Zelftest (selfcheck.ron)",
        (RecordKind::Step, Language::En) => "Plan steps (plan.ron)",
        (RecordKind::Step, Language::Nl) => "Planstappen (plan.ron)",
        (RecordKind::FirstHourStep, Language::En) => "First-hour steps (plan.ron)",
        (RecordKind::FirstHourStep, Language::Nl) => "Eerste-uurstappen (plan.ron)",
        (RecordKind::Contact, Language::En) => "Contacts (contacts.ron)",
        (RecordKind::Contact, Language::Nl) => "Contacten (contacts.ron)",
        (_, _) => "",
    }
}

/// The changes in record terms, grouped by register: `+` added, `~` changed
/// (with the fields), `-` retired; origins recorded for older items are counted.
pub fn describe(list: &[RecordChange], lang: Language) -> String {
    let mut out = String::new();
    let order = [
        RecordKind::ChecklistItem,
        RecordKind::Statement,
        RecordKind::Step,
        RecordKind::FirstHourStep,
        RecordKind::Contact,
    ];
    for kind in order {
        let of_kind: Vec<&RecordChange> = list.iter().filter(|c| c.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", heading(kind, lang)));
        let mut origins = 0;
        for change in of_kind {
            let id = sanitize_line(change.id.as_str());
            let name = short(&Value::String(change.name.clone()));
            match &change.change {
                Change::Added => out.push_str(&say(
                    lang,
                    format!("  + {id} {name} (new)\n"),
                    format!("  + {id} {name} (nieuw)\n"),
                )),
                Change::Changed { fields } => {
                    let wording: Vec<_> = fields
                        .iter()
                        .filter(|f| !f.field.starts_with("origin"))
                        .collect();
                    let retired = fields
                        .iter()
                        .any(|f| f.field == "origin.retired" && f.after == Value::Bool(true))
                        || fields.iter().any(|f| {
                            f.field == "origin"
                                && f.after.get("retired") == Some(&Value::Bool(true))
                        });
                    if retired {
                        out.push_str(&say(
                            lang,
                            format!("  - {id} {name} retired: the pack no longer has it (kept, with its answer; no longer counted)\n"),
                            format!("  - {id} {name} vervallen: het pakket heeft het niet meer (blijft staan, met het antwoord; telt niet meer mee)\n"),
                        ));
                    } else if wording.is_empty() {
                        origins += 1;
                    } else {
                        out.push_str(&format!("  ~ {id} {name}\n"));
                        for f in wording {
                            let (before, after) = window(&f.before, &f.after);
                            out.push_str(&format!(
                                "      {}: {before}\n      {:width$}  → {after}\n",
                                sanitize_line(&f.field),
                                "",
                                width = f.field.chars().count()
                            ));
                        }
                    }
                }
            }
        }
        if origins > 0 {
            out.push_str(&say(
                lang,
                format!("  · {origins} items made before origins existed: where they came from is recorded\n"),
                format!("  · {origins} items van vóór de herkomstgegevens: waar ze vandaan komen wordt vastgelegd\n"),
            ));
        }
    }
    out
}
