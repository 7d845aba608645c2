//! What every incident command works with: the workbook (what of it loads),
//! every incident on disk, the language and "now"; and the words and errors they
//! share.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::who;
use crate::cli::{Cli, CliError};
use crate::model::bilingual::say;
use crate::model::{
    EntryKind, Id, Incident, Language, Register, Scenario, TimelineEntry, Timestamp, Workbook,
};
use crate::response::{self, NoIncident};
use crate::sanitize::{sanitize_line, sanitize_text};
use crate::store::incident::{IncidentError, IncidentWriter};
use crate::store::layout::{INCIDENTS_DIR, incident_file};
use crate::store::{FileError, LoadError, Store, templates};

/// A moment as people read it: local date, time and offset (`2026-11-28 10:14 (+01:00)`).
pub fn when(t: Timestamp) -> String {
    crate::model::Zone::Local.when(t)
}

/// Only the local time of day (`10:14`), for entries of the same day.
pub fn time_of_day(t: Timestamp) -> String {
    crate::model::Zone::Local.at(t).format("%H:%M").to_string()
}

/// A moment short when it is on the same local day as `now`, else in full.
pub fn short_when(t: Timestamp, now: Timestamp) -> String {
    let day = |t: Timestamp| crate::model::Zone::Local.at(t).date_naive();
    if day(t) == day(now) {
        time_of_day(t)
    } else {
        crate::model::Zone::Local
            .at(t)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }
}

/// What the incident commands work with: the workbook (what of it loads), every
/// incident on disk, the language, and "now".
pub struct Context {
    pub root: PathBuf,
    pub lang: Language,
    pub now: Timestamp,
    /// "Now" was given (`--now`): every entry of `log -` gets it too.
    pub fixed_now: bool,
    /// Everything that loaded; the registers of broken files are empty.
    workbook: Workbook,
    /// The files that did not load, and the registers they hold.
    failed: Vec<FileError>,
    missing: BTreeSet<Register>,
    pub incidents: Vec<Incident>,
    /// `--dry-run`: the writer writes nothing.
    pub dry_run: bool,
}

impl Context {
    pub fn open(cli: &Cli) -> Result<Context, CliError> {
        let root = cli.workbook_dir()?;
        let now = cli.now();
        // During an incident a broken register must not stop the response: the
        // commands work from whatever loaded, and say what did not.
        let partial = Store::load_partial(&root)?;
        let missing = partial
            .failed
            .iter()
            .filter_map(|e| Register::of_file(e.file()))
            .filter(|register| *register != Register::Incidents)
            .collect();
        Ok(Context {
            root,
            lang: partial.workbook.language(),
            now,
            fixed_now: cli.now.is_some(),
            incidents: partial.workbook.incidents.clone(),
            workbook: partial.workbook,
            failed: partial.failed,
            missing,
            dry_run: false,
        })
    }

    /// The workbook as far as it loaded, after a warning that names every file
    /// that did not (with its line) and what that means for this command.
    pub fn workbook_or_warn(&self) -> &Workbook {
        if !self.failed.is_empty() {
            let lang = self.lang;
            let names: Vec<String> = self.failed.iter().map(FileError::place).collect();
            let names = names.join(", ");
            note!(
                "{}",
                say!(
                    lang,
                    "paraat: warning: {names} did not load; working from the rest of the workbook, without checking ids against what is missing. `paraat check` shows what to repair.",
                    "paraat: waarschuwing: {names} laadde niet; er wordt gewerkt met de rest van het werkboek, zonder id's te controleren tegen wat ontbreekt. `paraat check` laat zien wat te herstellen."
                )
            );
            if self.missing.contains(&Register::Contacts) {
                note!(
                    "{}",
                    say!(
                        lang,
                        "paraat: contacts.ron did not load, so the call order is not available here: use the printed emergency card.",
                        "paraat: contacts.ron laadde niet, dus de belvolgorde is hier niet beschikbaar: gebruik de geprinte noodkaart."
                    )
                );
            }
        }
        &self.workbook
    }

    /// The registers whose files did not load.
    pub fn missing(&self) -> &BTreeSet<Register> {
        &self.missing
    }

    /// The workbook when `register` of it loaded (so its ids can be checked).
    pub fn with(&self, register: Register) -> Option<&Workbook> {
        (!self.missing.contains(&register)).then_some(&self.workbook)
    }

    /// The whole workbook, or the error that it does not load.
    pub fn workbook(&self) -> Result<&Workbook, CliError> {
        if self.failed.is_empty() {
            Ok(&self.workbook)
        } else {
            Err(CliError::Load(LoadError {
                root: self.root.clone(),
                files: self.failed.clone(),
                language: self.workbook.language(),
            }))
        }
    }

    /// The incident files that did not load.
    pub fn failed_incidents(&self) -> impl Iterator<Item = &FileError> {
        self.failed
            .iter()
            .filter(|e| e.file().starts_with(INCIDENTS_DIR))
    }

    /// The incident files that did not load, as messages.
    pub fn broken_incidents(&self) -> Vec<String> {
        self.failed_incidents().map(|e| e.to_string()).collect()
    }

    /// The incident named by `id`, or the default one. An incident whose file
    /// did not load is named with the reason.
    pub fn pick(&self, id: Option<&str>) -> Result<&Incident, CliError> {
        let found = match id {
            Some(id) => response::find_incident(&self.incidents, id),
            None => response::default_incident(&self.incidents),
        };
        found.map_err(|why| {
            let broken = id.and_then(|id| {
                self.failed
                    .iter()
                    .find(|e| e.file() == incident_file(id.trim()))
            });
            match broken {
                Some(error) => CliError::message(error.to_string()),
                None => CliError::message(no_incident(why, self.lang)),
            }
        })
    }

    pub fn writer(&self) -> IncidentWriter<'static> {
        let lang = self.lang;
        IncidentWriter::new(&self.root)
            .dry_run(self.dry_run)
            .on_wait(move || {
                note!(
                    "{}",
                    say!(
                        lang,
                        "paraat: another writer is saving to this incident; waiting…",
                        "paraat: iemand anders schrijft naar dit incident; even wachten…"
                    )
                );
            })
    }

    pub fn author(&self, by: Option<&str>) -> String {
        who::author(by, &self.root)
    }

    pub fn entry(&self, by: &str, kind: EntryKind, text: String) -> TimelineEntry {
        TimelineEntry {
            at: self.now,
            by: by.to_owned(),
            kind,
            text,
        }
    }

    pub fn scenario_of(&self, incident: &Incident) -> Option<Scenario> {
        let name = incident.scenario.as_deref()?;
        templates::scenario(self.lang, name).ok().flatten()
    }
}

pub fn no_incident(why: NoIncident, lang: Language) -> String {
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

pub fn write_error(error: IncidentError, lang: Language) -> CliError {
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

/// Prints text that holds file content, made safe for the terminal.
pub fn print(text: &str) {
    put!("{text}");
}

pub fn find_scenario(lang: Language, name: &str) -> Result<Scenario, CliError> {
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

/// Checks that `id` is a contact (when contacts.ron loaded).
pub fn known_contact(ctx: &Context, id: &str) -> Result<Id, CliError> {
    let id = id.trim();
    if let Some(wb) = ctx.with(Register::Contacts)
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
