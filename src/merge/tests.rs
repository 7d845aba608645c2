use super::*;
use crate::model::conflict::Version;
use crate::model::*;
use crate::store::format::render;

fn risk(id: &str, title: &str) -> Risk {
    Risk::new(
        Id::from(id),
        title,
        Rating {
            likelihood: 3,
            impact: 4,
        },
    )
}

fn risks(next: u32, list: Vec<Risk>) -> String {
    render(&Risks {
        next_number: next,
        risks: list,
    })
    .unwrap()
}

fn merge(base: &str, ours: &str, theirs: &str) -> Merged {
    merge_texts("risks.ron", Some(base), ours, theirs, &Options::default()).expect("merges")
}

fn parsed_risks(merged: &Merged) -> Risks {
    match merged.parsed() {
        Parsed::Risks(r) => r.clone(),
        other => panic!("not risks: {other:?}"),
    }
}

#[test]
fn both_sides_adding_the_next_risk_keeps_both_under_different_ids() {
    let base = risks(2, vec![risk("R-001", "Fire")]);
    let ours = risks(3, vec![risk("R-001", "Fire"), risk("R-002", "Flood")]);
    let theirs = risks(3, vec![risk("R-001", "Fire"), risk("R-002", "Phishing")]);
    let merged = merge(&base, &ours, &theirs);
    let result = parsed_risks(&merged);
    let titles: Vec<_> = result
        .risks
        .iter()
        .map(|r| (r.id.as_str(), r.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        vec![("R-001", "Fire"), ("R-002", "Flood"), ("R-003", "Phishing")]
    );
    assert_eq!(
        result.next_number, 4,
        "the new id is never handed out again"
    );
    assert!(!merged.has_conflicts());
    assert_eq!(
        merged.renumbered,
        vec![Renumbered {
            kind: RecordKind::Risk,
            from: Id::from("R-002"),
            to: Id::from("R-003"),
            name: "Phishing".into()
        }]
    );
    assert_eq!(render(&result).unwrap(), merged.text, "canonical bytes");
}

#[test]
fn the_same_record_added_on_both_sides_is_kept_once() {
    let base = risks(2, vec![risk("R-001", "Fire")]);
    let both = risks(3, vec![risk("R-001", "Fire"), risk("R-002", "Flood")]);
    let merged = merge(&base, &both, &both);
    assert_eq!(merged.text, both);
}

#[test]
fn adjacent_fields_changed_on_the_two_sides_merge_without_conflict() {
    let base = risks(2, vec![risk("R-001", "Fire")]);
    let mut o = risk("R-001", "Fire");
    o.current.likelihood = 2;
    let mut t = risk("R-001", "Fire");
    t.current.impact = 5;
    let merged = merge(&base, &risks(2, vec![o]), &risks(2, vec![t]));
    let r = &parsed_risks(&merged).risks[0];
    assert_eq!((r.current.likelihood, r.current.impact), (2, 5));
    assert!(!merged.has_conflicts());
}

#[test]
fn the_same_field_changed_on_both_sides_is_a_conflict_that_still_loads() {
    let base = risks(2, vec![risk("R-001", "Fire")]);
    let mut o = risk("R-001", "Fire");
    o.current.likelihood = 2;
    o.notes = "ours".into();
    let mut t = risk("R-001", "Fire");
    t.current.likelihood = 5;
    t.description = "theirs".into();
    let merged = merge(&base, &risks(2, vec![o]), &risks(2, vec![t]));
    assert!(merged.has_conflicts());
    assert!(
        merged.text.starts_with("Conflicted(\n    file: Risks("),
        "{}",
        merged.text
    );
    let r = &parsed_risks(&merged).risks[0];
    assert_eq!(r.current.likelihood, 2, "the file holds ours");
    assert_eq!(
        (r.notes.as_str(), r.description.as_str()),
        ("ours", "theirs")
    );
    let [
        Conflict::Changed {
            record,
            fields,
            other: Some(other),
            ..
        },
    ] = &merged.conflicts[..]
    else {
        panic!("{:?}", merged.conflicts)
    };
    let Version::Risk(other) = &**other else {
        panic!("{other:?}")
    };
    assert_eq!(record.as_ref().map(Id::as_str), Some("R-001"));
    assert_eq!(fields, &vec!["current.likelihood".to_owned()]);
    assert_eq!(other.current.likelihood, 5);
    assert_eq!(
        other.description, "theirs",
        "the other version is merged too"
    );
    // It parses back, and merging it again keeps the conflict once.
    let (back, conflicts) = Parsed::parse(FileKind::Risks, "risks.ron", &merged.text).unwrap();
    assert_eq!(&back, merged.parsed());
    assert_eq!(conflicts, merged.conflicts);
}

#[test]
fn a_record_deleted_on_one_side_and_changed_on_the_other_stays_with_a_conflict() {
    let base = risks(3, vec![risk("R-001", "Fire"), risk("R-002", "Flood")]);
    let ours = risks(3, vec![risk("R-001", "Fire")]);
    let mut changed = risk("R-002", "Flood");
    changed.measures = "pumps".into();
    let theirs = risks(3, vec![risk("R-001", "Fire"), changed.clone()]);
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(parsed_risks(&merged).risks[1], changed);
    assert!(matches!(
        &merged.conflicts[..],
        [Conflict::Changed { record: Some(id), fields, other: None, .. }] if id.as_str() == "R-002" && fields.is_empty()
    ));
    // Deleted on one side and untouched on the other: simply gone.
    let merged = merge(&base, &ours, &base);
    assert_eq!(merged.text, ours);
}

#[test]
fn incident_timelines_are_the_union_in_time_order() {
    let at = |t: &str| Timestamp::parse(t).unwrap();
    let entry = |t: &str, text: &str| TimelineEntry {
        at: at(t),
        by: "IT".into(),
        kind: EntryKind::Note,
        text: text.into(),
    };
    let incident = |timeline: Vec<TimelineEntry>| Incident {
        id: Id::from("2026-11-28-ransomware"),
        title: "Ransomware".into(),
        kind: IncidentKind::Real,
        scenario: None,
        declared_at: at("2026-11-28T09:00:00Z"),
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
    let start = entry("2026-11-28T09:00:00Z", "declared");
    let base = render(&incident(vec![start.clone()])).unwrap();
    let ours = render(&incident(vec![
        start.clone(),
        entry("2026-11-28T09:20:00Z", "called the supplier"),
    ]))
    .unwrap();
    let theirs = render(&incident(vec![
        start.clone(),
        entry("2026-11-28T09:10:00Z", "network isolated"),
        entry("2026-11-28T09:30:00Z", "police informed"),
    ]))
    .unwrap();
    let merged = merge_texts(
        "incidents/2026-11-28-ransomware.ron",
        Some(&base),
        &ours,
        &theirs,
        &Options::default(),
    )
    .unwrap();
    let Parsed::Incident(i) = merged.parsed() else {
        panic!()
    };
    let texts: Vec<_> = i.timeline.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "declared",
            "network isolated",
            "called the supplier",
            "police informed"
        ]
    );
    assert!(!merged.has_conflicts());
}

#[test]
fn the_workbook_plan_moves_references_in_other_files() {
    let base_risks = risks(2, vec![risk("R-001", "Fire")]);
    let ours_risks = risks(3, vec![risk("R-001", "Fire"), risk("R-002", "Flood")]);
    let theirs_risks = risks(3, vec![risk("R-001", "Fire"), risk("R-002", "Phishing")]);
    let snapshot = |r: &str| Snapshot::from([("risks.ron".to_owned(), r.to_owned())]);
    let (renumbering, taken) = plan(
        &snapshot(&base_risks),
        &snapshot(&ours_risks),
        &snapshot(&theirs_risks),
        &[],
    );
    assert_eq!(
        renumbering.get(RecordKind::Risk, &Id::from("R-002")),
        Some(&Id::from("R-003"))
    );
    // plan.ron, changed on both sides: theirs links its own R-002.
    let phase = |steps: Vec<Step>| Phase {
        number: 1,
        title: "Govern".into(),
        goal: String::new(),
        next_step: 3,
        steps,
    };
    let step = |id: &str, risks: &[&str]| Step {
        id: Id::from(id),
        title: id.into(),
        description: String::new(),
        owner: None,
        status: StepStatus::Todo,
        due: None,
        done: None,
        risks: risks.iter().map(|r| Id::from(*r)).collect(),
        statements: vec![],
        incident: None,
        notes: String::new(),
        origin: None,
    };
    let plan_of = |steps| {
        render(&Plan {
            phases: vec![phase(steps)],
            ..Plan::default()
        })
        .unwrap()
    };
    let base = plan_of(vec![step("STEP-1.1", &[])]);
    let ours = plan_of(vec![step("STEP-1.1", &["R-002"])]);
    let theirs = plan_of(vec![
        step("STEP-1.1", &[]),
        step("STEP-1.2", &["R-002", "R-001"]),
    ]);
    let options = Options {
        renumbering,
        taken,
        ..Options::default()
    };
    let merged = merge_texts("plan.ron", Some(&base), &ours, &theirs, &options).unwrap();
    let Parsed::Plan(plan) = merged.parsed() else {
        panic!()
    };
    let steps = &plan.phases[0].steps;
    assert_eq!(
        steps[0].risks,
        vec![Id::from("R-002")],
        "ours' link stays with ours' risk"
    );
    assert_eq!(
        steps[1].risks,
        vec![Id::from("R-003"), Id::from("R-001")],
        "theirs' follows the renumbering"
    );
    assert!(merged.renumbered.is_empty(), "no risk lives in plan.ron");
}

#[test]
fn big_registers_are_merged_by_record_text_with_the_same_result() {
    let mut tricky = risk("R-002", "Flood");
    tricky.description =
        "line one\n        ),\n        Risk(\n            id: \"R-999\",\n\"quoted\" \\ ✓".into();
    let base = risks(3, vec![risk("R-001", "Fire"), tricky.clone()]);
    let mut o = tricky.clone();
    o.notes = "ours".into();
    let mut t = risk("R-001", "Fire");
    t.measures = "theirs".into();
    let ours = risks(3, vec![risk("R-001", "Fire"), o.clone()]);
    let theirs = risks(4, vec![t.clone(), tricky, risk("R-003", "New")]);
    assert!(merges_quickly("risks.ron", Some(&base), &ours, &theirs));
    let quick = merge(&base, &ours, &theirs);
    let full = merge_texts_fully(
        "risks.ron",
        Some(&base),
        &ours,
        &theirs,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(quick.text, full.text);
    assert_eq!(parsed_risks(&quick).risks, vec![t, o, risk("R-003", "New")]);
    // Not canonical (a comment): the full way.
    let commented = ours.replacen("    risks: [", "    // a comment\n    risks: [", 1);
    assert!(!merges_quickly(
        "risks.ron",
        Some(&base),
        &commented,
        &theirs
    ));
    assert_eq!(merge(&base, &commented, &theirs).text, full.text);
}

#[test]
fn records_with_nested_values_are_cut_exactly() {
    let mut r = risk("R-001", "Fire");
    r.residual = Some(Rating {
        likelihood: 1,
        impact: 2,
    });
    r.treatment = Some(Treatment::Reduce);
    r.owner = Some(Id::from("C-001"));
    r.processes = vec![Id::from("P-001")];
    r.description = "two\nlines".into();
    r.acceptance = Some(Acceptance {
        by: Id::from("C-001"),
        on: Date::parse("2026-01-01").unwrap(),
        reason: "cheap".into(),
        until: Date::parse("2027-01-01").unwrap(),
    });
    let base = risks(2, vec![r.clone()]);
    let mut o = r.clone();
    o.notes = "ours".into();
    let ours = risks(2, vec![o]);
    assert!(
        merges_quickly("risks.ron", Some(&base), &ours, &base),
        "{base}"
    );
}

#[test]
fn a_side_the_store_would_refuse_never_goes_the_quick_way() {
    // A complete git conflict inside a text (a hand edit): the store refuses the
    // file as a merge conflict, and so does the merge, the quick way as the full.
    let base = risks(2, vec![risk("R-001", "Fire")]);
    let mut hand = risk("R-001", "Fire");
    hand.description = "x".into();
    let ours = risks(2, vec![hand]).replacen(
        "description: \"x\"",
        "description: \"\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> theirs\n\"",
        1,
    );
    assert!(crate::store::format::check_text("risks.ron", ours.as_bytes()).is_err());
    assert!(!merges_quickly("risks.ron", Some(&base), &ours, &base));
    assert!(merge_texts("risks.ron", Some(&base), &ours, &base, &Options::default()).is_err());
}
