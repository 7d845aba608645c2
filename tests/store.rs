//! The files are a contract: each behaviour users rely on, tested on real folders.

mod common;

use common::TestWorkbook;
use paraat::model::*;
use paraat::store::{FileError, OpenError, SaveError, Store};

fn load_errors(wb: &TestWorkbook) -> Vec<FileError> {
    match Store::load(wb.path()) {
        Ok(_) => panic!("the workbook loaded, but it should not"),
        Err(e) => e.files,
    }
}

fn sample_risk(id: &str) -> Risk {
    Risk {
        description: "Line one
line \"two\" with r#\"raw\"# bits"
            .into(),
        category: "Supplier".into(),
        treatment: Some(Treatment::Reduce),
        review_by: Date::from_ymd(2027, 1, 31),
        ..Risk::new(
            Id::from(id),
            "Ransomware at the collection host",
            Rating {
                likelihood: 3,
                impact: 5,
            },
        )
    }
}

#[test]
fn a_new_workbook_loads_and_saving_it_unchanged_writes_nothing() {
    for lang in [Language::En, Language::Nl] {
        let wb = TestWorkbook::new(lang);
        let mut loaded = Store::open_for_editing(wb.path()).expect("loads");
        assert_eq!(loaded.workbook.language(), lang);
        let report = loaded.store.save(&loaded.workbook).expect("saves");
        assert!(report.written.is_empty(), "wrote {:?}", report.written);
        assert!(
            loaded
                .store
                .non_canonical(&loaded.workbook)
                .unwrap()
                .is_empty()
        );
    }
}

#[test]
fn a_malformed_file_is_reported_with_file_line_and_column() {
    let wb = TestWorkbook::new(Language::En);
    wb.write(
        "risks.ron",
        "Risks(\n    next_number: 1,\n    risks: [\n        Risk(\n            id: \"R-001\",\n            title: \"x\",\n            current: Rating(likelihood: 3 impact: 2),\n        ),\n    ],\n)\n",
    );
    let errors = load_errors(&wb);
    assert_eq!(errors.len(), 1);
    let shown = errors[0].to_string();
    assert!(shown.starts_with("risks.ron:7:"), "{shown}");
    assert!(
        shown.contains("current: Rating(likelihood: 3 impact: 2)"),
        "shows the line: {shown}"
    );
    assert!(shown.contains('^'), "points at the column: {shown}");
}

#[test]
fn merge_conflict_markers_get_their_own_message() {
    let wb = TestWorkbook::new(Language::En);
    wb.write(
        "backups.ron",
        "Backups(\n<<<<<<< HEAD\n    next_number: 2,\n=======\n    next_number: 3,\n>>>>>>> feature\n    backups: [],\n)\n",
    );
    let errors = load_errors(&wb);
    assert!(
        matches!(&errors[0], FileError::MergeConflict { file, line: 2, .. } if file == "backups.ron"),
        "{errors:?}"
    );
    assert!(errors[0].to_string().contains("merge conflict"));
}

#[test]
fn an_unknown_field_names_the_field_and_the_file() {
    let wb = TestWorkbook::new(Language::En);
    wb.edit(
        "paraat.ron",
        "    printed_copies:",
        "    printed_copys: \"x\",\n    printed_copies:",
    );
    let errors = load_errors(&wb);
    let shown = errors[0].to_string();
    assert!(shown.starts_with("paraat.ron:"), "{shown}");
    assert!(shown.contains("unknown field `printed_copys`"), "{shown}");
}

#[test]
fn a_workbook_from_a_newer_paraat_is_refused_with_both_versions() {
    let wb = TestWorkbook::new(Language::En);
    wb.edit(
        "paraat.ron",
        "format: 1,",
        "format: 7,\n    future_field: true,",
    );
    let errors = load_errors(&wb);
    assert_eq!(
        errors,
        vec![FileError::NewerFormat {
            file: "paraat.ron".into(),
            found: 7,
            supported: FORMAT
        }]
    );
    let shown = errors[0].to_string();
    assert!(
        shown.contains("format 7") && shown.contains(&format!("format {FORMAT}")),
        "{shown}"
    );
}

#[test]
fn empty_missing_non_utf8_and_folder_files_are_each_reported_and_all_are_tried() {
    let wb = TestWorkbook::new(Language::En);
    wb.write("risks.ron", "  \n");
    std::fs::remove_file(wb.file("checklist.ron")).unwrap();
    std::fs::write(
        wb.file("backups.ron"),
        b"Backups(\n    backups: [\xff],\n)\n",
    )
    .unwrap();
    std::fs::remove_file(wb.file("plan.ron")).unwrap();
    std::fs::create_dir(wb.file("plan.ron")).unwrap();
    let errors = load_errors(&wb);
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(errors.contains(&FileError::Empty {
        file: "risks.ron".into()
    }));
    assert!(errors.contains(&FileError::Missing {
        file: "checklist.ron".into()
    }));
    assert!(errors.contains(&FileError::NotAFile {
        file: "plan.ron".into()
    }));
    assert!(errors.contains(&FileError::NotUtf8 {
        file: "backups.ron".into(),
        line: 2,
        col: 15
    }));
    for error in &errors {
        assert!(error.to_string().starts_with(error.file()), "{error}");
    }
}

#[test]
fn atomic_save_leaves_no_temporary_files_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let wb = TestWorkbook::new(Language::En);
    std::fs::set_permissions(wb.file("risks.ron"), std::fs::Permissions::from_mode(0o640)).unwrap();
    let mut loaded = Store::open_for_editing(wb.path()).unwrap();
    loaded.workbook.risks.risks.push(sample_risk("R-001"));
    let report = loaded.store.save(&loaded.workbook).unwrap();
    assert_eq!(report.written, vec!["risks.ron".to_owned()]);
    let mode = std::fs::metadata(wb.file("risks.ron"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
    let leftovers: Vec<_> = std::fs::read_dir(wb.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let reloaded = Store::load(wb.path()).unwrap();
    assert_eq!(reloaded.workbook.risks, loaded.workbook.risks);
}

#[test]
fn save_refuses_to_overwrite_a_file_changed_on_disk() {
    let wb = TestWorkbook::new(Language::En);
    let mut loaded = Store::open_for_editing(wb.path()).unwrap();
    // Someone pulls a change to the risk register while it is open.
    let theirs = wb
        .read("risks.ron")
        .replace("next_number: 1", "next_number: 5");
    wb.write("risks.ron", &theirs);
    loaded.workbook.risks.risks.push(sample_risk("R-001"));
    match loaded.store.save(&loaded.workbook) {
        Err(SaveError::Conflict(conflicts)) => {
            assert_eq!(conflicts.len(), 1);
            assert_eq!(conflicts[0].file, "risks.ron");
            assert_eq!(conflicts[0].on_disk.as_deref(), Some(theirs.as_str()));
            assert!(conflicts[0].ours.contains("R-001"));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(wb.read("risks.ron"), theirs, "their version is untouched");
    assert_eq!(loaded.store.changed_on_disk(), vec!["risks.ron".to_owned()]);
    // Choosing "overwrite" writes ours.
    loaded
        .store
        .save_overwriting(&loaded.workbook, &["risks.ron".to_owned()])
        .unwrap();
    assert!(wb.read("risks.ron").contains("R-001"));
}

#[test]
fn a_second_editor_is_told_the_workbook_is_opened_elsewhere() {
    let wb = TestWorkbook::new(Language::En);
    let _first = Store::open_for_editing(wb.path()).unwrap();
    match Store::open_for_editing(wb.path()) {
        Err(OpenError::Locked(e)) => assert!(e.to_string().contains("opened elsewhere"), "{e}"),
        other => panic!("expected a lock error, got {other:?}"),
    }
    // Reading is still possible, and the lock goes with the first editor.
    assert!(Store::load(wb.path()).is_ok());
    drop(_first);
    assert!(Store::open_for_editing(wb.path()).is_ok());
}

#[test]
fn a_read_only_store_does_not_save() {
    let wb = TestWorkbook::new(Language::En);
    let mut loaded = Store::load(wb.path()).unwrap();
    loaded.workbook.risks.risks.push(sample_risk("R-001"));
    assert!(matches!(
        loaded.store.save(&loaded.workbook),
        Err(SaveError::ReadOnly(_))
    ));
}

#[test]
fn private_details_are_merged_at_load_and_never_written_to_public_files() {
    let wb = TestWorkbook::new(Language::En);
    let mut loaded = Store::open_for_editing(wb.path()).unwrap();
    let contact = &mut loaded.workbook.contacts.contacts[0];
    contact.private.phones.push(Phone {
        label: "Mobile".into(),
        number: "06 55555 0199".into(),
    });
    contact.private.address = "Kerkstraat 1, Ergens".into();
    let id = contact.id.clone();
    loaded.store.save(&loaded.workbook).unwrap();

    let public = wb.read("contacts.ron");
    assert!(
        !public.contains("06 55555 0199") && !public.contains("Kerkstraat"),
        "{public}"
    );
    let private = wb.read("private/contacts.ron");
    assert!(private.contains("06 55555 0199") && private.contains(id.as_str()));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(wb.file("private/contacts.ron"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "private file readable by its owner only");

    let reloaded = Store::load(wb.path()).unwrap().workbook;
    assert_eq!(reloaded.contacts, loaded.workbook.contacts);
}

#[test]
fn private_entries_without_a_contact_are_kept_and_reported() {
    let wb = TestWorkbook::new(Language::En);
    wb.write(
        "private/contacts.ron",
        "PrivateContacts(\n    contacts: [\n        PrivateContact(\n            id: \"C-099\",\n            phones: [],\n            email: \"gone@example.org\",\n            out_of_band: \"\",\n            address: \"\",\n            notes: \"\",\n        ),\n    ],\n)\n",
    );
    let mut loaded = Store::open_for_editing(wb.path()).unwrap();
    assert_eq!(loaded.workbook.private_orphans.len(), 1);
    let findings = paraat::review::integrity(&loaded.workbook);
    assert!(
        findings
            .iter()
            .any(|f| f.code.as_str() == "PRIVATE_WITHOUT_CONTACT")
    );
    loaded.workbook.risks.risks.push(sample_risk("R-001"));
    loaded.store.save(&loaded.workbook).unwrap();
    assert!(wb.read("private/contacts.ron").contains("gone@example.org"));
}

#[test]
fn an_incident_whose_id_differs_from_its_file_name_is_refused() {
    let wb = TestWorkbook::new(Language::En);
    wb.write(
        "incidents/2026-01-02-test.ron",
        "Incident(\n    id: \"2026-01-02-other\",\n    title: \"t\",\n    kind: Exercise,\n    declared_at: \"2026-01-02T09:00:00Z\",\n    declared_by: \"x\",\n    severity: Low,\n    status: Closed,\n)\n",
    );
    let errors = load_errors(&wb);
    assert!(
        errors[0]
            .to_string()
            .contains("does not match its file name"),
        "{}",
        errors[0]
    );
}

#[test]
fn record_positions_point_at_the_line_where_the_record_starts() {
    let wb = TestWorkbook::new(Language::En);
    let loaded = Store::load(wb.path()).unwrap();
    let text = wb.read("contacts.ron");
    let expected = text
        .lines()
        .position(|l| l.contains("id: \"C-002\""))
        .unwrap(); // 0-based index of the id line = 1-based number of the line above
    let (file, line) = loaded
        .store
        .positions()
        .locate(RecordKind::Contact, "C-002");
    assert_eq!(file, "contacts.ron");
    assert_eq!(line, Some(expected));
    assert!(
        text.lines()
            .nth(expected - 1)
            .unwrap()
            .trim_start()
            .starts_with("Contact(")
    );
}

#[test]
fn an_unknown_field_inside_a_timeline_entry_kind_is_an_error() {
    let wb = TestWorkbook::new(Language::En);
    wb.write(
        "incidents/2026-01-02-test.ron",
        "Incident(\n    id: \"2026-01-02-test\",\n    title: \"t\",\n    kind: Exercise,\n    declared_at: \"2026-01-02T09:00:00Z\",\n    declared_by: \"x\",\n    severity: Low,\n    status: Closed,\n    timeline: [\n        TimelineEntry(\n            at: \"2026-01-02T09:05:00Z\",\n            by: \"x\",\n            kind: Call(contact: \"C-001\", reached: true, mood: \"calm\"),\n            text: \"called\",\n        ),\n    ],\n)\n",
    );
    let errors = load_errors(&wb);
    assert!(errors[0].to_string().contains("mood"), "{}", errors[0]);
}
