//! Lists of records merged by id: each record is matched across base, ours and
//! theirs, records added on either side are kept, and a record changed on both
//! sides is merged field by field ([`super::value`]).

use std::collections::HashMap;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::sequence::merge_order;
use super::value::ValueMerge;
use super::{Cx, MergeError};
use crate::model::conflict::{Conflict, Side, Version};
use crate::model::*;

/// A record kept in a list by id.
pub(crate) trait Unit: Clone + PartialEq + Serialize + DeserializeOwned {
    const KIND: RecordKind;
    fn key(&self) -> &Id;
    fn version(self) -> Version;
}

macro_rules! unit {
    ($($ty:ident),+) => {$(
        impl Unit for $ty {
            const KIND: RecordKind = RecordKind::$ty;
            fn key(&self) -> &Id { &self.id }
            fn version(self) -> Version { Version::$ty(self) }
        }
    )+};
}
unit!(
    ChecklistItem,
    Statement,
    Step,
    FirstHourStep,
    Risk,
    Process,
    System,
    Supplier,
    Contact,
    Backup
);

/// The order ids sort in: by prefix, then number (`R-9` before `R-10`).
pub(crate) fn id_cmp(a: &Id, b: &Id) -> std::cmp::Ordering {
    fn split(id: &str) -> (&str, Option<u64>) {
        match id.rsplit_once(['-', '.']) {
            Some((head, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                (head, n.parse().ok())
            }
            _ => (id, None),
        }
    }
    let (ha, na) = split(a.as_str());
    let (hb, nb) = split(b.as_str());
    ha.cmp(hb).then(na.cmp(&nb)).then_with(|| a.cmp(b))
}

fn is_sorted<T: Unit>(list: &[T]) -> bool {
    list.windows(2)
        .all(|w| id_cmp(w[0].key(), w[1].key()).is_le())
}

fn json<T: Serialize>(value: &T) -> Result<Value, MergeError> {
    serde_json::to_value(value).map_err(|e| MergeError::Shape(e.to_string()))
}

fn typed<T: DeserializeOwned>(value: Value) -> Result<T, MergeError> {
    serde_json::from_value(value).map_err(|e| MergeError::Shape(e.to_string()))
}

/// Merges one list of records. `sorted`: the register keeps id order, so the result
/// is sorted when every side was.
pub(crate) fn merge_units<T: Unit>(
    b: &[T],
    o: &[T],
    t: &[T],
    sorted: bool,
    cx: &mut Cx,
) -> Result<Vec<T>, MergeError> {
    if o == t || b == t {
        return Ok(o.to_vec());
    }
    if b == o {
        return Ok(t.to_vec());
    }
    let index = |list: &[T]| -> Result<HashMap<Id, usize>, MergeError> {
        let mut map = HashMap::with_capacity(list.len());
        for (i, r) in list.iter().enumerate() {
            if map.insert(r.key().clone(), i).is_some() {
                return Err(MergeError::DuplicateId(r.key().to_string()));
            }
        }
        Ok(map)
    };
    let (ib, io, it) = (index(b)?, index(o)?, index(t)?);
    let keys = |list: &[T]| list.iter().map(|r| r.key().clone()).collect::<Vec<_>>();
    let (kb, ko, kt) = (keys(b), keys(o), keys(t));
    let order = merge_order(&kb, &ko, &kt);

    let mut out = Vec::with_capacity(order.len());
    for key in order {
        let rb = ib.get(&key).map(|&i| &b[i]);
        let ro = io.get(&key).map(|&i| &o[i]);
        let rt = it.get(&key).map(|&i| &t[i]);
        match (rb, ro, rt) {
            (_, Some(ro), Some(rt)) if ro == rt => out.push(ro.clone()),
            (Some(rb), Some(ro), Some(rt)) if ro == rb => out.push(rt.clone()),
            (Some(rb), Some(ro), Some(rt)) if rt == rb => out.push(ro.clone()),
            (rb, Some(ro), Some(rt)) => out.push(merge_record(rb, ro, rt, cx)?),
            (Some(rb), Some(ro), None) => {
                if ro != rb {
                    out.push(ro.clone());
                    cx.conflicts.push(deleted_conflict(&key, Side::Ours, cx));
                }
            }
            (Some(rb), None, Some(rt)) => {
                if rt != rb {
                    out.push(rt.clone());
                    cx.conflicts.push(deleted_conflict(&key, Side::Theirs, cx));
                }
            }
            (None, Some(r), None) | (None, None, Some(r)) => out.push(r.clone()),
            (_, None, None) => {}
        }
    }
    if sorted && is_sorted(b) && is_sorted(o) && is_sorted(t) {
        out.sort_by(|a, b| id_cmp(a.key(), b.key()));
    }
    Ok(out)
}

/// A record one side deleted and `changed` changed: the changed one stays.
fn deleted_conflict(key: &Id, changed: Side, cx: &Cx) -> Conflict {
    Conflict::Changed {
        record: Some(key.clone()),
        fields: Vec::new(),
        kept: cx.name(changed).to_owned(),
        other_side: cx.name(changed.other()).to_owned(),
        other: None,
    }
}

/// A record changed on both sides: field by field.
pub(crate) fn merge_record<T: Unit>(
    b: Option<&T>,
    o: &T,
    t: &T,
    cx: &mut Cx,
) -> Result<T, MergeError> {
    let jb = match b {
        Some(b) => json(b)?,
        None => Value::Null,
    };
    let (jo, jt) = (json(o)?, json(t)?);
    let mut ours = ValueMerge::new(Side::Ours);
    let merged = ours.merge("", "", &jb, &jo, &jt);
    if ours.conflicts.is_empty() {
        return typed(merged);
    }
    let mut theirs = ValueMerge::new(Side::Theirs);
    let other: T = typed(theirs.merge("", "", &jb, &jo, &jt))?;
    cx.conflicts.push(Conflict::Changed {
        record: Some(o.key().clone()),
        fields: ours.conflicts,
        kept: cx.name(Side::Ours).to_owned(),
        other_side: cx.name(Side::Theirs).to_owned(),
        other: Some(Box::new(other.version())),
    });
    typed(merged)
}

/// Ids added on both sides (not in the base) as different records.
pub(crate) fn collisions<T: Unit>(b: &[T], o: &[T], t: &[T]) -> Vec<Id> {
    let in_base: std::collections::HashSet<&Id> = b.iter().map(Unit::key).collect();
    let theirs: HashMap<&Id, &T> = t.iter().map(|r| (r.key(), r)).collect();
    let mut out: Vec<Id> = o
        .iter()
        .filter(|r| !in_base.contains(r.key()))
        .filter(|r| theirs.get(r.key()).is_some_and(|other| *other != *r))
        .map(|r| r.key().clone())
        .collect();
    out.sort_by(id_cmp);
    out.dedup();
    out
}
