//! Several writers and kill -9: `paraat incident log` writes entry after entry
//! while `paraat fmt` rewrites the workbook, a cooperating writer hand-edits the
//! incident file, the terminal UI saves (through the same `App` and store calls
//! its `s` key uses), and both the logger and some `fmt` runs are killed with
//! SIGKILL mid-write. After every round: the files load, every entry the logger
//! confirmed is there in order, and the next open leaves no temporary file.
//!
//! Bounded and without timing: each round waits for the logger's confirmations
//! (lines on its standard output), never for a clock.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};

use common::TestWorkbook;
use paraat::model::*;
use paraat::store::incident::{self as incident_files, IncidentLock};
use paraat::store::{Store, format};
use paraat::tui::app::{Action, App, Options, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const ROUNDS: usize = 8;
const NOW: &str = "2026-03-28T22:00:00Z";

fn paraat(wb: &TestWorkbook, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("paraat"));
    cmd.current_dir(wb.path())
        .env("TZ", "UTC")
        .env("XDG_CONFIG_HOME", wb.path().join(".no-config"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("PARAAT_WORKBOOK")
        .env_remove("PARAAT_NOW")
        .args(["--now", NOW])
        .args(args);
    cmd
}

/// Reads the logger's confirmations until `count` have come.
fn confirmations(out: &mut BufReader<std::process::ChildStdout>, count: &mut usize, until: usize) {
    let mut line = String::new();
    while *count < until {
        line.clear();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "the logger stopped early"
        );
        assert!(line.contains("logged"), "{line}");
        *count += 1;
    }
}

/// A save in the terminal UI: one risk added through its form, then `s`.
fn tui_save(wb: &TestWorkbook, data: &std::path::Path, title: &str) {
    let mut app = App::open(Options {
        root: wb.path().to_path_buf(),
        today: Date::parse("2026-03-28").unwrap(),
        today_fixed: true,
        scratch: false,
        data_dir: Some(data.to_path_buf()),
        export_dir: std::env::temp_dir(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let key =
        |app: &mut App, code, modifiers| update(app, Action::Key(KeyEvent::new(code, modifiers)));
    for c in format!("5a{title}").chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    key(&mut app, KeyCode::Char('s'), KeyModifiers::NONE);
    // The first save of a hand-edited file asks first; say yes.
    if app.popup.is_some() {
        key(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    }
    assert!(
        app.session.dirty().is_empty(),
        "the TUI saved: {:?}",
        app.message
    );
}

fn kill(mut child: Child) {
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
}

#[test]
fn incident_log_next_to_fmt_and_a_tui_save_never_loses_a_confirmed_entry_even_under_kill_9() {
    let wb = TestWorkbook::example();
    let data = tempfile::tempdir().unwrap();
    let status = paraat(
        &wb,
        &["incident", "start", "Crash test", "--exercise", "--by", "A"],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .status()
    .unwrap();
    assert!(status.success());
    let id = Store::load(wb.path())
        .unwrap()
        .workbook
        .incidents
        .into_iter()
        .find(|i| i.title == "Crash test")
        .unwrap()
        .id;
    let rel = format!("incidents/{id}.ron");
    for round in 0..ROUNDS {
        let before = incident_files::read(wb.path(), id.as_str())
            .unwrap()
            .timeline
            .len();
        let mut logger = paraat(
            &wb,
            &[
                "incident",
                "log",
                "-",
                "--by",
                "Logger",
                "--id",
                id.as_str(),
            ],
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        let mut stdin = logger.stdin.take().unwrap();
        let feeder = std::thread::spawn(move || {
            for i in 0..5000 {
                if writeln!(stdin, "round {round} entry {i}").is_err() {
                    break;
                }
            }
        });
        let mut out = BufReader::new(logger.stdout.take().unwrap());
        let mut confirmed = 0;
        confirmations(&mut out, &mut confirmed, 3);

        // A cooperating writer makes the incident file non-canonical (under the
        // incident's lock, as every writer does), so fmt has it to rewrite.
        {
            let _lock = IncidentLock::acquire(wb.path(), id.as_str(), &|| {}).unwrap();
            let incident = incident_files::read(wb.path(), id.as_str()).unwrap();
            let text = format!("// round {round}\n{}", format::render(&incident).unwrap());
            paraat::store::atomic::write_atomic(&wb.file(&rel), text.as_bytes(), false).unwrap();
        }
        let fmt = paraat(&wb, &["fmt"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(fmt.success(), "fmt failed in round {round}");
        confirmations(&mut out, &mut confirmed, 8);

        tui_save(&wb, data.path(), &format!("Crash round {round}"));
        confirmations(&mut out, &mut confirmed, 12);

        // fmt killed at whatever point it reached.
        {
            let _lock = IncidentLock::acquire(wb.path(), id.as_str(), &|| {}).unwrap();
            let incident = incident_files::read(wb.path(), id.as_str()).unwrap();
            let text = format!("// again {round}\n{}", format::render(&incident).unwrap());
            paraat::store::atomic::write_atomic(&wb.file(&rel), text.as_bytes(), false).unwrap();
        }
        let victim = paraat(&wb, &["fmt"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        confirmations(&mut out, &mut confirmed, 16 + round * 5);
        kill(victim);
        confirmations(&mut out, &mut confirmed, 18 + round * 5);
        kill(logger);
        let _ = feeder.join();

        // Every confirmed entry is there, in order; the files load.
        let after = incident_files::read(wb.path(), id.as_str()).unwrap();
        let texts: Vec<&str> = after.timeline[before..]
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert!(
            texts.len() >= confirmed,
            "round {round}: {} < {confirmed}",
            texts.len()
        );
        for (i, text) in texts.iter().enumerate() {
            assert_eq!(*text, format!("round {round} entry {i}"), "round {round}");
        }
        let workbook = Store::open_for_editing(wb.path())
            .unwrap_or_else(|e| panic!("round {round}: {e}"))
            .workbook;
        assert!(
            workbook
                .risks
                .risks
                .iter()
                .any(|r| r.title == format!("Crash round {round}"))
        );
        // The next open removed whatever a killed save left.
        for dir in [
            wb.path().to_path_buf(),
            wb.file("incidents"),
            wb.file("private"),
        ] {
            let left: Vec<String> = std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.ends_with(".tmp"))
                .collect();
            assert!(
                left.is_empty(),
                "round {round}: left in {}: {left:?}",
                dir.display()
            );
        }
    }
}
