//! Choosing a side for what a merge left (`model::ops::conflicts::choose`): the
//! choice is an edit that takes the chosen values, settles the entry, undoes
//! exactly, and refuses what it cannot choose, in the workbook's language.

mod common;

use common::TestWorkbook;
use paraat::model::conflict::{Choice, Conflict, Side, Version};
use paraat::model::edit::{Edit, EditError};
use paraat::model::ops::{OpError, conflicts::choose};
use paraat::model::*;
use paraat::store::Store;

/// The example museum with R-001's title and likelihood left to choose: the file
/// holds ours, the entry theirs.
fn conflicted() -> (Workbook, Risk) {
    let wb = TestWorkbook::example();
    let mut workbook = Store::load(wb.path()).unwrap().workbook;
    let ours = workbook.risks.risks[0].clone();
    let mut theirs = ours.clone();
    theirs.title = "Their title".into();
    theirs.current.likelihood = if ours.current.likelihood == 1 { 2 } else { 1 };
    workbook.conflicts.insert(
        "risks.ron".into(),
        vec![Conflict::Changed {
            record: Some(ours.id.clone()),
            fields: vec!["title".into(), "current.likelihood".into()],
            kept: "HEAD".into(),
            other_side: "feature".into(),
            other: Some(Box::new(Version::Risk(theirs.clone()))),
        }],
    );
    (workbook, theirs)
}

fn applied(workbook: &Workbook, edit: &Edit) -> Workbook {
    let mut after = workbook.clone();
    edit.apply(&mut after).expect("the edit applies");
    after
}

#[test]
fn taking_the_other_sides_field_changes_only_that_field_and_undoes_exactly() {
    let (workbook, theirs) = conflicted();
    let ours = workbook.risks.risks[0].clone();
    let edit = choose(&workbook, "risks.ron", 0, Some("title"), Choice::Other).unwrap();
    assert_eq!(edit.registers(), vec![Register::Risks]);
    let after = applied(&workbook, &edit);
    let risk = &after.risks.risks[0];
    assert_eq!(risk.title, theirs.title);
    assert_eq!(risk.current.likelihood, ours.current.likelihood);
    let Conflict::Changed { fields, .. } = &after.conflicts["risks.ron"][0] else {
        panic!();
    };
    assert_eq!(fields, &vec!["current.likelihood".to_owned()]);
    assert_eq!(applied(&after, &edit.inverse()), workbook, "undo");
    // The recovery file keeps it, like every edit.
    let data = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let recovery =
        paraat::store::recovery::RecoveryFile::for_workbook(root.path(), Some(data.path()))
            .unwrap();
    recovery.write(std::slice::from_ref(&edit)).unwrap();
    let read = recovery.read().unwrap().unwrap();
    assert_eq!(read.edits, vec![edit]);
}

#[test]
fn keeping_every_field_settles_the_file_and_changes_no_record() {
    let (workbook, _) = conflicted();
    let edit = choose(&workbook, "risks.ron", 0, None, Choice::Kept).unwrap();
    assert!(matches!(edit, Edit::Conflicts { .. }), "{edit:?}");
    let after = applied(&workbook, &edit);
    assert!(after.conflicts.is_empty());
    assert_eq!(after.risks, workbook.risks);
}

#[test]
fn a_record_deleted_on_the_other_side_is_kept_or_deleted() {
    let (mut workbook, _) = conflicted();
    let id = workbook.risks.risks[0].id.clone();
    workbook.conflicts.insert(
        "risks.ron".into(),
        vec![Conflict::Changed {
            record: Some(id.clone()),
            fields: vec![],
            kept: "HEAD".into(),
            other_side: "feature".into(),
            other: None,
        }],
    );
    let delete = choose(&workbook, "risks.ron", 0, None, Choice::Other).unwrap();
    let after = applied(&workbook, &delete);
    assert!(after.risk(id.as_str()).is_none());
    assert!(after.conflicts.is_empty());
    assert_eq!(
        applied(&after, &delete.inverse()),
        workbook,
        "undo brings it back"
    );
    let keep = choose(&workbook, "risks.ron", 0, None, Choice::Kept).unwrap();
    let after = applied(&workbook, &keep);
    assert!(after.risk(id.as_str()).is_some());
    assert!(after.conflicts.is_empty());
}

#[test]
fn a_conflict_in_the_files_own_fields_is_a_manifest_edit() {
    let (mut workbook, _) = conflicted();
    workbook.conflicts.clear();
    let mut theirs = workbook.manifest.clone();
    theirs.organisation.name = "Their museum".into();
    workbook.conflicts.insert(
        "paraat.ron".into(),
        vec![Conflict::Changed {
            record: None,
            fields: vec!["organisation.name".into()],
            kept: "HEAD".into(),
            other_side: "feature".into(),
            other: Some(Box::new(Version::Manifest(Box::new(theirs)))),
        }],
    );
    let edit = choose(&workbook, "paraat.ron", 0, None, Choice::Other).unwrap();
    let Edit::Group(parts) = &edit else {
        panic!("{edit:?}");
    };
    assert!(matches!(parts[0], Edit::Manifest { .. }));
    let after = applied(&workbook, &edit);
    assert_eq!(after.manifest.organisation.name, "Their museum");
    assert!(after.conflicts.is_empty());
}

#[test]
fn what_cannot_be_chosen_is_refused_in_the_workbooks_language() {
    let (mut workbook, _) = conflicted();
    assert_eq!(
        choose(&workbook, "risks.ron", 3, None, Choice::Kept).unwrap_err(),
        OpError::NoConflict("risks.ron".into(), 3)
    );
    assert!(matches!(
        choose(&workbook, "risks.ron", 0, Some("owner"), Choice::Other),
        Err(OpError::Choose(_))
    ));
    let id = workbook.risks.risks[0].id.clone();
    workbook.conflicts.insert(
        "risks.ron".into(),
        vec![Conflict::Renumbered {
            kind: RecordKind::Risk,
            record: id.clone(),
            was: Id::new("R-001"),
            side: Side::Theirs,
            side_name: "feature".into(),
            pending: vec!["plan.ron".into()],
        }],
    );
    let refused = choose(&workbook, "risks.ron", 0, None, Choice::Kept).unwrap_err();
    assert!(refused.message(Language::En).contains("paraat git resolve"));
    assert!(
        refused
            .message(Language::Nl)
            .starts_with("het conflict in risks.ron is een hernummering")
    );
}

#[test]
fn a_choice_made_on_conflicts_that_changed_since_is_refused() {
    let (workbook, _) = conflicted();
    let edit = choose(&workbook, "risks.ron", 0, Some("title"), Choice::Kept).unwrap();
    let mut moved = workbook.clone();
    moved.conflicts.clear();
    assert_eq!(edit.apply(&mut moved), Err(EditError::Stale));
}
