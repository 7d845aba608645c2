//! The habits people expect of a command-line tool: completions, a manual page,
//! an honest version, `-o -`, `--quiet`, `--color`, `--dry-run`, `fmt --diff`,
//! `--today` only where it means something, one way to name an incident, and a
//! clear word when there is no terminal.

mod common;

use std::path::Path;

use common::{TestWorkbook, paraat};
use predicates::prelude::*;

const TODAY: &str = "2026-12-01";
const NOW: &str = "2026-12-01T10:00:00Z";

/// Every file of a workbook folder with its bytes, to prove nothing was written.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn completions_for_every_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        paraat()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("log-restore"))
            .stdout(predicate::str::contains("incident"));
    }
    paraat()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bash"));
}

#[test]
fn the_manual_page_is_roff_and_lists_the_commands() {
    let out = paraat().arg("man").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(".ie") || text.contains(".TH paraat 1"),
        "{text:.200}"
    );
    assert!(text.contains(".SH NAME") && text.contains("check") && text.contains("answer"));
}

#[test]
fn version_says_the_version_the_commit_and_the_file_format() {
    let out = paraat().arg("--version").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(&format!("paraat {}", env!("CARGO_PKG_VERSION"))));
    assert!(
        text.contains(&format!("workbook file format {}", paraat::model::FORMAT)),
        "{text}"
    );
    // Built in a git checkout here: the commit is known; elsewhere it says so.
    assert!(text.contains("commit "), "{text}");
}

#[test]
fn without_a_terminal_paraat_points_to_check_and_status() {
    let wb = TestWorkbook::example();
    paraat()
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("paraat check"))
        .stderr(predicate::str::contains("paraat status"))
        .stderr(predicate::str::contains("os error").not());
}

#[test]
fn dash_o_dash_writes_to_standard_output_and_no_file_named_dash() {
    let wb = TestWorkbook::example();
    let here = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = paraat()
            .args(args)
            .args(["--workbook"])
            .arg(wb.path())
            .current_dir(here.path())
            .env("PARAAT_TODAY", TODAY)
            .env("PARAAT_NOW", NOW)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run(&["export", "-o", "-"]).contains("<html"));
    assert!(run(&["export", "--format", "md", "--card", "-o", "-"]).starts_with("# "));
    assert!(run(&["share", "-o", "-"]).trim_start().starts_with('{'));
    let exercise = run(&["incident", "start", "Drill", "--exercise"]);
    assert!(!exercise.is_empty());
    assert!(run(&["incident", "export", "-o", "-"]).contains("Drill"));
    assert!(!here.path().join("-").exists(), "no file named -");
    paraat()
        .args(["export", "--format", "csv", "-o", "-"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("html or md"));
}

#[test]
fn quiet_keeps_the_report_and_drops_the_confirmations() {
    let wb = TestWorkbook::example();
    paraat()
        .args(["-q", "set", "R-002", "likelihood=2", "--today", TODAY])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("likelihood 3 → 2"))
        .stdout(predicate::str::contains("Saved").not());
    paraat()
        .args(["fmt", "--quiet"])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout("");
    paraat()
        .args(["check", "--quiet", "--today", TODAY])
        .current_dir(wb.path())
        .assert()
        .stdout(predicate::str::contains("RESTORE"));
}

#[test]
fn color_always_colours_a_pipe_and_never_or_no_color_does_not() {
    let wb = TestWorkbook::example();
    let check = |args: &[&str], no_color: bool| {
        let mut cmd = paraat();
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd
            .args(["check", "--today", TODAY])
            .args(args)
            .current_dir(wb.path())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(check(&["--color", "always"], false).contains("\u{1b}["));
    assert!(!check(&["--color", "never"], false).contains("\u{1b}["));
    assert!(
        !check(&[], false).contains("\u{1b}["),
        "auto: a pipe is plain"
    );
    assert!(!check(&[], true).contains("\u{1b}["), "NO_COLOR");
    paraat()
        .args(["--color", "sometimes", "check"])
        .assert()
        .code(2);
}

#[test]
fn fmt_diff_shows_what_fmt_would_change_and_writes_nothing() {
    let wb = TestWorkbook::example();
    wb.edit(
        "paraat.ron",
        "    language: En,",
        "    language:   En, // by hand",
    );
    let before = snapshot(wb.path());
    paraat()
        .args(["fmt", "--diff"])
        .current_dir(wb.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--- a/paraat.ron"))
        .stdout(predicate::str::contains("-    language:   En, // by hand"))
        .stdout(predicate::str::contains("+    language: En,"));
    assert_eq!(before, snapshot(wb.path()));
    paraat()
        .arg("fmt")
        .current_dir(wb.path())
        .assert()
        .success();
    paraat()
        .args(["fmt", "--diff"])
        .current_dir(wb.path())
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn fmt_speaks_the_workbooks_language() {
    let wb = TestWorkbook::example();
    wb.edit("paraat.ron", "    language: En,", "    language:   Nl,");
    paraat()
        .args(["fmt", "--check"])
        .current_dir(wb.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "paraat.ron: niet in de standaardvorm",
        ));
    paraat()
        .arg("fmt")
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "paraat.ron: herschreven in de standaardvorm",
        ));
    paraat()
        .arg("fmt")
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout("elk bestand staat al in de standaardvorm\n");
}

#[test]
fn dry_run_on_every_command_that_writes_changes_nothing() {
    let wb = TestWorkbook::example();
    let before = snapshot(wb.path());
    let runs: &[&[&str]] = &[
        &["set", "R-002", "likelihood=2"],
        &["answer", "CL-08", "no"],
        &["log-restore", "B-003", "--result", "failed"],
        &["renumber", "R-002", "R-050"],
        &["selfcheck", "adopt", "SC-05"],
        &["fmt"],
        &["templates", "update"],
        &["export"],
        &["export", "--format", "csv"],
        &["share"],
        &["incident", "start", "Drill", "--exercise"],
        &["incident", "start", "Real trouble"],
        &[
            "incident",
            "log",
            "Isolated the server",
            "--id",
            "2025-06-12",
        ],
    ];
    for args in runs {
        let out = paraat()
            .args(*args)
            .arg("--dry-run")
            .env("PARAAT_TODAY", TODAY)
            .env("PARAAT_NOW", NOW)
            .current_dir(wb.path())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("Dry run") || args[0] == "fmt" || args[0] == "share",
            "{args:?}: {said}"
        );
        assert_eq!(before, snapshot(wb.path()), "{args:?} wrote: {said}");
    }
    let new = tempfile::tempdir().unwrap();
    paraat()
        .args(["init", "--org", "Museum X", "--dry-run"])
        .arg(new.path().join("wb"))
        .assert()
        .success()
        .stdout(predicate::str::contains("paraat.ron"));
    assert!(!new.path().join("wb").exists());
}

#[test]
fn today_is_offered_only_where_a_date_rule_uses_it() {
    for command in ["init", "demo", "fmt", "import", "renumber", "completions"] {
        let help = paraat().args([command, "--help"]).output().unwrap();
        let text = String::from_utf8(help.stdout).unwrap();
        assert!(!text.contains("--today"), "{command} offers --today");
    }
    for command in [
        "check", "status", "export", "set", "answer", "diff", "share",
    ] {
        let help = paraat().args([command, "--help"]).output().unwrap();
        let text = String::from_utf8(help.stdout).unwrap();
        assert!(text.contains("--today"), "{command} lacks --today");
    }
    paraat()
        .args(["init", "x", "--org", "X", "--today", TODAY])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--today"));
    // And where it is offered, it is used.
    let wb = TestWorkbook::example();
    paraat()
        .args([
            "selfcheck",
            "adopt",
            "SC-01",
            "--dry-run",
            "--today",
            "2026-01-01",
        ])
        .current_dir(wb.path())
        .assert()
        .stderr(predicate::str::contains("unexpected argument").not());
    paraat()
        .args(["status", "--today", "2030-01-01"])
        .current_dir(wb.path())
        .assert()
        .stdout(predicate::str::contains("as of 2030-01-01"));
}

#[test]
fn an_incident_is_named_with_id_by_every_incident_command() {
    let wb = TestWorkbook::example();
    let id = "2025-06-12-tabletop-ransomware";
    for args in [
        vec!["incident", "status", "--id", id],
        vec!["incident", "export", "--id", id],
        vec!["incident", "status", id],
    ] {
        paraat()
            .args(&args)
            .env("PARAAT_NOW", NOW)
            .current_dir(wb.path())
            .assert()
            .success()
            .stdout(predicate::str::contains("Tabletop exercise"));
    }
    paraat()
        .args(["incident", "status", "--id", id, id])
        .current_dir(wb.path())
        .assert()
        .code(2);
}

#[test]
fn a_reader_that_went_away_is_not_a_crash() {
    // `paraat status | head -1`: the pipe closes before paraat is done writing.
    let wb = TestWorkbook::example();
    for args in [
        &["status"][..],
        &["check"],
        &["diff", "--help"],
        &["export", "-o", "-"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("paraat"))
            .args(args)
            .env("PARAAT_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env_remove("PARAAT_WORKBOOK")
            .current_dir(wb.path())
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
    }
}
