//! The quick way through a large register: records whose text is the same on the
//! sides that matter are carried over as text, and only the records changed on
//! both sides are parsed and merged.
//!
//! Parsing three versions of a 10,000-risk register is most of a merge's cost,
//! while a merge of two branches touches a few hundred records. So for the big
//! registers (risks, contacts, backups) the texts are cut into records with a
//! scanner that knows RON strings (a `)` in a description is not a record's end),
//! and records are compared as text. This is only done when every side is in the
//! canonical layout `paraat fmt` writes (the scanner checks the indentation of
//! every line and that there are no comments), nothing is renumbered and nothing
//! conflicts; anything else is merged the full way. Either way the result is the
//! same canonical text (a property test compares the two).

use super::files::Parsed;
use super::sequence::merge_order;
use super::units::{Unit, id_cmp, merge_record};
use super::{Cx, MergeError};
use crate::model::*;
use crate::store::format::{self, Register};

/// A register's text cut into its records.
struct Cut<'a> {
    /// Everything before the record list's items (up to and with `risks: [`).
    head: &'a str,
    /// Each record's id and text (from its first line to its `),` and newline).
    records: Vec<(&'a str, &'a str)>,
    /// Everything after the items (from the line closing the list).
    tail: &'a str,
}

/// Cuts a canonical register text; `None` when it is not in canonical layout.
fn cut<'a>(text: &'a str, field: &str, record: &str) -> Option<Cut<'a>> {
    let bytes = text.as_bytes();
    let open = format!("\n    {field}: [\n");
    let empty = format!("\n    {field}: [],\n");
    // Open brackets, each marked whether it broke the line (a struct or list) or
    // not (`Some(`): only the former indent what follows.
    let mut stack: Vec<bool> = Vec::new();
    let mut depth: usize = 0;
    let mut in_string = false;
    let mut i = 0;
    let mut list: Option<(usize, usize)> = None; // items start, items end
    let mut item_start = None;
    let mut records = Vec::new();
    let mut line_start;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            // Jump to the next quote or backslash: most of a register is text.
            match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                Some(at) if bytes[i + at] == b'\\' => i += at + 2,
                Some(at) => {
                    in_string = false;
                    i += at + 1;
                }
                None => return None,
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'(' | b'[' | b'{' => {
                stack.push(bytes.get(i + 1) == Some(&b'\n'));
                depth += 1;
            }
            b')' | b']' | b'}' => {
                stack.pop()?;
                depth = depth.checked_sub(1)?;
                if depth == 2
                    && b == b')'
                    && let Some(start) = item_start.take()
                {
                    // The record ends with `),` and a newline.
                    if bytes.get(i + 1) != Some(&b',') || bytes.get(i + 2) != Some(&b'\n') {
                        return None;
                    }
                    let end = i + 3;
                    let body = &text[start..end];
                    let id_line = body.lines().nth(1)?;
                    let id = id_line
                        .strip_prefix("            id: \"")?
                        .strip_suffix("\",")?;
                    if id.contains(['"', '\\']) {
                        return None;
                    }
                    records.push((id, body));
                }
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => return None,
            b'\t' | b'\r' => return None,
            b'\n' => {
                if i > 0 && bytes[i - 1] == b' ' {
                    return None;
                }
                line_start = i + 1;
                // The next line's indentation: four spaces for each open bracket
                // that broke its line, not counting those the line closes first.
                let spaces = bytes[line_start..]
                    .iter()
                    .take_while(|&&c| c == b' ')
                    .count();
                let next = bytes.get(line_start + spaces).copied();
                let closing = bytes[line_start + spaces..]
                    .iter()
                    .take_while(|c| matches!(c, b')' | b']' | b'}'))
                    .count();
                let open_levels = stack.len().saturating_sub(closing);
                let wanted = stack[..open_levels].iter().filter(|&&broke| broke).count() * 4;
                if spaces != wanted && next.is_some() {
                    return None;
                }
                if depth == 1 && text[i..].starts_with(&open) {
                    list = Some((i + open.len(), usize::MAX));
                } else if depth == 1 && text[i..].starts_with(&empty) {
                    let at = i + 1 + "    ".len() + field.len() + ": [".len();
                    list = Some((at, at));
                }
                if depth == 2 && list.is_some() && text[line_start + spaces..].starts_with(record) {
                    if text[line_start + spaces + record.len()..].starts_with("(\n") {
                        item_start = Some(line_start);
                    } else {
                        return None;
                    }
                }
                if depth == 2
                    && let Some((start, usize::MAX)) = list
                    && next == Some(b']')
                    && spaces == 4
                {
                    list = Some((start, line_start));
                }
            }
            _ => {}
        }
        i += 1;
    }
    let (start, end) = list?;
    if end == usize::MAX || in_string || depth != 0 {
        return None;
    }
    // The records must cover the items exactly.
    let covered: usize = records.iter().map(|(_, body)| body.len()).sum();
    if covered != end - start {
        return None;
    }
    Some(Cut {
        head: &text[..start],
        records,
        tail: &text[end..],
    })
}

/// The register with its list emptied, for the small fields around it.
fn skeleton(cut: &Cut) -> String {
    match (cut.head.strip_suffix("[\n"), cut.tail.strip_prefix("    ]")) {
        (Some(head), Some(tail)) => format!("{head}[]{tail}"),
        _ => format!("{}{}", cut.head, cut.tail),
    }
}

fn index<'a>(c: &Cut<'a>) -> Option<std::collections::HashMap<&'a str, &'a str>> {
    let mut map = std::collections::HashMap::with_capacity(c.records.len());
    for (id, body) in &c.records {
        if map.insert(*id, *body).is_some() {
            return None;
        }
    }
    Some(map)
}

fn ids<'a>(c: &Cut<'a>) -> Vec<&'a str> {
    c.records.iter().map(|(id, _)| *id).collect()
}

/// Merges a big register by record text. `None`: take the full way.
pub(crate) fn merge_register<T>(
    path: &str,
    base: &str,
    ours: &str,
    theirs: &str,
    cx: &mut Cx,
    wrap: fn(T) -> Parsed,
) -> Option<Result<String, MergeError>>
where
    T: Register,
    T::Item: Unit,
{
    let (b, o, t) = (
        cut(base, T::FIELD, T::RECORD)?,
        cut(ours, T::FIELD, T::RECORD)?,
        cut(theirs, T::FIELD, T::RECORD)?,
    );
    let parse_skeleton = |c: &Cut| format::parse::<T>(path, &skeleton(c)).ok().map(wrap);
    let (sb, so, st) = (
        parse_skeleton(&b)?,
        parse_skeleton(&o)?,
        parse_skeleton(&t)?,
    );
    let (ib, io, it) = (index(&b)?, index(&o)?, index(&t)?);
    let (kb, ko, kt) = (ids(&b), ids(&o), ids(&t));
    let order = merge_order(&kb, &ko, &kt);
    let parse_record = |text: &str| -> Option<T::Item> {
        ron::from_str(text.trim_end().trim_end_matches(',')).ok()
    };
    let mut items: Vec<(Id, String)> = Vec::with_capacity(order.len());
    for id in order {
        let (rb, ro, rt) = (
            ib.get(id).copied(),
            io.get(id).copied(),
            it.get(id).copied(),
        );
        let take = |text: &str| (Id::from(id), text.to_owned());
        match (rb, ro, rt) {
            (_, Some(ro), Some(rt)) if ro == rt => items.push(take(ro)),
            (Some(rb), Some(ro), Some(rt)) if ro == rb => items.push(take(rt)),
            (Some(rb), Some(ro), Some(rt)) if rt == rb => items.push(take(ro)),
            (Some(rb), Some(ro), Some(rt)) => {
                let (vb, vo, vt) = (parse_record(rb)?, parse_record(ro)?, parse_record(rt)?);
                let before = cx.conflicts.len();
                let merged = match merge_record(Some(&vb), &vo, &vt, cx) {
                    Ok(merged) => merged,
                    Err(e) => return Some(Err(e)),
                };
                if cx.conflicts.len() != before {
                    return None;
                }
                items.push((Id::from(id), render_record::<T>(merged)?));
            }
            (Some(rb), Some(kept), None) | (Some(rb), None, Some(kept)) => {
                if kept != rb {
                    // Deleted against changed: a conflict, the full way.
                    return None;
                }
            }
            (None, Some(r), None) | (None, None, Some(r)) => items.push(take(r)),
            // Added on both sides as different records: renumbering, the full way.
            (None, Some(_), Some(_)) => return None,
            (_, None, None) => {}
        }
    }
    let sorted = |c: &Cut| {
        c.records
            .windows(2)
            .all(|w| id_cmp(&Id::from(w[0].0), &Id::from(w[1].0)).is_le())
    };
    if sorted(&b) && sorted(&o) && sorted(&t) {
        items.sort_by(|a, b| id_cmp(&a.0, &b.0));
    }
    let before = cx.conflicts.len();
    let merged = match Parsed::merge(Some(&sb), &so, &st, cx) {
        Ok(merged) => merged,
        Err(e) => return Some(Err(e)),
    };
    if cx.conflicts.len() != before {
        return None;
    }
    let text = merged.render(&[]).ok()?;
    let empty = format!("    {}: [],\n", T::FIELD);
    if items.is_empty() {
        return Some(Ok(text));
    }
    let mut list = format!("    {}: [\n", T::FIELD);
    for (_, body) in &items {
        list.push_str(body);
    }
    list.push_str("    ],\n");
    Some(Ok(text.replacen(&empty, &list, 1)))
}

/// One record's canonical text inside its register.
fn render_record<T: Register>(record: T::Item) -> Option<String>
where
    T::Item: Unit,
{
    let text = format::render(&OneRecord::<T::Item> { record }).ok()?;
    // `OneRecord(\n    record: Risk(\n ... \n    ),\n)\n`: the record, four spaces
    // too shallow for the register's list.
    let body = text
        .strip_prefix("OneRecord(\n    record: ")?
        .strip_suffix("\n)\n")?;
    let bytes = body.as_bytes();
    // Re-indent by the scanner's rules: lines outside strings get four more
    // spaces; lines inside a multi-line string are left as they are.
    let mut fixed: Vec<u8> = Vec::with_capacity(body.len() + 64);
    fixed.extend_from_slice(b"        ");
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        fixed.push(b);
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        } else if b == b'\n' {
            fixed.extend_from_slice(b"    ");
        }
    }
    let mut text = String::from_utf8(fixed).ok()?;
    text.push('\n');
    Some(text)
}

#[derive(serde::Serialize)]
#[serde(rename = "OneRecord")]
struct OneRecord<R> {
    record: R,
}
