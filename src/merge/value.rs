//! Field-by-field merge of one record (or a file's own fields), as JSON values.
//!
//! serde turns every record into JSON the same way, so one function merges them
//! all: a field changed on one side takes that change; structs (a rating, an
//! acceptance) merge field by field; lists merge by what they are (see
//! [`ListRule`]); the high-water marks take the larger number. Only the same field
//! changed to different values on both sides is a conflict: its path is recorded
//! and the preferred side's value is used. Running the merge once preferring ours
//! and once preferring theirs gives the file's version and the other side's.

use serde_json::{Map, Value};

use super::sequence::{merge_order, merge_set, merge3};
use crate::model::conflict::Side;

/// How the lists of a field merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListRule {
    /// An append-only log: the union of every side's entries, in time order.
    Log { time: &'static str },
    /// A log whose entries may be corrected: entries one side removed go, the
    /// rest and every side's additions stay, in time order.
    EditableLog { time: &'static str },
    /// Elements identified by a key field: merged element by element.
    Keyed { key: &'static str },
    /// References to records: order kept, never a conflict.
    Set,
    /// An ordered list: both sides' changes when they do not overlap.
    Sequence,
}

fn list_rule(field: &str) -> ListRule {
    match field {
        "timeline" | "notifications" => ListRule::Log { time: "at" },
        "restore_tests" => ListRule::EditableLog { time: "date" },
        "crisis_roles" => ListRule::Keyed { key: "role" },
        "phases" => ListRule::Keyed { key: "number" },
        "processes" | "systems" | "suppliers" | "actions" | "risks" | "statements"
        | "affected_systems" | "data" => ListRule::Set,
        _ => ListRule::Sequence,
    }
}

/// The fields that are high-water marks or versions: the larger wins.
fn is_mark(field: &str) -> bool {
    matches!(
        field,
        "next_number"
            | "next_process"
            | "next_system"
            | "next_supplier"
            | "next_first_hour"
            | "next_step"
            | "format"
    )
}

/// A JSON object that stands for an enum variant with data (`{"Hours": 24}`): it
/// is one value, never merged inside.
fn is_variant(map: &Map<String, Value>) -> bool {
    map.len() == 1
        && map
            .keys()
            .next()
            .is_some_and(|k| k.starts_with(|c: char| c.is_ascii_uppercase()))
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// The key of a keyed-list element as it appears in paths.
fn key_text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// One run of the merge, preferring one side where the two conflict.
pub struct ValueMerge {
    prefer: Side,
    /// Paths of the fields that conflicted.
    pub conflicts: Vec<String>,
}

impl ValueMerge {
    pub fn new(prefer: Side) -> ValueMerge {
        ValueMerge {
            prefer,
            conflicts: Vec::new(),
        }
    }

    fn conflict(&mut self, path: &str, o: &Value, t: &Value) -> Value {
        self.conflicts.push(path.to_owned());
        match self.prefer {
            Side::Ours => o.clone(),
            Side::Theirs => t.clone(),
        }
    }

    /// Merges `o` and `t`, both changed from `b` (`Null` when there is no base).
    /// `field` is the name of the field holding the value (it picks the list rule).
    pub fn merge(&mut self, path: &str, field: &str, b: &Value, o: &Value, t: &Value) -> Value {
        if o == t || b == t {
            return o.clone();
        }
        if b == o {
            return t.clone();
        }
        if is_mark(field)
            && let (Some(x), Some(y)) = (o.as_u64(), t.as_u64())
        {
            return Value::from(x.max(y));
        }
        match (o, t) {
            (Value::Object(om), Value::Object(tm)) if !is_variant(om) && !is_variant(tm) => {
                let empty = Map::new();
                let bm = match b {
                    Value::Object(bm) if !is_variant(bm) => bm,
                    _ => &empty,
                };
                let mut keys: Vec<&String> = om.keys().chain(tm.keys()).chain(bm.keys()).collect();
                keys.sort();
                keys.dedup();
                let mut out = Map::new();
                for key in keys {
                    let get = |m: &Map<String, Value>| m.get(key).cloned().unwrap_or(Value::Null);
                    let merged = self.merge(&join(path, key), key, &get(bm), &get(om), &get(tm));
                    if !(merged.is_null() && !om.contains_key(key) && !tm.contains_key(key)) {
                        out.insert(key.clone(), merged);
                    }
                }
                Value::Object(out)
            }
            (Value::Array(oa), Value::Array(ta)) => {
                let empty = Vec::new();
                let ba = b.as_array().unwrap_or(&empty);
                self.merge_list(path, field, ba, oa, ta)
            }
            _ => self.conflict(path, o, t),
        }
    }

    fn merge_list(
        &mut self,
        path: &str,
        field: &str,
        b: &[Value],
        o: &[Value],
        t: &[Value],
    ) -> Value {
        match list_rule(field) {
            ListRule::Log { time } => Value::Array(union_in_time(b, o, t, time, false)),
            ListRule::EditableLog { time } => Value::Array(union_in_time(b, o, t, time, true)),
            ListRule::Keyed { key } => self.merge_keyed(path, field, key, b, o, t),
            ListRule::Set => {
                let (bs, os, ts) = (texts(b), texts(o), texts(t));
                let merged = merge3(&bs, &os, &ts).unwrap_or_else(|| merge_set(&bs, &os, &ts));
                let mut seen = Vec::new();
                Value::Array(
                    merged
                        .into_iter()
                        .filter(|x| {
                            let new = !seen.contains(x);
                            seen.push(x.clone());
                            new
                        })
                        .map(|x| from_text(&x))
                        .collect(),
                )
            }
            ListRule::Sequence => {
                let (bs, os, ts) = (texts(b), texts(o), texts(t));
                match merge3(&bs, &os, &ts) {
                    Some(merged) => Value::Array(merged.iter().map(|x| from_text(x)).collect()),
                    None => {
                        self.conflict(path, &Value::Array(o.to_vec()), &Value::Array(t.to_vec()))
                    }
                }
            }
        }
    }

    /// Elements matched by `key` across the three lists and merged one by one; the
    /// order of the keys merges like a sequence.
    fn merge_keyed(
        &mut self,
        path: &str,
        field: &str,
        key: &str,
        b: &[Value],
        o: &[Value],
        t: &[Value],
    ) -> Value {
        let keys = |list: &[Value]| -> Option<Vec<String>> {
            list.iter().map(|v| key_text(v, key)).collect()
        };
        let (Some(kb), Some(ko), Some(kt)) = (keys(b), keys(o), keys(t)) else {
            // Not keyed after all: merge as a sequence.
            let (bs, os, ts) = (texts(b), texts(o), texts(t));
            return match merge3(&bs, &os, &ts) {
                Some(merged) => Value::Array(merged.iter().map(|x| from_text(x)).collect()),
                None => self.conflict(path, &Value::Array(o.to_vec()), &Value::Array(t.to_vec())),
            };
        };
        let order = merge_order(&kb, &ko, &kt);
        let find = |list: &[Value], keys: &[String], k: &str| {
            keys.iter().position(|x| x == k).map(|i| list[i].clone())
        };
        let mut out = Vec::new();
        for k in order {
            let here = format!("{path}[{k}]");
            let (bv, ov, tv) = (find(b, &kb, &k), find(o, &ko, &k), find(t, &kt, &k));
            match (bv, ov, tv) {
                (_, Some(ov), Some(tv)) => {
                    let bv = find(b, &kb, &k).unwrap_or(Value::Null);
                    out.push(self.merge(&here, field, &bv, &ov, &tv));
                }
                (Some(bv), Some(ov), None) | (Some(bv), None, Some(ov)) => {
                    // Deleted on one side: gone, unless the other side changed it.
                    if ov != bv {
                        self.conflicts.push(here);
                        out.push(ov);
                    }
                }
                (None, Some(v), None) | (None, None, Some(v)) => out.push(v),
                (_, None, None) => {}
            }
        }
        Value::Array(out)
    }
}

/// Each element as canonical JSON text (object keys are sorted), for comparing.
fn texts(list: &[Value]) -> Vec<String> {
    list.iter().map(Value::to_string).collect()
}

fn from_text(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// The entries of every side, each once, in time order (a stable sort, so entries
/// at the same moment keep base, ours, theirs order). With `deletions`, an entry of
/// the base that a side removed is left out.
fn union_in_time(b: &[Value], o: &[Value], t: &[Value], time: &str, deletions: bool) -> Vec<Value> {
    let (bs, os, ts) = (texts(b), texts(o), texts(t));
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut out: Vec<(String, Value)> = Vec::new();
    let mut take = |text: &str, value: &Value| {
        if seen.insert(text.to_owned()) {
            let at = value
                .get(time)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            out.push((at, value.clone()));
        }
    };
    for (text, value) in bs.iter().zip(b) {
        if !deletions || (os.contains(text) && ts.contains(text)) {
            take(text, value);
        }
    }
    for (text, value) in os.iter().zip(o).chain(ts.iter().zip(t)) {
        if !bs.contains(text) {
            take(text, value);
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, v)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn merged(b: Value, o: Value, t: Value) -> (Value, Vec<String>) {
        let mut m = ValueMerge::new(Side::Ours);
        let v = m.merge("", "", &b, &o, &t);
        (v, m.conflicts)
    }

    #[test]
    fn adjacent_fields_changed_on_the_two_sides_both_apply() {
        let b = json!({"current": {"likelihood": 3, "impact": 4}, "title": "a"});
        let o = json!({"current": {"likelihood": 2, "impact": 4}, "title": "a"});
        let t = json!({"current": {"likelihood": 3, "impact": 5}, "title": "a"});
        let (v, c) = merged(b, o, t);
        assert_eq!(v["current"], json!({"likelihood": 2, "impact": 5}));
        assert!(c.is_empty());
    }

    #[test]
    fn the_same_field_changed_differently_is_a_conflict_at_its_path() {
        let b = json!({"current": {"likelihood": 3}});
        let o = json!({"current": {"likelihood": 2}});
        let t = json!({"current": {"likelihood": 4}});
        let (v, c) = merged(b.clone(), o.clone(), t.clone());
        assert_eq!(v["current"]["likelihood"], 2);
        assert_eq!(c, vec!["current.likelihood"]);
        let mut theirs = ValueMerge::new(Side::Theirs);
        assert_eq!(theirs.merge("", "", &b, &o, &t)["current"]["likelihood"], 4);
    }

    #[test]
    fn variants_with_data_are_one_value() {
        let b = json!({"rto": {"Hours": 4}});
        let o = json!({"rto": {"Days": 1}});
        let t = json!({"rto": {"Hours": 8}});
        let (v, c) = merged(b, o, t);
        assert_eq!(v["rto"], json!({"Days": 1}));
        assert_eq!(c, vec!["rto"]);
    }

    #[test]
    fn marks_take_the_larger() {
        let (v, c) = merged(
            json!({"next_number": 3}),
            json!({"next_number": 4}),
            json!({"next_number": 6}),
        );
        assert_eq!(v["next_number"], 6);
        assert!(c.is_empty());
    }

    #[test]
    fn timelines_are_the_union_in_time_order() {
        let e = |at: &str, text: &str| json!({"at": at, "by": "x", "kind": "Note", "text": text});
        let b = json!({"timeline": [e("2026-01-01T10:00:00Z", "start")]});
        let o = json!({"timeline": [e("2026-01-01T10:00:00Z", "start"), e("2026-01-01T10:30:00Z", "ours")]});
        let t = json!({"timeline": [e("2026-01-01T10:00:00Z", "start"), e("2026-01-01T10:10:00Z", "theirs")]});
        let (v, c) = merged(b, o, t);
        let texts: Vec<_> = v["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["text"].clone())
            .collect();
        assert_eq!(texts, vec![json!("start"), json!("theirs"), json!("ours")]);
        assert!(c.is_empty());
    }

    #[test]
    fn reference_lists_merge_as_sets() {
        let (v, c) = merged(
            json!({"systems": ["S-001", "S-002"]}),
            json!({"systems": ["S-002", "S-003"]}),
            json!({"systems": ["S-004", "S-001", "S-002"]}),
        );
        assert_eq!(v["systems"], json!(["S-002", "S-003", "S-004"]));
        assert!(c.is_empty());
    }

    #[test]
    fn keyed_elements_merge_by_key() {
        let r = |role: &str, p: &str, d: &str| json!({"role": role, "primary": p, "deputy": d});
        let (v, c) = merged(
            json!({"crisis_roles": [r("A", "C-1", "C-2")]}),
            json!({"crisis_roles": [r("A", "C-3", "C-2")]}),
            json!({"crisis_roles": [r("A", "C-1", "C-4")]}),
        );
        assert_eq!(v["crisis_roles"], json!([r("A", "C-3", "C-4")]));
        assert!(c.is_empty());
        let (_, c) = merged(
            json!({"crisis_roles": [r("A", "C-1", "C-2")]}),
            json!({"crisis_roles": [r("A", "C-3", "C-2")]}),
            json!({"crisis_roles": [r("A", "C-5", "C-2")]}),
        );
        assert_eq!(c, vec!["crisis_roles[A].primary"]);
    }
}
