//! The review engine as a user meets it: `paraat check`, `paraat selfcheck` (and
//! `adopt`), `paraat status`, on the example museum and on fresh workbooks.

mod common;

use common::{TestWorkbook, paraat};
use paraat::model::{Date, Language};
use paraat::review::{self, Area, Code};
use paraat::store::Store;
use predicates::prelude::*;

const TODAY: &str = "2026-12-01";

/// Runs paraat in `wb` on the test date; returns (exit code, stdout, stderr).
fn run(wb: &TestWorkbook, args: &[&str]) -> (i32, String, String) {
    let output = paraat()
        .args(args)
        .args(["--today", TODAY])
        .current_dir(wb.path())
        .output()
        .expect("paraat runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn dutch_example() -> TestWorkbook {
    let wb = TestWorkbook::example();
    wb.edit("paraat.ron", "language: En", "language: Nl");
    wb
}

fn repo_file(path: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(path)).expect("file in the repository")
}

#[test]
fn the_example_museum_triggers_every_continuity_freshness_and_risk_rule() {
    let wb = TestWorkbook::example();
    let loaded = Store::load(wb.path()).expect("the example loads");
    let findings = review::review(&loaded.workbook, Date::parse(TODAY).unwrap());
    for code in Code::ALL {
        if matches!(code.area(), Area::Continuity | Area::Freshness | Area::Risk) {
            assert!(
                findings.iter().any(|f| f.code == *code),
                "the example museum has no {} finding",
                code.as_str()
            );
        }
    }
    // The legitimate work mobile of C-005 is not mistaken for a private number.
    assert!(
        !findings
            .iter()
            .any(|f| f.code == Code::PrivatePhoneInPublicFile
                && f.record.as_ref().is_some_and(|r| r.id.as_str() == "C-005"))
    );
    // Only the deliberate secret (S-004) is found.
    let secrets: Vec<_> = findings
        .iter()
        .filter(|f| f.code == Code::SecretInWorkbook)
        .map(|f| f.record.as_ref().map(|r| r.id.to_string()))
        .collect();
    assert_eq!(secrets, [Some("S-004".to_owned())]);
}

#[test]
fn every_finding_speaks_dutch_in_a_dutch_workbook() {
    let today = Date::parse(TODAY).unwrap();
    let en = Store::load(TestWorkbook::example().path())
        .unwrap()
        .workbook;
    let mut nl = en.clone();
    nl.manifest.language = Language::Nl;
    let (en, nl) = (review::review(&en, today), review::review(&nl, today));
    assert_eq!(en.len(), nl.len());
    for (e, n) in en.iter().zip(&nl) {
        assert_eq!(e.code, n.code);
        assert_ne!(
            e.message,
            n.message,
            "{} has no Dutch message",
            e.code.as_str()
        );
    }
}

#[test]
fn check_on_the_example_museum_reads_as_expected() {
    let wb = TestWorkbook::example();
    let (code, stdout, _) = run(&wb, &["check"]);
    assert_eq!(code, 1, "the example has errors");
    insta::assert_snapshot!("check_example_museum", stdout);
}

#[test]
fn every_code_is_documented_in_checks_md() {
    let doc = repo_file("docs/checks.md");
    for code in Code::ALL {
        assert!(
            doc.contains(&format!("`{}`", code.as_str())),
            "docs/checks.md does not document {}",
            code.as_str()
        );
    }
}

/// The key structure of a JSON value: objects by their keys, arrays by their
/// first element, and the kind of each leaf (`null` matches anything optional).
fn same_shape(doc: &serde_json::Value, real: &serde_json::Value, path: &str) {
    use serde_json::Value;
    match (doc, real) {
        (Value::Object(d), Value::Object(r)) => {
            let dk: Vec<_> = d.keys().collect();
            let rk: Vec<_> = r.keys().collect();
            assert_eq!(dk, rk, "keys of {path} differ from docs/check-json.md");
            for (k, v) in d {
                same_shape(v, &r[k], &format!("{path}.{k}"));
            }
        }
        (Value::Array(d), Value::Array(r)) => {
            if let (Some(d), Some(r)) = (d.first(), r.first()) {
                same_shape(d, r, &format!("{path}[]"));
            }
        }
        (Value::Null, _) | (_, Value::Null) => {}
        (d, r) => assert_eq!(
            std::mem::discriminant(d),
            std::mem::discriminant(r),
            "{path}: documented {d}, got {r}"
        ),
    }
}

#[test]
fn check_json_has_the_documented_shape_for_every_finding() {
    let doc = repo_file("docs/check-json.md");
    let block = doc
        .split("```json")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/check-json.md has a json example");
    let documented: serde_json::Value = serde_json::from_str(block).expect("the example parses");
    let finding_doc = &documented["findings"][0];

    let wb = TestWorkbook::example();
    let (code, stdout, _) = run(&wb, &["check", "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    same_shape(&documented, &report, "report");
    let findings = report["findings"].as_array().expect("findings");
    assert!(findings.len() > 20);
    let kinds = [
        "checklist_item",
        "statement",
        "step",
        "first_hour_step",
        "risk",
        "process",
        "system",
        "supplier",
        "contact",
        "backup",
        "incident",
    ];
    for f in findings {
        same_shape(finding_doc, f, "finding");
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
        let area = f["area"].as_str().unwrap();
        assert!(
            doc.contains(&format!("`{area}`")),
            "area {area} undocumented"
        );
        let code = f["code"].as_str().unwrap();
        assert!(Code::ALL.iter().any(|c| c.as_str() == code));
        if let Some(record) = f["record"].as_object() {
            assert!(kinds.contains(&record["kind"].as_str().unwrap()));
            assert!(doc.contains(&format!("`{}`", record["kind"].as_str().unwrap())));
            assert!(f["file"].is_string() && f["line"].is_u64(), "{f}");
        }
        if let Some(due) = f["due"].as_str() {
            assert!(Date::parse(due).is_ok());
        }
        assert!(!f["message"].as_str().unwrap().is_empty());
    }
    let summary = &report["summary"];
    let total: u64 = ["errors", "warnings", "info"]
        .iter()
        .map(|k| summary[k].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, findings.len());
}

#[test]
fn check_github_annotates_findings_on_their_file() {
    let wb = TestWorkbook::example();
    let (code, stdout, _) = run(&wb, &["check", "--format", "github"]);
    assert_eq!(code, 1);
    assert!(stdout.contains(
        "::error file=processes.ron,line=110,title=RTO_EXCEEDS_MTD::P-006 (Website and online collection)"
    ));
    // A finding about the crisis roles has no record but still names its file.
    assert!(
        stdout.contains("::warning file=contacts.ron,title=ROLE_WITHOUT_DEPUTY::"),
        "{stdout}"
    );
    assert!(stdout.contains("::notice file=checklist.ron,title=CHECKLIST_INCOMPLETE::"));
}

#[test]
fn a_fresh_workbook_checks_without_errors_but_says_what_to_do_first() {
    for lang in [Language::En, Language::Nl] {
        let wb = TestWorkbook::new(lang);
        let (code, stdout, _) = run(&wb, &["check"]);
        assert_eq!(code, 0, "{stdout}");
        assert!(stdout.contains("ROLE_UNFILLED") && stdout.contains("CONTACT_UNVERIFIED"));
        let (strict, _, _) = run(&wb, &["check", "--strict"]);
        assert_eq!(strict, 1, "warnings fail with --strict");
    }
}

#[test]
fn selfcheck_prints_scores_the_level_and_the_action_list() {
    let wb = TestWorkbook::example();
    let (code, stdout, _) = run(&wb, &["selfcheck"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("selfcheck_example_museum", stdout);
    let (_, nl, _) = run(&dutch_example(), &["selfcheck"]);
    assert!(
        nl.contains("Totaal") && nl.contains("Niveau: Op weg") && nl.contains("gepland STEP-5.8")
    );
}

#[test]
fn adopting_an_action_adds_a_linked_step_and_the_workbook_stays_sound() {
    let wb = TestWorkbook::example();
    let (code, stdout, stderr) = run(
        &wb,
        &[
            "selfcheck",
            "adopt",
            "SC-08",
            "--owner",
            "C-008",
            "--due",
            "28-2-2027",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("SC-08") && stdout.contains("STEP-5.9") && stdout.contains("phase 5"),
        "{stdout}"
    );
    let plan = wb.read("plan.ron");
    let step = plan
        .split("Step(")
        .find(|s| s.contains("id: \"STEP-5.9\""))
        .expect("the new step is in plan.ron");
    assert!(
        step.contains("statements: [\n                        \"SC-08\",\n"),
        "{step}"
    );
    assert!(step.contains("owner: Some(\"C-008\")") && step.contains("due: Some(\"2027-02-28\")"));
    assert!(step.contains("status: Todo"));
    assert!(
        plan.contains("next_step: 10,"),
        "the phase's high-water mark moves on"
    );
    let selfcheck = wb.read("selfcheck.ron");
    assert!(selfcheck.contains("plan_step: Some(\"STEP-5.9\")"));

    // The workbook is still canonical and passes integrity.
    paraat()
        .args(["fmt", "--check"])
        .current_dir(wb.path())
        .assert()
        .code(0);
    let (_, json, _) = run(&wb, &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let integrity: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["area"] == "integrity")
        .collect();
    assert!(integrity.is_empty(), "{integrity:?}");

    // It now shows as planned, and cannot be adopted twice.
    let (_, listing, _) = run(&wb, &["selfcheck"]);
    assert!(listing.contains("planned STEP-5.9 (to do)"), "{listing}");
    let (code, _, stderr) = run(&wb, &["selfcheck", "adopt", "SC-08"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("already in the plan as STEP-5.9"),
        "{stderr}"
    );
}

#[test]
fn adopting_refuses_clearly_and_changes_nothing() {
    let wb = TestWorkbook::example();
    let before = (wb.read("plan.ron"), wb.read("selfcheck.ron"));
    for (args, message) in [
        (
            vec!["selfcheck", "adopt", "SC-99"],
            "no self-check statement SC-99",
        ),
        (
            vec!["selfcheck", "adopt", "SC-01"],
            "not answered no or partly",
        ),
        (
            vec!["selfcheck", "adopt", "SC-08", "--phase", "12"],
            "no phase 12",
        ),
        (
            vec!["selfcheck", "adopt", "SC-08", "--owner", "C-999"],
            "no contact C-999",
        ),
    ] {
        let (code, _, stderr) = run(&wb, &args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    let held = Store::open_for_editing(wb.path()).expect("lock the workbook");
    let (code, _, stderr) = run(&wb, &["selfcheck", "adopt", "SC-08"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("opened elsewhere"), "{stderr}");
    drop(held);
    assert_eq!((wb.read("plan.ron"), wb.read("selfcheck.ron")), before);

    let nl = dutch_example();
    let (code, _, stderr) = run(&nl, &["selfcheck", "adopt", "SC-99"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("geen stelling SC-99"), "{stderr}");
}

#[test]
fn status_shows_lights_with_words_next_steps_what_falls_due_and_progress() {
    let wb = TestWorkbook::example();
    let (code, stdout, _) = run(&wb, &["status"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("status_example_museum", stdout);
    let (_, nl, _) = run(&dutch_example(), &["status"]);
    for heading in [
        "Onderdelen",
        "Wat nu te doen",
        "Binnen 30 dagen",
        "Voortgang",
        "nu handelen",
    ] {
        assert!(nl.contains(heading), "{heading}: {nl}");
    }
}

#[test]
fn text_from_the_files_never_reaches_the_terminal_raw() {
    let wb = TestWorkbook::example();
    wb.edit(
        "risks.ron",
        "title: \"Ticketing outage on a busy day\"",
        "title: \"Ticketing \\u{1b}[2J\\u{1b}]0;pwned\\u{7}outage\"",
    );
    wb.edit(
        "selfcheck.ron",
        "action: \"Set up one e-mail address",
        "action: \"\\u{1b}[31mSet up one e-mail address",
    );
    for args in [
        vec!["check"],
        vec!["check", "--format", "github"],
        vec!["status"],
        vec!["selfcheck"],
    ] {
        let output = paraat()
            .args(&args)
            .args(["--today", TODAY])
            .current_dir(wb.path())
            .output()
            .unwrap();
        assert!(
            !output.stdout.contains(&0x1b),
            "{args:?} printed an escape character"
        );
    }
    paraat()
        .args(["check", "--today", TODAY])
        .current_dir(wb.path())
        .assert()
        .stdout(predicate::str::contains("R-012 (Ticketing ␛[2J"));
}
