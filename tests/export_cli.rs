//! `paraat export` and `paraat import csv` as a user runs them.

mod common;

use std::path::Path;

use common::{TestWorkbook, paraat};
use paraat::model::*;
use paraat::store::Store;
use predicates::prelude::*;

fn load(dir: &Path) -> Workbook {
    Store::load(dir).expect("loads").workbook
}

#[test]
fn export_writes_the_html_pack_by_default_and_says_where() {
    let wb = TestWorkbook::example();
    paraat()
        .args(["export", "--today", "2026-12-01"])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("readiness.html")
                .and(predicate::str::contains("private details")),
        );
    let html = wb.read("readiness.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Emergency card"));
}

#[test]
fn a_pack_from_a_clone_without_private_says_it_holds_no_private_details() {
    // A new workbook as a clone brings it: no private/ folder, no personal numbers.
    let wb = TestWorkbook::new(Language::En);
    assert!(!wb.path().join("private/contacts.ron").exists());
    paraat()
        .args(["export", "--today", "2026-12-01"])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "no private details: the workbook has none",
        ));
    let html = wb.read("readiness.html");
    assert!(html.contains("This copy holds no private details"));
    assert!(!html.contains("This copy holds private details"));
}

#[test]
fn export_with_a_fixed_now_is_reproducible() {
    let wb = TestWorkbook::example();
    let out = tempfile::tempdir().unwrap();
    for name in ["a.md", "b.md"] {
        paraat()
            .args(["export", "--format", "md", "--today", "2026-12-01", "-o"])
            .arg(out.path().join(name))
            .env("PARAAT_NOW", "2026-12-01T10:00:00Z")
            .current_dir(wb.path())
            .assert()
            .success();
    }
    let a = std::fs::read_to_string(out.path().join("a.md")).unwrap();
    let b = std::fs::read_to_string(out.path().join("b.md")).unwrap();
    assert_eq!(a, b);
    assert!(a.contains("2026-12-01 "), "the moment, in local time");
}

#[test]
fn export_shows_times_in_local_time_with_summer_and_winter() {
    let wb = TestWorkbook::example();
    let out = tempfile::tempdir().unwrap();
    let md = out.path().join("pack.md");
    paraat()
        .args(["export", "--format", "md", "--today", "2026-12-01", "-o"])
        .arg(&md)
        .env("PARAAT_NOW", "2026-12-01T10:00:00Z")
        // Amsterdam's rules, written out so no time zone database is needed.
        .env("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
        .current_dir(wb.path())
        .assert()
        .success();
    let text = std::fs::read_to_string(&md).unwrap();
    // Generated in winter (+01:00); the tabletop closed in summer (+02:00).
    assert!(text.contains("2026-12-01 11:00 (+01:00)"), "generated at");
    assert!(text.contains("2025-06-12 12:45 (+02:00)"), "closed at");
    assert!(!text.contains("T10:00:00Z") && !text.contains("T10:45:00Z"));
    // The incident file keeps UTC.
    assert!(
        wb.read("incidents/2025-06-12-tabletop-ransomware.ron")
            .contains("closed_at: Some(\"2025-06-12T10:45:00Z\")")
    );
}

#[test]
fn export_card_on_two_pages_adds_the_recovery_order() {
    let wb = TestWorkbook::example();
    let out = tempfile::tempdir().unwrap();
    for (format, name) in [("html", "card.html"), ("md", "card.md")] {
        let card = out.path().join(name);
        paraat()
            .args(["export", "--card", "--pages", "2", "--format", format, "-o"])
            .arg(&card)
            .current_dir(wb.path())
            .assert()
            .success();
        let text = std::fs::read_to_string(card).unwrap();
        let roles = text.find("Crisis roles").expect("page 1");
        let order = text.find("Recovery order").expect("page 2");
        assert!(roles < order, "{format}");
        assert!(text.contains("Ticketing and admissions") && text.contains("B-004"));
        assert!(!text.contains("Risk register"), "only the card");
    }
    // One page is the default, and `--pages 1` says so.
    paraat()
        .args(["export", "--card", "--pages", "1", "-o", "-"])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Crisis roles")
                .and(predicate::str::contains("Recovery order").not()),
        );
    // A page count belongs to the card, and a card has one page or two.
    paraat()
        .args(["export", "--pages", "2", "-o", "-"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--card"));
    paraat()
        .args(["export", "--card", "--pages", "3", "-o", "-"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("3"));
}

#[test]
fn export_card_writes_only_the_emergency_card() {
    let wb = TestWorkbook::example();
    let out = tempfile::tempdir().unwrap();
    let card = out.path().join("card.html");
    paraat()
        .args(["export", "--card", "--redact", "-o"])
        .arg(&card)
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("emergency card").and(predicate::str::contains("redacted")),
        );
    let html = std::fs::read_to_string(card).unwrap();
    assert!(html.contains("Crisis roles") && !html.contains("Recovery order"));
    assert!(!html.contains("06 55555 0104"), "redacted");
}

#[test]
fn export_csv_writes_a_folder_of_registers_and_refuses_the_card() {
    let wb = TestWorkbook::example();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("sheets");
    paraat()
        .args(["export", "--format", "csv", "-o"])
        .arg(&dir)
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("risks.csv"));
    for name in ["risks.csv", "contacts.csv", "plan.csv", "backups.csv"] {
        assert!(dir.join(name).is_file(), "{name}");
    }
    paraat()
        .args(["export", "--format", "csv", "--card"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not csv"));
}

#[test]
fn export_never_writes_over_a_workbook_file() {
    let wb = TestWorkbook::example();
    let before = wb.read("risks.ron");
    paraat()
        .args(["export", "--format", "md", "-o", "risks.ron"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("workbook file"));
    assert_eq!(wb.read("risks.ron"), before);
}

#[cfg(unix)]
#[test]
fn an_export_with_private_details_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let wb = TestWorkbook::example();
    let out = tempfile::tempdir().unwrap();
    for (name, redact) in [("full.html", false), ("shared.html", true)] {
        let mut cmd = paraat();
        cmd.args(["export", "-o"]).arg(out.path().join(name));
        if redact {
            cmd.arg("--redact");
        }
        cmd.current_dir(wb.path()).assert().success();
    }
    let mode = |name: &str| {
        std::fs::metadata(out.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("full.html"), 0o600);
    assert_eq!(mode("shared.html"), 0o644);
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

#[test]
fn the_stamp_names_the_commit_and_uncommitted_changes() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        return; // No git here: the stamp says "no git commit", tested elsewhere.
    }
    let wb = TestWorkbook::example();
    git(wb.path(), &["init", "-q"]);
    git(wb.path(), &["add", "."]);
    git(wb.path(), &["commit", "-q", "-m", "Workbook"]);
    let export = || {
        let out = paraat()
            .args(["export", "--format", "md", "--card", "-o", "card.md"])
            .current_dir(wb.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        wb.read("card.md")
    };
    let clean = export();
    assert!(clean.contains("**Workbook commit:** "), "{clean}");
    assert!(!clean.contains("uncommitted") && !clean.contains("no git commit"));
    // The export itself is not a workbook change; an edited register is.
    wb.edit(
        "risks.ron",
        "Ransomware at the museum",
        "Ransomware at our museum",
    );
    assert!(export().contains("with uncommitted changes"));
}

#[test]
fn export_warns_when_private_details_would_go_into_git() {
    let wb = TestWorkbook::example();
    git(wb.path(), &["init", "-q"]);
    paraat()
        .args(["export"])
        .current_dir(wb.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("do not commit it"));
    paraat()
        .args(["export", "--redact"])
        .current_dir(wb.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("do not commit").not());
}

// ---- Import ---------------------------------------------------------------------

#[test]
fn csv_round_trip_brings_back_the_same_risks_and_contacts() {
    let example = TestWorkbook::example();
    let sheets = tempfile::tempdir().unwrap();
    paraat()
        .args(["export", "--format", "csv", "-o"])
        .arg(sheets.path())
        .current_dir(example.path())
        .assert()
        .success();

    let fresh = tempfile::tempdir().unwrap();
    let dir = fresh.path().join("wb");
    paraat()
        .arg("init")
        .arg(&dir)
        .args(["--org", "Museum Fresh"])
        .assert()
        .success();
    let before = load(&dir);
    paraat()
        .args(["import", "csv", "--contacts"])
        .arg(sheets.path().join("contacts.csv"))
        .arg("--risks")
        .arg(sheets.path().join("risks.csv"))
        .current_dir(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("Saved"));

    let original = load(example.path());
    let imported = load(&dir);
    let new_contacts = &imported.contacts.contacts[before.contacts.contacts.len()..];
    assert_eq!(new_contacts.len(), original.contacts.contacts.len());
    for (a, b) in original.contacts.contacts.iter().zip(new_contacts) {
        assert_eq!(
            (&a.name, &a.role, &a.organisation, a.kind, a.authority),
            (&b.name, &b.role, &b.organisation, b.kind, b.authority)
        );
        assert_eq!(
            (&a.phones, &a.email, &a.out_of_band, &a.availability),
            (&b.phones, &b.email, &b.out_of_band, &b.availability)
        );
        assert_eq!(
            (a.verified, &a.needs, &a.notes),
            (b.verified, &b.needs, &b.notes)
        );
        assert_eq!(a.private, b.private, "private details of {}", a.name);
    }
    let name = |wb: &Workbook, id: &Option<Id>| {
        id.as_ref()
            .and_then(|id| wb.contact(id.as_str()))
            .map(|c| c.name.clone())
    };
    assert_eq!(imported.risks.risks.len(), original.risks.risks.len());
    for (a, b) in original.risks.risks.iter().zip(&imported.risks.risks) {
        assert_eq!(
            (
                &a.title,
                &a.description,
                &a.threat,
                &a.vulnerability,
                &a.category
            ),
            (
                &b.title,
                &b.description,
                &b.threat,
                &b.vulnerability,
                &b.category
            )
        );
        assert_eq!(
            name(&original, &a.owner),
            name(&imported, &b.owner),
            "{}",
            a.title
        );
        assert_eq!(
            (
                a.current,
                &a.measures,
                a.treatment,
                a.residual,
                a.status,
                a.review_by,
                &a.notes
            ),
            (
                b.current,
                &b.measures,
                b.treatment,
                b.residual,
                b.status,
                b.review_by,
                &b.notes
            )
        );
    }
    // New ids, never clashing, and the marks moved past them.
    assert_eq!(imported.risks.risks[0].id.as_str(), "R-001");
    assert_eq!(imported.risks.next_number, 17);
    // (C-004 is the template's IBD contact for archives and heritage organisations,
    // so a museum's first own contact is C-005.)
    assert_eq!(new_contacts[0].id.as_str(), "C-005");
    assert_eq!(imported.contacts.next_number, 20);
    // Private details went to the private file, not into git.
    assert!(
        !std::fs::read_to_string(dir.join("contacts.ron"))
            .unwrap()
            .contains("Reigerhof 22")
    );
    assert!(
        std::fs::read_to_string(dir.join("private/contacts.ron"))
            .unwrap()
            .contains("Reigerhof 22")
    );
    paraat().arg("check").current_dir(&dir).assert().code(0);
}

#[test]
fn import_accepts_a_dutch_spreadsheet_with_semicolons() {
    let wb = TestWorkbook::new(Language::Nl);
    wb.write(
        "contacten.csv",
        "\u{feff}Naam;Rol;Organisatie;Telefoon;Mobiel;E-mail\r\nJan de Vries;ICT-beheer;Museum Test;0575 555 0101;06 55555 0101;jan@example.org\r\n",
    );
    wb.write(
        "risicos.csv",
        "Titel;Kans;Impact;Eigenaar;Behandeling;Herzien voor\nRansomware;4;5;Jan de Vries;verminderen;31-03-2027\nPhishing;Waarschijnlijk;3;;;\n",
    );
    paraat()
        .args([
            "import",
            "csv",
            "--contacts",
            "contacten.csv",
            "--risks",
            "risicos.csv",
        ])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("R-001  Ransomware"));
    let workbook = load(wb.path());
    let jan = workbook.contacts.contacts.last().unwrap();
    assert_eq!(jan.id.as_str(), "C-005", "C-004 is the IBD's in every kind");
    assert_eq!(jan.phones.len(), 2);
    assert_eq!(jan.phones[1].label, "Mobiel");
    let risks = &workbook.risks.risks;
    assert_eq!(risks.len(), 2);
    assert_eq!(risks[0].owner.as_ref().map(Id::as_str), Some("C-005"));
    assert_eq!(risks[0].treatment, Some(Treatment::Reduce));
    assert_eq!(risks[0].review_by, Date::from_ymd(2027, 3, 31));
    assert_eq!(risks[1].current.likelihood, 4, "a label of the Dutch scale");
}

#[test]
fn import_dry_run_shows_what_would_be_added_and_writes_nothing() {
    let wb = TestWorkbook::new(Language::En);
    wb.write(
        "risks.csv",
        "Title,Likelihood,Impact,Score\nFlood in the depot,2,5,10\n",
    );
    let before = wb.read("risks.ron");
    paraat()
        .args(["import", "csv", "--risks", "risks.csv", "--dry-run"])
        .current_dir(wb.path())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Would add 1 risks")
                .and(predicate::str::contains(
                    "R-001  Flood in the depot — 2×5 = 10 high",
                ))
                .and(predicate::str::contains("columns not imported: Score"))
                .and(predicate::str::contains("nothing was written")),
        );
    assert_eq!(wb.read("risks.ron"), before);
}

#[test]
fn import_reports_every_bad_row_and_writes_nothing() {
    let wb = TestWorkbook::new(Language::En);
    wb.write(
        "risks.csv",
        "Title,Likelihood,Impact,Owner,Treatment,Review by\n\
         Good one,3,3,,,\n\
         ,3,3,,,\n\
         Bad numbers,7,often,,,\n\
         Bad owner,2,2,Nobody Known,,\n\
         Bad treatment,2,2,,ignore it,2027-13-01\n",
    );
    let before = wb.read("risks.ron");
    paraat()
        .args(["import", "csv", "--risks", "risks.csv"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("risks.csv: row 3: the title is empty")
                .and(predicate::str::contains(
                    "row 4: likelihood \"7\" is not 1–5",
                ))
                .and(predicate::str::contains("row 4: impact \"often\""))
                .and(predicate::str::contains(
                    "row 5: owner \"Nobody Known\" is not a contact",
                ))
                .and(predicate::str::contains("row 6: treatment \"ignore it\""))
                .and(predicate::str::contains(
                    "row 6: review date \"2027-13-01\"",
                ))
                .and(predicate::str::contains("nothing was imported: 6 problems")),
        );
    assert_eq!(wb.read("risks.ron"), before);
}

#[test]
fn import_names_a_missing_required_column() {
    let wb = TestWorkbook::new(Language::En);
    wb.write("risks.csv", "Title,Impact\nFlood,4\n");
    paraat()
        .args(["import", "csv", "--risks", "risks.csv"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no column for the likelihood"));
}

#[test]
fn import_refuses_while_the_workbook_is_open_elsewhere() {
    let wb = TestWorkbook::new(Language::En);
    wb.write("contacts.csv", "Name\nJan\n");
    let _editor = Store::open_for_editing(wb.path()).expect("lock");
    paraat()
        .args(["import", "csv", "--contacts", "contacts.csv"])
        .current_dir(wb.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("opened elsewhere"));
}

#[test]
fn import_never_reuses_the_id_of_a_deleted_record() {
    let wb = TestWorkbook::new(Language::En);
    // were deleted; the register's mark says 3.
    wb.edit("risks.ron", "next_number: 1", "next_number: 3");
    wb.write("risks.csv", "Title,Likelihood,Impact\nFlood,2,5\n");
    paraat()
        .args(["import", "csv", "--risks", "risks.csv"])
        .current_dir(wb.path())
        .assert()
        .success();
    let workbook = load(wb.path());
    assert_eq!(workbook.risks.risks[0].id.as_str(), "R-003");
    assert_eq!(workbook.risks.next_number, 4);
}
