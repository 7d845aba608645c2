//! `paraat incident affected`: mark systems affected and see the processes hit.

use super::args::*;
use super::context::*;
use super::status;
use crate::cli::CliError;
use crate::model::Register;
use crate::model::bilingual::say;
use crate::model::{EntryKind, Id};
use crate::response::{self, words};
use crate::sanitize::sanitize_line;

pub fn run(ctx: &Context, args: &AffectedArgs) -> Result<(), CliError> {
    let lang = ctx.lang;
    ctx.workbook_or_warn();
    let workbook = ctx.with(Register::Processes);
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
            &response::impact(wb, &updated.affected_systems),
            lang,
        ));
        let personal: Vec<String> = response::impact(wb, &updated.affected_systems)
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
