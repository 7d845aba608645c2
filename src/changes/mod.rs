//! What changed between two versions of a workbook, in record terms: the engine
//! of `paraat diff`, the commit message the terminal UI proposes, and the pull
//! request summary CI posts.
//!
//! One pure function ([`compare`]) from two workbooks to [`Changes`]: records
//! added, removed, renumbered or changed (field by field), the call order and
//! crisis roles, the plan's phases, the manifest, incident logs, and the findings
//! that appear or disappear. [`words`] says each change in the workbook's language;
//! [`render`] writes text, Markdown and the documented JSON (`docs/diff-json.md`).
//!
//! Records are compared through serde's JSON, which never holds a contact's
//! private details (they are not serialised), so private values cannot appear in
//! a diff by construction.

pub mod render;
pub mod words;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

use crate::model::*;
use crate::review::{self, Finding};

/// Everything that changed from `old` to `new`.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    pub records: Vec<RecordChange>,
    /// Changes outside the records: the manifest, the plan's phases, crisis roles,
    /// the call order.
    pub parts: Vec<PartChange>,
    /// Findings the new version has and the old had not.
    pub new_findings: Vec<Finding>,
    /// Findings the old version had and the new has not.
    pub gone_findings: Vec<Finding>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
            && self.parts.is_empty()
            && self.new_findings.is_empty()
            && self.gone_findings.is_empty()
    }
}

/// What happened to one record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordChange {
    pub kind: RecordKind,
    pub id: Id,
    /// Its title or name (in the new version, or the old one when removed).
    pub name: String,
    pub change: Change,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "change")]
pub enum Change {
    Added,
    Removed,
    /// The record got a new id (`from` is the old one), perhaps with changes.
    Renumbered {
        from: Id,
        fields: Vec<FieldChange>,
    },
    Changed {
        fields: Vec<FieldChange>,
    },
}

/// One field that changed, as JSON values (`null` when absent).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    /// The path of the field (`current.likelihood`, `restore_tests`).
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// A change outside the records.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "part")]
pub enum PartChange {
    /// A field of `paraat.ron`.
    Manifest { field: FieldChange },
    /// A plan phase's title or goal, or a phase added or removed.
    Phase {
        number: u32,
        title: String,
        field: FieldChange,
    },
    /// A crisis role's primary or deputy.
    CrisisRole { role: RoleKind, field: FieldChange },
    /// A contact moved, added to or removed from the call order (positions from 1).
    CallOrder {
        contact: Id,
        name: String,
        from: Option<usize>,
        to: Option<usize>,
    },
}

/// The JSON of a record, without its id (for telling renumberings).
fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The leaf fields that differ between two JSON values, with their paths.
pub fn field_changes(before: &Value, after: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk("", before, after, &mut out);
    out
}

fn walk(path: &str, before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    if before == after {
        return;
    }
    match (before, after) {
        (Value::Object(a), Value::Object(b))
            if !(a.len() == 1
                && a.keys()
                    .next()
                    .is_some_and(|k| k.starts_with(char::is_uppercase))) =>
        {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(
                    &path,
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        _ => out.push(FieldChange {
            field: path.to_owned(),
            before: before.clone(),
            after: after.clone(),
        }),
    }
}

/// One register's records as (id, name, JSON), in file order.
type Listed = Vec<(Id, String, Value)>;

fn listed<T: Serialize>(records: &[T], id: fn(&T) -> &Id, name: fn(&T) -> &str) -> Listed {
    records
        .iter()
        .map(|r| (id(r).clone(), short_name(name(r)), json(r)))
        .collect()
}

/// A record's name for a line: its first line, at most 60 characters.
fn short_name(name: &str) -> String {
    let line = name.trim().lines().next().unwrap_or_default();
    let mut chars = line.chars();
    let short: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{}…", short.trim_end())
    } else {
        short
    }
}

fn registers(w: &Workbook) -> Vec<(RecordKind, Listed)> {
    use RecordKind as K;
    let steps: Vec<Step> = w.steps().map(|(_, s)| s.clone()).collect();
    vec![
        (K::Risk, listed(&w.risks.risks, |r| &r.id, |r| &r.title)),
        (
            K::Process,
            listed(&w.processes.processes, |r| &r.id, |r| &r.name),
        ),
        (
            K::System,
            listed(&w.processes.systems, |r| &r.id, |r| &r.name),
        ),
        (
            K::Supplier,
            listed(&w.processes.suppliers, |r| &r.id, |r| &r.name),
        ),
        (
            K::Contact,
            listed(&w.contacts.contacts, |r| &r.id, |r| &r.name),
        ),
        (
            K::Backup,
            listed(&w.backups.backups, |r| &r.id, |r| &r.what),
        ),
        (K::Step, listed(&steps, |r| &r.id, |r| &r.title)),
        (
            K::FirstHourStep,
            listed(&w.plan.first_hour, |r| &r.id, |r| &r.title),
        ),
        (
            K::ChecklistItem,
            listed(&w.checklist.items, |r| &r.id, |r| &r.question),
        ),
        (
            K::Statement,
            listed(&w.selfcheck.statements, |r| &r.id, |r| &r.statement),
        ),
        (K::Incident, listed(&w.incidents, |r| &r.id, |r| &r.title)),
    ]
}

fn without_id(value: &Value) -> Value {
    let mut value = value.clone();
    if let Value::Object(map) = &mut value {
        map.remove("id");
    }
    value
}

/// Replaces references (string values) by their renumbered id.
fn renamed(value: &Value, map: &HashMap<String, String>) -> Value {
    match value {
        Value::String(s) => Value::String(map.get(s).cloned().unwrap_or_else(|| s.clone())),
        Value::Array(items) => Value::Array(items.iter().map(|v| renamed(v, map)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), renamed(v, map)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// What changed from `old` to `new`, with the findings compared as of `today`.
pub fn compare(old: &Workbook, new: &Workbook, today: Date) -> Changes {
    let mut changes = Changes::default();
    let old_lists = registers(old);
    let new_lists = registers(new);
    // Renumberings first: a record whose old id is gone (or holds another record
    // now) and that reappears, unchanged or under its name, with a new id.
    let mut renumbered: HashMap<String, String> = HashMap::new();
    let mut moves: Vec<(RecordKind, Id, Id)> = Vec::new();
    for ((kind, before), (_, after)) in old_lists.iter().zip(&new_lists) {
        let old_ids: HashMap<&Id, usize> =
            before.iter().enumerate().map(|(i, r)| (&r.0, i)).collect();
        let new_ids: HashMap<&Id, usize> =
            after.iter().enumerate().map(|(i, r)| (&r.0, i)).collect();
        let added: Vec<&(Id, String, Value)> = after
            .iter()
            .filter(|r| !old_ids.contains_key(&r.0))
            .collect();
        for (id, name, value) in before {
            let gone_or_replaced = match new_ids.get(id) {
                None => true,
                Some(&i) => after[i].1 != *name && without_id(&after[i].2) != without_id(value),
            };
            if !gone_or_replaced {
                continue;
            }
            let bare = without_id(value);
            let found = added
                .iter()
                .find(|r| without_id(&r.2) == bare)
                .or_else(|| added.iter().find(|r| !name.is_empty() && r.1 == *name))
                .filter(|r| !moves.iter().any(|(k, _, to)| k == kind && *to == r.0));
            if let Some(target) = found {
                renumbered.insert(id.to_string(), target.0.to_string());
                moves.push((*kind, id.clone(), target.0.clone()));
            }
        }
    }

    for ((kind, before), (_, after)) in old_lists.iter().zip(&new_lists) {
        let old_ids: HashMap<&Id, usize> =
            before.iter().enumerate().map(|(i, r)| (&r.0, i)).collect();
        let moved_to: HashMap<&Id, &Id> = moves
            .iter()
            .filter(|(k, _, _)| k == kind)
            .map(|(_, from, to)| (to, from))
            .collect();
        let moved_from: Vec<&Id> = moves
            .iter()
            .filter(|(k, _, _)| k == kind)
            .map(|(_, f, _)| f)
            .collect();
        for (id, name, value) in after {
            if let Some(from) = moved_to.get(id) {
                let old = &before[old_ids[*from]].2;
                let fields =
                    field_changes(&without_id(&renamed(old, &renumbered)), &without_id(value));
                changes.records.push(RecordChange {
                    kind: *kind,
                    id: id.clone(),
                    name: name.clone(),
                    change: Change::Renumbered {
                        from: (*from).clone(),
                        fields,
                    },
                });
                continue;
            }
            match old_ids.get(id) {
                Some(&i) if !moved_from.contains(&id) => {
                    let old = renamed(&before[i].2, &renumbered);
                    if old != *value {
                        changes.records.push(RecordChange {
                            kind: *kind,
                            id: id.clone(),
                            name: name.clone(),
                            change: Change::Changed {
                                fields: field_changes(&old, value),
                            },
                        });
                    }
                }
                _ => changes.records.push(RecordChange {
                    kind: *kind,
                    id: id.clone(),
                    name: name.clone(),
                    change: Change::Added,
                }),
            }
        }
        let new_ids: std::collections::HashSet<&Id> = after.iter().map(|r| &r.0).collect();
        for (id, name, _) in before {
            if !new_ids.contains(id) && !moved_from.contains(&id) {
                changes.records.push(RecordChange {
                    kind: *kind,
                    id: id.clone(),
                    name: name.clone(),
                    change: Change::Removed,
                });
            }
        }
    }

    parts(old, new, &renumbered, &mut changes.parts);
    findings(old, new, today, &renumbered, &mut changes);
    changes
}

fn parts(
    old: &Workbook,
    new: &Workbook,
    renumbered: &HashMap<String, String>,
    out: &mut Vec<PartChange>,
) {
    for field in field_changes(&json(&old.manifest), &json(&new.manifest)) {
        out.push(PartChange::Manifest { field });
    }
    // Phases: their own fields (title, goal), not their steps.
    let phase = |p: &Phase| {
        let mut v = json(p);
        if let Value::Object(m) = &mut v {
            m.remove("steps");
            m.remove("next_step");
        }
        v
    };
    let old_phases: BTreeMap<u32, &Phase> = old.plan.phases.iter().map(|p| (p.number, p)).collect();
    let new_phases: BTreeMap<u32, &Phase> = new.plan.phases.iter().map(|p| (p.number, p)).collect();
    let mut numbers: Vec<u32> = old_phases
        .keys()
        .chain(new_phases.keys())
        .copied()
        .collect();
    numbers.sort();
    numbers.dedup();
    for n in numbers {
        let (a, b) = (old_phases.get(&n), new_phases.get(&n));
        let title = b.or(a).map(|p| p.title.clone()).unwrap_or_default();
        let (va, vb) = (
            a.map(|p| phase(p)).unwrap_or(Value::Null),
            b.map(|p| phase(p)).unwrap_or(Value::Null),
        );
        let fields = if va.is_null() || vb.is_null() {
            vec![FieldChange {
                field: String::new(),
                before: va,
                after: vb,
            }]
        } else {
            field_changes(&va, &vb)
        };
        for field in fields {
            out.push(PartChange::Phase {
                number: n,
                title: title.clone(),
                field,
            });
        }
    }
    for role in RoleKind::ALL {
        let get = |w: &Workbook| {
            w.crisis_role(role)
                .map(|r| renamed(&json(r), &HashMap::new()))
        };
        let a = get(old)
            .map(|v| renamed(&v, renumbered))
            .unwrap_or(Value::Null);
        let b = get(new).unwrap_or(Value::Null);
        for field in field_changes(&a, &b) {
            out.push(PartChange::CrisisRole { role, field });
        }
    }
    // The call order, as positions of contacts.
    let position = |w: &Workbook, renaming: bool| -> Vec<String> {
        w.contacts
            .call_order
            .iter()
            .map(|c| {
                let id = c.contact.to_string();
                if renaming {
                    renumbered.get(&id).cloned().unwrap_or(id)
                } else {
                    id
                }
            })
            .collect()
    };
    let (a, b) = (position(old, true), position(new, false));
    if a != b {
        let name = |id: &str| {
            new.contact(id)
                .or_else(|| old.contact(id))
                .map(|c| c.name.trim().to_owned())
                .unwrap_or_default()
        };
        // Contacts outside the longest common order moved (or came or went).
        let mut kept: std::collections::HashSet<&String> = std::collections::HashSet::new();
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
            if let similar::DiffOp::Equal { old_index, len, .. } = op {
                kept.extend(&a[old_index..old_index + len]);
            }
        }
        let mut ids: Vec<&String> = b.iter().collect();
        ids.extend(a.iter().filter(|x| !b.contains(x)));
        for id in ids {
            if kept.contains(id) {
                continue;
            }
            out.push(PartChange::CallOrder {
                contact: Id::from(id.as_str()),
                name: name(id),
                from: a.iter().position(|x| x == id).map(|i| i + 1),
                to: b.iter().position(|x| x == id).map(|i| i + 1),
            });
        }
    }
}

/// The key a finding is matched by across versions: its code, record and
/// message; a finding about the workbook as a whole that is the only one of its
/// code on both sides is the same finding even when its numbers changed ("7 of 20
/// questions unanswered").
fn key<'a>(
    f: &'a Finding,
    alone: &[&str],
) -> (&'static str, Option<(RecordKind, String)>, &'a str) {
    let code = f.code.as_str();
    let message = if f.record.is_none() && alone.contains(&code) {
        ""
    } else {
        f.message.as_str()
    };
    (
        code,
        f.record.as_ref().map(|r| (r.kind, r.id.to_string())),
        message,
    )
}

fn findings(
    old: &Workbook,
    new: &Workbook,
    today: Date,
    renumbered: &HashMap<String, String>,
    changes: &mut Changes,
) {
    // A finding about a renumbered record is the same finding under its new id.
    let before: Vec<Finding> = review::review(old, today)
        .into_iter()
        .map(|mut f| {
            if let Some(r) = &mut f.record
                && let Some(to) = renumbered.get(r.id.as_str())
            {
                f.message = f.message.replace(r.id.as_str(), to);
                r.id = Id::from(to.as_str());
            }
            f
        })
        .collect();
    let after = review::review(new, today);
    let single = |list: &[Finding]| -> Vec<&'static str> {
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for f in list.iter().filter(|f| f.record.is_none()) {
            *counts.entry(f.code.as_str()).or_default() += 1;
        }
        counts
            .into_iter()
            .filter(|(_, n)| *n == 1)
            .map(|(c, _)| c)
            .collect()
    };
    let (a, b) = (single(&before), single(&after));
    let alone: Vec<&str> = a.iter().filter(|c| b.contains(c)).copied().collect();
    let key = |f| key(f, &alone);
    let old_keys: std::collections::HashSet<_> = before.iter().map(key).collect();
    let new_keys: std::collections::HashSet<_> = after.iter().map(key).collect();
    changes.new_findings = after
        .iter()
        .filter(|f| !old_keys.contains(&key(f)))
        .cloned()
        .collect();
    changes.gone_findings = before
        .iter()
        .filter(|f| !new_keys.contains(&key(f)))
        .cloned()
        .collect();
}

#[cfg(test)]
mod tests;
