//! What a merge left undecided: one finding per conflicting field, naming the
//! record, the field and both values, and one per renumbering still to finish.
//! Until they are gone the workbook is not whole, so both are errors.

use serde_json::Value;

use super::{Code, Context, Finding};
use crate::model::bilingual::{pick, say};
use crate::model::conflict::{Conflict, value_at};
use crate::model::renumber::kind_of_id;
use crate::model::{Id, Language, RecordKind, RecordRef, Register, Workbook};

/// A value as a short piece of text for a message.
fn shown(value: Option<&Value>, lang: Language) -> String {
    let text = match value {
        None | Some(Value::Null) => match lang {
            Language::En => "nothing".to_owned(),
            Language::Nl => "niets".to_owned(),
        },
        Some(Value::String(s)) => format!("\"{s}\""),
        Some(other) => other.to_string(),
    };
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(80).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

/// The record `id` of the conflict's file as JSON, or the file's own fields.
fn current(workbook: &Workbook, file: &str, record: Option<&Id>) -> Option<Value> {
    fn find<T: serde::Serialize>(list: &[T], key: fn(&T) -> &Id, id: &Id) -> Option<Value> {
        list.iter()
            .find(|r| key(r) == id)
            .and_then(|r| serde_json::to_value(r).ok())
    }
    let w = workbook;
    let Some(id) = record else {
        return match file.rsplit('/').next().unwrap_or(file) {
            "paraat.ron" => serde_json::to_value(&w.manifest).ok(),
            "plan.ron" => serde_json::to_value(&w.plan).ok(),
            "contacts.ron" => serde_json::to_value(&w.contacts).ok(),
            _ => None,
        };
    };
    if file.starts_with("incidents/") {
        return find(&w.incidents, |r| &r.id, id);
    }
    match kind_of_id(id.as_str())? {
        RecordKind::ChecklistItem => find(&w.checklist.items, |r| &r.id, id),
        RecordKind::Statement => find(&w.selfcheck.statements, |r| &r.id, id),
        RecordKind::Step => w
            .plan
            .phases
            .iter()
            .find_map(|p| find(&p.steps, |r| &r.id, id)),
        RecordKind::FirstHourStep => find(&w.plan.first_hour, |r| &r.id, id),
        RecordKind::Risk => find(&w.risks.risks, |r| &r.id, id),
        RecordKind::Process => find(&w.processes.processes, |r| &r.id, id),
        RecordKind::System => find(&w.processes.systems, |r| &r.id, id),
        RecordKind::Supplier => find(&w.processes.suppliers, |r| &r.id, id),
        RecordKind::Contact => find(&w.contacts.contacts, |r| &r.id, id),
        RecordKind::Backup => find(&w.backups.backups, |r| &r.id, id),
        RecordKind::Incident => None,
    }
}

fn record_ref(file: &str, id: &Id) -> Option<RecordRef> {
    let kind = if file.starts_with("incidents/") {
        RecordKind::Incident
    } else {
        kind_of_id(id.as_str())?
    };
    Some(RecordRef::new(kind, id.clone()))
}

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let (workbook, lang) = (cx.workbook, cx.lang);
    for (file, conflicts) in &workbook.conflicts {
        // A file's conflicts count for its register (a file paraat does not
        // know, for the manifest's: the workbook as a whole).
        let register = Register::of_file(file).unwrap_or(Register::Manifest);
        if !cx.covers(register) {
            continue;
        }
        for conflict in conflicts {
            match conflict {
                Conflict::Changed {
                    record,
                    fields,
                    kept,
                    other_side,
                    other,
                } => {
                    let what = record
                        .as_ref()
                        .map_or_else(|| file.clone(), |r| r.to_string());
                    let place = record.as_ref().and_then(|id| record_ref(file, id));
                    if fields.is_empty() {
                        let message = say!(
                            lang,
                            "{what} was deleted on {other_side} and changed on {kept}; the changed record is kept: delete it or keep it, and remove the entry from `conflicts` in {file}",
                            "{what} is verwijderd in {other_side} en gewijzigd in {kept}; het gewijzigde record is bewaard: verwijder het of houd het, en haal de regel weg uit `conflicts` in {file}"
                        );
                        out.push(
                            Finding::new(Code::MergeConflict, place, message).in_file(file.clone()),
                        );
                        continue;
                    }
                    let mine = current(workbook, file, record.as_ref());
                    let theirs = other.as_ref().and_then(|o| o.to_json().ok());
                    for field in fields {
                        let a = shown(mine.as_ref().and_then(|v| value_at(v, field)), lang);
                        let b = shown(theirs.as_ref().and_then(|v| value_at(v, field)), lang);
                        let message = say!(
                            lang,
                            "{what}: `{field}` was changed on both sides: {a} ({kept}) or {b} ({other_side}); choose one (in paraat, or set the field and remove the entry from `conflicts` in {file})",
                            "{what}: `{field}` is aan beide kanten gewijzigd: {a} ({kept}) of {b} ({other_side}); kies er een (in paraat, of zet het veld en haal de regel weg uit `conflicts` in {file})"
                        );
                        out.push(
                            Finding::new(Code::MergeConflict, place.clone(), message)
                                .field(field.clone())
                                .in_file(file.clone()),
                        );
                    }
                }
                Conflict::Renumbered {
                    kind,
                    record,
                    was,
                    side_name,
                    pending,
                    ..
                } => {
                    let files = if pending.is_empty() {
                        pick(lang, "other files", "andere bestanden").to_owned()
                    } else {
                        pending.join(", ")
                    };
                    let message = say!(
                        lang,
                        "{was} was added on both sides of a merge; the one from {side_name} became {record}, and {files} may still refer to {was}: run `paraat git resolve`",
                        "{was} is aan beide kanten van een merge toegevoegd; die van {side_name} werd {record}, en {files} kunnen nog naar {was} verwijzen: voer `paraat git resolve` uit"
                    );
                    out.push(
                        Finding::about(Code::MergeUnfinished, *kind, record, message)
                            .field("id")
                            .in_file(file.clone()),
                    );
                }
            }
        }
    }
}
