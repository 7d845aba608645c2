//! The real binary in a pseudo-terminal: keys typed, the screen read back through a
//! terminal emulator (vt100), and the files it saved checked on disk.

mod common;

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use common::TestWorkbook;
use expectrl::Session;

const COLS: u16 = 100;
const ROWS: u16 = 30;

struct Pty {
    session: expectrl::session::OsSession,
    screen: vt100::Parser,
}

impl Pty {
    fn open(workbook: &std::path::Path, data: &std::path::Path) -> Pty {
        Pty::open_with(workbook, data, &[])
    }

    fn open_with(workbook: &std::path::Path, data: &std::path::Path, env: &[(&str, &str)]) -> Pty {
        let mut command = paraat(data);
        command.envs(env.iter().copied());
        command
            .arg("open")
            .arg(workbook)
            .args(["--today", "2026-12-01"]);
        Pty::spawn(command, (COLS, ROWS))
    }

    /// `paraat demo` from a cold start, its scratch copy in `dir` (which must not
    /// exist yet), on a screen of `size`.
    fn demo(dir: &std::path::Path, data: &std::path::Path, size: (u16, u16)) -> Pty {
        let mut command = paraat(data);
        command.arg("demo").arg("--dir").arg(dir);
        Pty::spawn(command, size)
    }

    fn spawn(command: Command, (cols, rows): (u16, u16)) -> Pty {
        let mut session = Session::spawn(command).expect("spawn paraat in a pty");
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("window size");
        Pty {
            session,
            screen: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
        }
    }

    fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => self.screen.process(&buf[..n]),
                Err(_) => break,
            }
        }
    }

    fn text(&mut self) -> String {
        self.pump();
        self.screen.screen().contents()
    }

    /// Waits until the screen shows `text` (panics with the screen after 30 s).
    fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("showed {text:?}"), |screen| screen.contains(text));
    }

    /// Waits until the screen no longer shows `text` (a popup closed, a mode left).
    fn wait_gone(&mut self, text: &str) {
        self.wait_until(&format!("stopped showing {text:?}"), |screen| {
            !screen.contains(text)
        });
    }

    /// Reads the screen until `done` holds, with a generous overall timeout: what
    /// the test waits for is what the screen shows, never a guess at how long the
    /// program takes.
    fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            if done(&self.text()) {
                return;
            }
            if start.elapsed() > Duration::from_secs(30) {
                panic!("the screen never {what}:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `keys`. The program reads them in order; a test that needs one to
    /// have been handled before the next waits for what it shows.
    fn send(&mut self, keys: &str) {
        self.session.write_all(keys.as_bytes()).expect("type");
        self.session.flush().expect("flush");
    }

    fn wait_exit(&mut self) {
        let start = Instant::now();
        while self.session.get_process().is_alive().unwrap_or(false) {
            self.pump();
            if start.elapsed() > Duration::from_secs(15) {
                panic!("paraat did not quit:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn kill(&mut self) {
        let pid = self.session.get_process().pid().as_raw();
        Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .expect("kill");
        let start = Instant::now();
        while self.session.get_process().is_alive().unwrap_or(false)
            && start.elapsed() < Duration::from_secs(10)
        {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The binary with its recovery file in `data` and nothing from the caller's
/// environment that would change what it opens.
fn paraat(data: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_paraat"));
    command
        .env("PARAAT_DATA_DIR", data)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env_remove("PARAAT_WORKBOOK")
        .env_remove("PARAAT_TODAY")
        .env_remove("PARAAT_NOW");
    command
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a screen has a size")
}

const CTRL_S: &str = "\x13";
const TAB: &str = "\t";

/// The "IT supplier's number" task at 80×24 from a cold start of the demo: `f`
/// opens find from wherever the program starts, and the on-call number shows
/// while the name is typed, before any Enter. Keys: `f`, then the letters typed
/// ("Hanz": four letters are enough to put Hanzeborg's on-call engineer first).
#[test]
fn from_a_cold_start_find_shows_hanzeborgs_on_call_number_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::demo(&dir.path().join("demo"), data.path(), (80, 24));
    pty.wait_for("What needs attention");
    pty.send("f");
    pty.wait_for("Find /");
    pty.send("Hanz");
    pty.wait_until("showed Hanzeborg's on-call number", |screen| {
        screen.lines().any(|line| line.contains("0570 555 0199"))
            && screen.contains("C-012 Hanzeborg ICT on-call engineer")
    });
    // The first hit, the one Enter would go to, is the on-call engineer.
    let screen = pty.text();
    let first = screen
        .lines()
        .find(|line| line.contains("Hanzeborg") && line.contains('·'))
        .unwrap_or_default()
        .to_owned();
    assert!(first.contains("▶ C-012"), "{screen}");
    pty.send("\r");
    pty.wait_for("Contacts (");
    pty.wait_for("24/7 emergency line: 0570 555 0199");
    pty.kill();
}

/// The real program shows times in the zone `TZ` names (a POSIX rule, so no
/// time-zone database is needed): an incident declared at 09:14 UTC reads 10:14
/// in Amsterdam's winter time, on the incident screen, in the banner and in the
/// Incidents tab, while its
/// file keeps UTC.
#[test]
fn times_on_screen_follow_tz_and_the_file_keeps_utc() {
    let wb = TestWorkbook::example();
    let data = tempfile::tempdir().unwrap();
    let status = paraat(data.path())
        .args([
            "incident",
            "start",
            "Collection system encrypted",
            "--by",
            "Sanne",
        ])
        .args(["--now", "2026-12-01T09:14:00Z", "--workbook"])
        .arg(wb.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("paraat incident start");
    assert!(status.success());
    let env = [("TZ", "CET-1"), ("PARAAT_NOW", "2026-12-01T09:30:00Z")];
    let mut pty = Pty::open_with(wb.path(), data.path(), &env);
    // It opens on the incident screen; Esc goes to the tabs, under the banner.
    pty.wait_for("declared 10:14 by Sanne");
    pty.send("\x1b");
    pty.wait_for("ACTIVE INCIDENT");
    pty.wait_for("(declared 10:14)");
    pty.send("9");
    pty.wait_for("Incidents (");
    // The details, wrapped at 100 columns: "… · medium · 2026-12-01" / "10:14".
    pty.wait_until("showed the declared time in the details", |screen| {
        screen.contains("medium · 2026-12-01") && screen.contains("││10:14")
    });
    assert!(!pty.text().contains("09:14"), "{}", pty.text());
    pty.kill();
    let file = std::fs::read_dir(wb.file("incidents"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .find(|text| text.contains("Collection system encrypted"))
        .expect("the incident's file");
    assert!(file.contains("2026-12-01T09:14:00Z"), "{file}");
}

#[test]
fn a_risk_added_through_the_form_is_saved_to_risks_ron() {
    let wb = TestWorkbook::example();
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::open(wb.path(), data.path());
    pty.wait_for("What needs attention");
    pty.send("5");
    pty.wait_for("Risks (16)");
    pty.send("a");
    pty.wait_for("New risk R-017");
    pty.send("Flooded server room after a burst pipe");
    pty.send(TAB);
    pty.send("2");
    pty.send(TAB);
    pty.send("4");
    pty.send(CTRL_S);
    pty.wait_for("Risks (17)");
    pty.wait_for("unsaved: risks.ron");
    pty.send("s");
    pty.wait_for("Saved risks.ron");
    pty.send("q");
    pty.wait_exit();

    let text = wb.read("risks.ron");
    assert!(text.contains("id: \"R-017\""), "{text}");
    assert!(text.contains("title: \"Flooded server room after a burst pipe\""));
    let check = Command::new(env!("CARGO_BIN_EXE_paraat"))
        .args([
            "check",
            "--format",
            "json",
            "--today",
            "2026-12-01",
            "--workbook",
        ])
        .arg(wb.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("check ran");
    let integrity: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["area"] == "integrity")
        .collect();
    assert!(integrity.is_empty(), "{integrity:#?}");
}

#[test]
fn an_edit_survives_a_killed_process_through_the_recovery_file() {
    let wb = TestWorkbook::example();
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::open(wb.path(), data.path());
    pty.wait_for("What needs attention");
    pty.send("2");
    pty.wait_for("Checklist (20)");
    // Answer the first item "no": an edit not yet saved.
    pty.send("n");
    pty.wait_for("unsaved: checklist.ron");
    pty.kill();
    assert!(!wb.read("checklist.ron").is_empty());
    let before = wb.read("checklist.ron");

    let mut pty = Pty::open(wb.path(), data.path());
    pty.wait_for("Unsaved changes from an earlier session");
    pty.send("r");
    pty.wait_for("unsaved: checklist.ron");
    pty.send("s");
    pty.wait_for("Saved checklist.ron");
    pty.send("q");
    pty.wait_exit();
    let after = wb.read("checklist.ron");
    assert_ne!(before, after);
    let first = after.split("ChecklistItem(").nth(1).unwrap();
    assert!(first.contains("answer: No,"), "{first}");
}

#[test]
fn saving_over_a_file_changed_on_disk_shows_the_conflict_choice() {
    let wb = TestWorkbook::example();
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::open(wb.path(), data.path());
    pty.wait_for("What needs attention");
    pty.send("7");
    pty.wait_for("Contacts (15)");
    pty.send("e");
    pty.wait_for("Edit contact C-001");
    pty.send(" (24/7)");
    pty.send(CTRL_S);
    pty.wait_for("unsaved: contacts.ron");
    // Someone pulls a change to the contacts while the edit is unsaved.
    wb.edit("contacts.ron", "Annelies Verhoef", "Annelies Verhoef-Bos");
    let theirs = wb.read("contacts.ron");
    pty.send("s");
    pty.wait_for("Changed on disk");
    pty.wait_for("r reload");
    assert_eq!(wb.read("contacts.ron"), theirs, "nothing was overwritten");
    pty.send("\x1b");
    // A lone Esc must be read alone, or it would be taken for Alt with the next key.
    pty.wait_gone("r reload");
    pty.send("q");
    pty.wait_for("d discard and quit");
    // A second q does not throw the changes away: it is no answer to the question.
    pty.send("q");
    pty.send("d");
    pty.wait_exit();
    assert_eq!(wb.read("contacts.ron"), theirs);
}

#[test]
fn e_opens_the_record_in_the_editor_and_reloads_what_was_changed() {
    use std::os::unix::fs::PermissionsExt;
    let wb = TestWorkbook::example();
    let data = tempfile::tempdir().unwrap();
    // An "editor" that renames the director in the file it is given (its last argument).
    let editor = data.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nfor f; do :; done\nsed -i 's/Annelies Verhoef/Annelies Verhoef-Bos/' \"$f\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.display().to_string();
    let mut pty = Pty::open_with(wb.path(), data.path(), &[("VISUAL", editor.as_str())]);
    pty.wait_for("What needs attention");
    pty.send("7");
    pty.wait_for("Contacts (15)");
    pty.send("E");
    pty.wait_for("Verhoef-Bos");
    pty.wait_for("reloaded");
    pty.send("q");
    pty.wait_exit();
    assert!(wb.read("contacts.ron").contains("Annelies Verhoef-Bos"));
}

#[test]
fn an_exercise_declared_on_screen_keeps_every_entry_typed_in_its_file() {
    let wb = TestWorkbook::example();
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::open(wb.path(), data.path());
    pty.wait_for("What needs attention");
    // Declare: `!`, then the scenario field (third) takes the first scenario.
    pty.send("!");
    pty.wait_for("Declare an incident or start an exercise");
    pty.send(TAB);
    pty.send(TAB);
    pty.send("\x1b[C"); // →
    pty.send(CTRL_S);
    pty.wait_for("EXERCISE");
    pty.wait_for("Call order");
    pty.send("l");
    pty.wait_for("Log ▸");
    pty.send("Front desk reports the collection website is down\r");
    pty.wait_for("Entry 1 saved");
    pty.send("Called the supplier's outage line\r");
    pty.wait_for("Entry 2 saved");
    pty.send("\x1b");
    pty.wait_gone("Log ▸");
    pty.send("q");
    pty.wait_exit();

    let dir = wb.file("incidents");
    let exercise = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "ron")
                && !p.ends_with("2025-06-12-tabletop-ransomware.ron")
        })
        .expect("the exercise's file");
    let text = std::fs::read_to_string(&exercise).unwrap();
    assert!(text.contains("kind: Exercise,"), "{text}");
    assert!(text.contains("scenario: Some("), "{text}");
    let first = text
        .find("text: \"Front desk reports the collection website is down\"")
        .expect("the first entry");
    let second = text
        .find("text: \"Called the supplier's outage line\"")
        .expect("the second entry");
    assert!(first < second, "in the order typed");
}

/// A workbook committed in its own repository, set up for paraat, with an
/// identity of its own.
fn workbook_in_git() -> TestWorkbook {
    use common::git::{git, paraat_in};
    let wb = TestWorkbook::new(paraat::model::Language::En);
    git(wb.path(), &["init", "-q", "-b", "main"]);
    git(wb.path(), &["config", "user.name", "Anna Test"]);
    git(wb.path(), &["config", "user.email", "anna@example.org"]);
    paraat_in(wb.path())
        .args(["git", "setup"])
        .assert()
        .success();
    git(wb.path(), &["add", "-A"]);
    git(wb.path(), &["commit", "-q", "-m", "Start the workbook"]);
    wb
}

const GIT_ALONE: [(&str, &str); 2] = [
    ("GIT_CONFIG_GLOBAL", "/dev/null"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
];

#[test]
fn an_answer_is_seen_as_uncommitted_reviewed_and_committed_from_the_screen() {
    if !common::git::have_git() {
        return;
    }
    let wb = workbook_in_git();
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::open_with(wb.path(), data.path(), &GIT_ALONE);
    pty.wait_for("⎇ main · committed");
    pty.send("2");
    pty.wait_for("Checklist (31)");
    pty.send("ys");
    pty.wait_for("not committed: checklist.ron");
    pty.send("D");
    pty.wait_for("What changed since the last commit — main");
    pty.wait_for("answered: yes");
    pty.send("c");
    pty.wait_for("Commit the workbook's files");
    pty.wait_for("Checklist: update CL-01");
    pty.send(CTRL_S);
    pty.wait_for("Committed ");
    pty.wait_for("⎇ main · committed");
    let subject = common::git::git(wb.path(), &["log", "-1", "--format=%s"]);
    assert_eq!(subject.trim(), "Checklist: update CL-01");
    pty.send("q");
    pty.wait_exit();
}

#[test]
fn without_git_on_the_path_the_workbook_opens_and_nothing_about_git_shows() {
    if !common::git::have_git() {
        return;
    }
    let wb = workbook_in_git();
    let data = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap().to_owned();
    let mut pty = Pty::open_with(wb.path(), data.path(), &[("PATH", &path)]);
    pty.wait_for("What needs attention");
    pty.send("D");
    pty.wait_for("not in a git repository, or git is not installed");
    assert!(!pty.text().contains('⎇'), "{}", pty.text());
    pty.send("\x1b");
    pty.wait_gone("What changed since");
    pty.send("q");
    pty.wait_exit();
}
