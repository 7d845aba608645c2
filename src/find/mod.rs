//! Find anyone from anywhere: contacts, suppliers, systems and processes by name
//! (or id, organisation, service, number), each with whom to call and the numbers
//! to dial.
//!
//! `paraat find TEXT` and the find of the terminal UI call [`find`], so both show
//! the same hits in the same order; the ranking ([`rank`]) is also the one the
//! lists' filter uses. Whom to call about a record is worked out in [`call`], which
//! the detail pane asks too. Pure: the workbook in, hits out.

pub mod call;
pub mod rank;

use crate::model::edit::Record;
use crate::model::*;

pub use call::{Callee, Dependency, Via};
pub use rank::{Query, Rank, Tier};

/// One record that matches, with whom to call about it.
#[derive(Clone, Debug)]
pub struct Hit<'a> {
    pub record: RecordRef,
    pub name: &'a str,
    /// What it is, in a few words: a contact's role and organisation, a
    /// supplier's service, a system's location.
    pub about: String,
    pub rank: Rank,
    /// Whom to call about it, with their numbers (the contact itself for a contact).
    pub callees: Vec<Callee<'a>>,
}

/// The texts a record is found by, most telling first.
fn texts(record: &Record) -> Vec<String> {
    match record {
        Record::Contact(c) => {
            let numbers: Vec<&str> = c.all_phones().map(|p| p.number.as_str()).collect();
            vec![
                c.name.clone(),
                c.id.to_string(),
                c.organisation.clone(),
                c.role.clone(),
                c.email.clone(),
                numbers.join(" "),
                c.availability.clone(),
                c.notes.clone(),
            ]
        }
        Record::Supplier(s) => vec![
            s.name.clone(),
            s.id.to_string(),
            s.service.clone(),
            s.notes.clone(),
        ],
        Record::System(s) => vec![
            s.name.clone(),
            s.id.to_string(),
            s.location.clone(),
            s.notes.clone(),
        ],
        Record::Process(p) => vec![
            p.name.clone(),
            p.id.to_string(),
            p.description.clone(),
            p.notes.clone(),
        ],
        _ => Vec::new(),
    }
}

fn about(record: &Record) -> String {
    let join = |parts: &[&str]| {
        parts
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match record {
        Record::Contact(c) => join(&[&c.role, &c.organisation]),
        Record::Supplier(s) => join(&[&s.service]),
        Record::System(s) => join(&[&s.location]),
        Record::Process(p) => join(&[first_line(&p.description)]),
        _ => String::new(),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// Every contact, supplier, system and process that matches `typed`, the best
/// match first (exact and prefix matches of a name or id before the rest); among
/// equals, contacts come before suppliers, systems and processes, in file order.
/// Nothing typed finds nothing.
pub fn find<'a>(workbook: &'a Workbook, typed: &str) -> Vec<Hit<'a>> {
    let mut query = Query::new(typed);
    if query.is_empty() {
        return Vec::new();
    }
    let p = &workbook.processes;
    let candidates = workbook
        .contacts
        .contacts
        .iter()
        .map(|c| (Record::Contact(c.clone()), c.name.as_str()))
        .chain(
            p.suppliers
                .iter()
                .map(|s| (Record::Supplier(s.clone()), s.name.as_str())),
        )
        .chain(
            p.systems
                .iter()
                .map(|s| (Record::System(s.clone()), s.name.as_str())),
        )
        .chain(
            p.processes
                .iter()
                .map(|s| (Record::Process(s.clone()), s.name.as_str())),
        );
    let mut hits: Vec<(usize, Hit<'a>)> = Vec::new();
    for (place, (record, name)) in candidates.enumerate() {
        let texts = texts(&record);
        let Some(rank) = query.rank(texts.iter().map(String::as_str)) else {
            continue;
        };
        hits.push((
            place,
            Hit {
                record: RecordRef::new(record.kind(), record.id().clone()),
                name,
                about: about(&record),
                rank,
                callees: call::whom(workbook, &record),
            },
        ));
    }
    hits.sort_by(|(a, x), (b, y)| x.rank.cmp(&y.rank).then(a.cmp(b)));
    hits.into_iter().map(|(_, hit)| hit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Workbook {
        let dir = tempfile::tempdir().unwrap();
        crate::store::templates::write_example(dir.path()).unwrap();
        crate::store::Store::load(dir.path()).unwrap().workbook
    }

    fn ids(hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| h.record.id.to_string()).collect()
    }

    #[test]
    fn a_name_typed_in_part_finds_the_contact_and_the_supplier_first_with_the_numbers() {
        let wb = example();
        let hits = find(&wb, "hanzeborg");
        let found = ids(&hits);
        assert_eq!(&found[..2], ["C-012", "SUP-03"], "{found:?}");
        // Systems that only mention it in their notes come after.
        assert!(found.len() > 2);
        assert!(hits[2].rank.tier > Tier::Prefix);
        let supplier = &hits[1];
        assert_eq!(supplier.callees[0].id.as_str(), "C-012");
        assert_eq!(supplier.callees[0].numbers()[0].number, "0570 555 0199");
    }

    #[test]
    fn an_exact_id_comes_first() {
        let wb = example();
        let hits = find(&wb, "c-012");
        assert_eq!(hits[0].record.id.as_str(), "C-012");
        assert_eq!(hits[0].rank.tier, Tier::Exact);
    }

    #[test]
    fn a_number_finds_whose_it_is_and_nothing_typed_finds_nothing() {
        let wb = example();
        assert_eq!(ids(&find(&wb, "0570 555 0199"))[0], "C-012");
        assert!(find(&wb, "  ").is_empty());
        assert!(find(&wb, "qqqqzzzz").is_empty());
    }
}
