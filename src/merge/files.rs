//! The workbook's files, one merge each: which records a file holds, which of its
//! fields are its own, and how the two are merged and put back together.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::units::{Unit, collisions, merge_units};
use super::value::ValueMerge;
use super::{Cx, MergeError, Taken};
use crate::model::conflict::{Conflict, Side, Version};
use crate::model::renumber::Renumbering;
use crate::model::*;
use crate::store::error::FileError;
use crate::store::{conflicted, format};

/// The files of a workbook that git merges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    Manifest,
    Checklist,
    SelfCheck,
    Plan,
    Risks,
    Processes,
    Contacts,
    Backups,
    Incident,
}

impl FileKind {
    /// The kind of workbook file at `path` (relative to the workbook or the
    /// repository; only the last parts count). `private/` is never merged.
    pub fn of_path(path: &str) -> Option<FileKind> {
        let mut parts = path.rsplit('/');
        let name = parts.next()?;
        let parent = parts.next();
        if parent == Some("private") {
            return None;
        }
        if parent == Some("incidents") {
            return (name.ends_with(".ron") && !name.starts_with('.'))
                .then_some(FileKind::Incident);
        }
        Some(match name {
            "paraat.ron" => FileKind::Manifest,
            "checklist.ron" => FileKind::Checklist,
            "selfcheck.ron" => FileKind::SelfCheck,
            "plan.ron" => FileKind::Plan,
            "risks.ron" => FileKind::Risks,
            "processes.ron" => FileKind::Processes,
            "contacts.ron" => FileKind::Contacts,
            "backups.ron" => FileKind::Backups,
            _ => return None,
        })
    }

    /// The kinds of record this file holds.
    pub fn record_kinds(self) -> &'static [RecordKind] {
        use RecordKind as K;
        match self {
            FileKind::Checklist => &[K::ChecklistItem],
            FileKind::SelfCheck => &[K::Statement],
            FileKind::Plan => &[K::Step, K::FirstHourStep],
            FileKind::Risks => &[K::Risk],
            FileKind::Processes => &[K::Process, K::System, K::Supplier],
            FileKind::Contacts => &[K::Contact],
            FileKind::Backups => &[K::Backup],
            FileKind::Manifest | FileKind::Incident => &[],
        }
    }
}

/// One parsed version of a file.
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    Manifest(Box<Manifest>),
    Checklist(Checklist),
    SelfCheck(SelfCheck),
    Plan(Plan),
    Risks(Risks),
    Processes(Processes),
    Contacts(Contacts),
    Backups(Backups),
    Incident(Box<Incident>),
}

fn parse_as<T: DeserializeOwned>(
    file: &str,
    text: &str,
    wrap: fn(T) -> Parsed,
) -> Result<(Parsed, Vec<Conflict>), FileError> {
    parse_with(file, text, wrap, format::parse::<T>)
}

/// A large register is parsed in parts on several threads, as the store does.
fn parse_register_as<T: format::Register>(
    file: &str,
    text: &str,
    wrap: fn(T) -> Parsed,
) -> Result<(Parsed, Vec<Conflict>), FileError> {
    parse_with(file, text, wrap, format::parse_register::<T>)
}

fn parse_with<T: DeserializeOwned>(
    file: &str,
    text: &str,
    wrap: fn(T) -> Parsed,
    plain: fn(&str, &str) -> Result<T, FileError>,
) -> Result<(Parsed, Vec<Conflict>), FileError> {
    let text = format::check_text(file, text.as_bytes())?;
    let (value, conflicts) = conflicted::parse(file, text, plain)?;
    Ok((wrap(value), conflicts))
}

impl Parsed {
    /// Parses a version of `file`, a conflicted one too.
    pub fn parse(
        kind: FileKind,
        file: &str,
        text: &str,
    ) -> Result<(Parsed, Vec<Conflict>), FileError> {
        match kind {
            FileKind::Manifest => parse_as(file, text, |m| Parsed::Manifest(Box::new(m))),
            FileKind::Checklist => parse_as(file, text, Parsed::Checklist),
            FileKind::SelfCheck => parse_as(file, text, Parsed::SelfCheck),
            FileKind::Plan => parse_as(file, text, Parsed::Plan),
            FileKind::Risks => parse_register_as(file, text, Parsed::Risks),
            FileKind::Processes => parse_as(file, text, Parsed::Processes),
            FileKind::Contacts => parse_register_as(file, text, Parsed::Contacts),
            FileKind::Backups => parse_register_as(file, text, Parsed::Backups),
            FileKind::Incident => parse_as(file, text, |i| Parsed::Incident(Box::new(i))),
        }
    }

    /// The file as it is before anything is in it, for a base that does not exist.
    pub fn empty(kind: FileKind) -> Option<Parsed> {
        Some(match kind {
            FileKind::Checklist => Parsed::Checklist(Checklist::default()),
            FileKind::SelfCheck => Parsed::SelfCheck(SelfCheck::default()),
            FileKind::Plan => Parsed::Plan(Plan::default()),
            FileKind::Risks => Parsed::Risks(Risks::default()),
            FileKind::Processes => Parsed::Processes(Processes::default()),
            FileKind::Contacts => Parsed::Contacts(Contacts::default()),
            FileKind::Backups => Parsed::Backups(Backups::default()),
            FileKind::Manifest | FileKind::Incident => return None,
        })
    }

    /// Renames records and references as `renumbering` says.
    pub fn apply(&mut self, renumbering: &Renumbering) -> bool {
        match self {
            Parsed::Manifest(v) => renumbering.apply(&mut **v),
            Parsed::Checklist(v) => renumbering.apply(v),
            Parsed::SelfCheck(v) => renumbering.apply(v),
            Parsed::Plan(v) => renumbering.apply(v),
            Parsed::Risks(v) => renumbering.apply(v),
            Parsed::Processes(v) => renumbering.apply(v),
            Parsed::Contacts(v) => renumbering.apply(v),
            Parsed::Backups(v) => renumbering.apply(v),
            Parsed::Incident(v) => renumbering.apply(&mut **v),
        }
    }

    /// Every record id of the file, with its kind.
    pub fn ids(&self) -> Vec<(RecordKind, Id)> {
        fn of<T>(
            kind: RecordKind,
            list: &[T],
            id: fn(&T) -> &Id,
        ) -> impl Iterator<Item = (RecordKind, Id)> + '_ {
            list.iter().map(move |r| (kind, id(r).clone()))
        }
        use RecordKind as K;
        match self {
            Parsed::Checklist(v) => of(K::ChecklistItem, &v.items, |r| &r.id).collect(),
            Parsed::SelfCheck(v) => of(K::Statement, &v.statements, |r| &r.id).collect(),
            Parsed::Plan(v) => v
                .phases
                .iter()
                .flat_map(|p| of(K::Step, &p.steps, |r| &r.id))
                .chain(of(K::FirstHourStep, &v.first_hour, |r| &r.id))
                .collect(),
            Parsed::Risks(v) => of(K::Risk, &v.risks, |r| &r.id).collect(),
            Parsed::Processes(v) => of(K::Process, &v.processes, |r| &r.id)
                .chain(of(K::System, &v.systems, |r| &r.id))
                .chain(of(K::Supplier, &v.suppliers, |r| &r.id))
                .collect(),
            Parsed::Contacts(v) => of(K::Contact, &v.contacts, |r| &r.id).collect(),
            Parsed::Backups(v) => of(K::Backup, &v.backups, |r| &r.id).collect(),
            Parsed::Manifest(_) | Parsed::Incident(_) => Vec::new(),
        }
    }

    /// Notes every id and high-water mark of the file in `taken`.
    pub fn note_taken(&self, taken: &mut Taken) {
        for (kind, id) in self.ids() {
            taken.see(kind, &id);
        }
        use RecordKind as K;
        match self {
            Parsed::Checklist(v) => taken.mark(K::ChecklistItem, 0, v.next_number),
            Parsed::SelfCheck(v) => taken.mark(K::Statement, 0, v.next_number),
            Parsed::Plan(v) => {
                taken.mark(K::FirstHourStep, 0, v.next_first_hour);
                for phase in &v.phases {
                    taken.mark(K::Step, phase.number, phase.next_step);
                }
            }
            Parsed::Risks(v) => taken.mark(K::Risk, 0, v.next_number),
            Parsed::Processes(v) => {
                taken.mark(K::Process, 0, v.next_process);
                taken.mark(K::System, 0, v.next_system);
                taken.mark(K::Supplier, 0, v.next_supplier);
            }
            Parsed::Contacts(v) => taken.mark(K::Contact, 0, v.next_number),
            Parsed::Backups(v) => taken.mark(K::Backup, 0, v.next_number),
            Parsed::Manifest(_) | Parsed::Incident(_) => {}
        }
    }

    /// Ids added on both sides as different records.
    pub fn collisions(b: Option<&Parsed>, o: &Parsed, t: &Parsed) -> Vec<(RecordKind, Id)> {
        fn of<T: Unit>(b: Option<&[T]>, o: &[T], t: &[T]) -> Vec<(RecordKind, Id)> {
            collisions(b.unwrap_or(&[]), o, t)
                .into_iter()
                .map(|id| (T::KIND, id))
                .collect()
        }
        macro_rules! pick {
            ($variant:ident, $($field:ident),+) => {{
                let b = match b { Some(Parsed::$variant(v)) => Some(v), _ => None };
                let (Parsed::$variant(o), Parsed::$variant(t)) = (o, t) else { return Vec::new() };
                let mut out = Vec::new();
                $( out.extend(of(b.map(|v| &v.$field[..]), &o.$field, &t.$field)); )+
                out
            }};
        }
        match o {
            Parsed::Checklist(_) => pick!(Checklist, items),
            Parsed::SelfCheck(_) => pick!(SelfCheck, statements),
            Parsed::Risks(_) => pick!(Risks, risks),
            Parsed::Processes(_) => pick!(Processes, processes, systems, suppliers),
            Parsed::Contacts(_) => pick!(Contacts, contacts),
            Parsed::Backups(_) => pick!(Backups, backups),
            Parsed::Plan(_) => {
                let b = match b {
                    Some(Parsed::Plan(v)) => Some(v),
                    _ => None,
                };
                let (Parsed::Plan(o), Parsed::Plan(t)) = (o, t) else {
                    return Vec::new();
                };
                let steps = |p: &Plan| {
                    p.phases
                        .iter()
                        .flat_map(|ph| ph.steps.iter().cloned())
                        .collect::<Vec<_>>()
                };
                let mut out = of(b.map(|v| &v.first_hour[..]), &o.first_hour, &t.first_hour);
                let bs = b.map(steps);
                out.extend(of(bs.as_deref(), &steps(o), &steps(t)));
                out
            }
            Parsed::Manifest(_) | Parsed::Incident(_) => Vec::new(),
        }
    }

    /// The name of the record `id` (its title or name), for messages.
    pub fn name_of(&self, id: &Id) -> Option<String> {
        fn find<T>(
            list: &[T],
            id: &Id,
            key: fn(&T) -> &Id,
            name: fn(&T) -> &str,
        ) -> Option<String> {
            list.iter()
                .find(|r| key(r) == id)
                .map(|r| name(r).to_owned())
        }
        match self {
            Parsed::Checklist(v) => find(&v.items, id, |r| &r.id, |r| &r.question),
            Parsed::SelfCheck(v) => find(&v.statements, id, |r| &r.id, |r| &r.statement),
            Parsed::Plan(v) => v
                .phases
                .iter()
                .find_map(|p| find(&p.steps, id, |r| &r.id, |r| &r.title))
                .or_else(|| find(&v.first_hour, id, |r| &r.id, |r| &r.title)),
            Parsed::Risks(v) => find(&v.risks, id, |r| &r.id, |r| &r.title),
            Parsed::Processes(v) => find(&v.processes, id, |r| &r.id, |r| &r.name)
                .or_else(|| find(&v.systems, id, |r| &r.id, |r| &r.name))
                .or_else(|| find(&v.suppliers, id, |r| &r.id, |r| &r.name)),
            Parsed::Contacts(v) => find(&v.contacts, id, |r| &r.id, |r| &r.name),
            Parsed::Backups(v) => find(&v.backups, id, |r| &r.id, |r| &r.what),
            Parsed::Manifest(_) | Parsed::Incident(_) => None,
        }
    }

    /// Raises the high-water mark of `kind` past `id`.
    pub fn raise_mark(&mut self, kind: RecordKind, id: &Id) {
        let n = |prefix: &str| id.number(prefix).map(|n| n.saturating_add(1)).unwrap_or(0);
        use RecordKind as K;
        match (self, kind) {
            (Parsed::Checklist(v), K::ChecklistItem) => v.next_number = v.next_number.max(n("CL")),
            (Parsed::SelfCheck(v), K::Statement) => v.next_number = v.next_number.max(n("SC")),
            (Parsed::Risks(v), K::Risk) => v.next_number = v.next_number.max(n("R")),
            (Parsed::Processes(v), K::Process) => v.next_process = v.next_process.max(n("P")),
            (Parsed::Processes(v), K::System) => v.next_system = v.next_system.max(n("S")),
            (Parsed::Processes(v), K::Supplier) => v.next_supplier = v.next_supplier.max(n("SUP")),
            (Parsed::Contacts(v), K::Contact) => v.next_number = v.next_number.max(n("C")),
            (Parsed::Backups(v), K::Backup) => v.next_number = v.next_number.max(n("B")),
            (Parsed::Plan(v), K::FirstHourStep) => {
                v.next_first_hour = v.next_first_hour.max(n("FH"))
            }
            (Parsed::Plan(v), K::Step) => {
                for phase in &mut v.phases {
                    if let Some(k) = phase.step_number(id) {
                        phase.next_step = phase.next_step.max(k.saturating_add(1));
                    }
                }
            }
            _ => {}
        }
    }

    /// The canonical text, wrapped when conflicts are left.
    pub fn render(&self, conflicts: &[Conflict]) -> Result<String, String> {
        match self {
            Parsed::Manifest(v) => conflicted::render(&**v, conflicts),
            Parsed::Checklist(v) => conflicted::render(v, conflicts),
            Parsed::SelfCheck(v) => conflicted::render(v, conflicts),
            Parsed::Plan(v) => conflicted::render(v, conflicts),
            Parsed::Risks(v) => conflicted::render(v, conflicts),
            Parsed::Processes(v) => conflicted::render(v, conflicts),
            Parsed::Contacts(v) => conflicted::render(v, conflicts),
            Parsed::Backups(v) => conflicted::render(v, conflicts),
            Parsed::Incident(v) => conflicted::render(&**v, conflicts),
        }
    }

    /// Merges three versions of one file.
    pub(crate) fn merge(
        b: Option<&Parsed>,
        o: &Parsed,
        t: &Parsed,
        cx: &mut Cx,
    ) -> Result<Parsed, MergeError> {
        macro_rules! sides {
            ($variant:ident) => {{
                let b = match b {
                    Some(Parsed::$variant(v)) => Some(v),
                    _ => None,
                };
                let (Parsed::$variant(o), Parsed::$variant(t)) = (o, t) else {
                    return Err(MergeError::Shape(
                        "the versions are different files".to_owned(),
                    ));
                };
                (b, o, t)
            }};
        }
        let max = |b: Option<u32>, o: u32, t: u32| {
            let _ = b;
            o.max(t)
        };
        Ok(match o {
            Parsed::Checklist(_) => {
                let (b, o, t) = sides!(Checklist);
                Parsed::Checklist(Checklist {
                    next_number: max(b.map(|v| v.next_number), o.next_number, t.next_number),
                    items: merge_units(
                        b.map_or(&[], |v| &v.items[..]),
                        &o.items,
                        &t.items,
                        true,
                        cx,
                    )?,
                })
            }
            Parsed::SelfCheck(_) => {
                let (b, o, t) = sides!(SelfCheck);
                Parsed::SelfCheck(SelfCheck {
                    next_number: max(b.map(|v| v.next_number), o.next_number, t.next_number),
                    statements: merge_units(
                        b.map_or(&[], |v| &v.statements[..]),
                        &o.statements,
                        &t.statements,
                        true,
                        cx,
                    )?,
                })
            }
            Parsed::Risks(_) => {
                let (b, o, t) = sides!(Risks);
                Parsed::Risks(Risks {
                    next_number: max(b.map(|v| v.next_number), o.next_number, t.next_number),
                    risks: merge_units(
                        b.map_or(&[], |v| &v.risks[..]),
                        &o.risks,
                        &t.risks,
                        true,
                        cx,
                    )?,
                })
            }
            Parsed::Backups(_) => {
                let (b, o, t) = sides!(Backups);
                Parsed::Backups(Backups {
                    next_number: max(b.map(|v| v.next_number), o.next_number, t.next_number),
                    backups: merge_units(
                        b.map_or(&[], |v| &v.backups[..]),
                        &o.backups,
                        &t.backups,
                        true,
                        cx,
                    )?,
                })
            }
            Parsed::Processes(_) => {
                let (b, o, t) = sides!(Processes);
                Parsed::Processes(Processes {
                    next_process: o.next_process.max(t.next_process),
                    next_system: o.next_system.max(t.next_system),
                    next_supplier: o.next_supplier.max(t.next_supplier),
                    processes: merge_units(
                        b.map_or(&[], |v| &v.processes[..]),
                        &o.processes,
                        &t.processes,
                        true,
                        cx,
                    )?,
                    systems: merge_units(
                        b.map_or(&[], |v| &v.systems[..]),
                        &o.systems,
                        &t.systems,
                        true,
                        cx,
                    )?,
                    suppliers: merge_units(
                        b.map_or(&[], |v| &v.suppliers[..]),
                        &o.suppliers,
                        &t.suppliers,
                        true,
                        cx,
                    )?,
                })
            }
            Parsed::Contacts(_) => {
                let (b, o, t) = sides!(Contacts);
                let skeleton = |c: &Contacts| Contacts {
                    contacts: Vec::new(),
                    ..c.clone()
                };
                let (mut merged, _) = merge_own(
                    None,
                    b.map(skeleton).as_ref(),
                    &skeleton(o),
                    &skeleton(t),
                    cx,
                    |c| Version::Contacts(Box::new(c)),
                )?;
                merged.contacts = merge_units(
                    b.map_or(&[], |v| &v.contacts[..]),
                    &o.contacts,
                    &t.contacts,
                    true,
                    cx,
                )?;
                Parsed::Contacts(merged)
            }
            Parsed::Manifest(_) => {
                let (b, o, t) = sides!(Manifest);
                let (merged, _) = merge_own(None, b.map(|m| &**m), o, t, cx, |m| {
                    Version::Manifest(Box::new(m))
                })?;
                Parsed::Manifest(Box::new(merged))
            }
            Parsed::Incident(_) => {
                let (b, o, t) = sides!(Incident);
                let id = o.id.clone();
                let (merged, _) = merge_own(Some(id), b.map(|v| &**v), o, t, cx, |i| {
                    Version::Incident(Box::new(i))
                })?;
                Parsed::Incident(Box::new(merged))
            }
            Parsed::Plan(_) => {
                let (b, o, t) = sides!(Plan);
                Parsed::Plan(merge_plan(b, o, t, cx)?)
            }
        })
    }
}

/// Merges a file's own fields (not its records) as one value. Conflicts are kept
/// as one entry holding the other side's version of the whole value.
fn merge_own<T: Serialize + DeserializeOwned + Clone + PartialEq>(
    record: Option<Id>,
    b: Option<&T>,
    o: &T,
    t: &T,
    cx: &mut Cx,
    version: fn(T) -> Version,
) -> Result<(T, Vec<String>), MergeError> {
    if o == t || b == Some(t) {
        return Ok((o.clone(), Vec::new()));
    }
    if b == Some(o) {
        return Ok((t.clone(), Vec::new()));
    }
    let shape = |e: serde_json::Error| MergeError::Shape(e.to_string());
    let jb = match b {
        Some(b) => serde_json::to_value(b).map_err(shape)?,
        None => Value::Null,
    };
    let jo = serde_json::to_value(o).map_err(shape)?;
    let jt = serde_json::to_value(t).map_err(shape)?;
    let mut ours = ValueMerge::new(Side::Ours);
    let merged: T = serde_json::from_value(ours.merge("", "", &jb, &jo, &jt)).map_err(shape)?;
    if !ours.conflicts.is_empty() {
        let mut theirs = ValueMerge::new(Side::Theirs);
        let other: T =
            serde_json::from_value(theirs.merge("", "", &jb, &jo, &jt)).map_err(shape)?;
        cx.conflicts.push(Conflict::Changed {
            record,
            fields: ours.conflicts.clone(),
            kept: cx.name(Side::Ours).to_owned(),
            other_side: cx.name(Side::Theirs).to_owned(),
            other: Some(Box::new(version(other))),
        });
    }
    Ok((merged, ours.conflicts))
}

/// The plan: phases (matched by number) with their own fields merged as one
/// value, the steps of each phase merged by id, and the first-hour steps by id.
fn merge_plan(b: Option<&Plan>, o: &Plan, t: &Plan, cx: &mut Cx) -> Result<Plan, MergeError> {
    // A phase one side deleted while the other changed it (or its steps) stays.
    let mut o = o.clone();
    let mut t = t.clone();
    if let Some(b) = b {
        for phase in &b.phases {
            let has = |p: &Plan| p.phases.iter().find(|x| x.number == phase.number).cloned();
            for side in [Side::Ours, Side::Theirs] {
                let (this, other) = match side {
                    Side::Ours => (&mut o, &t),
                    Side::Theirs => (&mut t, &o),
                };
                if has(this).is_none()
                    && let Some(kept) = has(other)
                    && kept != *phase
                {
                    this.phases.push(phase.clone());
                    this.phases.sort_by_key(|p| p.number);
                    cx.conflicts.push(Conflict::Changed {
                        record: None,
                        fields: vec![format!("phases[{}]", phase.number)],
                        kept: cx.name(side.other()).to_owned(),
                        other_side: cx.name(side).to_owned(),
                        other: None,
                    });
                }
            }
        }
    }
    let skeleton = |p: &Plan| Plan {
        phases: p
            .phases
            .iter()
            .map(|ph| Phase {
                steps: Vec::new(),
                ..ph.clone()
            })
            .collect(),
        first_hour: Vec::new(),
        next_first_hour: p.next_first_hour,
    };
    let (mut merged, _) = merge_own(
        None,
        b.map(skeleton).as_ref(),
        &skeleton(&o),
        &skeleton(&t),
        cx,
        |p| Version::Plan(Box::new(p)),
    )?;
    let steps_of = |p: Option<&Plan>, number: u32| -> Vec<Step> {
        p.and_then(|p| p.phases.iter().find(|x| x.number == number))
            .map(|x| x.steps.clone())
            .unwrap_or_default()
    };
    for phase in &mut merged.phases {
        let n = phase.number;
        phase.steps = merge_units(
            &steps_of(b, n),
            &steps_of(Some(&o), n),
            &steps_of(Some(&t), n),
            false,
            cx,
        )?;
    }
    merged.first_hour = merge_units(
        b.map_or(&[], |v| &v.first_hour[..]),
        &o.first_hour,
        &t.first_hour,
        false,
        cx,
    )?;
    Ok(merged)
}

/// Picks the version of `side`.
pub(crate) fn side_of<'a, T>(side: Side, ours: &'a T, theirs: &'a T) -> &'a T {
    match side {
        Side::Ours => ours,
        Side::Theirs => theirs,
    }
}
