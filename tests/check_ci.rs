//! `paraat check` in CI and as a pre-commit check: annotations on the right line
//! of the right file from the top of the repository, the findings a change
//! introduced first, GitLab's Code Quality report, checking what is staged; and
//! `paraat renumber` for the hand repair `DUPLICATE_ID` suggests.

mod common;

use std::path::{Path, PathBuf};

use common::git::{git, have_git, paraat_in};
use predicates::prelude::*;

const TODAY: &str = "2026-12-01";

/// A repository with the example museum in `museum/` (not at the top).
fn repo_with_workbook_in_a_subfolder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let wb = tmp.path().join("museum");
    paraat::store::templates::write_example(&wb).unwrap();
    git(tmp.path(), &["init", "-q", "-b", "main"]);
    git(tmp.path(), &["add", "."]);
    git(tmp.path(), &["commit", "-q", "-m", "The example museum"]);
    (tmp, wb)
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = paraat_in(dir)
        .arg("check")
        .args(args)
        .args(["--today", TODAY])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn github_annotations_name_the_path_from_the_repository_top_and_the_field_line() {
    if !have_git() {
        return;
    }
    let (_tmp, wb) = repo_with_workbook_in_a_subfolder();
    replace(
        &wb.join("risks.ron"),
        "title: \"Ransomware at the hosted collection system supplier\"",
        "title: \"\"",
    );
    let (_, out) = check(&wb, &["--format", "github"]);
    let line = out
        .lines()
        .find(|l| l.contains("MISSING_VALUE") && l.contains("R-002"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("file=museum/risks.ron"), "{line}");
    let text = std::fs::read_to_string(wb.join("risks.ron")).unwrap();
    let title_line = text
        .lines()
        .position(|l| l.trim() == "title: \"\",")
        .unwrap()
        + 1;
    assert!(
        line.contains(&format!("line={title_line},")),
        "{line} (title on {title_line})"
    );
    assert!(line.contains("title=MISSING_VALUE"));
}

#[test]
fn a_file_that_does_not_load_gets_an_annotation_with_title_and_column() {
    if !have_git() {
        return;
    }
    let (_tmp, wb) = repo_with_workbook_in_a_subfolder();
    replace(
        &wb.join("risks.ron"),
        "likelihood: 3,",
        "likelihood: three,",
    );
    let out = paraat_in(&wb)
        .args(["check", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("::error file=museum/risks.ron,line="),
        "{stdout}"
    );
    assert!(
        line.contains(",col=") && line.contains(",title=risks.ron%3A does not load::"),
        "{line}"
    );
}

#[test]
fn changed_since_lists_the_findings_a_change_introduced_first() {
    if !have_git() {
        return;
    }
    let (_tmp, wb) = repo_with_workbook_in_a_subfolder();
    // A new problem late in the usual order (hygiene comes last).
    replace(
        &wb.join("risks.ron"),
        "notes: \"\",",
        "notes: \"password: Hunter2-Hunter2\",",
    );
    let (_, plain) = check(&wb, &["--format", "github"]);
    let (_, first) = check(&wb, &["--format", "github", "--changed-since", "HEAD"]);
    assert!(!plain.lines().next().unwrap().contains("SECRET_IN_WORKBOOK"));
    assert!(
        first.lines().next().unwrap().contains("SECRET_IN_WORKBOOK"),
        "{first}"
    );
    assert_eq!(
        plain.lines().count(),
        first.lines().count(),
        "the same findings, reordered"
    );
}

#[test]
fn gitlab_code_quality_report_is_a_json_array_with_paths_and_lines() {
    if !have_git() {
        return;
    }
    let (_tmp, wb) = repo_with_workbook_in_a_subfolder();
    let (code, out) = check(&wb, &["--format", "gitlab"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let issues = report.as_array().unwrap();
    assert!(!issues.is_empty());
    for issue in issues {
        assert!(issue["description"].is_string() && issue["check_name"].is_string());
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        assert!(
            issue["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("museum/")
        );
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 16);
    }
    let (_, again) = check(&wb, &["--format", "gitlab"]);
    assert_eq!(out, again, "fingerprints are stable");
}

#[test]
fn check_staged_checks_what_would_be_committed() {
    if !have_git() {
        return;
    }
    let (_tmp, wb) = repo_with_workbook_in_a_subfolder();
    replace(
        &wb.join("risks.ron"),
        "title: \"Ransomware at the hosted collection system supplier\"",
        "title: \"\"",
    );
    let (_, working) = check(&wb, &[]);
    let (_, staged) = check(&wb, &["--staged"]);
    assert!(working.contains("MISSING_VALUE"));
    assert!(!staged.contains("MISSING_VALUE"), "not staged yet");
    git(&wb, &["add", "risks.ron"]);
    let (_, staged) = check(&wb, &["--staged"]);
    assert!(staged.contains("MISSING_VALUE"));
    // A staged file that does not load stops the commit (exit 2).
    replace(
        &wb.join("risks.ron"),
        "likelihood: 3,",
        "likelihood: three,",
    );
    git(&wb, &["add", "risks.ron"]);
    paraat_in(&wb).args(["check", "--staged"]).assert().code(2);
}

#[test]
fn a_duplicate_id_names_both_lines_and_renumber_repairs_it() {
    let wb = common::TestWorkbook::example();
    // What a careless text merge leaves: R-016 twice.
    let text = wb.read("risks.ron");
    let start = text
        .find("        Risk(\n            id: \"R-016\"")
        .unwrap();
    let end = start + text[start..].find("\n        ),\n").unwrap() + "\n        ),\n".len();
    let copy = text[start..end].replace("title: \"", "title: \"Copy of ");
    wb.write(
        "risks.ron",
        &format!("{}{}{}", &text[..end], copy, &text[end..]),
    );
    let out = paraat_in(wb.path())
        .args(["check", "--today", TODAY])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find(|l| l.contains("DUPLICATE_ID")).unwrap();
    assert!(line.contains("paraat renumber R-016 R-017"), "{line}");
    assert!(line.contains("on lines"), "{line}");
    paraat_in(wb.path())
        .args(["renumber", "R-016", "R-017"])
        .assert()
        .success()
        .stdout(predicate::str::contains("more than one record"));
    let loaded = paraat::store::Store::load(wb.path()).unwrap().workbook;
    assert!(loaded.risk("R-017").unwrap().title.starts_with("Copy of "));
    assert!(!loaded.risk("R-016").unwrap().title.starts_with("Copy of "));
    assert!(
        !paraat::review::integrity(&loaded)
            .iter()
            .any(|f| f.code == paraat::review::Code::DuplicateId)
    );
}

#[test]
fn renumber_moves_every_reference_in_every_file() {
    let wb = common::TestWorkbook::example();
    let before = paraat::store::Store::load(wb.path()).unwrap().workbook;
    // C-005 (the IT lead) is referred to from many files.
    assert!(before.is_referred_to(paraat::model::RecordKind::Contact, &"C-005".into()));
    paraat_in(wb.path())
        .args(["renumber", "C-005", "C-050"])
        .assert()
        .success()
        .stdout(predicate::str::contains("C-005 → C-050"));
    let after = paraat::store::Store::load(wb.path()).unwrap().workbook;
    assert!(!after.is_referred_to(paraat::model::RecordKind::Contact, &"C-005".into()));
    assert!(after.is_referred_to(paraat::model::RecordKind::Contact, &"C-050".into()));
    assert_eq!(
        after.contact("C-050").unwrap().private,
        before.contact("C-005").unwrap().private,
        "private details follow"
    );
    assert!(
        paraat::review::integrity(&after)
            .iter()
            .all(|f| f.severity != paraat::review::Severity::Error)
    );
    for file in [
        "plan.ron",
        "risks.ron",
        "processes.ron",
        "contacts.ron",
        "backups.ron",
    ] {
        assert!(
            !wb.read(file).contains("\"C-005\""),
            "{file} still names C-005"
        );
    }
    assert!(wb.read("private/contacts.ron").contains("\"C-050\""));
    paraat_in(wb.path())
        .args(["renumber", "C-050", "C-004"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already in use"));
    paraat_in(wb.path())
        .args(["renumber", "C-050", "R-050"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("different kinds"));
}
