//! Files you can trust: what paraat writes it loads, no input panics it, every
//! writer takes the lock the others take, a save writes only what changed and all
//! of it or nothing, nothing outside the workbook is read, and nothing from a
//! file reaches the terminal raw. Each test attacks one class of failure.

mod common;

use std::path::Path;
use std::time::Duration as StdDuration;

use common::{TestWorkbook, paraat};
use paraat::model::*;
use paraat::store::{FileError, SaveError, Store, format};
use predicates::prelude::*;

const NOW: &str = "2026-03-28T22:00:00Z";

/// `paraat ARGS` in the workbook, with a guard against a hang (a FIFO) so a
/// broken promise fails the test instead of stalling CI.
fn run(wb: &TestWorkbook, args: &[&str]) -> assert_cmd::assert::Assert {
    paraat()
        .current_dir(wb.path())
        .env("TZ", "UTC")
        .env("USER", "tester")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("XDG_CONFIG_HOME", wb.path().join(".no-config"))
        .args(["--now", NOW, "--today", "2026-03-28"])
        .args(args)
        .timeout(StdDuration::from_secs(60))
        .assert()
}

fn load_errors(wb: &TestWorkbook) -> Vec<FileError> {
    match Store::load(wb.path()) {
        Ok(_) => panic!("the workbook loaded, but it should not"),
        Err(e) => e.files,
    }
}

/// Dutch text in every field of a risk, long enough to pass the parallel parse's
/// threshold when there are a few thousand of them.
fn dutch_risk(n: u32) -> Risk {
    let mut risk = Risk::new(
        Id::with_number("R", n, 4),
        format!("Risico {n}: ’s nachts valt de klimaatregeling uit in het depot"),
        Rating {
            likelihood: 3,
            impact: 4,
        },
    );
    risk.description = "Ééntje, twééde, ’t café — ë é è ï ö ü ß € ‘quote’ “dubbel”\n".repeat(3);
    risk.notes = format!("Notitie {n}: idée, reünie, coördinatie, naïef");
    risk
}

#[test]
fn a_large_register_of_multi_byte_text_loads_also_after_fmt() {
    // A register past the parallel parser's threshold whose middle is one long
    // text of three-byte characters (’): the parser aims its cuts at a share of
    // the length, and the three paddings move that aim by 0, 1 and 2 bytes, so
    // one of them lands inside a character whatever the number of threads.
    for pad in [0, 2, 4] {
        let wb = TestWorkbook::new(Language::Nl);
        let mut loaded = Store::open_for_editing(wb.path()).unwrap();
        let mut middle = dutch_risk(2);
        middle.description = "’".repeat(350_000);
        let mut first = dutch_risk(1);
        first.notes.push_str(&"x".repeat(pad));
        let mut risks = vec![first, middle];
        risks.extend((3..=400).map(dutch_risk));
        loaded.workbook.risks.risks = risks.clone();
        loaded.workbook.risks.next_number = 401;
        loaded.store.save(&loaded.workbook).unwrap();
        drop(loaded);
        assert!(std::fs::metadata(wb.file("risks.ron")).unwrap().len() > 1 << 20);
        let again = Store::load(wb.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.workbook.risks.risks, risks);
        if pad == 0 {
            // Also right after `fmt` rewrote it.
            wb.write(
                "risks.ron",
                &format!("// hand edit\n{}", wb.read("risks.ron")),
            );
            run(&wb, &["fmt"]).success();
            run(&wb, &["check"]).code(predicate::in_iter([0, 1]));
            let again = Store::load(wb.path()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(again.workbook.risks.risks, risks);
        }
    }
}

#[test]
fn text_whose_lines_look_like_conflict_markers_saves_and_loads() {
    let wb = TestWorkbook::new(Language::En);
    let mut loaded = Store::open_for_editing(wb.path()).unwrap();
    let mut risk = dutch_risk(1);
    risk.notes = "Before\n=======\n<<<<<<< HEAD\n>>>>>>> theirs\n||||||| base\nafter".into();
    risk.description = "<<<<<<< a note\n=======\n>>>>>>> end".into();
    loaded.workbook.risks.risks.push(risk.clone());
    loaded.store.save(&loaded.workbook).unwrap();
    drop(loaded);
    let text = wb.read("risks.ron");
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with("=======") || l.starts_with("<<<<<<<")),
        "a file paraat writes has no line that looks like a marker:\n{text}"
    );
    let again = Store::load(wb.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.workbook.risks.risks[0], risk);
}

#[test]
fn an_incident_entry_that_looks_like_a_conflict_marker_does_not_stop_the_log() {
    let wb = TestWorkbook::example();
    run(&wb, &["incident", "start", "Test", "--by", "A"]).success();
    for entry in ["=======", "<<<<<<< HEAD", ">>>>>>> main", "normal entry"] {
        run(&wb, &["incident", "log", entry, "--by", "A"]).success();
    }
    run(&wb, &["incident", "status"])
        .success()
        .stdout(predicate::str::contains("normal entry"));
    run(&wb, &["check"]).code(predicate::in_iter([0, 1]));
}

#[test]
fn a_real_merge_conflict_is_still_reported_also_inside_a_text() {
    // Markers between records.
    let wb = TestWorkbook::new(Language::En);
    wb.edit(
        "risks.ron",
        "risks: [",
        "risks: [\n<<<<<<< HEAD\n=======\n>>>>>>> theirs",
    );
    assert!(matches!(
        load_errors(&wb)[..],
        [FileError::MergeConflict { line: 4, .. }]
    ));
    // A conflict git made inside a multi-line text (both sides edited it).
    let wb = TestWorkbook::example();
    wb.edit(
        "risks.ron",
        "notes: \"Played through in the June 2025 tabletop exercise.\"",
        "notes: \"Played through\n<<<<<<< HEAD\nin June\n=======\nin July\n>>>>>>> theirs\n\"",
    );
    let errors = load_errors(&wb);
    assert!(
        matches!(&errors[..], [FileError::MergeConflict { file, .. }] if file == "risks.ron"),
        "{errors:?}"
    );
}

#[test]
fn a_ron_extension_header_is_refused_at_its_line() {
    for header in [
        "#![enable(implicit_some)]",
        "// a comment first\n#![enable(unwrap_newtypes)]",
    ] {
        let wb = TestWorkbook::new(Language::En);
        let text = wb.read("plan.ron");
        wb.write("plan.ron", &format!("{header}\n{text}"));
        let errors = load_errors(&wb);
        let line = header.lines().count();
        assert!(
            matches!(&errors[..], [FileError::Extension { file, line: l, .. }] if file == "plan.ron" && *l == line),
            "{errors:?}"
        );
        assert!(
            errors[0]
                .to_string()
                .starts_with(&format!("plan.ron:{line}:"))
        );
    }
}

#[test]
fn a_duration_past_any_bound_is_refused_at_its_line_and_no_command_panics() {
    let wb = TestWorkbook::example();
    let text = wb.read("paraat.ron");
    let line = 1 + text
        .lines()
        .position(|l| l.contains("insurer_window"))
        .unwrap();
    let from = text.lines().nth(line - 1).unwrap().to_owned();
    wb.edit(
        "paraat.ron",
        &from,
        "        insurer_window: Some(Days(4294967295)),",
    );
    run(&wb, &["check"]).code(2).stderr(
        predicate::str::contains(format!("paraat.ron:{line}:"))
            .and(predicate::str::contains("100 years")),
    );
    // The incident commands work from the rest, and say what is missing.
    run(&wb, &["incident", "start", "Test", "--by", "A"])
        .success()
        .stderr(predicate::str::contains("paraat.ron"));
    run(&wb, &["incident", "status"])
        .success()
        .stdout(predicate::str::contains("paraat.ron did not load"));
    run(&wb, &["incident", "log", "Still logging", "--by", "A"]).success();
    // The terminal UI opens, read-only on what loaded.
    let data = tempfile::tempdir().unwrap();
    let app = paraat::tui::App::open(paraat::tui::Options {
        root: wb.path().to_path_buf(),
        today: Date::parse("2026-03-28").unwrap(),
        today_fixed: true,
        scratch: false,
        data_dir: Some(data.path().to_path_buf()),
        export_dir: std::env::temp_dir(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(app.session.read_only().is_some());
}

#[test]
fn fmt_waits_for_the_incident_lock_and_keeps_an_entry_logged_meanwhile() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let wb = TestWorkbook::example();
    let id = "2025-06-12-tabletop-ransomware";
    let rel = format!("incidents/{id}.ron");
    // A hand edit, so `fmt` has the incident file to rewrite.
    let text = wb.read(&rel);
    wb.write(&rel, &format!("// checked by hand\n{text}"));
    let lock = paraat::store::incident::IncidentLock::acquire(wb.path(), id, &|| {}).unwrap();
    let mut fmt = std::process::Command::new(assert_cmd::cargo::cargo_bin("paraat"))
        .current_dir(wb.path())
        .arg("fmt")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(fmt.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(line.contains("waiting") && line.contains(&rel), "{line:?}");
    // While fmt waits, the lock holder logs an entry, as `incident log` does.
    let mut incident = paraat::store::incident::read(wb.path(), id).unwrap();
    incident.timeline.push(TimelineEntry {
        at: Timestamp::parse(NOW).unwrap(),
        by: "Logger".into(),
        kind: EntryKind::Note,
        text: "Logged while fmt waited".into(),
    });
    paraat::store::atomic::write_atomic(
        &wb.file(&rel),
        format::render(&incident).unwrap().as_bytes(),
        false,
    )
    .unwrap();
    drop(lock);
    assert!(fmt.wait().unwrap().success());
    let after = paraat::store::incident::read(wb.path(), id).unwrap();
    assert_eq!(
        after.timeline.last().unwrap().text,
        "Logged while fmt waited"
    );
    assert_eq!(
        wb.read(&rel),
        format::render(&after).unwrap(),
        "and it is canonical"
    );
}

#[test]
fn a_save_leaves_files_whose_records_did_not_change_as_they_are() {
    let wb = TestWorkbook::example();
    let backups = format!(
        "// Reviewed with the facilities manager.\n{}",
        wb.read("backups.ron")
    );
    wb.write("backups.ron", &backups);
    let risks = format!("// Our register.\n{}", wb.read("risks.ron"));
    wb.write("risks.ron", &risks);
    let mut loaded = Store::open_for_editing(wb.path()).unwrap();
    // Untouched records: nothing is written, comments and all.
    let report = loaded.store.save(&loaded.workbook).unwrap();
    assert!(report.written.is_empty(), "{report:?}");
    // A changed risk writes risks.ron only, and says its comment went.
    loaded.workbook.risks.risks[0].notes = "Changed".into();
    let report = loaded.store.save(&loaded.workbook).unwrap();
    assert_eq!(report.written, ["risks.ron"]);
    assert_eq!(report.normalised, ["risks.ron"]);
    assert_eq!(wb.read("backups.ron"), backups);
    // `fmt` is the one command that rewrites it.
    drop(loaded);
    run(&wb, &["fmt"])
        .success()
        .stdout(predicate::str::contains("backups.ron: rewritten"));
}

/// The example as a merge left it: `risks.ron` wrapped in `Conflicted(...)` with
/// one field to choose.
fn with_a_merge_conflict(wb: &TestWorkbook) {
    use paraat::model::conflict::{Conflict, Version};
    let mut workbook = Store::load(wb.path()).unwrap().workbook;
    let mut other = workbook.risks.risks[0].clone();
    other.title.push_str(" (their title)");
    workbook.conflicts.insert(
        "risks.ron".to_owned(),
        vec![Conflict::Changed {
            record: Some(other.id.clone()),
            fields: vec!["title".to_owned()],
            kept: "HEAD".to_owned(),
            other_side: "origin/main".to_owned(),
            other: Some(Box::new(Version::Risk(other))),
        }],
    );
    let files = paraat::store::render_workbook(&workbook, true).unwrap();
    let risks = files.iter().find(|f| f.path == "risks.ron").unwrap();
    assert!(risks.text.starts_with("Conflicted("));
    wb.write("risks.ron", &risks.text);
}

#[test]
fn a_file_a_merge_left_with_conflicts_is_read_and_saved_by_the_same_rules() {
    let wb = TestWorkbook::example();
    with_a_merge_conflict(&wb);
    let conflicted = wb.read("risks.ron");
    // Strict as any file: an extension header, or git's markers outside a text.
    wb.write(
        "risks.ron",
        &format!("#![enable(implicit_some)]\n{conflicted}"),
    );
    assert!(matches!(
        &load_errors(&wb)[..],
        [FileError::Extension { line: 1, .. }]
    ));
    wb.write(
        "risks.ron",
        &conflicted.replacen("    conflicts: [", "<<<<<<< HEAD\n    conflicts: [", 1),
    );
    assert!(matches!(
        &load_errors(&wb)[..],
        [FileError::MergeConflict { .. }]
    ));
    // A hand note in it is left alone by a save that changes other records, and
    // named when a save rewrites the file, which keeps the conflict to choose.
    let hand_edited = format!("// Choose with the director.\n{conflicted}");
    wb.write("risks.ron", &hand_edited);
    let mut loaded = Store::open_for_editing(wb.path()).unwrap();
    assert_eq!(loaded.workbook.conflicts["risks.ron"].len(), 1);
    loaded.workbook.backups.backups[0].notes = "Changed".into();
    let report = loaded.store.save(&loaded.workbook).unwrap();
    assert_eq!(report.written, ["backups.ron"]);
    assert_eq!(wb.read("risks.ron"), hand_edited);
    loaded.workbook.risks.risks[1].notes = "Changed".into();
    let report = loaded.store.save(&loaded.workbook).unwrap();
    assert_eq!(report.written, ["risks.ron"]);
    assert_eq!(report.normalised, ["risks.ron"]);
    let saved = wb.read("risks.ron");
    assert!(saved.starts_with("Conflicted(") && saved.contains("(their title)"));
    // Someone's change on disk is never overwritten.
    wb.write("risks.ron", &hand_edited);
    loaded.workbook.risks.risks[1].notes = "Changed again".into();
    assert!(matches!(
        loaded.store.save(&loaded.workbook),
        Err(SaveError::Conflict(_))
    ));
    assert_eq!(wb.read("risks.ron"), hand_edited);
    drop(loaded);
    run(&wb, &["fmt", "--check"])
        .code(1)
        .stdout(predicate::str::contains("risks.ron"));
    run(&wb, &["fmt"]).success();
    assert_eq!(wb.read("risks.ron"), conflicted);
}

#[cfg(unix)]
#[test]
fn a_file_a_merge_left_with_conflicts_is_not_read_through_a_link_out() {
    let wb = TestWorkbook::example();
    with_a_merge_conflict(&wb);
    let outside = tempfile::tempdir().unwrap();
    let moved = outside.path().join("risks.ron");
    std::fs::rename(wb.file("risks.ron"), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, wb.file("risks.ron")).unwrap();
    assert!(matches!(&load_errors(&wb)[..], [FileError::Link { .. }]));
}

#[test]
fn a_save_that_runs_out_of_disk_space_changes_nothing() {
    // `ulimit -f` makes every write past 20 KiB fail as a full disk does; the
    // adopt writes selfcheck.ron (15 KB, fits) and plan.ron (46 KB, does not).
    let wb = TestWorkbook::example();
    let before: Vec<String> = ["selfcheck.ron", "plan.ron"]
        .iter()
        .map(|f| wb.read(f))
        .collect();
    let binary = assert_cmd::cargo::cargo_bin("paraat");
    let output = std::process::Command::new("bash")
        .current_dir(wb.path())
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 20; exec '{}' --today 2026-03-28 selfcheck adopt SC-11",
            binary.display()
        ))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    let after: Vec<String> = ["selfcheck.ron", "plan.ron"]
        .iter()
        .map(|f| wb.read(f))
        .collect();
    assert_eq!(before, after, "no file was replaced");
    let left: Vec<String> = std::fs::read_dir(wb.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn leftover_temporary_files_are_ignored_by_git_and_removed_at_the_next_open() {
    let wb = TestWorkbook::new(Language::En);
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .current_dir(wb.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .args(args)
            .output()
            .unwrap()
    };
    git(&["init", "-q"]);
    let leftovers = [
        ".paraat-risks.ron-a1B2c3.tmp",
        "private/.paraat-contacts.ron-Zz9911.tmp",
        "incidents/.paraat-2026-01-01-x.ron-Qq1234.tmp",
    ];
    for rel in leftovers {
        wb.write(rel, "half a file");
        assert!(
            git(&["check-ignore", "-q", rel]).status.success(),
            "{rel} is not ignored"
        );
    }
    // Someone else's file with a similar name is left alone.
    wb.write(
        ".paraat-readiness.html-abc123.tmp",
        "an export being written",
    );
    drop(Store::open_for_editing(wb.path()).unwrap());
    for rel in leftovers {
        assert!(!wb.file(rel).exists(), "{rel} is still there");
    }
    assert!(wb.file(".paraat-readiness.html-abc123.tmp").exists());
}

#[cfg(unix)]
mod links_and_special_files {
    use super::*;
    use std::os::unix::fs::symlink;

    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    }

    #[test]
    fn a_link_out_of_the_workbook_is_refused_and_nothing_from_it_is_printed() {
        let wb = TestWorkbook::example();
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("environ");
        std::fs::write(&secret, "GITHUB_TOKEN=ghp_SECRETSECRETSECRET\n").unwrap();
        symlink(&secret, wb.file("incidents/2026-01-01-x.ron")).unwrap();
        for format in ["text", "github", "json"] {
            run(&wb, &["check", "--format", format])
                .code(2)
                .stdout(predicate::str::contains("SECRET").not())
                .stderr(
                    predicate::str::contains("SECRET")
                        .not()
                        .and(predicate::str::contains("incidents/2026-01-01-x.ron")),
                );
        }
        // /proc/self/environ is refused the same way.
        std::fs::remove_file(wb.file("incidents/2026-01-01-x.ron")).unwrap();
        symlink("/proc/self/environ", wb.file("incidents/2026-01-01-x.ron")).unwrap();
        run(&wb, &["check", "--format", "github"])
            .code(2)
            .stdout(predicate::str::contains("outside the workbook"));
        run(&wb, &["incident", "list"]).stdout(predicate::str::contains("outside the workbook"));
    }

    #[test]
    fn a_link_to_a_device_and_a_huge_file_are_refused_without_being_read() {
        let wb = TestWorkbook::example();
        std::fs::remove_file(wb.file("risks.ron")).unwrap();
        symlink("/dev/zero", wb.file("risks.ron")).unwrap();
        run(&wb, &["check"])
            .code(2)
            .stderr(predicate::str::contains("risks.ron").and(predicate::str::contains("outside")));
        // A link inside the workbook to a device is refused as a device.
        std::fs::remove_file(wb.file("risks.ron")).unwrap();
        let huge = std::fs::File::create(wb.file("risks.ron")).unwrap();
        huge.set_len(paraat::store::disk::MAX_FILE_BYTES + 1)
            .unwrap();
        run(&wb, &["check"])
            .code(2)
            .stderr(predicate::str::contains(
                "risks.ron: the file is larger than 64 MiB",
            ));
    }

    #[test]
    fn a_fifo_never_makes_a_command_wait() {
        let wb = TestWorkbook::example();
        std::fs::remove_file(wb.file("backups.ron")).unwrap();
        mkfifo(&wb.file("backups.ron"));
        run(&wb, &["check"])
            .code(2)
            .stderr(predicate::str::contains(
                "backups.ron: this is a named pipe",
            ));
        run(&wb, &["fmt"]).code(2);
        // An incident file that is a FIFO: the log refuses it at once.
        let wb = TestWorkbook::example();
        run(&wb, &["incident", "start", "Test", "--by", "A"]).success();
        let id = std::fs::read_dir(wb.file("incidents"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .find(|n| n.starts_with("2026-"))
            .unwrap();
        let path = wb.file(&format!("incidents/{id}"));
        std::fs::remove_file(&path).unwrap();
        mkfifo(&path);
        run(
            &wb,
            &[
                "incident",
                "log",
                "x",
                "--by",
                "A",
                "--id",
                id.trim_end_matches(".ron"),
            ],
        )
        .code(2)
        .stderr(predicate::str::contains("named pipe"));
    }

    #[test]
    fn private_must_be_a_real_folder_inside_the_workbook() {
        let wb = TestWorkbook::example();
        std::fs::create_dir(wb.file("docs")).unwrap();
        std::fs::rename(
            wb.file("private/contacts.ron"),
            wb.file("docs/contacts.ron"),
        )
        .unwrap();
        std::fs::remove_dir(wb.file("private")).unwrap();
        symlink("docs", wb.file("private")).unwrap();
        run(&wb, &["check"])
            .code(2)
            .stderr(predicate::str::contains("private/ must be a real folder"));
        // Saving never puts private details through the link either.
        let before = wb.read("docs/contacts.ron");
        assert!(Store::open_for_editing(wb.path()).is_err());
        assert_eq!(wb.read("docs/contacts.ron"), before);
    }

    #[test]
    fn fmt_writes_through_a_link_inside_the_workbook_and_keeps_the_link() {
        let wb = TestWorkbook::example();
        std::fs::create_dir(wb.file("registers")).unwrap();
        let text = format!("// hand edit\n{}", wb.read("risks.ron"));
        std::fs::write(wb.file("registers/risks.ron"), &text).unwrap();
        std::fs::remove_file(wb.file("risks.ron")).unwrap();
        symlink("registers/risks.ron", wb.file("risks.ron")).unwrap();
        run(&wb, &["fmt"]).success();
        let meta = std::fs::symlink_metadata(wb.file("risks.ron")).unwrap();
        assert!(meta.file_type().is_symlink(), "the link is still a link");
        assert!(!wb.read("registers/risks.ron").contains("hand edit"));
        run(&wb, &["fmt", "--check"]).success();
    }

    #[test]
    fn a_lock_file_that_is_a_link_is_never_written_through() {
        let wb = TestWorkbook::example();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("bashrc");
        std::fs::write(&victim, "export PATH=...\n").unwrap();
        symlink(&victim, wb.file(".paraat.lock")).unwrap();
        run(&wb, &["fmt"])
            .code(2)
            .stderr(predicate::str::contains("link"));
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "export PATH=...\n"
        );
    }

    #[test]
    fn the_git_commands_read_and_write_workbook_files_by_the_same_rules() {
        use common::git::{git, paraat_in};
        let wb = TestWorkbook::example();
        git(wb.path(), &["init", "-q", "-b", "main"]);
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("environ");
        std::fs::write(&secret, "GITHUB_TOKEN=ghp_SECRETSECRETSECRET\n").unwrap();
        // A `.gitattributes` that links out of the workbook is neither read into
        // the workbook nor written through.
        let _ = std::fs::remove_file(wb.file(".gitattributes"));
        symlink(&secret, wb.file(".gitattributes")).unwrap();
        paraat_in(wb.path())
            .args(["git", "setup"])
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("outside the workbook")
                    .and(predicate::str::contains("SECRET").not()),
            );
        assert_eq!(
            std::fs::read_to_string(&secret).unwrap(),
            "GITHUB_TOKEN=ghp_SECRETSECRETSECRET\n"
        );
        assert!(
            std::fs::symlink_metadata(wb.file(".gitattributes"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A FIFO there does not make it wait.
        std::fs::remove_file(wb.file(".gitattributes")).unwrap();
        mkfifo(&wb.file(".gitattributes"));
        paraat_in(wb.path())
            .args(["git", "setup"])
            .timeout(StdDuration::from_secs(60))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("named pipe"));
        paraat_in(wb.path())
            .args(["git", "setup", "--check"])
            .timeout(StdDuration::from_secs(60))
            .assert()
            .code(1);
        // `git resolve` reads the files it may update by the store's rules too:
        // an incident file that links out is not read.
        std::fs::remove_file(wb.file(".gitattributes")).unwrap();
        symlink(&secret, wb.file("incidents/2026-01-01-x.ron")).unwrap();
        paraat_in(wb.path())
            .args(["git", "resolve"])
            .timeout(StdDuration::from_secs(60))
            .assert()
            .stdout(predicate::str::contains("SECRET").not())
            .stderr(predicate::str::contains("SECRET").not());
        assert_eq!(
            std::fs::read_to_string(&secret).unwrap(),
            "GITHUB_TOKEN=ghp_SECRETSECRETSECRET\n"
        );
    }

    #[test]
    fn an_import_file_in_the_workbook_that_links_out_is_refused() {
        let wb = TestWorkbook::example();
        symlink("/proc/self/environ", wb.file("contacts.csv")).unwrap();
        run(
            &wb,
            &["import", "csv", "--contacts", "contacts.csv", "--dry-run"],
        )
        .code(2)
        .stderr(predicate::str::contains("outside the workbook"));
    }
}

/// Text no terminal may receive raw: an OSC 52 clipboard write, a title change,
/// a C1 CSI, a bidirectional override, a bell.
const HOSTILE: &str = "\u{1b}]52;c;cGFyYWF0\u{7}\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}";

fn raw_control(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

fn assert_no_raw_control(output: &std::process::Output, what: &str) {
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        if let Some(c) = raw_control(&text) {
            panic!("{what}: {stream} holds {c:?} raw:\n{text}");
        }
    }
}

#[test]
fn nothing_from_a_file_reaches_the_terminal_raw() {
    // Hostile text in every text field of every record.
    let wb = TestWorkbook::example();
    let loaded = Store::load(wb.path()).unwrap();
    let mut value = serde_json::to_value(&loaded.workbook.risks).unwrap();
    fn poison(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Array(items) => items.iter_mut().for_each(poison),
            serde_json::Value::Object(fields) => {
                for (key, field) in fields.iter_mut() {
                    match field {
                        serde_json::Value::String(s)
                            if ["title", "description", "notes", "threat", "measures"]
                                .contains(&key.as_str()) =>
                        {
                            s.push_str(HOSTILE)
                        }
                        other => poison(other),
                    }
                }
            }
            _ => {}
        }
    }
    poison(&mut value);
    let risks: Risks = serde_json::from_value(value).unwrap();
    wb.write("risks.ron", &format::render(&risks).unwrap());
    let mut manifest = loaded.workbook.manifest.clone();
    manifest.organisation.name.push_str(HOSTILE);
    wb.write("paraat.ron", &format::render(&manifest).unwrap());
    let commands: &[&[&str]] = &[
        &["check"],
        &["check", "--format", "github"],
        &["check", "--format", "json"],
        &["status"],
        &["selfcheck"],
        &["incident", "list"],
        &[
            "incident",
            "start",
            "Hostile\u{1b}]0;x\u{7}title",
            "--by",
            "A\u{1b}[2J",
        ],
        &["incident", "status"],
        &["incident", "log", "entry\u{9b}1m", "--by", "B"],
        &["export", "--card", "-o", "card.html"],
        &["fmt", "--check"],
        &["status", "--format", "json"],
        &["selfcheck", "--format", "json"],
        &["incident", "list", "--format", "json"],
        &["incident", "status", "--format", "json"],
        &["share", "--dry-run"],
        &["sector", ".", "--format", "json"],
        &["sector", ".", "--format", "json", "-o", "sector.json"],
        &["status", "--compare", "sector.json"],
        &["templates", "update", "--dry-run"],
    ];
    for args in commands {
        let output = paraat()
            .current_dir(wb.path())
            .env("TZ", "UTC")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .args(["--now", NOW, "--today", "2026-03-28"])
            .args(*args)
            .output()
            .unwrap();
        assert_no_raw_control(&output, &args.join(" "));
        // Each command did its work (0, or 1 for findings), so its output was
        // really made from the hostile text.
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // Values quoted in error messages: an incident id that does not match its
    // file, a bad date, a file name.
    let broken = TestWorkbook::example();
    let rel = "incidents/2025-06-12-tabletop-ransomware.ron";
    broken.edit(
        rel,
        "id: \"2025-06-12-tabletop-ransomware\"",
        "id: \"x\u{1b}]52;c;cGFyYWF0\u{7}\"",
    );
    broken.edit(
        "risks.ron",
        "review_by: Some(\"2027-03-31\")",
        "review_by: Some(\"\u{1b}]0;pwned\u{7}\")",
    );
    broken.write("incidents/\u{1b}[31mred.ron", "Incident(");
    for args in [
        &["check"][..],
        &["check", "--format", "github"],
        &["check", "--format", "json"],
        &["incident", "list"],
        &["incident", "list", "--format", "json"],
        &["status", "--format", "json"],
        &["share", "--dry-run"],
        &["sector", ".", "--format", "json"],
    ] {
        let output = paraat()
            .current_dir(broken.path())
            .args(args)
            .output()
            .unwrap();
        assert_ne!(output.status.code(), Some(101), "no panic");
        assert_no_raw_control(&output, &args.join(" "));
    }
}

#[test]
fn nothing_from_a_file_reaches_the_terminal_raw_from_the_git_commands_either() {
    use common::git::{git, paraat_in};
    let wb = TestWorkbook::example();
    git(wb.path(), &["init", "-q", "-b", "main"]);
    git(wb.path(), &["add", "."]);
    git(wb.path(), &["commit", "-q", "-m", "Start"]);
    let base = wb.read("risks.ron");
    let loaded = Store::load(wb.path()).unwrap();
    // Two branches each add the next risk, with hostile titles.
    let added = |title: &str| {
        let mut risks = loaded.workbook.risks.clone();
        let id = Id::with_number("R", risks.next_number, 3);
        risks.next_number += 1;
        risks.risks.push(Risk::new(
            id,
            format!("{title}{HOSTILE}"),
            Rating {
                likelihood: 2,
                impact: 2,
            },
        ));
        format::render(&risks).unwrap()
    };
    let (ours, theirs) = (added("Ours"), added("Theirs"));
    wb.write("risks.ron", &ours);
    let mut manifest = loaded.workbook.manifest.clone();
    manifest.organisation.name.push_str(HOSTILE);
    wb.write("paraat.ron", &format::render(&manifest).unwrap());
    let run_here = |args: &[&str]| {
        paraat_in(wb.path())
            .env("TZ", "UTC")
            .args(["--now", NOW, "--today", "2026-03-28"])
            .args(args)
            .timeout(StdDuration::from_secs(60))
            .output()
            .unwrap()
    };
    let mut json = Vec::new();
    for args in [
        &["diff"][..],
        &["diff", "--format", "md"],
        &["diff", "--format", "json"],
        &["check", "--format", "gitlab"],
        &["check", "--changed-since", "HEAD"],
        &["status"],
        &["git", "setup", "--check"],
        &["git", "resolve"],
        &["renumber", "R-001", "R-\u{1b}]0;x\u{7}9"],
        &["renumber", "R-\u{1b}[2J1", "R-099"],
    ] {
        let output = run_here(args);
        assert_ne!(output.status.code(), Some(101), "{args:?}: no panic");
        assert_no_raw_control(&output, &args.join(" "));
        if args.contains(&"json") || args.contains(&"gitlab") {
            json.push(String::from_utf8(output.stdout).unwrap());
        }
    }
    // The JSON is still JSON; `diff` keeps the text as it is, escaped.
    for text in &json {
        serde_json::from_str::<serde_json::Value>(text).unwrap();
    }
    assert!(json[0].contains("\\u009b") && json[0].contains("\\u202e"));
    let diff: serde_json::Value = serde_json::from_str(&json[0]).unwrap();
    assert!(diff.to_string().contains("\\u001b]0;pwned"), "{diff}");
    // The merge driver's notes name the records both sides added.
    let dir = tempfile::tempdir().unwrap();
    let side = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let (b, o, t) = (
        side("base", &base),
        side("ours", &ours),
        side("theirs", &theirs),
    );
    let output = run_here(&["merge-file", &b, &o, &t, "risks.ron"]);
    // Exit 1: git must stop for `paraat git resolve` (other files may refer to it).
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("renumbered"));
    assert_no_raw_control(&output, "merge-file");
}

#[test]
fn check_json_escapes_c1_controls_and_bidi_overrides() {
    let wb = TestWorkbook::example();
    wb.edit(
        "paraat.ron",
        "name: \"Museum De Zilveren Reiger\"",
        "name: \"Museum\u{9b}31m\u{202e}Reiger\u{7f}\"",
    );
    let output = paraat()
        .current_dir(wb.path())
        .args(["check", "--format", "json", "--today", "2026-03-28"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(raw_control(&text), None, "{text}");
    assert!(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("\\u007f"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["organisation"], "Museum\u{9b}31m\u{202e}Reiger\u{7f}");
}

#[test]
fn incident_commands_and_the_card_work_when_a_register_is_broken() {
    let wb = TestWorkbook::example();
    wb.edit("plan.ron", "phases: [", "phases: [\n=======");
    run(&wb, &["incident", "start", "Server down", "--by", "A"])
        .success()
        .stdout(
            predicate::str::contains("Call order")
                .and(predicate::str::contains("plan.ron did not load")),
        )
        .stderr(predicate::str::contains("plan.ron:"));
    run(&wb, &["incident", "log", "Isolated", "--by", "A"]).success();
    run(&wb, &["incident", "status"]).success();
    run(
        &wb,
        &["export", "--card", "-o", "card.md", "--format", "md"],
    )
    .success()
    .stderr(predicate::str::contains("plan.ron"));
    let card = wb.read("card.md");
    assert!(
        card.contains("Incomplete copy: plan.ron did not load"),
        "{card}"
    );
    assert!(card.contains("Sanne Oudejans"), "the call order is on it");
    // The full pack needs the whole workbook, and says to use --card.
    run(&wb, &["export", "-o", "pack.html"])
        .code(2)
        .stderr(predicate::str::contains("plan.ron"));
}

#[test]
fn when_contacts_is_broken_the_message_says_to_use_the_printed_card() {
    let wb = TestWorkbook::example();
    wb.edit("contacts.ron", "contacts: [", "contacts: [[");
    run(&wb, &["incident", "start", "Server down", "--by", "A"])
        .success()
        .stdout(predicate::str::contains("use the printed emergency card"))
        .stderr(predicate::str::contains("use the printed emergency card"));
    run(&wb, &["export", "--card", "-o", "card.html"])
        .code(2)
        .stderr(predicate::str::contains("use the last printed card"));
}

/// Every file written to a folder exactly as given (no canonical form enforced).
fn write_all(dir: &Path, files: &[(String, String)]) {
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn a_save_conflict_found_while_committing_names_what_was_saved() {
    // The store's pre-check and its commit-time check are both covered: a file
    // changed before the save is a conflict and nothing is written.
    let wb = TestWorkbook::example();
    let mut loaded = Store::open_for_editing(wb.path()).unwrap();
    loaded.workbook.risks.risks[0].notes = "Our change 7731".into();
    loaded.workbook.backups.backups[0].notes = "Our change 7731".into();
    write_all(
        wb.path(),
        &[(
            "backups.ron".into(),
            format!("// theirs\n{}", wb.read("backups.ron")),
        )],
    );
    match loaded.store.save(&loaded.workbook) {
        Err(SaveError::Conflict(conflicts)) => {
            assert_eq!(conflicts.len(), 1);
            assert_eq!(conflicts[0].file, "backups.ron");
        }
        other => panic!("{other:?}"),
    }
    assert!(!wb.read("risks.ron").contains("7731"), "nothing written");
}
