//! Three-way merge of a sequence (record ids in file order, the call order, a
//! list of phone numbers): the changes each side made to the base are applied
//! together when they touch different places.
//!
//! It is git's diff3 on elements instead of lines, with one difference that suits
//! lists of records: two sides that both insert at the same place (both append a
//! risk, both log a restore test) keep both insertions, ours first. Only changes
//! that overlap otherwise (both sides replaced or removed the same elements
//! differently) are a conflict.

use std::hash::Hash;

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// One change a side made: base elements `start..end` became `new`.
#[derive(Clone, Debug)]
struct Hunk<T> {
    start: usize,
    end: usize,
    new: Vec<T>,
}

impl<T> Hunk<T> {
    fn is_insertion(&self) -> bool {
        self.start == self.end
    }
}

fn hunks<T: Clone + Hash + Eq + Ord>(base: &[T], side: &[T]) -> Vec<Hunk<T>> {
    let mut out: Vec<Hunk<T>> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, base, side) {
        let (start, end, new) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index, old_len, ..
            } => (old_index, old_index + old_len, Vec::new()),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (
                old_index,
                old_index,
                side[new_index..new_index + new_len].to_vec(),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index,
                old_index + old_len,
                side[new_index..new_index + new_len].to_vec(),
            ),
        };
        // Adjacent operations (a delete next to an insert) form one hunk.
        match out.last_mut() {
            Some(last) if last.end == start => {
                last.end = end;
                last.new.extend(new);
            }
            _ => out.push(Hunk { start, end, new }),
        }
    }
    out
}

/// Whether hunk `h` touches the region `start..end` (a point when equal).
fn touches<T>(h: &Hunk<T>, start: usize, end: usize) -> bool {
    if start == end {
        // The region is an insertion point.
        if h.is_insertion() {
            h.start == start
        } else {
            h.start <= start && start < h.end
        }
    } else if h.is_insertion() {
        start <= h.start && h.start < end
    } else {
        h.start < end && start < h.end
    }
}

/// Applies `side`'s hunks that lie in `start..end` to that part of `base`.
fn apply_region<T: Clone>(base: &[T], side: &[Hunk<T>], start: usize, end: usize) -> Vec<T> {
    let mut out = Vec::new();
    let mut at = start;
    for h in side {
        out.extend_from_slice(&base[at..h.start]);
        out.extend(h.new.iter().cloned());
        at = h.end;
    }
    out.extend_from_slice(&base[at..end]);
    out
}

/// Merges the two sides' changes to `base`; `None` when they overlap and differ.
pub fn merge3<T: Clone + Hash + Eq + Ord>(base: &[T], ours: &[T], theirs: &[T]) -> Option<Vec<T>> {
    if ours == theirs || theirs == base {
        return Some(ours.to_vec());
    }
    if ours == base {
        return Some(theirs.to_vec());
    }
    let ho = hunks(base, ours);
    let ht = hunks(base, theirs);
    let (mut io, mut it) = (0, 0);
    let mut at = 0;
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    loop {
        // The next hunk to handle is the one that starts first.
        let next = match (ho.get(io), ht.get(it)) {
            (None, None) => break,
            (Some(a), None) => a.start,
            (None, Some(b)) => b.start,
            (Some(a), Some(b)) => a.start.min(b.start),
        };
        out.extend_from_slice(&base[at..next]);
        // Grow the region while a hunk of either side touches it.
        let (mut start, mut end) = (next, next);
        let (first_o, first_t) = (io, it);
        let mut grew = true;
        while grew {
            grew = false;
            while let Some(h) = ho.get(io)
                && touches(h, start, end)
            {
                start = start.min(h.start);
                end = end.max(h.end);
                io += 1;
                grew = true;
            }
            while let Some(h) = ht.get(it)
                && touches(h, start, end)
            {
                start = start.min(h.start);
                end = end.max(h.end);
                it += 1;
                grew = true;
            }
        }
        let region_o = &ho[first_o..io];
        let region_t = &ht[first_t..it];
        match (region_o.is_empty(), region_t.is_empty()) {
            (false, true) => out.extend(apply_region(base, region_o, start, end)),
            (true, false) => out.extend(apply_region(base, region_t, start, end)),
            _ => {
                let o = apply_region(base, region_o, start, end);
                let t = apply_region(base, region_t, start, end);
                if o == t {
                    out.extend(o);
                } else if start == end {
                    // Both inserted at the same place: keep both, ours first.
                    let extra: Vec<T> = t.iter().filter(|x| !o.contains(x)).cloned().collect();
                    out.extend(o);
                    out.extend(extra);
                } else {
                    return None;
                }
            }
        }
        at = end;
    }
    out.extend_from_slice(&base[at..]);
    Some(out)
}

/// The order of the keys of a keyed list after a merge: both sides' moves and
/// additions where they do not overlap (else ours' order, then theirs' new keys),
/// each key once, and every key either side still has (one side may have deleted
/// a record the other changed; that is decided per record) placed after the key
/// it followed.
pub fn merge_order<K: Clone + Hash + Eq + Ord>(base: &[K], ours: &[K], theirs: &[K]) -> Vec<K> {
    let mut order = merge3(base, ours, theirs).unwrap_or_else(|| {
        let mut order = ours.to_vec();
        order.extend(theirs.iter().filter(|k| !ours.contains(k)).cloned());
        order
    });
    let mut seen = std::collections::HashSet::new();
    order.retain(|k| seen.insert(k.clone()));
    for side in [ours, theirs] {
        for (i, k) in side.iter().enumerate() {
            if seen.contains(k) {
                continue;
            }
            let after = side[..i]
                .iter()
                .rev()
                .find_map(|p| order.iter().position(|x| x == p));
            order.insert(after.map_or(0, |a| a + 1), k.clone());
            seen.insert(k.clone());
        }
    }
    order
}

/// A merge that never conflicts, for lists used as sets (references): ours in its
/// order, without what theirs removed, then what theirs added.
pub fn merge_set<T: Clone + Eq + Hash + Ord>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for x in ours {
        let removed_by_theirs = base.contains(x) && !theirs.contains(x);
        if !removed_by_theirs && !out.contains(x) {
            out.push(x.clone());
        }
    }
    for x in theirs {
        if !base.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(b: &str, o: &str, t: &str) -> Option<String> {
        let v = |s: &str| s.chars().collect::<Vec<_>>();
        merge3(&v(b), &v(o), &v(t)).map(|r| r.into_iter().collect())
    }

    #[test]
    fn changes_in_different_places_both_apply() {
        assert_eq!(m("abcde", "aXcde", "abcdY").as_deref(), Some("aXcdY"));
        assert_eq!(m("abcde", "acde", "abcd").as_deref(), Some("acd"));
        assert_eq!(m("abc", "abc", "xbc").as_deref(), Some("xbc"));
    }

    #[test]
    fn both_appending_keeps_both_ours_first() {
        assert_eq!(m("ab", "abX", "abY").as_deref(), Some("abXY"));
        assert_eq!(m("", "X", "Y").as_deref(), Some("XY"));
        assert_eq!(m("ab", "abX", "abX").as_deref(), Some("abX"));
    }

    #[test]
    fn overlapping_different_changes_conflict() {
        assert_eq!(m("abc", "aXc", "aYc"), None);
        assert_eq!(m("abc", "ac", "aYc"), None);
    }

    #[test]
    fn a_move_on_one_side_and_an_add_on_the_other_both_apply() {
        // ours moves d to the front; theirs appends e.
        assert_eq!(m("abcd", "dabc", "abcde").as_deref(), Some("dabce"));
    }

    #[test]
    fn sets_never_conflict() {
        let r = merge_set(&[1, 2, 3], &[2, 3, 4], &[1, 3, 5]);
        assert_eq!(r, vec![3, 4, 5]);
    }
}
