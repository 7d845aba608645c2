//! The command line as a user (or CI) runs it.

mod common;

use common::{TestWorkbook, paraat};
use paraat::model::Language;
use predicates::prelude::*;

#[test]
fn init_then_check_then_fmt_check_pass_in_both_languages() {
    for (lang, org) in [("en", "Museum Example"), ("nl", "Museum Voorbeeld")] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("museum-wb");
        paraat()
            .args(["init"])
            .arg(&dir)
            .args(["--org", org, "--kind", "museum", "--lang", lang])
            .assert()
            .success()
            .stdout(predicate::str::contains("git init"));
        for file in [
            "paraat.ron",
            "checklist.ron",
            "selfcheck.ron",
            "plan.ron",
            "risks.ron",
            "processes.ron",
            "contacts.ron",
            "backups.ron",
            ".gitignore",
            ".gitattributes",
        ] {
            assert!(dir.join(file).is_file(), "{lang}: {file} missing");
        }
        assert!(dir.join("incidents").is_dir() && dir.join("private").is_dir());
        let gitignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
        assert!(gitignore.contains("private/") && gitignore.contains(".paraat.lock"));
        assert_eq!(
            std::fs::read_to_string(dir.join(".gitattributes")).unwrap(),
            "*.ron text eol=lf merge=paraat diff=paraat\n"
        );

        paraat()
            .arg("check")
            .arg("--today")
            .arg("2026-12-01")
            .current_dir(&dir)
            .assert()
            .code(0);
        paraat()
            .args(["fmt", "--check"])
            .current_dir(&dir)
            .assert()
            .code(0);
        let manifest = std::fs::read_to_string(dir.join("paraat.ron")).unwrap();
        assert!(manifest.contains(org));
        assert!(manifest.contains(if lang == "nl" {
            "language: Nl"
        } else {
            "language: En"
        }));
    }
}

#[test]
fn init_refuses_a_folder_that_already_holds_a_workbook() {
    let wb = TestWorkbook::new(Language::En);
    let before = wb.read("paraat.ron");
    paraat()
        .arg("init")
        .arg(wb.path())
        .args(["--org", "Other"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already holds a workbook"));
    assert_eq!(wb.read("paraat.ron"), before);
}

#[test]
fn check_finds_the_workbook_by_flag_by_environment_and_by_walking_up() {
    let wb = TestWorkbook::new(Language::En);
    paraat()
        .args(["check", "--workbook"])
        .arg(wb.path())
        .assert()
        .code(0);
    paraat()
        .arg("check")
        .env("PARAAT_WORKBOOK", wb.path())
        .assert()
        .code(0);
    paraat()
        .arg("check")
        .current_dir(wb.path().join("incidents"))
        .assert()
        .code(0);
    let elsewhere = tempfile::tempdir().unwrap();
    paraat()
        .arg("check")
        .current_dir(elsewhere.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no workbook found"));
}

#[test]
fn check_exits_1_on_errors_and_2_when_the_workbook_does_not_load() {
    let wb = TestWorkbook::new(Language::En);
    wb.edit("contacts.ron", "id: \"C-002\"", "id: \"C-001\"");
    paraat()
        .arg("check")
        .current_dir(wb.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("DUPLICATE_ID").and(predicate::str::contains("contacts.ron:")),
        );

    wb.edit("contacts.ron", "id: \"C-001\"", "ident: \"C-001\"");
    paraat()
        .arg("check")
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("contacts.ron:").and(predicate::str::contains("ident")));
}

#[test]
fn check_json_has_the_documented_shape() {
    let wb = TestWorkbook::new(Language::En);
    wb.edit("contacts.ron", "id: \"C-002\"", "id: \"C-001\"");
    let output = paraat()
        .args(["check", "--format", "json", "--today", "2026-12-01"])
        .current_dir(wb.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(report["today"], "2026-12-01");
    assert_eq!(report["organisation"], "Museum Test");
    assert!(report["summary"]["errors"].as_u64().unwrap() >= 1);
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "DUPLICATE_ID")
        .expect("a duplicate-id finding");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["area"], "integrity");
    assert_eq!(finding["record"]["kind"], "contact");
    assert_eq!(finding["record"]["id"], "C-001");
    assert_eq!(finding["file"], "contacts.ron");
    assert!(finding["line"].as_u64().unwrap() > 1);
    assert!(finding["message"].as_str().unwrap().contains("C-001"));
}

#[test]
fn check_github_format_annotates_the_line() {
    let wb = TestWorkbook::new(Language::En);
    wb.edit("contacts.ron", "id: \"C-002\"", "id: \"C-001\"");
    paraat()
        .args(["check", "--format", "github"])
        .current_dir(wb.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::is_match(r"::error file=contacts\.ron,line=\d+,title=DUPLICATE_ID::")
                .unwrap(),
        );
}

#[test]
fn today_must_be_a_date() {
    let wb = TestWorkbook::new(Language::En);
    for wrong in ["12/1/2026", "31-02-2026", "tomorrow"] {
        paraat()
            .args(["check", "--today", wrong])
            .current_dir(wb.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is not a date"));
    }
}

#[test]
fn dates_in_flags_may_be_typed_day_first() {
    let wb = TestWorkbook::new(Language::En);
    let json = |today: &str| {
        let out = paraat()
            .args(["check", "--format", "json", "--today", today])
            .current_dir(wb.path())
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["today"].clone()
    };
    assert_eq!(json("01-12-2026"), "2026-12-01");
    assert_eq!(json("1-12-2026"), "2026-12-01");
    assert_eq!(json("2026-12-01"), "2026-12-01");
}

#[test]
fn fmt_rewrites_hand_edited_files_and_fmt_check_lists_them() {
    let wb = TestWorkbook::new(Language::En);
    // A hand edit: compact formatting and a comment.
    wb.write(
        "risks.ron",
        "// our risks\nRisks(risks: [], next_number: 1)\n",
    );
    paraat()
        .args(["fmt", "--check"])
        .current_dir(wb.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("risks.ron"));
    paraat()
        .arg("fmt")
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("risks.ron: rewritten"));
    assert_eq!(
        wb.read("risks.ron"),
        "Risks(\n    next_number: 1,\n    risks: [],\n)\n"
    );
    paraat()
        .args(["fmt", "--check"])
        .current_dir(wb.path())
        .assert()
        .code(0);
}

#[test]
fn fmt_check_passes_on_the_example_museum() {
    let wb = TestWorkbook::example();
    paraat()
        .args(["fmt", "--check"])
        .current_dir(wb.path())
        .assert()
        .code(0);
}

#[test]
fn the_example_museum_is_in_canonical_form_in_the_source_tree() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example");
    paraat()
        .args(["fmt", "--check", "--workbook"])
        .arg(root)
        .assert()
        .code(0);
}

#[test]
fn demo_makes_a_scratch_copy_and_checks_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    paraat()
        .env("PARAAT_TODAY", "2026-12-01")
        .args(["demo", "--dir"])
        .arg(&dir)
        .assert()
        .stderr(predicate::str::contains("scratch copy"))
        .stdout(predicate::str::contains("as of 2026-12-01"));
    assert!(dir.join("paraat.ron").is_file());
    assert!(dir.join("private/contacts.ron").is_file());
}

#[test]
fn every_file_of_the_example_museum_is_embedded_in_the_binary() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/example");
    let mut on_disk = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                on_disk.push(
                    path.strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    on_disk.sort();
    let mut embedded: Vec<String> = paraat::store::templates::EXAMPLE
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    embedded.sort();
    assert_eq!(
        on_disk, embedded,
        "add new example files to EXAMPLE in src/store/templates.rs"
    );
}

/// A workbook that does not load is described in its own language: the heading
/// and each file's error (from the manifest; English when it does not say).
#[test]
fn a_dutch_workbook_that_does_not_load_is_described_in_dutch() {
    for (lang, heading, conflict) in [
        (
            Language::Nl,
            "kon niet geladen worden (2 problemen):",
            "risks.ron:1: onopgelost samenvoegconflict in git",
        ),
        (
            Language::En,
            "could not be loaded (2 problems):",
            "risks.ron:1: unresolved git merge conflict",
        ),
    ] {
        let wb = TestWorkbook::new(lang);
        wb.write(
            "risks.ron",
            "<<<<<<< HEAD\nRisks(risks: [], next_number: 1)\n=======\n>>>>>>> theirs\n",
        );
        wb.write("plan.ron", "");
        for command in [&["fmt"][..], &["status"]] {
            let out = paraat()
                .args(command)
                .current_dir(wb.path())
                .assert()
                .code(2)
                .get_output()
                .stderr
                .clone();
            let text = String::from_utf8_lossy(&out);
            assert!(text.contains(heading), "{lang:?} {command:?}: {text}");
            assert!(text.contains(conflict), "{lang:?} {command:?}: {text}");
            assert!(text.contains(" 1 | <<<<<<< HEAD"), "{text}");
            let empty = paraat::model::bilingual::pick(
                lang,
                "plan.ron: the file is empty",
                "plan.ron: het bestand is leeg",
            );
            assert!(text.contains(empty), "{text}");
        }
    }
}
