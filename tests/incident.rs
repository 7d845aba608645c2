//! Incident mode as people use it: declare, log from any shell, record calls, steps
//! and notifications, close with lessons, report. And the promises about the log:
//! two writers never lose each other's entries, a killed writer never loses a
//! confirmed one.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use common::TestWorkbook;
use paraat::model::*;
use paraat::store::incident::{self as incident_files, IncidentLock};
use paraat::store::{Store, format};
use predicates::prelude::*;

/// The binary, with a fixed time zone and no personal settings of whoever runs the tests.
fn paraat(config_dir: &Path) -> Command {
    let mut cmd = common::paraat();
    cmd.env("TZ", "UTC")
        .env("XDG_CONFIG_HOME", config_dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("USER", "tester");
    cmd
}

/// A workbook and a config folder of its own.
struct Setup {
    wb: TestWorkbook,
    config: tempfile::TempDir,
}

impl Setup {
    fn example() -> Setup {
        Setup {
            wb: TestWorkbook::example(),
            config: tempfile::tempdir().unwrap(),
        }
    }

    fn new(lang: Language) -> Setup {
        Setup {
            wb: TestWorkbook::new(lang),
            config: tempfile::tempdir().unwrap(),
        }
    }

    /// `paraat incident ARGS` in the workbook at `now`.
    fn incident(&self, now: &str, args: &[&str]) -> Command {
        let mut cmd = paraat(self.config.path());
        cmd.current_dir(self.wb.path())
            .args(["--now", now, "incident"])
            .args(args);
        cmd
    }

    fn std_command(&self, now: &str, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("paraat"));
        cmd.current_dir(self.wb.path())
            .env("TZ", "UTC")
            .env("XDG_CONFIG_HOME", self.config.path())
            .env_remove("PARAAT_WORKBOOK")
            .args(["--now", now, "incident"])
            .args(args);
        cmd
    }

    fn load(&self) -> Workbook {
        Store::load(self.wb.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .workbook
    }

    fn only_new_incident(&self) -> Incident {
        let mut found: Vec<Incident> = self
            .load()
            .incidents
            .into_iter()
            .filter(|i| !i.id.as_str().starts_with("2025-06-12"))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        found.remove(0)
    }
}

const T0: &str = "2026-03-28T22:00:00Z";

#[test]
fn start_log_notify_close_export_is_one_incident_from_declaration_to_report() {
    let s = Setup::example();
    s.incident(
        T0,
        &[
            "start",
            "Collection system encrypted",
            "--severity",
            "high",
            "--discovered",
            "2026-03-28T20:30:00Z",
            "--by",
            "Joris Bakhuizen",
        ],
    )
    .assert()
    .success()
    .stdout(
        predicate::str::contains("Declared incident 2026-03-28-collection-system-encrypted")
            .and(predicate::str::contains("C-005 Joris Bakhuizen"))
            .and(predicate::str::contains("0575 555 0142")),
    );
    let id = "2026-03-28-collection-system-encrypted";
    assert!(s.wb.file(&format!("incidents/{id}.ron")).is_file());

    s.incident(
        "2026-03-28T22:05:00Z",
        &[
            "log",
            "Isolated the collection server from the network",
            "--by",
            "Joris",
        ],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains("entry 1"));
    s.incident(
        "2026-03-28T22:06:00Z",
        &[
            "log",
            "--decision",
            "The museum stays closed until 12:00",
            "--by",
            "Annelies",
        ],
    )
    .assert()
    .success();
    s.incident(
        "2026-03-28T22:07:00Z",
        &["call", "C-005", "--reached", "--by", "Lotte"],
    )
    .assert()
    .success()
    .stdout(
        predicate::str::contains("Next in the call order").and(predicate::str::contains("C-004")),
    );
    s.incident(
        "2026-03-28T22:08:00Z",
        &["call", "C-004", "--not-reached", "--by", "Lotte"],
    )
    .assert()
    .success();
    s.incident("2026-03-28T22:09:00Z", &["step", "FH-02", "--by", "Joris"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 of 10 first-hour steps done"));
    s.incident(
        "2026-03-28T22:10:00Z",
        &["affected", "S-008", "S-003", "--by", "Joris"],
    )
    .assert()
    .success()
    .stdout(
        predicate::str::contains("Processes hit, in recovery order")
            .and(predicate::str::contains("P-004"))
            .and(predicate::str::contains("B-002"))
            .and(predicate::str::contains("personal-data")),
    );
    s.incident("2026-03-28T22:11:00Z", &["personal-data", "--by", "Joris"])
        .assert()
        .success()
        .stdout(predicate::str::contains("data protection authority (72 h)"));
    s.incident(
        "2026-03-29T09:00:00Z",
        &[
            "notify",
            "C-003",
            "--channel",
            "online breach form",
            "--reference",
            "AP-2026-0042",
            "--by",
            "Joris",
        ],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "[x] data protection authority (72 h)",
    ));

    // The status shows the clocks: the breach clock met, the insurer's 48 hours running
    // from discovery (20:30 UTC), here in its last quarter.
    s.incident("2026-03-30T10:00:00Z", &["status"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("met 2026-03-29 09:00 (+00:00)")
                .and(predicate::str::contains(
                    "insurer                                  due 2026-03-30 20:30 (+00:00): nearly due, 10 h 30 min left",
                ))
                .and(predicate::str::contains("[x] 1. C-005"))
                .and(predicate::str::contains("[~] 2. C-004"))
                .and(predicate::str::contains("[x] FH-02")),
        );

    s.incident(
        "2026-03-30T12:00:00Z",
        &[
            "close",
            "--lesson",
            "The insurer's number was missing from the printed list.",
            "--by",
            "Joris",
        ],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains("with 1 lesson learned"));

    let incident = s.only_new_incident();
    assert_eq!(incident.status, IncidentStatus::Closed);
    assert_eq!(
        incident.closed_at,
        Timestamp::parse("2026-03-30T12:00:00Z").ok()
    );
    assert_eq!(
        incident.discovered_at,
        Timestamp::parse("2026-03-28T20:30:00Z").ok()
    );
    assert_eq!(incident.declared_by, "Joris Bakhuizen");
    assert_eq!(incident.severity, Severity::High);
    assert!(incident.personal_data);
    assert_eq!(
        incident.affected_systems,
        [Id::from("S-008"), Id::from("S-003")]
    );
    assert_eq!(incident.lessons.len(), 1);
    let kinds: Vec<&EntryKind> = incident.timeline.iter().map(|e| &e.kind).collect();
    assert_eq!(kinds.len(), 9, "{kinds:?}");
    assert_eq!(kinds[1], &EntryKind::Decision);
    assert_eq!(
        kinds[2],
        &EntryKind::Call {
            contact: Id::from("C-005"),
            reached: true
        }
    );
    assert_eq!(
        kinds[4],
        &EntryKind::StepDone {
            step: Id::from("FH-02")
        }
    );
    assert_eq!(
        kinds[7],
        &EntryKind::Notified {
            to: Id::from("C-003")
        }
    );
    assert_eq!(incident.notifications.len(), 1);
    assert_eq!(
        incident.notifications[0].meets,
        Some(Deadline::DataProtection)
    );
    assert_eq!(incident.notifications[0].reference, "AP-2026-0042");

    // The file is canonical and the workbook still checks clean of errors.
    paraat(s.config.path())
        .args(["fmt", "--check"])
        .current_dir(s.wb.path())
        .assert()
        .code(0);

    let out = s.wb.path().join("report.md");
    s.incident(
        "2026-03-30T12:05:00Z",
        &["export", id, "--format", "md", "-o"],
    )
    .arg(&out)
    .assert()
    .success();
    let report = std::fs::read_to_string(&out).unwrap();
    for expected in [
        "# Incident report: Collection system encrypted",
        "Chamber of Commerce (KvK) number: 00000000",
        "Cyber insurance policy: CY-2024-118734",
        "- Name: Joris Bakhuizen",
        "## Timeline",
        "Isolated the collection server from the network",
        "## Decisions",
        "The museum stays closed until 12:00",
        "| 2026-03-29 09:00 (+00:00) |",
        "AP-2026-0042",
        "P-004 Friends and donor management",
        "## Personal data",
        "Nature of the breach (read, copied, changed, deleted or destroyed, stolen): _to fill in_",
        "S-003 Friends and donor database (CRM)",
        "## Lessons learned",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
}

#[test]
fn a_second_real_incident_is_refused_naming_the_active_one_but_an_exercise_may_run() {
    let s = Setup::new(Language::En);
    s.incident(T0, &["start", "Mail account taken over", "--by", "A"])
        .assert()
        .success();
    s.incident(T0, &["start", "Website defaced", "--by", "B"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("2026-03-28-mail-account-taken-over")
                .and(predicate::str::contains("still active")),
        );
    s.incident(T0, &["start", "Website defaced", "--exercise", "--by", "B"])
        .assert()
        .success();
    // The same title again gets its own file.
    s.incident(T0, &["start", "Website defaced", "--exercise", "--by", "B"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2026-03-28-website-defaced-2"));
    s.incident(T0, &["list"]).assert().success().stdout(
        predicate::str::contains("2026-03-28-mail-account-taken-over  incident")
            .and(predicate::str::contains("2026-03-28-website-defaced-2")),
    );
    // With a real incident active, log goes to it even with exercises running.
    s.incident(T0, &["log", "Reset the password", "--by", "A"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2026-03-28-mail-account-taken-over",
        ));
}

#[test]
fn log_without_an_active_incident_says_how_to_start_one() {
    let s = Setup::new(Language::En);
    s.incident(T0, &["log", "Something"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("paraat incident start"));
    s.incident(T0, &["log", "   "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
}

#[test]
fn with_two_exercises_and_no_incident_log_asks_which() {
    let s = Setup::new(Language::En);
    for _ in 0..2 {
        s.incident(T0, &["start", "--scenario", "climate-control", "--by", "F"])
            .assert()
            .success();
    }
    s.incident(T0, &["log", "Something", "--by", "F"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("several exercises are active"));
    s.incident(
        T0,
        &[
            "log",
            "Something",
            "--by",
            "F",
            "--id",
            "2026-03-28-exercise-the-building-s-climate-control-system-2",
        ],
    )
    .assert()
    .success();
}

#[test]
fn wrong_ids_are_refused_with_the_ones_that_exist() {
    let s = Setup::example();
    s.incident(T0, &["start", "Test", "--by", "A"])
        .assert()
        .success();
    s.incident(T0, &["call", "C-999", "--reached"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("C-999 is not a contact"));
    s.incident(T0, &["call", "C-005"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--reached"));
    s.incident(T0, &["step", "FH-99"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("FH-01, FH-02"));
    s.incident(T0, &["affected", "S-001", "S-099"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("S-099").and(predicate::str::contains("S-010")));
    s.incident(T0, &["start", "--scenario", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "ransomware-supplier, ransomware-network, invoice-fraud, climate-control, front-desk",
        ));
    s.incident(
        T0,
        &[
            "start",
            "Later",
            "--exercise",
            "--discovered",
            "2026-03-29T00:00:00Z",
        ],
    )
    .assert()
    .code(2)
    .stderr(predicate::str::contains("later than now"));
    // Nothing of that reached the log.
    assert!(s.only_new_incident().timeline.is_empty());
}

#[test]
fn an_exercise_with_a_scenario_shows_each_inject_when_its_minute_comes() {
    let s = Setup::example();
    s.incident(
        T0,
        &[
            "start",
            "--exercise",
            "--scenario",
            "ransomware-supplier",
            "--by",
            "Facilitator",
        ],
    )
    .assert()
    .success()
    .stdout(
        predicate::str::contains("EXERCISE")
            .and(predicate::str::contains("minute 0"))
            .and(predicate::str::contains("next: minute 10")),
    );
    let exercise = s.only_new_incident();
    assert_eq!(exercise.kind, IncidentKind::Exercise);
    assert_eq!(exercise.scenario.as_deref(), Some("ransomware-supplier"));
    assert!(
        !exercise.personal_data,
        "the story reveals the personal data later; the exercise does not start with it"
    );
    // Minute 15: no data-breach clock yet.
    s.incident("2026-03-28T22:15:00Z", &["status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("data protection authority (72 h)").not());
    // Minute 25: the supplier's confirmation (minute 20) revealed it; the clock runs from then.
    s.incident("2026-03-28T22:25:00Z", &["status"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("minute 20")
                .and(predicate::str::contains("The supplier confirms ransomware"))
                .and(predicate::str::contains("in the story: Monday 16:00"))
                .and(predicate::str::contains("minute 32 (").not())
                .and(predicate::str::contains(
                    "next: minute 32 at 22:32 (in 7 min)",
                ))
                .and(predicate::str::contains("data protection authority (72 h)"))
                // On story time: the reveal is Monday 16:00 in the story, 6 h 45 min
                // after its start, so the 72 hours end then in the story.
                .and(predicate::str::contains(
                    "due 2026-04-01 04:45 (+00:00) in the story",
                ))
                .and(predicate::str::contains("in the story: 6 h 50 min in")),
        );
    s.incident("2026-03-29T00:00:00Z", &["status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("every inject has been shown"));
}

#[test]
fn the_scenarios_are_listed_and_printed_in_the_workbooks_language() {
    let s = Setup::new(Language::Nl);
    s.incident(T0, &["scenarios"]).assert().success().stdout(
        predicate::str::contains("invoice-fraud").and(predicate::str::contains("Oefening")),
    );
    s.incident(T0, &["scenarios", "climate-control"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Minuut 20")
                .and(predicate::str::contains("in het verhaal: Zaterdag 08:40"))
                .and(predicate::str::contains("verwacht: "))
                .and(predicate::str::contains(
                    "Nabespreking (vanaf minuut 65, 25 minuten)",
                ))
                .and(predicate::str::contains("Feedbackformulier")),
        );
}

#[test]
fn output_follows_the_workbooks_language() {
    let s = Setup::new(Language::Nl);
    s.incident(
        T0,
        &[
            "start",
            "Collectiesysteem versleuteld",
            "--personal-data",
            "--by",
            "Joris",
        ],
    )
    .assert()
    .success()
    .stdout(
        predicate::str::contains("Gemeld: incident 2026-03-28-collectiesysteem-versleuteld")
            .and(predicate::str::contains(
                "Autoriteit Persoonsgegevens (72 uur)",
            ))
            .and(predicate::str::contains("Eerste uur")),
    );
    s.incident(T0, &["log", "Server losgekoppeld", "--by", "Joris"])
        .assert()
        .success()
        .stdout(predicate::str::contains("vastgelegd"));
    s.incident(T0, &["export"]).assert().success().stdout(
        predicate::str::contains("# Incidentverslag")
            .and(predicate::str::contains("_in te vullen_")),
    );
}

#[test]
fn file_text_never_reaches_the_terminal_as_control_characters() {
    let s = Setup::example();
    s.incident(
        T0,
        &[
            "start",
            "Evil\u{1b}[2J title",
            "--by",
            "Mallory\u{1b}]0;x\u{7}",
        ],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains("\u{1b}").not());
    s.incident(T0, &["log", "line\u{1b}[31m red", "--by", "M"])
        .assert()
        .success();
    for args in [&["status"][..], &["list"], &["export"]] {
        s.incident(T0, args).assert().success().stdout(
            predicate::str::contains("\u{1b}")
                .not()
                .and(predicate::str::contains("\u{7}").not()),
        );
    }
}

#[test]
fn the_author_comes_from_by_else_the_config_else_the_login() {
    let s = Setup::new(Language::En);
    s.incident(T0, &["start", "Test"]).assert().success();
    assert_eq!(s.only_new_incident().declared_by, "tester");
    let dir = s.config.path().join("paraat");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.ron"),
        "Config(\n    name: \"Joris Bakhuizen\",\n)\n",
    )
    .unwrap();
    s.incident(T0, &["log", "From the config"])
        .assert()
        .success();
    s.incident(T0, &["log", "From the flag", "--by", "Sanne"])
        .assert()
        .success();
    // A broken config is reported and skipped: logging goes on.
    std::fs::write(dir.join("config.ron"), "Config(nmae: \"x\")\n").unwrap();
    s.incident(T0, &["log", "Despite the typo"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("config file is not used")
                .and(predicate::str::contains("nmae")),
        );
    let by: Vec<String> = s
        .only_new_incident()
        .timeline
        .into_iter()
        .map(|e| e.by)
        .collect();
    assert_eq!(by, ["Joris Bakhuizen", "Sanne", "tester"]);
}

#[test]
fn logging_works_while_the_workbook_is_open_for_editing_elsewhere() {
    let s = Setup::example();
    s.incident(T0, &["start", "Test", "--by", "A"])
        .assert()
        .success();
    let mut editor = Store::open_for_editing(s.wb.path()).unwrap();
    s.incident(T0, &["log", "Written from another shell", "--by", "B"])
        .assert()
        .success();
    // The editor saving its own unchanged copy of the incident does not undo the entry …
    editor.store.save(&editor.workbook).unwrap();
    let id = s.only_new_incident().id;
    let on_disk = incident_files::read(s.wb.path(), id.as_str()).unwrap();
    assert_eq!(on_disk.timeline.len(), 1);
    // … and an entry the editor appends itself goes through the same lock, after which
    // it adopts the result and a save writes nothing more.
    let writer = incident_files::IncidentWriter::new(s.wb.path());
    let updated = writer
        .append_entry(
            id.as_str(),
            TimelineEntry {
                at: Timestamp::parse(T0).unwrap(),
                by: "Editor".into(),
                kind: EntryKind::Note,
                text: "Written by the screen".into(),
            },
        )
        .unwrap();
    editor
        .store
        .adopt_incident(&mut editor.workbook, updated)
        .unwrap();
    assert!(
        editor
            .store
            .save(&editor.workbook)
            .unwrap()
            .written
            .is_empty()
    );
    assert_eq!(
        incident_files::read(s.wb.path(), id.as_str())
            .unwrap()
            .timeline
            .len(),
        2
    );
    // But --plan-lesson needs the workbook itself, and says so without changing anything.
    s.incident(
        T0,
        &["close", "--lesson", "x", "--plan-lesson", "--by", "B"],
    )
    .assert()
    .code(2)
    .stderr(
        predicate::str::contains("opened elsewhere")
            .and(predicate::str::contains("without --plan-lesson")),
    );
    assert!(s.only_new_incident().is_active());
}

#[test]
fn an_entry_appended_while_another_writer_holds_the_lock_is_not_lost() {
    let s = Setup::example();
    s.incident(T0, &["start", "Test", "--by", "A"])
        .assert()
        .success();
    let id = s.only_new_incident().id;
    let lock = IncidentLock::acquire(s.wb.path(), id.as_str(), &|| {}).unwrap();
    let mut child = s
        .std_command(T0, &["log", "From the CLI", "--by", "CLI"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The CLI says it waits: it is blocked on our lock, not failed.
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.contains("waiting"), "{line}");
    // Meanwhile the lock holder writes its own entry, the way every writer does.
    let path = s.wb.file(&format!("incidents/{id}.ron"));
    let mut incident = incident_files::read(s.wb.path(), id.as_str()).unwrap();
    incident.timeline.push(TimelineEntry {
        at: Timestamp::parse(T0).unwrap(),
        by: "Screen".into(),
        kind: EntryKind::Note,
        text: "From the lock holder".into(),
    });
    paraat::store::atomic::write_atomic(
        &path,
        format::render(&incident).unwrap().as_bytes(),
        false,
    )
    .unwrap();
    drop(lock);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let texts: Vec<String> = incident_files::read(s.wb.path(), id.as_str())
        .unwrap()
        .timeline
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert_eq!(texts, ["From the lock holder", "From the CLI"]);
}

#[test]
fn killing_the_writer_during_saves_leaves_a_file_with_every_confirmed_entry() {
    let s = Setup::example();
    s.incident(T0, &["start", "Test", "--by", "A"])
        .assert()
        .success();
    for round in 0..8 {
        let before = s.only_new_incident().timeline.len();
        let mut child = s
            .std_command(T0, &["log", "-", "--by", "Loop"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let feeder = std::thread::spawn(move || {
            for i in 0..2000 {
                if writeln!(stdin, "round {round} entry {i}").is_err() {
                    break;
                }
            }
        });
        // Read confirmations, then kill the writer while it is busy saving the next ones.
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut confirmed = 0;
        let mut line = String::new();
        while confirmed < 10 + round * 7 {
            line.clear();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "the writer stopped early"
            );
            assert!(line.contains("logged"), "{line}");
            confirmed += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let _ = feeder.join();
        // The file loads, with every confirmed entry in order.
        let after = s.only_new_incident();
        let texts: Vec<&str> = after.timeline[before..]
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert!(texts.len() >= confirmed, "{} < {confirmed}", texts.len());
        for (i, text) in texts.iter().enumerate() {
            assert_eq!(*text, format!("round {round} entry {i}"));
        }
    }
}

#[test]
fn closing_with_plan_lessons_adds_linked_steps_to_the_learn_and_maintain_phase() {
    let s = Setup::new(Language::En);
    s.incident(T0, &["start", "--scenario", "climate-control", "--by", "F"])
        .assert()
        .success();
    s.incident(
        "2026-03-28T23:30:00Z",
        &[
            "close",
            "--lesson",
            "Nobody knew how to run the air handling units by hand. Write it down with the installer.",
            "--lesson",
            "Separate the building network from the office network.",
            "--plan-lesson",
            "--by",
            "F",
        ],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains("plan step STEP-8.6").and(predicate::str::contains("plan step STEP-8.7")));
    let wb = s.load();
    let exercise = wb.incidents.last().unwrap().clone();
    assert_eq!(exercise.status, IncidentStatus::Closed);
    let phase = wb.plan.phases.last().unwrap();
    let step = phase
        .steps
        .iter()
        .find(|s| s.id.as_str() == "STEP-8.6")
        .unwrap();
    assert_eq!(
        step.title,
        "Nobody knew how to run the air handling units by hand"
    );
    assert_eq!(step.incident.as_ref(), Some(&exercise.id));
    assert_eq!(phase.next_step, 8);
    assert_eq!(exercise.lessons[1].plan_step, Some(Id::from("STEP-8.7")));
    assert_eq!(paraat::review::integrity(&wb), []);
    // Closing twice is refused.
    s.incident(T0, &["close", "--id", exercise.id.as_str()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already closed"));
}

#[test]
fn a_broken_register_does_not_stop_the_log() {
    let s = Setup::example();
    s.incident(T0, &["start", "Test", "--by", "A"])
        .assert()
        .success();
    s.wb.edit("risks.ron", "risks: [", "risks: [[");
    s.incident(T0, &["log", "Still logging", "--by", "A"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("risks.ron").and(predicate::str::contains("paraat check")),
        );
    // The status works from what loaded, and names what did not.
    s.incident(T0, &["status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Call order"))
        .stderr(predicate::str::contains("risks.ron:"));
    let id = std::fs::read_dir(s.wb.file("incidents"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("2026-") && n.ends_with(".ron"))
        .unwrap();
    let incident = incident_files::read(s.wb.path(), id.trim_end_matches(".ron")).unwrap();
    assert_eq!(incident.timeline[0].text, "Still logging");
}

/// `paraat incident export ID --format md` at `now`, as text.
fn report_of(s: &Setup, now: &str, id: &str) -> String {
    let out = s
        .incident(now, &["export", id, "--format", "md"])
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
fn a_closed_incident_keeps_the_clocks_as_they_stood_at_its_close() {
    let s = Setup::example();
    s.incident(T0, &["start", "Ransomware", "--personal-data", "--by", "T"])
        .assert()
        .success();
    let id = s.only_new_incident().id.to_string();
    // Closing two hours in warns: the 72 hours and the insurer's window are not met.
    s.incident(
        "2026-03-29T00:00:00Z",
        &["close", "--lesson", "x", "--by", "T"],
    )
    .assert()
    .success()
    .stderr(
        predicate::str::contains("required deadlines not met yet").and(predicate::str::contains(
            "data protection authority (72 h): running",
        )),
    );
    let at_close = "running, 2 d 22 h left";
    // A week later the status and the report still say what they said at the close.
    s.incident("2026-04-05T09:00:00Z", &["status", &id])
        .assert()
        .success()
        .stdout(
            predicate::str::contains(at_close)
                .and(predicate::str::contains("the clocks stopped there"))
                .and(predicate::str::contains("overdue").not())
                .and(predicate::str::contains("(open for 2 h 00 min)")),
        );
    let report = report_of(&s, "2026-04-05T09:00:00Z", &id);
    assert!(report.contains(at_close), "{report}");
    assert!(report.contains("As they stood at the close"), "{report}");
    assert!(!report.contains("overdue"), "{report}");
}

#[test]
fn the_report_says_per_authority_whether_reporting_is_mandatory_or_voluntary() {
    let s = Setup::example();
    s.incident(
        T0,
        &["start", "Data stolen", "--personal-data", "--by", "T"],
    )
    .assert()
    .success();
    let id = s.only_new_incident().id.to_string();
    let report = report_of(&s, T0, &id);
    for expected in [
        "## Whom to tell",
        "- **mandatory** — Data protection authority (AP): a personal-data breach is reported within 72 hours",
        "- **voluntary** — National cyber security centre (NCSC)",
        "- **voluntary** — Police",
        "- **required by the policy** — Insurer",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
    assert!(!report.contains("a voluntary report"), "{report}");

    // Dutch, and under NIS2 the CSIRT is mandatory with the final report's clock.
    let s = Setup::new(Language::Nl);
    s.wb.edit("paraat.ron", "nis2: false", "nis2: true");
    s.incident(T0, &["start", "Storing", "--by", "T"])
        .assert()
        .success();
    let id = s.only_new_incident().id.to_string();
    let report = report_of(&s, T0, &id);
    for expected in [
        "## Wie moet het weten",
        "- **verplicht** — CSIRT onder NIS2",
        "- **niet nodig** — Autoriteit Persoonsgegevens",
        "NIS2 eindrapport (1 maand)",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
}

#[test]
fn the_report_details_are_typed_on_the_command_line_and_carried_by_the_report() {
    let s = Setup::example();
    s.incident(T0, &["start", "Ransomware", "--personal-data", "--by", "T"])
        .assert()
        .success();
    let id = s.only_new_incident().id.to_string();
    s.incident(
        "2026-03-28T23:00:00Z",
        &[
            "details",
            "breach-started=2026-03-27 21:10",
            "how-found=a ransom note on the reception PC",
            "nature=copied, stolen",
            "data-kinds=names and addresses, e-mail addresses",
            "people=1.200",
            "records=4000",
            "encrypted=no",
            "abroad=yes",
            "notification=first",
            "ransom=2 BTC asked in the note; no contact",
            "costs=€ 4,500 forensics",
            "--by",
            "T",
        ],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "Report details set: When the breach started",
    ));
    let incident = s.only_new_incident();
    assert_eq!(incident.report.people, Some(1200));
    assert_eq!(incident.report.encrypted, Some(Encryption::No));
    assert_eq!(
        incident.report.nature,
        [BreachNature::Copied, BreachNature::Stolen]
    );
    assert!(
        incident
            .timeline
            .iter()
            .any(|e| e.text.starts_with("Report details set")),
        "the log says what was set"
    );
    // A wrong value or an unknown detail is refused and changes nothing.
    s.incident(T0, &["details", "people=many"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a whole number"));
    s.incident(T0, &["details", "colour=red"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("breach-started, breach-ended"));
    assert_eq!(s.only_new_incident(), incident);
    // --dry-run shows the change and writes nothing.
    s.incident(T0, &["details", "people=5", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing was written"));
    assert_eq!(s.only_new_incident(), incident);

    let report = report_of(&s, "2026-03-29T00:00:00Z", &id);
    for expected in [
        "When the breach started: 2026-03-27 21:10 (+00:00)",
        "How it was found: a ransom note on the reception PC",
        "copied, stolen",
        "names and addresses, e-mail addresses",
        "Roughly how many people: 1200",
        "Roughly how many records: 4000",
        "Was the data encrypted: not encrypted",
        "People in other countries affected: yes",
        "First notification or a follow-up: first",
        "## For the insurer",
        "Policy number: CY-2024-118734",
        "Ransom demand or contact with the attackers: 2 BTC asked in the note; no contact",
        "Costs so far: € 4,500 forensics",
        "Evidence secured: _to fill in_",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in:\n{report}"
        );
    }
}

#[test]
fn times_may_be_typed_day_first_as_people_write_them() {
    let s = Setup::example();
    s.incident(
        T0,
        &[
            "start",
            "Phishing",
            "--discovered",
            "28-03-2026 21:30",
            "--by",
            "T",
        ],
    )
    .assert()
    .success();
    let incident = s.only_new_incident();
    assert_eq!(
        incident.discovered_at,
        Timestamp::parse("2026-03-28T21:30:00Z").ok()
    );
    s.incident(T0, &["details", "breach-started=27-3-2026 8:05"])
        .assert()
        .success();
    assert_eq!(
        s.only_new_incident().report.breach_started,
        Timestamp::parse("2026-03-27T08:05:00Z").ok()
    );
    // The file keeps UTC in ISO form.
    let file = s.wb.read(&format!("incidents/{}.ron", incident.id));
    assert!(file.contains("\"2026-03-28T21:30:00Z\""), "{file}");
}
