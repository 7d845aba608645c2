//! The merge driver's promises, over random edit scripts on two branches off one
//! base: every record added on either side is kept (under an id of its own), every
//! change only one side made is taken, the same change on both sides is taken
//! once, and everything else is a conflict that names the record and field; the
//! output is canonical and loads. Incident logs keep every entry, in time order.

use paraat::merge::{FileKind, Options, Parsed, merge_texts};
use paraat::model::conflict::Conflict;
use paraat::model::*;
use paraat::store::format::render;
use proptest::prelude::*;

/// What one side does to one base record.
#[derive(Clone, Debug)]
enum Action {
    Keep,
    Delete,
    /// New values for some fields (None: leave it).
    Change {
        title: Option<u8>,
        likelihood: Option<u8>,
        impact: Option<u8>,
        notes: Option<u8>,
    },
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => Just(Action::Keep),
        1 => Just(Action::Delete),
        4 => (
            proptest::option::of(0u8..3),
            proptest::option::of(1u8..=5),
            proptest::option::of(1u8..=5),
            proptest::option::of(0u8..3),
        )
            .prop_map(|(title, likelihood, impact, notes)| Action::Change {
                title,
                likelihood,
                impact,
                notes
            }),
    ]
}

/// A side's script: an action per base record and how many records it adds.
#[derive(Clone, Debug)]
struct Script {
    actions: Vec<Action>,
    adds: usize,
}

fn script(base: usize) -> impl Strategy<Value = Script> {
    (proptest::collection::vec(action(), base), 0usize..4)
        .prop_map(|(actions, adds)| Script { actions, adds })
}

fn base_risk(n: u32) -> Risk {
    Risk::new(
        Id::with_number("R", n, 3),
        format!("base risk {n}"),
        Rating {
            likelihood: 3,
            impact: 3,
        },
    )
}

/// Applies a script as the app would: changes in place, deletions, and new
/// records under the next free id.
fn apply(base: &Risks, script: &Script, side: &str) -> Risks {
    let mut out = base.clone();
    out.risks.clear();
    for (risk, action) in base.risks.iter().zip(&script.actions) {
        match action {
            Action::Keep => out.risks.push(risk.clone()),
            Action::Delete => {}
            Action::Change {
                title,
                likelihood,
                impact,
                notes,
            } => {
                let mut r = risk.clone();
                if let Some(t) = title {
                    r.title = format!("{} retitled {t}", r.title);
                }
                if let Some(l) = likelihood {
                    r.current.likelihood = *l;
                }
                if let Some(i) = impact {
                    r.current.impact = *i;
                }
                if let Some(n) = notes {
                    // Texts that look like the file's own structure, quotes,
                    // backslashes and other scripts must not confuse the merge.
                    r.notes = match n {
                        0 => "note \"quoted\" \\ back\nslash".to_owned(),
                        1 => "a line\n        ),\n        Risk(\n            id: \"R-999\",\nthat looks like a record".to_owned(),
                        _ => format!("notitie {n}: één, twee — ✓"),
                    };
                }
                out.risks.push(r);
            }
        }
    }
    for k in 0..script.adds {
        let used = out.risks.iter().map(|r| &r.id);
        let n = next_number(out.next_number, "R", used);
        out.risks.push(Risk::new(
            Id::with_number("R", n, 3),
            format!("{side} adds {k}"),
            Rating {
                likelihood: 2,
                impact: 2,
            },
        ));
        out.next_number = n + 1;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn the_merge_keeps_every_addition_and_every_change_that_does_not_conflict(
        (base_count, ours, theirs) in (1usize..6).prop_flat_map(|n| (Just(n), script(n), script(n)))
    ) {
        let base = Risks {
            next_number: base_count as u32 + 1,
            risks: (1..=base_count as u32).map(base_risk).collect(),
        };
        let o = apply(&base, &ours, "ours");
        let t = apply(&base, &theirs, "theirs");
        let text = |r: &Risks| render(r).unwrap();
        let merged = merge_texts("risks.ron", Some(&text(&base)), &text(&o), &text(&t), &Options::default())
            .expect("the driver merges every pair of valid versions");

        // Canonical, and it loads.
        let (parsed, conflicts) = Parsed::parse(FileKind::Risks, "risks.ron", &merged.text).unwrap();
        prop_assert_eq!(&parsed, merged.parsed());
        prop_assert_eq!(parsed.render(&conflicts).unwrap(), merged.text.clone());
        let Parsed::Risks(result) = parsed else { unreachable!() };

        // No id twice, and the mark is past every id.
        let mut ids: Vec<&Id> = result.risks.iter().map(|r| &r.id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        prop_assert_eq!(before, ids.len(), "an id is shared");
        for r in &result.risks {
            prop_assert!(result.next_number > r.id.number("R").unwrap());
        }

        // Every addition, under some id, as its side made it.
        for (side, version) in [("ours", &o), ("theirs", &t)] {
            for added in version.risks.iter().filter(|r| r.title.starts_with(side)) {
                let found = result.risks.iter().find(|r| r.title == added.title);
                prop_assert!(found.is_some(), "{} lost", added.title);
                let found = found.unwrap();
                prop_assert_eq!((found.current, &found.notes), (added.current, &added.notes));
            }
        }

        // Each base record: deleted, changed by one side, or a conflict.
        let conflict_of = |id: &Id| conflicts.iter().find_map(|c| match c {
            Conflict::Changed { record: Some(r), fields, .. } if r == id => Some(fields.clone()),
            _ => None,
        });
        for b in &base.risks {
            let (ro, rt) = (o.risks.iter().find(|r| r.id == b.id), t.risks.iter().find(|r| r.id == b.id));
            let merged_r = result.risks.iter().find(|r| r.id == b.id);
            match (ro, rt) {
                (None, None) => prop_assert!(merged_r.is_none()),
                (None, Some(x)) | (Some(x), None) => {
                    if x == b {
                        prop_assert!(merged_r.is_none(), "{} deleted on one side stays deleted", b.id);
                    } else {
                        prop_assert_eq!(merged_r, Some(x), "the changed record is kept");
                        prop_assert_eq!(conflict_of(&b.id), Some(vec![]), "delete against change is a conflict");
                    }
                }
                (Some(ro), Some(rt)) => {
                    let m = merged_r.expect("a record both sides kept is kept");
                    let fields = conflict_of(&b.id).unwrap_or_default();
                    let check = |name: &str, base: String, ours: String, theirs: String, got: String| -> Result<(), TestCaseError> {
                        if ours == theirs {
                            prop_assert_eq!(got, ours, "{}: both sides agree", name);
                        } else if ours == base {
                            prop_assert_eq!(got, theirs, "{}: only theirs changed", name);
                        } else if theirs == base {
                            prop_assert_eq!(got, ours, "{}: only ours changed", name);
                        } else {
                            prop_assert_eq!(got, ours, "{}: the file holds ours", name);
                            prop_assert!(fields.iter().any(|f| f == name), "{} not named a conflict: {:?}", name, fields);
                        }
                        Ok(())
                    };
                    check("title", b.title.clone(), ro.title.clone(), rt.title.clone(), m.title.clone())?;
                    check("current.likelihood", b.current.likelihood.to_string(), ro.current.likelihood.to_string(), rt.current.likelihood.to_string(), m.current.likelihood.to_string())?;
                    check("current.impact", b.current.impact.to_string(), ro.current.impact.to_string(), rt.current.impact.to_string(), m.current.impact.to_string())?;
                    check("notes", b.notes.clone(), ro.notes.clone(), rt.notes.clone(), m.notes.clone())?;
                }
            }
        }
    }

    #[test]
    fn incident_logs_from_two_sides_keep_every_entry_in_time_order(
        ours in proptest::collection::vec((0i64..600, 0u8..4), 0..6),
        theirs in proptest::collection::vec((0i64..600, 0u8..4), 0..6),
    ) {
        let start = Timestamp::parse("2026-11-28T09:00:00Z").unwrap();
        let entry = |minute: i64, who: &str, n: u8| TimelineEntry {
            at: start.plus_minutes(minute),
            by: who.into(),
            kind: EntryKind::Note,
            text: format!("{who} {n} at {minute}"),
        };
        let incident = |timeline: Vec<TimelineEntry>| Incident {
            id: Id::from("2026-11-28-ransomware"),
            title: "Ransomware".into(),
            kind: IncidentKind::Real,
            scenario: None,
            declared_at: start,
            declared_by: "IT".into(),
            discovered_at: None,
            severity: Severity::High,
            affected_systems: vec![],
            personal_data: false,
            status: IncidentStatus::Active,
            timeline,
            notifications: vec![],
            closed_at: None,
            lessons: vec![],
            notes: String::new(),
        };
        let first = entry(0, "IT", 0);
        let mut o = vec![first.clone()];
        o.extend(ours.iter().map(|(m, n)| entry(*m, "anna", *n)));
        o.sort_by_key(|e| e.at);
        let mut t = vec![first.clone()];
        t.extend(theirs.iter().map(|(m, n)| entry(*m, "bert", *n)));
        t.sort_by_key(|e| e.at);
        let merged = merge_texts(
            "incidents/2026-11-28-ransomware.ron",
            Some(&render(&incident(vec![first])).unwrap()),
            &render(&incident(o.clone())).unwrap(),
            &render(&incident(t.clone())).unwrap(),
            &Options::default(),
        )
        .unwrap();
        prop_assert!(!merged.has_conflicts());
        let Parsed::Incident(result) = merged.parsed().clone() else { unreachable!() };
        for e in o.iter().chain(&t) {
            prop_assert!(result.timeline.contains(e), "entry lost: {:?}", e);
        }
        prop_assert!(result.timeline.windows(2).all(|w| w[0].at <= w[1].at), "not in time order");
    }
}
