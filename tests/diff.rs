//! `paraat diff` as a reviewer reads it: the example museum in git, a handful of
//! changes of every kind, in English and Dutch, as text, Markdown and JSON.

mod common;

use std::path::Path;

use common::TestWorkbook;
use common::git::{git, have_git, paraat_in};
use paraat::model::edit::{Edit, Record};
use paraat::model::renumber::renumber;
use paraat::model::*;
use paraat::store::Store;
use predicates::prelude::*;

const TODAY: &str = "2026-12-01";

fn edit(dir: &Path, change: impl FnOnce(&mut Workbook)) {
    let mut loaded = Store::open_for_editing(dir).expect("opens");
    change(&mut loaded.workbook);
    loaded.store.save(&loaded.workbook).expect("saves");
}

fn apply(wb: &mut Workbook, edit: Edit) {
    edit.apply(wb).expect("the edit applies");
}

/// The example museum committed in a repository, in `lang`.
fn museum(lang: Language) -> TestWorkbook {
    let wb = TestWorkbook::example();
    if lang == Language::Nl {
        wb.edit("paraat.ron", "language: En", "language: Nl");
    }
    git(wb.path(), &["init", "-q", "-b", "main"]);
    git(wb.path(), &["add", "."]);
    git(wb.path(), &["commit", "-q", "-m", "The example museum"]);
    wb
}

/// The changes of the examples, and a record added, one removed, one
/// renumbered, a crisis role and a private number changed.
fn change_everything(dir: &Path) {
    edit(dir, |wb| {
        let i = wb
            .risks
            .risks
            .iter()
            .position(|r| r.id.as_str() == "R-002")
            .unwrap();
        let before = wb.risks.risks[i].clone();
        let mut after = before.clone();
        after.current.likelihood = 2;
        apply(
            wb,
            Edit::Record {
                phase: None,
                index: i,
                before: Some(Record::Risk(before)),
                after: Some(Record::Risk(after)),
            },
        );

        let i = wb
            .checklist
            .items
            .iter()
            .position(|r| r.id.as_str() == "CL-08")
            .unwrap();
        let before = wb.checklist.items[i].clone();
        let mut after = before.clone();
        after.answer = Answer::Yes;
        after.answered = Some(Date::parse("2026-11-30").unwrap());
        apply(
            wb,
            Edit::Record {
                phase: None,
                index: i,
                before: Some(Record::ChecklistItem(before)),
                after: Some(Record::ChecklistItem(after)),
            },
        );

        let before = wb.contacts.call_order.clone();
        let mut after = before.clone();
        let hanzeborg = after
            .iter()
            .position(|c| c.contact.as_str() == "C-012")
            .unwrap();
        let call = after.remove(hanzeborg);
        after.insert(1, call);
        apply(wb, Edit::CallOrder { before, after });

        let i = wb
            .backups
            .backups
            .iter()
            .position(|b| b.id.as_str() == "B-003")
            .unwrap();
        let before = wb.backups.backups[i].clone();
        let mut after = before.clone();
        after.restore_tests.push(RestoreTest {
            date: Date::parse("2026-11-30").unwrap(),
            restored: "One mailbox".into(),
            result: RestoreResult::Failed,
            took: Some(Duration::Hours(3)),
            notes: String::new(),
        });
        apply(
            wb,
            Edit::Record {
                phase: None,
                index: i,
                before: Some(Record::Backup(before)),
                after: Some(Record::Backup(after)),
            },
        );

        let id = wb.next_id(RecordKind::Risk);
        let index = wb.risks.risks.len();
        apply(
            wb,
            Edit::Record {
                phase: None,
                index,
                before: None,
                after: Some(Record::Risk(Risk::new(
                    id,
                    "Water damage in the depot",
                    Rating {
                        likelihood: 2,
                        impact: 5,
                    },
                ))),
            },
        );

        let last = wb.processes.suppliers.len() - 1;
        let gone = wb.processes.suppliers[last].clone();
        if !wb.is_referred_to(RecordKind::Supplier, &gone.id) {
            apply(
                wb,
                Edit::Record {
                    phase: None,
                    index: last,
                    before: Some(Record::Supplier(gone)),
                    after: None,
                },
            );
        }

        let last = wb.checklist.items.len() - 1;
        let gone = wb.checklist.items[last].clone();
        apply(
            wb,
            Edit::Record {
                phase: None,
                index: last,
                before: Some(Record::ChecklistItem(gone)),
                after: None,
            },
        );

        let next = wb.next_id(RecordKind::Backup);
        let renumbering = renumber(wb, "B-001", next.as_str()).unwrap();
        apply(wb, renumbering);

        let before = wb.contacts.crisis_roles.clone();
        let mut after = before.clone();
        after[0].deputy = Some(Id::from("C-006"));
        apply(wb, Edit::CrisisRoles { before, after });

        // A private number: it must never show.
        let c = wb
            .contacts
            .contacts
            .iter_mut()
            .find(|c| c.id.as_str() == "C-005")
            .unwrap();
        c.private.phones.push(Phone {
            label: "Home".into(),
            number: "0570 555 0199".into(),
        });
    });
}

fn diff(dir: &Path, args: &[&str]) -> String {
    let out = paraat_in(dir)
        .arg("diff")
        .args(args)
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn diff_tells_every_kind_of_change_in_english() {
    if !have_git() {
        return;
    }
    let wb = museum(Language::En);
    change_everything(wb.path());
    let text = diff(wb.path(), &[]);
    for expected in [
        "R-002 Ransomware at the hosted collection system supplier: likelihood 3 → 2 (score 12 → 8, high → medium)",
        "answered: yes",
        "moved from 4 to 2",
        "restore test of 2026-11-30 logged (failed, took 3 hours)",
        "Water damage in the depot: added",
        "renumbered from B-001",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(
        !text.contains("555 0199"),
        "a private number leaked:\n{text}"
    );
    insta::assert_snapshot!("diff_text_en", text);
    let md = diff(wb.path(), &["--format", "md"]);
    assert!(!md.contains("555 0199"));
    insta::assert_snapshot!("diff_md_en", md);
}

#[test]
fn diff_speaks_dutch_for_a_dutch_workbook() {
    if !have_git() {
        return;
    }
    let wb = museum(Language::Nl);
    change_everything(wb.path());
    let text = diff(wb.path(), &[]);
    assert!(
        text.contains("kans 3 → 2 (score 12 → 8, hoog → gemiddeld)"),
        "{text}"
    );
    assert!(text.contains("beantwoord: ja"), "{text}");
    assert!(text.contains("verplaatst van 4 naar 2"), "{text}");
    insta::assert_snapshot!("diff_text_nl", text);
    insta::assert_snapshot!("diff_md_nl", diff(wb.path(), &["--format", "md"]));
}

#[test]
fn diff_json_has_the_documented_shape() {
    if !have_git() {
        return;
    }
    let wb = museum(Language::En);
    change_everything(wb.path());
    let json: serde_json::Value =
        serde_json::from_str(&diff(wb.path(), &["--format", "json"])).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["from"], "HEAD");
    assert_eq!(json["language"], "en");
    let r002 = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "R-002")
        .unwrap();
    assert_eq!(r002["kind"], "risk");
    assert_eq!(r002["change"], "changed");
    assert_eq!(
        r002["fields"][0],
        serde_json::json!({"field": "current.likelihood", "before": 3, "after": 2})
    );
    let renumbered = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["change"] == "renumbered")
        .unwrap();
    assert_eq!(renumbered["renumbered_from"], "B-001");
    assert!(
        json["parts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["part"] == "call_order")
    );
    assert!(!json["findings"]["new"].as_array().unwrap().is_empty());
    assert!(
        !json.to_string().contains("555 0199"),
        "a private number leaked"
    );
    insta::assert_json_snapshot!("diff_json_en", json);
}

#[test]
fn diff_between_revisions_and_of_what_is_staged() {
    if !have_git() {
        return;
    }
    let wb = museum(Language::En);
    change_everything(wb.path());
    git(wb.path(), &["add", "-A"]);
    let staged = diff(wb.path(), &["--staged"]);
    assert!(staged.contains("likelihood 3 → 2"), "{staged}");
    git(wb.path(), &["commit", "-q", "-m", "Changes"]);
    assert!(diff(wb.path(), &[]).contains("No changes."));
    let range = diff(wb.path(), &["HEAD~1..HEAD"]);
    assert!(
        range.contains("from HEAD~1 to HEAD") && range.contains("likelihood 3 → 2"),
        "{range}"
    );
    let since = diff(wb.path(), &["HEAD~1"]);
    assert!(since.contains("likelihood 3 → 2"));
    paraat_in(wb.path())
        .args(["diff", "nonsense"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not name a commit"));
}

#[test]
fn diff_outside_a_repository_says_so() {
    let wb = TestWorkbook::example();
    paraat_in(wb.path())
        .arg("diff")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not in a git repository"));
}

#[test]
fn names_from_the_files_are_escaped_in_markdown_and_sanitised_in_text() {
    if !have_git() {
        return;
    }
    let wb = museum(Language::En);
    edit(wb.path(), |wb| {
        let id = wb.next_id(RecordKind::Risk);
        let index = wb.risks.risks.len();
        apply(
            wb,
            Edit::Record {
                phase: None,
                index,
                before: None,
                after: Some(Record::Risk(Risk::new(
                    id,
                    "<script>alert(1)</script> \u{1b}[31mred **bold** | pipe",
                    Rating {
                        likelihood: 1,
                        impact: 1,
                    },
                ))),
            },
        );
    });
    let text = diff(wb.path(), &[]);
    assert!(!text.contains('\u{1b}'), "{text}");
    let md = diff(wb.path(), &["--format", "md"]);
    assert!(
        !md.contains("<script>") && md.contains("&lt;script&gt;"),
        "{md}"
    );
    assert!(
        md.contains("\\*\\*bold\\*\\*") && md.contains("\\|"),
        "{md}"
    );
}
