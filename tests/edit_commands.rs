//! Small edits from the shell: `paraat answer`, `paraat set`, `paraat log-restore`.
//! Each builds the edit the terminal UI builds and refuses what its form refuses,
//! with the form's words.

mod common;

use common::{TestWorkbook, paraat};
use paraat::model::edit::Record;
use paraat::model::form::specs;
use paraat::model::ops::{self, backups, records};
use paraat::model::{Answer, Date, Language, RecordKind, RestoreResult};
use paraat::store::Store;
use paraat::tui::forms::{Editor, Form, text_area};
use predicates::prelude::*;

const TODAY: &str = "2026-12-01";

fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

/// What the form says under `path` when `text` is typed there, opened on the
/// record `id` as the edit key opens it.
fn form_error(wb: &TestWorkbook, id: &str, path: &str, text: &str) -> String {
    let workbook = Store::load(wb.path()).unwrap().workbook;
    let kind = paraat::model::renumber::kind_of_id(id).unwrap();
    let found = ops::locate(&workbook, kind, id).unwrap();
    let (fields, groups) = specs::fields(kind, workbook.language());
    let mut form = Form::new(
        "t".into(),
        fields,
        specs::to_json(&found.record),
        groups,
        workbook.language(),
    );
    let at = form
        .fields
        .iter()
        .position(|f| f.spec.path == path)
        .unwrap();
    form.fields[at].editor = Editor::Text(text_area(text));
    assert!(form.build().is_err(), "the form takes {path}={text:?}");
    form.fields[at].error.clone().unwrap()
}

#[test]
fn set_refuses_what_the_form_refuses_with_the_forms_words() {
    for lang in [Language::En, Language::Nl] {
        let wb = TestWorkbook::example();
        if lang == Language::Nl {
            wb.edit("paraat.ron", "language: En", "language: Nl");
        }
        let workbook = Store::load(wb.path()).unwrap().workbook;
        let risk = workbook.risks.risks[0].id.to_string();
        let process = workbook.processes.processes[0].id.to_string();
        let bad = [
            (&risk, "current.likelihood", "7"),
            (&risk, "current.likelihood", "0"),
            (&risk, "current.likelihood", "two"),
            (&risk, "current.likelihood", ""),
            (&risk, "current.impact", "-1"),
            (&risk, "title", "   "),
            (&risk, "review_by", "2026-02-30"),
            (&risk, "review_by", "tomorrow"),
            (&process, "recovery_order", "1000"),
            (&process, "name", ""),
        ];
        for (id, path, text) in bad {
            let in_form = form_error(&wb, id, path, text);
            let words = vec![(path.to_owned(), text.to_owned())];
            let refused = records::set_fields(&workbook, id, &words).unwrap_err();
            let message = refused.message(lang);
            let (_, reason) = message.split_once(": ").unwrap();
            assert!(
                in_form.starts_with(reason),
                "{lang:?} {path}={text:?}: the form says {in_form:?}, set says {message:?}"
            );
            // The binary says the same and writes nothing.
            let before = wb.read("risks.ron") + &wb.read("processes.ron");
            paraat()
                .arg("set")
                .arg(id)
                .arg(format!("{path}={text}"))
                .current_dir(wb.path())
                .assert()
                .code(2)
                .stderr(predicate::str::contains(reason));
            assert_eq!(before, wb.read("risks.ron") + &wb.read("processes.ron"));
        }
    }
}

#[test]
fn half_a_residual_rating_is_refused_by_set_as_by_the_form() {
    let wb = TestWorkbook::example();
    let workbook = Store::load(wb.path()).unwrap().workbook;
    let risk = workbook
        .risks
        .risks
        .iter()
        .find(|r| r.residual.is_none())
        .expect("a risk without a residual rating");
    let id = risk.id.to_string();
    let (fields, groups) = specs::fields(RecordKind::Risk, Language::En);
    let mut form = Form::new(
        "t".into(),
        fields,
        specs::to_json(&paraat::model::edit::Record::Risk(risk.clone())),
        groups,
        Language::En,
    );
    let at = |path: &str| {
        form.fields
            .iter()
            .position(|f| f.spec.path == path)
            .unwrap()
    };
    let (likelihood, impact) = (at("residual.likelihood"), at("residual.impact"));
    form.fields[likelihood].editor = Editor::Text(text_area("3"));
    assert!(form.build().is_err());
    let in_form = form.fields[impact].error.clone().unwrap();
    let words = vec![("residual_likelihood".to_owned(), "3".to_owned())];
    let message = records::set_fields(&workbook, &id, &words)
        .unwrap_err()
        .message(Language::En);
    assert!(message.ends_with(&in_form), "{message:?} / {in_form:?}");
    // Both halves at once are taken.
    let both = vec![
        ("residual_likelihood".to_owned(), "2".to_owned()),
        ("residual_impact".to_owned(), "2".to_owned()),
    ];
    assert!(
        records::set_fields(&workbook, &id, &both)
            .unwrap()
            .is_some()
    );
}

#[test]
fn the_restore_test_form_and_log_restore_refuse_the_same_values() {
    let wb = TestWorkbook::example();
    let workbook = Store::load(wb.path()).unwrap().workbook;
    let found = ops::locate(&workbook, RecordKind::Backup, "B-003").unwrap();
    let Record::Backup(backup) = &found.record else {
        panic!()
    };
    for (path, text) in [("date", "2026-13-01"), ("date", ""), ("restored", " ")] {
        let mut form = Form::new(
            "t".into(),
            specs::restore_test_fields(Language::En),
            backups::new_restore_test(backup, today()),
            vec![],
            Language::En,
        );
        let at = form
            .fields
            .iter()
            .position(|f| f.spec.path == path)
            .unwrap();
        form.fields[at].editor = Editor::Text(text_area(text));
        assert!(form.build().is_err());
        let in_form = form.fields[at].error.clone().unwrap();
        let words = vec![(path.to_owned(), text.to_owned())];
        let message = backups::log_restore_test_words(&workbook, "B-003", &words, today())
            .unwrap_err()
            .message(Language::En);
        let (_, reason) = message.split_once(": ").unwrap();
        assert!(in_form.starts_with(reason), "{in_form:?} / {message:?}");
    }
}

#[test]
fn set_changes_a_risk_as_the_form_does_and_dry_run_writes_nothing() {
    let wb = TestWorkbook::example();
    let before = wb.read("risks.ron");
    paraat()
        .args([
            "set",
            "R-002",
            "likelihood=2",
            "--dry-run",
            "--today",
            TODAY,
        ])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("likelihood 3 → 2"))
        .stdout(predicate::str::contains("Dry run"));
    assert_eq!(before, wb.read("risks.ron"));
    paraat()
        .args([
            "set",
            "R-002",
            "likelihood=2",
            "treatment=accept",
            "review-by=2027-03-01",
        ])
        .args(["--today", TODAY])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Saved risks.ron"));
    let workbook = Store::load(wb.path()).unwrap().workbook;
    let risk = workbook
        .risks
        .risks
        .iter()
        .find(|r| r.id.as_str() == "R-002")
        .unwrap();
    assert_eq!(risk.current.likelihood, 2);
    assert_eq!(
        risk.treatment,
        Some(paraat::model::Treatment::Accept),
        "a choice by its label"
    );
    assert_eq!(risk.review_by, Some(Date::parse("2027-03-01").unwrap()));
    // The same edit the form makes: the record rebuilt from the form's JSON.
    let again = records::set_fields(&workbook, "R-002", &[("likelihood".into(), "2".into())]);
    assert_eq!(again, Ok(None), "nothing left to change");
    // Only risks.ron was written; the file stays canonical.
    paraat()
        .args(["fmt", "--check"])
        .current_dir(wb.path())
        .assert()
        .success();
}

#[test]
fn set_names_unknown_fields_lists_and_missing_records() {
    let wb = TestWorkbook::example();
    let run = |args: &[&str]| {
        paraat()
            .arg("set")
            .args(args)
            .current_dir(wb.path())
            .assert()
            .code(2)
    };
    run(&["R-002", "colour=red"])
        .stderr(predicate::str::contains("no field `colour`"))
        .stderr(predicate::str::contains("likelihood"));
    run(&["R-999", "likelihood=2"]).stderr(predicate::str::contains("R-999"));
    run(&["R-002", "likelihood"]).stderr(predicate::str::contains("field=value"));
    run(&["R-002", "owner=C-999"]).stderr(predicate::str::contains("C-999"));
    run(&["R-002", "treatment=maybe"]).stderr(predicate::str::contains("reduce"));
    run(&["C-001", "phones=0570 555 0199"]).stderr(predicate::str::contains("a list"));
    run(&["2026-01-01-x", "title=x"]).stderr(predicate::str::contains("not the id"));
    // Hostile text in a value is stored as text and printed safely.
    paraat()
        .args(["set", "R-002", "notes=\u{1b}[31mred\u{202e}"])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("\u{1b}[31m").not());
    let workbook = Store::load(wb.path()).unwrap().workbook;
    let risk = workbook
        .risks
        .risks
        .iter()
        .find(|r| r.id.as_str() == "R-002")
        .unwrap();
    assert_eq!(risk.notes, "\u{1b}[31mred\u{202e}");
}

#[test]
fn answer_answers_an_item_with_a_note_in_either_language() {
    let wb = TestWorkbook::example();
    paraat()
        .args([
            "answer",
            "CL-08",
            "ja",
            "--note",
            "checked by Ann",
            "--today",
            TODAY,
        ])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Saved checklist.ron"));
    let workbook = Store::load(wb.path()).unwrap().workbook;
    let item = workbook
        .checklist
        .items
        .iter()
        .find(|i| i.id.as_str() == "CL-08")
        .unwrap();
    assert_eq!(item.answer, Answer::Yes);
    assert_eq!(item.answered, Some(today()));
    assert_eq!(item.note, "checked by Ann");
    // The same edit as the answer key: answered already, nothing to do.
    assert_eq!(
        ops::answers::answer(&workbook, "CL-08", Answer::Yes, today()),
        Ok(None)
    );
    paraat()
        .args(["answer", "CL-08", "maybe"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`maybe` is not one of: yes, partly, no, n/a",
        ));
    paraat()
        .args(["answer", "R-002", "yes"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no checklist item or self-check statement R-002",
        ));
    paraat()
        .args(["answer", "SC-01", "n/a", "--today", TODAY])
        .current_dir(wb.path())
        .assert()
        .success();
}

#[test]
fn log_restore_logs_a_test_in_date_order() {
    let wb = TestWorkbook::example();
    paraat()
        .args(["log-restore", "B-003", "--result", "failed", "--took", "3h"])
        .args(["--today", TODAY])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("RESTORE_FAILED"));
    let workbook = Store::load(wb.path()).unwrap().workbook;
    let backup = workbook
        .backups
        .backups
        .iter()
        .find(|b| b.id.as_str() == "B-003")
        .unwrap();
    let last = backup.restore_tests.last().unwrap();
    assert_eq!(last.date, today());
    assert_eq!(last.result, RestoreResult::Failed);
    assert_eq!(last.took, Some(paraat::model::Duration::Hours(3)));
    assert_eq!(last.restored, backup.what, "what the form starts with");
    for (flag, value, says) in [
        ("--took", "3 parsecs", "not a duration"),
        ("--date", "2026-02-30", "YYYY-MM-DD"),
        ("--result", "fine", "`fine` is not one of"),
    ] {
        paraat()
            .args(["log-restore", "B-003", flag, value])
            .current_dir(wb.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    paraat()
        .args(["log-restore", "B-999"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("B-999"));
}
